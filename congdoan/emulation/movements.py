"""Editing a launched movement (issue 11 §1): its name, content, plan reference, criteria and
participating units, by the launching level (``emulation.manage`` on it); one audit row with the
values before and after. Its period and launching unit stay as launched (registrations hang on them).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import today
from congdoan.core.text import clean_line, clean_text
from congdoan.organizations.permissions import policy

from . import terms
from .models import Movement
from .permissions import MANAGE
from .services import named

EDITED = ("name", "description", "plan_reference")


def require_launcher(actor, movement: Movement) -> None:
    """The movement (seen through its selector: it reaches the actor's units from above) is
    changed by its launching level only: 403 for the others, who see it."""
    if not policy.can(actor, MANAGE, movement.unit_id):
        raise PermissionDenied


def movement_terms(movement: Movement) -> tuple[list, list]:
    """The movement's criteria as ``(name, weight, mandatory)`` and its participating units."""
    criteria = [(c.name, c.weight, c.mandatory) for c in movement.criteria.all()]
    units = [p.unit for p in movement.participants.select_related("unit")]
    return criteria, units


@transaction.atomic
def movement_update(
    *,
    actor,
    movement: Movement,
    name: str,
    description: str = "",
    plan_reference: str = "",
    criteria=(),
    units=(),
) -> Movement:
    """Change what the movement sets out; the caller resolved ``movement`` and ``units`` through
    the selectors."""
    require_launcher(actor, movement)
    errors: dict[str, str] = {}
    name = named(name, _("Tên phong trào"), errors)
    criteria = terms.check_criteria(criteria, errors)
    units = terms.check_participants(movement.unit, units, max(movement.starts_on, today()), errors)
    if errors:
        raise ValidationError(errors)
    before = {**audit.snapshot(movement, EDITED), **terms.terms_snapshot(*movement_terms(movement))}
    movement.name = name
    movement.description = clean_text(description or "")
    movement.plan_reference = clean_line(plan_reference or "")
    movement.save(update_fields=list(EDITED))
    terms.write_terms(movement, criteria, units)
    audit.record(
        actor=actor,
        action="movement.update",
        obj=movement,
        unit_id=movement.unit_id,
        before=before,
        after={**audit.snapshot(movement, EDITED), **terms.terms_snapshot(criteria, units)},
    )
    return movement
