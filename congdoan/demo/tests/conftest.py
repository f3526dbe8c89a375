import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from congdoan.organizations.models import Unit


def run_load_demo(**options) -> str:
    out = io.StringIO()
    # pytest-django runs with DEBUG=False, which the command refuses without --force.
    call_command("load_demo", stdout=out, **{"force": True, **options})
    return out.getvalue()


class _LoadedDemo:
    """The demo loaded once for a run of tests of one module, in a transaction opened before the
    tests' own (each test then runs in a savepoint of it and rolls back to the loaded demo), rolled
    back when the module's tests are over or a test of the module that does not read the demo comes
    (that one must find the empty database it expects). As ``TestCase.setUpTestData`` does, and
    what pytest-django leaves room for (it does not close connections between tests)."""

    def __init__(self):
        self.atomic = None
        self.blocker = None

    def open(self, blocker):
        self.blocker = blocker
        with blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            run_load_demo()

    def close(self):
        if self.atomic is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
            self.atomic = None


_loaded = _LoadedDemo()


@pytest.fixture(scope="module")
def _demo_of_the_module(django_db_setup, django_db_blocker):
    """Module scope: set up before the test's database fixture, so the test's transaction nests in
    this one."""
    _loaded.open(django_db_blocker)
    yield _loaded
    _loaded.close()


@pytest.fixture
def demo(_demo_of_the_module, db) -> dict[str, Unit]:
    """The demo data loaded; its units by code."""
    if _demo_of_the_module.atomic is None:
        # A test without the demo ran in between on this worker and rolled it back: load it in
        # this test's own transaction.
        run_load_demo()
    return {unit.code: unit for unit in Unit.objects.all()}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that does not read the demo, after one that did in the same module, finds the empty
    database: the shared demo is rolled back before its fixtures are set up."""
    if "demo" not in item.fixturenames:
        _loaded.close()


def pytest_collection_modifyitems(items):
    """Within each module of this folder, the tests that read the demo first (in their order), so
    that the demo is loaded once for them; the others after, on the empty database."""
    here = Path(__file__).parent
    by_module = {}
    for item in items:
        if item.path.parent == here:
            by_module.setdefault(item.path, []).append(item)
    ordered, done = [], set()
    for item in items:
        if item.path not in by_module:
            ordered.append(item)
        elif item.path not in done:
            done.add(item.path)
            module = by_module[item.path]
            ordered += [i for i in module if "demo" in i.fixturenames]
            ordered += [i for i in module if "demo" not in i.fixturenames]
    items[:] = ordered
