"""Writes of the conferences module: ``entity_verb(*, actor, ...)``, one transaction, the policy
checked on the unit (today and on the conference's date), field errors collected and raised once
in Vietnamese, one audit row.

Rules and where they come from:

- a unit must hold a conference of a kind only while it has that duty (``ConferenceDuty``, data
  with validity dates): a conference of another kind is refused;
- one conference of each kind per unit and year (``conference_one_per_year``);
- dated within the unit's life, not in the future (only conferences that met are recorded), in
  its year or the last days of the year before;
- present ≤ expected (a database check too); the votes of an item add up to at most those present;
- an item carries under the majority and quorum rules in force on the conference's day
  (``rules.vote_outcome``, dated data).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import display, today
from congdoan.core.models import active_on
from congdoan.core.text import clean_line, fold
from congdoan.documents import links
from congdoan.documents.models import Document
from congdoan.documents.models import Status as DocumentStatus
from congdoan.members.models import OfficerPosition, Person, PositionKind
from congdoan.members.services import TERM, position_assign, position_end
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from .models import (
    CommitteeChange,
    CommitteeSeat,
    Conference,
    ConferenceDocument,
    ConferenceDuty,
    ConferenceKind,
    CongressTerm,
    DocumentRole,
    InspectionBoard,
    InspectionMember,
    InspectionRole,
    Vote,
)
from .permissions import MANAGE
from .rules import board_ends_on, board_size, vote_outcome

RESOLUTION = "nghi-quyet"  # the role of the conference's resolution among a document's links

CONFERENCE_FIELDS = [
    "unit",
    "kind",
    "year",
    "held_on",
    "place",
    "agency_head",
    "union_chair",
    "expected",
    "present",
    "agenda",
    "resolution",
    "note",
]
VOTE_FIELDS = ["subject", "document", "votes_for", "votes_against", "abstained", "adopted", "rule"]


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _created(actor, action: str, obj, unit_id: int, fields: list[str]) -> None:
    """The audit row of a new record: its ``fields`` as written."""
    audit.record(actor=actor, action=action, obj=obj, unit_id=unit_id, after=audit.snapshot(obj, fields))


def _kind_label(kind: str) -> str:
    return str(ConferenceKind(kind).label)


def has_duty(unit: Unit | int, kind: str, on: dt.date) -> bool:
    return ConferenceDuty.objects.filter(active_on(on), unit=unit, kind=kind).exists()


@transaction.atomic
def duty_set(*, actor, unit: Unit, kind: str, valid_from: dt.date) -> ConferenceDuty:
    """From ``valid_from`` the unit's agency must hold a conference of ``kind`` every year."""
    policy.require_dated(actor, MANAGE, unit, valid_from)
    errors: dict[str, str] = {}
    if kind not in ConferenceKind.values:
        errors["kind"] = _("Loại hội nghị '%(k)s' không có trong danh mục.") % {"k": kind}
    problem = unit.lifetime_error(valid_from)
    if problem:
        errors["valid_from"] = problem
    _raise(errors)
    held = ConferenceDuty.objects.select_for_update().filter(unit=unit, kind=kind)
    if held.filter(valid_to__isnull=True).exists() or held.filter(valid_to__gt=valid_from).exists():
        _raise(
            {
                "kind": _("%(unit)s đã thuộc diện tổ chức %(kind)s trong thời gian này.")
                % {"unit": unit, "kind": _kind_label(kind)}
            }
        )
    duty = ConferenceDuty.objects.create(unit=unit, kind=kind, valid_from=valid_from)
    _created(actor, "conference.duty_set", duty, unit.pk, ["unit", "kind", "valid_from"])
    return duty


def _conference_errors(unit: Unit, kind: str, year: int, held_on: dt.date, expected, present) -> dict:
    errors: dict[str, str] = {}
    if kind not in ConferenceKind.values:
        errors["kind"] = _("Loại hội nghị '%(k)s' không có trong danh mục.") % {"k": kind}
    if held_on > today():
        errors["held_on"] = _("Ngày tổ chức %(d)s chưa đến: chỉ ghi hội nghị đã họp.") % {
            "d": display(held_on)
        }
    else:
        problem = unit.lifetime_error(held_on)
        if problem:
            errors["held_on"] = problem
    if held_on.year not in (year - 1, year):
        errors["year"] = _(
            "Hội nghị năm %(y)s phải họp trong năm %(y)s (hoặc cuối năm %(prev)s), không phải ngày %(d)s."
        ) % {"y": year, "prev": year - 1, "d": display(held_on)}
    if "kind" not in errors and "held_on" not in errors and not has_duty(unit, kind, held_on):
        errors["kind"] = _("%(unit)s không thuộc diện tổ chức %(kind)s vào ngày %(d)s.") % {
            "unit": unit,
            "kind": _kind_label(kind),
            "d": display(held_on),
        }
    if expected is None or expected < 1:
        errors["expected"] = _("Số người được triệu tập phải từ 1 trở lên.")
    if present is None or present < 0:
        errors["present"] = _("Số người có mặt phải là số không âm.")
    elif expected is not None and present > expected:
        errors["present"] = _("Số người có mặt (%(p)s) không thể lớn hơn số được triệu tập (%(e)s).") % {
            "p": present,
            "e": expected,
        }
    return errors


def _duplicate_error(unit: Unit, kind: str, year: int) -> dict[str, str]:
    return {
        "year": _("%(unit)s đã ghi %(kind)s năm %(y)s.")
        % {"unit": unit, "kind": _kind_label(kind), "y": year}
    }


def _save_once(record, duplicate: dict[str, str]) -> None:
    """Save a record of which a unit has one per kind and year: recorded at the same moment by
    someone else, the unique constraint refuses it with the ``duplicate`` message."""
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise ValidationError(duplicate) from None


@transaction.atomic
def conference_record(
    *,
    actor,
    unit: Unit,
    kind: str,
    year: int,
    held_on: dt.date,
    expected: int,
    present: int,
    place: str = "",
    agency_head: str = "",
    union_chair: str = "",
    agenda: str = "",
    resolution: str = "",
    note: str = "",
) -> Conference:
    """Record a conference that met: one per unit, kind and year."""
    policy.require_dated(actor, MANAGE, unit, held_on)
    errors = _conference_errors(unit, kind, year, held_on, expected, present)
    if not errors and Conference.objects.filter(unit=unit, kind=kind, year=year).exists():
        errors = _duplicate_error(unit, kind, year)
    _raise(errors)
    conference = Conference(
        unit=unit,
        kind=kind,
        year=year,
        held_on=held_on,
        expected=expected,
        present=present,
        place=place,
        agency_head=agency_head,
        union_chair=union_chair,
        agenda=agenda,
        resolution=resolution,
        note=note,
    )
    _save_once(conference, _duplicate_error(unit, kind, year))
    _created(actor, "conference.record", conference, unit.pk, CONFERENCE_FIELDS)
    return conference


@transaction.atomic
def document_add(*, actor, conference: Conference, role: str, title: str) -> ConferenceDocument:
    """A document put to the conference (a draft, a report, the resolution)."""
    policy.require(actor, MANAGE, conference.unit_id)
    errors: dict[str, str] = {}
    if role not in DocumentRole.values:
        errors["role"] = _("Loại tài liệu '%(r)s' không có trong danh mục.") % {"r": role}
    if not (title or "").strip():
        errors["title"] = _("Hãy nhập tên tài liệu.")
    _raise(errors)
    order = conference.documents.count() + 1
    document = ConferenceDocument.objects.create(conference=conference, role=role, title=title, order=order)
    _created(
        actor,
        "conference.document_add",
        document,
        conference.unit_id,
        ["conference", "role", "title", "order"],
    )
    return document


def _count_errors(conference: Conference, counts: dict[str, int | None]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, value in counts.items():
        if value is None or value < 0:
            errors[name] = _("%(field)s phải là số không âm.") % {
                "field": Vote._meta.get_field(name).verbose_name
            }
    if errors:
        return errors
    total = sum(counts.values())
    if total > conference.present:
        errors["votes_for"] = _(
            "Số tán thành (%(f)s), không tán thành (%(a)s) và không biểu quyết (%(n)s) cộng lại là %(t)s, "
            "vượt số người có mặt (%(p)s)."
        ) % {
            "f": counts["votes_for"],
            "a": counts["votes_against"],
            "n": counts["abstained"],
            "t": total,
            "p": conference.present,
        }
    return errors


@transaction.atomic
def vote_record(
    *,
    actor,
    conference: Conference,
    subject: str,
    votes_for: int,
    votes_against: int = 0,
    abstained: int = 0,
    document: ConferenceDocument | None = None,
) -> Vote:
    """The counts of one item put to the vote; whether it carried follows the rules of the day."""
    policy.require(actor, MANAGE, conference.unit_id)
    counts = {"votes_for": votes_for, "votes_against": votes_against, "abstained": abstained}
    errors = _count_errors(conference, counts)
    if not (subject or "").strip():
        errors["subject"] = _("Hãy nhập nội dung biểu quyết.")
    if document is not None and document.conference_id != conference.pk:
        errors["document"] = _("Tài liệu không thuộc hội nghị này.")
    _raise(errors)
    with translation.override(settings.LANGUAGE_CODE):  # stored: in the deployment's language
        outcome = vote_outcome(
            on=conference.held_on,
            expected=conference.expected,
            present=conference.present,
            votes_for=votes_for,
        )
    vote = Vote.objects.create(
        conference=conference,
        subject=subject,
        document=document,
        votes_for=votes_for,
        votes_against=votes_against,
        abstained=abstained,
        adopted=outcome.adopted,
        rule=outcome.rule,
    )
    _created(actor, "conference.vote", vote, conference.unit_id, VOTE_FIELDS)
    return vote


@transaction.atomic
def resolution_link(*, actor, conference: Conference, document: Document) -> Document:
    """The conference's resolution is a numbered document of the register (``documents``): the
    unit's own, issued (it has its number, "01/NQ-CĐCS"), one per conference."""
    policy.require(actor, MANAGE, conference.unit_id)
    errors: dict[str, str] = {}
    if document.unit_id != conference.unit_id:
        errors["document"] = _("Nghị quyết phải là văn bản của chính đơn vị tổ chức hội nghị.")
    elif document.status != DocumentStatus.ISSUED or document.number is None:
        errors["document"] = _("Văn bản chưa ban hành (chưa có số), chưa thể là nghị quyết của hội nghị.")
    elif links.documents_of(conference, RESOLUTION).exists():
        errors["document"] = _("Hội nghị đã có nghị quyết.")
    _raise(errors)
    links.link(document=document, obj=conference, role=RESOLUTION)
    audit.record(
        actor=actor,
        action="conference.resolution_link",
        obj=conference,
        unit_id=conference.unit_id,
        after={"resolution": document.pk, "number": document.number_symbol},
    )
    return document


# -- congresses and executive committees -------------------------------------------------------------
TERM_FIELDS = ["unit", "name", "planned_on", "held_on", "delegates", "note"]


def _term_errors(unit: Unit, name: str, planned_on, held_on, delegates) -> tuple[dict, tuple[int, int]]:
    errors: dict[str, str] = {}
    years = TERM.fullmatch(name or "")
    first, last = (int(years[1]), int(years[2])) if years else (0, 0)
    if not years or first >= last:
        errors["name"] = _("Nhiệm kỳ ghi theo dạng năm bắt đầu-năm kết thúc, ví dụ 2023-2028.")
    else:
        other = (
            CongressTerm.objects.filter(unit=unit, first_year__lt=last, last_year__gt=first)
            .order_by("first_year")
            .first()
        )
        if other is not None:
            errors["name"] = _("Nhiệm kỳ %(name)s trùng với nhiệm kỳ %(other)s đã ghi của %(unit)s.") % {
                "name": name,
                "other": other.name,
                "unit": unit,
            }
    if held_on is not None:
        if held_on > today():
            errors["held_on"] = _("Đại hội ngày %(d)s chưa diễn ra: chưa thể ghi là đã tổ chức.") % {
                "d": display(held_on)
            }
        elif unit.lifetime_error(held_on):
            errors["held_on"] = unit.lifetime_error(held_on)
    for field, day in (("planned_on", planned_on), ("held_on", held_on)):
        if day is not None and years and field not in errors and not (first - 1 <= day.year <= first):
            errors[field] = _(
                "Đại hội nhiệm kỳ %(name)s họp trong năm %(y)s (hoặc cuối năm trước), không phải ngày %(d)s."
            ) % {
                "name": name,
                "y": first,
                "d": display(day),
            }
    if delegates is not None and delegates < 1:
        errors["delegates"] = _("Số đại biểu phải từ 1 trở lên.")
    return errors, (first, last)


@transaction.atomic
def term_record(
    *, actor, unit: Unit, name: str, planned_on=None, held_on=None, delegates=None, note: str = ""
) -> CongressTerm:
    """A congress term of a unit ("2023-2028"): the congress planned and, once it met, held; terms of
    one unit never overlap."""
    policy.require_dated(actor, MANAGE, unit, held_on or planned_on or today())
    errors, (first, last) = _term_errors(unit, name, planned_on, held_on, delegates)
    _raise(errors)
    term = CongressTerm.objects.create(
        unit=unit,
        name=name,
        first_year=first,
        last_year=last,
        planned_on=planned_on,
        held_on=held_on,
        delegates=delegates,
        note=note,
    )
    _created(actor, "congress.term_record", term, unit.pk, TERM_FIELDS)
    return term


# the register's field errors, said of the person elected
_ELECT_FIELDS = {"unit": "person", "valid_from": "person", "term": "person"}


@transaction.atomic
def committee_elect(
    *, actor, term: CongressTerm, person: Person, position: PositionKind, votes: int | None = None
) -> CommitteeSeat:
    """A member elected to the executive committee at the term's congress: the register's officer
    position (``members.services.position_assign``: a member of the unit on that day, one chair at
    a time) from the congress's day for the term, and the votes received (at most the delegates)."""
    policy.require(actor, MANAGE, term.unit_id)
    errors: dict[str, str] = {}
    if term.held_on is None:
        errors["term"] = _("Đại hội nhiệm kỳ %(name)s chưa được ghi là đã tổ chức.") % {"name": term.name}
    if votes is not None and term.delegates is not None and votes > term.delegates:
        errors["votes"] = _("Số phiếu bầu (%(v)s) không thể lớn hơn số đại biểu (%(d)s).") % {
            "v": votes,
            "d": term.delegates,
        }
    _raise(errors)
    try:
        held = position_assign(
            actor=actor,
            person=person,
            position=position,
            unit=term.unit,
            valid_from=term.held_on,
            term=term.name,
        )
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError({_ELECT_FIELDS.get(k, k): v for k, v in exc.message_dict.items()}) from None
    seat = CommitteeSeat.objects.create(term=term, position_held=held, votes=votes)
    _created(actor, "congress.elect", seat, term.unit_id, ["term", "position_held", "votes"])
    return seat


@transaction.atomic
def committee_change(
    *,
    actor,
    term: CongressTerm,
    on: dt.date,
    reason: str,
    ended: OfficerPosition | None = None,
    person: Person | None = None,
    position: PositionKind | None = None,
    votes: int | None = None,
) -> CommitteeChange:
    """A mid-term change of the executive committee, dated ``on``: the register's position ``ended``
    ends that day (``members.services.position_end``) and/or ``person`` takes ``position`` from that
    day (``position_assign``: a member of the unit then, one chair at a time), so a chair replaced
    is one event. The positions stay the register's; this row dates and explains the change."""
    policy.require_dated(actor, MANAGE, term.unit, on)
    errors: dict[str, str] = {}
    if term.held_on is None:
        errors["on"] = _("Đại hội nhiệm kỳ %(name)s chưa được ghi là đã tổ chức.") % {"name": term.name}
    elif on <= term.held_on:
        errors["on"] = _("Thay đổi giữa nhiệm kỳ phải sau ngày đại hội (%(d)s).") % {
            "d": display(term.held_on)
        }
    elif on > today():
        errors["on"] = _("Ngày thay đổi %(d)s chưa đến.") % {"d": display(on)}
    elif on.year > term.last_year:
        errors["on"] = _("Ngày %(d)s đã ngoài nhiệm kỳ %(name)s.") % {"d": display(on), "name": term.name}
    if not (reason or "").strip():
        errors["reason"] = _("Hãy ghi lý do thay đổi.")
    if ended is None and person is None:
        errors["ended"] = _("Hãy chọn chức vụ thôi giữ hoặc người được bầu bổ sung.")
    if ended is not None:
        if ended.unit_id != term.unit_id:
            errors["ended"] = _("Chức vụ này không thuộc Ban Chấp hành của đơn vị.")
        elif ended.valid_to is not None:
            errors["ended"] = _("Chức vụ này đã kết thúc từ ngày %(d)s.") % {"d": display(ended.valid_to)}
        elif "on" not in errors and on <= ended.valid_from:
            errors["on"] = _("Ngày thay đổi phải sau ngày bắt đầu giữ chức vụ (%(d)s).") % {
                "d": display(ended.valid_from)
            }
    if person is not None and position is None:
        errors["position"] = _("Hãy chọn chức vụ của người được bầu bổ sung.")
    if votes is not None and votes < 0:
        errors["votes"] = _("Số phiếu bầu phải là số không âm.")
    _raise(errors)
    if ended is not None:
        position_end(actor=actor, position_held=ended, on=on)
    started = None
    if person is not None:
        try:
            started = position_assign(
                actor=actor, person=person, position=position, unit=term.unit, valid_from=on, term=term.name
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                raise
            raise ValidationError({_ELECT_FIELDS.get(k, k): v for k, v in exc.message_dict.items()}) from None
    change = CommitteeChange.objects.create(
        term=term, on=on, ended=ended, started=started, votes=votes, reason=reason
    )
    _created(actor, "congress.committee_change", change, term.unit_id, CHANGE_FIELDS)
    return change


CHANGE_FIELDS = ["term", "on", "ended", "started", "votes", "reason"]


# -- the people's inspection board -------------------------------------------------------------------
BOARD_KINDS = (ConferenceKind.PUBLIC_EMPLOYEES, ConferenceKind.WORKERS)


def _board_member_errors(members: list[tuple[str, str, str]], on: dt.date) -> str | None:
    low, high = board_size(on)
    names = [(name or "").strip() for name, _role, _title in members]
    if not (low <= len(members) <= high):
        return _("Ban thanh tra nhân dân có từ %(low)s đến %(high)s thành viên; đã nhập %(n)s.") % {
            "low": low,
            "high": high,
            "n": len(members),
        }
    if not all(names):
        return _("Mỗi thành viên phải có họ và tên.")
    folded = [fold(n) for n in names]
    twice = next((n for n, f in zip(names, folded, strict=True) if folded.count(f) > 1), None)
    if twice:
        return _("%(name)s được nhập hai lần.") % {"name": twice}
    roles = [role for _name, role, _title in members]
    bad = next((r for r in roles if r not in InspectionRole.values), None)
    if bad is not None:
        return _("Vai trò '%(r)s' không có trong danh mục.") % {"r": bad}
    if roles.count(InspectionRole.HEAD) != 1:
        return _("Ban thanh tra nhân dân có đúng một Trưởng ban.")
    return None


@transaction.atomic
def inspection_board_elect(
    *, actor, conference: Conference, members: list[tuple[str, str, str]], note: str = ""
) -> InspectionBoard:
    """The people's inspection board elected by ``conference``: ``members`` as (full name, role,
    title), from 3 to 9 of them with one head (a dated rule), for a term of two years (dated) from
    the conference's day; one board at a time in a unit."""
    policy.require(actor, MANAGE, conference.unit_id)
    errors: dict[str, str] = {}
    if conference.kind not in BOARD_KINDS:
        errors["conference"] = _(
            "Ban thanh tra nhân dân do Hội nghị CBCCVC hoặc Hội nghị người lao động bầu."
        )
    if hasattr(conference, "inspection_board"):
        errors["conference"] = _("Hội nghị này đã bầu Ban thanh tra nhân dân.")
    problem = _board_member_errors(members, conference.held_on)
    if problem:
        errors["members"] = problem
    in_term = (
        InspectionBoard.objects.filter(
            unit_id=conference.unit_id, elected_on__lte=conference.held_on, ends_on__gt=conference.held_on
        )
        .order_by("-elected_on")
        .first()
    )
    if in_term is not None and "conference" not in errors:
        errors["conference"] = _(
            "Ban thanh tra nhân dân bầu ngày %(d)s còn nhiệm kỳ đến hết ngày %(end)s."
        ) % {"d": display(in_term.elected_on), "end": display(in_term.ends_on - dt.timedelta(days=1))}
    _raise(errors)
    board = InspectionBoard.objects.create(
        conference=conference,
        unit_id=conference.unit_id,
        elected_on=conference.held_on,
        ends_on=board_ends_on(conference.held_on),
        note=note,
    )
    InspectionMember.objects.bulk_create(
        InspectionMember(
            board=board, full_name=clean_line(name), role=role, title=clean_line(title or ""), order=n
        )
        for n, (name, role, title) in enumerate(members, start=1)
    )
    audit.record(
        actor=actor,
        action="conference.inspection_board",
        obj=board,
        unit_id=conference.unit_id,
        after={
            **audit.snapshot(board, ["conference", "elected_on", "ends_on"]),
            "members": [f"{name} ({InspectionRole(role).label})" for name, role, _t in members],
        },
    )
    return board
