"""Accounts follow mergers on their day (issue 8): the home unit of an account whose unit was merged
away becomes the survivor, from the day the merger takes effect, as members' current units do
(``members.maintenance``). A merger dated today or earlier moves them at once
(``receivers.move_home_units_to_survivor``); one dated in the future waits for the daily task
(``tasks.move_accounts_daily``) of its day. Until then the merged unit still exists and manages
them."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from congdoan.core import audit
from congdoan.core.dates import today
from congdoan.organizations.models import Unit

from .models import User

MOVE = "account.merge_move"


def survivor_on(unit: Unit, on: dt.date) -> Unit:
    """The unit that manages what ``unit`` managed on ``on``: itself while it exists, else its
    successor, following a chain of mergers."""
    seen = set()
    while unit.successor_id and unit.valid_to is not None and unit.valid_to <= on and unit.pk not in seen:
        seen.add(unit.pk)
        unit = unit.successor
    return unit


@transaction.atomic
def move_accounts_of_merged_units(
    *, on: dt.date | None = None, actor=None, units: Iterable[Unit] | None = None
) -> int:
    """Move to the survivor every account whose home unit (among ``units``, default all) was merged
    away by ``on`` (default today); return how many moved. One ``account.merge_move`` audit row
    each, on the survivor, by ``actor`` (``None``: the system's daily task)."""
    on = on or today()
    merged = Unit.objects.filter(end_reason=Unit.EndReason.MERGED, valid_to__lte=on, successor__isnull=False)
    if units is not None:
        merged = merged.filter(pk__in=[u.pk for u in units])
    survivors: dict[int, Unit] = {}
    moved = 0
    for user in User.objects.filter(home_unit__in=merged).select_related("home_unit").order_by("pk"):
        if user.home_unit_id not in survivors:
            survivors[user.home_unit_id] = survivor_on(user.home_unit, on)
        survivor, moved = survivors[user.home_unit_id], moved + 1
        change = {"home_unit": survivor}
        audit.record_change(actor=actor, action=MOVE, obj=user, unit_id=survivor.pk, changes=change)
    return moved
