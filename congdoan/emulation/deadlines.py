"""Registration deadlines per movement and year, and the extensions past them (issue 11 §2: "a
deadline per movement and year, after which registration needs the superior's permission").

- A registration is for a ``year`` of its movement's period (``registration_year``: this year,
  kept within the period, when none is given).
- The deadline of a year is the ``RegistrationDeadline`` row in force on the day asked
  (``deadline_for``); the launching level sets it (``deadline_set``: the row in force is closed, a
  new one opens, both kept). The deadline given at launch is the first one (``launch_deadline``).
- After the deadline a unit registers (or sends its draft) only under an extension covering that
  day: ``extension_grant`` by the launching level or the level directly above the unit
  (``permissions.may_extend``), with the date it runs to and the reason, audited on the movement.
- A late registration is refused naming the year and the deadline (``late_error``).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import display, today
from congdoan.core.text import clean_line, clean_text
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import path_of_units, policy

from . import terms
from .deadline_models import DeadlineExtension, RegistrationDeadline
from .permissions import MANAGE, may_extend


def registration_year(movement, year: int | None = None) -> int:
    """``year``, or this year kept within the movement's period."""
    if year:
        return year
    return min(max(today().year, movement.starts_on.year), movement.ends_on.year)


def check_year(movement, year: int, errors: dict, field: str = "year") -> None:
    """A year of the movement's period, else an error on ``field``."""
    first, last = movement.starts_on.year, movement.ends_on.year
    if not first <= year <= last:
        errors[field] = _("Năm đăng ký: %(y)s nằm ngoài thời gian của phong trào (%(a)s–%(b)s).") % {
            "y": year,
            "a": first,
            "b": last,
        }


def deadline_for(movement, year: int, on: dt.date | None = None) -> RegistrationDeadline | None:
    """The deadline of ``year`` in force on ``on`` (today by default), or None (no deadline)."""
    return (
        RegistrationDeadline.objects.active(on or today())
        .filter(movement=movement, year=year)
        .order_by("-valid_from")
        .first()
    )


def extended_until(movement, unit_id: int, year: int) -> dt.date | None:
    """The last day the extensions granted to the unit for ``year`` reach, or None."""
    return (
        DeadlineExtension.objects.filter(movement=movement, unit_id=unit_id, year=year)
        .order_by("-until")
        .values_list("until", flat=True)
        .first()
    )


def late_error(movement, unit_id: int, year: int, on: dt.date | None = None) -> str | None:
    """The error of a registration of ``year`` made on ``on`` after that year's deadline and not
    covered by an extension to the unit; None when it is in time."""
    on = on or today()
    row = deadline_for(movement, year, on)
    if row is None or on <= row.deadline:
        return None
    until = extended_until(movement, unit_id, year)
    if until is not None and on <= until:
        return None
    return _(
        "Năm đăng ký %(y)s: đã quá hạn đăng ký %(d)s; đăng ký muộn cần đơn vị phát động hoặc công đoàn "
        "cấp trên gia hạn."
    ) % {"y": year, "d": display(row.deadline)}


def unit_error(movement, unit: Unit, on: dt.date) -> str | None:
    """Why ``unit`` may not register for the movement: not strictly below the launching unit, or not
    among the participants when the movement names them. None when it may."""
    paths = path_of_units([unit.pk, movement.unit_id], on)
    own, launcher = paths.get(unit.pk, ""), paths.get(movement.unit_id, "")
    if not launcher or not own.startswith(launcher) or own == launcher:
        return _("Đơn vị đăng ký: %(unit)s không thuộc %(launcher)s, đơn vị phát động phong trào.") % {
            "unit": unit,
            "launcher": movement.unit,
        }
    if not terms.may_register(movement, unit.pk, on):
        return _("Đơn vị đăng ký: %(unit)s không có trong các đơn vị tham gia phong trào.") % {"unit": unit}
    return None


def launch_deadline(movement) -> None:
    """The deadline given at launch as the deadline of its year, in force from the movement's start."""
    if movement.deadline is not None:
        RegistrationDeadline.objects.create(
            movement=movement,
            year=movement.deadline.year,
            deadline=movement.deadline,
            valid_from=min(movement.starts_on, today()),
            note=movement.plan_reference,
        )


@transaction.atomic
def deadline_set(*, actor, movement, year: int, deadline: dt.date, note: str = "") -> RegistrationDeadline:
    """Đặt hạn đăng ký: the deadline of ``year`` (a day of that year, within the movement's period),
    by the launching level, in force from today; the row in force before is closed (kept). Audited
    on the movement as ``registration.deadline_set`` with the deadline before and after."""
    if not policy.can(actor, MANAGE, movement.unit_id):
        raise PermissionDenied
    errors: dict[str, str] = {}
    check_year(movement, year, errors)
    if "year" not in errors and not (movement.starts_on <= deadline <= movement.ends_on):
        errors["deadline"] = _("Hạn đăng ký: %(d)s nằm ngoài thời gian của phong trào.") % {
            "d": display(deadline)
        }
    elif "year" not in errors and deadline.year != year:
        errors["deadline"] = _("Hạn đăng ký: %(d)s không thuộc năm %(y)s.") % {
            "d": display(deadline),
            "y": year,
        }
    if errors:
        raise ValidationError(errors)
    on = today()
    current = deadline_for(movement, year, on)
    note = clean_line(note or "")
    if current is not None and current.valid_from >= on:
        # set again the same day: that day's row is corrected (the audit keeps the value before)
        current.deadline, current.note = deadline, note
        current.save(update_fields=["deadline", "note"])
        row = current
    else:
        if current is not None:
            current.valid_to = on
            current.save(update_fields=["valid_to"])
        row = RegistrationDeadline.objects.create(
            movement=movement, year=year, deadline=deadline, note=note, valid_from=on
        )
    audit.record(
        actor=actor,
        action="registration.deadline_set",
        obj=movement,
        unit_id=movement.unit_id,
        before={"year": year, "deadline": current.deadline.isoformat()} if current is not None else {},
        after={"year": year, "deadline": deadline.isoformat(), "deadline_note": note},
    )
    return row


@transaction.atomic
def extension_grant(
    *, actor, movement, unit: Unit, year: int, until: dt.date, reason: str
) -> DeadlineExtension:
    """Gia hạn đăng ký: ``unit`` may register for ``year`` until ``until`` (included), a day after
    that year's deadline and within the movement's period, because of ``reason`` (required). Granted
    by the launching level or the level directly above the unit (``permissions.may_extend``: 403
    otherwise). Audited on the movement as ``registration.extend``."""
    if not may_extend(actor, movement, unit.pk):
        raise PermissionDenied
    errors: dict[str, str] = {}
    on = today()
    problem = unit_error(movement, unit, on)
    if problem:
        errors["unit"] = problem
    check_year(movement, year, errors)
    row = deadline_for(movement, year, on) if "year" not in errors else None
    if "year" not in errors and row is None:
        errors["year"] = _(
            "Năm đăng ký %(y)s: phong trào không có hạn đăng ký năm này, không cần gia hạn."
        ) % {"y": year}
    if row is not None and until <= row.deadline:
        errors["until"] = _("Gia hạn đến ngày: %(u)s phải sau hạn đăng ký %(d)s của năm %(y)s.") % {
            "u": display(until),
            "d": display(row.deadline),
            "y": year,
        }
    elif until > movement.ends_on:
        errors["until"] = _("Gia hạn đến ngày: %(u)s sau ngày kết thúc phong trào %(e)s.") % {
            "u": display(until),
            "e": display(movement.ends_on),
        }
    reason = clean_text(reason or "")
    if not reason:
        errors["reason"] = _("Lý do gia hạn: hãy ghi lý do cho đăng ký muộn.")
    if errors:
        raise ValidationError(errors)
    extension = DeadlineExtension.objects.create(
        movement=movement, year=year, unit=unit, until=until, reason=reason, granted_by=actor
    )
    audit.record(
        actor=actor,
        action="registration.extend",
        obj=movement,
        unit_id=movement.unit_id,
        after={
            "year": year,
            "extension_unit": unit.pk,
            "until": until.isoformat(),
            "reason": reason,
            "deadline": row.deadline.isoformat(),
        },
    )
    return extension
