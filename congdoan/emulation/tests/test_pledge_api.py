"""The pledges API (issue 11 "API under /api/v1/emulation/ for ... pledges"): list and detail with
the module's policy, a pledge out of reach answers 404, the list in a constant number of queries."""

import datetime as dt

import pytest

from congdoan.emulation import pledging

from .factories import scope_objects
from .helpers import queries_of

pytestmark = pytest.mark.django_db


def _sign(officer, n: int):
    return pledging.pledge_sign_agency(
        actor=officer,
        unit=officer.home_unit,
        year=2020 + n % 5,
        title=f"Giao ước thi đua số {n}",
        signed_on=dt.date(2020 + n % 5, 2, 22),
        agency="Cơ quan của đơn vị",
        head_name="Trần Văn Thủ Trưởng",
        head_position="Thủ trưởng",
        union_signatory="Lê Thị Chủ Tịch",
        union_position="Chủ tịch công đoàn",
    )


def test_pledge_list_and_detail_with_scope(call, tree, officer_a, officer_b):
    ids = scope_objects(tree, officer_b)
    mine = call(officer_b, "GET", "/emulation/pledges?year=2024").json()
    assert [p["id"] for p in mine["items"]] == [ids["pledge_id"]]
    assert mine["items"][0]["signed_on"] == "2024-02-22"
    detail = call(officer_b, "GET", f"/emulation/pledges/{ids['pledge_id']}")
    assert detail.status_code == 200
    body = detail.json()
    assert body["title"] == "Giao ước thi đua năm 2024" and body["unit_id"] == tree.b.pk
    assert {p["signatory"] for p in body["parties"]} == {"Trần Văn Thủ Trưởng", "Lê Thị Chủ Tịch"}
    # The sibling's officer neither finds it nor lists it.
    assert call(officer_a, "GET", f"/emulation/pledges/{ids['pledge_id']}").status_code == 404
    assert ids["pledge_id"] not in [
        p["id"] for p in call(officer_a, "GET", "/emulation/pledges").json()["items"]
    ]


def test_pledge_list_keeps_its_query_count(call, tree, officer_b):
    _sign(officer_b, 0)
    few = queries_of(lambda: call(officer_b, "GET", "/emulation/pledges"))
    for n in range(1, 12):
        _sign(officer_b, n)
    assert queries_of(lambda: call(officer_b, "GET", "/emulation/pledges")) == few
    assert call(officer_b, "GET", "/emulation/pledges").json()["count"] == 12
