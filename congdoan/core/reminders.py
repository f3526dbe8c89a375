"""Reminders sent again on a schedule: an officer who has sent a reminder by hand (the units that
have not held their conference, the units behind with their year's figures) asks to have it sent
every few days until a date; the queue's scheduler sends the ones due each morning
(``core.tasks.send_scheduled_reminders``, 07:00).

Core knows no app: an app registers a ``ReminderKind`` with the functions that check and send its
reminder as a given officer. Each run sends as the officer who asked, with that day's permissions
(``send`` asks the policy again): when the role has ended or moved (``PermissionDenied``,
``Http404``), the schedule ends and says why; when nobody is behind (``ValidationError``), nothing
is sent and the run says so. Nothing is deleted: a stopped schedule keeps its row with ``valid_to``.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .audit import AuditField
from .dates import display, today
from .models import ScheduledReminder

log = logging.getLogger(__name__)

MAX_EVERY_DAYS = 90


@dataclass(frozen=True)
class ReminderKind:
    """``check(actor, unit_id, params) -> (label, params)``: the officer may send this reminder
    for the unit (raises ``PermissionDenied``/``Http404`` otherwise, ``ValidationError`` naming a
    parameter that is wrong) and the cleaned parameters with a label naming what is reminded.
    ``send(actor, unit_id, params) -> str``: send it now, return a line on what was sent (raises as
    ``check``, and ``ValidationError`` when there is nobody to remind). ``page(unit_id, params)``:
    the follow-up page the reminder comes from."""

    code: str
    label: str | Promise
    check: Callable[..., tuple[str, dict]]
    send: Callable[..., str]
    page: Callable[[int, dict], str]


KINDS: dict[str, ReminderKind] = {}


def register_reminder_kind(kind: ReminderKind) -> None:
    KINDS[kind.code] = kind


SCHEDULE = audit.register_action(
    "reminder.schedule",
    gettext_lazy("Đặt lịch nhắc tự động"),
    gettext_lazy("Cán bộ đặt một lời nhắc qua e-mail được gửi lại theo lịch"),
    {
        "label": AuditField(gettext_lazy("Nội dung nhắc")),
        "every_days": AuditField(gettext_lazy("Nhắc lại sau (ngày)")),
        "valid_to": AuditField(gettext_lazy("Đến ngày (không gồm)")),
    },
)
END = audit.register_action(
    "reminder.end",
    gettext_lazy("Dừng lịch nhắc tự động"),
    gettext_lazy("Người đặt dừng lịch nhắc, hoặc lịch tự dừng vì người đặt không còn quyền"),
    {"ended_reason": AuditField(gettext_lazy("Lý do dừng"))},
)


# -- reads ------------------------------------------------------------------------------------------


def scheduled(*, actor, on: dt.date | None = None, active_only: bool = False):
    """The actor's own schedules (a superuser's: everyone's), running ones first."""
    qs = ScheduledReminder.objects.select_related("owner")
    if not actor.is_superuser:
        qs = qs.filter(owner=actor)
    if active_only:
        qs = qs.active(on or today())
    return qs.order_by("valid_to", "-valid_from", "-pk")


def scheduled_get(*, actor, reminder_id: int) -> ScheduledReminder:
    """One of the actor's schedules; anyone else's is 404."""
    try:
        return scheduled(actor=actor).get(pk=reminder_id)
    except ScheduledReminder.DoesNotExist:
        raise Http404 from None


def scheduled_for_page(*, actor, kind: str, unit_id: int, params: dict, on: dt.date | None = None):
    """The actor's running schedules of ``kind`` for this unit and parameters (a page shows them)."""
    return [
        r
        for r in ScheduledReminder.objects.active(on or today()).filter(
            owner=actor, kind=kind, unit_id=unit_id
        )
        if r.params == params
    ]


@dataclass(frozen=True)
class PageSchedule:
    """What a follow-up page shows of its reminder's schedule: the link that schedules it and the
    actor's schedules of it already running."""

    link: str
    running: list


def page_schedule(*, actor, kind: str, unit_id: int, params: dict, back: str) -> PageSchedule:
    """``params`` as the kind's check cleans them (a page passes the values it shows); ``back``:
    the page's own address, where the form returns."""
    query = urlencode(
        {"kind": kind, "unit": unit_id, **{f"p_{k}": v for k, v in params.items()}, "next": back}
    )
    return PageSchedule(
        f"{reverse('reminders:schedule')}?{query}",
        scheduled_for_page(actor=actor, kind=kind, unit_id=unit_id, params=params),
    )


# -- writes -----------------------------------------------------------------------------------------


def kind_of(code: str) -> ReminderKind:
    if code not in KINDS:
        raise ValidationError({"kind": _("Loại nhắc '%(k)s' không có trong hệ thống.") % {"k": code}})
    return KINDS[code]


@transaction.atomic
def reminder_schedule(
    *, actor, kind: str, unit_id: int, params: dict, every_days: int, until: dt.date | None = None
) -> ScheduledReminder:
    """Send ``kind``'s reminder for the unit every ``every_days`` days (1 to 90), from tomorrow's
    run until ``until`` (included; empty: until stopped). The kind checks the permission and the
    parameters. The same reminder already running for the actor is refused."""
    reminder_kind = kind_of(kind)
    label, params = reminder_kind.check(actor, unit_id, params)
    now = today()
    errors = {}
    if not 1 <= every_days <= MAX_EVERY_DAYS:
        errors["every_days"] = _("Số ngày nhắc lại phải từ 1 đến %(n)s.") % {"n": MAX_EVERY_DAYS}
    if until is not None and until <= now:
        errors["until"] = _("Ngày kết thúc (%(d)s) phải sau hôm nay.") % {"d": display(until)}
    if errors:
        raise ValidationError(errors)
    if scheduled_for_page(actor=actor, kind=kind, unit_id=unit_id, params=params, on=now):
        raise ValidationError({"__all__": _("Lời nhắc này đã có lịch gửi tự động của bạn.")})
    reminder = ScheduledReminder.objects.create(
        owner=actor,
        kind=kind,
        unit_id=unit_id,
        params=params,
        label=label,
        every_days=every_days,
        valid_from=now,
        valid_to=until + dt.timedelta(days=1) if until else None,
        next_run=now + dt.timedelta(days=1),
    )
    audit.record_created(
        actor=actor,
        action=SCHEDULE,
        obj=reminder,
        unit_id=unit_id,
        fields=["label", "every_days", "valid_to"],
    )
    return reminder


def _end(reminder: ScheduledReminder, *, actor, on: dt.date, reason: str) -> None:
    reminder.valid_to = max(on, reminder.valid_from)
    reminder.ended_reason = reason
    reminder.save(update_fields=["valid_to", "ended_reason"])
    audit.record(
        actor=actor, action=END, obj=reminder, unit_id=reminder.unit_id, after={"ended_reason": reason}
    )


@transaction.atomic
def reminder_end(*, actor, reminder_id: int) -> ScheduledReminder:
    """Stop one of the actor's running schedules today (404 for anyone else's)."""
    reminder = scheduled_get(actor=actor, reminder_id=reminder_id)
    now = today()
    if reminder.valid_to is not None and reminder.valid_to <= now:
        raise ValidationError({"__all__": _("Lịch nhắc này đã dừng.")})
    _end(reminder, actor=actor, on=now, reason=_("Người đặt dừng lịch."))
    return reminder


@dataclass(frozen=True)
class RunOutcome:
    reminder_id: int
    state: str  # "sent", "nothing" (nobody to remind), "ended" (no permission any more), "failed"
    text: str


def _run_one(reminder: ScheduledReminder, on: dt.date) -> RunOutcome:
    kind = KINDS.get(reminder.kind)
    try:
        with transaction.atomic():
            if kind is None:
                raise ValidationError(_("Loại nhắc '%(k)s' không có trong hệ thống.") % {"k": reminder.kind})
            text, state = kind.send(reminder.owner, reminder.unit_id, reminder.params), "sent"
    except (PermissionDenied, Http404):
        with transaction.atomic():
            _end(
                reminder, actor=reminder.owner, on=on, reason=_("Người đặt không còn quyền gửi lời nhắc này.")
            )
        return RunOutcome(reminder.pk, "ended", reminder.ended_reason)
    except ValidationError as error:
        text, state = " ".join(error.messages), "nothing"
    except Exception:  # a mail server that refuses: try again at the next run, keep the others going
        log.exception("scheduled reminder %s failed", reminder.pk)
        return RunOutcome(reminder.pk, "failed", "")
    reminder.last_run_at = timezone.now()
    reminder.last_result = text[:500]
    reminder.next_run = on + dt.timedelta(days=reminder.every_days)
    reminder.save(update_fields=["last_run_at", "last_result", "next_run"])
    return RunOutcome(reminder.pk, state, text)


def reminders_run_due(on: dt.date | None = None) -> list[RunOutcome]:
    """Send every running schedule due on ``on`` (today), each in its own transaction: one that
    fails does not stop the others, and is tried again at the next run."""
    on = on or today()
    due = ScheduledReminder.objects.active(on).filter(next_run__lte=on).select_related("owner").order_by("pk")
    return [_run_one(r, on) for r in due]
