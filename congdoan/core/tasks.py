"""Huey tasks of the core app (huey's Django integration imports every app's ``tasks`` module)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import jobs


@db_task()
def run_job(job_id: str) -> None:
    jobs.job_run(job_id)


@db_periodic_task(crontab(hour="3", minute="17"))
def purge_jobs() -> None:
    jobs.jobs_purge()
