"""Builders for the conferences tests, through the real services."""

import datetime as dt

from congdoan.organizations.models import Unit

from ..models import Conference, ConferenceDuty, ConferenceKind
from ..services import conference_record, duty_set

SINCE = dt.date(2020, 1, 1)


def duty(unit: Unit, actor, kind: str = ConferenceKind.PUBLIC_EMPLOYEES) -> ConferenceDuty:
    return duty_set(actor=actor, unit=unit, kind=kind, valid_from=SINCE)


def conference(unit: Unit, actor, *, with_duty: bool = True, **fields) -> Conference:
    values = {
        "kind": ConferenceKind.PUBLIC_EMPLOYEES,
        "year": 2024,
        "held_on": dt.date(2024, 2, 22),
        "expected": 30,
        "present": 28,
        **fields,
    }
    if with_duty and not ConferenceDuty.objects.filter(unit=unit, kind=values["kind"]).exists():
        duty(unit, actor, values["kind"])
    return conference_record(actor=actor, unit=unit, **values)


def review(unit, actor, **fields):
    """A year-end review of 2022 held on 05/01/2023 (seed 001's day), through the service."""
    from ..models import ReviewKind
    from ..reviews import review_record

    values = {
        "kind": ReviewKind.YEAR_END,
        "year": 2022,
        "held_on": dt.date(2023, 1, 5),
        "attendees": 120,
        **fields,
    }
    return review_record(actor=actor, unit=unit, **values)
