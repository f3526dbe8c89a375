"""Test helpers for the imports and report files of ``core.job_flows``: post a form and run the
jobs it starts (the queue runs them once the request's transaction commits, which a test's never
does, so the on-commit callbacks are captured and run), read a job page, download its file."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from congdoan.core.job_flows import XLSX
from congdoan.core.models import Job


def post_and_run(client, capture, url: str, data: dict | None = None):
    """POST ``data`` to ``url`` with the jobs it starts run at once; the response."""
    with capture(execute=True):
        return client.post(url, data or {})


def job_of(response) -> Job:
    """The job a response redirected to (its page)."""
    assert response.status_code == 302, response.status_code
    job_id = response["Location"].rstrip("/").rsplit("/", 1)[1]
    assert response["Location"] == reverse("jobs:detail", args=[job_id])
    return Job.objects.get(pk=job_id)


def upload(client, capture, url: str, body: bytes, name: str = "tep.xlsx", **data) -> Job:
    """Upload ``body`` as an .xlsx on the import page at ``url``: the check job, run."""
    file = SimpleUploadedFile(name, body, content_type=XLSX)
    return job_of(post_and_run(client, capture, url, {"file": file, **data}))


def confirm(client, capture, check: Job) -> Job:
    """Press "Ghi" on a clean check: the write job, run."""
    return job_of(post_and_run(client, capture, reverse("jobs:import_confirm", args=[check.pk])))


def page(client, job: Job) -> str:
    response = client.get(reverse("jobs:detail", args=[job.pk]))
    assert response.status_code == 200
    return response.content.decode()


def download(client, job: Job) -> bytes:
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def sheet_rows(body: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(body)).get_sheet_by_index(0).to_python()
