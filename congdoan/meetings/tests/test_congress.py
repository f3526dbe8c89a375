"""Congress terms and the executive committees elected at them: terms of one unit never overlap, a
congress is recorded as held only once it met, the committee's members are the register's officer
positions (members of the unit on the congress's day), lower levels hold their congress first."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.members.models import OfficerPosition, PositionKind
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import make_unit

from ..models import CommitteeSeat, CongressTerm
from ..selectors import lower_levels_first
from ..services import committee_elect, term_record

pytestmark = pytest.mark.django_db
CONGRESS = dt.date(2023, 3, 15)


def _term(actor, unit, name="2023-2028", held_on=CONGRESS, **kw):
    return term_record(actor=actor, unit=unit, name=name, held_on=held_on, **kw)


def _refused(field, words, run):
    before = (AuditEntry.objects.count(), CongressTerm.objects.count(), OfficerPosition.objects.count())
    with pytest.raises(ValidationError) as caught:
        run()
    assert words in " ".join(caught.value.message_dict[field]), caught.value.message_dict
    assert (
        AuditEntry.objects.count(),
        CongressTerm.objects.count(),
        OfficerPosition.objects.count(),
    ) == before


def test_term_recorded(tree, officer_a):
    term = _term(officer_a, tree.a, delegates=40)
    assert (term.first_year, term.last_year, term.delegates) == (2023, 2028, 40)
    assert AuditEntry.objects.filter(action="congress.term_record").count() == 1


def test_next_term_may_follow(tree, officer_a):
    _term(officer_a, tree.a, "2020-2023", held_on=dt.date(2020, 4, 1))  # a term cut short by a change
    assert _term(officer_a, tree.a).name == "2023-2028"


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"name": "2023"}, "name", "ví dụ 2023-2028"),
        ({"name": "2028-2023"}, "name", "ví dụ 2023-2028"),
        (
            {
                "held_on": dt.date.today() + dt.timedelta(days=30),
                "name": f"{dt.date.today().year + 1}-{dt.date.today().year + 6}",
            },
            "held_on",
            "chưa diễn ra",
        ),
        ({"held_on": dt.date(2019, 5, 1), "name": "2019-2024"}, "held_on", "chưa thành lập"),
        ({"held_on": dt.date(2021, 5, 1)}, "held_on", "Đại hội nhiệm kỳ 2023-2028 họp trong năm 2023"),
        ({"delegates": 0}, "delegates", "Số đại biểu phải từ 1 trở lên"),
    ],
    ids=["no-years", "years-reversed", "future-as-held", "before-the-unit", "wrong-year", "no-delegates"],
)
def test_bad_term_is_refused(tree, officer_a, kwargs, field, words):
    _refused(field, words, lambda: _term(officer_a, tree.a, **kwargs))


def test_overlapping_terms_are_refused(tree, officer_a):
    _term(officer_a, tree.a)
    _refused(
        "name", "trùng với nhiệm kỳ 2023-2028", lambda: _term(officer_a, tree.a, "2025-2030", held_on=None)
    )


def test_a_planned_congress_may_be_in_the_future(tree, officer_a):
    year = dt.date.today().year + 1
    term = _term(officer_a, tree.a, f"{year}-{year + 5}", held_on=None, planned_on=dt.date(year, 5, 1))
    assert term.held_on is None


def test_elected_committee_are_officer_positions_of_the_register(tree, officer_a):
    chair = join(tree.a, name="Trần Thị Chủ Tịch", actor=officer_a, on=dt.date(2021, 1, 1))
    term = _term(officer_a, tree.a, delegates=40)
    seat = committee_elect(
        actor=officer_a, term=term, person=chair, position=PositionKind.objects.get(code="chu-tich"), votes=38
    )
    held = seat.position_held
    assert (held.person, held.unit, held.term, held.valid_from) == (chair, tree.a, "2023-2028", CONGRESS)
    assert chair.positions.get() == held  # the member's page and years of service read it


def test_a_non_member_cannot_be_elected(tree, officer_a):
    late = join(tree.a, name="Vào Sau", actor=officer_a, on=dt.date(2024, 1, 1))
    term = _term(officer_a, tree.a)
    position = PositionKind.objects.get(code="uy-vien-bch")
    _refused(
        "person",
        "không sinh hoạt tại",
        lambda: committee_elect(actor=officer_a, term=term, person=late, position=position),
    )


def test_votes_above_delegates_are_refused(tree, officer_a):
    member = join(tree.a, actor=officer_a, on=dt.date(2021, 1, 1))
    term = _term(officer_a, tree.a, delegates=40)
    position = PositionKind.objects.get(code="uy-vien-bch")
    run = lambda: committee_elect(actor=officer_a, term=term, person=member, position=position, votes=41)  # noqa: E731
    _refused("votes", "Số phiếu bầu (41) không thể lớn hơn số đại biểu (40)", run)


def test_a_second_chair_is_refused(tree, officer_a):
    term = _term(officer_a, tree.a)
    chair = PositionKind.objects.get(code="chu-tich")
    first, second = (join(tree.a, actor=officer_a, on=dt.date(2021, 1, 1)) for _ in range(2))
    committee_elect(actor=officer_a, term=term, person=first, position=chair)
    _refused(
        "position",
        "Đơn vị này đã có",
        lambda: committee_elect(actor=officer_a, term=term, person=second, position=chair),
    )


def test_lower_levels_hold_their_congress_first(tree, cdvc_officer):
    upper = _term(cdvc_officer, tree.cdvc, held_on=dt.date(2023, 5, 10))
    _term(cdvc_officer, tree.a, held_on=dt.date(2023, 4, 1))
    _term(cdvc_officer, tree.b, held_on=dt.date(2023, 6, 1))  # after its superior's: warned
    late = make_unit("CDCS_C", "Công đoàn Sở Tư pháp", tree.cdvc)  # none recorded: warned
    warned = {(w.unit_id, w.held_on) for w in lower_levels_first(term=upper)}
    assert warned == {(tree.b.pk, dt.date(2023, 6, 1)), (late.pk, None)}


def test_pages(client, tree, officer_a, officer_b):
    member = join(tree.a, name="Lê Văn Ủy Viên", actor=officer_a, on=dt.date(2021, 1, 1))
    term = _term(officer_a, tree.a, delegates=40)
    theirs = _term(officer_b, tree.b)
    client.force_login(officer_a)
    response = client.post(
        reverse("meetings:committee_elect", args=[term.pk]),
        {
            "elect-person": member.pk,
            "elect-position": PositionKind.objects.get(code="uy-vien-bch").pk,
            "elect-votes": "39",
        },
    )
    assert response.status_code == 302 and CommitteeSeat.objects.get().votes == 39
    body = client.get(reverse("meetings:term", args=[term.pk])).content.decode()
    assert "Lê Văn Ủy Viên" in body and "15/03/2023" in body
    assert client.get(reverse("meetings:term", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("meetings:committee_elect", args=[term.pk]),
        {
            "elect-person": member.pk,
            "elect-position": PositionKind.objects.get(code="pho-chu-tich").pk,
            "elect-votes": "41",
        },
    )
    assert (
        response.status_code == 422
        and "Số phiếu bầu (41) không thể lớn hơn số đại biểu (40)." in response.content.decode()
    )
    response = client.post(
        reverse("meetings:term_create"), {"unit": tree.a.pk, "name": "2025-2030", "planned_on": "01/05/2025"}
    )
    assert response.status_code == 422 and "trùng với nhiệm kỳ 2023-2028" in response.content.decode()


def test_term_list_query_count_does_not_grow(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    _term(cdvc_officer, tree.a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("meetings:terms")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(5):
        _term(cdvc_officer, make_unit(f"T{i}", f"Công đoàn cơ sở {i}", tree.cdvc))
    assert count() == few


def test_api(call, tree, officer_a, officer_b):
    member = join(tree.a, actor=officer_a, on=dt.date(2021, 1, 1))
    answer = call(
        officer_a,
        "POST",
        "/meetings/terms",
        {"unit_id": tree.a.pk, "name": "2023-2028", "held_on": "2023-03-15", "delegates": 40},
    )
    assert answer.status_code == 201
    term_id = answer.json()["id"]
    chair = PositionKind.objects.get(code="chu-tich")
    answer = call(
        officer_a,
        "POST",
        f"/meetings/terms/{term_id}/committee",
        {"person_id": member.pk, "position_id": chair.pk, "votes": 40},
    )
    assert answer.status_code == 201 and answer.json()["committee"][0]["votes"] == 40
    listed = call(officer_a, "GET", "/meetings/terms").json()
    assert listed["count"] == 1 and listed["items"][0]["name"] == "2023-2028"
    theirs = _term(officer_b, tree.b)
    assert call(officer_a, "GET", f"/meetings/terms/{theirs.pk}").status_code == 404
    bad = call(officer_a, "POST", "/meetings/terms", {"unit_id": tree.a.pk, "name": "2024-2029"})
    assert bad.status_code == 422 and "trùng với nhiệm kỳ 2023-2028" in bad.json()["errors"]["name"][0]
