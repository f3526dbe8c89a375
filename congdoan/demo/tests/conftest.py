import io
from pathlib import Path

import pytest
from django.core.management import call_command

from conftest import shared_world
from congdoan.organizations.models import Unit


def run_load_demo(**options) -> str:
    out = io.StringIO()
    # pytest-django runs with DEBUG=False, which the command refuses without --force.
    call_command("load_demo", stdout=out, **{"force": True, **options})
    return out.getvalue()


def _load() -> dict[str, Unit]:
    run_load_demo()
    return {unit.code: unit for unit in Unit.objects.all()}


@shared_world("demo")
def _demo_world():
    """The demo loaded once for the tests that read it one after another (the root conftest's
    SharedWorld: each test rolls back to it; a test without the demo rolls it back first)."""
    return {"demo": _load()}


@pytest.fixture
def demo(db, world) -> dict[str, Unit]:
    """The demo data loaded; its units by code."""
    return world.get("demo", _load)


def pytest_collection_modifyitems(items):
    """Within each module of this folder, the tests that read the demo first (in their order), so
    that they share one load of it; the others after, on the empty database."""
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
