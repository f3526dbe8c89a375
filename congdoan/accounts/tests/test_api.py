import datetime as dt
import json

import pytest
from django.utils import timezone

from congdoan.accounts.models import ApiToken
from congdoan.accounts.services import token_issue
from congdoan.core.models import AuditEntry
from congdoan.organizations.tests.factories import grant

PASSWORD = "matkhau-123"  # UserFactory's


def get_token(client, username, password=PASSWORD, **extra):
    body = json.dumps({"username": username, "password": password, **extra})
    return client.post("/api/v1/auth/token", body, content_type="application/json")


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


class TestToken:
    def test_issue_and_use(self, client, officer_a):
        response = get_token(client, "officer_a", name="Excel")
        assert response.status_code == 201
        raw = response.json()["token"]
        token = ApiToken.objects.get(user=officer_a)
        assert token.name == "Excel" and token.key_hash != raw  # only the hash is stored
        assert AuditEntry.objects.filter(action="token.issue", actor=officer_a).exists()
        assert client.get("/api/v1/me", **bearer(raw)).json()["username"] == "officer_a"

    def test_username_may_be_the_email(self, client, officer_a):
        assert get_token(client, "OFFICER_A@example.vn").status_code == 201

    @pytest.mark.parametrize("username", ["officer_a", "khong_co_ai"])
    def test_bad_credentials(self, client, officer_a, username):
        response = get_token(client, username, "sai-mat-khau")
        assert response.status_code == 401
        assert response.json() == {"message": "Tên đăng nhập hoặc mật khẩu không đúng.", "errors": {}}
        assert not ApiToken.objects.exists()

    def test_locked_out_after_repeated_failures(self, client, officer_a):
        statuses = [get_token(client, "officer_a", "sai-mat-khau").status_code for _ in range(5)]
        assert statuses == [401, 401, 401, 401, 429]
        response = get_token(client, "officer_a")  # even the right password, until the cool-off ends
        assert response.status_code == 429
        assert response["Content-Type"].startswith("application/json")
        assert "thử lại" in response.json()["message"]
        assert not ApiToken.objects.exists()

    def test_malformed_body(self, client, officer_a):
        response = client.post("/api/v1/auth/token", '{"username": ', content_type="application/json")
        assert response.status_code == 400
        assert response.json()["message"]
        response = client.post("/api/v1/auth/token", "{}", content_type="application/json")
        assert response.status_code == 422
        assert set(response.json()["errors"]) == {"username", "password"}

    def test_revoke_then_401(self, client, officer_a):
        raw = get_token(client, "officer_a").json()["token"]
        response = client.delete("/api/v1/auth/token", **bearer(raw))
        assert response.status_code == 204
        assert ApiToken.objects.get(user=officer_a).revoked_at is not None
        response = client.get("/api/v1/me", **bearer(raw))
        assert response.status_code == 401
        assert response.json()["message"] == "Chưa xác thực hoặc mã truy cập không hợp lệ."

    def test_revoke_only_the_token_in_use(self, client, officer_a):
        _, kept = token_issue(actor=officer_a, name="kept")
        _, used = token_issue(actor=officer_a, name="used")
        assert client.delete("/api/v1/auth/token", **bearer(used)).status_code == 204
        assert client.get("/api/v1/me", **bearer(kept)).status_code == 200

    def test_inactive_user_token_is_refused(self, client, officer_a):
        _, raw = token_issue(actor=officer_a)
        officer_a.is_active = False
        officer_a.save()
        assert client.get("/api/v1/me", **bearer(raw)).status_code == 401

    def test_last_use_is_recorded_at_most_once_a_minute(self, client, officer_a, django_assert_num_queries):
        token, raw = token_issue(actor=officer_a)
        client.get("/api/v1/me", **bearer(raw))
        token.refresh_from_db()
        first = token.last_used_at
        assert first is not None
        with django_assert_num_queries(3):  # token, roles, unit names: no write
            client.get("/api/v1/me", **bearer(raw))
        token.refresh_from_db()
        assert token.last_used_at == first
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
        client.get("/api/v1/me", **bearer(raw))
        token.refresh_from_db()
        assert token.last_used_at > first


def test_me(client, tree, officer_a, viewer_a):
    _, raw = token_issue(actor=officer_a)
    response = client.get("/api/v1/me", **bearer(raw))
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("id", "username", "email", "is_superuser")} == {
        "id": officer_a.pk,
        "username": "officer_a",
        "email": "officer_a@example.vn",
        "is_superuser": False,
    }
    [role] = body["roles"]
    assert role["role"] == "chu-tich" and role["role_name"] == "Chủ tịch"
    assert role["unit_id"] == tree.a.pk and role["unit_name"] == "Công đoàn Sở Y tế"
    assert role["valid_from"] == "2020-01-01" and role["valid_to"] is None
    assert "units.manage" in role["permissions"]


def test_me_lists_only_current_roles(client, tree, officer_a):
    grant(officer_a, tree.b, "uy-vien-bch", on=dt.date(2020, 1, 1), until=dt.date(2021, 1, 1))
    _, raw = token_issue(actor=officer_a)
    roles = client.get("/api/v1/me", **bearer(raw)).json()["roles"]
    assert [r["unit_id"] for r in roles] == [tree.a.pk]
