"""The workforce (CBCCVCLĐ) of a unit on a date: what the membership rate divides by."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import display, today
from congdoan.core.text import clean_line
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from .models import WorkforceCount
from .permissions import MANAGE

AUDITED = ["unit", "on", "total", "women", "note"]


@transaction.atomic
def workforce_record(
    *, actor, unit: Unit, on: dt.date, total: int, women: int = 0, note: str = ""
) -> WorkforceCount:
    """Record (or correct) the unit's workforce on ``on``: one figure per unit and date."""
    policy.require_dated(actor, MANAGE, unit, on)
    errors: dict[str, str] = {}
    if on > today():
        errors["on"] = _("Ngày không thể sau hôm nay.")
    elif not unit.exists_on(on):
        errors["on"] = _("Đơn vị không có hiệu lực vào ngày %(d)s.") % {"d": display(on)}
    if total is None or total < 0:
        errors["total"] = _("Tổng số CBCCVCLĐ phải là số không âm.")
    if women is None or women < 0:
        errors["women"] = _("Số nữ phải là số không âm.")
    elif total is not None and women > total:
        errors["women"] = _("Số nữ không thể lớn hơn tổng số CBCCVCLĐ.")
    if errors:
        raise ValidationError(errors)
    count = WorkforceCount.objects.select_for_update().filter(unit=unit, on=on).first()
    before = audit.snapshot(count, AUDITED) if count else {}
    count = count or WorkforceCount(unit=unit, on=on)
    count.total, count.women, count.note = total, women, clean_line(note or "")
    count.save()
    audit.record(
        actor=actor,
        action="workforce.record",
        obj=count,
        unit_id=unit.pk,
        before=before,
        after=audit.snapshot(count, AUDITED),
    )
    return count
