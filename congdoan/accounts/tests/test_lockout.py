"""The login lockout (django-axes through ``accounts/lockout.py``) on both doors: counted per
identity however it is spelled, per client address, and for unreadable token requests (issue 8)."""

import json

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings

from congdoan.accounts.lockout import client_ip, identity

PASSWORD = "matkhau-123"  # UserFactory's
LOGIN_URL = "/tai-khoan/dang-nhap/"
TOKEN_URL = "/api/v1/auth/token"


def token(client, username, password=PASSWORD, **extra):
    body = json.dumps({"username": username, "password": password})
    return client.post(TOKEN_URL, body, content_type="application/json", **extra)


def login(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password}, **extra)


def test_identity_is_one_however_spelled(officer_a):
    rf = RequestFactory()
    spellings = ["officer_a", "OFFICER_A", " Officer_A  ", "officer_a@example.vn", "OFFICER_A@EXAMPLE.VN "]
    assert {identity(rf.post("/"), {"username": s}) for s in spellings} == {"officer_a"}
    assert identity(rf.post("/"), {"username": " Nobody "}) == "nobody"


def test_token_endpoint_counts_bodies_without_a_boundary(client, officer_a):
    """Issue 8: ``multipart/form-data`` without a boundary was answered 400 and never counted."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            TOKEN_URL, b"username=officer_a&password=x", content_type="multipart/form-data"
        )
        assert response.status_code in (400, 429)
    assert token(client, "officer_a").status_code == 429
    assert (
        Client(REMOTE_ADDR="10.0.0.9")
        .post(
            TOKEN_URL,
            json.dumps({"username": "officer_a", "password": PASSWORD}),
            content_type="application/json",
        )
        .status_code
        == 201
    )  # counted for that address, not for the account


def test_token_endpoint_counts_invalid_json_fields(client, officer_a):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            TOKEN_URL, json.dumps({"username": "officer_a"}), content_type="application/json"
        )
    assert response.status_code in (422, 429)
    assert token(client, "officer_a").status_code == 429


@pytest.mark.parametrize("door", [login, token])
def test_spelling_the_user_differently_is_counted_as_one(officer_a, door):
    """Issue 8: case, trailing spaces and the e-mail address each started a fresh count."""
    spellings = ["officer_a", "OFFICER_A", "officer_a ", "officer_a@example.vn", "Officer_A"]
    for n, spelling in enumerate(spellings[: settings.AXES_FAILURE_LIMIT]):
        # Each attempt from its own address: only the identity can tie them together.
        door(Client(REMOTE_ADDR=f"10.0.1.{n}"), spelling, "sai-mat-khau")
    assert door(Client(REMOTE_ADDR="10.0.2.1"), "officer_a").status_code == 429


@pytest.mark.parametrize("door", [login, token])
def test_one_address_trying_many_names_is_locked(officer_a, door):
    client = Client(REMOTE_ADDR="10.0.3.1")
    for n in range(settings.AXES_FAILURE_LIMIT):
        door(client, f"khong_co_ai_{n}", "sai-mat-khau")
    assert door(client, "officer_a").status_code == 429
    assert door(Client(REMOTE_ADDR="10.0.3.2"), "officer_a").status_code in (201, 302)


@override_settings(CLIENT_IP_PROXY_COUNT=1)
def test_behind_the_proxy_the_forwarded_address_counts(officer_a):
    rf = RequestFactory()
    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"  # what the proxy saw; the client's own entry ignored
    assert client_ip(rf.post("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7"), f"ai_{n}", "x")
    locked = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert login(locked, "officer_a").status_code == 429
    elsewhere = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert login(elsewhere, "officer_a").status_code == 302


@pytest.mark.parametrize("door", ["page", "token"])
def test_a_nul_byte_in_the_name_is_a_failed_login_not_a_server_error(client, officer_a, door):
    """PostgreSQL refuses NUL in a query (the schema fuzzer found it): a typed name is cleaned of
    control characters like every input, so this is officer_a with a wrong password."""
    if door == "page":
        response = client.post("/tai-khoan/dang-nhap/", {"username": "officer_a\x00", "password": "x"})
        assert response.status_code == 200
    else:
        body = '{"username": "officer_a\\u0000", "password": "x"}'
        response = client.post("/api/v1/auth/token", data=body, content_type="application/json")
        assert response.status_code == 401


@pytest.mark.parametrize("door", [login, token])
def test_a_lockout_says_when_to_try_again(officer_a, door):
    """Retry-After (RFC 9110) carries the cool-off, so a client or a script waits instead of hammering."""
    client = Client(REMOTE_ADDR="10.0.4.1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        door(client, "officer_a", "sai-mat-khau")
    response = door(client, "officer_a")
    assert response.status_code == 429
    assert int(response["Retry-After"]) == int(settings.AXES_COOLOFF_TIME * 3600)
