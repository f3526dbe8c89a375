"""``units.grassroots`` leads to the grassroots unions it counts (issue 15 §3): the tree's list of the
unit's subtree on the date read, grassroots unions only."""

import pytest
from django.urls import reverse

from congdoan.core.dates import today
from congdoan.core.periods import Period
from congdoan.core.tests.records import check_records
from congdoan.organizations.tests.factories import make_unit

pytestmark = pytest.mark.django_db


def test_the_unions_listed_are_those_counted(client, tree, cdvc_officer):
    make_unit("A_T1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
    checked = check_records(
        client,
        cdvc_officer,
        names=("units.grassroots",),
        unit_ids=(tree.cdvc.pk, tree.a.pk, tree.b.pk),
        period=Period.year(today().year),
        as_of=today(),
        listed=lambda name, response: response.context["page"].paginator.count,
    )
    assert ("units.grassroots", tree.cdvc.pk, 2) in checked


def test_a_bad_unit_is_named_and_one_out_of_reach_is_404(client, tree, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("organizations:tree"), {"unit": "abc"})
    assert response.status_code == 422 and "không phải là mã số đơn vị" in response.content.decode()
    assert client.get(reverse("organizations:tree"), {"unit": tree.b.pk}).status_code == 404
