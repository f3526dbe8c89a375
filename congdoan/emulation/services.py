"""Writes of the emulation module: one transaction each, the policy asked first, field errors
collected and raised once (in Vietnamese, naming the field), one audit row.

Blocks (issue 11 §4): formed by a level over units of its subtree, membership dated; each year one
leader and at most ``Block.deputies`` deputies, all members that year; the rotating flag goes from
the unit holding it (the last one to receive it, or the previous year's leader) to the year's
leader; a pledge is signed by members of the block that year.

Movements and registrations (issue 11 §1–2): a unit launches a movement for a period; a unit of its
subtree registers its targets for a year (nháp → đã gửi → đã duyệt / trả lại with a reason, by the
level directly above the registering unit, ``permissions.may_take_step``). After that year's
deadline a unit registers or sends only under a recorded extension (``deadlines``).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import audit
from congdoan.core.dates import check_effective, display, today
from congdoan.core.text import clean_line, clean_text
from congdoan.core.workflow import Step, Workflow
from congdoan.documents import links
from congdoan.documents.models import Document
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import path_of_units, policy

from . import deadlines, terms
from .models import (
    Block,
    BlockMember,
    BlockOfficer,
    FlagHandover,
    Movement,
    Pledge,
    PledgeParty,
    Registration,
)
from .permissions import MANAGE, may_take_step, require_block

MOVEMENT_FIELDS = (
    "unit",
    "kind",
    "name",
    "starts_on",
    "ends_on",
    "deadline",
    "description",
    "plan_reference",
)
REGISTRATION_FIELDS = ("movement", "unit", "year", "targets")

REGISTRATION_FLOW = Workflow(
    model=Registration,
    steps=[
        Step("submit", gettext_lazy("Gửi đăng ký"), "registration.submit"),
        Step("accept", gettext_lazy("Duyệt"), "registration.accept", style="success"),
        Step("send_back", gettext_lazy("Trả lại"), "registration.return", needs_reason=True, style="danger"),
    ],
    may=may_take_step,
    unit_of=lambda registration: registration.unit_id,
)


def _check_document(document: Document | None, unit_id: int, field: str, label: str, errors: dict) -> None:
    """A linked document (the caller resolved it through the documents selectors, so the actor
    sees it) must be issued by the unit that acts: the launching level, the forming level."""
    if document is not None and document.unit_id != unit_id:
        errors[field] = _("%(label)s: văn bản %(doc)s không do đơn vị này ban hành.") % {
            "label": label,
            "doc": document.number_symbol or document.title,
        }


def in_year(value: dt.date, year: int, field: str, label, errors: dict) -> None:
    """A date that must fall in ``year`` (a handover, a signature)."""
    if value.year != year:
        errors[field] = _("%(label)s: %(d)s không thuộc năm %(y)s.") % {
            "label": label,
            "d": display(value),
            "y": year,
        }


def named(name: str, label, errors: dict) -> str:
    """A required name, cleaned; its absence is an error on ``name``."""
    name = clean_line(name or "")
    if not name:
        errors["name"] = _("%(label)s: hãy nhập tên.") % {"label": label}
    return name


def _in_force(unit: Unit, on: dt.date, field: str, errors: dict) -> None:
    if unit.version_on(on) is None:
        errors.setdefault(field, _("Đơn vị không có hiệu lực vào ngày %(d)s.") % {"d": display(on)})


# -- movements -------------------------------------------------------------------------------------


@transaction.atomic
def movement_create(
    *,
    actor,
    unit: Unit,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    kind: str = Movement.Kind.MOVEMENT,
    deadline: dt.date | None = None,
    description: str = "",
    plan_reference: str = "",
    plan_document: Document | None = None,
    criteria=(),
    units=(),
) -> Movement:
    """Phát động: ``unit`` launches a movement (or a campaign) for ``[starts_on, ends_on]``, by its
    plan (a document of the documents module, linked with role "plan"), with its criteria
    (``(name, weight, mandatory)``) and participating units (``terms``)."""
    policy.require(actor, MANAGE, unit)
    check_effective(starts_on, field="starts_on")
    errors: dict[str, str] = {}
    name = named(name, _("Tên phong trào"), errors)
    if kind not in Movement.Kind.values:
        errors["kind"] = _("Loại: '%(v)s' không phải là phong trào hay cuộc vận động.") % {"v": kind}
    if ends_on < starts_on:
        errors["ends_on"] = _("Đến ngày: %(end)s trước ngày bắt đầu %(start)s.") % {
            "end": display(ends_on),
            "start": display(starts_on),
        }
    if deadline is not None and not (starts_on <= deadline <= ends_on):
        errors["deadline"] = _("Hạn đăng ký: %(d)s nằm ngoài thời gian của phong trào.") % {
            "d": display(deadline)
        }
    _in_force(unit, starts_on, "unit", errors)
    _check_document(plan_document, unit.pk, "plan_document", _("Kế hoạch phát động"), errors)
    criteria = terms.check_criteria(criteria, errors)
    units = terms.check_participants(unit, units, max(starts_on, today()), errors)
    if errors:
        raise ValidationError(errors)
    if plan_document is not None and not plan_reference:
        plan_reference = plan_document.number_symbol
    movement = Movement.objects.create(
        unit=unit,
        kind=kind,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        deadline=deadline,
        description=clean_text(description or ""),
        plan_reference=clean_line(plan_reference or ""),
    )
    if plan_document is not None:
        links.link(document=plan_document, obj=movement, role="plan")
    terms.write_terms(movement, criteria, units)
    deadlines.launch_deadline(movement)
    audit.record_created(
        actor=actor,
        action="movement.create",
        obj=movement,
        unit_id=unit.pk,
        fields=MOVEMENT_FIELDS,
        extra=terms.terms_snapshot(criteria, units),
    )
    return movement


# -- registrations ---------------------------------------------------------------------------------


@transaction.atomic
def registration_create(
    *,
    actor,
    movement: Movement,
    unit: Unit,
    targets: str,
    year: int | None = None,
    on: dt.date | None = None,
) -> Registration:
    """Đăng ký thi đua: a draft registration of ``unit`` (strictly below the launching unit) for
    ``year`` of the movement's period (default: this year, kept within the period). After that
    year's deadline only under an extension to the unit (``deadlines.late_error``). ``on``: the
    day the unit registered when a paper registration is recorded later (from the movement's
    start to today, kept in the audit row as ``registered_on``; today by default): the deadline
    and the unit's place in the tree are those of that day."""
    policy.require(actor, MANAGE, unit)
    errors: dict[str, str] = {}
    recorded_day = on
    on = _registration_day(on, movement, _("Ngày đăng ký"))
    year = deadlines.registration_year(movement, year)
    deadlines.check_year(movement, year, errors)
    problem = deadlines.unit_error(movement, unit, on)
    if problem:
        errors["unit"] = problem
    elif Registration.objects.filter(movement=movement, unit=unit, year=year).exists():
        errors["unit"] = _("Đơn vị đăng ký: %(unit)s đã đăng ký phong trào này năm %(y)s.") % {
            "unit": unit,
            "y": year,
        }
    targets = clean_text(targets or "")
    if not targets:
        errors["targets"] = _("Chỉ tiêu, danh hiệu đăng ký: hãy ghi nội dung đăng ký.")
    late = deadlines.late_error(movement, unit.pk, year, on) if "year" not in errors else None
    if late:
        errors["year"] = late
    if errors:
        raise ValidationError(errors)
    registration = Registration.objects.create(movement=movement, unit=unit, year=year, targets=targets)
    audit.record_created(
        actor=actor,
        action="registration.create",
        obj=registration,
        unit_id=unit.pk,
        fields=REGISTRATION_FIELDS,
        extra={"registered_on": on.isoformat()} if recorded_day is not None else None,
    )
    return registration


def _registration_day(on: dt.date | None, movement: Movement, label) -> dt.date:
    """``on`` (today when None) lying between the movement's start and today; else an error
    naming ``on``."""
    day = today()
    if on is None:
        return day
    if not movement.starts_on <= on <= day:
        raise ValidationError(
            {
                "on": _("%(label)s: %(on)s phải từ ngày %(first)s đến hôm nay.")
                % {"label": label, "on": display(on), "first": display(movement.starts_on)}
            }
        )
    return on


@transaction.atomic
def registration_update(*, actor, registration: Registration, targets: str) -> Registration:
    """Change the targets of a draft or returned registration."""
    policy.require(actor, MANAGE, registration.unit_id)
    if registration.state not in (Registration.State.DRAFT, Registration.State.RETURNED):
        raise ValidationError({"state": _("Chỉ sửa được đăng ký ở trạng thái nháp hoặc bị trả lại.")})
    targets = clean_text(targets or "")
    if not targets:
        raise ValidationError({"targets": _("Chỉ tiêu, danh hiệu đăng ký: hãy ghi nội dung đăng ký.")})
    audit.record_change(
        actor=actor,
        action="registration.update",
        obj=registration,
        unit_id=registration.unit_id,
        changes={"targets": targets},
    )
    return registration


@transaction.atomic
def registration_step(
    *, actor, registration: Registration, step: str, reason: str = "", on: dt.date | None = None
) -> Registration:
    """Send (the unit), accept or return (the level above, with a reason). A first sending after
    the year's deadline needs an extension to the unit (``deadlines.late_error``). ``on``: the day
    a paper registration was sent, when recorded later (from the movement's start to today; today
    by default): the deadline checked is that day's."""
    chosen = REGISTRATION_FLOW.step(step)
    if chosen.name == "submit" and registration.state == Registration.State.DRAFT:
        day = _registration_day(on, registration.movement, _("Ngày gửi đăng ký"))
        late = deadlines.late_error(registration.movement, registration.unit_id, registration.year, day)
        if late and REGISTRATION_FLOW.may(actor, registration, chosen):
            raise ValidationError({"year": late})
    return REGISTRATION_FLOW.run(actor=actor, obj=registration, step=chosen, reason=reason)


# -- blocks ----------------------------------------------------------------------------------------

BLOCK_FIELDS = ("unit", "kind", "name", "deputies", "valid_from", "note")


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """The first day of ``year`` and the first day of the next (exclusive end)."""
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def members_in_year(block: Block, year: int) -> set[int]:
    """Ids of the units that were members of ``block`` for at least one day of ``year``."""
    start, end = year_bounds(year)
    return set(
        BlockMember.objects.filter(block=block, valid_from__lt=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start))
        .values_list("unit_id", flat=True)
    )


def lock_block(block: Block) -> Block:
    """The block's row, locked until the transaction ends (``SELECT … FOR UPDATE``): the services
    changing its members, officers or flag take it first, so two officers acting at once are served
    one after the other and the second sees the first's rows (no two leaders in a year, no unit
    twice in one period). Returns the fresh row."""
    return Block.objects.select_for_update().get(pk=block.pk)


def _in_subtree(unit: Unit, top_id: int, on: dt.date) -> bool:
    paths = path_of_units([unit.pk, top_id], on)
    return bool(paths.get(top_id)) and paths.get(unit.pk, "").startswith(paths[top_id])


@transaction.atomic
def block_create(
    *,
    actor,
    unit: Unit,
    name: str,
    valid_from: dt.date,
    kind: str = Block.Kind.BLOCK,
    deputies: int = 2,
    note: str = "",
) -> Block:
    """Thành lập khối thi đua: ``unit`` (the forming level) groups units of its subtree."""
    policy.require(actor, MANAGE, unit)
    check_effective(valid_from, field="valid_from")
    errors: dict[str, str] = {}
    name = named(name, _("Tên khối"), errors)
    if kind not in Block.Kind.values:
        errors["kind"] = _("Loại: '%(v)s' không phải là khối hay cụm thi đua.") % {"v": kind}
    if not 0 <= deputies <= 5:
        errors["deputies"] = _("Số khối phó mỗi năm: từ 0 đến 5.")
    _in_force(unit, valid_from, "unit", errors)
    if errors:
        raise ValidationError(errors)
    block = Block.objects.create(
        unit=unit, kind=kind, name=name, deputies=deputies, valid_from=valid_from, note=clean_text(note or "")
    )
    audit.record_created(actor=actor, action="block.create", obj=block, unit_id=unit.pk, fields=BLOCK_FIELDS)
    return block


@transaction.atomic
def block_member_add(
    *, actor, block: Block, unit: Unit, valid_from: dt.date, valid_to: dt.date | None = None
) -> BlockMember:
    """A unit joins a block from ``valid_from`` (until ``valid_to``, exclusive, when known)."""
    require_block(actor, block)
    check_effective(valid_from, field="valid_from")
    lock_block(block)
    errors: dict[str, str] = {}
    if valid_to is not None and valid_to <= valid_from:
        errors["valid_to"] = _("Đến ngày: phải sau ngày bắt đầu %(d)s.") % {"d": display(valid_from)}
    if valid_from < block.valid_from:
        errors["valid_from"] = _("Từ ngày: khối chỉ có từ ngày %(d)s.") % {"d": display(block.valid_from)}
    if not _in_subtree(unit, block.unit_id, valid_from):
        errors["unit"] = _("Đơn vị thành viên: %(unit)s không thuộc %(top)s, đơn vị thành lập khối.") % {
            "unit": unit,
            "top": block.unit,
        }
    overlap = BlockMember.objects.filter(block=block, unit=unit).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=valid_from)
    )
    if valid_to is not None:
        overlap = overlap.filter(valid_from__lt=valid_to)
    first = overlap.order_by("valid_from").first()
    if first is not None and "unit" not in errors:
        errors["unit"] = _("Đơn vị thành viên: %(unit)s đã là thành viên của khối từ ngày %(d)s.") % {
            "unit": unit,
            "d": display(first.valid_from),
        }
    if errors:
        raise ValidationError(errors)
    member = BlockMember.objects.create(block=block, unit=unit, valid_from=valid_from, valid_to=valid_to)
    audit.record_created(
        actor=actor,
        action="block.member_add",
        obj=member,
        unit_id=block.unit_id,
        fields=("block", "unit", "valid_from", "valid_to"),
    )
    return member


@transaction.atomic
def block_officers_name(
    *,
    actor,
    block: Block,
    year: int,
    leader: Unit,
    deputies: list[Unit] = (),
    decision_reference: str = "",
    decided_on: dt.date | None = None,
    decision: Document | None = None,
) -> list[BlockOfficer]:
    """Công nhận khối trưởng, khối phó: the year's leader and deputies, all members of the block
    that year; one leader a year; at most ``block.deputies`` deputies. A later change is a
    correction (``block_records.block_officers_correct``), not a second naming."""
    require_block(actor, block)
    lock_block(block)
    errors: dict[str, str] = {}
    members = members_in_year(block, year)
    named = {"y": year}
    if leader.pk not in members:
        errors["leader"] = _("Khối trưởng: %(unit)s không phải thành viên của khối năm %(y)s.") % {
            **named,
            "unit": leader,
        }
    current = current_officers(block, year).filter(role=BlockOfficer.Role.LEADER).first()
    if current is not None:
        errors["leader"] = _("Khối trưởng: năm %(y)s khối đã có khối trưởng là %(unit)s.") % {
            **named,
            "unit": current.unit,
        }
    deputies = list(deputies)
    outside = [u for u in deputies if u.pk not in members]
    if outside:
        errors["deputies"] = _("Khối phó: %(units)s không phải thành viên của khối năm %(y)s.") % {
            **named,
            "units": ", ".join(str(u) for u in outside),
        }
    elif leader in deputies or len({u.pk for u in deputies}) != len(deputies):
        errors["deputies"] = _("Khối phó: mỗi đơn vị chỉ giữ một vai trò trong năm.")
    elif (
        len(deputies) + current_officers(block, year).filter(role=BlockOfficer.Role.DEPUTY).count()
        > block.deputies
    ):
        errors["deputies"] = _("Khối phó: khối có nhiều nhất %(n)s khối phó mỗi năm.") % {"n": block.deputies}
    _check_document(decision, block.unit_id, "decision", _("Quyết định công nhận"), errors)
    if errors:
        raise ValidationError(errors)
    if decision is not None:
        links.link(document=decision, obj=block, role="decision")
        decision_reference = decision_reference or decision.number_symbol
        decided_on = decided_on or decision.signed_on
    decision = {"decision_reference": clean_line(decision_reference or ""), "decided_on": decided_on}
    officers = [
        BlockOfficer.objects.create(
            block=block, year=year, unit=leader, role=BlockOfficer.Role.LEADER, **decision
        )
    ]
    officers += [
        BlockOfficer.objects.create(block=block, year=year, unit=u, role=BlockOfficer.Role.DEPUTY, **decision)
        for u in deputies
    ]
    for officer in officers:
        audit.record_created(
            actor=actor,
            action="block.officer_name",
            obj=officer,
            unit_id=block.unit_id,
            fields=("block", "year", "unit", "role", "decision_reference", "decided_on"),
        )
    return officers


def current_officers(block: Block, year: int):
    """The officer rows of ``year`` still held (not replaced by a correction)."""
    return BlockOfficer.objects.filter(block=block, year=year, valid_to__isnull=True)


def flag_holder(block: Block, year: int) -> Unit | None:
    """Who holds the rotating flag before ``year``'s handover: the unit that last received it, or,
    with no handover on record, the leader of the year before."""
    last = (
        FlagHandover.objects.filter(block=block, year__lt=year)
        .order_by("-year")
        .select_related("to_unit")
        .first()
    )
    if last is not None:
        return last.to_unit
    before = (
        current_officers(block, year - 1).filter(role=BlockOfficer.Role.LEADER).select_related("unit").first()
    )
    return before.unit if before else None


def flag_candidates(block: Block, year: int) -> set[int]:
    """With no holder on record (``flag_holder`` None), the units that may hand ``year``'s flag:
    the members of that year or the year before (a unit outside the block never held it)."""
    return members_in_year(block, year - 1) | members_in_year(block, year)


@transaction.atomic
def flag_hand_over(
    *,
    actor,
    block: Block,
    year: int,
    from_unit: Unit | None,
    to_unit: Unit,
    handed_on: dt.date,
    note: str = "",
    meeting=None,
) -> FlagHandover:
    """Trao cờ luân lưu: from the unit holding it to ``year``'s leader, at ``meeting`` (a
    ``BlockMeeting`` of the block held that day) when given."""
    require_block(actor, block)
    check_effective(handed_on, field="handed_on")
    lock_block(block)
    errors: dict[str, str] = {}
    leader = current_officers(block, year).filter(role=BlockOfficer.Role.LEADER).first()
    if leader is None:
        errors["to_unit"] = _("Đơn vị nhận: năm %(y)s khối chưa có khối trưởng.") % {"y": year}
    elif leader.unit_id != to_unit.pk:
        errors["to_unit"] = _("Đơn vị nhận: cờ luân lưu trao cho khối trưởng năm %(y)s là %(unit)s.") % {
            "y": year,
            "unit": leader.unit,
        }
    holder = flag_holder(block, year)
    if holder is not None and (from_unit is None or from_unit.pk != holder.pk):
        errors["from_unit"] = _("Đơn vị trao: %(unit)s không giữ cờ luân lưu; cờ đang ở %(holder)s.") % {
            "unit": from_unit or "—",
            "holder": holder,
        }
    elif holder is None and from_unit is not None and from_unit.pk not in flag_candidates(block, year):
        errors["from_unit"] = _(
            "Đơn vị trao: %(unit)s không phải thành viên của khối năm %(a)s hay năm %(b)s, "
            "không giữ cờ luân lưu."
        ) % {"unit": from_unit, "a": year - 1, "b": year}
    if FlagHandover.objects.filter(block=block, year=year).exists():
        errors["year"] = _("Năm: cờ luân lưu năm %(y)s đã được trao.") % {"y": year}
    in_year(handed_on, year, "handed_on", _("Ngày trao"), errors)
    if meeting is not None and (meeting.block_id != block.pk or meeting.held_on != handed_on):
        errors["meeting"] = _("Hội nghị: không phải hội nghị của khối họp ngày %(d)s.") % {
            "d": display(handed_on)
        }
    if errors:
        raise ValidationError(errors)
    handover = FlagHandover.objects.create(
        meeting=meeting,
        block=block,
        year=year,
        from_unit=from_unit,
        to_unit=to_unit,
        handed_on=handed_on,
        note=clean_line(note or ""),
    )
    audit.record_created(
        actor=actor,
        action="block.flag_hand_over",
        obj=handover,
        unit_id=block.unit_id,
        fields=("block", "year", "from_unit", "to_unit", "handed_on", "note", "meeting"),
    )
    return handover


def pledge_title(title: str, errors: dict) -> str:
    """A pledge's name, cleaned; its absence is an error on ``title``."""
    title = clean_line(title or "")
    if not title:
        errors["title"] = _("Tên giao ước: hãy nhập tên.")
    return title


def pledge_new(*, unit, year: int, title: str, signed_on, place: str, targets: str, block=None) -> Pledge:
    """The pledge row of a checked pledge (its parties are the caller's)."""
    return Pledge.objects.create(
        block=block,
        unit=unit,
        year=year,
        title=title,
        signed_on=signed_on,
        place=clean_line(place or ""),
        targets=clean_text(targets or ""),
    )


def pledge_signatories(parties: list[Unit], given: dict, errors: dict) -> dict[int, tuple[str, str]]:
    """Each party's ``(signatory, position)``, cleaned: both or neither (an error naming the party)."""
    signers = {}
    for unit in parties:
        name, position = (clean_line(v or "") for v in given.get(unit.pk, ("", "")))
        if bool(name) != bool(position):
            field = f"position_{unit.pk}" if name else f"signatory_{unit.pk}"
            errors[field] = _(
                "Người ký của %(unit)s: hãy nhập cả họ tên và chức vụ người ký, hoặc để trống cả hai."
            ) % {"unit": unit}
        signers[unit.pk] = (name, position)
    return signers


@transaction.atomic
def pledge_sign(
    *,
    actor,
    block: Block,
    year: int,
    title: str,
    signed_on: dt.date,
    parties: list[Unit],
    place: str = "",
    targets: str = "",
    document: Document | None = None,
    signatories: dict[int, tuple[str, str]] | None = None,
) -> Pledge:
    """Ký giao ước thi đua of a block: every party a member of the block that year, each once.
    ``signatories``: by party unit id, ``(name, position)`` of the person signing for it (seed 002:
    each unit's chair signs), printed in its signature block; both or neither (error on
    ``signatory_<id>`` / ``position_<id>`` naming the party)."""
    require_block(actor, block)
    check_effective(signed_on, field="signed_on")
    errors: dict[str, str] = {}
    title = pledge_title(title, errors)
    members = members_in_year(block, year)
    outside = [u for u in parties if u.pk not in members]
    if not parties:
        errors["parties"] = _("Các bên ký: hãy chọn các đơn vị ký giao ước.")
    elif outside:
        errors["parties"] = _("Các bên ký: %(units)s không phải thành viên của khối năm %(y)s.") % {
            "units": ", ".join(str(u) for u in outside),
            "y": year,
        }
    elif len({u.pk for u in parties}) != len(parties):
        errors["parties"] = _("Các bên ký: mỗi đơn vị chỉ ký một lần.")
    in_year(signed_on, year, "signed_on", _("Ngày ký"), errors)
    signers = pledge_signatories(parties, signatories or {}, errors)
    if errors:
        raise ValidationError(errors)
    pledge = pledge_new(
        unit=block.unit,
        year=year,
        title=title,
        signed_on=signed_on,
        place=place,
        targets=targets,
        block=block,
    )
    PledgeParty.objects.bulk_create(
        PledgeParty(pledge=pledge, unit=u, order=i, signatory=signers[u.pk][0], position=signers[u.pk][1])
        for i, u in enumerate(parties, 1)
    )
    if document is not None:  # read by the members' officers (plugin: documents.readers)
        links.link(document=document, obj=block, role="pledge")
    audit.record_created(
        actor=actor,
        action="pledge.sign",
        obj=pledge,
        unit_id=block.unit_id,
        fields=("block", "year", "title", "signed_on", "place"),
        extra={
            "parties": [" — ".join(v for v in (audit.stored_name(u), *signers[u.pk]) if v) for u in parties]
        },
    )
    return pledge
