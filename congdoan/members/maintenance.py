"""Keeping each person's denormalised current fields (unit, unit_path, status) true as days pass.

The services and tree receivers set them at once for changes dated today or earlier; a change
dated in the future (a leave, an exemption, a transfer, a merger or move) is recorded in the
periods and shown as planned, and takes effect on its day, when the daily task runs this.
"""

import datetime as dt

from django.db import transaction
from django.db.models import F, OuterRef, Subquery

from congdoan.core.dates import today
from congdoan.core.models import active_on
from congdoan.organizations.models import UnitVersion

from .models import IN_UNIT, Membership, Person


@transaction.atomic
def refresh_current_units(*, on: dt.date | None = None) -> int:
    """Set each person's unit to the unit of their membership period on ``on`` and unit_path to that
    unit's path on ``on``; returns how many rows changed. People with no period then keep theirs."""
    on = on or today()
    period = (
        Membership.objects.active(on)
        .filter(person_id=OuterRef("pk"))
        .order_by("-valid_from")
        .values("unit_id")
    )
    moved = (
        Person.objects.annotate(now_in=Subquery(period[:1]))
        .filter(now_in__isnull=False)
        .exclude(unit_id=F("now_in"))
    )
    changed = Person.objects.filter(pk__in=moved.values("pk")).update(unit_id=Subquery(period[:1]))
    path = UnitVersion.objects.filter(active_on(on), unit_id=OuterRef("unit_id")).values("path")
    stale = (
        Person.objects.annotate(now_path=Subquery(path[:1]))
        .filter(now_path__isnull=False)
        .exclude(unit_path=F("now_path"))
    )
    changed += Person.objects.filter(pk__in=stale.values("pk")).update(unit_path=Subquery(path[:1]))
    return changed + _refresh_statuses(on)


def _refresh_statuses(on: dt.date) -> int:
    """Status of the period held on ``on``; with none held, how the last period ended (left, died)."""
    held = Membership.objects.active(on).filter(person_id=OuterRef("pk")).order_by("-valid_from")
    changed = Person.objects.filter(
        pk__in=Person.objects.annotate(now=Subquery(held.values("status")[:1]))
        .filter(now__isnull=False)
        .exclude(status=F("now"))
        .values("pk")
    ).update(status=Subquery(held.values("status")[:1]))
    ended = (
        Membership.objects.filter(person_id=OuterRef("pk"), valid_to__lte=on)
        .exclude(end_status="")
        .order_by("-valid_to")
        .values("end_status")
    )
    gone = Person.objects.filter(status__in=IN_UNIT).exclude(
        pk__in=Membership.objects.active(on).values("person_id")
    )
    changed += Person.objects.filter(
        pk__in=gone.annotate(last=Subquery(ended[:1])).filter(last__isnull=False).values("pk")
    ).update(status=Subquery(ended[:1]))
    return changed
