"""``funds.amount`` and ``funds.by_fund.<code>.amount`` lead to the contributions they add up (issue 15
§3): those collected in the unit's subtree dated in the period up to the date, of every drive."""

import datetime as dt

import pytest
from django.urls import reverse

from congdoan.core.periods import Period
from congdoan.core.tests.records import check_records
from congdoan.funds.catalogue import TOTAL, figure_name

from .factories import drive, give

pytestmark = pytest.mark.django_db


def _amount(name, response) -> int:
    return sum(c.amount for c in response.context["page"].paginator.object_list)


def test_the_contributions_listed_add_up_to_the_figure(client, tree, cdvc_officer):
    sea = drive(tree.cdvc)
    poor = drive(tree.cdvc, code="vi_nguoi_ngheo", name="Vì người nghèo 2022")
    give(sea, tree.a, 1_000_000, on=dt.date(2022, 3, 1))
    give(sea, tree.b, 250_000, on=dt.date(2022, 4, 1))
    give(poor, tree.b, 500_000, on=dt.date(2022, 5, 1))
    give(poor, tree.a, 700_000, on=dt.date(2022, 11, 1))  # after the date read
    checked = check_records(
        client,
        cdvc_officer,
        names=(TOTAL, figure_name("bien_dao"), figure_name("vi_nguoi_ngheo")),
        unit_ids=(tree.cdvc.pk, tree.a.pk, tree.b.pk),
        period=Period.year(2022),
        as_of=dt.date(2022, 6, 30),
        listed=_amount,
    )
    assert (TOTAL, tree.cdvc.pk, 1_750_000) in checked


def test_bad_filters_are_named(client, cdvc_officer):
    client.force_login(cdvc_officer)
    response = client.get(reverse("funds:contributions"), {"fund": "khong-co", "tu": "32/01/2022"})
    body = response.content.decode()
    assert response.status_code == 422 and "32/01/2022" in body
