"""Who scores a block's members (issue 11 §5: "units self-score with evidence files; the block (or
the superior level) reviews and adjusts with a reason").

- A member unit's officers (``emulation.manage`` on the unit) enter its own points criterion by
  criterion on the sheet in force (tự chấm, attaching evidence on the score's page) and send them.
- The block's leader for that year (khối trưởng, ``BlockOfficer``) accepts them, adjusts them with
  a reason, or returns them with a reason; never its own score, which goes to the level.
- The level that formed the block decides (``scoring.score_record``, as before the review) or
  returns a reviewed score. Only decided scores are ranked.

The steps are ``core.workflow`` steps on ``ScoreResult`` (of two officers acting at once one wins,
the other is told); the rule is ``permissions.may_take_score_step``.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import audit
from congdoan.core.text import clean_line
from congdoan.core.workflow import Step, Workflow
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from .models import Block, ScoreResult
from .permissions import MANAGE, may_take_score_step, require_score
from .scoring import TALLIED, checked_points, put_lines, scored_context, tally

SCORE_FLOW = Workflow(
    model=ScoreResult,
    steps=[
        Step("submit", gettext_lazy("Gửi khối trưởng"), "score.submit"),
        Step("accept", gettext_lazy("Đồng ý điểm tự chấm"), "score.accept", style="success"),
        Step("adjust", gettext_lazy("Điều chỉnh điểm"), "score.review_adjust", needs_reason=True),
        Step("send_back", gettext_lazy("Trả lại"), "score.return", needs_reason=True, style="danger"),
        Step("decide", gettext_lazy("Chốt điểm"), "score.decide", style="success"),
    ],
    may=may_take_score_step,
    unit_of=lambda result: result.unit_id,
)

STEPS_BY_PAGE = ("submit", "accept", "send_back")  # adjusting and deciding have their own forms
OPEN = (ScoreResult.State.DRAFT, ScoreResult.State.RETURNED)


@transaction.atomic
def score_self_assess(*, actor, block: Block, year: int, unit: Unit, points: dict) -> ScoreResult:
    """Tự chấm: a member unit's own points for ``year`` (a new score, or one still a draft or
    returned). Only the unit's officers; a score already sent, reviewed or decided is refused
    naming ``unit``. Errors name the criterion (``criterion_<id>``); nothing is written."""
    policy.require(actor, MANAGE, unit)
    errors: dict[str, str] = {}
    sheet, criteria, points = scored_context(block, year, unit, points, errors)
    result = ScoreResult.objects.select_for_update().filter(block=block, year=year, unit=unit).first()
    if result is not None and result.state not in OPEN:
        errors["unit"] = _(
            "Đơn vị: điểm năm %(y)s của %(unit)s đang ở trạng thái “%(s)s”, không tự chấm lại được."
        ) % {
            "y": year,
            "unit": unit,
            "s": result.get_state_display(),
        }
    if errors:
        raise ValidationError(errors)
    totals = {**tally(criteria, points)}
    totals["self_total"] = totals["total"]
    if result is None:
        result = ScoreResult.objects.create(block=block, year=year, unit=unit, sheet=sheet, **totals)
        before = {}
    else:
        before = audit.snapshot(result, list(totals))
        for name, value in totals.items():
            setattr(result, name, value)
        result.save(update_fields=list(totals))
    put_lines(result, criteria, points, "points", "self_points")
    audit.record(
        actor=actor,
        action="score.self_assess",
        obj=result,
        unit_id=unit.pk,
        before=before,
        after=audit.snapshot(result, ["block", "year", "unit", "sheet", *totals]),
    )
    return result


@transaction.atomic
def score_step(*, actor, result: ScoreResult, step: str, reason: str = "") -> ScoreResult:
    """Send (the unit), accept or return (the block's leader; the level on a reviewed score). Accepting
    keeps the unit's points as the leader's. Adjusting and deciding need points (their own forms).
    A score out of the actor's sight: 404 (``permissions.require_score``); in sight, a step the
    actor may not take: 403."""
    require_score(actor, result)
    chosen = SCORE_FLOW.step(step)
    if chosen.name in ("adjust", "decide"):
        raise ValidationError({"step": _("Điều chỉnh hoặc chốt điểm cần nhập điểm từng tiêu chí.")})
    if chosen.name != "accept":
        return SCORE_FLOW.run(actor=actor, obj=result, step=chosen, reason=reason)
    SCORE_FLOW.run(
        actor=actor,
        obj=result,
        step=chosen,
        reason=reason,
        recorded=["review_total"],
        review_total=result.total,
    )
    lines = list(result.lines.all())
    for line in lines:
        line.review_points = line.points
    result.lines.bulk_update(lines, ["review_points"])
    return result


@transaction.atomic
def score_review(*, actor, result: ScoreResult, points: dict, reason: str) -> ScoreResult:
    """The block's leader adjusts a sent score, criterion by criterion, with a reason (Điều chỉnh
    điểm). The same checks as the unit's own points; errors name the criterion; nothing is written."""
    require_score(actor, result)
    errors: dict[str, str] = {}
    criteria = list(result.sheet.criteria.select_related("sheet"))
    points = checked_points(criteria, points, errors)
    if not clean_line(reason or ""):
        errors["reason"] = _("Lý do điều chỉnh: hãy ghi lý do.")
    if errors:
        raise ValidationError(errors)
    totals = tally(criteria, points)
    SCORE_FLOW.run(
        actor=actor,
        obj=result,
        step="adjust",
        reason=reason,
        recorded=[*TALLIED, "review_total"],
        review_total=totals["total"],
        **totals,
    )
    put_lines(result, criteria, points, "points", "review_points")
    return result


def self_points(result: ScoreResult) -> dict[int, Decimal]:
    """The score's current points by criterion (a form's initial values)."""
    return {line.criterion_id: line.points for line in result.lines.all()}
