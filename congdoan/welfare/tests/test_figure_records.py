"""``welfare.cases`` and ``welfare.people`` lead to the support cases they count (issue 15 §3): the
cases of the unit's subtree decided in the period up to the date."""

import datetime as dt

import pytest
from django.urls import reverse

from congdoan.core.tests.records import check_records

from .test_figures import YEAR, _grow

pytestmark = pytest.mark.django_db


def _listed(name, response) -> int:
    cases = list(response.context["page"].paginator.object_list)
    if name == "welfare.cases":
        return len(cases)
    # As the figure counts: each unit's distinct members, and its distinct others by name.
    return len({(c.unit_id, c.person_id or c.beneficiary_name, bool(c.person_id)) for c in cases})


def test_the_cases_listed_are_those_counted(client, tree, admin_user, cdvc_officer):
    units = _grow(tree, admin_user, 2)
    check_records(
        client,
        cdvc_officer,
        names=("welfare.cases", "welfare.people"),
        unit_ids=[u.pk for u in units],
        period=YEAR,
        as_of=dt.date(2022, 1, 25),  # a date inside the period: cases after it are left out
        listed=_listed,
    )


def test_the_amount_is_the_cases_and_the_gifts_listed(client, tree, admin_user, cdvc_officer):
    units = _grow(tree, admin_user, 3)

    def amount(name, response) -> int:
        cases = response.context["page"].paginator.object_list
        return sum(c.amount for c in cases) + sum(g.count * g.unit_value for g in response.context["gifts"])

    check_records(
        client,
        cdvc_officer,
        names=("welfare.amount",),
        unit_ids=[u.pk for u in units],
        period=YEAR,
        as_of=dt.date(2022, 1, 25),
        listed=amount,
    )


def test_a_bad_as_of_is_named(client, cdvc_officer):
    client.force_login(cdvc_officer)
    response = client.get(reverse("welfare:cases"), {"as_of": "2022-13-01"})
    assert response.status_code == 422 and "không phải là ngày hợp lệ" in response.content.decode()
