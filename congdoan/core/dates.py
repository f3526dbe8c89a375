"""Dates as officers see them: the working day in Vietnam, dd/mm/yyyy on screen."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def today() -> dt.date:
    return timezone.localdate()


def parse_date(value: str | None, *, field: str = "as_of", default: dt.date | None = None) -> dt.date | None:
    """Accept dd/mm/yyyy or yyyy-mm-dd; raise a ValidationError naming the field otherwise."""
    if value in (None, ""):
        return default
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValidationError(
        {field: _("'%(value)s' không phải là ngày hợp lệ (dd/mm/yyyy).") % {"value": value}}
    )


def display(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
