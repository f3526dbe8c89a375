"""Compliance of a superior union for a year: figures of the registry (``core.figures``), counted
from the duties and conferences recorded, adding up the tree."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from congdoan.core import figures
from congdoan.core.periods import Period
from congdoan.organizations.tests.factories import make_unit

from ..models import ConferenceKind
from ..selectors import compliance_rows, compliance_units
from .factories import conference, duty

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(tree, admin_user):
    """Under CĐVC: CĐCS A and B and three more superior levels of 4 CĐCS each; every CĐCS must hold
    the CBCCVC conference; in 2024 unit i of block j held it unless (i + j) % 3 == 0."""
    held, units = 0, []
    for j in range(3):
        block = make_unit(f"BLOCK{j}", f"Cụm {j}", tree.cdvc, kind="cd-cap-tren-co-so")
        for i in range(4):
            unit = make_unit(f"B{j}U{i}", f"Công đoàn cơ sở {j}-{i}", block)
            duty(unit, admin_user)
            units.append(unit)
            if (i + j) % 3:
                conference(unit, admin_user, held_on=dt.date(2024, 1, 10 + i))
                held += 1
    for unit in (tree.a, tree.b):
        duty(unit, admin_user)
    conference(tree.a, admin_user)
    return {"held": held + 1, "due": len(units) + 2}


def test_counts_add_up_the_tree(tree, cdvc_officer, generated, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        rows = compliance_rows(
            actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=ConferenceKind.PUBLIC_EMPLOYEES
        )
    top = rows[0]
    assert (top.total.held, top.total.due) == (generated["held"], generated["due"]) == (9, 14)
    assert top.total.rate == figures.percent(9, 14) == 64
    children = [r for r in rows if r.indent == 1]
    assert sum(r.total.held for r in children) == top.total.held
    assert sum(r.total.due for r in children) == top.total.due
    blocks = {r.unit.name: (r.total.held, r.total.due) for r in children if r.unit.name.startswith("Cụm")}
    assert blocks == {"Cụm 0": (2, 4), "Cụm 1": (3, 4), "Cụm 2": (3, 4)}


def test_registry_gives_the_same_figure(tree, cdvc_officer, generated):
    period = Period.year(2024)
    values = figures.compute(
        actor=cdvc_officer,
        unit_id=tree.cdvc.pk,
        names=[
            "conferences.cbccvc.held",
            "conferences.cbccvc.expected",
            "conferences.cbccvc.rate_percent",
        ],
        period=period,
        as_of=period.as_of(),
    )
    assert values == {
        "conferences.cbccvc.held": 9,
        "conferences.cbccvc.expected": 14,
        "conferences.cbccvc.rate_percent": 64,
    }


def test_another_year_counts_its_own_conferences(tree, cdvc_officer, generated):
    rows = compliance_rows(
        actor=cdvc_officer, unit=tree.cdvc, year=2023, kind=ConferenceKind.PUBLIC_EMPLOYEES
    )
    assert (rows[0].total.held, rows[0].total.due) == (0, 14)


def test_units_that_did_not_hold_it_are_listed(tree, cdvc_officer, generated):
    missing = compliance_units(
        actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=ConferenceKind.PUBLIC_EMPLOYEES, state="missing"
    )
    names = [row.unit_name for row in missing]
    assert len(names) == 5 and "Công đoàn Sở Giáo dục và Đào tạo" in names and "Công đoàn cơ sở 0-0" in names
    assert all(row.late for row in missing)  # the deadline, 31/03/2024, has passed
    held = compliance_units(
        actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=ConferenceKind.PUBLIC_EMPLOYEES, state="held"
    )
    assert len(held) == 9 and not any(row.late for row in held)


def test_held_after_the_deadline_is_late(tree, officer_a):
    conference(tree.a, officer_a, held_on=dt.date(2024, 4, 2))
    (row,) = compliance_units(actor=officer_a, unit=tree.a, year=2024, kind=ConferenceKind.PUBLIC_EMPLOYEES)
    assert row.conference is not None and row.late


def test_a_sibling_unit_is_out_of_reach(tree, officer_a):
    with pytest.raises(Http404):
        compliance_rows(actor=officer_a, unit=tree.b, year=2024, kind=ConferenceKind.PUBLIC_EMPLOYEES)
    with pytest.raises(Http404):
        compliance_units(actor=officer_a, unit=tree.b, year=2024, kind=ConferenceKind.PUBLIC_EMPLOYEES)


def test_without_the_permission_is_forbidden(tree):
    from congdoan.organizations.models import RoleKind
    from congdoan.organizations.tests.factories import UserFactory, grant

    role = RoleKind.objects.create(code="chi-xem-don-vi", name="Chỉ xem đơn vị", permissions=["units.view"])
    user = UserFactory()
    grant(user, tree.a, role.code)
    with pytest.raises((PermissionDenied, Http404)):
        compliance_rows(actor=user, unit=tree.a, year=2024, kind=ConferenceKind.PUBLIC_EMPLOYEES)
