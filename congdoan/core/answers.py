"""Answers that tell whether a value is held outside the asker's reach: counted, logged, limited.

Some values are unique in the whole system (a member's ID or card number, an account's e-mail),
so a write holding one already given must be refused, and the refusal tells the asker that the
value exists. Outside the asker's reach each such answer is an ``Allowance``: an audit row of the
allowance's action filed under the asker's own home unit (what was asked, how many answers and
refusals, never the value asked about), at most ``settings.<setting>`` answers per actor and day
(a setting: it is policy, not code), counted from those rows.

A refused service call rolls its own transaction back, audit rows included: services that can
answer are wrapped in ``records_answers`` (outside their ``transaction.atomic``), which writes the
pending answers in a transaction of their own once the refusal has rolled back
(``audit.after_rollback``: after an enclosing request transaction too).
"""

import contextvars
import datetime as dt
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import IntegerField, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone

from . import audit
from .dates import today
from .models import AuditEntry

_pending: contextvars.ContextVar[list | None] = contextvars.ContextVar("answers_pending", default=None)


@dataclass(frozen=True)
class Allowance:
    """The daily allowance of answers of one kind: logged as audit ``action`` (registered by the
    app), limited by the setting named ``setting`` (``default`` when unset)."""

    action: str
    setting: str
    default: int = 20

    def daily_limit(self) -> int:
        return int(getattr(settings, self.setting, self.default))

    def given_today(self, actor) -> int:
        """Answers the actor has had today (local day): the audit rows, plus those pending."""
        start = timezone.make_aware(dt.datetime.combine(today(), dt.time()))
        total = (
            AuditEntry.objects.filter(actor_id=actor.pk, action=self.action, at__gte=start)
            .annotate(n=Cast(KT("after__answers"), IntegerField()))
            .aggregate(total=Sum("n"))["total"]
        )
        pending = sum(
            after["answers"]
            for allowance, who, after in _pending.get() or ()
            if allowance == self and who.pk == actor.pk
        )
        return (total or 0) + pending

    def fits(self, actor, n: int = 1) -> bool:
        """Whether ``n`` more answers fit in the actor's allowance today."""
        return self.given_today(actor) + n <= self.daily_limit()

    def log(self, actor, *, answers: int, refused: int = 0, at_once: bool = False, **facts) -> None:
        """One audit row: ``facts`` (never the value asked about), ``answers`` given and
        ``refused`` (over the limit). Inside ``records_answers`` it is written after the
        service's rollback, unless ``at_once`` (the caller's transaction commits it)."""
        after = {**facts, "answers": answers}
        if refused:
            after["refused"] = refused
        pending = _pending.get()
        if pending is None or at_once:
            self._write(actor, after)
        else:
            pending.append((self, actor, after))

    def answer(self, actor, **facts) -> bool:
        """One answer: logged and True when it fits today's allowance, else the refusal logged and False."""
        allowed = self.fits(actor)
        self.log(actor, answers=1 if allowed else 0, refused=0 if allowed else 1, **facts)
        return allowed

    def _write(self, actor, after: dict) -> None:
        with transaction.atomic():
            audit.record(
                actor=actor,
                action=self.action,
                obj=actor,
                unit_id=getattr(actor, "home_unit_id", None),
                after=after,
            )


def records_answers(service):
    """Outermost decorator of a service that may give answers (``Allowance.answer``/``log``): the
    answers it gave are logged even though its refusal rolls its transaction back."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        if _pending.get() is not None:  # called from another such service: it records
            return service(*args, **kwargs)
        pending: list = []
        token = _pending.set(pending)
        try:
            return service(*args, **kwargs)
        finally:
            _pending.reset(token)
            for allowance, actor, after in pending:
                # After the service's rollback, and after an enclosing request transaction's.
                audit.after_rollback(functools.partial(allowance._write, actor, after))

    return wrapper
