"""Writes on a block's own records (issue 11 §4): its yearly plan and its meetings, the end of a
unit's membership, and the correction of a year's leader or deputies by a later decision.

Each is one transaction: the forming level's ``emulation.manage`` asked first (``require_block``:
out of sight 404, a member's officer 403), the block's row locked (``lock_block``: two officers
changing the block's officers, flag or members at once are served one after the other, so they
cannot make two leaders or a unit twice in one period), field errors collected and raised once in
Vietnamese naming the field, one audit row per written row.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import check_effective, display
from congdoan.core.text import clean_line, clean_text
from congdoan.documents import links
from congdoan.documents.models import Document, Status
from congdoan.organizations.models import Unit

from .models import Block, BlockMeeting, BlockMember, BlockOfficer, BlockPlan, FlagHandover
from .permissions import require_block
from .services import in_year, lock_block, members_in_year, year_bounds

MEETING_FIELDS = ("block", "kind", "title", "held_on", "place", "minutes", "note")
PLAN_FIELDS = ("block", "year", "document", "adopted_on", "meeting")
OFFICER_FIELDS = ("block", "year", "unit", "role", "decision_reference", "decided_on", "valid_from")


def _in_block_life(block: Block, on: dt.date, field: str, label, errors: dict) -> None:
    if on < block.valid_from or (block.valid_to is not None and on >= block.valid_to):
        errors[field] = _("%(label)s: %(d)s ngoài thời gian hoạt động của khối.") % {
            "label": label,
            "d": display(on),
        }


def _block_document(block: Block, document: Document | None, year: int, field: str, label, errors) -> None:
    """A document of the block (its plan, a meeting's minutes): issued (or received) in the
    register, by the forming level or by a member unit that year (the leader writes the plan)."""
    if document is None:
        return
    if document.status not in (Status.ISSUED, Status.RECEIVED):
        errors[field] = _("%(label)s: văn bản “%(doc)s” chưa ban hành.") % {
            "label": label,
            "doc": document.title,
        }
    elif document.unit_id != block.unit_id and document.unit_id not in members_in_year(block, year):
        errors[field] = _(
            "%(label)s: văn bản %(doc)s không do cấp lập khối hay đơn vị thành viên ban hành."
        ) % {
            "label": label,
            "doc": document.number_symbol or document.title,
        }


# -- meetings and plans ----------------------------------------------------------------------------


@transaction.atomic
def block_meeting_record(
    *,
    actor,
    block: Block,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str = "",
    minutes: Document | None = None,
    note: str = "",
    handover: FlagHandover | None = None,
) -> BlockMeeting:
    """Ghi hội nghị của khối: a meeting of ``kind`` (``BlockMeeting.Kind``) on ``held_on`` within
    the block's life, its minutes (``minutes``, a document of the register, optional) and the flag
    handover made there (``handover``: of this block, handed that day, not yet tied to a meeting)."""
    require_block(actor, block)
    check_effective(held_on, field="held_on")
    block = lock_block(block)
    errors: dict[str, str] = {}
    title = clean_line(title or "")
    if not title:
        errors["title"] = _("Tên hội nghị: hãy nhập tên.")
    if kind not in BlockMeeting.Kind.values:
        errors["kind"] = _("Loại hội nghị: '%(v)s' không có trong danh mục.") % {"v": kind}
    _in_block_life(block, held_on, "held_on", _("Ngày họp"), errors)
    _block_document(block, minutes, held_on.year, "minutes", _("Biên bản"), errors)
    if handover is not None:
        _check_handover(block, handover, held_on, errors)
    if errors:
        raise ValidationError(errors)
    meeting = BlockMeeting.objects.create(
        block=block,
        kind=kind,
        title=title,
        held_on=held_on,
        place=clean_line(place or ""),
        minutes=minutes,
        note=clean_text(note or ""),
    )
    if minutes is not None:
        links.link(document=minutes, obj=block, role="minutes")
    audit.record_created(
        actor=actor, action="block.meeting_record", obj=meeting, unit_id=block.unit_id, fields=MEETING_FIELDS
    )
    if handover is not None:
        _tie_handover(actor, handover, meeting)
    return meeting


def _check_handover(block: Block, handover: FlagHandover, held_on: dt.date, errors: dict) -> None:
    if handover.block_id != block.pk:
        errors["handover"] = _("Trao cờ luân lưu: lần trao cờ này không phải của khối.")
    elif handover.handed_on != held_on:
        errors["handover"] = _("Trao cờ luân lưu: cờ trao ngày %(d)s, không phải ngày họp %(h)s.") % {
            "d": display(handover.handed_on),
            "h": display(held_on),
        }
    elif handover.meeting_id is not None:
        errors["handover"] = _("Trao cờ luân lưu: lần trao cờ năm %(y)s đã gắn với một hội nghị.") % {
            "y": handover.year
        }


def _tie_handover(actor, handover: FlagHandover, meeting: BlockMeeting) -> None:
    before = audit.snapshot(handover, ["meeting"])
    handover.meeting = meeting
    handover.save(update_fields=["meeting"])
    audit.record(
        actor=actor,
        action="block.flag_meeting",
        obj=handover,
        unit_id=meeting.block.unit_id,
        before=before,
        after=audit.snapshot(handover, ["meeting"]),
    )


@transaction.atomic
def flag_meeting_set(*, actor, handover: FlagHandover, meeting: BlockMeeting) -> FlagHandover:
    """Tie a recorded flag handover to the meeting where it happened (same block, same day, once)."""
    require_block(actor, handover.block)
    lock_block(handover.block)
    errors: dict[str, str] = {}
    if meeting.block_id != handover.block_id:
        errors["meeting"] = _("Hội nghị: hội nghị này không phải của khối.")
    else:
        _check_handover(handover.block, handover, meeting.held_on, errors)
    if errors:
        raise ValidationError(errors)
    _tie_handover(actor, handover, meeting)
    return handover


@transaction.atomic
def block_plan_add(
    *,
    actor,
    block: Block,
    year: int,
    document: Document | None,
    adopted_on: dt.date | None = None,
    meeting: BlockMeeting | None = None,
) -> BlockPlan:
    """Kế hoạch năm của khối: ``document`` (issued, by the forming level or a member unit that
    year) is the block's plan for ``year``; one plan a year; adopted on ``adopted_on`` (in the
    year), at ``meeting`` (of the block, that year; its date is the adoption date when none given)."""
    require_block(actor, block)
    block = lock_block(block)
    errors: dict[str, str] = {}
    start, end = year_bounds(year)
    if block.valid_from >= end or (block.valid_to is not None and block.valid_to <= start):
        errors["year"] = _("Năm: khối không hoạt động trong năm %(y)s.") % {"y": year}
    elif BlockPlan.objects.filter(block=block, year=year).exists():
        errors["year"] = _("Năm: khối đã có kế hoạch năm %(y)s.") % {"y": year}
    if document is None:
        errors["document"] = _("Văn bản kế hoạch: hãy chọn văn bản trong sổ văn bản.")
    _block_document(block, document, year, "document", _("Văn bản kế hoạch"), errors)
    if meeting is not None:
        if meeting.block_id != block.pk or meeting.held_on.year != year:
            errors["meeting"] = _("Hội nghị: không phải hội nghị của khối trong năm %(y)s.") % {"y": year}
        adopted_on = adopted_on or meeting.held_on
    if adopted_on is not None:
        in_year(adopted_on, year, "adopted_on", _("Ngày thông qua"), errors)
    if errors:
        raise ValidationError(errors)
    plan = BlockPlan.objects.create(
        block=block, year=year, document=document, adopted_on=adopted_on, meeting=meeting
    )
    links.link(document=document, obj=block, role="plan")
    audit.record_created(
        actor=actor, action="block.plan_add", obj=plan, unit_id=block.unit_id, fields=PLAN_FIELDS
    )
    return plan


# -- membership ------------------------------------------------------------------------------------


@transaction.atomic
def block_member_end(*, actor, member: BlockMember, on: dt.date, reason: str) -> BlockMember:
    """Thôi là thành viên khối from ``on`` (the first day no longer a member; ``valid_to``).
    Refused: ``on`` not after the start, a membership already ended by then, no reason, and a unit
    that is leader or deputy of the block at ``on`` or later (correct the officers first:
    ``block_officers_correct``)."""
    block = member.block
    require_block(actor, block)
    check_effective(on, field="on")
    lock_block(block)
    member = BlockMember.objects.select_related("block").get(pk=member.pk)
    errors: dict[str, str] = {}
    reason = clean_line(reason or "")
    if not reason:
        errors["reason"] = _("Lý do: hãy ghi lý do thôi là thành viên khối.")
    if on <= member.valid_from:
        errors["on"] = _("Ngày thôi: phải sau ngày bắt đầu là thành viên %(d)s.") % {
            "d": display(member.valid_from)
        }
    elif member.valid_to is not None and member.valid_to <= on:
        errors["on"] = _("Ngày thôi: %(unit)s đã thôi là thành viên từ ngày %(d)s.") % {
            "unit": member.unit,
            "d": display(member.valid_to),
        }
    held = (
        BlockOfficer.objects.filter(block=block, unit_id=member.unit_id)
        .filter(Q(valid_to__isnull=True, year__gte=on.year) | Q(valid_to__gt=on))
        .order_by("year")
        .first()
    )
    if held is not None:
        errors["on"] = _(
            "Ngày thôi: %(unit)s là %(role)s năm %(y)s; hãy điều chỉnh khối trưởng, khối phó trước."
        ) % {"unit": member.unit, "role": held.get_role_display().lower(), "y": held.year}
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(member, ["valid_to"])
    member.valid_to = on
    member.save(update_fields=["valid_to"])
    after = {**audit.snapshot(member, ["valid_to"]), "reason": reason}
    audit.record(
        actor=actor, action="block.member_end", obj=member, unit_id=block.unit_id, before=before, after=after
    )
    return member


# -- officer corrections ---------------------------------------------------------------------------


def _member_on(block: Block, unit_id: int, on: dt.date) -> bool:
    return (
        BlockMember.objects.filter(block=block, unit_id=unit_id, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .exists()
    )


@transaction.atomic
def block_officers_correct(
    *,
    actor,
    officer: BlockOfficer,
    unit: Unit,
    on: dt.date,
    decision: Document | None = None,
    decision_reference: str = "",
    decided_on: dt.date | None = None,
    reason: str = "",
) -> BlockOfficer:
    """Điều chỉnh khối trưởng, khối phó: a later decision (a numbered document, or its number and
    date) replaces ``officer`` by ``unit`` in the same role from ``on`` to the end of the year.
    The replaced row is closed (``valid_to = on``, ``replaced_by``) and kept. ``unit`` must be a
    member of the block on ``on`` holding no other role that year; the year still has one leader."""
    block = officer.block
    require_block(actor, block)
    check_effective(on, field="on")
    lock_block(block)
    officer = BlockOfficer.objects.select_related("unit").get(pk=officer.pk)
    errors: dict[str, str] = {}
    if officer.valid_to is not None:
        errors["officer"] = _("Người được thay: %(unit)s đã được thay từ ngày %(d)s.") % {
            "unit": officer.unit,
            "d": display(officer.valid_to),
        }
    start = officer.valid_from or dt.date(officer.year, 1, 1)
    if on.year != officer.year or on <= start:
        errors["on"] = _("Từ ngày: phải trong năm %(y)s và sau ngày %(d)s.") % {
            "y": officer.year,
            "d": display(start),
        }
    if unit.pk == officer.unit_id:
        errors["unit"] = _("Đơn vị thay: phải khác đơn vị được thay.")
    elif not _member_on(block, unit.pk, on):
        errors["unit"] = _("Đơn vị thay: %(unit)s không phải thành viên của khối ngày %(d)s.") % {
            "unit": unit,
            "d": display(on),
        }
    elif BlockOfficer.objects.filter(
        block=block, year=officer.year, unit=unit, valid_to__isnull=True
    ).exists():
        errors["unit"] = _("Đơn vị thay: %(unit)s đã giữ một vai trò khác của khối năm %(y)s.") % {
            "unit": unit,
            "y": officer.year,
        }
    if decision is not None:
        decision_reference = decision_reference or decision.number_symbol
        decided_on = decided_on or decision.signed_on
    decision_reference = clean_line(decision_reference or "")
    if not decision_reference:
        errors["decision_reference"] = _("Quyết định điều chỉnh: hãy ghi số, ký hiệu của quyết định.")
    if decided_on is None:
        errors["decided_on"] = _("Ngày quyết định: hãy nhập ngày của quyết định điều chỉnh.")
    elif officer.decided_on is not None and decided_on < officer.decided_on:
        errors["decided_on"] = _("Ngày quyết định: trước quyết định công nhận ngày %(d)s.") % {
            "d": display(officer.decided_on)
        }
    if decision is not None and decision.unit_id != block.unit_id:
        errors["decision"] = _("Quyết định điều chỉnh: văn bản %(doc)s không do cấp lập khối ban hành.") % {
            "doc": decision.number_symbol or decision.title
        }
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(officer, ["valid_to", "replaced_by"])
    officer.valid_to = on
    officer.save(update_fields=["valid_to"])
    new = BlockOfficer.objects.create(
        block=block,
        year=officer.year,
        unit=unit,
        role=officer.role,
        decision_reference=decision_reference,
        decided_on=decided_on,
        valid_from=on,
    )
    officer.replaced_by = new
    officer.save(update_fields=["replaced_by"])
    if decision is not None:
        links.link(document=decision, obj=block, role="decision")
    after = {**audit.snapshot(officer, ["valid_to", "replaced_by"]), "reason": clean_line(reason or "")}
    audit.record(
        actor=actor,
        action="block.officer_replace",
        obj=officer,
        unit_id=block.unit_id,
        before=before,
        after=after,
    )
    audit.record_created(
        actor=actor, action="block.officer_name", obj=new, unit_id=block.unit_id, fields=OFFICER_FIELDS
    )
    return new
