"""Accounts follow the organisation tree: a merger moves the home unit of the merged units' accounts
to the survivor (issue 8: the carried-over officer's account stayed on the closed unit, out of sight
of the survivor's officers). Organizations announces the merger (``units_merged``, sent inside
``unit_merge``'s transaction); it never imports accounts."""

from django.dispatch import receiver

from congdoan.core import audit
from congdoan.organizations.signals import units_merged

from .models import User


@receiver(units_merged)
def move_home_units_to_survivor(sender, *, actor, survivor, merged, on, **kwargs):
    """One ``account.merge_move`` audit row per account, on the survivor. The move is made when the
    merger is recorded, whatever its date: from then on the survivor manages the accounts."""
    moved = {"home_unit": survivor}
    for user in User.objects.filter(home_unit__in=merged).order_by("pk"):
        audit.record_change(
            actor=actor, action="account.merge_move", obj=user, unit_id=survivor.pk, changes=moved
        )
