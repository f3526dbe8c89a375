"""Nothing answered to a signed-in user, or by the API, is kept by the browser: every page,
fragment, API answer and download says ``Cache-Control: no-store`` (``core.middleware.no_store``).

The routes are those of the route-scope walk, so a new page is checked the moment it exists.
"""

import re

import pytest
from django.conf import settings

from congdoan.accounts.services import token_issue
from congdoan.core import jobs
from congdoan.core.models import Job
from tests import test_route_scope as scope
from tests.test_route_scope import _fill, api_operations, ui_routes

own = scope.own  # the fixture: objects of CĐCS A, which officer_a sees


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize(("route", "pattern"), ui_routes())
def test_every_page_to_a_signed_in_user_is_no_store(route, pattern, client, officer_a, own):
    client.force_login(officer_a)
    url = _fill(route, {**own, "token_id": token_issue(actor=officer_a, name="a")[0].pk})
    for response in (client.get(url), client.get(url, HTTP_HX_REQUEST="true")):
        assert no_store(response), f"GET {url} ({response.status_code}) may be cached"


@pytest.mark.parametrize(("method", "path", "op"), api_operations())
def test_every_api_answer_is_no_store(method, path, op, client, officer_a, own):
    _, raw = token_issue(actor=officer_a, name="a")
    url = re.sub(r"\{(?P<name>\w+)\}", lambda m: str(own.get(m.group("name"), own["unit_id"])), path)
    response = client.generic(method, url, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert no_store(response), f"{method} {url} ({response.status_code}) may be cached"


KIND = "core.test.no_store_download"


@jobs.job_work(name=KIND, may_download=lambda actor, job: True)
def _writes_nothing(job):  # a registered kind: an unregistered one may never be downloaded
    return {}


def test_a_download_is_no_store(client, officer_a, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MEDIA_ROOT", str(tmp_path))
    job = Job.objects.create(user=officer_a, kind=KIND, label="Xuất", state=Job.State.SUCCEEDED)
    path = jobs.job_dir(job) / "danh-sach.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK")
    jobs.set_result_file(job, path, "danh-sach.xlsx")
    job.save()
    client.force_login(officer_a)
    response = client.get(f"/cong-viec/{job.pk}/tai-ve/")
    assert response.status_code == 200 and response.streaming
    assert no_store(response)


def test_a_public_answer_to_an_anonymous_visitor_keeps_the_defaults(client, db):
    """The rule is about personal data (the walk above would pass if every answer were no-store)."""
    assert not no_store(client.get("/healthz"))
