"""Huey tasks of the core app (huey's Django integration imports every app's ``tasks`` module)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import jobs, reminders


@db_task()
def run_job(job_id: str) -> None:
    jobs.job_run(job_id)


@db_periodic_task(crontab(hour="3", minute="17"))
def purge_jobs() -> None:
    jobs.jobs_purge()


@db_periodic_task(crontab(hour="7", minute="0"))
def send_scheduled_reminders() -> None:
    """The scheduled e-mail reminders due today (``reminders.reminders_run_due``), at 07:00."""
    reminders.reminders_run_due()
