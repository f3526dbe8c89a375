"""Every error the API answers is JSON (``core.api.ErrorOut``) with the right status, whatever
went wrong and whatever ``DEBUG`` says: no HTML page, no traceback."""

import json

import pytest
from django.test import Client

from congdoan.accounts.services import token_issue

TOKEN_URL = "/api/v1/auth/token"


@pytest.fixture
def api(officer_a):
    """``api(method, path, **kwargs)``: officer_a's bearer request on a client that answers a
    server error instead of raising it, as a real server does."""
    client = Client(raise_request_exception=False)
    raw = token_issue(actor=officer_a, name="t")[1]

    def call(method, path, **kwargs):
        return getattr(client, method)(path, HTTP_AUTHORIZATION=f"Bearer {raw}", **kwargs)

    return call


def error(response, status) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert set(body) == {"message", "errors"} and body["message"]
    assert "Traceback" not in response.content.decode()
    return body


@pytest.mark.parametrize("debug", [False, True])
def test_a_body_over_the_limit_is_413(api, settings, debug):
    settings.DEBUG = debug
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"username": "x" * 2000, "password": "y"})
    response = api("post", TOKEN_URL, data=body, content_type="application/json")
    assert "quá lớn" in error(response, 413)["message"]


@pytest.mark.parametrize("body", ["{not json", "\xff\xfe", "[1, 2"])
def test_a_malformed_body_is_400(api, body):
    error(api("post", TOKEN_URL, data=body, content_type="application/json"), 400)


def test_a_multipart_body_without_a_boundary_is_400(api):
    """Found by the schema fuzzer: Django's multipart parser refuses it (it used to be a 500)."""
    body = json.dumps({"username": "", "password": "x"})
    error(api("post", TOKEN_URL, data=body, content_type="multipart/form-data"), 400)


@pytest.mark.parametrize("debug", [False, True])
def test_a_server_error_is_json_without_a_traceback(api, settings, monkeypatch, debug, caplog):
    settings.DEBUG = debug

    def broken(**kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("congdoan.accounts.selectors.account_roles", broken)
    response = api("get", "/api/v1/me")
    assert "secret detail" not in error(response, 500)["message"] + response.content.decode()
    assert "secret detail" in caplog.text  # logged with its traceback for the operators


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_address_is_a_json_404(api, settings, debug):
    settings.DEBUG = debug
    error(api("get", "/api/v1/khong-co"), 404)


def test_a_method_the_address_does_not_take_is_a_json_405(api):
    response = api("delete", "/api/v1/units")
    error(response, 405)
    assert "GET" in response["Allow"]


def test_the_other_errors_keep_their_status(api, client, tree, viewer_a):
    error(client.get("/api/v1/me"), 401)
    raw = token_issue(actor=viewer_a, name="v")[1]  # read-only in CĐCS A
    rename = json.dumps({"name": "Tên mới", "on": "2024-06-01"})
    forbidden = client.patch(
        f"/api/v1/units/{tree.a.pk}",
        rename,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    error(forbidden, 403)
    error(api("get", f"/api/v1/units/{tree.other.pk}"), 404)
    error(api("get", "/api/v1/units", data={"as_of": "hôm qua"}), 422)


def test_pages_keep_html_errors(client):
    """Only the API answers JSON: a page's error stays a page."""
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404 and not response["Content-Type"].startswith("application/json")
