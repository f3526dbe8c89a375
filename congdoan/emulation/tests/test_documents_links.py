"""Plans, decisions and pledges are documents of the documents module, linked through its registry
(``documents.links``): shown on the movement and block pages, refused when another unit issued them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.documents import links
from congdoan.documents.tests.factories import issued
from congdoan.emulation import services

from .factories import block, movement

pytestmark = pytest.mark.django_db


def test_a_movement_is_launched_by_its_plan(client, tree, cdvc_officer, officer_a):
    plan = issued(cdvc_officer, tree.cdvc, on=dt.date(2022, 4, 5))
    m = movement(tree.cdvc, actor=cdvc_officer, plan_document=plan)
    assert list(links.documents_of(m, "plan")) == [plan]
    assert m.plan_reference == plan.number_symbol
    client.force_login(cdvc_officer)
    page = client.get(reverse("emulation:movement", args=[m.pk])).content.decode()
    assert plan.number_symbol in page


def test_a_plan_issued_by_another_unit_is_refused(tree, cdvc_officer, officer_b, admin_user):
    other = issued(officer_b, tree.b, on=dt.date(2022, 4, 5))
    with pytest.raises(ValidationError) as exc:
        movement(tree.cdvc, actor=admin_user, plan_document=other)
    assert exc.value.message_dict == {
        "plan_document": [f"Kế hoạch phát động: văn bản {other.number_symbol} không do đơn vị này ban hành."]
    }


def test_the_decision_naming_leaders_and_the_pledge_link_to_the_block(client, tree, cdvc_officer):
    khoi = block(tree.cdvc, [tree.a, tree.b], actor=cdvc_officer)
    decision = issued(
        cdvc_officer, tree.cdvc, kind_code="quyet-dinh", title="Công nhận khối trưởng", on=dt.date(2022, 3, 1)
    )
    [leader, _deputy] = services.block_officers_name(
        actor=cdvc_officer, block=khoi, year=2022, leader=tree.a, deputies=[tree.b], decision=decision
    )
    assert (leader.decision_reference, leader.decided_on) == (decision.number_symbol, dt.date(2022, 3, 1))
    assert list(links.documents_of(khoi, "decision")) == [decision]
    client.force_login(cdvc_officer)
    assert decision.number_symbol in client.get(reverse("emulation:block", args=[khoi.pk])).content.decode()


def test_api_plan_of_another_scope_is_404(call, tree, cdvc_officer, officer_b):
    other = issued(officer_b, tree.b, on=dt.date(2022, 4, 5))
    body = {"unit_id": tree.cdvc.pk, "name": "X", "starts_on": "2022-01-01", "ends_on": "2022-12-31"}
    refused = call(cdvc_officer, "POST", "/emulation/movements", {**body, "plan_document_id": other.pk})
    assert refused.status_code == 422 and list(refused.json()["errors"]) == ["plan_document"]
    from congdoan.organizations.tests.factories import UserFactory, grant

    outsider = UserFactory(username="outsider", home_unit=tree.a)
    grant(outsider, tree.a, "chu-tich")
    assert (
        call(
            outsider,
            "POST",
            "/emulation/movements",
            {**body, "unit_id": tree.a.pk, "plan_document_id": other.pk},
        ).status_code
        == 404
    )
