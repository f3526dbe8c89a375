"""Writes to accounts, roles and tokens: scope, 'never wider than the grantor', audit in the same transaction."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from congdoan.accounts import services
from congdoan.accounts.models import ApiToken, User
from congdoan.core import audit
from congdoan.core.models import AuditEntry
from congdoan.organizations.models import RoleAssignment, RoleKind
from congdoan.organizations.tests.factories import UserFactory, grant

PASSWORD = "mat-khau-moi-2024"
ON = dt.date(2024, 3, 1)


@pytest.fixture
def account_manager_a(tree):
    """May manage accounts of CĐCS A but holds nothing else there: anything wider is refused."""
    role = RoleKind.objects.create(
        code="quan-ly-tai-khoan", name="Quản lý tài khoản", permissions=["accounts.view", "accounts.manage"]
    )
    user = UserFactory(username="account_manager_a", home_unit=tree.a)
    grant(user, tree.a, role.code)
    return user


def role(code: str) -> RoleKind:
    return RoleKind.objects.get(code=code)


def written() -> tuple[int, int, int]:
    return User.objects.count(), RoleAssignment.objects.count(), AuditEntry.objects.count()


# -- accounts ------------------------------------------------------------------------------------


def test_account_create_is_audited_without_the_password(officer_a, tree):
    user = services.account_create(
        actor=officer_a, username=" nguyenvana ", password=PASSWORD, home_unit=tree.a, email="A@Example.vn"
    )
    assert (user.username, user.email, user.home_unit) == ("nguyenvana", "a@example.vn", tree.a)
    assert user.check_password(PASSWORD)
    entry = AuditEntry.objects.get(action="account.create")
    assert (entry.actor, entry.unit_id, entry.object_id) == (officer_a, tree.a.pk, str(user.pk))
    assert entry.after["username"] == "nguyenvana"
    assert "password" not in entry.after


def test_account_create_outside_scope_is_not_found(officer_a, tree):
    before = written()
    with pytest.raises(Http404):
        services.account_create(actor=officer_a, username="x", password=PASSWORD, home_unit=tree.b)
    assert written() == before


def test_account_create_needs_manage_permission(viewer_a, tree):
    grant(viewer_a, tree.a, "can-bo-chuyen-trach")  # accounts.view without accounts.manage
    with pytest.raises(PermissionDenied):
        services.account_create(actor=viewer_a, username="x", password=PASSWORD, home_unit=tree.a)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": "OFFICER_A"}, "username"),
        ({"username": ""}, "username"),
        ({"username": "nguyen van a"}, "username"),  # issue 8: spaces were accepted
        ({"username": "nguyễnvăna"}, "username"),  # issue 8: diacritics were accepted
        ({"username": "a+b"}, "username"),
        ({"email": "officer_a@example.vn"}, "email"),
        ({"password": "12345678"}, "password"),
        ({"home_unit": None}, "home_unit"),
    ],
)
def test_account_create_errors_name_the_field(officer_a, tree, changes, field):
    args = {"username": "moi", "password": PASSWORD, "home_unit": tree.a, **changes}
    before = written()
    with pytest.raises(ValidationError) as exc:
        services.account_create(actor=officer_a, **args)
    assert list(exc.value.message_dict) == [field]
    assert written() == before


def test_username_refusal_says_what_is_allowed(officer_a, tree):
    with pytest.raises(ValidationError) as exc:
        services.account_create(actor=officer_a, username="Lê Văn", password=PASSWORD, home_unit=tree.a)
    assert "a–z" in exc.value.message_dict["username"][0]
    user = services.account_create(
        actor=officer_a, username="Le.Van_1-a@cd", password=PASSWORD, home_unit=tree.a
    )
    assert user.username == "Le.Van_1-a@cd"


def test_usernames_unique_regardless_of_case_in_the_database(officer_a):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(username="OFFICER_A", email="")


def test_account_update_and_no_self_lock(officer_a, viewer_a):
    services.account_update(actor=officer_a, user=viewer_a, full_name=" Trần Thị B ", is_active=False)
    viewer_a.refresh_from_db()
    assert (viewer_a.full_name, viewer_a.is_active) == ("Trần Thị B", False)
    entry = AuditEntry.objects.get(action="account.update")
    assert set(entry.before) == {"full_name", "is_active"} and entry.after["is_active"] is False
    with pytest.raises(ValidationError) as exc:
        services.account_update(actor=officer_a, user=officer_a, is_active=False)
    assert "is_active" in exc.value.message_dict


def test_account_set_password_is_audited_without_the_hash(officer_a, viewer_a):
    services.account_set_password(actor=officer_a, user=viewer_a, password=PASSWORD)
    viewer_a.refresh_from_db()
    assert viewer_a.check_password(PASSWORD)
    entry = AuditEntry.objects.get(action="account.set_password")
    assert viewer_a.password not in str(entry.before) + str(entry.after)


def test_account_of_a_sibling_unit_is_out_of_reach(officer_a, officer_b):
    with pytest.raises(Http404):
        services.account_set_password(actor=officer_a, user=officer_b, password=PASSWORD)


# -- roles ---------------------------------------------------------------------------------------


def test_role_grant_never_wider_than_the_grantor(account_manager_a, viewer_a, tree):
    before = written()
    with pytest.raises(ValidationError) as exc:
        services.role_grant(
            actor=account_manager_a, user=viewer_a, role=role("chu-tich"), unit=tree.a, valid_from=ON
        )
    assert list(exc.value.message_dict) == ["role"]
    message = exc.value.message_dict["role"][0]
    assert "rộng hơn quyền của chính bạn" in message and "members.manage" in message
    assert written() == before


def test_role_grant_within_the_grantors_permissions(account_manager_a, viewer_a, tree):
    narrow = RoleKind.objects.create(
        code="xem-tai-khoan", name="Xem tài khoản", permissions=["accounts.view"]
    )
    assignment = services.role_grant(
        actor=account_manager_a, user=viewer_a, role=narrow, unit=tree.a, valid_from=ON
    )
    assert (assignment.granted_by, assignment.valid_to) == (account_manager_a, None)
    entry = AuditEntry.objects.get(action="role.grant")
    assert (entry.unit_id, entry.after["role"], entry.after["user"]) == (tree.a.pk, narrow.pk, viewer_a.pk)


def test_role_grant_outside_scope_is_not_found(officer_a, viewer_a, tree):
    with pytest.raises(Http404):
        services.role_grant(
            actor=officer_a, user=viewer_a, role=role("uy-vien-bch"), unit=tree.b, valid_from=ON
        )


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "field"),
    [(ON, ON, "valid_to"), (dt.date(2021, 1, 1), None, "valid_from"), (dt.date(2019, 1, 1), None, "unit")],
)
def test_role_grant_dates(officer_a, viewer_a, tree, valid_from, valid_to, field):
    """Empty periods, overlaps with the same role (viewer_a holds it since 2020) and units not yet founded."""
    with pytest.raises(ValidationError) as exc:
        services.role_grant(
            actor=officer_a,
            user=viewer_a,
            role=role("can-bo-van-phong"),
            unit=tree.a,
            valid_from=valid_from,
            valid_to=valid_to,
        )
    assert field in exc.value.message_dict


@pytest.mark.parametrize("change", ["grant", "end"])
def test_a_role_dated_past_the_horizon_is_refused(officer_a, viewer_a, tree, change):
    """Issue 8, section 1: every effective date has its window; a role granted or ended on
    31/12/9999 was accepted."""
    far = dt.date(9999, 12, 31)
    assignment = RoleAssignment.objects.get(user=viewer_a)
    with pytest.raises(ValidationError) as exc:
        if change == "grant":
            services.role_grant(
                actor=officer_a, user=viewer_a, role=role("uy-vien-bch"), unit=tree.a, valid_from=far
            )
        else:
            services.role_end(actor=officer_a, assignment=assignment, on=far)
    field = "valid_from" if change == "grant" else "on"
    assert "Ngày này chỉ được ghi trước hôm nay tối đa 366 ngày" in exc.value.message_dict[field][0]
    assert RoleAssignment.objects.filter(user=viewer_a).count() == 1
    assignment.refresh_from_db()
    assert assignment.valid_to is None


def test_role_end_keeps_history(officer_a, viewer_a, tree):
    assignment = RoleAssignment.objects.get(user=viewer_a)
    services.role_end(actor=officer_a, assignment=assignment, on=ON)
    assignment.refresh_from_db()
    assert assignment.valid_to == ON
    entry = AuditEntry.objects.get(action="role.end")
    assert (entry.before["valid_to"], entry.after["valid_to"]) == (None, ON.isoformat())
    with pytest.raises(ValidationError) as exc:
        services.role_end(actor=officer_a, assignment=assignment, on=dt.date(2025, 1, 1))
    assert "on" in exc.value.message_dict


def test_role_end_on_or_before_start_is_refused(officer_a, viewer_a):
    assignment = RoleAssignment.objects.get(user=viewer_a)
    with pytest.raises(ValidationError) as exc:
        services.role_end(actor=officer_a, assignment=assignment, on=assignment.valid_from)
    assert "on" in exc.value.message_dict


def test_role_end_of_a_sibling_is_not_found(officer_a, officer_b):
    with pytest.raises(Http404):
        services.role_end(actor=officer_a, assignment=RoleAssignment.objects.get(user=officer_b), on=ON)


# -- tokens --------------------------------------------------------------------------------------


def test_token_issue_stores_only_the_hash(officer_a):
    token, raw = services.token_issue(actor=officer_a, name="  Excel  ")
    assert raw.startswith(ApiToken.PREFIX) and raw not in token.key_hash
    assert (token.name, ApiToken.lookup(raw)) == ("Excel", token)
    assert AuditEntry.objects.get(action="token.issue").after == {"name": "Excel", "hint": token.hint}


def test_token_revoke(officer_a):
    token, raw = services.token_issue(actor=officer_a)
    services.token_revoke(actor=officer_a, token=token)
    assert ApiToken.lookup(raw) is None
    assert AuditEntry.objects.filter(action="token.revoke", object_id=str(token.pk)).exists()
    with pytest.raises(ValidationError, match="đã bị thu hồi"):
        services.token_revoke(actor=officer_a, token=token)


def test_token_revoke_by_the_manager_of_the_account_only(officer_a, officer_b, cdvc_officer):
    token, _ = services.token_issue(actor=officer_a)
    with pytest.raises(Http404):
        services.token_revoke(actor=officer_b, token=token)
    services.token_revoke(actor=cdvc_officer, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None


# -- one transaction -----------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["account.create", "role.grant", "token.issue"])
def test_a_failure_after_the_audit_row_rolls_back_everything(monkeypatch, officer_a, viewer_a, tree, action):
    real = audit.record

    def record_then_fail(**kwargs):
        real(**kwargs)
        assert AuditEntry.objects.filter(action=kwargs["action"]).exists()  # written inside the transaction
        raise RuntimeError("boom")

    monkeypatch.setattr(services.audit, "record", record_then_fail)
    before = written(), ApiToken.objects.count()
    run = {
        "account.create": lambda: services.account_create(
            actor=officer_a, username="moi", password=PASSWORD, home_unit=tree.a
        ),
        "role.grant": lambda: services.role_grant(
            actor=officer_a, user=viewer_a, role=role("uy-vien-bch"), unit=tree.a, valid_from=ON
        ),
        "token.issue": lambda: services.token_issue(actor=officer_a),
    }[action]
    with pytest.raises(RuntimeError):
        run()
    assert (written(), ApiToken.objects.count()) == before
    assert not AuditEntry.objects.filter(action=action).exists()
