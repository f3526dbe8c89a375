"""The filing reminder (``services.filing_remind``) sent again on a schedule (``core.reminders``):
the units below a union that have not recorded every part of a year, reminded every few days."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.periods import Period, parse_year
from congdoan.core.reminders import ReminderKind, register_reminder_kind
from congdoan.organizations.permissions import policy

from . import selectors, services
from .permissions import MANAGE

KIND = "reports.filing"


def _scope(actor, unit_id: int, params: dict) -> selectors.Scope:
    """The year's scope of the unit, with MANAGE on it (404/403), the year checked."""
    policy.require(actor, MANAGE, unit_id)
    year = parse_year(params.get("year", ""), field="year")
    return selectors.scope_read(actor=actor, unit_id=unit_id, period=Period.year(year))


def _check(actor, unit_id: int, params: dict) -> tuple[str, dict]:
    scope = _scope(actor, unit_id, params)
    year = scope.period.start.year
    label = _("Nhắc các đơn vị thuộc %(unit)s chưa nhập đủ số liệu năm %(y)s") % {
        "unit": scope.name,
        "y": year,
    }
    return label, {"year": year}


def sent_text(result: services.FilingSent) -> str:
    """What a filing reminder did: addresses and units e-mailed, units already reminded, units
    without an address."""
    return " ".join(result.lines())


def _send(actor, unit_id: int, params: dict) -> str:
    return sent_text(services.filing_remind(actor=actor, scope=_scope(actor, unit_id, params)))


def _page(unit_id: int, params: dict) -> str:
    return f"{reverse('reports:filing')}?{urlencode({'unit': unit_id, 'nam': params['year']})}"


register_reminder_kind(
    ReminderKind(KIND, gettext_lazy("Nhắc nhập số liệu"), check=_check, send=_send, page=_page)
)
