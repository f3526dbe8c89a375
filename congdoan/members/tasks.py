"""Huey tasks of the members app (huey's Django integration imports every app's ``tasks`` module)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .maintenance import refresh_current_units


@db_periodic_task(crontab(hour="0", minute="5"))
def refresh_members_daily() -> None:
    refresh_current_units()
