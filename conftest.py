"""Shared fixtures: a small tree with two sibling grassroots unions and their officers.

ROOT (Tổng LĐLĐ)
├── PROV (LĐLĐ tỉnh A)
│   └── CDVC (Công đoàn Viên chức tỉnh A)
│       ├── CDCS_A (Công đoàn cơ sở A)
│       └── CDCS_B (Công đoàn cơ sở B)
└── OTHER (LĐLĐ tỉnh B)
"""

import copy
import json
from types import SimpleNamespace

import pytest
from django.apps import apps

from congdoan.accounts.services import token_issue
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit, superuser


# What the data migrations seed (unit kinds, role kinds, officer positions, default grants). The
# flush after each transactional test removes it, and serialized_rollback cannot bring it back in
# the browser tests: under Playwright's event loop asgiref hands this thread new connection
# objects, without the copy serialized when the test database was created. Seed operations say so
# with ``hints={"seed": True}``; they are replayed in migration order, so a new module's seeds come too.
def _seed_operations():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.operations import RunPython

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    return [
        operation.code
        for migration, _backwards in plan
        for operation in migration.operations
        if isinstance(operation, RunPython) and operation.hints.get("seed")
    ]


@pytest.fixture(scope="session")
def seed_operations(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _seed_operations()


@pytest.fixture(autouse=True)
def seeded_after_flush(request):
    """Every transactional test starts with the seeds, whichever transactional test ran before it
    on this worker and flushed them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or bool(
        marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        for code in request.getfixturevalue("seed_operations"):
            code(apps, None)


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in Vietnamese: a request in English leaves English active in the worker's
    thread (LocaleMiddleware activates it and nothing deactivates it), and a later test on that
    worker would otherwise read English messages."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture(autouse=True)
def figure_families_read_again():
    """A catalogue row a test wrote and its rollback removed is not listed in the next test's figures
    (``core.figures`` reads its families' catalogues once until a row is saved or a request starts)."""
    from congdoan.core import figures

    figures.forget_families()
    yield
    figures.forget_families()


class SharedWorld:
    """Objects that a run of consecutive tests share, built once in a transaction opened before the
    tests' own: each test runs in a savepoint of it and rolls back to the world (as
    ``TestCase.setUpTestData`` does); each test reads its own deep copy of the instances. A world is
    named by the fixture that wants it (``@shared_world("own")`` on a function returning the values
    of ``admin_user``, ``tree``, officers and ``own``, built as the fixtures would). The world is
    rolled back as soon as a test that does not want it comes, so every other test finds the
    database it always found. The first test of a worker, before the test database exists, builds
    its fixtures itself."""

    builders: dict = {}

    def __init__(self):
        self.name = None
        self.values = None
        self.current = None
        self.atomic = None
        self.blocker = None

    def switch(self, item):
        from django.db import transaction

        wanted = next((key for key in self.builders if self._wants(item, key)), None)
        if wanted != self.name:
            self.close()
        if wanted and self.name is None and self.blocker is not None:
            with self.blocker.unblock():
                self.atomic = transaction.atomic()
                self.atomic.__enter__()
                self.values = self.builders[wanted]()
            self.name = wanted
        self.current = copy.deepcopy(self.values) if self.name else None

    @staticmethod
    def _wants(item, key) -> bool:
        """The test uses the fixture ``key`` names (that of the builder's module, not a namesake)."""
        module, fixture = key
        info = getattr(item, "_fixtureinfo", None)
        defs = info.name2fixturedefs.get(fixture) if info is not None else None
        return bool(defs) and defs[-1].func.__module__ == module

    def close(self):
        from django.db import transaction

        if self.atomic is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
        self.name = self.values = self.current = self.atomic = None

    def get(self, fixture: str, build):
        """The world's value of ``fixture`` if a world is open and has it, else ``build()``."""
        if self.current is not None and fixture in self.current:
            return self.current[fixture]
        return build()


_world = SharedWorld()


def shared_world(fixture: str):
    """Registers the builder of the world wanted by the tests that use ``fixture`` (the fixture of
    the builder's module)."""

    def register(builder):
        SharedWorld.builders[builder.__module__, fixture] = builder
        return builder

    return register


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _world.switch(item)


@pytest.fixture(scope="session")
def world(django_db_setup, django_db_blocker):
    _world.blocker = django_db_blocker
    yield _world
    _world.close()


def make_tree() -> SimpleNamespace:
    root = make_unit("ROOT", "Tổng Liên đoàn Lao động Việt Nam", kind="tong-ldld")
    prov = make_unit("PROV", "Liên đoàn Lao động tỉnh A", root, kind="ldld-tinh")
    cdvc = make_unit("CDVC", "Công đoàn Viên chức tỉnh A", prov, kind="cd-cap-tren-co-so")
    a = make_unit("CDCS_A", "Công đoàn Sở Y tế", cdvc)
    b = make_unit("CDCS_B", "Công đoàn Sở Giáo dục và Đào tạo", cdvc)
    other = make_unit("OTHER", "Liên đoàn Lao động tỉnh B", root, kind="ldld-tinh")
    return SimpleNamespace(root=root, prov=prov, cdvc=cdvc, a=a, b=b, other=other)


def make_officer(username: str, unit, role: str = "chu-tich"):
    user = UserFactory(username=username, home_unit=unit)
    grant(user, unit, role)
    return user


@pytest.fixture
def admin_user(db, world):
    return world.get("admin_user", superuser)


@pytest.fixture
def tree(admin_user, world):
    return world.get("tree", make_tree)


@pytest.fixture
def officer_a(tree, world):
    return world.get("officer_a", lambda: make_officer("officer_a", tree.a))


@pytest.fixture
def officer_b(tree, world):
    return world.get("officer_b", lambda: make_officer("officer_b", tree.b))


@pytest.fixture
def cdvc_officer(tree, world):
    return world.get("cdvc_officer", lambda: make_officer("cdvc_officer", tree.cdvc))


@pytest.fixture
def viewer_a(tree, world):
    return world.get("viewer_a", lambda: make_officer("viewer_a", tree.a, "can-bo-van-phong"))


@pytest.fixture
def as_(client):
    """``as_(user)``: the test client, signed in as ``user``."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def call(client):
    """``call(user, method, path, body)``: an API request with a bearer token of ``user``."""
    tokens = {}

    def _call(user, method, path, body=None, *, raw=None):
        if user.pk not in tokens:
            tokens[user.pk] = token_issue(actor=user, name="test")[1]
        data = raw if raw is not None else ("" if body is None else json.dumps(body))
        return client.generic(
            method,
            "/api/v1" + path,
            data=data,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {tokens[user.pk]}",
        )

    return _call
