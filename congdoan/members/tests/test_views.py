"""The member register pages: scope, search and filters, personal data, each change, transfers,
statistics, and query counts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.members import selectors, services
from congdoan.members.forms import MemberFilterForm
from congdoan.members.models import Membership, Person, Status, Transfer, WorkforceCount
from congdoan.members.tests.factories import join
from congdoan.members.workforce import workforce_record
from congdoan.organizations.tests.factories import make_unit

D = dt.date
SO_GD = "Công đoàn Sở Giáo dục và Đào tạo"


def url(name, *args):
    return reverse(f"members:{name}", args=args)


def written() -> tuple[int, int, int, int]:
    """What a refused change must leave untouched."""
    return (
        Person.objects.count(),
        Membership.objects.count(),
        Transfer.objects.count(),
        AuditEntry.objects.count(),
    )


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def people(tree, admin_user):
    """Members of A (officer_a's) and B (officer_b's)."""
    return {
        "an": join(
            tree.a,
            name="Nguyễn Văn An",
            sex="M",
            actor=admin_user,
            card_number="A-001",
            phone="0912345678",
            date_of_birth=D(1990, 5, 17),
            id_number="001090000001",
            joined_union_on=D(2015, 3, 1),
        ),
        "anh": join(
            tree.a,
            name="Trần Thị Ánh",
            sex="F",
            actor=admin_user,
            card_number="A-002",
            policy_family=True,
            date_of_birth=D(1970, 1, 2),
        ),
        "binh": join(tree.a, name="Lê Văn Bình", sex="M", actor=admin_user, card_number="A-003"),
        "sib": join(tree.b, name="Phạm Thị Sibling", sex="F", actor=admin_user, card_number="B-001"),
    }


def names_in(response) -> list[str]:
    return [p.full_name for p in response.context["rows"]]


# -- the list ------------------------------------------------------------------------------------


class TestList:
    def test_scoped_to_the_officers_units(self, as_, officer_a, people):
        response = as_(officer_a).get(url("list"))
        assert response.status_code == 200
        assert names_in(response) == ["Lê Văn Bình", "Nguyễn Văn An", "Trần Thị Ánh"]
        text = body(response)
        assert "Phạm Thị Sibling" not in text and SO_GD not in text
        assert "3 đoàn viên" in text
        assert "Công đoàn Sở Y tế" in text  # unit names come from the versions

    def test_live_search_answers_a_partial(self, as_, officer_a, people):
        client = as_(officer_a)
        response = client.post(url("list"), {"q": "nguyen van", "descendants": "on"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert "<html" not in body(response)
        assert names_in(response) == ["Nguyễn Văn An"]
        assert 'name="sort"' in body(response)  # the partial carries the current sort
        # A search for a sibling's member finds nothing.
        response = client.post(url("list"), {"q": "sibling"}, HTTP_HX_REQUEST="true")
        assert names_in(response) == []

    def test_search_by_id_number_stays_out_of_generated_urls(self, as_, officer_a, people):
        response = as_(officer_a).post(url("list"), {"q": "001090000001"})
        assert names_in(response) == ["Nguyễn Văn An"]
        assert "001090000001" not in body(response).replace('value="001090000001"', "")
        assert response.context["export_blocked"]

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"sex": "F"}, ["Trần Thị Ánh"]),
            ({"join_year": "2015"}, ["Nguyễn Văn An"]),
            ({"policy_family": "1"}, ["Trần Thị Ánh"]),
            ({"age_band": "50-59"}, ["Trần Thị Ánh"]),
            ({"q": "A-00", "sort": "-card"}, ["Lê Văn Bình", "Trần Thị Ánh", "Nguyễn Văn An"]),
            ({"sort": "-name"}, ["Trần Thị Ánh", "Nguyễn Văn An", "Lê Văn Bình"]),
            ({"sort": "card"}, ["Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Bình"]),
        ],
    )
    def test_filters_and_sort(self, as_, officer_a, people, params, expected):
        response = as_(officer_a).get(url("list"), params)
        assert response.status_code == 200
        assert names_in(response) == expected

    def test_status_filter_lists_those_who_left(self, as_, officer_a, people):
        services.member_leave(actor=officer_a, person=people["binh"], on=D(2022, 1, 1))
        client = as_(officer_a)
        assert "Lê Văn Bình" not in names_in(client.get(url("list")))
        assert names_in(client.get(url("list"), {"status": Status.LEFT})) == ["Lê Văn Bình"]
        assert len(names_in(client.get(url("list"), {"status": "all"}))) == 3

    def test_unit_filter_with_or_without_sub_units(self, as_, cdvc_officer, tree, people, admin_user):
        team = make_unit("A_T1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
        join(team, name="Đỗ Thị Tổ", actor=admin_user)
        client = as_(cdvc_officer)
        with_subunits = names_in(client.get(url("list"), {"unit": tree.a.pk, "descendants": "on"}))
        assert len(with_subunits) == 4 and "Đỗ Thị Tổ" in with_subunits
        assert "Đỗ Thị Tổ" not in names_in(client.get(url("list"), {"unit": tree.a.pk}))
        assert names_in(client.get(url("list"), {"unit": tree.b.pk, "descendants": "on"})) == [
            "Phạm Thị Sibling"
        ]

    def test_unit_outside_scope_is_an_error_not_a_leak(self, as_, officer_a, tree, people):
        response = as_(officer_a).get(url("list"), {"unit": tree.b.pk, "descendants": "on"})
        assert response.status_code == 400
        assert "unit" in response.context["form"].errors
        assert "Phạm Thị Sibling" not in body(response)

    def test_unit_choices_hold_or_contain_members(self, cdvc_officer, tree):
        make_unit("A_T1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
        form = MemberFilterForm({}, actor=cdvc_officer)
        labels = [v.name for v in form.fields["unit"].options()]
        assert labels == ["Công đoàn Viên chức tỉnh A", "Công đoàn Sở Y tế", "Tổ công đoàn Khoa Nội", SO_GD]

    def test_filter_form_for_the_export(self, officer_a, tree, people):
        form = MemberFilterForm({"q": "an", "unit": str(tree.a.pk), "descendants": "on", "sex": "F"})
        filters = form.to_filters(officer_a)
        assert (filters.q, filters.unit, filters.descendants, filters.sex) == ("an", tree.a, True, "F")
        assert form.query() == {"q": "an", "unit": str(tree.a.pk), "descendants": "on", "sex": "F"}
        outside = MemberFilterForm({"unit": str(tree.b.pk)})
        assert outside.to_filters(officer_a).unit is None and "unit" in outside.errors

    def test_personal_columns_only_with_view_personal(self, as_, officer_a, viewer_a, people):
        text = body(as_(viewer_a).get(url("list")))
        assert "0912345678" not in text and "17/05/1990" not in text and "Ngày sinh" not in text
        assert "Thêm đoàn viên" not in text and "Nhập từ Excel" not in text
        assert 'name="policy_family"' not in text
        # A filter on personal facts is ignored for those who may not see them.
        response = as_(viewer_a).get(url("list"), {"policy_family": "1"})
        assert len(names_in(response)) == 3
        text = body(as_(officer_a).get(url("list")))
        assert "0912345678" in text and "17/05/1990" in text
        assert "Thêm đoàn viên" in text and 'href="/doan-vien/nhap-xuat/"' in text

    def test_export_link_carries_the_filters(self, as_, officer_a, tree, people):
        response = as_(officer_a).get(url("list"), {"unit": tree.a.pk, "descendants": "on", "sex": "F"})
        assert response.context["export_url"] == (
            f"/doan-vien/nhap-xuat/xuat/?unit={tree.a.pk}&descendants=on&sex=F"
        )

    def test_pages_of_fifty(self, as_, officer_a, tree, admin_user):
        for i in range(51):
            join(tree.a, name=f"Đoàn viên {i:03}", actor=admin_user)
        client = as_(officer_a)
        first = client.get(url("list"))
        assert len(first.context["rows"]) == 50 and first.context["has_next"]
        assert "51 đoàn viên" in body(first)
        second = client.post(url("list"), {"page": "2"})
        assert names_in(second) == ["Đoàn viên 050"] and not second.context["has_next"]

    def test_a_large_count_is_not_exact(self, as_, officer_a, people, monkeypatch):
        monkeypatch.setattr(selectors, "capped_count", lambda qs: (10_000, False))
        assert "hơn 10.000 đoàn viên" in body(as_(officer_a).get(url("list")))


# -- a sibling's member is out of reach on every route ---------------------------------------------


@pytest.fixture
def sibling_ids(tree, officer_b, people):
    person = people["sib"]
    other = join(tree.b, actor=officer_b)
    elsewhere = make_unit("ELSEWHERE", "Công đoàn cơ sở ngoài phạm vi", tree.other)
    transfer = services.member_transfer(actor=officer_b, person=other, to_unit=elsewhere, on=D(2024, 1, 1))
    return {"member": person.pk, "membership": person.memberships.get().pk, "transfer": transfer.pk}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("detail", "member"),
        ("edit", "member"),
        ("transfer", "member"),
        ("leave", "member"),
        ("status", "member"),
        ("rejoin", "member"),
        ("membership_correct", "membership"),
        ("transfer_accept", "transfer"),
        ("transfer_reject", "transfer"),
    ],
)
def test_sibling_objects_answer_404(as_, officer_a, sibling_ids, name, kind):
    client = as_(officer_a)
    before = written()
    for method in (client.get, client.post):
        assert method(url(name, sibling_ids[kind]), {"on": "2024-02-01"}).status_code == 404
    assert written() == before


# -- a member's page -----------------------------------------------------------------------------


class TestDetail:
    def test_shows_facts_history_and_who_changed_what(self, as_, officer_a, people):
        person = people["an"]
        services.member_update(actor=officer_a, person=person, phone="0987654321", job_title="Bác sĩ")
        response = as_(officer_a).get(url("detail", person.pk))
        text = body(response)
        assert response.status_code == 200
        assert "001090000001" in text and "0987654321" in text
        assert "Công đoàn Sở Y tế" in text and "Đang sinh hoạt" in text
        update, joined = response.context["audit_rows"]  # newest first
        assert update.entry.actor == officer_a and str(update.action) == "Sửa thông tin đoàn viên"
        assert {label: (b, a) for label, b, a in update.changes} == {
            "Điện thoại": ("0912345678", "0987654321"),
            "Chức danh nghề nghiệp": ("—", "Bác sĩ"),
        }
        assert (
            str(joined.action) == "Kết nạp đoàn viên"
            and ("Họ và tên", "—", "Nguyễn Văn An") in joined.changes
        )

    def test_personal_values_hidden_even_in_the_audit(self, as_, officer_a, viewer_a, people):
        person = people["an"]
        services.member_update(actor=officer_a, person=person, phone="0987654321")
        response = as_(viewer_a).get(url("detail", person.pk))
        text = body(response)
        assert response.status_code == 200
        for secret in ("0912345678", "0987654321", "001090000001", "17/05/1990"):
            assert secret not in text
        update = next(r for r in response.context["audit_rows"] if r.entry.action == "member.update")
        assert [(str(b), str(a)) for label, b, a in update.changes if label == "Điện thoại"] == [
            ("(ẩn)", "(ẩn)")
        ]
        assert url("edit", person.pk) not in text  # no change buttons for a viewer

    def test_periods_and_transfers(self, as_, cdvc_officer, tree, people):
        person = people["an"]
        services.member_transfer(actor=cdvc_officer, person=person, to_unit=tree.b, on=D(2023, 5, 1))
        response = as_(cdvc_officer).get(url("detail", person.pk))
        periods = response.context["periods"]
        assert [(p.unit_name, p.until) for p in periods] == [
            ("Công đoàn Sở Y tế", D(2023, 4, 30)),
            (SO_GD, None),
        ]
        assert [(t.from_name, t.to_name) for t in response.context["transfers"]] == [
            ("Công đoàn Sở Y tế", SO_GD)
        ]
        assert "30/04/2023" in body(response)


# -- changes -------------------------------------------------------------------------------------


class TestJoin:
    def test_join(self, as_, officer_a, tree):
        client = as_(officer_a)
        assert client.get(url("join")).status_code == 200
        response = client.post(
            url("join"),
            {
                "unit": tree.a.pk,
                "on": "01/03/2024",
                "full_name": " Hoàng  Văn Cường ",
                "sex": "M",
                "card_number": "A-100",
                "id_number": "001 090 000 777",
                "phone": "0900 000 111",
            },
        )
        person = Person.objects.get(card_number="A-100")
        assert response.status_code == 302 and response["Location"] == url("detail", person.pk)
        assert person.full_name == "Hoàng Văn Cường" and person.id_number == "001090000777"
        assert person.joined_union_on == D(2024, 3, 1) and person.unit == tree.a

    def test_bad_input_is_shown_on_the_fields(self, as_, officer_a, tree):
        before = written()
        response = as_(officer_a).post(
            url("join"),
            {
                "unit": tree.a.pk,
                "on": "2024-03-01",
                "full_name": "Hoàng Văn Cường",
                "sex": "M",
                "id_number": "12345",
            },
        )
        assert response.status_code == 400
        assert "id_number" in response.context["form"].errors
        assert written() == before

    def test_only_member_units_the_actor_manages(self, as_, officer_a, cdvc_officer, viewer_a, tree):
        form = as_(cdvc_officer).get(url("join")).context["form"]
        assert {v.unit_id for v in form.fields["unit"].options()} == {tree.a.pk, tree.b.pk}
        assert (
            as_(officer_a)
            .post(url("join"), {"unit": tree.b.pk, "on": "2024-01-01", "full_name": "X", "sex": "M"})
            .status_code
            == 400
        )
        assert as_(viewer_a).get(url("join")).status_code == 403


class TestEdit:
    def test_edit(self, as_, officer_a, people):
        person = people["anh"]
        response = as_(officer_a).post(
            url("edit", person.pk),
            {
                "full_name": "Trần Thị Ánh Hồng",
                "sex": "F",
                "card_number": "A-002",
                "date_of_birth": "02/01/1970",
                "joined_union_on": "2021-01-01",
                "policy_family": "on",
                "hardship": "on",
            },
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.full_name == "Trần Thị Ánh Hồng" and person.hardship
        entry = AuditEntry.objects.filter(action="member.update").get()
        assert set(entry.after) == {"full_name", "hardship"}

    def test_bad_input(self, as_, officer_a, people):
        person = people["anh"]
        before = written()
        response = as_(officer_a).post(
            url("edit", person.pk),
            {
                "full_name": "Trần Thị Ánh",
                "sex": "F",
                "card_number": "A-001",  # An's card
            },
        )
        assert response.status_code == 400
        assert "card_number" in response.context["form"].errors
        assert written() == before

    def test_viewer_cannot_edit(self, as_, viewer_a, people):
        assert as_(viewer_a).get(url("edit", people["an"].pk)).status_code == 403


class TestTransfer:
    def test_within_the_officers_scope_completes(self, as_, cdvc_officer, tree, people):
        person = people["an"]
        response = as_(cdvc_officer).post(
            url("transfer", person.pk), {"to_unit": tree.b.pk, "on": "2024-02-01"}
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.unit == tree.b

    def test_to_a_unit_outside_the_scope_by_code_waits(self, as_, officer_a, tree, people):
        person = people["an"]
        form = as_(officer_a).get(url("transfer", person.pk)).context["form"]
        assert tree.b.pk not in {v.unit_id for v in form.fields["to_unit"].options()}
        response = as_(officer_a).post(
            url("transfer", person.pk), {"to_unit_code": "cdcs_b", "on": "2024-02-01"}
        )
        assert response.status_code == 302
        transfer = Transfer.objects.get()
        assert transfer.state == Transfer.State.PENDING and transfer.to_unit == tree.b

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ({"to_unit_code": "NOPE", "on": "2024-02-01"}, "to_unit_code"),
            ({"to_unit_code": "CDVC", "on": "2024-02-01"}, "to_unit_code"),  # not a unit that holds members
            ({"on": "2024-02-01"}, "to_unit"),
            ({"to_unit_code": "CDCS_B", "on": "2020-06-01"}, "on"),  # before the period began
        ],
    )
    def test_bad_input(self, as_, officer_a, people, data, field):
        before = written()
        response = as_(officer_a).post(url("transfer", people["an"].pk), data)
        assert response.status_code == 400
        assert field in response.context["form"].errors
        assert written() == before


class TestLeaveStatusRejoin:
    def test_leave_then_rejoin(self, as_, officer_a, tree, people):
        person = people["binh"]
        client = as_(officer_a)
        response = client.post(
            url("leave", person.pk), {"status": Status.LEFT, "on": "2023-01-01", "note": "Nghỉ hưu"}
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.status == Status.LEFT
        response = client.post(
            url("rejoin", person.pk), {"unit": tree.a.pk, "on": "2024-01-01", "card_number": "A-003"}
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.status == Status.ACTIVE and person.memberships.count() == 2

    def test_leave_bad_date(self, as_, officer_a, people):
        before = written()
        response = as_(officer_a).post(
            url("leave", people["binh"].pk), {"status": Status.LEFT, "on": "2020-01-01"}
        )
        assert response.status_code == 400 and "on" in response.context["form"].errors
        assert written() == before

    def test_rejoin_bad_date(self, as_, officer_a, tree, people):
        person = people["binh"]
        services.member_leave(actor=officer_a, person=person, on=D(2023, 1, 1))
        before = written()
        response = as_(officer_a).post(url("rejoin", person.pk), {"unit": tree.a.pk, "on": "2022-06-01"})
        assert response.status_code == 400 and "on" in response.context["form"].errors
        assert written() == before

    def test_status(self, as_, officer_a, people):
        person = people["an"]
        client = as_(officer_a)
        assert client.get(url("status", person.pk)).context["form"]["status"].initial == Status.EXEMPT
        response = client.post(url("status", person.pk), {"status": Status.EXEMPT, "on": "2024-01-01"})
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.status == Status.EXEMPT
        before = written()
        response = client.post(url("status", person.pk), {"status": Status.EXEMPT, "on": "2024-06-01"})
        assert response.status_code == 400 and "status" in response.context["form"].errors
        assert written() == before


class TestCorrect:
    def test_correct_a_period_start(self, as_, officer_a, people):
        membership = people["an"].memberships.get()
        response = as_(officer_a).post(url("membership_correct", membership.pk), {"valid_from": "2020-09-01"})
        assert response.status_code == 302
        membership.refresh_from_db()
        assert membership.valid_from == D(2020, 9, 1)

    def test_bad_date(self, as_, officer_a, people):
        person = people["an"]
        services.member_leave(actor=officer_a, person=person, on=D(2023, 1, 1))
        membership = person.memberships.get()
        before = written()
        response = as_(officer_a).post(url("membership_correct", membership.pk), {"valid_from": "2023-06-01"})
        assert response.status_code == 400 and "valid_from" in response.context["form"].errors
        assert written() == before


# -- transfers inbox -----------------------------------------------------------------------------


class TestTransfers:
    @pytest.fixture
    def pending(self, officer_a, tree, people):
        return [
            services.member_transfer(actor=officer_a, person=people[k], to_unit=tree.b, on=D(2024, 2, 1))
            for k in ("an", "anh")
        ]

    def test_receiving_officer_accepts_and_rejects(self, as_, officer_a, officer_b, tree, pending):
        client = as_(officer_b)
        response = client.get(url("transfers"))
        assert [t.pk for t in response.context["incoming"]] == [t.pk for t in pending]
        assert "Nguyễn Văn An" in body(response)
        assert client.get(url("transfer_accept", pending[0].pk)).status_code == 405
        assert client.post(url("transfer_accept", pending[0].pk)).status_code == 302
        assert client.post(url("transfer_reject", pending[1].pk), {"note": "Thiếu hồ sơ"}).status_code == 302
        pending[0].person.refresh_from_db()
        assert pending[0].person.unit == tree.b
        states = {t.person.full_name: t.state for t in Transfer.objects.all()}
        assert states == {"Nguyễn Văn An": "accepted", "Trần Thị Ánh": "rejected"}
        # The sending officer sees how it went, and cannot decide for the receiver.
        response = as_(officer_a).get(url("transfers"))
        assert list(response.context["incoming"]) == []
        assert {t.state for t in response.context["outgoing"]} == {"accepted", "rejected"}

    def test_deciding_twice_is_an_error(self, as_, officer_b, pending):
        client = as_(officer_b)
        client.post(url("transfer_reject", pending[0].pk))
        response = client.post(url("transfer_accept", pending[0].pk))
        assert response.status_code == 400 and "đã được xử lý" in body(response)

    def test_sender_cannot_accept(self, as_, officer_a, pending):
        assert as_(officer_a).post(url("transfer_accept", pending[0].pk)).status_code == 404
        assert Transfer.objects.filter(state="pending").count() == 2


# -- statistics ----------------------------------------------------------------------------------


class TestStats:
    @pytest.fixture
    def counted(self, tree, admin_user, people):
        team = make_unit("A_T1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
        join(team, name="Đỗ Thị Tổ", sex="F", actor=admin_user)
        workforce_record(actor=admin_user, unit=tree.a, on=D(2024, 1, 1), total=10, women=6)
        workforce_record(actor=admin_user, unit=team, on=D(2024, 1, 1), total=2, women=2)  # inside A's 10
        workforce_record(actor=admin_user, unit=tree.b, on=D(2024, 1, 1), total=5, women=1)
        return team

    def test_roll_up(self, as_, cdvc_officer, tree, counted):
        response = as_(cdvc_officer).get(url("stats"), {"on": "2024-06-01"})
        assert response.status_code == 200
        rows = {r.unit.id: r for r in response.context["rows"]}
        assert response.context["unit"] == tree.cdvc  # the officer's top unit by default
        got = {
            uid: (r.total.members, r.total.women, r.total.workforce, r.total.rate, r.indent)
            for uid, r in rows.items()
        }
        assert got == {
            tree.cdvc.pk: (5, 3, 15, 33, 0),  # 33.3 %: members.rate_percent, an integer rounded half up
            tree.a.pk: (4, 2, 10, 40, 1),
            counted.pk: (1, 1, 2, 50, 2),
            tree.b.pk: (1, 1, 5, 20, 1),
        }

    def test_a_date_before_the_members_joined(self, as_, cdvc_officer, tree, counted):
        response = as_(cdvc_officer).get(url("stats"), {"unit": tree.a.pk, "on": "2020-06-01"})
        assert [r.total.members for r in response.context["rows"]] == [0, 0]

    def test_scoped(self, as_, officer_a, tree, counted):
        response = as_(officer_a).get(url("stats"))
        assert response.context["unit"] == tree.a
        assert SO_GD not in body(response)
        assert as_(officer_a).get(url("stats"), {"unit": tree.b.pk}).status_code == 400

    def test_record_workforce_from_the_page(self, as_, officer_a, tree):
        client = as_(officer_a)
        data = {"wf-unit": tree.a.pk, "wf-on": "2024-01-01", "wf-total": "40", "wf-women": "25"}
        assert client.post(url("workforce_record"), data).status_code == 302
        assert client.post(url("workforce_record"), {**data, "wf-total": "50"}).status_code == 302
        count = WorkforceCount.objects.get()
        assert (count.total, count.women) == (50, 25)
        response = client.post(url("workforce_record"), {**data, "wf-women": "60"})
        assert response.status_code == 400 and "women" in response.context["workforce_form"].errors
        assert WorkforceCount.objects.get().women == 25

    def test_viewer_sees_no_workforce_form(self, as_, viewer_a):
        response = as_(viewer_a).get(url("stats"))
        assert response.status_code == 200 and response.context["workforce_form"] is None


class TestWorkforceRecord:
    def test_update_or_create_and_audit(self, officer_a, tree):
        first = workforce_record(
            actor=officer_a, unit=tree.a, on=D(2024, 1, 1), total=10, women=4, note=" đầu năm "
        )
        again = workforce_record(actor=officer_a, unit=tree.a, on=D(2024, 1, 1), total=12, women=4)
        assert first.pk == again.pk and WorkforceCount.objects.get().total == 12
        assert first.note == "đầu năm"
        entries = AuditEntry.objects.filter(action="workforce.record").order_by("id")
        assert [e.after.get("total") for e in entries] == [10, 12]

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"total": 3, "women": 4}, "women"),
            ({"total": -1, "women": 0}, "total"),
            ({"total": 3, "women": 0, "on": D(2019, 1, 1)}, "on"),  # before the unit existed
        ],
    )
    def test_validation(self, officer_a, tree, kwargs, field):
        kwargs = {"on": D(2024, 1, 1), **kwargs}
        with pytest.raises(ValidationError) as exc:
            workforce_record(actor=officer_a, unit=tree.a, **kwargs)
        assert field in exc.value.message_dict
        assert (
            not WorkforceCount.objects.exists()
            and not AuditEntry.objects.filter(action="workforce.record").exists()
        )

    def test_permission(self, officer_a, viewer_a, tree):
        with pytest.raises(PermissionDenied):
            workforce_record(actor=viewer_a, unit=tree.a, on=D(2024, 1, 1), total=1, women=0)
        with pytest.raises(Http404):
            workforce_record(actor=officer_a, unit=tree.b, on=D(2024, 1, 1), total=1, women=0)


# -- query counts --------------------------------------------------------------------------------


def _grow(unit, admin_user, n: int) -> None:
    for _ in range(n):
        join(unit, actor=admin_user, phone="0911111111")


@pytest.mark.parametrize("page", ["list", "search", "detail"])
def test_query_count_does_not_grow(as_, officer_a, tree, admin_user, django_assert_num_queries, page):
    client = as_(officer_a)
    first = join(tree.a, actor=admin_user)
    services.member_update(actor=officer_a, person=first, job_title="Điều dưỡng")

    def get():
        if page == "list":
            return client.get(url("list"))
        if page == "search":
            return client.post(
                url("list"), {"q": "nguyen", "unit": tree.a.pk, "descendants": "on"}, HTTP_HX_REQUEST="true"
            )
        return client.get(url("detail", first.pk))

    _grow(tree.a, admin_user, 2)
    get()  # warm up
    with CaptureQueriesContext(connection) as small:
        assert get().status_code == 200
    _grow(tree.a, admin_user, 27)
    with django_assert_num_queries(len(small)):
        response = get()
    if page != "detail":
        assert len(response.context["rows"]) == 30
