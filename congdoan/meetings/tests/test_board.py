"""The people's inspection board elected by a conference: 3 to 9 members with one head (a dated
rule), a two-year term (dated), one board in term at a time; bad input refused, nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.core.models import AuditEntry, RuleValue

from ..models import ConferenceKind, InspectionBoard, InspectionMember
from ..services import inspection_board_elect
from .factories import conference

pytestmark = pytest.mark.django_db
HEAD, DEPUTY, MEMBER = "truong-ban", "pho-ban", "thanh-vien"


def _members(n: int, heads: int = 1) -> list[tuple[str, str, str]]:
    return [(f"Thành Viên Số {i}", HEAD if i < heads else MEMBER, "") for i in range(n)]


def _refused(field, words, run):
    before = (AuditEntry.objects.count(), InspectionBoard.objects.count(), InspectionMember.objects.count())
    with pytest.raises(ValidationError) as caught:
        run()
    assert field in caught.value.message_dict, caught.value.message_dict
    assert words in " ".join(caught.value.message_dict[field]), caught.value.message_dict
    assert (
        AuditEntry.objects.count(),
        InspectionBoard.objects.count(),
        InspectionMember.objects.count(),
    ) == before


def test_board_elected_for_two_years(tree, officer_a):
    held = conference(tree.a, officer_a)
    board = inspection_board_elect(
        actor=officer_a,
        conference=held,
        members=[
            ("Nguyễn Văn Trưởng", HEAD, "Phòng Tổ chức"),
            ("Lê Thị Phó", DEPUTY, ""),
            ("Trần Văn Ba", MEMBER, ""),
        ],
    )
    assert (board.elected_on, board.ends_on) == (dt.date(2024, 2, 22), dt.date(2026, 2, 22))
    assert [m.role for m in board.members.all()] == [HEAD, DEPUTY, MEMBER]
    assert len(AuditEntry.objects.get(action="conference.inspection_board").after["members"]) == 3


@pytest.mark.parametrize(
    ("members", "words"),
    [
        (_members(2), "từ 3 đến 9 thành viên; đã nhập 2"),
        (_members(10), "từ 3 đến 9 thành viên; đã nhập 10"),
        (_members(4, heads=0), "đúng một Trưởng ban"),
        (_members(4, heads=2), "đúng một Trưởng ban"),
        ([("An", HEAD, ""), ("Bình", MEMBER, ""), ("an", MEMBER, "")], "được nhập hai lần"),
        ([("An", HEAD, ""), ("", MEMBER, ""), ("Cúc", MEMBER, "")], "phải có họ và tên"),
        ([("An", HEAD, ""), ("Bình", "khac", ""), ("Cúc", MEMBER, "")], "không có trong danh mục"),
    ],
    ids=["too-few", "too-many", "no-head", "two-heads", "twice", "no-name", "bad-role"],
)
def test_bad_board_is_refused(tree, officer_a, members, words):
    held = conference(tree.a, officer_a)
    _refused(
        "members", words, lambda: inspection_board_elect(actor=officer_a, conference=held, members=members)
    )


def test_size_is_a_dated_rule(tree, officer_a):
    RuleValue.objects.create(
        key="meetings.inspection_board_size", valid_from=dt.date(2024, 1, 1), value={"min": 5, "max": 7}
    )
    held = conference(tree.a, officer_a)
    _refused(
        "members",
        "từ 5 đến 7",
        lambda: inspection_board_elect(actor=officer_a, conference=held, members=_members(4)),
    )


def test_one_board_in_term_at_a_time(tree, officer_a):
    first = conference(tree.a, officer_a, year=2023, held_on=dt.date(2023, 2, 1))
    inspection_board_elect(actor=officer_a, conference=first, members=_members(3))
    second = conference(tree.a, officer_a)
    _refused(
        "conference",
        "còn nhiệm kỳ đến hết ngày 31/01/2025",
        lambda: inspection_board_elect(actor=officer_a, conference=second, members=_members(3)),
    )
    third = conference(tree.a, officer_a, year=2025, held_on=dt.date(2025, 2, 1))
    assert (
        inspection_board_elect(actor=officer_a, conference=third, members=_members(3)).elected_on.year == 2025
    )


def test_a_dialogue_elects_no_board(tree, officer_a):
    dialogue = conference(tree.a, officer_a, kind=ConferenceKind.DIALOGUE)
    _refused(
        "conference",
        "Hội nghị CBCCVC hoặc Hội nghị người lao động",
        lambda: inspection_board_elect(actor=officer_a, conference=dialogue, members=_members(3)),
    )


def test_page_and_api(client, call, tree, officer_a, officer_b):
    held = conference(tree.a, officer_a)
    client.force_login(officer_a)
    url = reverse("meetings:inspection_board", args=[held.pk])
    response = client.post(url, {"board-head": "Nguyễn Văn Trưởng", "board-members": "Lê Thị Hai"})
    assert response.status_code == 422 and "đã nhập 2" in response.content.decode()
    response = client.post(
        url,
        {
            "board-head": "Nguyễn Văn Trưởng, Phòng Tổ chức",
            "board-deputies": "Lê Thị Phó",
            "board-members": "Trần Ba\nPhạm Tư",
        },
    )
    assert response.status_code == 302
    body = client.get(reverse("meetings:detail", args=[held.pk])).content.decode()
    assert "Nguyễn Văn Trưởng — Trưởng ban (Phòng Tổ chức)" in body and 'data-testid="board-term"' in body
    client.force_login(officer_b)
    assert client.post(url, {}).status_code == 404
    other = conference(tree.b, officer_b)
    body = {"members": [{"full_name": f"Người {i}", "role": HEAD if i == 0 else MEMBER} for i in range(3)]}
    assert (
        call(officer_a, "POST", f"/meetings/conferences/{other.pk}/inspection-board", body).status_code == 404
    )
    answer = call(officer_b, "POST", f"/meetings/conferences/{other.pk}/inspection-board", body)
    assert answer.status_code == 201 and answer.json()["ends_on"] == "2026-02-22"
