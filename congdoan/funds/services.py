"""Writes of the fund drives module: ``entity_verb(*, actor, ...)``, one transaction, the policy
checked, field errors collected and raised once in Vietnamese, one audit row per record.

Rules and where they live:

- a drive is launched by a unit the actor manages funds of (``funds.manage``, today and on its first
  day), for a fund of the catalogue in use, ends on or after the day it starts, and may cite its
  launching document (a document of the register the actor sees; ``documents.links``, role
  ``LAUNCH``);
- a contribution (``_check``) is a whole, positive number of đồng (``core.money``: no decimals, no
  sign), dated inside the drive, with a receipt number not used before in the same drive (also a
  unique constraint), collected at a unit that stood in the launcher's subtree on that day (the
  tree of the day: ``_paths_on``) and that the actor manages funds of on that day; a unit that
  gives is itself such a unit (and is where its gift is counted), a member of the register must be
  in the actor's ``members.view`` reach, an outside person is named;
- many contributions at once (the grid per CĐCS, an Excel file: ``contributions_record_many``) are
  checked row by row with the same rule; on any error nothing is written and each error names its
  row and column.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.bulk.insert import bulk_insert
from congdoan.core.dates import display
from congdoan.core.money import MAX_VND, format_vnd, parse_vnd
from congdoan.core.text import clean_identifier
from congdoan.documents import links
from congdoan.documents.models import Document
from congdoan.documents.selectors import documents_in_scope
from congdoan.members.models import Person
from congdoan.members.selectors import members_in_scope
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import policy

from .models import Contribution, ContributorKind, Drive, Fund
from .permissions import MANAGE

RECEIPT_LENGTH = Contribution._meta.get_field("receipt_no").max_length
LAUNCH = "phat-dong"  # the role of a drive's launching document among the document's links

DRIVE_FIELDS = ["fund", "unit", "name", "starts_on", "ends_on", "note"]
CONTRIBUTION_FIELDS = [
    "drive",
    "unit",
    "kind",
    "contributor_unit",
    "person",
    "contributor_name",
    "amount",
    "contributed_on",
    "receipt_no",
    "note",
]


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _paths_on(unit_ids: Iterable[int], on: dt.date) -> dict[int, str]:
    """Each unit's path on ``on``; units that did not exist that day are absent (one query)."""
    ids = [i for i in unit_ids if i]
    if not ids:
        return {}
    return dict(UnitVersion.objects.active(on).filter(unit_id__in=ids).values_list("unit_id", "path"))


def _names_on(unit_ids: Iterable[int], on: dt.date) -> dict[int, str]:
    ids = [i for i in unit_ids if i]
    return dict(UnitVersion.objects.active(on).filter(unit_id__in=ids).values_list("unit_id", "name"))


def amount_error(value) -> str | None:
    """Why ``value`` is not an amount a contribution may have (``None`` if it is one): a whole,
    positive number of đồng at most ``MAX_VND``; text is read by ``core.money.parse_vnd``."""
    if isinstance(value, float):
        if not value.is_integer():
            return _("'%(v)s': số tiền phải là số đồng chẵn, không có phần thập phân.") % {
                "v": str(value).replace(".", ",")
            }
        value = int(value)
    if isinstance(value, str):
        try:
            value = parse_vnd(value)
        except ValidationError as exc:
            return exc.messages[0]
    if not isinstance(value, int) or isinstance(value, bool):
        return _("Số tiền phải là số đồng chẵn.")
    if value <= 0:
        return _("Số tiền ủng hộ phải lớn hơn 0 đồng.")
    if value > MAX_VND:
        return _("Số tiền không được lớn hơn %(limit)s đồng.") % {"limit": format_vnd(MAX_VND)}
    return None


# -- drives ----------------------------------------------------------------------------------------


@transaction.atomic
def drive_launch(
    *,
    actor,
    fund: Fund,
    unit: Unit,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    note: str = "",
    document: Document | None = None,
) -> Drive:
    """``unit`` launches a drive for ``fund`` over ``starts_on``–``ends_on`` (see the module)."""
    policy.require_dated(actor, MANAGE, unit, starts_on)
    errors: dict[str, str] = {}
    if refused := fund.refusal_on(starts_on):
        errors["fund"] = refused
    if not name:
        errors["name"] = _("Hãy nhập tên đợt vận động.")
    problem = unit.lifetime_error(starts_on)
    if problem:
        errors["starts_on"] = problem
    if ends_on < starts_on:
        errors["ends_on"] = _("Ngày kết thúc (%(end)s) phải từ ngày bắt đầu (%(start)s) trở đi.") % {
            "end": display(ends_on),
            "start": display(starts_on),
        }
    if document is not None and not documents_in_scope(actor=actor).filter(pk=document.pk).exists():
        errors["document"] = _("Không tìm thấy văn bản này trong phạm vi của bạn.")
    _raise(errors)
    drive = Drive.objects.create(
        fund=fund, unit=unit, name=name, starts_on=starts_on, ends_on=ends_on, note=note
    )
    extra = {}
    if document is not None:
        links.link(document=document, obj=drive, role=LAUNCH)
        extra = {"document": document.pk}
    audit.record_created(
        actor=actor,
        action="fund_drive.launch",
        obj=drive,
        unit_id=unit.pk,
        fields=DRIVE_FIELDS,
        extra=extra,
    )
    return drive


# -- contributions ---------------------------------------------------------------------------------


@dataclass
class Entry:
    """One contribution to check and write: ``values`` (the service's keyword arguments), ``number``
    (its row in a file or a grid, for messages) and the ``errors`` found (field, message)."""

    values: dict
    number: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def error(self, key: str, message: str) -> None:
        self.errors.append((key, str(message)))


@dataclass
class _Context:
    """What checking many entries of one drive reads once: the launcher's path per day, the
    entries' units' paths and names per day, the receipts already used, the members in reach."""

    drive: Drive
    actor: object
    taken: set[str]
    launcher_paths: dict[dt.date, str | None] = field(default_factory=dict)
    paths: dict[dt.date, dict[int, str]] = field(default_factory=dict)
    names: dict[dt.date, dict[int, str]] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    # Per day, the entries' units the actor may record for, today and on that day.
    allowed: dict[dt.date, set[int]] = field(default_factory=dict)

    def prepare(self, entries: Sequence[Entry]) -> None:
        days: dict[dt.date, set[int]] = {}
        person_ids = set()
        for e in entries:
            on = e.values.get("contributed_on")
            if isinstance(on, dt.date):
                days.setdefault(on, set()).update(
                    getattr(e.values.get(k), "pk", e.values.get(k)) or 0 for k in ("unit", "contributor_unit")
                )
            person = e.values.get("person")
            if person is not None:
                person_ids.add(getattr(person, "pk", person))
        today = policy.reach(self.actor, MANAGE)
        for on, ids in days.items():
            self.launcher_paths[on] = _paths_on([self.drive.unit_id], on).get(self.drive.unit_id)
            self.paths[on] = _paths_on(ids, on)
            self.names[on] = _names_on(ids, on)
            self.allowed[on] = today.covers_units(ids) & policy.reach(self.actor, MANAGE, on).covers_units(
                ids
            )
        if person_ids:
            self.people = {p.pk: p for p in members_in_scope(actor=self.actor).filter(pk__in=person_ids)}


def _unit_id(value) -> int | None:
    return getattr(value, "pk", value) or None


def _check(ctx: _Context, entry: Entry) -> dict | None:
    """The entry's contribution as model fields, or ``None`` with its errors on the entry."""
    drive, v = ctx.drive, entry.values
    kind = v.get("kind") or ContributorKind.UNIT
    on = v.get("contributed_on")
    receipt = clean_identifier(str(v.get("receipt_no") or ""))
    amount = v.get("amount")
    if amount is None or amount == "":
        entry.error("amount", _("Hãy nhập số tiền."))
    else:
        problem = amount_error(amount)
        if problem:
            entry.error("amount", problem)
        elif not isinstance(amount, int):
            amount = parse_vnd(amount) if isinstance(amount, str) else int(amount)
    if not receipt:
        entry.error("receipt_no", _("Hãy nhập số biên nhận."))
    elif len(receipt) > RECEIPT_LENGTH:
        entry.error("receipt_no", _("Số biên nhận dài quá %(n)s ký tự.") % {"n": RECEIPT_LENGTH})
    elif receipt in ctx.taken:
        entry.error(
            "receipt_no",
            _("Số biên nhận '%(n)s' đã dùng trong đợt vận động này.") % {"n": receipt},
        )
    else:
        ctx.taken.add(receipt)  # a later entry of the same batch may not take it either
    if kind not in ContributorKind.values:
        entry.error("kind", _("Loại người ủng hộ '%(k)s' không có trong danh mục.") % {"k": kind})
    if not isinstance(on, dt.date):
        entry.error("contributed_on", _("Hãy nhập ngày ủng hộ (dd/mm/yyyy)."))
        return None
    if not drive.starts_on <= on <= drive.ends_on:
        entry.error(
            "contributed_on",
            _("Ngày ủng hộ %(on)s nằm ngoài thời gian của đợt vận động (%(start)s - %(end)s).")
            % {"on": display(on), "start": display(drive.starts_on), "end": display(drive.ends_on)},
        )
        return None
    launcher = ctx.launcher_paths.get(on)
    paths = ctx.paths.get(on, {})
    giver = _unit_id(v.get("contributor_unit"))
    unit = _unit_id(v.get("unit"))
    key = "unit"
    if kind == ContributorKind.UNIT:
        unit, key = giver or unit, "contributor_unit"
    below = {
        "unit": _("Đơn vị thu không thuộc đơn vị phát động vào ngày %(on)s."),
        "contributor_unit": _("Đơn vị ủng hộ không thuộc đơn vị phát động vào ngày %(on)s."),
    }
    if unit is None:
        entry.error(key, _("Hãy chọn đơn vị."))
    elif launcher is None or not paths.get(unit, "").startswith(launcher):
        entry.error(key, below[key] % {"on": display(on)})
    elif unit not in ctx.allowed.get(on, ()):
        entry.error(key, _("Bạn không có quyền ghi nhận ủng hộ cho đơn vị này."))
    name = v.get("contributor_name") or ""
    person = None
    if kind == ContributorKind.MEMBER:
        person = ctx.people.get(_unit_id(v.get("person")) or 0)
        if person is None:
            entry.error("person", _("Không tìm thấy đoàn viên này trong phạm vi của bạn."))
        else:
            name = person.full_name
    elif kind == ContributorKind.UNIT and unit is not None:
        name = ctx.names.get(on, {}).get(unit, name)
    elif kind == ContributorKind.PERSON and not name:
        entry.error("contributor_name", _("Hãy nhập họ tên người ủng hộ."))
    if entry.errors:
        return None
    return {
        "drive_id": drive.pk,
        "unit_id": unit,
        "kind": kind,
        "contributor_unit_id": unit if kind == ContributorKind.UNIT else None,
        "person_id": person.pk if person else None,
        "contributor_name": name,
        "amount": amount,
        "contributed_on": on,
        "receipt_no": receipt,
        "note": v.get("note") or "",
    }


ROW_COLUMNS = (
    "drive_id",
    "unit_id",
    "kind",
    "contributor_unit_id",
    "person_id",
    "contributor_name",
    "amount",
    "contributed_on",
    "receipt_no",
    "note",
)


def _context(actor, drive: Drive, entries: Sequence[Entry]) -> _Context:
    # The drive's row locked: two officers entering receipts at once are told, not both written.
    Drive.objects.select_for_update().filter(pk=drive.pk).first()
    taken = set(Contribution.objects.filter(drive=drive).values_list("receipt_no", flat=True))
    ctx = _Context(drive=drive, actor=actor, taken=taken)
    ctx.prepare(entries)
    return ctx


@transaction.atomic
def contribution_record(*, actor, drive: Drive, receipt_no: str, **values) -> Contribution:
    """One contribution to ``drive`` (see the module); keyword arguments are ``Contribution``'s
    fields: ``kind``, ``unit`` (collected at), ``contributor_unit``, ``person``,
    ``contributor_name``, ``amount``, ``contributed_on``, ``note``."""
    unit = values.get("contributor_unit") or values.get("unit")
    if unit is not None:
        policy.require(actor, MANAGE, unit)  # 404 out of sight, 403 without the permission
    entry = Entry({**values, "receipt_no": receipt_no})
    ctx = _context(actor, drive, [entry])
    row = _check(ctx, entry)
    if row is None:
        raise ValidationError({k: [m for key, m in entry.errors if key == k] for k, _m in entry.errors})
    try:
        with transaction.atomic():
            contribution = Contribution.objects.create(**row)
    except IntegrityError:
        raise ValidationError(
            {
                "receipt_no": _("Số biên nhận '%(n)s' đã dùng trong đợt vận động này.")
                % {"n": row["receipt_no"]}
            }
        ) from None
    audit.record_created(
        actor=actor,
        action="fund_contribution.record",
        obj=contribution,
        unit_id=contribution.unit_id,
        fields=CONTRIBUTION_FIELDS,
    )
    return contribution


class EntryErrors(ValidationError):
    """Many entries refused: ``entries`` carry their errors (row, field); nothing was written."""

    def __init__(self, entries: Sequence[Entry], messages: list[str]):
        super().__init__(messages)
        self.entries = entries


def contributions_check_many(*, actor, drive: Drive, entries: Sequence[Entry]) -> bool:
    """Check ``entries`` as ``contributions_record_many`` does (each entry's ``errors`` filled),
    writing nothing: ``True`` when none has an error. For an import's check step."""
    policy.require_anywhere(actor, MANAGE)
    ctx = _context(actor, drive, entries)
    for entry in entries:
        _check(ctx, entry)
    return not any(e.errors for e in entries)


@transaction.atomic
def contributions_record_many(*, actor, drive: Drive, entries: Sequence[Entry], message=None) -> list[int]:
    """Every entry written, or none: each is checked as ``contribution_record`` checks one (receipt
    numbers also against each other); on any error ``EntryErrors`` with the entries' errors, which
    ``message(entry, key, text)`` words (default "Dòng n: …"). A constant number of queries."""
    policy.require_anywhere(actor, MANAGE)
    ctx = _context(actor, drive, entries)
    rows = [_check(ctx, entry) for entry in entries]
    bad = [e for e in entries if e.errors]
    if bad or not entries:
        word = message or (lambda e, key, text: _("Dòng %(n)s: %(m)s") % {"n": e.number, "m": text})
        texts = [word(e, key, text) for e in bad for key, text in e.errors]
        raise EntryErrors(entries, texts or [_("Chưa có khoản ủng hộ nào để ghi.")])
    columns = ["created_at", *ROW_COLUMNS]
    now = timezone.now()
    try:
        with transaction.atomic():
            ids = bulk_insert(Contribution, columns, [(now, *(r[c] for c in ROW_COLUMNS)) for r in rows])
    except IntegrityError:
        raise ValidationError(
            _("Có số biên nhận vừa được người khác ghi trong đợt vận động này; hãy kiểm tra lại.")
        ) from None
    audit.record_many(
        actor=actor,
        action="fund_contribution.record",
        model=Contribution,
        changes=[
            audit.Change(
                pk,
                f"{r['receipt_no']} — {r['contributor_name']}",
                r["unit_id"],
                {},
                {
                    "drive": drive.pk,
                    "unit": r["unit_id"],
                    "kind": r["kind"],
                    "contributor_unit": r["contributor_unit_id"],
                    "person": r["person_id"],
                    "contributor_name": r["contributor_name"],
                    "amount": r["amount"],
                    "contributed_on": r["contributed_on"].isoformat(),
                    "receipt_no": r["receipt_no"],
                },
            )
            for pk, r in zip(ids, rows, strict=True)
        ],
    )
    return ids
