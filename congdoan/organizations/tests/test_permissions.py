import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from congdoan.organizations import services
from congdoan.organizations.permissions import policy
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit


def visible(user, on=None):
    return sorted(v.unit.code for v in policy.visible_units(user, "units.view", on).select_related("unit"))


def test_role_reaches_the_whole_subtree(tree, cdvc_officer):
    assert visible(cdvc_officer) == ["CDCS_A", "CDCS_B", "CDVC"]


def test_sibling_is_invisible(tree, officer_a):
    assert visible(officer_a) == ["CDCS_A"]
    assert not policy.can(officer_a, "units.view", tree.b)
    with pytest.raises(Http404):
        policy.require(officer_a, "units.manage", tree.b)


def test_visible_but_not_allowed_is_403(tree, viewer_a):
    with pytest.raises(PermissionDenied):
        policy.require(viewer_a, "units.manage", tree.a)


def test_no_roles_sees_nothing(tree):
    nobody = UserFactory()
    assert visible(nobody) == []
    assert policy.permissions_anywhere(nobody) == set()


def test_authority_is_todays_roles(tree):
    past = UserFactory()
    grant(past, tree.a, on=dt.date(2020, 1, 1), until=dt.date(2021, 1, 1))
    future = UserFactory()
    grant(future, tree.a, on=dt.date(2099, 1, 1))
    assert visible(past) == [] and visible(future) == []


def test_inactive_user_sees_nothing(tree, officer_a):
    officer_a.is_active = False
    assert not policy.can(officer_a, "units.view", tree.a)
    assert visible(officer_a) == []


def test_reach_follows_the_tree_of_the_date(tree, admin_user, cdvc_officer):
    on = dt.date(2024, 6, 1)
    services.unit_move(actor=admin_user, unit=tree.b, new_parent=tree.other, on=on)
    fresh = type(cdvc_officer).objects.get(pk=cdvc_officer.pk)
    assert visible(fresh, on - dt.timedelta(days=1)) == ["CDCS_A", "CDCS_B", "CDVC"]
    assert visible(fresh, on) == ["CDCS_A", "CDVC"]


def test_closed_unit_stays_visible_where_it_closed(tree, admin_user, cdvc_officer):
    services.unit_dissolve(actor=admin_user, unit=tree.b, on=dt.date(2024, 6, 1))
    fresh = type(cdvc_officer).objects.get(pk=cdvc_officer.pk)
    assert policy.can(fresh, "units.view", tree.b)
    assert "CDCS_B" not in visible(fresh)


def test_superuser_sees_everything(tree, admin_user):
    assert len(visible(admin_user)) == 6


def test_a_merged_unit_is_read_through_its_survivor_read_only(tree, admin_user):
    """Issue 8: a closed unit whose successor (or the successor's successor) is in reach is readable,
    read-only; several units merged into one all are."""
    x = make_unit("X", "Liên đoàn Lao động tỉnh X", tree.root, kind="ldld-tinh")
    y = make_unit("Y", "Liên đoàn Lao động tỉnh Y", tree.root, kind="ldld-tinh")
    services.unit_merge(actor=admin_user, survivor=tree.other, merged=[x, y], on=dt.date(2024, 1, 1))
    services.unit_merge(actor=admin_user, survivor=tree.prov, merged=[tree.other], on=dt.date(2025, 7, 1))
    officer = UserFactory(home_unit=tree.prov)
    grant(officer, tree.prov, "chu-tich")
    for unit in (tree.other, x, y):
        assert policy.can(officer, "units.view", unit), unit.code
        assert not policy.can(officer, "units.manage", unit)
        with pytest.raises(PermissionDenied):
            policy.require(officer, "units.manage", unit)
    assert policy.reach(officer, "units.view").covers_units([x.pk, y.pk, tree.other.pk, tree.a.pk]) == {
        x.pk,
        y.pk,
        tree.other.pk,
        tree.a.pk,
    }
    cdcs = UserFactory(home_unit=tree.a)
    grant(cdcs, tree.a, "chu-tich")
    assert not policy.can(cdcs, "units.view", tree.other)  # the survivor is not in their reach
