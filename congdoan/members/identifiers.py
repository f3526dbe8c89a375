"""Whether an ID number (CCCD) or a card number is already used, said no more than the asker may know.

Both are unique in the whole register, so a join, an update or an import row holding one already
given must be refused. Inside the actor's scope (``members.view`` today over the holder's current
unit) the refusal may name the member and the unit. Outside it, the answer is the only thing it
says ("Số CCCD này đã có trong sổ đoàn viên; liên hệ công đoàn cấp trên để kiểm tra.": no unit, no
name), and each such answer is an audit row ``member.identifier_taken`` filed under the asker's
own home unit: which field, through which door (form/API or import) and how many answers, never
the number asked about. An actor gets at most ``settings.MEMBERS_IDENTIFIER_ANSWERS_PER_DAY``
such answers a day (a setting: it is policy, not code); past it the check is refused with a
message that says so, and the refusal is logged too.

A refused service call rolls its own transaction back, audit rows included: services that can
answer are wrapped in ``records_answers`` (outside their ``transaction.atomic``), which writes the
pending answers in a transaction of their own once the refusal has rolled back.
"""

import contextvars
import datetime as dt
import functools

from django.conf import settings
from django.db import transaction
from django.db.models import IntegerField, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.organizations.models import UnitVersion
from congdoan.organizations.permissions import policy

from .permissions import VIEW

ANSWERED = "member.identifier_taken"
FIELDS = ("id_number", "card_number")
_pending: contextvars.ContextVar[list | None] = contextvars.ContextVar("identifier_answers", default=None)


def daily_limit() -> int:
    """Answers outside the scope one actor may get per day (``MEMBERS_IDENTIFIER_ANSWERS_PER_DAY``)."""
    return int(getattr(settings, "MEMBERS_IDENTIFIER_ANSWERS_PER_DAY", 20))


def answers_today(actor) -> int:
    """Out-of-scope answers the actor has had today (local day), from the audit log."""
    start = timezone.make_aware(dt.datetime.combine(today(), dt.time()))
    total = (
        AuditEntry.objects.filter(actor_id=actor.pk, action=ANSWERED, at__gte=start)
        .annotate(n=Cast(KT("after__answers"), IntegerField()))
        .aggregate(total=Sum("n"))["total"]
    )
    pending = sum(n for _actor, _field, _via, n, _refused in _pending.get() or ())
    return (total or 0) + pending


def in_scope(actor, unit_path: str | None) -> bool:
    """Whether the holder (by the path of their current unit) is one the actor may see today."""
    return policy.reach(actor, VIEW, today()).covers(unit_path)


def taken_outside(field: str) -> str:
    """The whole answer for a holder outside the scope."""
    if field == "id_number":
        return _("Số CCCD này đã có trong sổ đoàn viên; liên hệ công đoàn cấp trên để kiểm tra.")
    return _("Số thẻ này đã có trong sổ đoàn viên; liên hệ công đoàn cấp trên để kiểm tra.")


def over_limit_message() -> str:
    return _(
        "Bạn đã nhận đủ %(n)s lần trả lời trong ngày về số CCCD hoặc số thẻ của đoàn viên ngoài "
        "phạm vi quản lý; hãy thử lại vào ngày mai hoặc liên hệ công đoàn cấp trên."
    ) % {"n": daily_limit()}


def _record(actor, field: str, via: str, answers: int, refused: int) -> None:
    after = {"field": field, "via": via, "answers": answers}
    if refused:
        after["refused"] = refused
    with transaction.atomic():
        audit.record(
            actor=actor, action=ANSWERED, obj=actor, unit_id=getattr(actor, "home_unit_id", None), after=after
        )


def answer(*, actor, field: str, holder_path: str | None, inside: str, via: str = "form") -> str:
    """The message refusing ``field`` ("id_number" / "card_number") already held by someone whose
    current unit has ``holder_path``: ``inside`` (which may name them) when the actor sees the
    holder; otherwise the bare answer, counted against the daily limit and logged (by
    ``records_answers`` around the service, or at once outside one), or the over-limit message."""
    if in_scope(actor, holder_path):
        return inside
    pending = _pending.get()
    refused = answers_today(actor) >= daily_limit()
    if pending is None:
        _record(actor, field, via, 0 if refused else 1, 1 if refused else 0)
    else:
        pending.append((actor, field, via, 0 if refused else 1, 1 if refused else 0))
    return over_limit_message() if refused else taken_outside(field)


def answer_many(*, actor, counts: dict[str, int], via: str = "import") -> bool:
    """For a whole file: ``counts`` out-of-scope holders per field. Logs them and returns True when
    they fit today's allowance; else logs the refusal and returns False (the caller then refuses
    the whole file: marking rows would tell which numbers are taken)."""
    total = sum(counts.values())
    if not total:
        return True
    allowed = answers_today(actor) + total <= daily_limit()
    for field, n in counts.items():
        if n:
            _record(actor, field, via, n if allowed else 0, 0 if allowed else n)
    return allowed


def records_answers(service):
    """Outermost decorator of a service that may call ``answer``: the answers it gave are logged
    even though its refusal rolls its transaction back."""

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
            for actor, field, via, answers, refused in pending:
                # After the service's rollback, and after an enclosing request transaction's.
                audit.after_rollback(functools.partial(_record, actor, field, via, answers, refused))

    return wrapper


def refuse_taken(*, actor, field: str, value: str, exclude_pk: int | None = None) -> str | None:
    """The refusal for ``value`` of ``field`` if another person than ``exclude_pk`` holds it, else
    None. Inside the scope it names the holder and their unit; ``actor`` None (a system write)
    gets the bare answer."""
    from .models import Person

    found = (
        Person.objects.filter(**{field: value})
        .exclude(pk=exclude_pk)
        .values_list("full_name", "unit_id", "unit_path")
        .first()
    )
    if found is None:
        return None
    name, unit_id, path = found
    if actor is None:
        return taken_outside(field)
    unit = (
        UnitVersion.objects.filter(unit_id=unit_id)
        .order_by("-valid_from")
        .values_list("name", flat=True)
        .first()
    )
    what = _("Số CCCD này") if field == "id_number" else _("Số thẻ này")
    inside = _("%(what)s đã cấp cho đoàn viên %(name)s (%(unit)s).") % {
        "what": what,
        "name": name,
        "unit": unit or "?",
    }
    return answer(actor=actor, field=field, holder_path=path, inside=inside)
