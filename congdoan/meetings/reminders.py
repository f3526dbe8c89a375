"""Follow-up of the units that have not held their conference by the deadline (issue 14): the list,
with their officers' contacts, and an e-mail reminder through Django's mail backend.

- Overdue: a unit of the superior's subtree that must hold ``kind`` in ``year``
  (``selectors.compliance_units``, state "missing") once the deadline of the year
  (``rules.deadline``, a dated rule) has passed.
- Contacts: the unit's officers holding a position today (``members.OfficerPosition``); their phone
  and e-mail are personal data, shown only under ``members.view_personal`` on the unit.
- A reminder goes to the e-mails of the unit's logins (a role on the unit today) and of its officers;
  its text names the unit, the conference and the deadline, never a person.
- Rate limit: a unit reminded of the same conference within ``MEETINGS_REMINDER_INTERVAL_DAYS``
  (setting, 7 by default) is skipped; each send is ``Reminder`` rows and one audit row. More units
  than ``MEETINGS_REMINDERS_INLINE`` (20) are sent by a background job (``meetings.reminders.send``).
"""

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import audit, jobs
from congdoan.core.dates import display, today
from congdoan.core.models import Job, active_on
from congdoan.core.reminders import ReminderKind, register_reminder_kind
from congdoan.members.models import OfficerPosition
from congdoan.members.permissions import personal_reach
from congdoan.organizations.models import RoleAssignment, Unit
from congdoan.organizations.permissions import policy
from congdoan.organizations.selectors import unit_names

from . import selectors
from .models import ConferenceKind, Reminder
from .permissions import MANAGE
from .rules import deadline

JOB = "meetings.reminders.send"


def interval() -> dt.timedelta:
    return dt.timedelta(days=int(getattr(settings, "MEETINGS_REMINDER_INTERVAL_DAYS", 7)))


def inline_max() -> int:
    return int(getattr(settings, "MEETINGS_REMINDERS_INLINE", 20))


@dataclass(frozen=True)
class Contact:
    full_name: str
    position: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class OverdueUnit:
    unit_id: int
    unit_name: str
    contacts: list[Contact] = field(default_factory=list)
    last_reminded: dt.datetime | None = None


def overdue_units(*, actor, unit: Unit, year: int, kind: str, on: dt.date | None = None) -> list[OverdueUnit]:
    """Units of ``unit``'s subtree that had to hold ``kind`` in ``year`` and have not, once its
    deadline has passed (``[]`` before), with their officers and when they were last reminded.
    404/403 as the compliance table; six queries whatever the number of units."""
    on = on or today()
    rows = selectors.compliance_units(actor=actor, unit=unit, year=year, kind=kind, state="missing")
    if on <= deadline(year) or not rows:
        return []
    ids = [r.unit_id for r in rows]
    personal = personal_reach(actor).covers_units(ids)  # units whose officers' phones the actor may read
    contacts: dict[int, list[Contact]] = {}
    held = (
        OfficerPosition.objects.filter(active_on(on), unit_id__in=ids)
        .select_related("person", "position")
        .order_by("unit_id", "position__order", "person__sort_key")
    )
    for h in held:
        shown = h.unit_id in personal
        contacts.setdefault(h.unit_id, []).append(
            Contact(
                h.person.full_name,
                h.position.label,
                h.person.phone if shown else "",
                h.person.email if shown else "",
            )
        )
    last = dict(
        Reminder.objects.filter(unit_id__in=ids, kind=kind, year=year)
        .values("unit_id")
        .annotate(last=Max("sent_at"))
        .values_list("unit_id", "last")
    )
    return [
        OverdueUnit(r.unit_id, r.unit_name, contacts.get(r.unit_id, []), last.get(r.unit_id)) for r in rows
    ]


def _addresses(unit_ids: list[int], on: dt.date) -> dict[int, list[str]]:
    """E-mails of each unit's logins (a role there today) and officers (a position today)."""
    out: dict[int, dict[str, str]] = {}
    logins = (
        RoleAssignment.objects.filter(active_on(on), unit_id__in=unit_ids, user__is_active=True)
        .exclude(user__email="")
        .values_list("unit_id", "user__email")
    )
    officers = (
        OfficerPosition.objects.filter(active_on(on), unit_id__in=unit_ids)
        .exclude(person__email="")
        .values_list("unit_id", "person__email")
    )
    for unit_id, email in [*logins, *officers]:
        out.setdefault(unit_id, {}).setdefault(email.lower(), email)
    return {unit_id: sorted(emails.values()) for unit_id, emails in out.items()}


@dataclass(frozen=True)
class Sent:
    sent: list[int] = field(default_factory=list)  # units reminded
    recent: list[int] = field(default_factory=list)  # skipped: reminded within the interval
    no_address: list[int] = field(default_factory=list)  # skipped: nobody with an e-mail
    job: Job | None = None  # when handed to a background job

    def message(self) -> str:
        if self.job is not None:
            return _("Đang gửi nhắc trong nền; xem tiến độ ở trang công việc.")
        return _(
            "Đã gửi nhắc %(sent)s đơn vị; bỏ qua %(recent)s đơn vị vừa được nhắc, %(none)s đơn vị chưa có email."
        ) % {
            "sent": len(self.sent),
            "recent": len(self.recent),
            "none": len(self.no_address),
        }


def _message(superior: str, unit_name: str, kind: str, year: int, to: list[str]) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):  # the deployment's language, whoever sends
        label = str(ConferenceKind(kind).label)
        subject = _("Nhắc tổ chức %(kind)s năm %(year)s") % {"kind": label, "year": year}
        body = _(
            "Kính gửi %(unit)s,\n\n"
            "Đến ngày %(today)s, %(superior)s chưa nhận được kết quả tổ chức %(kind)s năm %(year)s của đơn vị "
            "(thời hạn: %(deadline)s). Đề nghị đơn vị tổ chức hội nghị và cập nhật kết quả vào hệ thống.\n\n"
            "Trân trọng."
        ) % {
            "unit": unit_name,
            "today": display(today()),
            "superior": superior,
            "kind": label,
            "year": year,
            "deadline": display(deadline(year)),
        }
    return EmailMessage(subject, body, to=to)


@transaction.atomic
def reminders_send(*, actor, unit: Unit, year: int, kind: str, unit_ids: list[int] | None = None) -> Sent:
    """E-mail the overdue units of ``unit``'s subtree (``unit_ids``: only those), skipping units
    reminded within the interval and units without an address; ``Reminder`` rows and one audit row.
    Sent before the transaction commits: a mail server that refuses rolls everything back."""
    policy.require(actor, MANAGE, unit)
    if kind not in ConferenceKind.values:
        raise ValidationError({"kind": _("Loại hội nghị '%(k)s' không có trong danh mục.") % {"k": kind}})
    overdue = overdue_units(actor=actor, unit=unit, year=year, kind=kind)
    if unit_ids is not None:
        wanted = set(unit_ids)
        overdue = [o for o in overdue if o.unit_id in wanted]
    if not overdue:
        raise ValidationError({"unit": _("Không có đơn vị nào quá hạn chưa tổ chức hội nghị để nhắc.")})
    since = timezone.now() - interval()
    recent = {o.unit_id for o in overdue if o.last_reminded and o.last_reminded >= since}
    addresses = _addresses([o.unit_id for o in overdue if o.unit_id not in recent], today())
    superior = unit_names([unit.pk], today()).get(unit.pk, str(unit))
    result = Sent()
    messages, rows = [], []
    for o in overdue:
        if o.unit_id in recent:
            result.recent.append(o.unit_id)
        elif not addresses.get(o.unit_id):
            result.no_address.append(o.unit_id)
        else:
            to = addresses[o.unit_id]
            messages.append(_message(superior, o.unit_name, kind, year, to))
            rows.append(Reminder(unit_id=o.unit_id, kind=kind, year=year, sent_by=actor, recipients=len(to)))
            result.sent.append(o.unit_id)
    if messages:
        get_connection().send_messages(messages)
        Reminder.objects.bulk_create(rows)
    audit.record(
        actor=actor,
        action="conference.remind",
        obj=unit,
        unit_id=unit.pk,
        after={
            "kind": kind,
            "year": year,
            "sent": len(result.sent),
            "recent": len(result.recent),
            "no_address": len(result.no_address),
        },
    )
    return result


@jobs.job_work(name=JOB, result_template="meetings/partials/reminders_done.html")
def reminders_work(job: Job, progress: jobs.Progress) -> None:
    """params: {"unit", "year", "kind"}: the reminders of ``reminders_start`` sent in the background."""
    params = job.params
    unit = Unit.objects.get(pk=params["unit"])
    progress.start(_("Gửi nhắc"), None)
    result = reminders_send(actor=job.user, unit=unit, year=int(params["year"]), kind=params["kind"])
    job.result = {
        "sent": len(result.sent),
        "recent": len(result.recent),
        "no_address": len(result.no_address),
    }


def reminders_start(*, actor, unit: Unit, year: int, kind: str) -> Sent:
    """Send the reminders now, or in a background job when there are more units than the inline
    limit (the job's page follows it)."""
    policy.require(actor, MANAGE, unit)
    overdue = overdue_units(actor=actor, unit=unit, year=year, kind=kind)
    if len(overdue) <= inline_max():
        return reminders_send(actor=actor, unit=unit, year=year, kind=kind)
    label = _("Nhắc %(n)s đơn vị chưa tổ chức hội nghị năm %(year)s") % {"n": len(overdue), "year": year}
    job = jobs.job_start(
        user=actor, work=reminders_work, label=label, params={"unit": unit.pk, "year": year, "kind": kind}
    )
    return Sent(job=job)


# -- sent again on a schedule (core.reminders) -------------------------------------------------------


def _scheduled_params(actor, unit_id: int, params: dict) -> tuple[str, dict]:
    """The conference kind and year a schedule reminds of, checked; MANAGE on the unit (404/403)."""
    policy.require(actor, MANAGE, unit_id)
    kind, errors = params.get("kind", ""), {}
    if kind not in ConferenceKind.values:
        errors["kind"] = _("Loại hội nghị '%(k)s' không có trong danh mục.") % {"k": kind}
    try:
        year = int(params.get("year", ""))
    except (TypeError, ValueError):
        year = None
    if year is None or not 2000 <= year <= 2100:
        errors["year"] = _("Năm '%(y)s' không hợp lệ.") % {"y": params.get("year", "")}
    if errors:
        raise ValidationError(errors)
    name = unit_names([unit_id], today()).get(unit_id, "")
    label = _("Nhắc các đơn vị thuộc %(unit)s chưa tổ chức %(kind)s năm %(year)s") % {
        "unit": name,
        "kind": ConferenceKind(kind).label,
        "year": year,
    }
    return label, {"kind": kind, "year": year}


def _scheduled_send(actor, unit_id: int, params: dict) -> str:
    _label, params = _scheduled_params(actor, unit_id, params)
    unit = Unit.objects.get(pk=unit_id)
    return reminders_send(actor=actor, unit=unit, year=params["year"], kind=params["kind"]).message()


def _scheduled_page(unit_id: int, params: dict) -> str:
    query = urlencode({"unit": unit_id, "year": params["year"], "kind": params["kind"], "state": "missing"})
    return f"{reverse('meetings:compliance')}?{query}"


SCHEDULED = "meetings.conference"
register_reminder_kind(
    ReminderKind(
        SCHEDULED,
        gettext_lazy("Nhắc tổ chức hội nghị"),
        check=_scheduled_params,
        send=_scheduled_send,
        page=_scheduled_page,
    )
)
