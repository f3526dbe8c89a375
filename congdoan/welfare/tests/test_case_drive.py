"""A support case paid by a fund drive names it (``SupportCase.drive``): only with the source "fund drive",
a drive launched by the deciding unit or above it and started by the day (422 on ``drive``), a drive out of
reach is 404 in the API; the case shows the drive and the drive's page lists what it paid for (not added to
its contributions), in a fixed number of queries."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.funds.tests.factories import drive as launch
from congdoan.funds.tests.factories import give
from congdoan.members.tests.factories import join
from congdoan.welfare.models import Source, SupportCase

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def poor(tree, cdvc_officer):
    return launch(tree.cdvc, actor=cdvc_officer, code="vi_nguoi_ngheo", name="Vì người nghèo 2022")


def _paid(tree, officer, drive, **fields):
    return factories.case(tree.a, officer, source=Source.FUND_DRIVE, drive=drive, **fields)


def test_a_case_names_the_drive_that_paid_it(tree, officer_a, poor):
    case = _paid(tree, officer_a, poor)
    assert case.drive == poor and case.source_name == "Vì người nghèo 2022"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": Source.UNION_FUNDS}, "nguồn kinh phí là quỹ, cuộc vận động"),
        ({"decided_on": dt.date(2021, 12, 31)}, "sau ngày hỗ trợ"),
    ],
)
def test_a_wrong_drive_is_refused_naming_the_field(tree, officer_a, poor, change, message):
    with pytest.raises(ValidationError) as error:
        factories.case(tree.a, officer_a, **{"source": Source.FUND_DRIVE, "drive": poor, **change})
    assert message in error.value.message_dict["drive"][0]
    assert not SupportCase.objects.exists()


def test_a_drive_of_a_sibling_unit_is_refused(tree, officer_a, officer_b):
    theirs = launch(tree.b, actor=officer_b, name="Vận động của CĐCS B")
    with pytest.raises(ValidationError) as error:
        _paid(tree, officer_a, theirs)
    assert "cấp trên" in error.value.message_dict["drive"][0]


def test_the_api_records_the_drive_and_names_the_field(call, tree, officer_a, officer_b, poor):
    person = join(tree.a, actor=officer_a)
    body = {
        "unit_id": tree.a.pk,
        "kind": "kho-khan",
        "amount": "2.000.000",
        "source": "cuoc-van-dong",
        "decided_on": "2022-01-20",
        "person_id": person.pk,
        "drive_id": poor.pk,
    }
    created = call(officer_a, "POST", "/welfare/cases", body)
    assert created.status_code == 201, created.content
    assert created.json()["drive_id"] == poor.pk and created.json()["drive_name"] == poor.name
    wrong = call(officer_a, "POST", "/welfare/cases", {**body, "source": "tai-tro", "source_name": "X"})
    assert wrong.status_code == 422 and "drive" in wrong.content.decode()
    elsewhere = launch(tree.other, name="Vận động tỉnh B")
    assert call(officer_a, "POST", "/welfare/cases", {**body, "drive_id": elsewhere.pk}).status_code == 404
    assert SupportCase.objects.count() == 1


def test_the_case_page_links_the_drive_and_the_drive_lists_what_it_paid(
    client, tree, officer_a, cdvc_officer, poor
):
    case = _paid(tree, officer_a, poor, amount=3_000_000)
    _paid(tree, officer_a, poor, beneficiary_name="Hộ ông Ba", person=None)
    give(poor, tree.a, 10_000_000, actor=cdvc_officer)
    client.force_login(officer_a)
    body = client.get(reverse("welfare:case", args=[case.pk])).content.decode()
    assert reverse("funds:detail", args=[poor.pk]) in body
    client.force_login(cdvc_officer)
    url = reverse("funds:detail", args=[poor.pk])
    response = client.get(url)
    page = response.content.decode()
    assert 'data-testid="drive-payouts"' in page and reverse("welfare:case", args=[case.pk]) in page
    assert "3.000.000" in page
    assert response.context["total"].amount == 10_000_000  # what it raised, not what it paid
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(4):
        _paid(tree, officer_a, poor, beneficiary_name=f"Hộ {n}", person=None)
        _paid(tree, officer_a, poor)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more.captured_queries) == len(few.captured_queries)
    assert len(client.get(url).context["payouts"]) == 10


def test_the_form_offers_the_drives_in_reach(client, tree, officer_a, officer_b, poor):
    launch(tree.b, actor=officer_b, name="Vận động của CĐCS B")
    client.force_login(officer_a)
    form = client.get(reverse("welfare:case_create")).context["form"]
    assert list(form.fields["drive"].queryset) == [poor]
