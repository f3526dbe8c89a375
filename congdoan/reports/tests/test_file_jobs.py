"""The reports' xlsx of a large unit are built by background jobs with progress (reports.files):
a GET asks to start, the POST starts the job, its page offers the file, which holds what the inline
file of a small unit holds; the download rule is re-checked at download (another user's job 404,
a role that ended 403)."""

import pytest
from django.urls import reverse

from congdoan.core.dates import today
from congdoan.core.models import Job
from congdoan.core.tests import flows
from congdoan.organizations.models import RoleAssignment

pytestmark = pytest.mark.django_db

URLS = {
    "reports.tong_ket.xlsx": "/bao-cao/tong-ket/xlsx/?unit={u}&nam=2022",
    "reports.so_ket.xlsx": "/bao-cao/so-ket/xlsx/?unit={u}&nam=2022",
    "reports.membership.xlsx": "/bao-cao/thong-ke-doan-vien/xlsx/?unit={u}&ky=2022",
    "reports.comparison.xlsx": "/bao-cao/so-sanh/xlsx/?unit={u}&ky=2022&section=organisation",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("kind", list(URLS))
def test_a_large_unit_s_file_is_a_job_holding_the_inline_file(
    kind, as_, cdvc_officer, year_2022, settings, django_capture_on_commit_callbacks
):
    client = as_(cdvc_officer)
    url = URLS[kind].format(u=year_2022.cdvc.pk)
    settings.REPORTS_INLINE_UNITS = 10  # the unit and its two CĐCS: small, at once
    inline = client.get(url)
    assert inline.status_code == 200 and inline["Content-Disposition"].startswith("attachment")
    settings.REPORTS_INLINE_UNITS = 2  # three units: a job
    asked = client.get(url)
    assert asked.status_code == 200 and "file-job-start" in asked.content.decode()
    assert not Job.objects.exists()  # a GET starts nothing
    job = flows.job_of(flows.post_and_run(client, django_capture_on_commit_callbacks, url))
    assert job.kind == kind and job.state == Job.State.SUCCEEDED and job.done == job.total == 2
    assert "job-download" in flows.page(client, job)
    body = flows.download(client, job)
    assert flows.sheet_rows(body) == flows.sheet_rows(inline.content)


def test_the_download_rule_is_checked_at_download(
    as_, cdvc_officer, officer_a, year_2022, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_INLINE_UNITS = 1
    client = as_(cdvc_officer)
    url = URLS["reports.membership.xlsx"].format(u=year_2022.cdvc.pk)
    job = flows.job_of(flows.post_and_run(client, django_capture_on_commit_callbacks, url))
    download = reverse("jobs:download", args=[job.pk])
    assert as_(officer_a).get(download).status_code == 404  # another user's job
    client = as_(cdvc_officer)
    assert client.get(download).status_code == 200
    RoleAssignment.objects.filter(user=cdvc_officer).update(valid_to=today())
    assert client.get(download).status_code == 403  # the role that allowed it has ended


def test_an_out_of_reach_unit_starts_no_job(as_, officer_a, year_2022, settings):
    settings.REPORTS_INLINE_UNITS = 1
    client = as_(officer_a)
    response = client.post(URLS["reports.tong_ket.xlsx"].format(u=year_2022.cdvc.pk))
    assert response.status_code in (404, 422) and not Job.objects.exists()  # the picker refuses it


def test_a_job_whose_unit_went_out_of_reach_says_so(officer_a, year_2022):
    """Built as the owner from the page's query string: a unit out of their reach by then ends the
    job with the message naming the file, not as a system error."""
    from django.core.exceptions import ValidationError

    from congdoan.reports import files

    with pytest.raises(ValidationError) as exc:
        files.REPORTS["tong-ket"].build(
            actor=officer_a, params={"query": f"unit={year_2022.b.pk}&nam=2022", "unit": year_2022.b.pk}
        )
    assert "file" in exc.value.message_dict
