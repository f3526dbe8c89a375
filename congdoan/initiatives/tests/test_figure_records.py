"""``initiatives.registered`` and ``.recognised`` lead to the initiatives they count (issue 15 §3): those
of the unit's subtree registered in the period up to the date, and of them those recognised by then."""

import datetime as dt

import pytest
from django.urls import reverse

from congdoan.core.periods import Period
from congdoan.core.tests.records import check_records
from congdoan.initiatives.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_initiatives_listed_are_those_counted(client, tree, cdvc_officer):
    recognised = f.register(tree.a, 3)
    f.register(tree.a, 2)
    f.recognise(recognised[:2], tree.cdvc)  # on 30/06/2022
    f.recognise(recognised[2:], tree.cdvc, on=dt.date(2022, 9, 1))  # after the date read
    f.register(tree.b, 2, on=dt.date(2022, 3, 5))
    f.register(tree.b, 1, on=dt.date(2022, 8, 1))  # after the date read
    f.register(tree.b, 1, on=dt.date(2021, 3, 5))  # another year
    checked = check_records(
        client,
        cdvc_officer,
        names=("initiatives.registered", "initiatives.recognised"),
        unit_ids=(tree.cdvc.pk, tree.a.pk, tree.b.pk),
        period=Period.year(2022),
        as_of=dt.date(2022, 7, 31),
        listed=lambda name, response: response.context["page"].paginator.count,
    )
    assert ("initiatives.recognised", tree.cdvc.pk, 2) in checked
    assert ("initiatives.registered", tree.cdvc.pk, 7) in checked


def test_a_bad_period_or_unit_is_named(client, cdvc_officer):
    client.force_login(cdvc_officer)
    for params, message in (({"ky": "2022-q7"}, "2022-q7"), ({"unit": "x"}, "không phải là mã số đơn vị")):
        response = client.get(reverse("initiatives:list"), params)
        assert response.status_code == 422 and message in response.content.decode(), params
