"""Records the checks read: disciplinary decisions, task ratings, union work before the register
(issue 12 §3). One transaction each, the policy asked first, one audit row.

History is kept: a disciplinary record is never deleted, it ends (``discipline_end``: the day merit
counts again); a year's rating given again replaces the grade on the one row the checks read, and
the audit row keeps the grade before and after (who changed it, when)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import display, today
from congdoan.core.text import clean_line
from congdoan.members.models import Person
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from .models import Discipline, EarlierService, TaskRating
from .permissions import MANAGE


@transaction.atomic
def discipline_record(
    *,
    actor,
    owner: Unit,
    level: str,
    starts_on: dt.date,
    person: Person | None = None,
    unit: Unit | None = None,
    ends_on: dt.date | None = None,
    reference: str = "",
    note: str = "",
) -> Discipline:
    """A disciplinary decision or an investigation against a member of ``owner``'s subtree (or a unit of it)."""
    policy.require(actor, MANAGE, owner)
    errors: dict = {}
    if (person is None) == (unit is None):
        errors["person"] = _("Hãy chọn một cá nhân hoặc một tập thể.")
    if level not in Discipline.Level.values:
        errors["level"] = _("Hình thức kỷ luật không hợp lệ.")
    if ends_on is not None and ends_on <= starts_on:
        errors["ends_on"] = _("Đến ngày phải sau ngày bắt đầu.")
    if unit is not None and not policy.can(actor, MANAGE, unit):
        errors["unit"] = _("Tập thể không thuộc phạm vi của bạn.")
    if person is not None and not (person.unit_id and policy.can(actor, MANAGE, person.unit_id)):
        errors["person"] = _("%(name)s không thuộc phạm vi của bạn.") % {"name": person}
    if errors:
        raise ValidationError(errors)
    record = Discipline.objects.create(
        owner=owner,
        person=person,
        unit=unit,
        level=level,
        starts_on=starts_on,
        ends_on=ends_on,
        reference=clean_line(reference or ""),
        note=clean_line(note or ""),
    )
    audit.record_created(
        actor=actor,
        action="discipline.record",
        obj=record,
        unit_id=owner.pk,
        fields=["person", "unit", "level", "starts_on", "ends_on", "reference"],
    )
    return record


@transaction.atomic
def earlier_service_record(
    *,
    actor,
    owner: Unit,
    person: Person,
    starts_on: dt.date,
    ends_on: dt.date,
    position: str,
    organisation: str,
) -> EarlierService:
    """Union work of a member of ``owner``'s reach before the register holds it (from their file)."""
    policy.require(actor, MANAGE, owner)
    errors: dict = {}
    position, organisation = clean_line(position or ""), clean_line(organisation or "")
    if not (person.unit_id and policy.can(actor, MANAGE, person.unit_id)):
        errors["person"] = _("%(name)s không thuộc phạm vi của bạn.") % {"name": person}
    if ends_on <= starts_on:
        errors["ends_on"] = _("Đến ngày phải sau ngày bắt đầu.")
    if ends_on > today():
        errors["ends_on"] = _("Đến ngày không thể sau hôm nay.")
    if not position:
        errors["position"] = _("Chức vụ công đoàn: hãy nhập.")
    if not organisation:
        errors["organisation"] = _("Tổ chức công đoàn: hãy nhập.")
    if errors:
        raise ValidationError(errors)
    row = EarlierService.objects.create(
        person=person,
        owner=owner,
        starts_on=starts_on,
        ends_on=ends_on,
        position=position,
        organisation=organisation,
    )
    audit.record_created(
        actor=actor,
        action="service.record",
        obj=row,
        unit_id=owner.pk,
        fields=["person", "starts_on", "ends_on", "position", "organisation"],
    )
    return row


@transaction.atomic
def discipline_end(*, actor, record: Discipline, ends_on: dt.date | None) -> Discipline:
    """End a sanction or an investigation on ``ends_on`` (exclusive: merit counts again from that
    day, Law 06/2022/QH15, Art. 14). A record ends once; the row stays on the person's record."""
    policy.require(actor, MANAGE, record.owner_id)
    record = Discipline.objects.select_for_update().get(pk=record.pk)
    errors: dict = {}
    if record.ends_on is not None:
        errors["ends_on"] = _("Kỷ luật này đã kết thúc từ ngày %(d)s.") % {"d": display(record.ends_on)}
    elif ends_on is None:
        errors["ends_on"] = _("Đến ngày: hãy nhập ngày theo dạng dd/mm/yyyy.")
    elif ends_on <= record.starts_on:
        errors["ends_on"] = _("Đến ngày phải sau ngày bắt đầu (%(d)s).") % {"d": display(record.starts_on)}
    if errors:
        raise ValidationError(errors)
    audit.record_change(
        actor=actor,
        action="discipline.end",
        obj=record,
        unit_id=record.owner_id,
        changes={"ends_on": ends_on},
    )
    return record


@transaction.atomic
def rating_record(*, actor, unit: Unit, person: Person, year: int, grade: str) -> TaskRating:
    """A person's yearly rating (xếp loại hoàn thành nhiệm vụ), recorded by their unit; a second
    rating for the year replaces the grade, the audit row keeping the one before."""
    policy.require(actor, MANAGE, unit)
    errors: dict = {}
    if grade not in TaskRating.Grade.values:
        errors["grade"] = _("Xếp loại không hợp lệ.")
    if not (1900 <= int(year) <= today().year):
        errors["year"] = _("Năm phải từ 1900 đến năm nay (%(y)s).") % {"y": today().year}
    if not (person.unit_id and policy.can(actor, MANAGE, person.unit_id)):
        errors["person"] = _("%(name)s không thuộc phạm vi của bạn.") % {"name": person}
    if errors:
        raise ValidationError(errors)
    rating = TaskRating.objects.select_for_update().filter(person=person, year=year).first()
    if rating is not None:
        audit.record_change(
            actor=actor,
            action="rating.record",
            obj=rating,
            unit_id=unit.pk,
            changes={"unit": unit, "grade": grade},
        )
        return rating
    rating = TaskRating.objects.create(person=person, year=year, unit=unit, grade=grade)
    audit.record_created(
        actor=actor, action="rating.record", obj=rating, unit_id=unit.pk, fields=["person", "year", "grade"]
    )
    return rating


def disciplines_in_year(unit_ids: list[int], year: int) -> dict[int, str]:
    """The emulation module's discipline source (``emulation.hooks``): for each of ``unit_ids``, the
    disciplines (a reprimand or above; an investigation alone is not one) in force at some time in
    ``year`` against the unit itself or one of its members at the year's end, described as
    "level — who (decision)" (at most three named). Four queries whatever the number of units."""
    from .eligibility import people_of_units

    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    members = people_of_units(unit_ids, dt.date(year, 12, 31))
    units_of: dict[int, list[int]] = {}
    for unit_id, people in members.items():
        for person_id in people:
            units_of.setdefault(person_id, []).append(unit_id)
    rows = (
        Discipline.objects.filter(Q(unit_id__in=list(unit_ids)) | Q(person_id__in=list(units_of)))
        .exclude(level=Discipline.Level.INVESTIGATION)
        .filter(starts_on__lt=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=start))
        .select_related("person", "unit")
        .order_by("starts_on", "id")
    )
    found: dict[int, list[str]] = {}
    for d in rows:
        text = f"{d.get_level_display()} — {d.person or d.unit}" + (
            f" ({d.reference})" if d.reference else ""
        )
        for unit_id in {d.unit_id} if d.unit_id in unit_ids else set(units_of.get(d.person_id, ())):
            found.setdefault(unit_id, []).append(text)
    return {u: "; ".join(texts[:3]) + ("…" if len(texts) > 3 else "") for u, texts in found.items()}
