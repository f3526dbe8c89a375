"""Keeping the denormalised current unit of each person (unit, unit_path) true as days pass.

The services and tree receivers update it at once for changes dated today or earlier; a merger or
move dated in the future only takes effect on its day, when the daily task runs this.
"""

import datetime as dt

from django.db import transaction
from django.db.models import F, OuterRef, Subquery

from congdoan.core.dates import today
from congdoan.core.models import active_on
from congdoan.organizations.models import UnitVersion

from .models import Membership, Person


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
    return changed
