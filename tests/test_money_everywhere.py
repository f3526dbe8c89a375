"""One money rule on every door (``core.money.parse_vnd``): the ways officers write an amount are taken,
and "1,000,000" (commas between thousands, however spaced, with "đ"/"VNĐ" or not) is refused naming the
comma and saying to write 1.000.000: on the welfare and funds pages (``VndField``) and in the welfare,
funds and initiatives APIs (422 on the field), with nothing written."""

import pytest
from django.urls import reverse

from congdoan.funds.models import Contribution
from congdoan.funds.tests.factories import drive
from congdoan.initiatives.models import Initiative
from congdoan.initiatives.tests import factories as initiatives
from congdoan.members.tests.factories import join
from congdoan.welfare.models import SupportCase
from congdoan.welfare.tests import factories as welfare

pytestmark = pytest.mark.django_db

COMMAS = ["1,000,000", "1,000,000 đ", "1, 000, 000 VNĐ", "1,000,000.00"]
TAKEN = ["1.000.000", "1 000 000 VNĐ", "1.000.000đ", "VNĐ 1.000.000", "1\u202f000\u202f000"]
ADVICE = "hãy viết 1.000.000"


def _welfare_page(client, tree, actor):
    person = join(tree.a, actor=actor)
    data = {
        "unit": tree.a.pk,
        "kind": welfare.kind().pk,
        "person": person.pk,
        "source": "quy-cong-doan",
        "decided_on": welfare.DAY.strftime("%d/%m/%Y"),
    }

    def post(amount):
        response = client.post(reverse("welfare:case_create"), {**data, "amount": amount})
        errors = response.context["form"].errors.get("amount", []) if response.status_code == 422 else []
        return response.status_code, " ".join(errors), SupportCase.objects.count()

    return post


def _funds_page(client, tree, actor):
    d = drive(tree.cdvc, actor=actor)
    url = reverse("funds:contribution_create", args=[d.pk])
    receipts = iter(range(1, 100))

    def post(amount):
        data = {"kind": "unit", "unit": tree.a.pk, "contributed_on": "05/03/2022", "amount": amount}
        response = client.post(url, {**data, "receipt_no": f"B{next(receipts)}"})
        errors = response.context["form"].errors.get("amount", []) if response.status_code == 422 else []
        return response.status_code, " ".join(errors), Contribution.objects.count()

    return post


def _api(call, actor, path, body, field, model):
    def post(amount):
        response = call(actor, "POST", path(), {**body(), field: amount})
        errors = response.json().get("errors", {}).get(field, []) if response.status_code == 422 else []
        return response.status_code, " ".join(errors), model.objects.count()

    return post


def _doors(client, call, tree, cdvc_officer, officer_a):
    client.force_login(cdvc_officer)
    person = join(tree.a, actor=officer_a)
    d = drive(tree.cdvc, actor=cdvc_officer)
    receipts = iter(range(1, 100))
    return {
        "welfare page": _welfare_page(client, tree, cdvc_officer),
        "funds page": _funds_page(client, tree, cdvc_officer),
        "welfare API": _api(
            call,
            officer_a,
            lambda: "/welfare/cases",
            lambda: {
                "unit_id": tree.a.pk,
                "kind": "om-dau",
                "source": "quy-cong-doan",
                "decided_on": "2022-01-20",
                "person_id": person.pk,
            },
            "amount",
            SupportCase,
        ),
        "funds API": _api(
            call,
            cdvc_officer,
            lambda: f"/funds/drives/{d.pk}/contributions",
            lambda: {
                "unit_id": tree.a.pk,
                "contributed_on": "2022-05-01",
                "receipt_no": f"X{next(receipts)}",
            },
            "amount",
            Contribution,
        ),
        "initiatives API": _api(
            call,
            officer_a,
            lambda: "/initiatives",
            lambda: {
                "unit_id": tree.a.pk,
                "title": "Quy trình số hóa văn bản",
                "field_id": initiatives.field().pk,
                "applied_on": "2022-03-01",
                "authors": [{"person_id": person.pk, "share": "100"}],
            },
            "benefit",
            Initiative,
        ),
    }


DOORS = ["welfare page", "funds page", "welfare API", "funds API", "initiatives API"]


@pytest.mark.parametrize("door", DOORS)
def test_commas_between_thousands_are_refused_saying_what_to_write(
    door, client, call, tree, cdvc_officer, officer_a
):
    post = _doors(client, call, tree, cdvc_officer, officer_a)[door]
    written = post("1.000.000")[2]  # the door works: one row written
    for amount in COMMAS:
        status, message, count = post(amount)
        assert status == 422 and ADVICE in message and amount in message, (door, amount, message)
        assert count == written == 1, (door, amount)


@pytest.mark.parametrize("door", DOORS)
def test_the_ways_officers_write_an_amount_are_taken(door, client, call, tree, cdvc_officer, officer_a):
    post = _doors(client, call, tree, cdvc_officer, officer_a)[door]
    for n, amount in enumerate(TAKEN, start=1):
        status, message, count = post(amount)
        assert status in (201, 302) and count == n, (door, amount, status, message)
