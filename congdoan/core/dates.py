"""Dates as officers see them: the working day in Vietnam, dd/mm/yyyy on screen."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def today() -> dt.date:
    return timezone.localdate()


# What people type (dd/mm/yyyy, also d/m/yyyy) and what links and the API send (yyyy-mm-dd).
INPUT_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
INVALID = gettext_lazy("'%(value)s' không phải là ngày hợp lệ (dd/mm/yyyy).")
# No record of a union, a person or a document is dated before 1900: an earlier date is a typing slip
# (01/01/0001 is what a cleared date picker sends), refused wherever a date is read.
EARLIEST = dt.date(1900, 1, 1)
TOO_EARLY = gettext_lazy("Ngày %(value)s không hợp lệ: không ghi ngày trước 01/01/1900.")


def read_date(text: str) -> dt.date | None:
    """The date ``text`` writes in one of ``INPUT_FORMATS`` (surrounding spaces ignored), or None."""
    for fmt in INPUT_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def parse_date(value: str | None, *, field: str = "as_of", default: dt.date | None = None) -> dt.date | None:
    """Accept dd/mm/yyyy or yyyy-mm-dd; raise a ValidationError naming the field otherwise."""
    if value in (None, ""):
        return default
    day = read_date(value)
    if day is None:
        raise ValidationError({field: INVALID % {"value": value}})
    if day < EARLIEST:
        raise ValidationError({field: TOO_EARLY % {"value": display(day)}})
    return day


def display(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _horizon_rule():
    from .rules import register_rule

    return register_rule(
        "core.effective_horizon_days",
        366,
        gettext_lazy("Số ngày tối đa một thay đổi được ghi trước ngày có hiệu lực"),
        source="Quy ước của hệ thống: một thay đổi dự kiến không xa quá một năm.",
    )


HORIZON = _horizon_rule()


def check_effective(
    on: dt.date, *, field: str = "on", not_before: dt.date | None = None, not_before_reason: str = ""
) -> dt.date:
    """An effective date inside its sane window, or a ``ValidationError`` naming ``field``.

    The window: not before ``not_before`` (when the unit or person began; ``not_before_reason``
    says which, e.g. "ngày thành lập đơn vị"), never before 01/01/1900, and not further ahead of
    today than the horizon rule ``core.effective_horizon_days`` (366 days by default). Without it,
    a change dated 31/12/9999 would hold the record in its current state for ever.
    """
    floor = max(not_before or EARLIEST, EARLIEST)
    if on < floor:
        reason = f" ({not_before_reason})" if not_before_reason else ""
        raise ValidationError(
            {
                field: _("Ngày này không thể trước ngày %(d)s%(reason)s.")
                % {"d": display(floor), "reason": reason}
            }
        )
    now = today()
    days = int(HORIZON.on(now))
    if on > now + dt.timedelta(days=days):
        raise ValidationError(
            {
                field: _("Ngày này chỉ được ghi trước hôm nay tối đa %(n)s ngày (đến %(d)s).")
                % {"n": days, "d": display(now + dt.timedelta(days=days))}
            }
        )
    return on
