"""Who may manage an account: reach over its home unit and every unit of its current or future roles
(issue 8: a CĐCS chair took over the account of a superior union's officer whose home unit was the CĐCS)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from congdoan.accounts import services
from congdoan.accounts.models import User
from congdoan.accounts.permissions import manageable_accounts, may_manage_account
from congdoan.core.models import AuditEntry
from congdoan.organizations.models import RoleAssignment, RoleKind
from congdoan.organizations.tests.factories import UserFactory, grant

NEW_PASSWORD = "mat-khau-moi-2024"


@pytest.fixture
def provincial_officer(tree):
    """Home unit CĐCS A, but the chair of the CĐVC tỉnh above it (reaching CĐCS B too)."""
    user = UserFactory(username="provincial_officer", home_unit=tree.a)
    grant(user, tree.cdvc, "chu-tich")
    return user


def written():
    return (
        list(User.objects.order_by("pk").values("password", "is_active", "full_name")),
        RoleAssignment.objects.count(),
        AuditEntry.objects.count(),
    )


def test_grassroots_chair_may_not_manage_an_account_holding_a_superior_role(
    officer_a, provincial_officer, viewer_a, tree
):
    before = written()
    with pytest.raises(PermissionDenied):
        services.account_set_password(actor=officer_a, user=provincial_officer, password=NEW_PASSWORD)
    with pytest.raises(PermissionDenied):
        services.account_update(actor=officer_a, user=provincial_officer, is_active=False)
    with pytest.raises(PermissionDenied):
        services.role_grant(
            actor=officer_a,
            user=provincial_officer,
            role=RoleKind.objects.get(code="can-bo-van-phong"),
            unit=tree.a,
            valid_from=dt.date(2024, 1, 1),
        )
    with pytest.raises(Http404):  # the role itself is on a unit beyond officer_a's sight
        services.role_end(
            actor=officer_a,
            assignment=RoleAssignment.objects.get(user=provincial_officer),
            on=dt.date(2024, 1, 1),
        )
    assert written() == before
    assert not may_manage_account(officer_a, provincial_officer)
    assert manageable_accounts(officer_a, [provincial_officer, viewer_a]) == {viewer_a.pk}


def test_a_future_role_counts_and_an_ended_one_does_not(officer_a, viewer_a, tree):
    grant(viewer_a, tree.b, "uy-vien-bch", on=dt.date(2099, 1, 1))
    assert not may_manage_account(officer_a, viewer_a)
    RoleAssignment.objects.filter(user=viewer_a, unit=tree.b).update(
        valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2021, 1, 1)
    )
    assert may_manage_account(officer_a, viewer_a)


def test_the_superior_union_manages_it(cdvc_officer, provincial_officer):
    services.account_set_password(actor=cdvc_officer, user=provincial_officer, password=NEW_PASSWORD)
    provincial_officer.refresh_from_db()
    assert provincial_officer.check_password(NEW_PASSWORD)


def test_pages_refuse_and_offer_nothing(client, officer_a, provincial_officer, viewer_a):
    client.force_login(officer_a)
    for name in ("edit", "set_password"):
        response = client.post(
            reverse(f"accounts:{name}", args=[provincial_officer.pk]),
            {"password": NEW_PASSWORD, "password2": NEW_PASSWORD, "is_active": ""},
        )
        assert response.status_code == 403
    response = client.get(reverse("accounts:detail", args=[provincial_officer.pk]))
    assert response.status_code == 200 and not response.context["can_edit"]
    assert response.context["grant_form"] is None
    assert not any(r.can_end for r in response.context["roles"])
    response = client.get(reverse("accounts:list"))
    flags = {a.username: a.may_manage for a in response.context["accounts"]}
    assert flags["viewer_a"] and not flags["provincial_officer"]
    provincial_officer.refresh_from_db()
    assert provincial_officer.is_active and not provincial_officer.check_password(NEW_PASSWORD)


def test_the_account_page_never_hides_a_role_from_its_manager(client, cdvc_officer, viewer_a, tree):
    """A role held in a unit beyond the manager's reach is listed with its unit, read-only."""
    grant(viewer_a, tree.other, "uy-vien-bch", on=dt.date(2020, 1, 1), until=dt.date(2021, 1, 1))
    client.force_login(cdvc_officer)
    response = client.get(reverse("accounts:detail", args=[viewer_a.pk]))
    assert response.context["can_edit"]
    roles = {r.unit_id: r for r in response.context["roles"]}
    assert set(roles) == {tree.a.id, tree.other.id}
    assert not roles[tree.other.id].can_end and roles[tree.a.id].can_end
    assert "Liên đoàn Lao động tỉnh B" in response.content.decode()
