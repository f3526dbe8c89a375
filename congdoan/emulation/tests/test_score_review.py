"""Bonus, penalty and mandatory (veto) criteria on a scoring sheet, and who scores (issue 11 §5): the
member unit self-scores and sends, the block's leader of the year accepts, adjusts with a reason or
returns, the forming level decides; only decided scores are ranked, and a unit that fails a
mandatory criterion gets no rank and no proposal."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from congdoan.core.models import AuditEntry
from congdoan.emulation import levels, score_review, scoring, selectors, services
from congdoan.emulation.models import ScoreResult
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit

from .factories import block

pytestmark = pytest.mark.django_db

CRITERIA = [
    ("Đại diện", "Chăm lo đoàn viên", D(50), "score", None),
    ("Tổ chức", "Không có đoàn viên vi phạm pháp luật", D(50), "score", D(50)),
    ("", "Sáng kiến được công nhận", D(5), "bonus", None),
    ("", "Nộp báo cáo chậm", D(5), "penalty", None),
]


def make_sheet(unit, actor, criteria=CRITERIA):
    return scoring.sheet_create(
        actor=actor,
        unit=unit,
        name="Bảng điểm khối",
        valid_from=dt.date(2021, 1, 1),
        total=D(100),
        criteria=criteria,
    )


def pts(sheet, *values):
    return {
        c.pk: (None if v is None else D(str(v))) for c, v in zip(sheet.criteria.all(), values, strict=True)
    }


@pytest.fixture
def c_unit(tree):
    return make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc)


@pytest.fixture
def officer_c(c_unit):
    user = UserFactory(username="officer_c", home_unit=c_unit)
    grant(user, c_unit, "chu-tich")
    return user


@pytest.fixture
def setup(tree, cdvc_officer, c_unit):
    """Khối formed by CĐVC with A, B, C; B leads it in 2022, C in 2023."""
    khoi = block(tree.cdvc, [tree.a, tree.b, c_unit], actor=cdvc_officer)
    services.block_officers_name(actor=cdvc_officer, block=khoi, year=2022, leader=tree.b)
    services.block_officers_name(actor=cdvc_officer, block=khoi, year=2023, leader=c_unit)
    return khoi, make_sheet(tree.cdvc, cdvc_officer)


# -- the sheet -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("", "Điểm thưởng", D(5), "bonus", D(5)), "Tiêu chí 'Điểm thưởng': điểm thưởng, điểm trừ không thể"),
        (("", "Bắt buộc", D(5), "score", D(6)), "Tiêu chí 'Bắt buộc': điểm đạt của tiêu chí bắt buộc phải"),
        (("", "Lạ", D(5), "extra", None), "Tiêu chí 'Lạ': loại 'extra' không hợp lệ"),
        (("", "Âm", D(-1), "penalty", None), "Tiêu chí 'Âm': điểm tối đa phải lớn hơn 0."),
    ],
)
def test_a_bad_criterion_is_named_and_nothing_is_written(tree, cdvc_officer, row, message):
    criteria = [("", "Chung", D(100)), row]
    with pytest.raises(ValidationError) as caught:
        make_sheet(tree.cdvc, cdvc_officer, criteria)
    assert caught.value.message_dict["criteria"][0].startswith(message)
    assert not AuditEntry.objects.filter(action="sheet.create").exists()


def test_bonus_and_penalty_do_not_count_in_the_sheet_total(tree, cdvc_officer):
    sheet = make_sheet(tree.cdvc, cdvc_officer)
    kinds = [(c.kind, c.mandatory) for c in sheet.criteria.all()]
    assert kinds == [("score", False), ("score", True), ("bonus", False), ("penalty", False)]
    entry = AuditEntry.objects.get(action="sheet.create")
    assert entry.after["criteria"][1:] == [
        "Không có đoàn viên vi phạm pháp luật (50, bắt buộc: đạt từ 50)",
        "Sáng kiến được công nhận (điểm thưởng, tối đa 5)",
        "Nộp báo cáo chậm (điểm trừ, trừ tối đa 5)",
    ]


# -- points ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "index", "message"),
    [
        ((50, 50, 6, 0), 2, "Sáng kiến được công nhận: 6 điểm nằm ngoài khoảng 0 đến 5."),
        ((50, 50, 0, 2), 3, "Nộp báo cáo chậm (điểm trừ): điểm trừ ghi số âm, từ -5 đến 0; 2 là số dương."),
        ((50, 50, 0, -6), 3, "Nộp báo cáo chậm (điểm trừ): trừ tối đa 5 điểm, không trừ 6."),
        ((51, 50, 0, 0), 0, "Chăm lo đoàn viên: 51 điểm nằm ngoài khoảng 0 đến 50."),
    ],
)
def test_bad_points_name_the_criterion(tree, officer_a, setup, values, index, message):
    khoi, sheet = setup
    with pytest.raises(ValidationError) as caught:
        score_review.score_self_assess(
            actor=officer_a, block=khoi, year=2022, unit=tree.a, points=pts(sheet, *values)
        )
    field = scoring.criterion_field(list(sheet.criteria.all())[index].pk)
    assert caught.value.message_dict[field] == [message]
    assert not ScoreResult.objects.exists()


def test_a_vetoed_unit_is_not_ranked_nor_proposed(tree, cdvc_officer, c_unit, setup):
    khoi, sheet = setup
    record = scoring.score_record
    # A has the most points but fails the mandatory criterion (49 of the 50 it must reach).
    record(actor=cdvc_officer, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 50, 49, 5, None))
    record(actor=cdvc_officer, block=khoi, year=2022, unit=tree.b, points=pts(sheet, 40, 50, 2, -1))
    record(actor=cdvc_officer, block=khoi, year=2022, unit=c_unit, points=pts(sheet, 30, 50, 0, 0))
    rows = list(scoring.ranking(khoi, 2022))
    assert [(r.unit_id, scoring.rank_text(r), r.total, r.bonus, r.penalty) for r in rows] == [
        (tree.b.pk, "1", D(91), D(2), D(-1)),
        (c_unit.pk, "2", D(80), D(0), D(0)),
        (tree.a.pk, "Không xếp hạng", D(104), D(5), D(0)),
    ]
    assert rows[2].veto == "Không có đoàn viên vi phạm pháp luật"
    proposed = selectors.proposals(actor=cdvc_officer, block=khoi, year=2022)
    assert [(p.unit_id, p.form) for p in proposed] == [(tree.b.pk, "co-thi-dua"), (c_unit.pk, "bang-khen")]
    assert [r.unit_id for r in levels.level_ranking(tree.cdvc, 2022)][-1] == tree.a.pk


# -- who scores ------------------------------------------------------------------------------------


def test_self_score_reviewed_by_the_leader_then_decided_by_the_level(
    tree, officer_a, officer_b, cdvc_officer, setup
):
    khoi, sheet = setup
    result = score_review.score_self_assess(
        actor=officer_a, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 45, 50, 3, None)
    )
    assert (result.state, result.self_total, result.total) == ("draft", D(98), D(98))
    assert list(scoring.ranking(khoi, 2022)) == []  # not decided: not ranked
    score_review.score_step(actor=officer_a, result=result, step="submit")
    with pytest.raises(ValidationError) as caught:  # the level waits for the leader
        scoring.score_record(
            actor=cdvc_officer, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 45, 50, 3, 0)
        )
    assert "unit" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        score_review.score_review(actor=officer_b, result=result, points=pts(sheet, 40, 50, 3, -2), reason="")
    assert caught.value.message_dict["reason"] == ["Lý do điều chỉnh: hãy ghi lý do."]
    score_review.score_review(
        actor=officer_b, result=result, points=pts(sheet, 40, 50, 3, -2), reason="Thiếu minh chứng tiêu chí 1"
    )
    result.refresh_from_db()
    assert (result.state, result.review_total, result.total, result.penalty) == (
        "reviewed",
        D(91),
        D(91),
        D(-2),
    )
    entry = AuditEntry.objects.get(action="score.review_adjust")
    assert entry.after["total"] == "91" and entry.after["state"] == "reviewed"
    lines = {line.criterion.name: (line.self_points, line.review_points) for line in result.lines.all()}
    assert lines["Chăm lo đoàn viên"] == (D(45), D(40))
    # The level decides on the leader's points without a note; different points need one.
    with pytest.raises(ValidationError) as caught:
        scoring.score_record(
            actor=cdvc_officer, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 41, 50, 3, -2)
        )
    assert "note" in caught.value.message_dict
    scoring.score_record(
        actor=cdvc_officer, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 40, 50, 3, -2)
    )
    result.refresh_from_db()
    assert result.state == "decided"
    assert [r.unit_id for r in scoring.ranking(khoi, 2022)] == [tree.a.pk]
    with pytest.raises(ValidationError):  # decided: the unit cannot score again
        score_review.score_self_assess(
            actor=officer_a, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 1, 1, 0, 0)
        )


def test_the_leader_accepts_or_returns_and_the_unit_scores_again(tree, officer_a, officer_b, setup):
    khoi, sheet = setup
    result = score_review.score_self_assess(
        actor=officer_a, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 45, 50, 0, 0)
    )
    score_review.score_step(actor=officer_a, result=result, step="submit")
    with pytest.raises(ValidationError) as caught:
        score_review.score_step(actor=officer_b, result=result, step="send_back")
    assert "reason" in caught.value.message_dict
    score_review.score_step(actor=officer_b, result=result, step="send_back", reason="Bổ sung minh chứng")
    score_review.score_self_assess(
        actor=officer_a, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 44, 50, 0, 0)
    )
    result.refresh_from_db()
    score_review.score_step(actor=officer_a, result=result, step="submit")
    score_review.score_step(actor=officer_b, result=result, step="accept")
    result.refresh_from_db()
    assert (result.state, result.review_total) == ("reviewed", D(94))
    assert {line.review_points for line in result.lines.all()} == {D(44), D(50), D(0)}


def test_scope_of_the_review(tree, officer_a, officer_b, officer_c, cdvc_officer, setup):
    khoi, sheet = setup
    result = score_review.score_self_assess(
        actor=officer_a, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 45, 50, 0, 0)
    )
    # The leader sees its block's members that year; C (leader of 2023 only) and others do not.
    assert selectors.result_get(actor=officer_b, result_id=result.pk) == result
    with pytest.raises(Http404):
        selectors.result_get(actor=officer_c, result_id=result.pk)
    # Another unit cannot score for A (out of its reach: 404).
    with pytest.raises(Http404):
        score_review.score_self_assess(
            actor=officer_b, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 1, 1, 0, 0)
        )
    # Not sent yet: the leader has nothing to review; the unit cannot accept its own (403 both).
    with pytest.raises(PermissionDenied):
        score_review.score_step(actor=officer_b, result=result, step="accept")
    score_review.score_step(actor=officer_a, result=result, step="submit")
    with pytest.raises(PermissionDenied):
        score_review.score_step(actor=officer_a, result=result, step="accept")
    # The leader's own score goes to the level, not to itself.
    own = score_review.score_self_assess(
        actor=officer_b, block=khoi, year=2022, unit=tree.b, points=pts(sheet, 45, 50, 0, 0)
    )
    score_review.score_step(actor=officer_b, result=own, step="submit")
    with pytest.raises(PermissionDenied):
        score_review.score_step(actor=officer_b, result=own, step="accept")
    scoring.score_record(
        actor=cdvc_officer, block=khoi, year=2022, unit=tree.b, points=pts(sheet, 45, 50, 0, 0)
    )
    own.refresh_from_db()
    assert own.state == "decided"
