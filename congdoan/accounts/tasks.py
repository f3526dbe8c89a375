"""Huey tasks of the accounts app (huey's Django integration imports every app's ``tasks`` module)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .maintenance import move_accounts_of_merged_units


@db_periodic_task(crontab(hour="0", minute="5"))
def move_accounts_daily() -> None:
    """Mergers whose day has come: their accounts are managed from the survivor."""
    move_accounts_of_merged_units()
