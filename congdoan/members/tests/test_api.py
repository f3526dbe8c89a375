import datetime as dt

import pytest

from congdoan.members import selectors, services
from congdoan.members.models import Membership, OfficerPosition, Person, PositionKind, Transfer
from congdoan.members.tests.factories import join
from congdoan.organizations.models import RoleKind
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit

ON = "2024-03-01"
ID_NUMBER = "001090012345"
PERSONAL = {"date_of_birth", "id_number", "phone", "email", "policy_family", "hardship"}


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def names(response):
    return [item["full_name"] for item in ok(response)["items"]]


def register():
    """Everything a write could touch: compared before and after a refused request."""
    return (
        list(Person.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
        list(Transfer.objects.order_by("pk").values()),
    )


@pytest.fixture
def lan(tree, officer_a):
    return join(
        tree.a, name="Nguyễn Thị Lan", actor=officer_a, id_number=ID_NUMBER, phone="0912345678", hardship=True
    )


@pytest.fixture
def sibling(tree, officer_b):
    """A member of CĐCS B and a transfer out of B to a unit of another province."""
    member = join(tree.b, name="Phạm Thị Sibling", actor=officer_b)
    other = join(tree.b, name="Lê Văn Khác", actor=officer_b)
    elsewhere = make_unit("ELSEWHERE", "Công đoàn cơ sở tỉnh B", tree.other)
    transfer = services.member_transfer(
        actor=officer_b, person=other, to_unit=elsewhere, on=dt.date(2024, 1, 1)
    )
    return {"member": member.pk, "transfer": transfer.pk, "b": tree.b.pk}


# -- scope ----------------------------------------------------------------------------------------

# Every route, with {a} officer_a's unit, {lan} officer_a's member and {member}, {transfer}, {b}
# the sibling CĐCS B's objects: each must answer 404 and write nothing.
OUT_OF_SCOPE = [
    ("GET", "/members?unit={b}", None),
    ("GET", "/members/{member}", None),
    ("POST", "/members", {"unit_id": "{b}", "on": ON, "full_name": "Người Mới", "sex": "F"}),
    ("PATCH", "/members/{member}", {"job_title": "Giáo viên"}),
    ("POST", "/members/{member}/transfer", {"to_unit_id": "{a}", "on": ON}),
    ("POST", "/members/{member}/leave", {"on": ON}),
    ("POST", "/members/{member}/rejoin", {"unit_id": "{a}", "on": ON}),
    ("POST", "/members/{lan}/rejoin", {"unit_id": "{b}", "on": ON}),
    ("POST", "/members/{member}/status", {"status": "exempt", "on": ON}),
    ("POST", "/transfers/{transfer}/accept", None),
    ("POST", "/transfers/{transfer}/reject", {"note": "Không"}),
]


def fill(value, ids):
    if isinstance(value, str) and value.startswith("{"):
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("method", "path", "body"), OUT_OF_SCOPE)
@pytest.mark.parametrize("target", ["sibling", "missing"])
def test_out_of_reach_is_not_found(call, tree, officer_a, lan, sibling, method, path, body, target):
    ids = {**sibling, "a": tree.a.pk, "lan": lan.pk}
    if target == "missing":
        ids.update(member=10**9, transfer=10**9, b=10**9)
    before = register()
    response = call(officer_a, method, path.format(**ids), fill(body, ids))
    assert response.status_code == 404, response.content
    assert response.json() == {"message": "Không tìm thấy.", "errors": {}}
    assert register() == before


def test_lists_show_only_the_actors_scope(call, tree, officer_a, lan, sibling):
    assert names(call(officer_a, "GET", "/members")) == ["Nguyễn Thị Lan"]
    for direction in ("incoming", "outgoing"):
        assert ok(call(officer_a, "GET", f"/transfers?direction={direction}"))["items"] == []


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/members", {"unit_id": "{a}", "on": ON, "full_name": "Người Mới", "sex": "F"}),
        ("PATCH", "/members/{lan}", {"job_title": "Điều dưỡng"}),
        ("POST", "/members/{lan}/transfer", {"to_unit_id": "{b}", "on": ON}),
        ("POST", "/members/{lan}/leave", {"on": ON}),
        ("POST", "/members/{lan}/status", {"status": "exempt", "on": ON}),
    ],
)
def test_viewer_is_forbidden_to_write(call, tree, viewer_a, lan, method, path, body):
    ids = {"a": tree.a.pk, "b": tree.b.pk, "lan": lan.pk}
    before = register()
    response = call(viewer_a, method, path.format(**ids), fill(body, ids))
    assert response.status_code == 403, response.content
    assert register() == before


# -- list -----------------------------------------------------------------------------------------


class TestList:
    def test_search_without_diacritics_card_and_id_number(self, call, tree, officer_a, lan):
        join(tree.a, name="Trần Văn Bình", sex="M", actor=officer_a, card_number="HN-77")
        assert names(call(officer_a, "GET", "/members?q=nguyen thi lan")) == ["Nguyễn Thị Lan"]
        assert names(call(officer_a, "GET", "/members?q=BINH")) == ["Trần Văn Bình"]
        assert names(call(officer_a, "GET", "/members?q=hn-7")) == ["Trần Văn Bình"]
        assert names(call(officer_a, "GET", f"/members?q={ID_NUMBER}")) == ["Nguyễn Thị Lan"]
        assert names(call(officer_a, "GET", "/members?sex=M")) == ["Trần Văn Bình"]

    def test_unit_with_and_without_descendants(self, call, tree, officer_a, lan):
        team = make_unit("TO1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
        join(team, name="Đỗ Minh Tâm", actor=officer_a)
        everyone = ["Nguyễn Thị Lan", "Đỗ Minh Tâm"]  # by given name (Lan, Tâm), Vietnamese order
        assert names(call(officer_a, "GET", f"/members?unit={tree.a.pk}")) == everyone
        assert names(call(officer_a, "GET", f"/members?unit={tree.a.pk}&descendants=false")) == [
            "Nguyễn Thị Lan"
        ]
        assert names(call(officer_a, "GET", f"/members?unit={team.pk}")) == ["Đỗ Minh Tâm"]

    def test_item_and_status_filter(self, call, tree, officer_a, lan):
        services.member_leave(actor=officer_a, person=lan, on=dt.date(2024, 1, 1))
        assert ok(call(officer_a, "GET", "/members"))["items"] == []
        [item] = ok(call(officer_a, "GET", "/members?status=left"))["items"]
        assert item == {
            "id": lan.pk,
            "full_name": "Nguyễn Thị Lan",
            "sex": "F",
            "card_number": lan.card_number,
            "unit_id": tree.a.pk,
            "unit_name": "Công đoàn Sở Y tế",
            "status": "left",
            "joined_union_on": "2021-01-01",
            "personal": True,
            "date_of_birth": str(lan.date_of_birth),
            "id_number": ID_NUMBER,
            "phone": "0912345678",
            "email": "",
            "policy_family": False,
            "hardship": True,
        }
        assert names(call(officer_a, "GET", "/members?status=all")) == ["Nguyễn Thị Lan"]

    def test_personal_fields_need_view_personal(self, call, tree, viewer_a, lan):
        [item] = ok(call(viewer_a, "GET", "/members"))["items"]
        assert item["personal"] is False
        assert all(item[field] is None for field in PERSONAL)
        assert item["full_name"] == "Nguyễn Thị Lan" and item["card_number"] == lan.card_number
        assert ID_NUMBER not in call(viewer_a, "GET", f"/members/{lan.pk}").content.decode()

    def test_personal_filters_only_match_what_the_actor_may_see(self, call, tree, officer_a, viewer_a, lan):
        assert names(call(officer_a, "GET", "/members?hardship=true")) == ["Nguyễn Thị Lan"]
        assert names(call(viewer_a, "GET", "/members?hardship=true")) == []
        assert names(call(viewer_a, "GET", "/members?age_band=30-39")) == []
        assert names(call(viewer_a, "GET", "/members?join_year=2021")) == ["Nguyễn Thị Lan"]

    def test_pages_and_capped_count(self, call, tree, officer_a, monkeypatch):
        for n in range(3):
            join(tree.a, name=f"Đoàn Viên {n}", actor=officer_a)
        body = ok(call(officer_a, "GET", "/members?page=2&page_size=2"))
        assert [i["full_name"] for i in body["items"]] == ["Đoàn Viên 2"]
        assert (body["count"], body["count_exact"]) == (3, True)
        monkeypatch.setattr(selectors, "COUNT_CAP", 2)
        body = ok(call(officer_a, "GET", "/members?page=2&page_size=2"))
        assert (body["count"], body["count_exact"], len(body["items"])) == (2, False, 1)

    @pytest.mark.parametrize(
        "query", ["page=0", "page_size=201", "sex=X", "unit=abc", "sort=dob", "join_year=1"]
    )
    def test_bad_query(self, call, tree, officer_a, query):
        response = call(officer_a, "GET", f"/members?{query}")
        assert response.status_code == 422, response.content
        assert list(response.json()["errors"]) == [query.split("=")[0]]

    @pytest.mark.parametrize("user", ["officer_a", "viewer_a"])
    def test_constant_number_of_queries(self, call, tree, request, user, django_assert_num_queries):
        actor = request.getfixturevalue(user)
        call(actor, "GET", "/members")  # the token's first use is recorded once
        # token, roles, scope, count, page, unit names (+ the view_personal scope for officer_a)
        expected = 7 if user == "officer_a" else 6
        team = make_unit("TO1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
        for size in (3, 30):
            while Person.objects.count() < size:
                join(team if Person.objects.count() % 2 else tree.a)
            with django_assert_num_queries(expected):
                assert len(ok(call(actor, "GET", "/members?page_size=200"))["items"]) == size


# -- detail ---------------------------------------------------------------------------------------


def test_detail_with_periods_and_positions(call, tree, cdvc_officer, lan):
    services.member_transfer(actor=cdvc_officer, person=lan, to_unit=tree.b, on=dt.date(2023, 5, 1))
    held = OfficerPosition.objects.create(
        person=lan,
        unit=tree.b,
        position=PositionKind.objects.get(code="chu-tich"),
        term="2023-2028",
        valid_from=dt.date(2023, 6, 1),
    )
    response = call(cdvc_officer, "GET", f"/members/{lan.pk}")
    body = ok(response)
    assert (body["unit_id"], body["unit_name"], body["status"]) == (
        tree.b.pk,
        "Công đoàn Sở Giáo dục và Đào tạo",
        "active",
    )
    assert body["id_number"] == ID_NUMBER
    assert [(p["unit_name"], p["valid_from"], p["valid_to"], p["end_status"]) for p in body["periods"]] == [
        ("Công đoàn Sở Y tế", "2021-01-01", "2023-05-01", "transferred"),
        ("Công đoàn Sở Giáo dục và Đào tạo", "2023-05-01", None, ""),
    ]
    assert body["positions"] == [
        {
            "id": held.pk,
            "unit_id": tree.b.pk,
            "unit_name": "Công đoàn Sở Giáo dục và Đào tạo",
            "position": "chu-tich",
            "position_name": "Chủ tịch",
            "term": "2023-2028",
            "valid_from": "2023-06-01",
            "valid_to": None,
        }
    ]
    # No URL at all, so none with personal data in it.
    assert "/api/" not in response.content.decode() and "://" not in response.content.decode()


# -- writes ---------------------------------------------------------------------------------------


def assert_refused(response, field):
    assert response.status_code == 422, response.content
    assert response.json()["message"] == "Dữ liệu không hợp lệ."
    assert field in response.json()["errors"], response.json()


class TestJoin:
    def test_join(self, call, tree, officer_a):
        body = {
            "unit_id": tree.a.pk,
            "on": ON,
            "full_name": " Trần  Văn Bình ",
            "sex": "M",
            "card_number": "HN-1",
            "id_number": "001 090 012 345",
            "job_title": "Bác sĩ",
        }
        created = ok(call(officer_a, "POST", "/members", body), 201)
        assert (created["full_name"], created["unit_id"], created["status"]) == (
            "Trần Văn Bình",
            tree.a.pk,
            "active",
        )
        assert (created["id_number"], created["joined_union_on"], created["job_title"]) == (
            ID_NUMBER,
            ON,
            "Bác sĩ",
        )
        assert [p["valid_from"] for p in created["periods"]] == [ON]
        assert Person.objects.get().card_number == "HN-1"

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"id_number": "12345"}, "id_number"),
            ({"sex": "X"}, "sex"),
            ({"full_name": None}, "full_name"),
            ({"on": "31/02/2024"}, "on"),
        ],
    )
    def test_bad_input(self, call, tree, officer_a, change, field):
        body = {"unit_id": tree.a.pk, "on": ON, "full_name": "Trần Văn Bình", "sex": "M", **change}
        assert_refused(call(officer_a, "POST", "/members", body), field)
        assert not Person.objects.exists()


class TestUpdate:
    def test_update(self, call, tree, officer_a, lan):
        body = {
            "phone": "0987 654 321",
            "job_title": "Điều dưỡng",
            "card_number": "HN-9",
            "date_of_birth": None,
        }
        updated = ok(call(officer_a, "PATCH", f"/members/{lan.pk}", body))
        assert (updated["phone"], updated["job_title"], updated["card_number"]) == (
            "0987654321",
            "Điều dưỡng",
            "HN-9",
        )
        assert updated["date_of_birth"] is None and updated["id_number"] == ID_NUMBER  # not sent: kept
        assert Membership.objects.get(person=lan).card_number == "HN-9"

    def test_bad_input(self, call, tree, officer_a, lan):
        before = register()
        assert_refused(
            call(officer_a, "PATCH", f"/members/{lan.pk}", {"phone": "abc", "job_title": "X"}), "phone"
        )
        assert_refused(call(officer_a, "PATCH", f"/members/{lan.pk}", {"hardship": None}), "hardship")
        assert register() == before

    def test_personal_fields_need_view_personal(self, call, tree, lan):
        clerk = UserFactory(username="clerk_a")
        role = RoleKind.objects.create(
            code="thu-ky", name="Thư ký", permissions=["members.view", "members.manage"]
        )
        grant(clerk, tree.a, role.code)
        assert ok(call(clerk, "PATCH", f"/members/{lan.pk}", {"job_title": "Dược sĩ"}))["personal"] is False
        response = call(clerk, "PATCH", f"/members/{lan.pk}", {"phone": "0900000000"})
        assert response.status_code == 403, response.content
        assert Person.objects.get().phone == "0912345678"


class TestTransfer:
    def test_pending_then_accepted_by_the_receiving_officer(self, call, tree, officer_a, officer_b, lan):
        transfer = ok(
            call(
                officer_a,
                "POST",
                f"/members/{lan.pk}/transfer",
                {"to_unit_id": tree.b.pk, "on": ON, "note": "Chuyển công tác"},
            ),
            201,
        )
        assert (transfer["state"], transfer["member_id"], transfer["to_unit_name"]) == (
            "pending",
            lan.pk,
            "Công đoàn Sở Giáo dục và Đào tạo",
        )
        assert (transfer["from_unit_id"], transfer["from_unit_name"]) == (tree.a.pk, "Công đoàn Sở Y tế")
        [incoming] = ok(call(officer_b, "GET", "/transfers"))["items"]
        assert incoming["id"] == transfer["id"]
        assert [t["id"] for t in ok(call(officer_a, "GET", "/transfers?direction=outgoing"))["items"]] == [
            transfer["id"]
        ]
        assert call(officer_b, "GET", f"/members/{lan.pk}").status_code == 404  # not theirs yet

        accepted = ok(call(officer_b, "POST", f"/transfers/{transfer['id']}/accept"))
        assert accepted["state"] == "accepted" and accepted["decided_at"]
        assert ok(call(officer_b, "GET", f"/members/{lan.pk}"))["unit_id"] == tree.b.pk
        assert ok(call(officer_b, "GET", "/transfers"))["items"] == []

    def test_within_the_actors_scope_completes_at_once(self, call, tree, cdvc_officer, lan):
        body = {"to_unit_id": tree.b.pk, "on": ON}
        assert ok(call(cdvc_officer, "POST", f"/members/{lan.pk}/transfer", body), 201)["state"] == "accepted"

    def test_reject(self, call, tree, officer_a, officer_b, lan):
        pending = services.member_transfer(
            actor=officer_a, person=lan, to_unit=tree.b, on=dt.date(2024, 3, 1)
        )
        rejected = ok(call(officer_b, "POST", f"/transfers/{pending.pk}/reject", {"note": "Chưa đủ hồ sơ"}))
        assert rejected["state"] == "rejected" and rejected["note"] == "Chưa đủ hồ sơ"
        assert Person.objects.get().unit == tree.a
        assert_refused(
            call(officer_b, "POST", f"/transfers/{pending.pk}/reject", {"note": "x" * 256}), "note"
        )

    def test_sending_officer_cannot_accept(self, call, tree, officer_a, lan):
        pending = services.member_transfer(
            actor=officer_a, person=lan, to_unit=tree.b, on=dt.date(2024, 3, 1)
        )
        assert call(officer_a, "POST", f"/transfers/{pending.pk}/accept").status_code == 404
        assert Transfer.objects.get().state == "pending"

    def test_bad_input(self, call, tree, officer_a, lan):
        before = register()
        too_early = {"to_unit_id": tree.b.pk, "on": "2020-06-01"}
        assert_refused(call(officer_a, "POST", f"/members/{lan.pk}/transfer", too_early), "on")
        same = {"to_unit_id": tree.a.pk, "on": ON}
        assert_refused(call(officer_a, "POST", f"/members/{lan.pk}/transfer", same), "to_unit")
        assert register() == before

    def test_unknown_destination_reads_as_out_of_scope(self, call, tree, officer_a, lan):
        response = call(officer_a, "POST", f"/members/{lan.pk}/transfer", {"to_unit_id": 10**9, "on": ON})
        assert response.status_code == 404
        assert response.json() == {"message": "Không tìm thấy.", "errors": {}}


class TestLifecycle:
    def test_leave_and_rejoin(self, call, tree, officer_a, lan):
        left = ok(
            call(officer_a, "POST", f"/members/{lan.pk}/leave", {"on": "2023-01-01", "note": "Nghỉ hưu"})
        )
        assert left["status"] == "left" and left["periods"][-1]["end_status"] == "left"
        back = ok(
            call(
                officer_a,
                "POST",
                f"/members/{lan.pk}/rejoin",
                {"unit_id": tree.a.pk, "on": ON, "card_number": "HN-2"},
            )
        )
        assert (back["status"], back["card_number"], len(back["periods"])) == ("active", "HN-2", 2)

    def test_leave_bad_input(self, call, tree, officer_a, lan):
        before = register()
        assert_refused(
            call(officer_a, "POST", f"/members/{lan.pk}/leave", {"on": ON, "status": "transferred"}), "status"
        )
        assert_refused(call(officer_a, "POST", f"/members/{lan.pk}/leave", {"on": "2020-01-01"}), "on")
        assert register() == before

    def test_rejoin_bad_input(self, call, tree, officer_a, lan):
        services.member_leave(actor=officer_a, person=lan, on=dt.date(2023, 1, 1))
        before = register()
        body = {"unit_id": tree.a.pk, "on": "2022-12-31"}
        assert_refused(call(officer_a, "POST", f"/members/{lan.pk}/rejoin", body), "on")
        assert register() == before

    def test_status(self, call, tree, officer_a, lan):
        exempt = ok(call(officer_a, "POST", f"/members/{lan.pk}/status", {"status": "exempt", "on": ON}))
        assert exempt["status"] == "exempt"
        assert [p["status"] for p in exempt["periods"]] == ["active", "exempt"]
        before = register()
        assert_refused(
            call(officer_a, "POST", f"/members/{lan.pk}/status", {"status": "left", "on": ON}), "status"
        )
        assert_refused(
            call(officer_a, "POST", f"/members/{lan.pk}/status", {"status": "exempt", "on": ON}), "status"
        )
        assert register() == before
