"""/api/v1/welfare/: lists ({"items", "count"}), detail, create, 404 out of scope, 422 naming the field."""

import pytest

from congdoan.members.tests.factories import join
from congdoan.welfare.models import SupportCase

from . import factories

pytestmark = pytest.mark.django_db


def _body(unit, person=None, **more) -> dict:
    return {
        "unit_id": unit.pk,
        "kind": "om-dau",
        "amount": "1.000.000",
        "source": "quy-cong-doan",
        "decided_on": "2022-01-20",
        **({"person_id": person.pk} if person else {}),
        **more,
    }


def test_list_detail_and_create(call, tree, officer_a):
    person = join(tree.a, actor=officer_a)
    response = call(officer_a, "POST", "/welfare/cases", _body(tree.a, person))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["amount"] == 1_000_000 and created["amount_text"] == "1.000.000"
    assert created["amount_words"] == "Một triệu đồng"
    assert created["person_id"] == person.pk
    listed = call(officer_a, "GET", "/welfare/cases").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == created["id"]
    assert (
        call(officer_a, "GET", f"/welfare/cases/{created['id']}").json()["beneficiary_name"]
        == person.full_name
    )


@pytest.mark.parametrize("amount", [-5, 0, 1.5, "1.000,5", "1,000,000", "abc"])
def test_bad_amounts_answer_422_naming_the_field(call, tree, officer_a, amount):
    person = join(tree.a, actor=officer_a)
    response = call(officer_a, "POST", "/welfare/cases", _body(tree.a, person, amount=amount))
    assert response.status_code == 422
    assert "amount" in response.json()["errors"]
    assert not SupportCase.objects.exists()


def test_out_of_scope_ids_are_404(call, tree, officer_a, officer_b):
    theirs = factories.case(tree.b, officer_b)
    stranger = join(tree.b, actor=officer_b)
    assert call(officer_a, "GET", f"/welfare/cases/{theirs.pk}").status_code == 404
    assert call(officer_a, "POST", "/welfare/cases", _body(tree.b)).status_code == 404
    assert call(officer_a, "POST", "/welfare/cases", _body(tree.a, stranger)).status_code == 404
    assert call(officer_a, "GET", "/welfare/cases").json()["count"] == 0


def test_personal_data_is_null_without_view_personal(call, tree, officer_a, viewer_a):
    factories.case(tree.a, officer_a)  # hardship: personal
    item = call(viewer_a, "GET", "/welfare/cases").json()["items"][0]
    assert item["person_id"] is None and item["beneficiary_name"] is None
    assert item["amount"] == 1_000_000


def test_programmes_items_houses_and_totals(call, tree, officer_a):
    response = call(
        officer_a,
        "POST",
        "/welfare/programmes",
        {
            "unit_id": tree.a.pk,
            "kind": "tet",
            "title": "Tết Sum vầy 2022",
            "starts_on": "2022-01-10",
            "ends_on": "2022-01-31",
        },
    )
    assert response.status_code == 201, response.content
    programme_id = response.json()["id"]
    item = call(
        officer_a,
        "POST",
        f"/welfare/programmes/{programme_id}/items",
        {
            "given_on": "2022-01-20",
            "source": "quy-cong-doan",
            "kind": "qua-tet",
            "description": "Túi quà Tết",
            "count": 100,
            "unit_value": 500000,
        },
    )
    assert item.status_code == 201 and item.json()["amount"] == 50_000_000
    assert item.json()["kind"] == "qua-tet"
    unknown = call(
        officer_a,
        "POST",
        f"/welfare/programmes/{programme_id}/items",
        {
            "given_on": "2022-01-20",
            "source": "quy-cong-doan",
            "kind": "khong-co",
            "count": 1,
            "unit_value": 1,
        },
    )
    assert unknown.status_code == 422 and "kind" in unknown.text
    house = call(
        officer_a,
        "POST",
        "/welfare/houses",
        {
            **_body(tree.a, amount=20_000_000, beneficiary_name="Hộ bà Nguyễn Thị Hoa"),
            "house_kind": "mai-am",
            "work": "sua-chua",
            "location": "Xã Kỳ Tân, tỉnh Hà Tĩnh",
        },
    )
    assert house.status_code == 201, house.content
    assert house.json()["house"]["kind"] == "mai-am"
    detail = call(officer_a, "GET", f"/welfare/programmes/{programme_id}").json()
    assert detail["totals"]["gift_amount"] == 50_000_000
    assert call(officer_a, "GET", "/welfare/programmes").json()["count"] == 1
    totals = call(officer_a, "GET", f"/welfare/totals?unit={tree.a.pk}&year=2022").json()
    assert totals["rows"][0]["amount"] == 70_000_000 and totals["rows"][0]["cases"] == 1


def test_the_api_lists_take_a_fixed_number_of_queries(call, tree, officer_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(path: str) -> int:
        call(officer_a, "GET", path)  # the token is issued outside the count
        with CaptureQueriesContext(connection) as ctx:
            assert call(officer_a, "GET", path).status_code == 200
        return len(ctx.captured_queries)

    programme = factories.programme(tree.a, officer_a)
    factories.case(tree.a, officer_a, programme=programme)
    few = {path: count(path) for path in ("/welfare/cases", "/welfare/programmes")}
    for n in range(3):
        factories.case(tree.a, officer_a, programme=programme)
        factories.house(tree.a, officer_a, beneficiary_name=f"Hộ {n}")
        factories.programme(tree.a, officer_a, title=f"Chương trình {n}")
    assert {path: count(path) for path in few} == few


def test_the_kinds_carry_their_validity_and_are_kept_to_a_day(call, officer_a):
    import datetime as dt

    from congdoan.welfare.models import HouseKind, SupportKind

    SupportKind.objects.create(code="tro-cap-cu", name="Trợ cấp kiểu cũ", valid_to=dt.date(2024, 1, 1))
    HouseKind.objects.create(code="nha-moi", name="Nhà kiểu mới", valid_from=dt.date(2030, 1, 1))
    answer = call(officer_a, "GET", "/welfare/kinds?page_size=200")
    assert answer.status_code == 200, answer.content
    rows = {(r["group"], r["code"]): r for r in answer.json()["items"]}
    assert answer.json()["count"] == len(rows)
    old = rows["support", "tro-cap-cu"]
    assert (old["valid_to"], old["active"]) == ("2024-01-01", False)
    assert rows["house", "mai-am"]["active"] and rows["house", "mai-am"]["valid_to"] is None
    assert rows["house", "nha-moi"]["valid_from"] == "2030-01-01" and not rows["house", "nha-moi"]["active"]
    assert rows["support", "om-dau"]["personal"] is True
    in_2023 = {
        r["code"]
        for r in call(officer_a, "GET", "/welfare/kinds?on=2023-06-01&page_size=200").json()["items"]
    }
    assert "tro-cap-cu" in in_2023 and "nha-moi" not in in_2023
    in_2030 = {
        r["code"]
        for r in call(officer_a, "GET", "/welfare/kinds?on=2030-06-01&page_size=200").json()["items"]
    }
    assert "tro-cap-cu" not in in_2030 and "nha-moi" in in_2030
    assert call(officer_a, "GET", "/welfare/kinds?on=01/06/2023").status_code == 422
