"""The review of initiatives (issue 13): đăng ký → đang xét → công nhận / không công nhận.

- Who: an officer with ``initiatives.review`` over the initiative's unit (``permissions.may_review``).
- The deciding level is a unit on the initiative's unit's path (itself or above) where the actor holds
  ``initiatives.review``, on the decision's day; the council's decision is a document that level
  issued, linked with role ``decision`` (``documents.links``).
- ``initiative_review`` takes one step through ``core.workflow``; ``initiatives_decide`` is one
  council decision over many initiatives (the same rule and states, written in bulk, one audit row
  per initiative, nothing written when one of them cannot take the step).
"""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import audit
from congdoan.core.dates import display, today
from congdoan.core.text import clean_text
from congdoan.core.workflow import Step, Workflow
from congdoan.documents import links
from congdoan.documents.models import Document
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import path_of_units, policy

from .models import Initiative
from .permissions import REVIEW, may_review
from .services import check_document

INITIATIVE_FLOW = Workflow(
    model=Initiative,
    steps=[
        Step("start_review", gettext_lazy("Đưa vào xét"), "initiative.start_review"),
        Step("recognise", gettext_lazy("Công nhận"), "initiative.recognise", style="success"),
        Step(
            "refuse", gettext_lazy("Không công nhận"), "initiative.refuse", needs_reason=True, style="danger"
        ),
    ],
    may=may_review,
    unit_of=lambda initiative: initiative.unit_id,
)
DECIDING_STEPS = ("recognise", "refuse")


# -- review ----------------------------------------------------------------------------------------


def _check_decision(
    actor, initiative_unit_ids: set[int], unit: Unit | None, on: dt.date | None, document, errors
):
    if unit is None:
        errors["unit"] = _("Cấp công nhận: hãy chọn đơn vị (hội đồng sáng kiến của cấp nào).")
        return
    if on is None:
        errors["on"] = _("Ngày quyết định: hãy nhập ngày.")
        return
    if on > today():
        errors["on"] = _("Ngày quyết định: %(d)s chưa tới.") % {"d": display(on)}
    if not policy.can(actor, REVIEW, unit):
        errors["unit"] = _("Cấp công nhận: bạn không có quyền xét sáng kiến tại %(unit)s.") % {"unit": unit}
        return
    paths = path_of_units([*initiative_unit_ids, unit.pk], on)
    top = paths.get(unit.pk, "")
    outside = [uid for uid in initiative_unit_ids if not (top and paths.get(uid, "").startswith(top))]
    if outside:
        errors["unit"] = _(
            "Cấp công nhận: %(unit)s không phải là đơn vị của sáng kiến hay cấp trên của đơn vị đó."
        ) % {"unit": unit}
    check_document(document, unit.pk, "document", _("Quyết định của hội đồng"), errors)


@transaction.atomic
def initiative_review(
    *,
    actor,
    initiative: Initiative,
    step: str,
    reason: str = "",
    unit: Unit | None = None,
    on: dt.date | None = None,
    document: Document | None = None,
) -> Initiative:
    """One step of the review (``INITIATIVE_FLOW``); a decision names the deciding level, its day and
    the council's decision (a document of that level, linked with role ``decision``)."""
    found = INITIATIVE_FLOW.step(step)
    kwargs = {}
    if found.name in DECIDING_STEPS:
        if not INITIATIVE_FLOW.may(actor, initiative, found):
            raise PermissionDenied
        on = on or today()
        errors: dict[str, str] = {}
        _check_decision(actor, {initiative.unit_id}, unit, on, document, errors)
        if on and on < initiative.registered_on:
            errors["on"] = _("Ngày quyết định: trước ngày đăng ký sáng kiến (%(d)s).") % {
                "d": display(initiative.registered_on)
            }
        if errors:
            raise ValidationError(errors)
        kwargs = {"unit": unit, "on": on}
    INITIATIVE_FLOW.run(actor=actor, obj=initiative, step=found, reason=reason, **kwargs)
    if document is not None and found.name in DECIDING_STEPS:
        links.link(document=document, obj=initiative, role="decision")
    return initiative


@transaction.atomic
def initiatives_decide(
    *,
    actor,
    initiative_ids: Sequence[int],
    step: str,
    unit: Unit | None = None,
    on: dt.date | None = None,
    document: Document | None = None,
    reason: str = "",
) -> int:
    """One council decision over many initiatives (the ones the caller resolved through its
    selector): the same step and rule as ``initiative_review`` for each, written in bulk, one audit
    row per initiative; nothing written when one of them cannot take the step. Returns how many."""
    found = INITIATIVE_FLOW.step(step)
    items = list(Initiative.objects.select_for_update().filter(pk__in=list(initiative_ids)))
    if len(items) != len(set(initiative_ids)):
        raise ValidationError({"initiatives": _("Có sáng kiến không tìm thấy.")})
    allowed = policy.reach(actor, REVIEW).covers_units({i.unit_id for i in items})  # may_review, once
    if any(i.unit_id not in allowed for i in items):
        raise PermissionDenied
    source = {
        "start_review": Initiative.State.REGISTERED,
        "recognise": Initiative.State.REVIEWING,
        "refuse": Initiative.State.REVIEWING,
    }[found.name]
    target = {
        "start_review": Initiative.State.REVIEWING,
        "recognise": Initiative.State.RECOGNISED,
        "refuse": Initiative.State.NOT_RECOGNISED,
    }[found.name]
    errors: dict[str, str] = {}
    wrong = [i for i in items if i.state != source]
    if wrong:
        errors["state"] = _(
            "Không thể “%(step)s” sáng kiến “%(title)s” khi đang ở trạng thái “%(state)s”."
        ) % {
            "step": found.label,
            "title": wrong[0].title,
            "state": wrong[0].get_state_display(),
        }
    reason = clean_text(reason or "")
    if found.needs_reason and not reason:
        errors["reason"] = _("Hãy ghi lý do.")
    changes = {"state": target, "state_reason": reason, "state_changed_at": timezone.now()}
    if found.name in DECIDING_STEPS:
        on = on or today()
        _check_decision(actor, {i.unit_id for i in items}, unit, on, document, errors)
        late = [i for i in items if on < i.registered_on]
        if late:
            errors["on"] = _("Ngày quyết định: trước ngày đăng ký của sáng kiến “%(title)s”.") % {
                "title": late[0].title
            }
        changes.update(decided_by=unit, decided_on=on)
    if errors:
        raise ValidationError(errors)
    changes["state_changed_by"] = actor if getattr(actor, "pk", None) else None
    Initiative.objects.filter(pk__in=[i.pk for i in items], state=source).update(**changes)
    audit.record_many(
        actor=actor,
        action=found.action,
        model=Initiative,
        changes=[
            audit.Change(
                object_id=i.pk,
                object_repr=i.title,
                unit_id=i.unit_id,
                before={"state": i.state, "state_reason": i.state_reason},
                after={"state": target, "state_reason": reason},
            )
            for i in items
        ],
    )
    if document is not None and found.name in DECIDING_STEPS:
        _link_decision(document, items)
    return len(items)


def _link_decision(document: Document, items: list[Initiative]) -> None:
    """The decision linked to every initiative it decides, in one insert (``links.link_many``)."""
    links.link_many(document=document, objects=items, role="decision")
