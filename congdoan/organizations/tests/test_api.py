import datetime as dt

import pytest

from congdoan.organizations import services
from congdoan.organizations.models import Unit
from congdoan.organizations.tests.factories import make_unit

MERGER = dt.date(2025, 7, 1)
BEFORE = MERGER - dt.timedelta(days=1)
ON = "2024-03-01"


def codes(response):
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


class TestList:
    def test_officer_sees_only_own_subtree(self, call, tree, officer_a, cdvc_officer):
        assert codes(call(officer_a, "GET", "/units")) == ["CDCS_A"]
        response = call(cdvc_officer, "GET", "/units")
        assert codes(response) == ["CDVC", "CDCS_A", "CDCS_B"]
        assert response.json()["count"] == 3

    def test_item_is_the_unit_not_its_version(self, call, tree, admin_user, cdvc_officer):
        services.unit_update(
            actor=admin_user, unit=tree.a, on=dt.date(2024, 1, 1), name="Công đoàn Sở Y tế mới"
        )
        item = call(cdvc_officer, "GET", "/units?q=y te")
        [item] = item.json()["items"]
        assert item == {
            "id": tree.a.pk,
            "code": "CDCS_A",
            "name": "Công đoàn Sở Y tế mới",
            "short_name": "",
            "kind": "cdcs",
            "kind_name": "Công đoàn cơ sở",
            "parent_id": tree.cdvc.pk,
            "guidance_parent_id": None,
            "depth": 3,
            "valid_from": "2024-01-01",
            "valid_to": None,
            "unit_valid_from": "2020-01-01",
            "unit_valid_to": None,
        }

    def test_search_ignores_diacritics(self, call, tree, cdvc_officer):
        assert codes(call(cdvc_officer, "GET", "/units?q=so giao duc")) == ["CDCS_B"]
        assert codes(call(cdvc_officer, "GET", "/units?q=SỞ Y TẾ")) == ["CDCS_A"]

    def test_parent_and_within(self, call, tree, admin_user, cdvc_officer):
        assert codes(call(admin_user, "GET", f"/units?parent={tree.root.pk}")) == ["PROV", "OTHER"]
        assert codes(call(cdvc_officer, "GET", f"/units?parent={tree.cdvc.pk}")) == ["CDCS_A", "CDCS_B"]
        assert codes(call(admin_user, "GET", f"/units?within={tree.prov.pk}")) == [
            "PROV",
            "CDVC",
            "CDCS_A",
            "CDCS_B",
        ]

    def test_as_of_either_side_of_a_merger(self, call, tree, admin_user, cdvc_officer):
        services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=MERGER)
        assert codes(call(cdvc_officer, "GET", f"/units?as_of={BEFORE}")) == ["CDVC", "CDCS_A", "CDCS_B"]
        assert codes(call(cdvc_officer, "GET", f"/units?as_of={MERGER}")) == ["CDVC", "CDCS_A"]
        assert codes(call(cdvc_officer, "GET", "/units?as_of=2020-01-01&q=giao duc")) == ["CDCS_B"]

    def test_pagination(self, call, tree, admin_user):
        body = call(admin_user, "GET", "/units?page_size=1&page=2").json()
        assert body["count"] == 6
        assert [i["code"] for i in body["items"]] == ["PROV"]
        assert [i["code"] for i in call(admin_user, "GET", "/units?page_size=1&page=3").json()["items"]] == [
            "CDVC"
        ]

    def test_constant_number_of_queries(self, call, tree, cdvc_officer, django_assert_num_queries):
        call(cdvc_officer, "GET", "/units")  # the token's first use is recorded once
        with django_assert_num_queries(5):  # token, roles, scope paths, count, page
            assert len(codes(call(cdvc_officer, "GET", "/units"))) == 3
        for n in range(5):
            make_unit(f"TO{n}", f"Tổ công đoàn {n}", tree.a, kind="to-cong-doan")
        with django_assert_num_queries(5):
            assert len(codes(call(cdvc_officer, "GET", "/units"))) == 8


class TestDetail:
    def test_detail_with_ancestors(self, call, tree, officer_a):
        body = call(officer_a, "GET", f"/units/{tree.a.pk}").json()
        assert body["id"] == tree.a.pk and body["code"] == "CDCS_A"
        assert [a["name"] for a in body["ancestors"]] == [
            "Tổng Liên đoàn Lao động Việt Nam",
            "Liên đoàn Lao động tỉnh A",
            "Công đoàn Viên chức tỉnh A",
        ]
        assert body["end_reason"] == "" and body["successor_id"] is None

    def test_merged_unit_reads_as_of_the_date(self, call, tree, admin_user, cdvc_officer):
        services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=MERGER)
        body = call(cdvc_officer, "GET", f"/units/{tree.b.pk}?as_of={BEFORE}").json()
        assert body["name"] == "Công đoàn Sở Giáo dục và Đào tạo"
        assert body["valid_to"] == str(MERGER) and body["unit_valid_to"] == str(MERGER)
        assert body["end_reason"] == "merged" and body["successor_id"] == tree.a.pk


# Every route, with {a} the actor's own unit and {b} a sibling's: each must answer 404.
OUT_OF_SCOPE = [
    ("GET", "/units?parent={b}", None),
    ("GET", "/units?within={b}", None),
    ("GET", "/units/{b}", None),
    (
        "POST",
        "/units",
        {"code": "X1", "name": "X", "kind": "to-cong-doan", "parent_id": "{b}", "valid_from": ON},
    ),
    (
        "POST",
        "/units",
        {
            "code": "X2",
            "name": "X",
            "kind": "to-cong-doan",
            "parent_id": "{a}",
            "guidance_parent_id": "{b}",
            "valid_from": ON,
        },
    ),
    ("PATCH", "/units/{b}", {"name": "Tên mới", "on": ON}),
    ("POST", "/units/{b}/move", {"parent_id": "{a}", "on": ON}),
    ("POST", "/units/{a}/move", {"parent_id": "{b}", "on": ON}),
    ("POST", "/units/{b}/guidance", {"guidance_parent_id": None, "on": ON}),
    ("POST", "/units/{a}/guidance", {"guidance_parent_id": "{b}", "on": ON}),
    ("POST", "/units/{b}/merge", {"merged_ids": ["{a}"], "on": ON}),
    ("POST", "/units/{a}/merge", {"merged_ids": ["{b}"], "on": ON}),
    ("POST", "/units/{b}/dissolve", {"on": ON}),
]


def fill(value, ids: dict):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}") and "/" not in value:
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return value


@pytest.mark.parametrize(("method", "path", "body"), OUT_OF_SCOPE)
@pytest.mark.parametrize("sibling", ["officer_b", "missing"])
def test_unit_out_of_reach_is_not_found(call, tree, officer_a, method, path, body, sibling):
    ids = {"a": tree.a.pk, "b": tree.b.pk if sibling == "officer_b" else 10**9}
    before = list(Unit.objects.values_list("pk", "valid_to"))
    response = call(officer_a, method, path.format(**ids), fill(body, ids))
    assert response.status_code == 404, response.content
    assert response.json() == {"message": "Không tìm thấy.", "errors": {}}
    assert list(Unit.objects.values_list("pk", "valid_to")) == before


class TestWrites:
    def test_create(self, call, tree, officer_a):
        body = {
            "code": "to1",
            "name": "Tổ công đoàn Khoa Nội",
            "kind": "to-cong-doan",
            "parent_id": tree.a.pk,
            "valid_from": ON,
            "address": "Số 1",
        }
        response = call(officer_a, "POST", "/units", body)
        assert response.status_code == 201, response.content
        created = response.json()
        assert created["code"] == "TO1" and created["parent_id"] == tree.a.pk and created["address"] == "Số 1"
        assert created["id"] == Unit.objects.get(code="TO1").pk
        assert created["ancestors"][-1] == {"id": tree.a.pk, "name": "Công đoàn Sở Y tế"}

    def test_create_with_a_used_code_or_unknown_kind(self, call, tree, officer_a):
        body = {
            "code": "CDCS_B",
            "name": "Trùng",
            "kind": "to-cong-doan",
            "parent_id": tree.a.pk,
            "valid_from": ON,
        }
        response = call(officer_a, "POST", "/units", body)
        assert response.status_code == 422
        assert response.json()["message"] == "Dữ liệu không hợp lệ."
        assert list(response.json()["errors"]) == ["code"]
        response = call(officer_a, "POST", "/units", {**body, "code": "NEW", "kind": "khong-co"})
        assert list(response.json()["errors"]) == ["kind"]
        assert not Unit.objects.filter(code="NEW").exists()

    def test_update(self, call, tree, cdvc_officer):
        response = call(
            cdvc_officer, "PATCH", f"/units/{tree.a.pk}", {"name": "Công đoàn Sở Y tế tỉnh A", "on": ON}
        )
        assert response.status_code == 200, response.content
        assert response.json()["name"] == "Công đoàn Sở Y tế tỉnh A" and response.json()["valid_from"] == ON
        earlier = call(cdvc_officer, "GET", f"/units/{tree.a.pk}?as_of=2024-02-29").json()
        assert earlier["name"] == "Công đoàn Sở Y tế"

    def test_update_changing_nothing(self, call, tree, cdvc_officer):
        response = call(cdvc_officer, "PATCH", f"/units/{tree.a.pk}", {"on": ON})
        assert response.status_code == 422
        assert list(response.json()["errors"]) == ["__all__"]

    def test_move(self, call, tree, admin_user):
        response = call(
            admin_user, "POST", f"/units/{tree.b.pk}/move", {"parent_id": tree.other.pk, "on": ON}
        )
        assert response.status_code == 200, response.content
        assert response.json()["parent_id"] == tree.other.pk

    def test_move_into_own_subtree_is_refused(self, call, tree, admin_user):
        response = call(admin_user, "POST", f"/units/{tree.cdvc.pk}/move", {"parent_id": tree.a.pk, "on": ON})
        assert response.status_code == 422
        assert list(response.json()["errors"]) == ["parent"]

    def test_set_and_clear_guidance(self, call, tree, cdvc_officer):
        path = f"/units/{tree.a.pk}/guidance"
        response = call(cdvc_officer, "POST", path, {"guidance_parent_id": tree.b.pk, "on": ON})
        assert response.status_code == 200, response.content
        assert response.json()["guidance_parent_id"] == tree.b.pk
        response = call(cdvc_officer, "POST", path, {"guidance_parent_id": tree.a.pk, "on": "2024-04-01"})
        assert list(response.json()["errors"]) == ["guidance_parent"]
        response = call(cdvc_officer, "POST", path, {"guidance_parent_id": None, "on": "2024-04-01"})
        assert response.json()["guidance_parent_id"] is None

    def test_merge(self, call, tree, cdvc_officer):
        response = call(
            cdvc_officer, "POST", f"/units/{tree.a.pk}/merge", {"merged_ids": [tree.b.pk], "on": ON}
        )
        assert response.status_code == 200, response.content
        merged = call(cdvc_officer, "GET", f"/units/{tree.b.pk}").json()
        assert merged["end_reason"] == "merged" and merged["successor_id"] == tree.a.pk

    def test_merge_into_a_dissolved_unit_is_refused(self, call, tree, cdvc_officer):
        assert call(cdvc_officer, "POST", f"/units/{tree.b.pk}/dissolve", {"on": ON}).status_code == 200
        response = call(
            cdvc_officer, "POST", f"/units/{tree.b.pk}/merge", {"merged_ids": [tree.a.pk], "on": ON}
        )
        assert response.status_code == 422
        assert list(response.json()["errors"]) == ["survivor"]

    def test_dissolve(self, call, tree, cdvc_officer):
        response = call(cdvc_officer, "POST", f"/units/{tree.b.pk}/dissolve", {"on": ON})
        assert response.status_code == 200, response.content
        assert response.json()["end_reason"] == "dissolved" and response.json()["unit_valid_to"] == ON

    def test_dissolving_a_unit_with_children_is_refused(self, call, tree, admin_user):
        response = call(admin_user, "POST", f"/units/{tree.cdvc.pk}/dissolve", {"on": ON})
        assert response.status_code == 422
        assert list(response.json()["errors"]) == ["on"]


class TestBadInput:
    def test_malformed_json(self, call, tree, admin_user):
        response = call(admin_user, "POST", f"/units/{tree.b.pk}/dissolve", raw='{"on": ')
        assert response.status_code in (400, 422)
        assert response.json()["message"]

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"on": "31/02/2024"}, "on"),
            ({}, "on"),
            ([ON], "on"),
            ("x", "on"),
            ({"on": ON, "merged_ids": "x"}, "merged_ids"),
        ],
    )
    def test_wrong_shapes(self, call, tree, admin_user, body, field):
        response = call(admin_user, "POST", f"/units/{tree.a.pk}/merge", body)
        assert response.status_code == 422, response.content
        assert response.json()["message"] == "Dữ liệu không hợp lệ."
        assert field in response.json()["errors"]

    @pytest.mark.parametrize("path", ["/units/abc", "/units/0", f"/units/{2**70}", "/units?as_of=hom-nay"])
    def test_bad_ids_and_dates_in_the_url(self, call, tree, admin_user, path):
        response = call(admin_user, "GET", path)
        assert response.status_code == 422, response.content
        assert response.json()["errors"]


class TestAuthorisation:
    @pytest.mark.parametrize(
        ("method", "path", "body"),
        [
            ("PATCH", "/units/{a}", {"name": "Tên mới", "on": ON}),
            ("POST", "/units/{a}/dissolve", {"on": ON}),
            (
                "POST",
                "/units",
                {"code": "T", "name": "T", "kind": "to-cong-doan", "parent_id": "{a}", "valid_from": ON},
            ),
        ],
    )
    def test_viewer_is_forbidden_to_write(self, call, tree, viewer_a, method, path, body):
        ids = {"a": tree.a.pk}
        assert call(viewer_a, "GET", f"/units/{tree.a.pk}").status_code == 200
        response = call(viewer_a, method, path.format(**ids), fill(body, ids))
        assert response.status_code == 403, response.content
        assert response.json()["message"]

    @pytest.mark.parametrize("header", [None, "Bearer cd_khong-ton-tai", "Token abc"])
    def test_without_a_valid_token(self, client, tree, header):
        extra = {"HTTP_AUTHORIZATION": header} if header else {}
        response = client.get("/api/v1/units", **extra)
        assert response.status_code == 401
        assert response.json() == {"message": "Chưa xác thực hoặc mã truy cập không hợp lệ.", "errors": {}}
