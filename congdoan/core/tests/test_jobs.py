"""Background jobs: running in one transaction, failure messages, progress, and the owner-only pages."""

import logging
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.test import TestCase

from congdoan.core import jobs
from congdoan.core.models import AuditEntry, Job
from congdoan.organizations.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _audit_row(job):
    return AuditEntry.objects.create(
        actor=job.user, action="test.write", object_type="x", object_id="1", object_repr="x"
    )


def always(actor, job) -> bool:
    return True


@jobs.job_work(name="core.test.writes_a_file", may_download=always)
def writes_a_file(job, progress):
    progress.start("Đếm", total=3)
    for _ in range(3):
        progress.advance()
    out = jobs.job_file(job, "out.txt")
    out.write_text("kết quả")
    jobs.set_result_file(job, out, "ket-qua.txt")
    job.result = {"n": 3}
    _audit_row(job)


@jobs.job_work(name="core.test.refuses", may_download=always)
def refuses(job, progress):
    _audit_row(job)
    out = jobs.job_file(job, "half.txt")
    out.write_text("nửa chừng")
    jobs.set_result_file(job, out, "half.txt")
    raise ValidationError({"file": ["Dòng 3, cột 'Ngày sinh': sai.", "Dòng 4, cột 'Giới tính': sai."]})


@jobs.job_work(name="core.test.crashes")
def crashes(job, progress):
    _audit_row(job)
    raise RuntimeError("012345678901 is somebody's ID number")


@jobs.job_work(name="core.test.reports_progress")
def reports_progress(job, progress):
    progress.start("Kiểm tra", total=10)
    progress.advance(4)
    job.result = {"seen": jobs.progress_of(Job.objects.get(pk=job.pk))}


ALLOWED: set = set()  # users the rule of "core.test.guarded_file" allows now


@jobs.job_work(name="core.test.guarded_file", may_download=lambda actor, job: actor.pk in ALLOWED)
def guarded_file(job, progress):
    writes_a_file(job, progress)


def start(**kwargs) -> Job:
    """``jobs.job_start`` as a request does it: the job is queued once the transaction commits (the
    test's never does, so its on-commit callbacks run here), and runs at once (immediate queue)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return jobs.job_start(**kwargs)


def not_marked(job, progress):  # pragma: no cover - must never run
    _audit_row(job)


@pytest.fixture
def owner(db):
    return UserFactory(username="owner")


@pytest.fixture
def stranger(db):
    return UserFactory(username="stranger")


def test_job_runs_and_keeps_its_result(owner):
    job = start(user=owner, work=writes_a_file, label="Thử")
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED
    assert (job.done, job.total) == (3, 3)
    assert job.result == {"n": 3}
    assert job.result_name == "ket-qua.txt"
    assert jobs.result_path(job).read_text() == "kết quả"
    assert job.result_file == f"jobs/{job.pk}/out.txt"
    assert job.started_at and job.finished_at
    assert AuditEntry.objects.filter(action="test.write").count() == 1
    assert isinstance(job.pk, uuid.UUID)


def test_validation_error_fails_the_job_writes_nothing_and_drops_the_file(owner):
    job = start(user=owner, work=refuses, label="Thử")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.message == "Dòng 3, cột 'Ngày sinh': sai.\nDòng 4, cột 'Giới tính': sai."
    assert not AuditEntry.objects.filter(action="test.write").exists()
    assert job.result_file == ""
    assert not (jobs.job_dir(job) / "half.txt").exists()


def test_unexpected_error_shows_a_generic_message_and_logs_no_personal_data(owner, caplog):
    with caplog.at_level(logging.ERROR, logger="congdoan.core.jobs"):
        job = start(user=owner, work=crashes, label="Thử")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.message == "Lỗi hệ thống, đã ghi nhận."
    assert not AuditEntry.objects.filter(action="test.write").exists()
    assert "RuntimeError" in caplog.text
    assert "012345678901" not in caplog.text


def test_only_marked_functions_can_be_jobs(owner):
    with pytest.raises(jobs.NotJobWork):
        start(user=owner, work=not_marked, label="Thử")
    assert not Job.objects.exists()


def test_progress_is_live_in_the_cache_while_running(owner):
    job = start(user=owner, work=reports_progress, label="Thử")
    job.refresh_from_db()
    assert job.result["seen"] == {"step": "Kiểm tra", "done": 4, "total": 10, "percent": 40}
    # Once finished, the figures come from the row and the cache entry is gone.
    assert jobs.progress_of(job)["percent"] == 100


def test_progress_writes_are_throttled(owner, monkeypatch):
    job = Job.objects.create(user=owner, kind="x", label="x", state=Job.State.RUNNING)
    writes = []
    monkeypatch.setattr(jobs.cache, "set", lambda *a, **k: writes.append(a))
    progress = jobs.Progress(job, interval=60)
    progress.start("Ghi", total=1000)
    for _ in range(1000):
        progress.advance()
    assert len(writes) == 1  # the start; the thousand advances fell inside the interval
    assert progress.done == 1000


def test_a_job_runs_once(owner):
    job = start(user=owner, work=writes_a_file, label="Thử")
    jobs.job_run(str(job.pk))  # a retried task finds it no longer queued
    assert AuditEntry.objects.filter(action="test.write").count() == 1


# -- pages -----------------------------------------------------------------------------------------


def test_job_pages_are_the_owners_only(client, owner, stranger):
    job = start(user=owner, work=writes_a_file, label="Xuất danh sách")
    client.force_login(stranger)
    for name in ("detail", "progress", "download"):
        assert (
            client.get(
                f"/cong-viec/{job.pk}/" + {"detail": "", "progress": "tien-do/", "download": "tai-ve/"}[name]
            ).status_code
            == 404
        )
    assert "Xuất danh sách" not in client.get("/cong-viec/").content.decode()

    client.force_login(owner)
    page = client.get(f"/cong-viec/{job.pk}/")
    assert page.status_code == 200
    assert "Xuất danh sách" in page.content.decode()
    response = client.get(f"/cong-viec/{job.pk}/tai-ve/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "kết quả"
    assert 'filename="ket-qua.txt"' in response["Content-Disposition"]


def test_a_kinds_download_rule_is_asked_at_download_time(client, owner):
    """A job kind's ``may_download`` is asked at every download, not when the file was written."""
    ALLOWED.add(owner.pk)
    job = start(user=owner, work=guarded_file, label="Xuất có thông tin cá nhân")
    client.force_login(owner)
    url = f"/cong-viec/{job.pk}/tai-ve/"
    assert client.get(url).status_code == 200
    ALLOWED.discard(owner.pk)
    assert client.get(url).status_code == 403
    assert not jobs.may_download(owner, job)
    job.kind = "core.test.no_longer_registered"
    assert not jobs.may_download(owner, job)  # fail closed


@jobs.job_work(name="core.test.file_without_rule")
def file_without_rule(job, progress):
    writes_a_file(job, progress)


def test_a_kind_without_a_download_rule_offers_no_file(owner):
    """Every download re-checks a permission (issue 8): a kind that declares no ``may_download``
    cannot offer a file (the members' statistics export had none), and none is downloadable."""
    job = start(user=owner, work=file_without_rule, label="Thống kê")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and not job.result_file
    assert not jobs.may_download(owner, job)


def test_unknown_job_is_404(client, owner):
    client.force_login(owner)
    assert client.get(f"/cong-viec/{uuid.uuid4()}/").status_code == 404


def test_login_required(client, owner):
    job = Job.objects.create(user=owner, kind="x", label="x")
    assert client.get(f"/cong-viec/{job.pk}/").status_code == 302


def test_progress_polls_until_the_job_ends(client, owner):
    job = Job.objects.create(user=owner, kind="x", label="x", state=Job.State.RUNNING)
    jobs.Progress(job).start("Ghi dữ liệu", total=200)
    client.force_login(owner)
    body = client.get(f"/cong-viec/{job.pk}/tien-do/").content.decode()
    assert 'hx-trigger="every 1s"' in body
    assert "Ghi dữ liệu" in body and "0/200" in body

    job.state, job.message = Job.State.FAILED, "Tệp không đọc được."
    job.save()
    body = client.get(f"/cong-viec/{job.pk}/tien-do/").content.decode()
    assert "hx-trigger" not in body
    assert "Tệp không đọc được." in body


def test_failed_job_offers_no_download(client, owner):
    job = start(user=owner, work=refuses, label="Thử")
    client.force_login(owner)
    assert client.get(f"/cong-viec/{job.pk}/tai-ve/").status_code == 404
    assert "Dòng 3, cột" in client.get(f"/cong-viec/{job.pk}/").content.decode()


@pytest.mark.parametrize("n", [1, 30])
def test_job_list_query_count_is_constant(client, owner, stranger, django_assert_max_num_queries, n):
    for i in range(n):
        Job.objects.create(user=owner, kind="x", label=f"Việc {i}")
    Job.objects.create(user=stranger, kind="x", label="Việc của người khác")
    client.force_login(owner)
    with django_assert_max_num_queries(8):
        body = client.get("/cong-viec/").content.decode()
    assert body.count('<td><a href="/cong-viec/') == n  # the rows; the sidebar links the list too
    assert "Việc của người khác" not in body


def test_purge_removes_old_finished_jobs_and_files(owner):
    job = start(user=owner, work=writes_a_file, label="Thử")
    folder = jobs.job_dir(job)
    Job.objects.filter(pk=job.pk).update(created_at=job.created_at - jobs.KEEP_FOR * 2)
    fresh = start(user=owner, work=writes_a_file, label="Mới")
    assert jobs.jobs_purge() == 1
    assert not folder.exists()
    assert list(Job.objects.values_list("pk", flat=True)) == [fresh.pk]


# -- names, the queue on commit, follow-ups -------------------------------------------------------------


def test_the_stored_kind_is_the_registered_name_not_a_module_path(owner):
    job = start(user=owner, work=writes_a_file, label="Thử")
    assert job.kind == "core.test.writes_a_file" == jobs.kind_of(writes_a_file)
    assert __name__ not in job.kind and "test_jobs" not in job.kind
    assert jobs.REGISTRY[job.kind].work is writes_a_file


def test_an_unknown_kind_fails_the_job_clearly(owner, caplog):
    job = Job.objects.create(user=owner, kind="congdoan.members.importing.validate_work", label="Cũ")
    with caplog.at_level(logging.ERROR, logger="congdoan.core.jobs"):
        jobs.job_run(str(job.pk))
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.message == "Lỗi hệ thống, đã ghi nhận."
    assert "no job work is registered as 'congdoan.members.importing.validate_work'" in caplog.text
    assert jobs.result_template(job) == ""


def test_names_are_checked_and_held_once():
    with pytest.raises(ImproperlyConfigured, match="must look like"):
        jobs.job_work(name="congdoan.core.tests.Writes")
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        jobs.job_work(name="core.test.writes_a_file")(not_marked)
    assert "not_marked" not in str(jobs.REGISTRY)


def test_the_job_is_queued_only_once_its_row_is_committed(owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        job = jobs.job_start(user=owner, work=writes_a_file, label="Thử")
        job.refresh_from_db()
        assert job.state == Job.State.QUEUED  # not handed to the queue inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED


def test_a_rolled_back_job_is_never_queued(owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        jobs.job_start(user=owner, work=writes_a_file, label="Thử")
        raise RuntimeError
    assert callbacks == [] and not Job.objects.exists()


@pytest.fixture
def checked(owner):
    return Job.objects.create(
        user=owner, kind="core.test.reports_progress", label="Kiểm tra", state="succeeded"
    )


def test_a_follow_up_starts_once(owner, checked):
    with TestCase.captureOnCommitCallbacks(execute=True):
        first, started = jobs.job_follow_up(user=owner, source=checked, work=writes_a_file, label="Ghi")
        again, started_again = jobs.job_follow_up(user=owner, source=checked, work=writes_a_file, label="Ghi")
    assert (started, started_again) == (True, False) and again == first
    checked.refresh_from_db()
    assert checked.follow_up == first
    assert Job.objects.filter(kind="core.test.writes_a_file").count() == 1
    assert AuditEntry.objects.filter(action="test.write").count() == 1


def test_a_race_for_the_follow_up_has_one_winner(owner, checked):
    """Two requests read the check before either writes: the second claim's conditional UPDATE
    finds it taken, its job is rolled back unqueued, and it is sent to the winner's."""
    late = Job.objects.get(pk=checked.pk)  # the second request's read, before the first claims
    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
        first, started = jobs.job_follow_up(user=owner, source=checked, work=writes_a_file, label="Ghi")
        second, started_again = jobs.job_follow_up(user=owner, source=late, work=writes_a_file, label="Ghi")
    assert (started, started_again) == (True, False) and second == first
    assert len(callbacks) == 1  # only the winner's job was queued
    assert Job.objects.filter(kind="core.test.writes_a_file").count() == 1
    assert AuditEntry.objects.filter(action="test.write").count() == 1


def test_a_failed_follow_up_may_be_replaced(owner, checked):
    failed = Job.objects.create(user=owner, kind="core.test.refuses", label="Ghi", state=Job.State.FAILED)
    Job.objects.filter(pk=checked.pk).update(follow_up=failed)
    checked.refresh_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        job, started = jobs.job_follow_up(user=owner, source=checked, work=writes_a_file, label="Ghi")
    assert started and job != failed
    checked.refresh_from_db()
    assert checked.follow_up == job
