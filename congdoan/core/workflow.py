"""Review workflows shared by the modules: a registration sent up and approved or returned, a
nomination reviewed, an initiative recognised, a news article published.

The states and transitions live on the module's model, declared with django-fsm-2 (a well-kept
state-machine library, not our own): a ``FSMField(protected=True)`` whose value only a transition
changes, and ``@transition(field=state, source=…, target=…)`` methods. The model mixes in
``Reviewed``, which adds who moved it last, when and why, and guards against two officers acting
at once: the UPDATE carries the state that was read (django-fsm-2's ``ConcurrentTransitionMixin``),
so of two decisions on the same object one is saved and the other is told, never both.

A module describes each transition once as a ``Step`` (its button label, the audit action it
records, whether a reason is required) and puts them in a ``Workflow`` with its object rule
``may(actor, obj, step) -> bool`` from its ``permissions.py``. Then:

- services call ``workflow.run(actor=…, obj=…, step=…, reason=…)``: the rule (403), the state
  (a transition not allowed from the current state names the state), the reason, the transition,
  the save and one audit row, in the caller's transaction;
- pages show ``workflow.available(actor, obj)`` (only the steps the actor may take now) through
  ``core/partials/workflow_actions.html``.

Scope (404) stays the selector's job: ``run`` is given an object the actor can already see.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, ConcurrentTransitionMixin, FSMField, can_proceed

from . import audit, fields

__all__ = ["FSMField", "Reviewed", "Step", "Workflow"]

REASON_MAX = 2000


class Reviewed(ConcurrentTransitionMixin, models.Model):
    """What every reviewed record carries besides its own ``state`` field (an ``FSMField`` with
    ``protected=True`` declared by the model): the last step's time, actor and reason (the reason
    for a return or a refusal, shown to the unit that has to act on it)."""

    state_changed_at = models.DateTimeField(gettext_lazy("Chuyển trạng thái lúc"), null=True, blank=True)
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("Người chuyển trạng thái"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    state_reason = fields.TextField(gettext_lazy("Lý do"), blank=True, max_length=REASON_MAX)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Step:
    """One transition as officers see it. ``name`` is the model's transition method; ``action`` the
    audit action it records (registered by the module); ``needs_reason`` for a return or a refusal;
    ``style`` the Bootstrap button colour."""

    name: str
    label: str | Promise
    action: str
    needs_reason: bool = False
    style: str = "primary"


class Workflow:
    """The steps of one model's review and the module's rule for who may take them.

    ``may(actor, obj, step)`` is the module's object rule (its ``permissions.py``): e.g. the unit's
    own officers submit, the directly-superior union approves or returns. ``unit_of(obj)`` is the
    unit id its audit rows are filed under. ``state_field`` is the name of the model's FSMField.
    """

    def __init__(
        self,
        *,
        model: type[models.Model],
        steps: Iterable[Step],
        may: Callable[[Any, Any, Step], bool],
        unit_of: Callable[[Any], int | None],
        state_field: str = "state",
    ):
        self.model = model
        self.steps: Mapping[str, Step] = {s.name: s for s in steps}
        self.may = may
        self.unit_of = unit_of
        self.state_field = state_field
        for name in self.steps:
            if not callable(getattr(model, name, None)):
                raise ImproperlyConfigured(f"{model.__name__} has no transition {name!r}")

    def step(self, name: str) -> Step:
        """The step called ``name``; a name that is not a step is a ``ValidationError`` (it comes
        from a form or an API body)."""
        try:
            return self.steps[name]
        except KeyError:
            raise ValidationError({"step": _("Thao tác không hợp lệ.")}) from None

    def allowed_now(self, obj, step: Step) -> bool:
        """Whether the object's current state allows ``step`` (the transition's source and its
        conditions), whoever asks."""
        return can_proceed(getattr(obj, step.name))

    def available(self, actor, obj) -> list[Step]:
        """The steps ``actor`` may take on ``obj`` now, in declaration order (for the buttons)."""
        return [s for s in self.steps.values() if self.allowed_now(obj, s) and self.may(actor, obj, s)]

    def state_label(self, obj) -> str:
        return str(getattr(obj, f"get_{self.state_field}_display")())

    def run(self, *, actor, obj, step: str | Step, reason: str = "", recorded: Iterable[str] = (), **kwargs):
        """Take ``step`` on ``obj`` as ``actor`` and record it; returns ``obj`` in its new state.
        Extra ``kwargs`` go to the transition method; ``recorded`` names more fields of ``obj`` the
        audit row keeps before and after (those the transition method sets from its ``kwargs``).

        Raises ``PermissionDenied`` when the module's rule refuses the actor; ``ValidationError``
        naming ``state`` when the object is not in a state the step starts from (including when
        another officer moved it a moment before: the UPDATE found another state), or naming
        ``reason`` when a return or refusal has none (or one too long). Runs in the caller's
        transaction (opens one if there is none), so a refusal writes nothing.
        """
        step = step if isinstance(step, Step) else self.step(step)
        with transaction.atomic():
            if not self.may(actor, obj, step):
                raise PermissionDenied
            if not self.allowed_now(obj, step):
                raise ValidationError(
                    {
                        self.state_field: _("Không thể “%(step)s” khi hồ sơ đang ở trạng thái “%(state)s”.")
                        % {"step": step.label, "state": self.state_label(obj)}
                    }
                )
            reason = (reason or "").strip()
            if step.needs_reason and not reason:
                raise ValidationError({"reason": _("Hãy ghi lý do.")})
            if len(reason) > REASON_MAX:
                raise ValidationError({"reason": _("Lý do dài quá %(max)s ký tự.") % {"max": REASON_MAX}})
            recorded = [self.state_field, "state_reason", *recorded]
            before = audit.snapshot(obj, recorded)
            getattr(obj, step.name)(**kwargs)
            obj.state_reason = reason
            obj.state_changed_at = timezone.now()
            obj.state_changed_by = actor if getattr(actor, "pk", None) else None
            try:
                obj.save()
            except ConcurrentTransition:
                # The row's state is no longer the one read: someone else took a step first.
                raise ValidationError(
                    {
                        self.state_field: _(
                            "Hồ sơ vừa được người khác xử lý trước bạn; hãy tải lại trang để xem trạng thái mới."
                        )
                    }
                ) from None
            audit.record(
                actor=actor,
                action=step.action,
                obj=obj,
                unit_id=self.unit_of(obj),
                before=before,
                after=audit.snapshot(obj, recorded),
            )
        return obj
