"""Writes of the emulation module: one transaction each, the policy asked first, field errors
collected and raised once (in Vietnamese, naming the field), one audit row.

Movements and registrations (issue 11 §1–2): a unit launches a movement for a period; a unit of its
subtree registers its targets (nháp → đã gửi → đã duyệt / trả lại with a reason, by the level
directly above the registering unit, ``permissions.may_take_step``). After the movement's
registration deadline only an officer of the launching level may still add or send a registration.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import audit
from congdoan.core.dates import check_effective, display, today
from congdoan.core.text import clean_line, clean_text
from congdoan.core.workflow import Step, Workflow
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import path_of_units, policy

from .models import Movement, Registration
from .permissions import MANAGE, may_take_step

MOVEMENT_FIELDS = (
    "unit",
    "kind",
    "name",
    "starts_on",
    "ends_on",
    "deadline",
    "description",
    "plan_reference",
)
REGISTRATION_FIELDS = ("movement", "unit", "targets")

REGISTRATION_FLOW = Workflow(
    model=Registration,
    steps=[
        Step("submit", gettext_lazy("Gửi đăng ký"), "registration.submit"),
        Step("accept", gettext_lazy("Duyệt"), "registration.accept", style="success"),
        Step("send_back", gettext_lazy("Trả lại"), "registration.return", needs_reason=True, style="danger"),
    ],
    may=may_take_step,
    unit_of=lambda registration: registration.unit_id,
)


def _in_force(unit: Unit, on: dt.date, field: str, errors: dict) -> None:
    if unit.version_on(on) is None:
        errors.setdefault(field, _("Đơn vị không có hiệu lực vào ngày %(d)s.") % {"d": display(on)})


# -- movements -------------------------------------------------------------------------------------


@transaction.atomic
def movement_create(
    *,
    actor,
    unit: Unit,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    kind: str = Movement.Kind.MOVEMENT,
    deadline: dt.date | None = None,
    description: str = "",
    plan_reference: str = "",
) -> Movement:
    """Phát động: ``unit`` launches a movement (or a campaign) for ``[starts_on, ends_on]``."""
    policy.require(actor, MANAGE, unit)
    check_effective(starts_on, field="starts_on")
    errors: dict[str, str] = {}
    name = clean_line(name or "")
    if not name:
        errors["name"] = _("Tên phong trào: hãy nhập tên.")
    if kind not in Movement.Kind.values:
        errors["kind"] = _("Loại: '%(v)s' không phải là phong trào hay cuộc vận động.") % {"v": kind}
    if ends_on < starts_on:
        errors["ends_on"] = _("Đến ngày: %(end)s trước ngày bắt đầu %(start)s.") % {
            "end": display(ends_on),
            "start": display(starts_on),
        }
    if deadline is not None and not (starts_on <= deadline <= ends_on):
        errors["deadline"] = _("Hạn đăng ký: %(d)s nằm ngoài thời gian của phong trào.") % {
            "d": display(deadline)
        }
    _in_force(unit, starts_on, "unit", errors)
    if errors:
        raise ValidationError(errors)
    movement = Movement.objects.create(
        unit=unit,
        kind=kind,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        deadline=deadline,
        description=clean_text(description or ""),
        plan_reference=clean_line(plan_reference or ""),
    )
    audit.record_created(
        actor=actor, action="movement.create", obj=movement, unit_id=unit.pk, fields=MOVEMENT_FIELDS
    )
    return movement


# -- registrations ---------------------------------------------------------------------------------


def _past_deadline(actor, movement: Movement) -> str | None:
    """The error when the deadline has passed and the actor is not of the launching level."""
    if movement.deadline is None or today() <= movement.deadline:
        return None
    if policy.can(actor, MANAGE, movement.unit_id):
        return None  # the launching level may still accept a late registration
    return _("Đã quá hạn đăng ký (%(d)s); đăng ký muộn cần đơn vị phát động (%(unit)s) thực hiện.") % {
        "d": display(movement.deadline),
        "unit": movement.unit,
    }


@transaction.atomic
def registration_create(*, actor, movement: Movement, unit: Unit, targets: str) -> Registration:
    """Đăng ký thi đua: a draft registration of ``unit`` (strictly below the launching unit)."""
    policy.require(actor, MANAGE, unit)
    errors: dict[str, str] = {}
    on = today()
    paths = path_of_units([unit.pk, movement.unit_id], on)
    own, launcher = paths.get(unit.pk, ""), paths.get(movement.unit_id, "")
    if not launcher or not own.startswith(launcher) or own == launcher:
        errors["unit"] = _(
            "Đơn vị đăng ký: %(unit)s không thuộc %(launcher)s, đơn vị phát động phong trào."
        ) % {
            "unit": unit,
            "launcher": movement.unit,
        }
    elif Registration.objects.filter(movement=movement, unit=unit).exists():
        errors["unit"] = _("Đơn vị đăng ký: %(unit)s đã đăng ký phong trào này.") % {"unit": unit}
    targets = clean_text(targets or "")
    if not targets:
        errors["targets"] = _("Chỉ tiêu, danh hiệu đăng ký: hãy ghi nội dung đăng ký.")
    late = _past_deadline(actor, movement)
    if late:
        errors["movement"] = late
    if errors:
        raise ValidationError(errors)
    registration = Registration.objects.create(movement=movement, unit=unit, targets=targets)
    audit.record_created(
        actor=actor,
        action="registration.create",
        obj=registration,
        unit_id=unit.pk,
        fields=REGISTRATION_FIELDS,
    )
    return registration


@transaction.atomic
def registration_update(*, actor, registration: Registration, targets: str) -> Registration:
    """Change the targets of a draft or returned registration."""
    policy.require(actor, MANAGE, registration.unit_id)
    if registration.state not in (Registration.State.DRAFT, Registration.State.RETURNED):
        raise ValidationError({"state": _("Chỉ sửa được đăng ký ở trạng thái nháp hoặc bị trả lại.")})
    targets = clean_text(targets or "")
    if not targets:
        raise ValidationError({"targets": _("Chỉ tiêu, danh hiệu đăng ký: hãy ghi nội dung đăng ký.")})
    audit.record_change(
        actor=actor,
        action="registration.update",
        obj=registration,
        unit_id=registration.unit_id,
        changes={"targets": targets},
    )
    return registration


@transaction.atomic
def registration_step(*, actor, registration: Registration, step: str, reason: str = "") -> Registration:
    """Send (the unit), accept or return (the level above, with a reason). A first sending after
    the deadline needs the launching level."""
    chosen = REGISTRATION_FLOW.step(step)
    if chosen.name == "submit" and registration.state == Registration.State.DRAFT:
        late = _past_deadline(actor, registration.movement)
        if late and REGISTRATION_FLOW.may(actor, registration, chosen):
            raise ValidationError({"movement": late})
    return REGISTRATION_FLOW.run(actor=actor, obj=registration, step=chosen, reason=reason)
