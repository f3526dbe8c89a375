"""Writes of the initiatives module: one transaction each, the policy asked first, field errors
collected and raised once (in Vietnamese, naming the field), audit rows in the same transaction.

Rules (issue 13, "Initiatives"):

- **Programme**: launched by a unit (``initiatives.manage`` there) for a period, with its rounds
  (đợt) inside the period, in order, not overlapping.
- **Targets** (``target_set``): a unit gives a round's target to a unit strictly below it, on the
  tree of the round's first day. The giver is the launching unit or a unit that received a target
  for that round itself, and it is the nearest such level above the receiver (a level in between
  that holds a target passes it down itself). What a unit gives down in a round may not add up to
  more than it received unless the giver sets ``over_allocated`` with a reason; a target may not be
  lowered below what its unit has already given down.
- **Initiatives** (``initiatives_create``, also behind ``initiative_create`` and the Excel import):
  the unit in the actor's ``initiatives.manage`` reach today and on the registration day; within
  the programme's launching unit's subtree and the round's dates when a round is named; authors are
  members the actor may see (``members.view``), each once, shares in (0, 100] adding up to exactly
  100 %; a benefit, when given, a whole positive number of đồng.
- **Review**: ``review.py``.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core import attachments, audit
from congdoan.core.bulk.insert import bulk_insert
from congdoan.core.dates import check_effective, display, today
from congdoan.core.money import MAX_VND, format_vnd
from congdoan.core.text import clean_line, clean_text
from congdoan.documents import links
from congdoan.documents.models import Document
from congdoan.members.models import Person
from congdoan.members.selectors import members_in_scope
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import path_of_units, policy

from .models import (
    HUNDRED,
    Initiative,
    InitiativeAttachment,
    InitiativeAuthor,
    InitiativeField,
    Programme,
    Round,
    Target,
)
from .permissions import MANAGE

PROGRAMME_FIELDS = ("unit", "name", "starts_on", "ends_on", "goal")
TARGET_FIELDS = ("round", "unit", "given_by", "count", "over_allocated", "over_reason")
INITIATIVE_FIELDS = ("unit", "title", "field", "applied_on", "registered_on", "benefit", "round")
MAX_AUTHORS = 50


def _in_force(unit: Unit, on: dt.date, field_name: str, errors: dict) -> None:
    if unit.version_on(on) is None:
        errors.setdefault(
            field_name,
            _("Đơn vị %(unit)s không có hiệu lực vào ngày %(d)s.") % {"unit": unit, "d": display(on)},
        )


def _period(starts_on: dt.date, ends_on: dt.date, field_name: str, errors: dict) -> None:
    if ends_on < starts_on:
        errors[field_name] = _("Ngày kết thúc %(end)s trước ngày bắt đầu %(start)s.") % {
            "end": display(ends_on),
            "start": display(starts_on),
        }


def _below(unit_id: int, above_id: int, on: dt.date) -> bool:
    """Whether ``unit_id`` is strictly below ``above_id`` in the tree of ``on``."""
    paths = path_of_units([unit_id, above_id], on)
    own, top = paths.get(unit_id, ""), paths.get(above_id, "")
    return bool(top) and own.startswith(top) and own != top


def check_document(document: Document | None, unit_id: int, field_name: str, label, errors: dict) -> None:
    """A decision (resolved by the caller through the documents selectors) issued by the acting unit."""
    if document is not None and document.unit_id != unit_id:
        errors[field_name] = _("%(label)s: văn bản %(doc)s không do đơn vị này ban hành.") % {
            "label": label,
            "doc": document.number_symbol or document.title,
        }


# -- programmes ------------------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    actor,
    unit: Unit,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    rounds: Sequence[tuple[dt.date, dt.date]],
    goal: int | None = None,
    description: str = "",
    plan_document: Document | None = None,
) -> Programme:
    """Phát động: ``unit`` launches a programme for ``[starts_on, ends_on]`` with its ``rounds``
    (each ``(from, to)``, both days included), numbered 1, 2… in date order."""
    policy.require(actor, MANAGE, unit)
    check_effective(starts_on, field="starts_on")
    errors: dict[str, str] = {}
    name = clean_line(name or "")
    if not name:
        errors["name"] = _("Tên chương trình: hãy nhập tên.")
    _period(starts_on, ends_on, "ends_on", errors)
    if goal is not None and goal <= 0:
        errors["goal"] = _("Chỉ tiêu chung: phải là số nguyên dương.")
    ordered = sorted(rounds)
    if not ordered:
        errors["rounds"] = _("Đợt đăng ký: chương trình cần ít nhất một đợt.")
    for number, (first, last) in enumerate(ordered, start=1):
        if last < first:
            errors["rounds"] = _("Đợt %(n)s: ngày kết thúc %(end)s trước ngày bắt đầu %(start)s.") % {
                "n": number,
                "end": display(last),
                "start": display(first),
            }
        elif first < starts_on or last > ends_on:
            errors["rounds"] = _("Đợt %(n)s (%(start)s – %(end)s) nằm ngoài thời gian của chương trình.") % {
                "n": number,
                "start": display(first),
                "end": display(last),
            }
        elif number > 1 and first <= ordered[number - 2][1]:
            errors["rounds"] = _("Đợt %(n)s bắt đầu trước khi đợt %(p)s kết thúc.") % {
                "n": number,
                "p": number - 1,
            }
    _in_force(unit, starts_on, "unit", errors)
    check_document(plan_document, unit.pk, "plan_document", _("Kế hoạch phát động"), errors)
    if errors:
        raise ValidationError(errors)
    programme = Programme.objects.create(
        unit=unit,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        goal=goal,
        description=clean_text(description or ""),
    )
    Round.objects.bulk_create(
        Round(programme=programme, number=n, starts_on=first, ends_on=last)
        for n, (first, last) in enumerate(ordered, start=1)
    )
    if plan_document is not None:
        links.link(document=plan_document, obj=programme, role="plan")
    audit.record_created(
        actor=actor,
        action="initiative_programme.create",
        obj=programme,
        unit_id=unit.pk,
        fields=PROGRAMME_FIELDS,
    )
    return programme


# -- targets ---------------------------------------------------------------------------------------


def received(round_: Round, unit_id: int) -> int | None:
    """What ``unit_id`` received for ``round_`` (``None``: no target; the launcher: the goal)."""
    if unit_id == round_.programme.unit_id:
        return round_.programme.goal
    return Target.objects.filter(round=round_, unit_id=unit_id).values_list("count", flat=True).first()


def given_down(round_: Round, unit_id: int, *, except_unit: int | None = None) -> int:
    qs = Target.objects.filter(round=round_, given_by_id=unit_id)
    if except_unit is not None:
        qs = qs.exclude(unit_id=except_unit)
    return qs.aggregate(total=Sum("count"))["total"] or 0


@transaction.atomic
def target_set(
    *,
    actor,
    round: Round,
    given_by: Unit,
    unit: Unit,
    count: int,
    over_allocated: bool = False,
    over_reason: str = "",
) -> Target:
    """Giao chỉ tiêu: ``given_by`` gives ``unit`` a target of ``count`` initiatives for ``round``
    (see the module's rules); a second call for the same unit and round changes it."""
    policy.require(actor, MANAGE, given_by)
    # One target change of a round at a time: two levels giving down at once cannot both fit under
    # what they checked (nor both create the same unit's first target).
    Round.objects.select_for_update().filter(pk=round.pk).first()
    programme = round.programme
    on = round.starts_on
    errors: dict[str, str] = {}
    if count is None or count <= 0:
        errors["count"] = _("Chỉ tiêu: phải là số nguyên dương.")
    over_reason = clean_text(over_reason or "")
    if over_allocated and not over_reason:
        errors["over_reason"] = _("Lý do giao vượt: hãy ghi lý do khi giao vượt số chỉ tiêu được nhận.")
    launcher = given_by.pk == programme.unit_id
    got = received(round, given_by.pk)
    if not launcher and got is None:
        errors["given_by"] = _(
            "Đơn vị giao: %(unit)s chưa được giao chỉ tiêu đợt %(n)s nên chưa thể giao tiếp."
        ) % {
            "unit": given_by,
            "n": round.number,
        }
    if not _below(unit.pk, given_by.pk, on):
        errors["unit"] = _(
            "Đơn vị nhận: %(unit)s không phải là đơn vị trực thuộc %(giver)s (ngày %(d)s)."
        ) % {
            "unit": unit,
            "giver": given_by,
            "d": display(on),
        }
    else:
        between = _holders_between(round, given_by.pk, unit.pk, on)
        if between:
            errors["unit"] = _(
                "Đơn vị nhận: %(unit)s thuộc %(level)s, đơn vị đã được giao chỉ tiêu đợt này; "
                "chỉ tiêu do %(level)s giao tiếp."
            ) % {"unit": unit, "level": between}
    existing = Target.objects.select_for_update().filter(round=round, unit=unit).first()
    if existing is not None and existing.given_by_id != given_by.pk and "unit" not in errors:
        errors["unit"] = _("Đơn vị nhận: %(unit)s đã được đơn vị khác giao chỉ tiêu đợt này.") % {
            "unit": unit
        }
    if not errors and count:
        passed = given_down(round, unit.pk)
        if passed > count:
            errors["count"] = _(
                "Chỉ tiêu: %(unit)s đã giao xuống %(passed)s, không thể giảm còn %(count)s."
            ) % {
                "unit": unit,
                "passed": passed,
                "count": count,
            }
        if got is not None and not over_allocated:
            total = given_down(round, given_by.pk, except_unit=unit.pk) + count
            if total > got:
                errors["count"] = _(
                    "Chỉ tiêu: tổng giao xuống (%(total)s) vượt số %(giver)s được nhận (%(got)s). "
                    "Nếu cố ý giao vượt, đánh dấu “giao vượt” và ghi lý do."
                ) % {"total": total, "giver": given_by, "got": got}
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(existing, TARGET_FIELDS) if existing else None
    target = existing or Target(round=round, unit=unit)
    target.given_by = given_by
    target.count = count
    target.over_allocated = bool(over_allocated)
    target.over_reason = over_reason if over_allocated else ""
    target.set_by = actor if getattr(actor, "pk", None) else None
    target.save()
    audit.record(
        actor=actor,
        action="initiative_target.set",
        obj=target,
        unit_id=given_by.pk,
        before=before,
        after=audit.snapshot(target, TARGET_FIELDS),
    )
    return target


def _holders_between(round_: Round, top_id: int, unit_id: int, on: dt.date) -> Unit | None:
    """A unit strictly between ``top_id`` and ``unit_id`` (tree of ``on``) holding a target of the round."""
    path = path_of_units([unit_id], on).get(unit_id, "")
    ids = [int(s) for s in path.rstrip("/").split("/") if s]
    if top_id not in ids:
        return None
    inside = ids[ids.index(top_id) + 1 : -1]
    holder = Target.objects.filter(round=round_, unit_id__in=inside).select_related("unit").first()
    return holder.unit if holder else None


# -- initiatives -----------------------------------------------------------------------------------


@dataclass
class InitiativeRow:
    """One initiative to register (a form, an API body or an Excel row): authors as
    ``(person id, share in %)``."""

    unit: Unit
    title: str
    field: InitiativeField
    applied_on: dt.date
    authors: Sequence[tuple[int, Decimal | int | str]]
    registered_on: dt.date | None = None
    description: str = ""
    benefit: int | None = None
    programme: Programme | None = None
    round: Round | None = None
    errors: dict[str, str] = dataclass_field(default_factory=dict)


def share_of(value) -> Decimal | None:
    """A share in % as typed ('40', '33,34', 33.34): at most two decimals, else ``None``."""
    try:
        share = Decimal(str(value).strip().replace(",", ".").rstrip("%").strip())
    except (InvalidOperation, ValueError):
        return None
    if not share.is_finite() or share != share.quantize(Decimal("0.01")):
        return None
    return share


def _check_row(
    row: InitiativeRow, *, persons: dict[int, Person], since: dict[int, dt.date], memo: dict
) -> dict[str, str]:
    """``memo``: the tree answers already read for (unit, day), shared by the rows of one call."""
    errors: dict[str, str] = {}
    row.title = clean_line(row.title or "")
    row.description = clean_text(row.description or "")
    if not row.title:
        errors["title"] = _("Tên sáng kiến: hãy nhập tên.")
    elif len(row.title) > 500:
        errors["title"] = _("Tên sáng kiến: dài quá 500 ký tự.")
    row.registered_on = row.registered_on or today()
    if row.unit.pk not in since:
        errors["unit"] = _("Đơn vị: bạn không có quyền nhập sáng kiến cho %(unit)s.") % {"unit": row.unit}
    elif row.registered_on < since[row.unit.pk]:
        errors["registered_on"] = _("Ngày đăng ký: trước ngày %(d)s, từ khi bạn phụ trách đơn vị này.") % {
            "d": display(since[row.unit.pk])
        }
    if row.registered_on > today():
        errors["registered_on"] = _("Ngày đăng ký: %(d)s chưa tới.") % {"d": display(row.registered_on)}
    if row.applied_on > row.registered_on + dt.timedelta(days=366):
        errors["applied_on"] = _("Ngày áp dụng: %(d)s quá xa sau ngày đăng ký.") % {
            "d": display(row.applied_on)
        }
    if "unit" not in errors:
        key = ("in_force", row.unit.pk, row.registered_on)
        if key not in memo:
            memo[key] = row.unit.version_on(row.registered_on) is not None
        if not memo[key]:
            errors["unit"] = _("Đơn vị %(unit)s không có hiệu lực vào ngày %(d)s.") % {
                "unit": row.unit,
                "d": display(row.registered_on),
            }
    if row.round is not None:
        row.programme = row.round.programme
        if not (row.round.starts_on <= row.registered_on <= row.round.ends_on):
            errors["registered_on"] = _("Ngày đăng ký: %(d)s nằm ngoài đợt %(n)s (%(start)s – %(end)s).") % {
                "d": display(row.registered_on),
                "n": row.round.number,
                "start": display(row.round.starts_on),
                "end": display(row.round.ends_on),
            }
    if row.programme is not None and "unit" not in errors:
        launcher = row.programme.unit_id
        key = ("below", row.unit.pk, launcher, row.registered_on)
        if key not in memo:
            memo[key] = row.unit.pk == launcher or _below(row.unit.pk, launcher, row.registered_on)
        if not memo[key]:
            errors["unit"] = _("Đơn vị: %(unit)s không thuộc đơn vị phát động chương trình.") % {
                "unit": row.unit
            }
    if row.benefit is not None:
        if isinstance(row.benefit, bool) or not isinstance(row.benefit, int):
            errors["benefit"] = _("Hiệu quả (đồng): phải là số đồng chẵn.")
        elif row.benefit <= 0:
            errors["benefit"] = _("Hiệu quả (đồng): phải lớn hơn 0; để trống nếu không tính được bằng tiền.")
        elif row.benefit > MAX_VND:
            errors["benefit"] = _("Hiệu quả (đồng): %(v)s lớn quá mức cho phép.") % {
                "v": format_vnd(row.benefit)
            }
    authors_error = _check_authors(row.authors, persons)
    if authors_error:
        errors["authors"] = authors_error
    return errors


def _check_authors(authors, persons: dict[int, Person]) -> str:
    if not authors:
        return _("Tác giả: sáng kiến cần ít nhất một tác giả.")
    if len(authors) > MAX_AUTHORS:
        return _("Tác giả: nhiều nhất %(n)s người.") % {"n": MAX_AUTHORS}
    seen: set[int] = set()
    total = Decimal(0)
    for person_id, raw in authors:
        if person_id not in persons:
            return _("Tác giả: không tìm thấy đoàn viên mã %(id)s trong phạm vi của bạn.") % {"id": person_id}
        if person_id in seen:
            return _("Tác giả: %(name)s được nhập hai lần.") % {"name": persons[person_id].full_name}
        seen.add(person_id)
        share = share_of(raw)
        if share is None or share <= 0 or share > HUNDRED:
            return _(
                "Tác giả: tỷ lệ đóng góp của %(name)s ('%(v)s') phải là số lớn hơn 0 và không quá 100."
            ) % {
                "name": persons[person_id].full_name,
                "v": raw,
            }
        total += share
    if total != HUNDRED:
        return _("Tác giả: tổng tỷ lệ đóng góp là %(total)s %%, phải đúng 100 %%.") % {
            "total": format(total.normalize(), "f").replace(".", ",")
        }
    return ""


def check_rows(*, actor, rows: Sequence[InitiativeRow]) -> bool:
    """Check every row (``row.errors`` filled, one query per kind of lookup, whatever the number of
    rows); ``True`` when none has an error. Units the actor cannot see are named in no message: the
    caller resolved them through a selector (404) or reports the Excel cell."""
    unit_ids = {r.unit.pk for r in rows}
    since = policy.held_since(actor, MANAGE, unit_ids)
    person_ids = {int(p) for r in rows for p, _s in r.authors if str(p).isdigit()}
    persons = {p.pk: p for p in members_in_scope(actor=actor).filter(pk__in=person_ids)}
    ok, memo = True, {}
    for row in rows:
        row.errors = _check_row(row, persons=persons, since=since, memo=memo)
        ok = ok and not row.errors
    return ok


INITIATIVE_COLUMNS = (
    "programme",
    "round",
    "unit",
    "title",
    "field",
    "applied_on",
    "registered_on",
    "description",
    "benefit",
    "state",
    "state_reason",
    "created_by",
    "created_at",
)


@transaction.atomic
def initiatives_create(*, actor, rows: Sequence[InitiativeRow], advance=None) -> list[int]:
    """Register many initiatives at once (the Excel import, the demo): every row checked first,
    nothing written when one is bad (``ValidationError`` listing "Dòng n: …" per row; the import
    reads ``row.errors`` itself); then bulk inserts and one audit row per initiative."""
    if not policy.has_anywhere(actor, MANAGE):
        raise PermissionDenied
    if not check_rows(actor=actor, rows=rows):
        raise ValidationError(
            [
                _("Dòng %(n)s: %(msg)s") % {"n": n, "msg": msg}
                for n, row in enumerate(rows, start=1)
                for msg in row.errors.values()
            ]
        )
    now = timezone.now()
    created_by = actor.pk if getattr(actor, "pk", None) else None
    ids = bulk_insert(
        Initiative,
        INITIATIVE_COLUMNS,
        [
            (
                r.programme.pk if r.programme else None,
                r.round.pk if r.round else None,
                r.unit.pk,
                r.title,
                r.field.pk,
                r.applied_on,
                r.registered_on,
                r.description,
                r.benefit,
                Initiative.State.REGISTERED,
                "",
                created_by,
                now,
            )
            for r in rows
        ],
        advance=advance,
    )
    bulk_insert(
        InitiativeAuthor,
        ("initiative", "person", "share", "order"),
        [
            (pk, int(person), share_of(share), order)
            for pk, r in zip(ids, rows, strict=True)
            for order, (person, share) in enumerate(r.authors)
        ],
        returning=False,
    )
    audit.record_many(
        actor=actor,
        action="initiative.create",
        model=Initiative,
        changes=[
            audit.Change(
                object_id=pk,
                object_repr=r.title,
                unit_id=r.unit.pk,
                before={},
                after={
                    "title": r.title,
                    "unit": r.unit.pk,
                    "field": r.field.pk,
                    "applied_on": r.applied_on.isoformat(),
                    "registered_on": r.registered_on.isoformat(),
                    "benefit": r.benefit,
                    "round": r.round.pk if r.round else None,
                    "authors": [f"{p}: {share_of(s)}" for p, s in r.authors],
                },
            )
            for pk, r in zip(ids, rows, strict=True)
        ],
        at=now,
        advance=advance,
    )
    return ids


def initiative_create(*, actor, unit: Unit, **fields) -> Initiative:
    """One initiative (a form, the API): ``initiatives_create`` with one row; its errors by field."""
    policy.require(actor, MANAGE, unit)
    row = InitiativeRow(unit=unit, **fields)
    try:
        (pk,) = initiatives_create(actor=actor, rows=[row])
    except ValidationError:
        if row.errors:
            raise ValidationError(row.errors) from None
        raise
    return Initiative.objects.get(pk=pk)


@transaction.atomic
def initiative_attach(*, actor, initiative: Initiative, upload) -> InitiativeAttachment:
    """Attach a file (checked by ``core.attachments``) to an initiative of a unit the actor manages."""
    policy.require(actor, MANAGE, initiative.unit_id)
    return attachments.attach(
        actor=actor,
        model=InitiativeAttachment,
        upload=upload,
        folder="initiatives",
        action="initiative.attach",
        obj=initiative,
        unit_id=initiative.unit_id,
        initiative=initiative,
    )
