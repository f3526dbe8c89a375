"""Writes to the member register. One transaction each, permission checked, audited.

Lifecycle: join (kết nạp) → [set status exempt/active] → transfer (chuyển sinh hoạt) → leave
(ra khỏi tổ chức / đã mất) → re-join. Each step closes or opens a ``Membership`` period on a
date and keeps ``Person``'s denormalised current fields in step.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.answers import records_answers
from congdoan.core.dates import check_effective, display, today
from congdoan.core.text import InvalidPhone, clean_identifier, clean_line, normalize_phone
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import UNITS_VIEW, path_of_units, policy

from . import identifiers
from .models import IN_UNIT, Membership, OfficerPosition, Person, PositionKind, Sex, Status, Transfer
from .permissions import MANAGE, VIEW_PERSONAL, holds_members, require_correct_period
from .rules import MIN_AGE

PERSONAL_FIELDS = ("date_of_birth", "id_number", "phone", "email", "policy_family", "hardship")
PERSON_FIELDS = (
    "full_name",
    "sex",
    "date_of_birth",
    "id_number",
    "phone",
    "email",
    "ethnicity",
    "education",
    "political_theory",
    "job_position",
    "job_title",
    "work_started_on",
    "joined_union_on",
    "policy_family",
    "hardship",
)
AUDITED = [*PERSON_FIELDS, "unit", "card_number", "status"]
ID_NUMBER = re.compile(r"^[0-9]{12}$")
ID_SEPARATORS = ".-"  # besides spaces: '001 090.012-345'
TEXT_FIELDS = ("ethnicity", "education", "political_theory", "job_position", "job_title")
TERM = re.compile(r"(\d{4})-(\d{4})")
POSITION_AUDITED = ["person", "unit", "position", "term", "valid_from", "valid_to"]


def _audit(actor, action: str, person: Person, before: dict, extra: dict | None = None) -> None:
    after = audit.snapshot(person, AUDITED)
    audit.record(
        actor=actor,
        action=action,
        obj=person,
        unit_id=person.unit_id,
        before=before,
        after={**after, **(extra or {})},
    )


def normalize_id_number(value: str | None) -> str | None:
    """CCCD as officers type it ('001 090 012 345', '001.090.012.345', full-width digits, a
    zero-width space pasted in) -> its digits (``core.text.clean_identifier``), or None."""
    if value is None:
        return None
    return clean_identifier(str(value), drop=ID_SEPARATORS) or None


def clean_person(
    data: dict, *, exclude_pk: int | None = None, actor=None, now: dt.date | None = None
) -> dict:
    """Validate and normalise person fields; every problem is reported against its field. An ID
    number another person holds is refused as ``identifiers.refuse_taken`` words it for ``actor``.
    ``now``: today, read once by a caller checking many people (an import), else read here."""
    errors: dict[str, list[str]] = {}
    cleaned = dict(data)
    if "full_name" in cleaned:
        cleaned["full_name"] = clean_line(cleaned["full_name"] or "")
        if not cleaned["full_name"]:
            errors.setdefault("full_name", []).append(_("Họ và tên là bắt buộc."))
    if "sex" in cleaned and cleaned["sex"] not in Sex.values:
        errors.setdefault("sex", []).append(_("Giới tính phải là Nam hoặc Nữ."))
    if "id_number" in cleaned:
        cleaned["id_number"] = normalize_id_number(cleaned["id_number"])
        if cleaned["id_number"] and not ID_NUMBER.match(cleaned["id_number"]):
            errors.setdefault("id_number", []).append(_("Số CCCD phải gồm đúng 12 chữ số."))
        elif cleaned["id_number"]:
            taken = identifiers.refuse_taken(
                actor=actor, field="id_number", value=cleaned["id_number"], exclude_pk=exclude_pk
            )
            if taken:
                errors.setdefault("id_number", []).append(taken)
    if "phone" in cleaned:
        try:
            cleaned["phone"] = normalize_phone(cleaned["phone"])
        except InvalidPhone as exc:
            errors.setdefault("phone", []).append(str(exc))
    for field in ("email", *TEXT_FIELDS):
        if field in cleaned:
            cleaned[field] = clean_line(cleaned[field] or "")
    if cleaned.get("email"):
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors.setdefault("email", []).append(_("Địa chỉ email không hợp lệ."))
    now = now or today()
    born = cleaned.get("date_of_birth")
    if born and not (dt.date(1900, 1, 1) <= born <= now):
        errors.setdefault("date_of_birth", []).append(_("Ngày sinh không hợp lệ."))
    for field in ("work_started_on", "joined_union_on"):
        value = cleaned.get(field)
        if value and born and value < born:
            errors.setdefault(field, []).append(_("Ngày này không thể trước ngày sinh."))
        if value and value > now:
            errors.setdefault(field, []).append(_("Ngày này không thể sau hôm nay."))
    if errors:
        raise ValidationError(errors)
    return cleaned


def clean_card_number(card_number: str | None, *, exclude_pk: int | None = None, actor=None) -> str:
    """The card number as stored (``core.text.clean_identifier``: 'cd\u200b001' and 'ＣＤ００１'
    are 'CD001'); ``ValidationError({"card_number": ...})`` if another person holds it (worded by
    ``identifiers.refuse_taken`` for ``actor``)."""
    card = clean_identifier(card_number or "")
    taken = card and identifiers.refuse_taken(
        actor=actor, field="card_number", value=card, exclude_pk=exclude_pk
    )
    if taken:
        raise ValidationError({"card_number": taken})
    return card


def _not_future(on: dt.date, field: str, message: str) -> None:
    if on > today():
        raise ValidationError({field: message})


def check_age(born: dt.date | None, on: dt.date, *, field: str = "on", minimum_on=None) -> None:
    """A member is at least ``members.min_age`` (15 by default) on the day they join.
    ``minimum_on``: the rule read once for many rows (``MIN_AGE.reader()``), else ``MIN_AGE.on``."""
    if born is None:
        return
    if on < born:
        raise ValidationError(
            {field: _("Ngày này không thể trước ngày sinh (%(d)s).") % {"d": display(born)}}
        )
    minimum = int((minimum_on or MIN_AGE.on)(on))
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age < minimum:
        raise ValidationError(
            {
                field: _("Vào ngày %(on)s đoàn viên mới %(age)s tuổi; tuổi tối thiểu là %(min)s.")
                % {"on": display(on), "age": age, "min": minimum}
            }
        )


def _member_unit(unit: Unit, on: dt.date, field: str = "unit", *, actor=None) -> UnitVersion:
    """Members belong to a grassroots union or one of its sub-units, existing on that date.

    With ``actor`` (a transfer's destination, typed by code), a unit outside the actor's sight is
    not named in the message."""
    version = unit.version_on(on)
    if version is None:
        raise ValidationError({field: _("Đơn vị không có hiệu lực vào ngày %(d)s.") % {"d": display(on)}})
    if not holds_members(version):
        named = actor is None or policy.can(actor, UNITS_VIEW, unit, on)
        raise ValidationError(
            {
                field: _(
                    "Đoàn viên chỉ sinh hoạt ở công đoàn cơ sở hoặc công đoàn bộ phận, tổ công đoàn; "
                    "%(u)s là %(k)s."
                )
                % {"u": version.name if named else _("đơn vị này"), "k": version.kind.label}
            }
        )
    return version


def _open(
    person: Person, unit: Unit, version: UnitVersion, on: dt.date, card: str, status: str
) -> Membership:
    membership = Membership.objects.create(
        person=person, unit=unit, card_number=card, status=status, valid_from=on
    )
    person.card_number = card
    _sync_current(person)
    return membership


def _sync_current(person: Person) -> None:
    """Set the person's current fields (unit, unit_path, status) to the register as of today.

    A change dated later is kept in the periods and shown as planned; the daily task
    (``maintenance.refresh_current_units``) applies it on its day.
    """
    now = today()
    periods = list(person.memberships.select_related("unit").order_by("valid_from"))
    held = [m for m in periods if m.valid_from <= now and (m.valid_to is None or now < m.valid_to)]
    if held:
        person.unit, person.status = held[-1].unit, held[-1].status
    else:
        ended = [m for m in periods if m.valid_to is not None and m.valid_to <= now and m.end_status]
        if not ended:
            return
        person.unit, person.status = ended[-1].unit, ended[-1].end_status
    version = person.unit.version_on(now) or person.unit.latest_version
    person.unit_path = version.path if version else person.unit_path
    person.save()


def _current(person: Person) -> Membership:
    """The open period (no end date), which a new change closes."""
    membership = person.memberships.filter(valid_to__isnull=True).first()
    if membership is not None:
        return membership
    planned = person.memberships.filter(valid_to__gt=today()).order_by("-valid_to").first()
    if planned is not None:
        raise ValidationError(
            _(
                "Đoàn viên đã có thay đổi dự kiến từ ngày %(d)s (%(s)s); không thể ghi thêm thay đổi khác trước đó."
            )
            % {"d": display(planned.valid_to), "s": Status(planned.end_status).label}
        )
    raise ValidationError(_("Đoàn viên hiện không sinh hoạt ở đơn vị nào."))


def _close(membership: Membership, on: dt.date, end_status: str, note: str = "") -> None:
    if on <= membership.valid_from:
        raise ValidationError(
            {
                "on": _("Ngày phải sau ngày bắt đầu sinh hoạt tại đơn vị (%(d)s).")
                % {"d": display(membership.valid_from)}
            }
        )
    membership.valid_to, membership.end_status, membership.end_note = on, end_status, clean_line(note)
    membership.save(update_fields=["valid_to", "end_status", "end_note"])


@records_answers
@transaction.atomic
def member_join(*, actor, unit: Unit, on: dt.date, card_number: str = "", **fields) -> Person:
    """Kết nạp: a new member (or a known person found by ID number elsewhere is refused)."""
    check_effective(on)
    _not_future(on, "on", _("Ngày kết nạp không thể sau hôm nay."))
    policy.require_dated(actor, MANAGE, unit, on)
    version = _member_unit(unit, on)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"unknown person fields: {sorted(unknown)}")
    fields.setdefault("joined_union_on", on)
    cleaned = clean_person({"full_name": "", "sex": "", **fields}, actor=actor)
    check_age(cleaned.get("date_of_birth"), on)
    card = clean_card_number(card_number, actor=actor)
    person = Person.objects.create(**cleaned)
    _open(person, unit, version, on, card, Status.ACTIVE)
    _audit(actor, "member.join", person, {}, {"on": on.isoformat()})
    return person


@records_answers
@transaction.atomic
def member_update(*, actor, person: Person, **changes) -> Person:
    """Correct or complete a person's facts. Personal fields need members.view_personal."""
    unknown = set(changes) - set(PERSON_FIELDS) - {"card_number"}
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    policy.require(actor, MANAGE, person.unit_id)
    if set(changes) & set(PERSONAL_FIELDS):
        policy.require(actor, VIEW_PERSONAL, person.unit_id)
    before = audit.snapshot(person, AUDITED)
    card = changes.pop("card_number", None)
    cleaned = clean_person(changes, exclude_pk=person.pk, actor=actor)
    if card is not None:
        person.card_number = clean_card_number(card, exclude_pk=person.pk, actor=actor)
        Membership.objects.filter(person=person, valid_to__isnull=True).update(card_number=person.card_number)
    if cleaned.get("sex", person.sex) != person.sex:  # the periods carry it (Membership.sex)
        Membership.objects.filter(person=person).update(sex=cleaned["sex"])
    for key, value in cleaned.items():
        setattr(person, key, value)
    person.save()
    _audit(actor, "member.update", person, before)
    return person


@transaction.atomic
def member_set_status(*, actor, person: Person, status: str, on: dt.date) -> Person:
    """Miễn sinh hoạt (exempt) and back to active, within the same unit, from a date."""
    if status not in IN_UNIT:
        raise ValidationError({"status": _("Chỉ chuyển giữa 'đang sinh hoạt' và 'miễn sinh hoạt'.")})
    check_effective(on)
    policy.require_dated(actor, MANAGE, person.unit_id, on)
    current = _current(person)
    if current.status == status:
        raise ValidationError({"status": _("Đoàn viên đã ở trạng thái này.")})
    before = audit.snapshot(person, AUDITED)
    _close(current, on, status)
    version = _member_unit(current.unit, on)
    _open(person, current.unit, version, on, current.card_number, status)
    _audit(actor, "member.set_status", person, before, {"on": on.isoformat()})
    return person


def _complete_transfer(transfer: Transfer, actor) -> Person:
    person = transfer.person
    current = _current(person)
    if current.unit_id != transfer.from_unit_id:
        raise ValidationError(_("Đoàn viên không còn sinh hoạt ở đơn vị chuyển đi."))
    version = _member_unit(transfer.to_unit, transfer.on, field="to_unit")
    before = audit.snapshot(person, AUDITED)
    _close(current, transfer.on, Status.TRANSFERRED, transfer.note)
    _open(person, transfer.to_unit, version, transfer.on, current.card_number, current.status)
    _end_positions(actor, person, transfer.on, keep_under=version)
    transfer.state, transfer.decided_by, transfer.decided_at = Transfer.State.ACCEPTED, actor, timezone.now()
    transfer.save(update_fields=["state", "decided_by", "decided_at"])
    _audit(
        actor,
        "member.transfer",
        person,
        before,
        {"from_unit": transfer.from_unit_id, "on": transfer.on.isoformat()},
    )
    return person


@transaction.atomic
def member_transfer(*, actor, person: Person, to_unit: Unit, on: dt.date, note: str = "") -> Transfer:
    """Chuyển sinh hoạt. Completed at once when the actor also manages the receiving unit;
    otherwise it waits for the receiving unit's officer, who sees it as incoming."""
    check_effective(on)
    policy.require_dated(actor, MANAGE, person.unit_id, on)
    current = _current(person)
    if to_unit.pk == current.unit_id:
        raise ValidationError({"to_unit": _("Đơn vị tiếp nhận trùng với đơn vị hiện tại.")})
    _member_unit(to_unit, on, field="to_unit", actor=actor)
    if on <= current.valid_from:
        raise ValidationError(
            {
                "on": _("Ngày chuyển phải sau ngày bắt đầu sinh hoạt tại đơn vị (%(d)s).")
                % {"d": display(current.valid_from)}
            }
        )
    if Transfer.objects.filter(person=person, state=Transfer.State.PENDING).exists():
        raise ValidationError(_("Đoàn viên đang có một đề nghị chuyển sinh hoạt chờ tiếp nhận."))
    transfer = Transfer.objects.create(
        person=person,
        from_unit_id=current.unit_id,
        to_unit=to_unit,
        on=on,
        note=clean_line(note),
        requested_by=actor,
    )
    audit.record(
        actor=actor,
        action="transfer.request",
        obj=transfer,
        unit_id=current.unit_id,
        after={"person": person.pk, "to_unit": to_unit.pk, "on": on.isoformat()},
    )
    if policy.can_dated(actor, MANAGE, to_unit, on):
        _complete_transfer(transfer, actor)
    return transfer


@transaction.atomic
def transfer_accept(*, actor, transfer: Transfer) -> Person:
    policy.require_dated(actor, MANAGE, transfer.to_unit_id, transfer.on)
    if transfer.state != Transfer.State.PENDING:
        raise ValidationError(_("Đề nghị chuyển sinh hoạt này đã được xử lý."))
    return _complete_transfer(transfer, actor)


def _decide_transfer(actor, transfer: Transfer, state: str, action: str) -> None:
    """Close a pending transfer (refused by the receiving unit, or cancelled because the member
    left) and audit it against the receiving unit."""
    transfer.state, transfer.decided_by, transfer.decided_at = state, actor, timezone.now()
    transfer.save(update_fields=["state", "decided_by", "decided_at", "note"])
    audit.record(
        actor=actor,
        action=action,
        obj=transfer,
        unit_id=transfer.to_unit_id,
        before={"state": Transfer.State.PENDING},
        after={"state": transfer.state, "note": transfer.note},
    )


@transaction.atomic
def transfer_reject(*, actor, transfer: Transfer, note: str = "") -> Transfer:
    policy.require_dated(actor, MANAGE, transfer.to_unit_id, transfer.on)
    if transfer.state != Transfer.State.PENDING:
        raise ValidationError(_("Đề nghị chuyển sinh hoạt này đã được xử lý."))
    if note := clean_line(note):
        transfer.note = f"{transfer.note} / {note}".strip(" /")
    _decide_transfer(actor, transfer, Transfer.State.REJECTED, "transfer.reject")
    return transfer


@transaction.atomic
def member_leave(*, actor, person: Person, on: dt.date, status: str = Status.LEFT, note: str = "") -> Person:
    """Ra khỏi tổ chức or đã mất. The person stays listed under their last unit, with that status."""
    if status not in (Status.LEFT, Status.DECEASED):
        raise ValidationError({"status": _("Lý do phải là 'ra khỏi tổ chức' hoặc 'đã mất'.")})
    check_effective(on)
    policy.require_dated(actor, MANAGE, person.unit_id, on)
    current = _current(person)
    before = audit.snapshot(person, AUDITED)
    _close(current, on, status, note)
    _end_positions(actor, person, on)
    _sync_current(person)
    for pending in Transfer.objects.filter(person=person, state=Transfer.State.PENDING):
        _decide_transfer(actor, pending, Transfer.State.REJECTED, "transfer.cancel")
    _audit(actor, "member.leave", person, before, {"on": on.isoformat(), "note": note})
    return person


@records_answers
@transaction.atomic
def member_rejoin(
    *, actor, person: Person, unit: Unit, on: dt.date, card_number: str | None = None
) -> Person:
    """Kết nạp lại: a person who left opens a new period (history of the old ones is kept)."""
    check_effective(on)
    _not_future(on, "on", _("Ngày kết nạp lại không thể sau hôm nay."))
    policy.require_dated(actor, MANAGE, unit, on)
    if person.status in IN_UNIT:
        raise ValidationError(_("Đoàn viên đang sinh hoạt; không cần kết nạp lại."))
    if person.status == Status.DECEASED:
        raise ValidationError(_("Không thể kết nạp lại đoàn viên đã mất."))
    last = person.memberships.order_by("-valid_from").first()
    if last is not None and last.valid_to and on < last.valid_to:
        raise ValidationError(
            {"on": _("Ngày kết nạp lại phải từ ngày %(d)s trở đi.") % {"d": display(last.valid_to)}}
        )
    check_age(person.date_of_birth, on)
    version = _member_unit(unit, on)
    before = audit.snapshot(person, AUDITED)
    card = clean_card_number(
        person.card_number if card_number is None else card_number, exclude_pk=person.pk, actor=actor
    )
    _open(person, unit, version, on, card, Status.ACTIVE)
    _audit(actor, "member.rejoin", person, before, {"on": on.isoformat()})
    return person


@transaction.atomic
def membership_correct(*, actor, membership: Membership, valid_from: dt.date) -> Membership:
    """Correct the start date of a period entered wrongly, without overlapping its neighbours.

    The new start is inside the period's own window: not before the unit's founding, not before
    the person reached the minimum age, not in the future."""
    check_effective(valid_from, field="valid_from")
    _not_future(valid_from, "valid_from", _("Ngày bắt đầu không thể sau hôm nay."))
    require_correct_period(actor, membership, valid_from)
    if membership.unit.version_on(valid_from) is None:
        raise ValidationError(
            {
                "valid_from": _("Đơn vị chưa có hiệu lực vào ngày %(d)s (thành lập ngày %(f)s).")
                % {"d": display(valid_from), "f": display(membership.unit.valid_from)}
            }
        )
    check_age(membership.person.date_of_birth, valid_from, field="valid_from")
    siblings = Membership.objects.filter(person_id=membership.person_id).exclude(pk=membership.pk)
    previous = siblings.filter(valid_from__lt=membership.valid_from).order_by("-valid_from").first()
    if membership.valid_to and valid_from >= membership.valid_to:
        raise ValidationError({"valid_from": _("Ngày bắt đầu phải trước ngày kết thúc của giai đoạn.")})
    if previous and previous.valid_to and valid_from < previous.valid_to:
        raise ValidationError(
            {
                "valid_from": _("Trùng với giai đoạn sinh hoạt trước (kết thúc %(d)s).")
                % {"d": display(previous.valid_to)}
            }
        )
    if previous and previous.valid_to == membership.valid_from:
        previous.valid_to = valid_from  # the two periods stay adjacent
        previous.save(update_fields=["valid_to"])
    audit.record_change(
        actor=actor,
        action="membership.correct",
        obj=membership,
        unit_id=membership.unit_id,
        changes={"valid_from": valid_from},
    )
    return membership


# -- union-officer positions (chức vụ công đoàn) ----------------------------------------------------
# A unit's BCH is made of its own members or members of units under it: a position needs a
# membership period in the unit's subtree, and ends when the member leaves that subtree.


def _is_member_under(person: Person, version: UnitVersion, on: dt.date) -> bool:
    """Whether the person has a membership period on ``on`` in the unit of ``version`` or below it."""
    under = UnitVersion.objects.active(on).filter(path__startswith=version.path).values("unit_id")
    return person.memberships.active(on).filter(unit_id__in=under).exists()


def end_position(actor, held: OfficerPosition, on: dt.date) -> None:
    """End a held position from ``on`` and audit it; the caller has checked authority."""
    audit.record_change(
        actor=actor, action="position.end", obj=held, unit_id=held.unit_id, changes={"valid_to": on}
    )


def _end_positions(actor, person: Person, on: dt.date, keep_under: UnitVersion | None = None) -> None:
    """End, from ``on``, the open positions of a member who leaves the union (``keep_under`` None) or
    moves to the unit of ``keep_under``: those in units that still contain it are kept."""
    held = list(person.positions.filter(valid_to__isnull=True).select_related("position"))
    if keep_under is not None:
        paths = path_of_units({h.unit_id for h in held}, on)
        held = [h for h in held if not keep_under.path.startswith(paths[h.unit_id])]
    for h in held:
        if on <= h.valid_from:
            raise ValidationError(
                {
                    "on": _("Đoàn viên giữ chức vụ %(p)s từ ngày %(d)s; ngày này phải sau ngày đó.")
                    % {"p": h.position.label, "d": display(h.valid_from)}
                }
            )
        end_position(actor, h, on)


@transaction.atomic
def position_assign(
    *, actor, person: Person, position: PositionKind, unit: Unit, valid_from: dt.date, term: str = ""
) -> OfficerPosition:
    """Giao chức vụ: a member takes a position in the BCH (or UBKT…) of their unit or a unit above it.

    Errors (``ValidationError`` by field): a malformed term, a future start, a unit not in force or
    without the person, the same position already held, or, for a ``PositionKind.single_holder``
    position (Chủ tịch), another person holding it in the unit over an overlapping period (named,
    with their start date). Positions open-ended only: the new period overlaps any holder whose
    period has not ended by ``valid_from``.
    """
    check_effective(valid_from, field="valid_from")
    policy.require_dated(actor, MANAGE, unit, valid_from)
    errors: dict[str, str] = {}
    term = clean_line(term or "")
    years = TERM.fullmatch(term)
    if term and not (years and years[1] < years[2]):
        errors["term"] = _("Nhiệm kỳ ghi theo dạng năm bắt đầu-năm kết thúc, ví dụ 2023-2028.")
    if valid_from > today():
        errors["valid_from"] = _("Ngày bắt đầu không thể sau hôm nay.")
    version = unit.version_on(valid_from)
    if version is None:
        errors["unit"] = _("Đơn vị không có hiệu lực vào ngày %(d)s.") % {"d": display(valid_from)}
    elif not _is_member_under(person, version, valid_from):
        errors["unit"] = _("%(name)s không sinh hoạt tại %(u)s hoặc đơn vị trực thuộc vào ngày %(d)s.") % {
            "name": person,
            "u": version.name,
            "d": display(valid_from),
        }
    overlapping = (
        OfficerPosition.objects.filter(person=person, unit=unit, position=position)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=valid_from))
        .order_by("valid_from")
        .first()
    )
    if overlapping is not None:
        errors["position"] = _("Đoàn viên đã giữ chức vụ %(p)s tại đơn vị này từ ngày %(d)s.") % {
            "p": position.label,
            "d": display(overlapping.valid_from),
        }
    if position.single_holder and "position" not in errors:
        other = (
            OfficerPosition.objects.filter(unit=unit, position=position)
            .exclude(person=person)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=valid_from))
            .select_related("person")
            .order_by("valid_from")
            .first()
        )
        if other is not None:
            errors["position"] = _(
                "Đơn vị này đã có %(p)s: %(name)s, từ ngày %(d)s. Hãy cho người đó thôi giữ chức vụ trước."
            ) % {"p": position.label, "name": other.person, "d": display(other.valid_from)}
    if errors:
        raise ValidationError(errors)
    held = OfficerPosition.objects.create(
        person=person, unit=unit, position=position, term=term, valid_from=valid_from
    )
    audit.record_created(
        actor=actor, action="position.assign", obj=held, unit_id=unit.pk, fields=POSITION_AUDITED
    )
    return held


@transaction.atomic
def position_end(*, actor, position_held: OfficerPosition, on: dt.date) -> OfficerPosition:
    """Thôi giữ chức vụ from ``on`` (the first day no longer held)."""
    policy.require_dated(actor, MANAGE, position_held.unit_id, on)
    if position_held.valid_to is not None:
        raise ValidationError(
            _("Chức vụ này đã kết thúc từ ngày %(d)s.") % {"d": display(position_held.valid_to)}
        )
    if on <= position_held.valid_from:
        raise ValidationError(
            {
                "on": _("Ngày kết thúc phải sau ngày bắt đầu giữ chức vụ (%(d)s).")
                % {"d": display(position_held.valid_from)}
            }
        )
    if on > today():
        raise ValidationError({"on": _("Ngày kết thúc không thể sau hôm nay.")})
    end_position(actor, position_held, on)
    return position_held
