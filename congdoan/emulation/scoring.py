"""Scoring sheets and the scores of a block's members (issue 11 §5).

Rules (stored as data, never constants):

- A sheet belongs to a level and is in force over ``[valid_from, valid_to)``; a new sheet of the
  same level closes the one in force on its first day (history kept). Its criteria's maximum
  points add up exactly to its total, each above zero.
- A block's year is scored on the sheet of the forming level in force on 31/12 of that year
  (the year-end review); the result keeps that sheet, so later sheets never change it.
- Each criterion scores from 0 to its maximum; only units that were members that year are scored;
  the forming level records (and, with a note, adjusts) the scores.
- Ranking: by total, highest first; equal totals share a rank and the next rank skips
  (competition ranking 1, 2, 2, 4), listed by name within a tie; the same rule ranks every unit
  scored in a level's blocks together (``levels.level_ranking``). The block's first is proposed for the
  Cờ thi đua and the next ranks for the Bằng khen (counts as dated data: ``selectors.PROPOSAL_COUNTS``).
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet, Window
from django.db.models.functions import Rank
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core import attachments, audit
from congdoan.core.dates import check_effective, display
from congdoan.core.numbers import format_decimal
from congdoan.core.text import clean_line
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from .models import Block, BlockOfficer, Criterion, ScoreEvidence, ScoreLine, ScoreResult, ScoreSheet
from .permissions import MANAGE
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


@transaction.atomic
def sheet_create(
    *,
    actor,
    unit: Unit,
    name: str,
    valid_from: dt.date,
    total: Decimal,
    criteria: list[tuple[str, str, Decimal]],
) -> ScoreSheet:
    """A level's scoring sheet with its criteria ``(group, name, max_points)``."""
    policy.require(actor, MANAGE, unit)
    check_effective(valid_from, field="valid_from")
    errors: dict[str, str] = {}
    name = named(name, _("Tên bảng điểm"), errors)
    if total is None or total <= 0:
        errors["total"] = _("Tổng điểm tối đa: phải lớn hơn 0.")
    if not criteria:
        errors["criteria"] = _("Tiêu chí: hãy nhập ít nhất một tiêu chí.")
    elif any(m is None or m <= 0 for _g, _n, m in criteria):
        errors["criteria"] = _("Tiêu chí: điểm tối đa của mỗi tiêu chí phải lớn hơn 0.")
    elif total and sum(m for _g, _n, m in criteria) != total:
        errors["criteria"] = _(
            "Tiêu chí: tổng điểm tối đa của các tiêu chí (%(sum)s) khác tổng điểm của bảng (%(total)s)."
        ) % {
            "sum": points_text(sum(m for _g, _n, m in criteria)),
            "total": points_text(total),
        }
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
    Criterion.objects.bulk_create(
        Criterion(sheet=sheet, group=clean_line(g or ""), name=clean_line(n), max_points=m, order=i)
        for i, (g, n, m) in enumerate(criteria, 1)
    )
    audit.record_created(
        actor=actor,
        action="sheet.create",
        obj=sheet,
        unit_id=unit.pk,
        fields=("unit", "name", "total", "valid_from", "valid_to"),
        extra={"criteria": [f"{n} ({points_text(m)})" for _g, n, m in criteria]},
    )
    return sheet


def sheet_for(block: Block, year: int) -> ScoreSheet | None:
    """The forming level's sheet in force on 31/12 of ``year``."""
    return ScoreSheet.objects.active(dt.date(year, 12, 31)).filter(unit_id=block.unit_id).first()


def criterion_field(criterion_id: int) -> str:
    return f"criterion_{criterion_id}"


@transaction.atomic
def score_record(
    *, actor, block: Block, year: int, unit: Unit, points: dict[int, Decimal | None], note: str = ""
) -> ScoreResult:
    """Record (or adjust, with a note) a member unit's points for a year, criterion by criterion.
    Errors name the criterion's field (``criterion_<id>``); nothing is written on any error."""
    policy.require(actor, MANAGE, block.unit_id)
    errors: dict[str, str] = {}
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
    criteria = list(sheet.criteria.all())
    for c in criteria:
        value = points.get(c.pk)
        if value is None:
            errors[criterion_field(c.pk)] = _("%(c)s: hãy nhập điểm (từ 0 đến %(max)s).") % {
                "c": c.name,
                "max": points_text(c.max_points),
            }
        elif value < 0 or value > c.max_points:
            errors[criterion_field(c.pk)] = _("%(c)s: %(v)s điểm nằm ngoài khoảng 0 đến %(max)s.") % {
                "c": c.name,
                "v": points_text(value),
                "max": points_text(c.max_points),
            }
    unknown = set(points) - {c.pk for c in criteria}
    if unknown:
        errors["points"] = _("Điểm: có tiêu chí không thuộc bảng điểm %(sheet)s.") % {"sheet": sheet}
    existing = ScoreResult.objects.filter(block=block, year=year, unit=unit).first()
    note = clean_line(note or "")
    if existing is not None and not note:
        errors["note"] = _("Ghi chú: điều chỉnh điểm đã chấm cần ghi lý do.")
    if errors:
        raise ValidationError(errors)
    total = sum((points[c.pk] for c in criteria), Decimal(0))
    if existing is None:
        result = ScoreResult.objects.create(
            block=block, year=year, unit=unit, sheet=sheet, total=total, note=note
        )
        action, before = "score.record", {}
    else:
        result, action = existing, "score.adjust"
        before = audit.snapshot(result, ["total", "note"])
        result.total, result.note = total, note
        result.save(update_fields=["total", "note"])
        result.lines.all().delete()
    ScoreLine.objects.bulk_create(
        ScoreLine(result=result, criterion=c, points=points[c.pk]) for c in criteria
    )
    audit.record(
        actor=actor,
        action=action,
        obj=result,
        unit_id=block.unit_id,
        before=before,
        after={**audit.snapshot(result, ["block", "year", "unit", "sheet", "total", "note"])},
    )
    return result


def ranking(block: Block, year: int) -> QuerySet[ScoreResult]:
    """The block's results for ``year`` ranked in one query (``rank``: equal totals share it)."""
    return (
        ScoreResult.objects.filter(block=block, year=year)
        .annotate(rank=Window(Rank(), order_by=F("total").desc()), unit_name=unit_name())
        .order_by("-total", "unit_name", "id")
    )


def level_years(unit: Unit) -> list[int]:
    """The years scored in any block formed by ``unit``, latest first."""
    return list(
        ScoreResult.objects.filter(block__unit=unit)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def scored_years(block: Block) -> list[int]:
    return list(
        ScoreResult.objects.filter(block=block).order_by("-year").values_list("year", flat=True).distinct()
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
