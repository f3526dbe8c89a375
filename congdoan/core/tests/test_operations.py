"""Operations: liveness and readiness probes, JSON logs with a request id and no personal data, the
queue's state, and the superuser's page of failed jobs with a retry."""

import io
import json
import logging
import uuid

import pytest
from django.core.management import call_command
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase
from django.utils import translation

from congdoan.accounts.services import token_issue
from congdoan.core import health, jobs, logs
from congdoan.core.models import AuditEntry, Job
from congdoan.organizations.tests.factories import UserFactory

# -- probes ----------------------------------------------------------------------------------------


def test_healthz_answers_without_touching_anything(client):
    response = client.get("/healthz")  # no database access is allowed in this test
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_200_when_database_migrations_cache_and_queue_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": True, "migrations": True, "cache": True, "queue": True},
    }


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {"database": True, "migrations": True, "cache": False, "queue": True}


@pytest.mark.django_db
def test_readyz_is_503_with_a_migration_left_to_apply(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", [])
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] is False


@pytest.mark.django_db
def test_readyz_is_503_when_the_queue_is_unreachable(client, monkeypatch):
    from huey.contrib.djhuey import HUEY

    def down():
        raise ConnectionError("redis down")

    monkeypatch.setattr(HUEY, "pending_count", down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["queue"] is False


# -- logs ------------------------------------------------------------------------------------------


@pytest.fixture
def json_log():
    """The production handler (JSON, request id) on the root logger, writing into a buffer."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.RequestIdFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield buffer
    root.removeHandler(handler)
    root.setLevel(old_level)


def _lines(buffer) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


@pytest.mark.django_db
def test_each_request_is_one_json_line_with_its_request_id(client, json_log):
    response = client.get("/healthz")
    rid = response["X-Request-ID"]
    assert len(rid) == 32
    [line] = [e for e in _lines(json_log) if e["logger"] == "congdoan.request"]
    assert line["request_id"] == rid
    assert (line["method"], line["path"], line["status"], line["user_id"]) == ("GET", "/healthz", 200, None)
    assert isinstance(line["ms"], float)


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_and_a_malformed_one_replaced(client, json_log):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == "lb-1234abcd"
    bad = client.get("/healthz", HTTP_X_REQUEST_ID="x\nforged log line")["X-Request-ID"]
    assert bad != "x\nforged log line" and len(bad) == 32


def test_outside_a_request_the_id_is_a_dash(json_log):
    logging.getLogger("congdoan.test").warning("from a worker")
    assert _lines(json_log)[-1]["request_id"] == "-"


def test_an_exception_is_logged_as_its_type_and_places_not_its_message(json_log):
    try:
        raise ValueError("079123456789 0912345678")
    except ValueError:
        logging.getLogger("congdoan.test").exception("failed")
    text = json_log.getvalue()
    assert "079123456789" not in text and "0912345678" not in text
    entry = _lines(json_log)[-1]
    assert entry["exception"].startswith("ValueError at ") and "test_operations.py:" in entry["exception"]


@pytest.mark.django_db
def test_demo_members_id_numbers_and_phones_never_reach_the_log(client, json_log, settings, tmp_path):
    """Searches, pages, API answers and an error by the demo's officers with the demo members' ID
    numbers and phones in the address: the captured log holds none of them."""
    from congdoan.demo.tests.conftest import run_load_demo
    from congdoan.members.models import Person

    settings.MEDIA_ROOT = tmp_path
    run_load_demo()
    from congdoan.accounts.models import User

    hanoi = User.objects.get(username="hanoi")
    people = list(
        Person.objects.filter(
            id_number__gt="", phone__gt="", memberships__unit__versions__path__startswith=_path_of(hanoi)
        )
        .distinct()
        .order_by("pk")[:5]
    )
    assert len(people) == 5
    _, token = token_issue(actor=hanoi, name="log test")
    client.force_login(hanoi)
    for person in people:
        assert client.get("/doan-vien/", {"q": person.id_number}).status_code == 200
        assert client.get("/doan-vien/", {"q": person.phone}).status_code == 200
        assert person.phone in client.get(f"/doan-vien/{person.pk}/").content.decode()
        for q in (person.phone, person.id_number):
            api = client.get("/api/v1/members", {"q": q}, HTTP_AUTHORIZATION=f"Bearer {token}")
            assert api.status_code == 200
        detail = client.get(f"/api/v1/members/{person.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert person.id_number in detail.content.decode()
        assert client.get("/khong-co/", {"cccd": person.id_number}).status_code == 404
    text = json_log.getvalue()
    assert len(_lines(json_log)) >= 30
    for person in people:
        assert person.id_number not in text
        assert person.phone not in text


def _path_of(user) -> str:
    from congdoan.organizations.models import UnitVersion

    return UnitVersion.objects.filter(unit_id=user.home_unit_id).latest("valid_from").path


# -- the queue's state -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_queue_status_shows_the_queue_and_the_jobs_by_state():
    user = UserFactory()
    for state in ("queued", "failed", "failed", "succeeded"):
        Job.objects.create(user=user, kind="core.test.x", label="x", state=state)
    out = io.StringIO()
    call_command("queue_status", "--json", stdout=out)
    state = json.loads(out.getvalue())
    assert state["jobs"] == {"queued": 1, "running": 0, "succeeded": 1, "failed": 2}
    assert state["pending"] == 0 and state["storage"] == "MemoryHuey"
    out = io.StringIO()
    call_command("queue_status", stdout=out)
    assert "pending" in out.getvalue() and "failed" in out.getvalue()


# -- failed jobs -----------------------------------------------------------------------------------

RUNS: list = []


@jobs.job_work(name="core.test.fails_once")
def fails_once(job, progress):
    RUNS.append(job.pk)
    if len(RUNS) == 1:
        raise RuntimeError("the first run fails")


@pytest.fixture
def failed_job(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    RUNS.clear()
    owner = UserFactory(username="owner")
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = jobs.job_start(user=owner, work=fails_once, label="Nhập danh sách")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    return job


def test_the_superuser_sees_every_users_failed_jobs(client, admin_user, failed_job):
    Job.objects.create(user=failed_job.user, kind="core.test.x", label="Đã xong", state="succeeded")
    client.force_login(admin_user)
    response = client.get("/cong-viec/loi/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('data-testid="failed-job"') == 1
    assert "Nhập danh sách" in body and "owner" in body and "Đã xong" not in body


def test_the_failed_jobs_list_runs_a_constant_number_of_queries(
    client, admin_user, failed_job, django_assert_max_num_queries
):
    client.force_login(admin_user)
    client.get("/cong-viec/loi/")
    for n in range(10):
        Job.objects.create(user=UserFactory(), kind="core.test.x", label=f"Lỗi {n}", state="failed")
    with django_assert_max_num_queries(8):
        response = client.get("/cong-viec/loi/")
    assert response.content.decode().count('data-testid="failed-job"') == 11


@pytest.mark.parametrize("method", ["get", "post"])
def test_anyone_but_a_superuser_gets_404(client, failed_job, method):
    client.force_login(failed_job.user)
    assert getattr(client, method)("/cong-viec/loi/").status_code == 404
    assert getattr(client, method)(f"/cong-viec/{failed_job.pk}/chay-lai/").status_code == 404
    failed_job.refresh_from_db()
    assert failed_job.state == Job.State.FAILED


def test_retry_puts_the_job_back_in_the_queue_where_it_runs_and_is_audited(client, admin_user, failed_job):
    client.force_login(admin_user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/cong-viec/{failed_job.pk}/chay-lai/")
    assert response.status_code == 302 and response["Location"] == "/cong-viec/loi/"
    failed_job.refresh_from_db()
    assert failed_job.state == Job.State.SUCCEEDED and failed_job.message == ""
    assert [failed_job.pk, failed_job.pk] == RUNS
    entry = AuditEntry.objects.get(action="job.retry")
    assert entry.actor == admin_user and entry.object_id == str(failed_job.pk)
    assert entry.before["state"] == "failed" and entry.after == {"state": "queued"}


def test_retry_of_a_job_that_did_not_fail_is_refused(client, admin_user, failed_job):
    failed_job.state = Job.State.SUCCEEDED
    failed_job.save()
    client.force_login(admin_user)
    response = client.post(f"/cong-viec/{failed_job.pk}/chay-lai/", follow=True)
    assert "Chỉ chạy lại được công việc đã thất bại." in response.content.decode()
    assert not AuditEntry.objects.filter(action="job.retry").exists()


def test_retry_of_an_unknown_job_is_404(client, admin_user):
    client.force_login(admin_user)
    assert client.post(f"/cong-viec/{uuid.uuid4()}/chay-lai/").status_code == 404


def test_retry_answers_only_post(client, admin_user, failed_job):
    client.force_login(admin_user)
    assert client.get(f"/cong-viec/{failed_job.pk}/chay-lai/").status_code == 405


def test_the_failed_jobs_page_in_english(client, admin_user, failed_job):
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    try:
        body = client.get("/cong-viec/loi/").content.decode()
    finally:
        translation.activate("vi")  # the request's language stays active in this thread
    assert "Failed background jobs" in body and "Run again" in body
