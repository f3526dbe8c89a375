"""/api/v1/emulation/movements/{id}: a movement with its criteria and participating units, and
their change by the launching level. Ids resolved through selectors (out of reach: 404)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Status

from congdoan.core.api import ERRORS
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import deadlines, movements, scoring, selectors
from .permissions import MANAGE, VIEW
from .schemas import DeadlineIn, ExtensionIn, ExtensionOut, MovementDetailOut, MovementEditIn


def terms_in(request, payload) -> dict:
    """The payload's criteria as ``(name, weight, mandatory)`` (an unreadable weight: 422 on
    ``criteria``) and its participating units resolved through the unit selector (404 out of reach)."""
    criteria = []
    for n, c in enumerate(payload.criteria, 1):
        weight = scoring.parse_points(c.weight) if c.weight not in (None, "") else None
        if c.weight not in (None, "") and weight is None:
            raise ValidationError(
                {
                    "criteria": _("Tiêu chí %(n)s: trọng số '%(v)s' không phải là số.")
                    % {"n": n, "v": c.weight}
                }
            )
        criteria.append((c.name, weight, c.mandatory))
    units = [unit_get(actor=request.auth, unit_id=i, perm=VIEW) for i in dict.fromkeys(payload.unit_ids)]
    return {"criteria": criteria, "units": units}


def movement_out(actor, movement_id: int):
    movement = selectors.movement_get(actor=actor, movement_id=movement_id)
    movement.criteria_rows = selectors.movement_criteria(movement)
    movement.participant_rows = selectors.movement_participants(movement)
    movement.deadline_rows = selectors.movement_deadlines(movement)
    return movement


def register(router, MovementId) -> None:
    @router.put(
        "/emulation/movements/{movement_id}",
        response={200: MovementDetailOut, **ERRORS},
        summary="Sửa phong trào (tiêu chí, đơn vị tham gia)",
    )
    @api_guard(MANAGE)
    def movement_update(request, movement_id: MovementId, payload: MovementEditIn):
        """Name, content, plan reference, criteria and participating units; the launching level only."""
        movement = selectors.movement_get(actor=request.auth, movement_id=movement_id)
        fields = payload.dict(include={"name", "plan_reference", "description"})
        movements.movement_update(
            actor=request.auth, movement=movement, **fields, **terms_in(request, payload)
        )
        return movement_out(request.auth, movement.pk)

    @router.post(
        "/emulation/movements/{movement_id}/deadlines",
        response={201: MovementDetailOut, **ERRORS},
        summary="Đặt hạn đăng ký của một năm",
    )
    @api_guard(MANAGE)
    def deadline_set(request, movement_id: MovementId, payload: DeadlineIn):
        """The deadline of a year of the movement, in force from today (the one before is kept);
        the launching level only (403); a day outside that year or the period: 422 on ``deadline``."""
        movement = selectors.movement_get(actor=request.auth, movement_id=movement_id)
        deadlines.deadline_set(actor=request.auth, movement=movement, **payload.dict())
        return Status(201, movement_out(request.auth, movement.pk))

    @router.post(
        "/emulation/movements/{movement_id}/extensions",
        response={201: ExtensionOut, **ERRORS},
        summary="Gia hạn đăng ký cho một đơn vị",
    )
    @api_guard(MANAGE)
    def extension_grant(request, movement_id: MovementId, payload: ExtensionIn):
        """A unit may register for a year until ``until`` (after that year's deadline), for a reason;
        granted by the launching level or the unit's directly-superior union (403 otherwise)."""
        movement = selectors.movement_get(actor=request.auth, movement_id=movement_id)
        unit = unit_get(actor=request.auth, unit_id=payload.unit_id, perm=VIEW)
        fields = payload.dict(exclude={"unit_id"})
        return Status(
            201, deadlines.extension_grant(actor=request.auth, movement=movement, unit=unit, **fields)
        )
