"""A movement's criteria and participating units (issue 11 §1), checked and written for the
services that launch and edit a movement (``services.movement_create``, ``movements.movement_update``).

- A criterion has a name and a weight above zero, or is marked mandatory (bắt buộc), or both.
- A participating unit is strictly below the launching unit (on the day of the launch); once a
  movement names participants, only they and the units below them register (``may_register``).
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.text import clean_line
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import path_of_units

from .movement_models import MovementCriterion, MovementUnit

MANDATORY_WORDS = ("bắt buộc", "bat buoc", "mandatory")
CRITERIA_HELP = gettext_lazy(
    "Mỗi dòng một tiêu chí: 'tiêu chí | trọng số', 'tiêu chí | bắt buộc' hoặc 'tiêu chí | trọng số | bắt buộc'."
)


def criteria_from_text(text: str) -> tuple[list[tuple[str, Decimal | None, bool]], str]:
    """The lines of the form's criteria box as ``(name, weight, mandatory)``; with the first bad
    line's error (naming its number), else an empty string."""
    from .scoring import parse_points  # scoring reads the services, which read this module

    rows = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        name, rest = parts[0], [p for p in parts[1:] if p]
        mandatory = any(p.lower() in MANDATORY_WORDS for p in rest)
        numbers = [p for p in rest if p.lower() not in MANDATORY_WORDS]
        weight = parse_points(numbers[0]) if len(numbers) == 1 else None
        if not name or len(numbers) > 1 or (numbers and weight is None) or (not numbers and not mandatory):
            return rows, _(
                "Tiêu chí, dòng %(n)s: cần dạng 'tiêu chí | trọng số' hoặc 'tiêu chí | bắt buộc' "
                "(trọng số là số, ví dụ 20 hoặc 2,5)."
            ) % {"n": number}
        rows.append((name, weight, mandatory))
    return rows, ""


def criteria_text(movement) -> str:
    """The movement's criteria written back as the form's lines."""
    from .scoring import points_text

    lines = []
    for c in movement.criteria.all():
        parts = [c.name]
        if c.weight is not None:
            parts.append(points_text(c.weight))
        if c.mandatory:
            parts.append(str(MANDATORY_WORDS[0]))
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def check_criteria(criteria, errors: dict) -> list[tuple[str, Decimal | None, bool]]:
    """``criteria``: ``(name, weight, mandatory)`` rows, cleaned; errors on ``criteria``."""
    rows = []
    for n, (name, weight, mandatory) in enumerate(criteria or (), 1):
        name = clean_line(name or "")
        if not name:
            errors["criteria"] = _("Tiêu chí %(n)s: hãy nhập tên tiêu chí.") % {"n": n}
        elif weight is not None and (weight <= 0 or weight >= 10**5):
            errors["criteria"] = _("Tiêu chí %(n)s (%(name)s): trọng số phải lớn hơn 0.") % {
                "n": n,
                "name": name,
            }
        elif weight is None and not mandatory:
            errors["criteria"] = _("Tiêu chí %(n)s (%(name)s): hãy ghi trọng số hoặc đánh dấu bắt buộc.") % {
                "n": n,
                "name": name,
            }
        elif name.casefold() in {r[0].casefold() for r in rows}:
            errors["criteria"] = _("Tiêu chí %(n)s (%(name)s): tiêu chí đã có trong danh sách.") % {
                "n": n,
                "name": name,
            }
        rows.append((name, weight, bool(mandatory)))
    return rows


def check_participants(launcher: Unit, units, on: dt.date, errors: dict) -> list[Unit]:
    """Participating units (resolved by the caller through its selector), each strictly below the
    launching unit on ``on``; errors on ``units``."""
    units = list({u.pk: u for u in units or ()}.values())
    paths = path_of_units([launcher.pk, *[u.pk for u in units]], on)
    top = paths.get(launcher.pk, "")
    for unit in units:
        own = paths.get(unit.pk, "")
        if not top or not own.startswith(top) or own == top:
            errors["units"] = _("Đơn vị tham gia: %(unit)s không thuộc %(launcher)s, đơn vị phát động.") % {
                "unit": unit,
                "launcher": launcher,
            }
    return units


def write_terms(movement, criteria, units) -> None:
    """Replace the movement's criteria and participants (checked before)."""
    movement.criteria.all().delete()
    MovementCriterion.objects.bulk_create(
        MovementCriterion(movement=movement, name=n, weight=w, mandatory=m, order=i)
        for i, (n, w, m) in enumerate(criteria, 1)
    )
    keep = {u.pk for u in units}
    movement.participants.exclude(unit_id__in=keep).delete()
    have = set(movement.participants.values_list("unit_id", flat=True))
    MovementUnit.objects.bulk_create(MovementUnit(movement=movement, unit_id=u) for u in keep - have)


def terms_snapshot(criteria, units) -> dict:
    """The terms as audit values."""
    from .scoring import points_text

    return {
        "criteria": [
            " | ".join([n, *([points_text(w)] if w is not None else []), *(["bắt buộc"] if m else [])])
            for n, w, m in criteria
        ],
        "participants": sorted(str(u) for u in units),
    }


def may_register(movement, unit_id: int, on: dt.date) -> bool:
    """A movement naming participants is open to them and the units below them only."""
    ids = list(movement.participants.values_list("unit_id", flat=True))
    if not ids:
        return True
    paths = path_of_units([unit_id, *ids], on)
    own = paths.get(unit_id, "")
    return any(own.startswith(paths[i]) for i in ids if paths.get(i))
