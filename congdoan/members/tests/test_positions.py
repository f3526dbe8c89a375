"""Union-officer positions (chức vụ công đoàn): assigning and ending them, positions ending with the
membership, the member page's forms and the API."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.members import services
from congdoan.members.models import OfficerPosition, PositionKind, Status
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import make_unit

D = dt.date
START = D(2023, 6, 1)


def kind(code: str = "chu-tich") -> PositionKind:
    return PositionKind.objects.get(code=code)


def assign(
    actor, person, unit, *, code: str = "chu-tich", valid_from: dt.date = START, term: str = "2023-2028"
):
    return services.position_assign(
        actor=actor, person=person, position=kind(code), unit=unit, valid_from=valid_from, term=term
    )


def written() -> tuple[list, int]:
    """What a refused change must leave untouched."""
    return list(OfficerPosition.objects.order_by("pk").values()), AuditEntry.objects.count()


@pytest.fixture
def lan(tree, officer_a):
    return join(tree.a, name="Nguyễn Thị Lan", actor=officer_a)


# -- services -------------------------------------------------------------------------------------


class TestAssign:
    def test_assign_records_the_position_and_audits(self, tree, officer_a, lan):
        held = assign(officer_a, lan, tree.a, term=" 2023-2028 ")
        assert (held.person, held.unit, held.position.code, held.term) == (
            lan,
            tree.a,
            "chu-tich",
            "2023-2028",
        )
        assert (held.valid_from, held.valid_to) == (START, None)
        entry = AuditEntry.objects.get(action="position.assign")
        assert (entry.object_type, entry.object_id, entry.unit_id) == (
            "members.officerposition",
            str(held.pk),
            tree.a.pk,
        )
        assert entry.after == {
            "person": lan.pk,
            "unit": tree.a.pk,
            "position": kind().pk,
            "term": "2023-2028",
            "valid_from": "2023-06-01",
        }

    def test_members_of_units_below_sit_in_a_unit_above(self, tree, cdvc_officer, lan):
        team = make_unit("TO1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
        nurse = join(team, actor=cdvc_officer)
        assert assign(cdvc_officer, lan, tree.cdvc, code="uy-vien-bch").unit == tree.cdvc
        assert assign(cdvc_officer, nurse, tree.a, code="uy-vien-bch").unit == tree.a

    def test_overlap_of_the_same_position_refused(self, tree, officer_a, lan):
        first = assign(officer_a, lan, tree.a)
        before = written()
        with pytest.raises(ValidationError) as exc:
            assign(officer_a, lan, tree.a, valid_from=D(2024, 1, 1))
        assert "01/06/2023" in exc.value.message_dict["position"][0]
        assert written() == before
        # Another position, or the same one once the first has ended, is fine.
        assign(officer_a, lan, tree.a, code="uy-vien-bch")
        services.position_end(actor=officer_a, position_held=first, on=D(2024, 1, 1))
        with pytest.raises(ValidationError):
            assign(officer_a, lan, tree.a, valid_from=D(2023, 12, 1))  # still overlaps the ended period
        assert assign(officer_a, lan, tree.a, valid_from=D(2024, 1, 1)).valid_from == D(2024, 1, 1)

    def test_a_second_chair_of_one_unit_refused(self, tree, officer_a, lan):
        """Issue 8: two people could hold Chủ tịch of one unit at the same time."""
        assert kind().single_holder and not kind("uy-vien-bch").single_holder
        assign(officer_a, lan, tree.a)
        hoa = join(tree.a, name="Trần Văn Hòa", actor=officer_a)
        before = written()
        with pytest.raises(ValidationError) as exc:
            assign(officer_a, hoa, tree.a, valid_from=D(2024, 1, 1))
        message = exc.value.message_dict["position"][0]
        assert "Nguyễn Thị Lan" in message and "01/06/2023" in message
        assert written() == before
        # Many BCH members at once; a new chair once the first has stepped down.
        assign(officer_a, hoa, tree.a, code="uy-vien-bch")
        assign(officer_a, lan, tree.a, code="uy-vien-bch")
        services.position_end(
            actor=officer_a, position_held=OfficerPosition.objects.get(position=kind()), on=D(2024, 1, 1)
        )
        with pytest.raises(ValidationError):
            assign(officer_a, hoa, tree.a, valid_from=D(2023, 12, 31))
        assert assign(officer_a, hoa, tree.a, valid_from=D(2024, 1, 1)).person == hoa

    def test_out_of_scope_and_view_only(self, tree, officer_a, viewer_a, officer_b, lan):
        b_member = join(tree.b, actor=officer_b)
        with pytest.raises(Http404):
            assign(officer_a, b_member, tree.b)
        with pytest.raises(Http404):
            assign(officer_a, lan, tree.cdvc)  # officer_a sees nothing above CĐCS A
        with pytest.raises(PermissionDenied):
            assign(viewer_a, lan, tree.a)
        assert not OfficerPosition.objects.exists()

    def test_person_must_be_a_member_of_the_subtree_on_that_date(self, tree, cdvc_officer, lan):
        b_member = join(tree.b, actor=cdvc_officer)
        with pytest.raises(ValidationError) as exc:
            assign(cdvc_officer, b_member, tree.a)
        assert "không sinh hoạt tại Công đoàn Sở Y tế" in exc.value.message_dict["unit"][0]
        with pytest.raises(ValidationError) as exc:
            assign(cdvc_officer, lan, tree.a, valid_from=D(2020, 12, 31))  # the day before joining
        assert "unit" in exc.value.message_dict
        services.member_leave(actor=cdvc_officer, person=lan, on=D(2023, 1, 1))
        with pytest.raises(ValidationError) as exc:
            assign(cdvc_officer, lan, tree.a)
        assert "unit" in exc.value.message_dict
        assert not OfficerPosition.objects.exists()

    def test_unit_must_exist_on_that_date(self, tree, officer_a, lan):
        with pytest.raises(ValidationError) as exc:
            assign(officer_a, lan, tree.a, valid_from=D(2019, 6, 1))
        assert exc.value.message_dict["unit"] == ["Đơn vị không có hiệu lực vào ngày 01/06/2019."]

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"term": "2023"}, "term"),
            ({"term": "2028-2023"}, "term"),
            ({"term": "nhiệm kỳ XII"}, "term"),
            ({"valid_from": today() + dt.timedelta(days=1)}, "valid_from"),
        ],
    )
    def test_bad_input_named_and_nothing_written(self, tree, officer_a, lan, kwargs, field):
        before = written()
        with pytest.raises(ValidationError) as exc:
            assign(officer_a, lan, tree.a, **kwargs)
        assert field in exc.value.message_dict
        assert written() == before

    def test_term_is_optional(self, tree, officer_a, lan):
        assert assign(officer_a, lan, tree.a, term="").term == ""


class TestEnd:
    def test_end_sets_valid_to_and_audits(self, tree, officer_a, lan):
        held = assign(officer_a, lan, tree.a)
        services.position_end(actor=officer_a, position_held=held, on=D(2024, 3, 1))
        held.refresh_from_db()
        assert held.valid_to == D(2024, 3, 1)
        entry = AuditEntry.objects.get(action="position.end")
        assert (entry.before, entry.after) == ({"valid_to": None}, {"valid_to": "2024-03-01"})

    @pytest.mark.parametrize("on", [START, D(2023, 1, 1), "tomorrow"])
    def test_bad_dates_refused(self, tree, officer_a, lan, on):
        held = assign(officer_a, lan, tree.a)
        before = written()
        with pytest.raises(ValidationError) as exc:
            services.position_end(
                actor=officer_a,
                position_held=held,
                on=today() + dt.timedelta(days=1) if on == "tomorrow" else on,
            )
        assert "on" in exc.value.message_dict
        assert written() == before

    def test_ended_once_only(self, tree, officer_a, lan):
        held = assign(officer_a, lan, tree.a)
        services.position_end(actor=officer_a, position_held=held, on=D(2024, 3, 1))
        with pytest.raises(ValidationError):
            services.position_end(actor=officer_a, position_held=held, on=D(2024, 4, 1))

    def test_out_of_scope(self, tree, officer_a, officer_b, viewer_a, lan):
        b_held = assign(officer_b, join(tree.b, actor=officer_b), tree.b)
        with pytest.raises(Http404):
            services.position_end(actor=officer_a, position_held=b_held, on=D(2024, 1, 1))
        with pytest.raises(PermissionDenied):
            services.position_end(
                actor=viewer_a, position_held=assign(officer_a, lan, tree.a), on=D(2024, 1, 1)
            )


class TestMembershipEnds:
    @pytest.mark.parametrize("status", [Status.LEFT, Status.DECEASED])
    def test_leaving_ends_every_open_position(self, tree, cdvc_officer, lan, status):
        here = assign(cdvc_officer, lan, tree.a)
        above = assign(cdvc_officer, lan, tree.cdvc, code="uy-vien-bch")
        ended = assign(cdvc_officer, lan, tree.a, code="uy-vien-ubkt")
        services.position_end(actor=cdvc_officer, position_held=ended, on=D(2023, 9, 1))
        services.member_leave(actor=cdvc_officer, person=lan, on=D(2024, 2, 1), status=status)
        for held in (here, above, ended):
            held.refresh_from_db()
        assert [here.valid_to, above.valid_to, ended.valid_to] == [
            D(2024, 2, 1),
            D(2024, 2, 1),
            D(2023, 9, 1),
        ]
        assert AuditEntry.objects.filter(action="position.end").count() == 3

    def test_transfer_keeps_positions_above_both_units(self, tree, cdvc_officer, lan):
        here = assign(cdvc_officer, lan, tree.a)
        above = assign(cdvc_officer, lan, tree.cdvc, code="uy-vien-bch")
        services.member_transfer(actor=cdvc_officer, person=lan, to_unit=tree.b, on=D(2024, 2, 1))
        here.refresh_from_db()
        above.refresh_from_db()
        assert (here.valid_to, above.valid_to) == (D(2024, 2, 1), None)

    def test_transfer_accepted_later_ends_positions(self, tree, officer_a, officer_b, lan):
        held = assign(officer_a, lan, tree.a)
        transfer = services.member_transfer(actor=officer_a, person=lan, to_unit=tree.b, on=D(2024, 2, 1))
        held.refresh_from_db()
        assert held.valid_to is None  # pending: still in A
        services.transfer_accept(actor=officer_b, transfer=transfer)
        held.refresh_from_db()
        assert held.valid_to == D(2024, 2, 1)

    def test_exemption_keeps_positions(self, tree, officer_a, lan):
        held = assign(officer_a, lan, tree.a)
        services.member_set_status(actor=officer_a, person=lan, status=Status.EXEMPT, on=D(2024, 2, 1))
        held.refresh_from_db()
        assert held.valid_to is None

    def test_leaving_before_a_position_began_refused(self, tree, officer_a, lan):
        assign(officer_a, lan, tree.a)
        before = written()
        with pytest.raises(ValidationError) as exc:
            services.member_leave(actor=officer_a, person=lan, on=START)
        assert "Chủ tịch" in exc.value.message_dict["on"][0]
        assert written() == before
        lan.refresh_from_db()
        assert lan.status == Status.ACTIVE


# -- the member page ------------------------------------------------------------------------------


def page(client, person):
    return client.get(reverse("members:detail", args=[person.pk])).content.decode()


class TestViews:
    def test_member_page_offers_the_forms(self, client, tree, officer_a, viewer_a, lan):
        held = assign(officer_a, lan, tree.a)
        client.force_login(officer_a)
        body = page(client, lan)
        assert 'data-testid="position-assign"' in body and "Giao chức vụ" in body
        assert "(chọn đơn vị)" in body and ">None<" not in body
        assert reverse("members:position_end", args=[held.pk]) in body
        client.force_login(viewer_a)
        body = page(client, lan)
        assert 'data-testid="position-assign"' not in body and 'data-testid="position-end"' not in body

    def test_assign_and_end(self, client, tree, officer_a, lan):
        client.force_login(officer_a)
        data = {"position": kind().pk, "unit": tree.a.pk, "valid_from": "2023-06-01", "term": "2023-2028"}
        response = client.post(reverse("members:position_assign", args=[lan.pk]), data, follow=True)
        assert response.redirect_chain[-1][0] == reverse("members:detail", args=[lan.pk])
        assert "Chủ tịch từ ngày 01/06/2023" in response.content.decode()
        held = OfficerPosition.objects.get()
        response = client.post(reverse("members:position_end", args=[held.pk]), {"on": "2024-03-01"})
        assert response.status_code == 302
        held.refresh_from_db()
        assert held.valid_to == D(2024, 3, 1)

    def test_assign_errors_shown_per_field_and_nothing_written(self, client, tree, officer_a, lan):
        client.force_login(officer_a)
        before = written()
        url = reverse("members:position_assign", args=[lan.pk])
        response = client.post(url, {"unit": tree.a.pk, "valid_from": "2023-06-01"})
        assert response.status_code == 422
        assert "Trường này là bắt buộc." in response.content.decode()  # the position
        data = {"position": kind().pk, "unit": tree.a.pk, "valid_from": "2019-06-01", "term": "2028"}
        response = client.post(url, data)
        assert response.status_code == 422
        form = response.context["form"]
        assert form.errors["unit"] == ["Đơn vị không có hiệu lực vào ngày 01/06/2019."]
        assert form.errors["term"] == ["Nhiệm kỳ ghi theo dạng năm bắt đầu-năm kết thúc, ví dụ 2023-2028."]
        assert "Nhiệm kỳ ghi theo dạng năm bắt đầu-năm kết thúc" in response.content.decode()
        assert written() == before

    def test_end_error_shown(self, client, tree, officer_a, lan):
        held = assign(officer_a, lan, tree.a)
        client.force_login(officer_a)
        response = client.post(reverse("members:position_end", args=[held.pk]), {"on": "2023-06-01"})
        assert response.status_code == 422
        assert "Ngày kết thúc phải sau ngày bắt đầu giữ chức vụ (01/06/2023)." in response.content.decode()
        held.refresh_from_db()
        assert held.valid_to is None

    def test_scope(self, client, tree, officer_a, officer_b, viewer_a, lan):
        b_held = assign(officer_b, join(tree.b, actor=officer_b), tree.b)
        client.force_login(officer_a)
        assert (
            client.post(reverse("members:position_end", args=[b_held.pk]), {"on": "2024-01-01"}).status_code
            == 404
        )
        assert client.get(reverse("members:position_assign", args=[b_held.person_id])).status_code == 404
        client.force_login(viewer_a)
        assert client.get(reverse("members:position_assign", args=[lan.pk])).status_code == 403
        assert not OfficerPosition.objects.filter(person=lan).exists()


# -- the API --------------------------------------------------------------------------------------


class TestApi:
    def test_assign_and_end(self, call, tree, officer_a, lan):
        body = {"position": "chu-tich", "unit_id": tree.a.pk, "valid_from": "2023-06-01", "term": "2023-2028"}
        response = call(officer_a, "POST", f"/members/{lan.pk}/positions", body)
        assert response.status_code == 201, response.content
        held = OfficerPosition.objects.get()
        assert response.json() == {
            "id": held.pk,
            "unit_id": tree.a.pk,
            "unit_name": "Công đoàn Sở Y tế",
            "position": "chu-tich",
            "position_name": "Chủ tịch",
            "term": "2023-2028",
            "valid_from": "2023-06-01",
            "valid_to": None,
        }
        response = call(officer_a, "POST", f"/positions/{held.pk}/end", {"on": "2024-03-01"})
        assert response.status_code == 200, response.content
        assert response.json()["valid_to"] == "2024-03-01"
        positions = call(officer_a, "GET", f"/members/{lan.pk}").json()["positions"]
        assert [(p["id"], p["valid_to"]) for p in positions] == [(held.pk, "2024-03-01")]

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"position": "tong-bi-thu"}, "position"),
            ({"term": "2028-2023"}, "term"),
            ({"valid_from": "2019-06-01"}, "unit"),
            ({"valid_from": "01/06/2023"}, "valid_from"),
        ],
    )
    def test_refused_with_422(self, call, tree, officer_a, lan, change, field):
        body = {"position": "chu-tich", "unit_id": tree.a.pk, "valid_from": "2023-06-01", **change}
        response = call(officer_a, "POST", f"/members/{lan.pk}/positions", body)
        assert response.status_code == 422, response.content
        assert field in response.json()["errors"]
        assert not OfficerPosition.objects.exists()

    def test_end_refused_with_422(self, call, tree, officer_a, lan):
        held = assign(officer_a, lan, tree.a)
        response = call(officer_a, "POST", f"/positions/{held.pk}/end", {"on": "2023-01-01"})
        assert response.status_code == 422
        assert list(response.json()["errors"]) == ["on"]

    def test_sibling_is_404(self, call, tree, officer_a, officer_b, lan):
        b_member = join(tree.b, actor=officer_b)
        b_held = assign(officer_b, b_member, tree.b)
        body = {"position": "chu-tich", "unit_id": tree.b.pk, "valid_from": "2023-06-01"}
        assert call(officer_a, "POST", f"/members/{b_member.pk}/positions", body).status_code == 404
        assert call(officer_a, "POST", f"/members/{lan.pk}/positions", body).status_code == 404
        assert call(officer_a, "POST", f"/positions/{b_held.pk}/end", {"on": "2024-01-01"}).status_code == 404
        b_held.refresh_from_db()
        assert b_held.valid_to is None and OfficerPosition.objects.count() == 1


def test_the_member_page_history_shows_position_changes(client, tree, officer_a, lan):
    held = assign(officer_a, lan, tree.a)
    services.position_end(actor=officer_a, position_held=held, on=D(2024, 1, 1))
    client.force_login(officer_a)
    body = client.get(reverse("members:detail", args=[lan.pk])).content.decode()
    history = body[body.index('data-testid="audit"') :]
    assert "Giao chức vụ công đoàn" in history
    assert "Kết thúc chức vụ công đoàn" in history
    assert kind().name in history
    assert "01/01/2024" in history
