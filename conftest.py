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

from congdoan.accounts.services import token_issue
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit, superuser


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
