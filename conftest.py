"""Shared fixtures: a small tree with two sibling grassroots unions and their officers.

ROOT (Tổng LĐLĐ)
├── PROV (LĐLĐ tỉnh A)
│   └── CDVC (Công đoàn Viên chức tỉnh A)
│       ├── CDCS_A (Công đoàn cơ sở A)
│       └── CDCS_B (Công đoàn cơ sở B)
└── OTHER (LĐLĐ tỉnh B)
"""

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
def figure_families_read_again():
    """A catalogue row a test wrote and its rollback removed is not listed in the next test's figures
    (``core.figures`` reads its families' catalogues once until a row is saved or a request starts)."""
    from congdoan.core import figures

    figures.forget_families()
    yield
    figures.forget_families()


@pytest.fixture
def admin_user(db):
    return superuser()


@pytest.fixture
def tree(admin_user):
    root = make_unit("ROOT", "Tổng Liên đoàn Lao động Việt Nam", kind="tong-ldld")
    prov = make_unit("PROV", "Liên đoàn Lao động tỉnh A", root, kind="ldld-tinh")
    cdvc = make_unit("CDVC", "Công đoàn Viên chức tỉnh A", prov, kind="cd-cap-tren-co-so")
    a = make_unit("CDCS_A", "Công đoàn Sở Y tế", cdvc)
    b = make_unit("CDCS_B", "Công đoàn Sở Giáo dục và Đào tạo", cdvc)
    other = make_unit("OTHER", "Liên đoàn Lao động tỉnh B", root, kind="ldld-tinh")
    return SimpleNamespace(root=root, prov=prov, cdvc=cdvc, a=a, b=b, other=other)


@pytest.fixture
def officer_a(tree):
    user = UserFactory(username="officer_a", home_unit=tree.a)
    grant(user, tree.a, "chu-tich")
    return user


@pytest.fixture
def officer_b(tree):
    user = UserFactory(username="officer_b", home_unit=tree.b)
    grant(user, tree.b, "chu-tich")
    return user


@pytest.fixture
def cdvc_officer(tree):
    user = UserFactory(username="cdvc_officer", home_unit=tree.cdvc)
    grant(user, tree.cdvc, "chu-tich")
    return user


@pytest.fixture
def viewer_a(tree):
    user = UserFactory(username="viewer_a", home_unit=tree.a)
    grant(user, tree.a, "can-bo-van-phong")
    return user


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
