"""Scoring sheets and the scores of a block's members (issue 11 §5).

Rules (stored as data, never constants):

- A sheet belongs to a level and is in force over ``[valid_from, valid_to)``; a new sheet of the
  same level closes the one in force on its first day (history kept). Its criteria's maximum
  points add up exactly to its total, each above zero.
- A block's year is scored on the sheet of the forming level in force on 31/12 of that year
  (the year-end review); the result keeps that sheet, so later sheets never change it.
- Each criterion scores from 0 to its maximum; only units that were members that year are scored;
  the forming level records (and, with a note, adjusts) the scores.
- Ranking: the rule of ``ranks`` (total, then fewer penalty points, then more bonus points; still
  equal: a shared rank, 1, 2, 2, 4, listed by name); the same rule ranks every unit scored in a
  level's blocks together (``levels.level_ranking``). The block's first is proposed for the
  Cờ thi đua and the next ranks for the Bằng khen (counts as dated data: ``selectors.PROPOSAL_COUNTS``).
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core import attachments, audit
from congdoan.core.dates import check_effective, display
from congdoan.core.numbers import format_decimal
from congdoan.core.text import clean_line
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from . import ranks
from .models import (
    Block,
    BlockOfficer,
    Criterion,
    CriterionKind,
    ScoreEvidence,
    ScoreLine,
    ScoreResult,
    ScoreSheet,
)
from .permissions import MANAGE, block_leader, require_block
from .selectors import unit_name
from .services import members_in_year, named


def points_text(value: Decimal) -> str:
    """Points as written in Vietnamese: 9,5; 10."""
    value = Decimal(value)
    return format_decimal(value, 0 if value == value.to_integral() else 1)


def parse_points(raw) -> Decimal | None:
    """A number of points typed as 9,5 or 9.5 (one decimal); None when unreadable."""
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
        # A huge exponent (1e308) cannot be quantized: InvalidOperation, read as unreadable.
        if not value.is_finite() or abs(value) >= 10**6 or value != value.quantize(Decimal("0.1")):
            return None
    except (InvalidOperation, ValueError):
        return None
    return value


def criterion_rows(criteria) -> list[tuple]:
    """Criteria as ``(group, name, max_points, kind, pass_points)``; a row of three is a scored
    criterion that is not mandatory, a row of four has no pass mark."""
    return [(*c, *(CriterionKind.SCORE, None)[len(c) - 3 :]) for c in criteria]


def _criteria_error(rows, total) -> str:
    """The first thing wrong with a sheet's criteria, naming the criterion ("" when none)."""
    if not rows:
        return _("Tiêu chí: hãy nhập ít nhất một tiêu chí.")
    for _g, name, most, kind, passing in rows:
        c = clean_line(name or "")
        if not c:
            return _("Tiêu chí: mỗi tiêu chí cần có tên.")
        if kind not in CriterionKind.values:
            return _(
                "Tiêu chí '%(c)s': loại '%(v)s' không hợp lệ (tiêu chí chấm điểm, điểm thưởng hoặc điểm trừ)."
            ) % {"c": c, "v": kind}
        if most is None or most <= 0:
            return _("Tiêu chí '%(c)s': điểm tối đa phải lớn hơn 0.") % {"c": c}
        if passing is not None and kind != CriterionKind.SCORE:
            return _("Tiêu chí '%(c)s': điểm thưởng, điểm trừ không thể là tiêu chí bắt buộc.") % {"c": c}
        if passing is not None and not 0 < passing <= most:
            return _(
                "Tiêu chí '%(c)s': điểm đạt của tiêu chí bắt buộc phải lớn hơn 0 và không quá %(max)s."
            ) % {"c": c, "max": points_text(most)}
    scored = [m for _g, _n, m, kind, _p in rows if kind == CriterionKind.SCORE]
    if not scored:
        return _("Tiêu chí: cần ít nhất một tiêu chí chấm điểm (ngoài điểm thưởng, điểm trừ).")
    if total and sum(scored) != total:
        return _(
            "Tiêu chí: tổng điểm tối đa của các tiêu chí (%(sum)s) khác tổng điểm của bảng (%(total)s)."
        ) % {"sum": points_text(sum(scored)), "total": points_text(total)}
    return ""


@transaction.atomic
def sheet_create(
    *,
    actor,
    unit: Unit,
    name: str,
    valid_from: dt.date,
    total: Decimal,
    criteria: list[tuple],
) -> ScoreSheet:
    """A level's scoring sheet with its criteria ``(group, name, max_points[, kind[, pass_points]])``:
    ``kind`` a scored criterion (the default; their maxima add up to ``total``), a bonus (điểm
    thưởng, 0 to its maximum, added) or a penalty (điểm trừ, 0 down to minus its maximum);
    ``pass_points`` makes a scored criterion mandatory (tiêu chí bắt buộc): a unit below it cannot
    be ranked. Errors name the criterion; nothing is written."""
    policy.require(actor, MANAGE, unit)
    check_effective(valid_from, field="valid_from")
    errors: dict[str, str] = {}
    name = named(name, _("Tên bảng điểm"), errors)
    if total is None or total <= 0:
        errors["total"] = _("Tổng điểm tối đa: phải lớn hơn 0.")
    rows = criterion_rows(criteria)
    problem = _criteria_error(rows, total)
    if problem:
        errors["criteria"] = problem
    if ScoreSheet.objects.filter(unit=unit, valid_from=valid_from).exists():
        errors["valid_from"] = _("Từ ngày: đơn vị đã có bảng điểm bắt đầu ngày %(d)s.") % {
            "d": display(valid_from)
        }
    if errors:
        raise ValidationError(errors)
    previous = ScoreSheet.objects.active(valid_from).filter(unit=unit, valid_from__lt=valid_from).first()
    if previous is not None:
        audit.record_change(
            actor=actor, action="sheet.close", obj=previous, unit_id=unit.pk, changes={"valid_to": valid_from}
        )
    later = ScoreSheet.objects.filter(unit=unit, valid_from__gt=valid_from).order_by("valid_from").first()
    sheet = ScoreSheet.objects.create(
        unit=unit, name=name, total=total, valid_from=valid_from, valid_to=later.valid_from if later else None
    )
    made = Criterion.objects.bulk_create(
        Criterion(
            sheet=sheet,
            group=clean_line(g or ""),
            name=clean_line(n),
            max_points=m,
            kind=k,
            pass_points=p,
            order=i,
        )
        for i, (g, n, m, k, p) in enumerate(rows, 1)
    )
    audit.record_created(
        actor=actor,
        action="sheet.create",
        obj=sheet,
        unit_id=unit.pk,
        fields=("unit", "name", "total", "valid_from", "valid_to"),
        extra={"criteria": [f"{c.name} ({criterion_terms(c)})" for c in made]},
    )
    return sheet


def criterion_terms(c: Criterion) -> str:
    """A criterion's terms as written on the sheet: "10"; "điểm thưởng, 2"; "điểm trừ, tối đa 5";
    "10, bắt buộc: đạt 8"."""
    most = points_text(c.max_points)
    if c.kind == CriterionKind.BONUS:
        return _("điểm thưởng, tối đa %(max)s") % {"max": most}
    if c.kind == CriterionKind.PENALTY:
        return _("điểm trừ, trừ tối đa %(max)s") % {"max": most}
    if c.mandatory:
        return _("%(max)s, bắt buộc: đạt từ %(pass)s") % {"max": most, "pass": points_text(c.pass_points)}
    return most


def sheet_for(block: Block, year: int) -> ScoreSheet | None:
    """The forming level's sheet in force on 31/12 of ``year``."""
    return ScoreSheet.objects.active(dt.date(year, 12, 31)).filter(unit_id=block.unit_id).first()


def criterion_field(criterion_id: int) -> str:
    return f"criterion_{criterion_id}"


def checked_points(criteria: list[Criterion], points: dict, errors: dict) -> dict[int, Decimal]:
    """Each criterion's points from ``points`` (criterion id -> Decimal or None), checked against
    the sheet: a scored criterion or a bonus from 0 to its maximum, a penalty from minus its maximum
    to 0 (a bonus or a penalty left empty is 0). Errors go to ``errors`` under ``criterion_<id>``,
    naming the criterion."""
    checked: dict[int, Decimal] = {}
    for c in criteria:
        value = points.get(c.pk)
        if value is None and c.kind != CriterionKind.SCORE:
            value = Decimal(0)
        terms = {"c": c.name, "v": points_text(value or 0), "max": points_text(c.max_points)}
        if value is None:
            errors[criterion_field(c.pk)] = _("%(c)s: hãy nhập điểm (từ 0 đến %(max)s).") % terms
        elif c.kind == CriterionKind.PENALTY and value > 0:
            errors[criterion_field(c.pk)] = (
                _("%(c)s (điểm trừ): điểm trừ ghi số âm, từ -%(max)s đến 0; %(v)s là số dương.") % terms
            )
        elif c.kind == CriterionKind.PENALTY and value < -c.max_points:
            errors[criterion_field(c.pk)] = _(
                "%(c)s (điểm trừ): trừ tối đa %(max)s điểm, không trừ %(v)s."
            ) % {
                **terms,
                "v": points_text(-value),
            }
        elif c.kind != CriterionKind.PENALTY and (value < 0 or value > c.max_points):
            errors[criterion_field(c.pk)] = _("%(c)s: %(v)s điểm nằm ngoài khoảng 0 đến %(max)s.") % terms
        else:
            checked[c.pk] = value
    unknown = set(points) - {c.pk for c in criteria}
    if unknown and criteria:
        errors["points"] = _("Điểm: có tiêu chí không thuộc bảng điểm %(sheet)s.") % {
            "sheet": criteria[0].sheet
        }
    return checked


def tally(criteria: list[Criterion], points: dict[int, Decimal]) -> dict:
    """The totals of checked points: ``total`` (scored criteria, plus bonus, minus penalty),
    ``bonus``, ``penalty`` (≤ 0) and ``veto``, the mandatory criteria below their pass mark."""
    of = {kind: sum((points[c.pk] for c in criteria if c.kind == kind), Decimal(0)) for kind in CriterionKind}
    veto = "; ".join(c.name for c in criteria if c.mandatory and points[c.pk] < c.pass_points)
    return {
        "total": sum(of.values(), Decimal(0)),
        "bonus": of[CriterionKind.BONUS],
        "penalty": of[CriterionKind.PENALTY],
        "veto": clean_line(veto)[:500],
    }


TALLIED = ("total", "bonus", "penalty", "veto")


def put_lines(result: ScoreResult, criteria: list[Criterion], points: dict[int, Decimal], *fields) -> None:
    """Set ``points`` on the result's lines in each of ``fields`` (``points``, ``self_points``,
    ``review_points``), creating the lines it does not have yet: two queries."""
    lines = {line.criterion_id: line for line in result.lines.all()}
    new = []
    for c in criteria:
        line = lines.get(c.pk) or ScoreLine(result=result, criterion=c, points=points[c.pk])
        for name in fields:
            setattr(line, name, points[c.pk])
        if line.pk is None:
            new.append(line)
    ScoreLine.objects.bulk_update([line for line in lines.values() if line.criterion_id in points], fields)
    ScoreLine.objects.bulk_create(new)


def scored_context(block: Block, year: int, unit: Unit, points: dict, errors: dict):
    """What every step that scores a member needs: the sheet in force, its criteria, and the checked
    points (errors, the unit not a member that year included, go to ``errors``)."""
    sheet = sheet_for(block, year)
    if sheet is None:
        raise ValidationError(
            {
                "year": _("Năm: %(unit)s chưa có bảng điểm áp dụng cho năm %(y)s.")
                % {"unit": block.unit, "y": year}
            }
        )
    if unit.pk not in members_in_year(block, year):
        errors["unit"] = _("Đơn vị: %(unit)s không phải thành viên của khối năm %(y)s.") % {
            "unit": unit,
            "y": year,
        }
    criteria = list(sheet.criteria.select_related("sheet"))
    return sheet, criteria, checked_points(criteria, points, errors)


@transaction.atomic
def score_record(
    *, actor, block: Block, year: int, unit: Unit, points: dict[int, Decimal | None], note: str = ""
) -> ScoreResult:
    """The forming level records a member unit's points for a year, criterion by criterion, or
    decides them (chốt điểm) once the unit has sent its self-scoring and the block's leader has
    reviewed it; points that differ from those, or an adjustment of decided points, need a note.
    Errors name the criterion's field (``criterion_<id>``); nothing is written on any error."""
    require_block(actor, block)
    errors: dict[str, str] = {}
    sheet, criteria, points = scored_context(block, year, unit, points, errors)
    existing = ScoreResult.objects.select_for_update().filter(block=block, year=year, unit=unit).first()
    note = clean_line(note or "")
    State = ScoreResult.State
    if existing is not None and existing.state in (State.DRAFT, State.RETURNED):
        errors["unit"] = _("Đơn vị: %(unit)s đang tự chấm điểm năm %(y)s, chưa gửi điểm.") % {
            "unit": unit,
            "y": year,
        }
    elif (
        existing is not None
        and existing.state == State.SUBMITTED
        and block_leader(block.pk, year)
        not in (
            None,
            unit.pk,
        )
    ):
        errors["unit"] = _("Đơn vị: điểm tự chấm năm %(y)s của %(unit)s đang chờ khối trưởng xem xét.") % {
            "unit": unit,
            "y": year,
        }
    elif existing is not None and not note and existing.state == State.DECIDED:
        errors["note"] = _("Ghi chú: điều chỉnh điểm đã chấm cần ghi lý do.")
    elif existing is not None and not note and "unit" not in errors:
        current = {line.criterion_id: line.points for line in existing.lines.all()}
        if any(current.get(c) != v for c, v in points.items()):
            errors["note"] = _("Ghi chú: chốt điểm khác điểm khối trưởng, đơn vị đã chấm cần ghi lý do.")
    if errors:
        raise ValidationError(errors)
    totals = tally(criteria, points)
    if existing is None:
        result = ScoreResult.objects.create(
            block=block, year=year, unit=unit, sheet=sheet, note=note, state=State.DECIDED, **totals
        )
        action, before = "score.record", {}
    elif existing.state != State.DECIDED:
        from .score_review import SCORE_FLOW  # the review reads this module's checks

        existing.note = note  # saved with the step
        put_lines(existing, criteria, points, "points")
        return SCORE_FLOW.run(
            actor=actor, obj=existing, step="decide", reason=note, recorded=TALLIED, **totals
        )
    else:
        result, action = existing, "score.adjust"
        before = audit.snapshot(result, ["note", *TALLIED])
        for name, value in {**totals, "note": note}.items():
            setattr(result, name, value)
        result.save(update_fields=["note", *TALLIED])
    put_lines(result, criteria, points, "points")
    audit.record(
        actor=actor,
        action=action,
        obj=result,
        unit_id=block.unit_id,
        before=before,
        after=audit.snapshot(result, ["block", "year", "unit", "sheet", "note", *TALLIED]),
    )
    return result


def rank_text(row) -> str:
    """A ranked row's rank as shown: its number, or that a mandatory criterion vetoed it."""
    return _("Không xếp hạng") if row.vetoed else str(row.rank)


def ranking(block: Block, year: int) -> list[ScoreResult]:
    """The block's decided results for ``year``, ranked by the rule of ``ranks`` (one query;
    ``rank``: 0 for a vetoed unit, which comes last)."""
    results = ScoreResult.objects.filter(block=block, year=year, state=ScoreResult.State.DECIDED)
    return ranks.ranked(results.annotate(unit_name=unit_name()))


def level_years(unit: Unit) -> list[int]:
    """The years scored in any block formed by ``unit``, latest first."""
    return list(
        ScoreResult.objects.filter(block__unit=unit, state=ScoreResult.State.DECIDED)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def scored_years(block: Block) -> list[int]:
    return list(
        ScoreResult.objects.filter(block=block, state=ScoreResult.State.DECIDED)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


@transaction.atomic
def score_evidence_attach(*, actor, result: ScoreResult, upload) -> ScoreEvidence:
    """Attach an evidence file (minh chứng) to a unit's score (``core.attachments``: pdf, docx,
    xlsx, jpg, png, checked by name and content, within the size limit). The scored unit's own
    officers attach it (self-scoring), and so may the level that formed the block."""
    # The uploading side: the level that formed the block when the actor manages it (it reaches
    # the scored unit too), else the scored unit itself.
    side = result.block.unit_id
    if not policy.can(actor, MANAGE, side):
        side = result.unit_id
        policy.require(actor, MANAGE, side)
    return attachments.attach(
        actor=actor,
        model=ScoreEvidence,
        upload=upload,
        folder="emulation",
        action="score.evidence",
        obj=result,
        unit_id=result.unit_id,
        result=result,
        unit=result.unit if side == result.unit_id else result.block.unit,  # the uploading side
    )


def score_decided(result: ScoreResult) -> bool:
    """Whether ``result``'s year is closed for its block: the block has named its leader for the
    following year (the decision that follows the year's review at the block's conference, issue 11
    §4). Until then the scored unit's self-scoring, evidence included, may still change."""
    return BlockOfficer.objects.filter(
        block_id=result.block_id, year=result.year + 1, role=BlockOfficer.Role.LEADER
    ).exists()


def evidence_owner(evidence: ScoreEvidence) -> int:
    """The unit whose officers uploaded ``evidence`` (older rows: the scored unit)."""
    return evidence.unit_id or evidence.result.unit_id


@transaction.atomic
def score_evidence_withdraw(*, actor, evidence: ScoreEvidence) -> ScoreEvidence:
    """Rút minh chứng: the uploading side (``emulation.manage`` on the unit that uploaded it) takes
    an evidence file back while its score's year is not decided (``score_decided``). History is not
    deleted: the row is marked withdrawn (who, when), leaves the evidence list and the download, and
    the stored file stays, so what the reviewing level was shown can still be established; one
    audit row ``score.evidence_withdraw`` on the score. A decided year, or a file withdrawn already
    (two officers at once: the row is locked, the second is told): refused naming ``evidence``."""
    evidence = ScoreEvidence.objects.select_for_update().select_related("result").get(pk=evidence.pk)
    result = evidence.result
    if not policy.can(actor, MANAGE, evidence_owner(evidence)):
        # The file is in the actor's reach (a selector found it), the uploading side may not be:
        # 403, not the policy's 404 for a unit out of reach.
        raise PermissionDenied(_("Chỉ đơn vị đã tải minh chứng lên mới rút được minh chứng này."))
    if evidence.withdrawn_at is not None:
        raise ValidationError(
            {"evidence": _("Minh chứng '%(f)s' đã được rút trước đó.") % {"f": evidence.name}}
        )
    if score_decided(result):
        raise ValidationError(
            {
                "evidence": _(
                    "Minh chứng '%(f)s': kết quả chấm điểm năm %(y)s của khối đã chốt (đã có khối trưởng "
                    "năm %(next)s), không rút được."
                )
                % {"f": evidence.name, "y": result.year, "next": result.year + 1}
            }
        )
    evidence.withdrawn_at, evidence.withdrawn_by = timezone.now(), actor
    evidence.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit.record(
        actor=actor,
        action="score.evidence_withdraw",
        obj=result,
        unit_id=result.unit_id,
        before={"file": evidence.name},
        after={"withdrawn": evidence.name},
    )
    return evidence
