"""/api/v1/funds/: lists {"items", "count"} with constant queries, detail with totals rolled up,
launch and record; out of reach 404; bad amounts 422 naming the field."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.organizations.tests.factories import make_unit

from ..models import Contribution
from .factories import drive, fund, give

pytestmark = pytest.mark.django_db


def _count(call, user, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert call(user, "GET", path).status_code == 200
    return len(ctx.captured_queries)


def test_lists_detail_and_query_counts(call, tree, cdvc_officer, officer_a):
    d = drive(tree.cdvc, actor=cdvc_officer)
    give(d, tree.a, 1_000_000, actor=cdvc_officer)
    call(cdvc_officer, "GET", "/funds/funds")
    answer = call(cdvc_officer, "GET", "/funds/drives").json()
    assert answer["count"] == 1 and answer["items"][0]["fund_name"] == "Quỹ “Vì biển đảo Việt Nam”"
    few = (
        _count(call, cdvc_officer, "/funds/drives"),
        _count(call, cdvc_officer, f"/funds/drives/{d.pk}/contributions"),
    )
    for i in range(5):
        unit = make_unit(f"A{i}", f"Công đoàn cơ sở {i}", tree.cdvc)
        drive(unit, actor=cdvc_officer, name=f"Đợt {i}")
        give(d, unit, 10_000, actor=cdvc_officer)
    assert (
        _count(call, cdvc_officer, "/funds/drives"),
        _count(call, cdvc_officer, f"/funds/drives/{d.pk}/contributions"),
    ) == few
    detail = call(cdvc_officer, "GET", f"/funds/drives/{d.pk}").json()
    assert detail["amount"] == 1_050_000 and detail["count"] == 6
    assert detail["amount_in_words"] == "Một triệu năm mươi nghìn đồng"
    assert detail["totals"][0]["amount"] == 1_050_000
    mine = call(officer_a, "GET", f"/funds/drives/{d.pk}").json()
    assert mine["amount"] == 1_000_000 and [r["unit_name"] for r in mine["totals"]] == ["Công đoàn Sở Y tế"]


def test_launch_and_record(call, tree, cdvc_officer):
    body = {
        "fund_id": fund("xa_hoi").pk,
        "unit_id": tree.cdvc.pk,
        "name": "Quỹ xã hội 2022",
        "starts_on": "2022-01-01",
        "ends_on": "2022-12-31",
    }
    answer = call(cdvc_officer, "POST", "/funds/drives", body)
    assert answer.status_code == 201
    drive_id = answer.json()["id"]
    gift = {"unit_id": tree.a.pk, "amount": 0, "contributed_on": "2022-05-01", "receipt_no": "X1"}
    refused = call(cdvc_officer, "POST", f"/funds/drives/{drive_id}/contributions", gift)
    assert refused.status_code == 422 and "lớn hơn 0" in refused.json()["errors"]["amount"][0]
    for amount, words in (
        (-5, "âm"),
        ("1,000,000", "hãy viết 1.000.000"),
        (1500000.0, "thập phân"),
        (1500.5, "thập phân"),
        ("1.000,5", "thập phân"),
        ("abc", "không phải"),
    ):
        refused = call(
            cdvc_officer, "POST", f"/funds/drives/{drive_id}/contributions", {**gift, "amount": amount}
        )
        assert refused.status_code == 422 and words in refused.json()["errors"]["amount"][0], amount
    made = call(cdvc_officer, "POST", f"/funds/drives/{drive_id}/contributions", {**gift, "amount": 700_000})
    assert made.status_code == 201 and made.json()["amount_in_words"] == "Bảy trăm nghìn đồng"
    again = call(cdvc_officer, "POST", f"/funds/drives/{drive_id}/contributions", {**gift, "amount": 5})
    assert again.status_code == 422 and "receipt_no" in again.json()["errors"]
    outside = call(
        cdvc_officer,
        "POST",
        f"/funds/drives/{drive_id}/contributions",
        {**gift, "amount": 5, "receipt_no": "X2", "contributed_on": "2023-01-01"},
    )
    assert outside.status_code == 422 and "contributed_on" in outside.json()["errors"]
    assert Contribution.objects.count() == 1
    c = Contribution.objects.get()
    assert call(cdvc_officer, "GET", f"/funds/contributions/{c.pk}").json()["receipt_no"] == "X1"


def test_out_of_reach_is_404(call, tree, officer_a, officer_b):
    d = drive(tree.b, actor=officer_b)
    c = give(d, tree.b, 1_000, actor=officer_b)
    assert call(officer_a, "GET", f"/funds/drives/{d.pk}").status_code == 404
    assert call(officer_a, "GET", f"/funds/contributions/{c.pk}").status_code == 404
    assert call(officer_a, "GET", f"/funds/drives/{d.pk}/contributions").status_code == 404
    gift = {"unit_id": tree.b.pk, "amount": 5, "contributed_on": "2022-05-01", "receipt_no": "Y1"}
    assert call(officer_a, "POST", f"/funds/drives/{d.pk}/contributions", gift).status_code == 404


def test_the_fund_catalogue_shows_each_funds_validity(call, cdvc_officer):
    import datetime as dt

    from ..models import Fund

    Fund.objects.create(code="quy_cu", name="Quỹ đã đóng", valid_to=dt.date(2024, 1, 1))
    rows = {r["code"]: r for r in call(cdvc_officer, "GET", "/funds/funds?page_size=200").json()["items"]}
    assert rows["quy_cu"]["valid_to"] == "2024-01-01" and rows["quy_cu"]["active"] is False
    assert rows["bien_dao"]["valid_to"] is None and rows["bien_dao"]["valid_from"]
