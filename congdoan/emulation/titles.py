"""The titles a registration aims for (đăng ký danh hiệu thi đua; issue 11 §2): for the registering
unit itself or a unit below it (a collective title) and for its people (an individual title), added
in bulk in one form or from an Excel list through the core import layer.

Rules: the registration is a draft or returned one of a unit the actor manages; the title is in
force on the movement's first day and goes to that kind of recipient; a collective is the
registering unit or one of its units, a person a current member of its subtree; a title once per
recipient and registration. Every error names the field (or the Excel row and column); nothing is
written on any error. The Excel list runs as background jobs through ``core.job_flows`` (``IMPORT``):
upload → check (errors by row and column, or a preview) → "Ghi" → write.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import audit, job_flows
from congdoan.core.bulk import cells
from congdoan.core.bulk.columns import Column
from congdoan.core.bulk.sheet import read_table
from congdoan.core.dates import today
from congdoan.members.models import Person
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import path_of_units, policy

from . import selectors
from .models import Recipient, Registration, RegistrationEntry, Title
from .permissions import MANAGE


@dataclass(frozen=True)
class Wanted:
    """One line to register: a title for a unit or for a person (exactly one)."""

    title: Title
    unit: Unit | None = None
    member: Person | None = None

    @property
    def key(self) -> tuple:
        return (self.title.pk, "u", self.unit.pk) if self.unit else (self.title.pk, "p", self.member.pk)

    @property
    def recipient_name(self) -> str:
        return str(self.unit or self.member.full_name)


def titles_in_force(on: dt.date):
    return Title.objects.active(on).order_by("order", "name")


def titles_day(registration: Registration) -> dt.date:
    """The day whose titles catalogue a registration reads: 1 January of the year registered for,
    or the movement's first day if later (a movement over 2023–2025 registered for 2024 reads the
    titles in force in 2024, not in 2023)."""
    return max(registration.movement.starts_on, dt.date(registration.year, 1, 1))


def _editable(actor, registration: Registration) -> None:
    policy.require(actor, MANAGE, registration.unit_id)
    if registration.state not in (Registration.State.DRAFT, Registration.State.RETURNED):
        raise ValidationError({"state": _("Chỉ thêm danh hiệu được khi đăng ký là nháp hoặc bị trả lại.")})


def check_line(registration: Registration, wanted: Wanted, path: str, taken: set) -> str | None:
    """Why ``wanted`` cannot be registered (``None``: it can). ``path`` is the registering unit's."""
    title, on = wanted.title, titles_day(registration)
    if not (title.valid_from <= on and (title.valid_to is None or on < title.valid_to)):
        return _("Danh hiệu %(t)s không còn áp dụng vào ngày %(d)s.") % {
            "t": title,
            "d": on.strftime("%d/%m/%Y"),
        }
    if (wanted.unit is None) == (wanted.member is None):
        return _("Hãy chọn một tập thể hoặc một đoàn viên.")
    if title.recipient == Recipient.COLLECTIVE and wanted.unit is None:
        return _("%(t)s là danh hiệu tập thể: hãy chọn tập thể.") % {"t": title}
    if title.recipient == Recipient.INDIVIDUAL and wanted.member is None:
        return _("%(t)s là danh hiệu cá nhân: hãy chọn đoàn viên.") % {"t": title}
    if wanted.unit is not None:
        unit_path = path_of_units([wanted.unit.pk], today()).get(wanted.unit.pk, "")
        if not unit_path.startswith(path):
            return _("%(u)s không thuộc %(r)s.") % {"u": wanted.unit, "r": registration.unit}
    elif not (wanted.member.unit_path or "").startswith(path):
        return _("%(p)s không phải đoàn viên của %(r)s.") % {
            "p": wanted.member.full_name,
            "r": registration.unit,
        }
    if wanted.key in taken:
        return _("%(n)s đã được đăng ký danh hiệu %(t)s.") % {"n": wanted.recipient_name, "t": title}
    return None


def _taken(registration: Registration) -> set:
    return {
        (e.title_id, "u", e.unit_id) if e.unit_id else (e.title_id, "p", e.member_id)
        for e in registration.entries.all()
    }


def _write(actor, registration: Registration, lines: list[Wanted]) -> list[RegistrationEntry]:
    created = RegistrationEntry.objects.bulk_create(
        RegistrationEntry(registration=registration, title=w.title, unit=w.unit, member=w.member)
        for w in lines
    )
    audit.record(
        actor=actor,
        action="registration.titles",
        obj=registration,
        unit_id=registration.unit_id,
        after={"titles": [f"{w.title.name}: {w.recipient_name}" for w in lines]},
    )
    return created


@transaction.atomic
def registration_titles_add(
    *,
    actor,
    registration: Registration,
    title: Title,
    units: list[Unit] = (),
    members: list[Person] = (),
) -> list[RegistrationEntry]:
    """Register ``title`` at once for ``units`` (collectives) and ``members`` (people): the bulk
    form. Errors name the field (``units`` or ``members``) and every recipient at fault."""
    _editable(actor, registration)
    path = path_of_units([registration.unit_id], today()).get(registration.unit_id, "")
    taken = _taken(registration)
    errors: dict[str, list[str]] = {}
    lines = []
    if not units and not members:
        raise ValidationError({"members": _("Hãy chọn ít nhất một tập thể hoặc một đoàn viên.")})
    for field, wanted in [("units", Wanted(title, unit=u)) for u in units] + [
        ("members", Wanted(title, member=p)) for p in members
    ]:
        problem = check_line(registration, wanted, path, taken)
        if problem:
            errors.setdefault(field, []).append(problem)
        else:
            taken.add(wanted.key)
            lines.append(wanted)
    if errors:
        raise ValidationError(errors)
    return _write(actor, registration, lines)


@transaction.atomic
def registration_title_remove(*, actor, registration: Registration, entry_id: int) -> None:
    _editable(actor, registration)
    entry = registration.entries.select_related("title", "unit", "member").filter(pk=entry_id).first()
    if entry is None:
        raise ValidationError({"entry": _("Danh hiệu đăng ký không có trong đăng ký này.")})
    audit.record(
        actor=actor,
        action="registration.titles",
        obj=registration,
        unit_id=registration.unit_id,
        before={"titles": [f"{entry.title.name}: {entry.unit or entry.member.full_name}"]},
    )
    entry.delete()


# -- from Excel ------------------------------------------------------------------------------------

TITLE = gettext_lazy("Danh hiệu")
CARD = gettext_lazy("Số thẻ đoàn viên")
UNIT_CODE = gettext_lazy("Mã đơn vị (tập thể)")


def import_columns(on: dt.date) -> list[Column]:
    titles = {t.name: t for t in titles_in_force(on)}
    return [
        Column("row", _("STT"), None, width=6),
        Column(
            "title",
            f"{TITLE}*",
            cells.choice(titles, _("'%(v)s' không phải là danh hiệu thi đua đang áp dụng.")),
            required=True,
            width=34,
            choices=tuple(titles),
        ),
        Column("full_name", _("Họ và tên"), cells.text(150), width=28),
        Column("card_number", str(CARD), cells.identifier(CARD, max_length=30), text=True, width=18),
        Column("unit_code", str(UNIT_CODE), cells.identifier(UNIT_CODE, max_length=32), text=True, width=18),
    ]


def _registration(actor, params: dict) -> Registration:
    """The registration of an import, in the actor's sight (404) and editable by them (403, or a
    ``ValidationError`` on its state)."""
    registration = selectors.registration_get(actor=actor, registration_id=params["registration"])
    _editable(actor, registration)
    return registration


def import_check(*, actor, path: Path | str, params: dict, progress=None) -> job_flows.Checked:
    """Check the titles listed in an Excel file for the registration ``params["registration"]``:
    one row a title for a person (by card number) or a collective (by unit code). Every error on
    its row and column; the lines to register as the plan. Writes nothing."""
    registration = _registration(actor, params)
    table = read_table(path, import_columns(titles_day(registration)), progress=progress)
    unit_path = path_of_units([registration.unit_id], today()).get(registration.unit_id, "")
    cards = {r.values["card_number"] for r in table.rows if "card_number" in r.values}
    codes = {r.values["unit_code"] for r in table.rows if "unit_code" in r.values}
    people = {
        p.card_number: p
        for p in Person.objects.filter(card_number__in=cards, unit_path__startswith=unit_path)
    }
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    taken = _taken(registration)
    lines = []
    for row in table.rows:
        if row.errors or "title" not in row.values:
            continue
        card, code = row.values.get("card_number"), row.values.get("unit_code")
        if bool(card) == bool(code):
            row.error("card_number", _("ghi số thẻ đoàn viên hoặc mã đơn vị (tập thể), một trong hai."))
            continue
        if card and card not in people:
            row.error(
                "card_number",
                _("không có đoàn viên số thẻ %(c)s trong %(u)s.") % {"c": card, "u": registration.unit},
            )
            continue
        if code and code not in units:
            row.error("unit_code", _("không có đơn vị mã %(c)s.") % {"c": code})
            continue
        wanted = Wanted(row.values["title"], unit=units.get(code), member=people.get(card))
        problem = check_line(registration, wanted, unit_path, taken)
        if problem:
            row.error("unit_code" if code else "card_number", problem)
            continue
        taken.add(wanted.key)
        lines.append((row, wanted))
    return job_flows.Checked(
        table=table,
        plan=[w for _r, w in lines],
        preview_headers=[_("Dòng"), str(TITLE), _("Người hoặc tập thể")],
        preview=[[row.number, w.title.name, w.recipient_name] for row, w in lines[: job_flows.PREVIEW_ROWS]],
    )


def import_write(*, actor, checked: job_flows.Checked, params: dict, progress=None) -> int:
    """Register the checked lines (one audit row for the registration): the number registered."""
    return len(_write(actor, _registration(actor, params), checked.plan))


def _import_allowed(actor, params: dict) -> bool:
    try:
        registration = selectors.registration_get(actor=actor, registration_id=params["registration"])
    except Http404:
        return False
    return policy.can(actor, MANAGE, registration.unit_id)


IMPORT = job_flows.import_kind(
    name="emulation.registration_titles.import",
    label=gettext_lazy("danh hiệu đăng ký"),
    check=import_check,
    write=import_write,
    allowed=_import_allowed,
    upload_url=lambda params: reverse("emulation:registration_titles_upload", args=[params["registration"]]),
    done_url=lambda params: reverse("emulation:registration", args=[params["registration"]]),
)
