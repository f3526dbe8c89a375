"""The rules of the conference services: each bad input is refused with a Vietnamese message
naming the field, and nothing is written."""

import datetime as dt
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from congdoan.core.models import AuditEntry, RuleValue

from ..models import Conference, ConferenceKind, DocumentRole, Vote
from ..rules import deadline, vote_outcome
from ..services import conference_record, document_add, duty_set, vote_record
from .factories import conference, duty

pytestmark = pytest.mark.django_db


def _refused(field: str, words: str, run) -> None:
    before = (AuditEntry.objects.count(), Conference.objects.count(), Vote.objects.count())
    with pytest.raises(ValidationError) as caught:
        run()
    assert field in caught.value.message_dict, caught.value.message_dict
    assert words in " ".join(caught.value.message_dict[field])
    assert (AuditEntry.objects.count(), Conference.objects.count(), Vote.objects.count()) == before


def _record(tree, actor, **changes):
    values = {
        "unit": tree.a,
        "kind": ConferenceKind.PUBLIC_EMPLOYEES,
        "year": 2024,
        "held_on": dt.date(2024, 2, 22),
        "expected": 30,
        "present": 28,
        **changes,
    }
    return lambda: conference_record(actor=actor, **values)


def test_conference_recorded_with_audit(tree, officer_a):
    held = conference(tree.a, officer_a, place="Hội trường")
    assert (held.year, held.present, held.expected) == (2024, 28, 30)
    entry = AuditEntry.objects.get(action="conference.record")
    assert entry.unit_id == tree.a.pk and entry.after["present"] == 28


FUTURE = dt.date.today() + dt.timedelta(days=10)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"present": 31}, "present", "Số người có mặt (31) không thể lớn hơn số được triệu tập (30)"),
        ({"expected": 0, "present": 0}, "expected", "Số người được triệu tập phải từ 1 trở lên"),
        ({"year": 2019, "held_on": dt.date(2019, 2, 22)}, "held_on", "chưa thành lập vào ngày 22/02/2019"),
        ({"year": FUTURE.year, "held_on": FUTURE}, "held_on", "chưa đến: chỉ ghi hội nghị đã họp"),
        ({"held_on": dt.date(2022, 12, 20)}, "year", "Hội nghị năm 2024 phải họp trong năm 2024"),
        ({"kind": ConferenceKind.WORKERS}, "kind", "không thuộc diện tổ chức Hội nghị người lao động"),
    ],
    ids=[
        "more-present-than-expected",
        "nobody-convened",
        "before-the-unit",
        "future",
        "outside-its-year",
        "no-duty",
    ],
)
def test_bad_conference_is_refused(tree, officer_a, changes, field, words):
    duty(tree.a, officer_a)
    _refused(field, words, _record(tree, officer_a, **changes))


def test_second_conference_of_a_kind_in_a_year_is_refused(tree, officer_a):
    conference(tree.a, officer_a)
    _refused(
        "year",
        "đã ghi Hội nghị cán bộ, công chức, viên chức năm 2024",
        _record(tree, officer_a, held_on=dt.date(2024, 3, 1)),
    )


def test_a_dialogue_the_same_year_is_another_kind(tree, officer_a):
    conference(tree.a, officer_a)
    dialogue = conference(tree.a, officer_a, kind=ConferenceKind.DIALOGUE, held_on=dt.date(2024, 6, 1))
    assert dialogue.kind == "doi-thoai"


def test_conference_after_the_unit_closed_is_refused(tree, cdvc_officer, admin_user):
    from congdoan.organizations.services import unit_dissolve

    duty(tree.a, cdvc_officer)
    unit_dissolve(actor=admin_user, unit=tree.a, on=dt.date(2023, 7, 1))
    tree.a.refresh_from_db()
    _refused(
        "held_on", "đã chấm dứt từ ngày 01/07/2023", _record(tree, cdvc_officer, held_on=dt.date(2024, 2, 22))
    )


def test_conference_late_in_the_year_before_is_its_year(tree, officer_a):
    duty(tree.a, officer_a)
    assert _record(tree, officer_a, held_on=dt.date(2023, 12, 28))().year == 2024


def test_duty_twice_is_refused(tree, officer_a):
    duty(tree.a, officer_a)
    _refused(
        "kind",
        "đã thuộc diện tổ chức",
        lambda: duty_set(actor=officer_a, unit=tree.a, kind="cbccvc", valid_from=dt.date(2022, 1, 1)),
    )


def test_another_units_conference_is_out_of_reach(tree, officer_a, officer_b):
    duty(tree.b, officer_b)
    with pytest.raises(Http404):
        _record(tree, officer_a, unit=tree.b)()


# -- votes -----------------------------------------------------------------------------------------


def test_votes_adding_up_to_more_than_present_are_refused(tree, officer_a):
    held = conference(tree.a, officer_a)
    run = partial(
        vote_record,
        actor=officer_a,
        conference=held,
        subject="Nghị quyết",
        votes_for=20,
        votes_against=5,
        abstained=4,
    )
    _refused("votes_for", "cộng lại là 29, vượt số người có mặt (28)", run)


def test_negative_count_is_refused(tree, officer_a):
    held = conference(tree.a, officer_a)
    run = partial(vote_record, actor=officer_a, conference=held, subject="X", votes_for=3, votes_against=-1)
    _refused("votes_against", "số không tán thành phải là số không âm", run)


def test_a_vote_needs_its_subject(tree, officer_a):
    held = conference(tree.a, officer_a)
    _refused(
        "subject",
        "Hãy nhập nội dung biểu quyết",
        lambda: vote_record(actor=officer_a, conference=held, subject=" ", votes_for=3),
    )


def test_a_document_of_another_conference_is_refused(tree, officer_a):
    held = conference(tree.a, officer_a)
    other = conference(tree.a, officer_a, kind=ConferenceKind.DIALOGUE, held_on=dt.date(2024, 6, 1))
    document = document_add(
        actor=officer_a, conference=other, role=DocumentRole.RESOLUTION, title="Nghị quyết"
    )
    run = partial(vote_record, actor=officer_a, conference=held, subject="X", votes_for=3, document=document)
    _refused("document", "Tài liệu không thuộc hội nghị này", run)


def test_unanimous_vote_carries(tree, officer_a):
    held = conference(tree.a, officer_a)
    resolution = document_add(
        actor=officer_a, conference=held, role=DocumentRole.RESOLUTION, title="Nghị quyết hội nghị"
    )
    vote = vote_record(
        actor=officer_a, conference=held, subject="Các chỉ tiêu", votes_for=28, document=resolution
    )
    assert vote.adopted and "quá 1/2" in vote.rule


@pytest.mark.parametrize(
    ("votes_for", "adopted"), [(14, False), (15, True)], ids=["half-is-not-more-than-half", "more-than-half"]
)
def test_majority_is_more_than_half_of_those_present(votes_for, adopted):
    outcome = vote_outcome(on=dt.date(2024, 2, 22), expected=30, present=28, votes_for=votes_for)
    assert outcome.adopted is adopted


def test_without_quorum_nothing_carries():
    # 19 of 30 is less than two thirds (20): the conference cannot adopt anything.
    outcome = vote_outcome(on=dt.date(2024, 2, 22), expected=30, present=19, votes_for=19)
    assert (outcome.quorate, outcome.carried, outcome.adopted) == (False, True, False)
    assert vote_outcome(on=dt.date(2024, 2, 22), expected=30, present=20, votes_for=19).adopted


def test_majority_rule_is_dated_data(db):
    RuleValue.objects.create(
        key="meetings.majority", value={"share": [2, 3], "strict": False}, valid_from=dt.date(2025, 1, 1)
    )
    before = vote_outcome(on=dt.date(2024, 12, 31), expected=30, present=30, votes_for=16)
    after = vote_outcome(on=dt.date(2025, 1, 1), expected=30, present=30, votes_for=16)
    assert before.adopted and not after.adopted
    assert vote_outcome(on=dt.date(2025, 1, 1), expected=30, present=30, votes_for=20).adopted
    assert "ít nhất 2/3" in after.rule


def test_deadline_is_three_months_after_the_work_year():
    assert deadline(2024) == dt.date(2024, 3, 31)


def test_deadline_follows_the_rule_of_the_year_end(db):
    RuleValue.objects.create(key="meetings.deadline_months", value=2, valid_from=dt.date(2025, 1, 1))
    assert deadline(2025) == dt.date(2025, 3, 31)  # the work year 2024 ended under the old rule
    assert deadline(2026) == dt.date(2026, 2, 28)
