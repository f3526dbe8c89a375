"""A new password closes the old doors (issue 8): the account's API tokens stop working (audited) and
its other sessions end; a user changing their own password stays logged in here."""

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from congdoan.accounts import services
from congdoan.accounts.models import ApiToken
from congdoan.core.models import AuditEntry

PASSWORD = "matkhau-123"  # UserFactory's
NEW_PASSWORD = "mat-khau-moi-2024"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def me(raw: str) -> int:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def session_count(user) -> int:
    return sum(s.get_decoded().get("_auth_user_id") == str(user.pk) for s in Session.objects.all())


def test_an_officers_reset_revokes_tokens_and_ends_sessions(officer_a, viewer_a):
    _token, raw = services.token_issue(actor=viewer_a, name="Excel")
    phone, laptop = logged_in(viewer_a), logged_in(viewer_a)
    assert me(raw) == 200 and session_count(viewer_a) == 2
    services.account_set_password(actor=officer_a, user=viewer_a, password=NEW_PASSWORD)
    assert me(raw) == 401
    assert not ApiToken.objects.usable().filter(user=viewer_a).exists()
    entry = AuditEntry.objects.get(action="token.revoke")
    assert (entry.actor, entry.object_id) == (officer_a, str(_token.pk))
    assert session_count(viewer_a) == 0
    for client in (phone, laptop):
        assert client.get(reverse("accounts:profile")).status_code == 302  # to the login page


def test_changing_my_own_password_keeps_this_session_only(officer_a):
    _token, raw = services.token_issue(actor=officer_a)
    here, elsewhere = logged_in(officer_a), logged_in(officer_a)
    data = {"old_password": PASSWORD, "password": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert here.post(reverse("accounts:password_change"), data).status_code == 302
    assert here.get(reverse("accounts:profile")).status_code == 200
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    assert session_count(officer_a) == 1
    assert me(raw) == 401


def test_a_refused_password_revokes_nothing(officer_a, viewer_a):
    _token, raw = services.token_issue(actor=viewer_a)
    logged_in(viewer_a)
    with pytest.raises(ValidationError):
        services.account_set_password(actor=officer_a, user=viewer_a, password="12345678")
    assert me(raw) == 200 and session_count(viewer_a) == 1


# -- the admin's password page (/quan-tri/) goes through the same service ---------------------------


def admin_password_url(user) -> str:
    return f"/quan-tri/accounts/user/{user.pk}/password/"


def test_the_admins_password_page_revokes_tokens_and_ends_sessions(admin_user, viewer_a):
    """Issue 8: a superuser's new password on the admin page left the API tokens and sessions working."""
    _token, raw = services.token_issue(actor=viewer_a, name="Excel")
    elsewhere, admin = logged_in(viewer_a), logged_in(admin_user)
    data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    assert admin.post(admin_password_url(viewer_a), data).status_code == 302
    viewer_a.refresh_from_db()
    assert viewer_a.check_password(NEW_PASSWORD)
    assert me(raw) == 401
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    assert session_count(viewer_a) == 0
    entry = AuditEntry.objects.get(action="account.set_password")
    assert (entry.actor, entry.object_id) == (admin_user, str(viewer_a.pk))
    assert AuditEntry.objects.get(action="token.revoke").actor == admin_user
    assert admin.get(reverse("admin:index")).status_code == 200


def test_turning_password_login_off_in_the_admin_closes_the_doors_too(admin_user, viewer_a):
    _token, raw = services.token_issue(actor=viewer_a)
    logged_in(viewer_a)
    data = {"usable_password": "false", "unset-password": "1"}
    assert logged_in(admin_user).post(admin_password_url(viewer_a), data).status_code == 302
    viewer_a.refresh_from_db()
    assert not viewer_a.has_usable_password()
    assert me(raw) == 401 and session_count(viewer_a) == 0
    assert AuditEntry.objects.filter(action="account.set_password", actor=admin_user).count() == 1


def test_a_superuser_setting_their_own_password_in_the_admin_stays_logged_in(admin_user):
    here, elsewhere = logged_in(admin_user), logged_in(admin_user)
    data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    assert here.post(admin_password_url(admin_user), data).status_code == 302
    assert here.get(reverse("admin:index")).status_code == 200
    assert elsewhere.get(reverse("admin:index")).status_code == 302


def test_a_refused_password_on_the_admin_page_changes_nothing(admin_user, viewer_a):
    _token, raw = services.token_issue(actor=viewer_a)
    data = {"password1": "123", "password2": "123", "usable_password": "true"}
    response = logged_in(admin_user).post(admin_password_url(viewer_a), data)
    assert response.status_code == 200 and response.context["form"].errors
    viewer_a.refresh_from_db()
    assert viewer_a.check_password(PASSWORD) and me(raw) == 200
    assert not AuditEntry.objects.filter(action="account.set_password").exists()
