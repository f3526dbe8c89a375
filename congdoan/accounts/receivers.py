"""Accounts follow the organisation tree: a merger moves the home unit of the merged units' accounts
to the survivor (issue 8: the carried-over officer's account stayed on the closed unit, out of sight
of the survivor's officers), on the merger's day. Organizations announces the merger
(``units_merged``, sent inside ``unit_merge``'s transaction); it never imports accounts."""

from django.dispatch import receiver

from congdoan.core.dates import today
from congdoan.organizations.signals import units_merged

from .maintenance import move_accounts_of_merged_units


@receiver(units_merged)
def move_home_units_to_survivor(sender, *, actor, survivor, merged, on, **kwargs):
    """A merger dated today or earlier moves the accounts now (one ``account.merge_move`` audit row
    each, by the merger's actor); one dated later leaves them with the merged unit, which still
    exists, until the daily task of its day (``tasks.move_accounts_daily``)."""
    if on <= today():
        move_accounts_of_merged_units(actor=actor, units=merged)
