"""The member import's write: a constant number of queries whatever the number of rows, its audit
rows through audit.record_many, a checked file written at most once, and the renamed job kinds."""

import datetime as dt
import importlib
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from congdoan.core.models import AuditEntry, Job
from congdoan.members import import_write, importing
from congdoan.members.models import Membership, Person
from congdoan.members.tests.test_importing import member, write_xlsx


def _write_queries(actor, path) -> int:
    actor = type(actor).objects.get(pk=actor.pk)  # no permission caches carried from the last write
    rows = importing.read_sheet(path).rows
    with CaptureQueriesContext(connection) as queries:
        import_write.member_import_apply(actor=actor, rows=rows)
    return len(queries)


def test_the_write_takes_the_same_queries_for_50_or_200_rows(officer_a, tree, tmp_path):
    counts = {}
    for n, first in ((50, 1), (200, 1001)):
        path = write_xlsx(tmp_path / f"moi-{n}.xlsx", [member(first + i) for i in range(n)])
        counts[("create", n)] = _write_queries(officer_a, path)
        renamed = [member(first + i, full_name=f"Tên mới {i}", phone="0987654321") for i in range(n)]
        counts[("update", n)] = _write_queries(officer_a, write_xlsx(tmp_path / f"sua-{n}.xlsx", renamed))
    assert counts[("create", 50)] == counts[("create", 200)]
    assert counts[("update", 50)] == counts[("update", 200)]
    assert Person.objects.count() == Membership.objects.count() == 250
    assert AuditEntry.objects.filter(action="member.join").count() == 250
    assert AuditEntry.objects.filter(action="member.update").count() == 250
    entry = AuditEntry.objects.filter(action="member.update").order_by("pk").last()
    assert entry.after == {"full_name": "Tên mới 199", "phone": "0987654321", "via": "import"}
    assert entry.object_type == "members.person" and entry.actor == officer_a


@pytest.fixture
def check(officer_a, tree, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = write_xlsx(tmp_path / "ds.xlsx", [member(1), member(2)])
    job = Job.objects.create(
        user=officer_a,
        kind=importing.CHECK_JOB,
        label="Kiểm tra",
        state=Job.State.SUCCEEDED,
        result={"error_rows": 0},
        params={"filename": "ds.xlsx"},
    )
    from congdoan.core import jobs

    jobs.job_file(job, importing.UPLOAD_NAME).write_bytes(path.read_bytes())
    return job


def test_a_checked_file_is_written_once_even_by_two_racing_requests(officer_a, check):
    late = Job.objects.get(pk=check.pk)  # a second click read the check before the first wrote
    with TestCase.captureOnCommitCallbacks(execute=True):
        write, started = import_write.import_write_start(actor=officer_a, check=check)
        again, started_again = import_write.import_write_start(actor=officer_a, check=late)
    assert (started, started_again) == (True, False) and again == write
    write.refresh_from_db()
    assert write.state == Job.State.SUCCEEDED and write.kind == importing.WRITE_JOB
    assert Person.objects.count() == 2
    assert Job.objects.filter(kind=importing.WRITE_JOB).count() == 1


def test_a_check_with_errors_is_not_written(officer_a, check):
    Job.objects.filter(pk=check.pk).update(result={"error_rows": 1})
    check.refresh_from_db()
    with pytest.raises(ValidationError, match="còn lỗi nên không ghi được"):
        import_write.import_write_start(actor=officer_a, check=check)
    assert not Job.objects.filter(kind=importing.WRITE_JOB).exists()


def test_the_migration_renames_the_stored_kinds(officer_a, db):
    migration = importlib.import_module("congdoan.members.migrations.0005_job_kinds_by_name")
    write = Job.objects.create(user=officer_a, kind="congdoan.members.importing.apply_work", label="Ghi")
    old = Job.objects.create(
        user=officer_a,
        kind="congdoan.members.importing.validate_work",
        label="Kiểm tra",
        result={"rows": 2, "applied": str(write.pk)},
    )
    export = Job.objects.create(
        user=officer_a, kind="congdoan.members.exporting.members_export_work", label="x"
    )
    migration.rename(apps, None)
    old.refresh_from_db()
    write.refresh_from_db()
    export.refresh_from_db()
    assert (old.kind, write.kind, export.kind) == (
        importing.CHECK_JOB,
        importing.WRITE_JOB,
        "members.export.list",
    )
    assert old.follow_up == write and old.result == {"rows": 2}
    assert all("congdoan" not in kind for kind in Job.objects.values_list("kind", flat=True))


class _Recorder:
    """A job's Progress without the cache: each step's total and the count after each report."""

    def __init__(self):
        self.steps: dict[str, tuple[int | None, list[int]]] = {}
        self.step, self.done = "", 0

    def start(self, step, total=None):
        self.step, self.done = str(step), 0
        self.steps[self.step] = (total, [])

    def advance(self, n=1):
        self.done += n
        self.steps[self.step][1].append(self.done)


def test_the_write_reports_progress_while_it_writes(officer_a, tree, tmp_path, monkeypatch):
    """Issue 9: the bar stayed at 0 during the write and jumped to 100 %. The database rows are
    reported as they are written, every ``PROGRESS_BATCH`` rows (persons, periods, then audit rows:
    15 for 5 new members), as rows of the file."""
    from congdoan.core.bulk import insert

    monkeypatch.setattr(insert, "PROGRESS_BATCH", 2)
    rows = importing.read_sheet(write_xlsx(tmp_path / "moi.xlsx", [member(i) for i in range(1, 6)])).rows
    recorder = _Recorder()
    import_write.member_import_apply(actor=officer_a, rows=rows, progress=recorder)
    total, reports = recorder.steps["Ghi dữ liệu"]
    assert total == 5
    assert reports == [1, 2, 3, 4, 5]  # after 4, 7, 9, 12 and 15 of the 15 database rows
    assert Person.objects.count() == 5


def test_changed_members_are_reported_too(officer_a, tree, tmp_path, monkeypatch):
    from congdoan.core.bulk import insert

    import_write.import_file(
        actor=officer_a, path=write_xlsx(tmp_path / "a.xlsx", [member(1), member(2), member(3)])
    )
    monkeypatch.setattr(insert, "PROGRESS_BATCH", 2)
    renamed = [member(i, full_name=f"Tên mới {i}") for i in (1, 2, 3)]
    rows = importing.read_sheet(write_xlsx(tmp_path / "b.xlsx", renamed)).rows
    recorder = _Recorder()
    import_write.member_import_apply(actor=officer_a, rows=rows, progress=recorder)
    assert recorder.steps["Ghi dữ liệu"] == (3, [1, 2, 3])  # 3 updates, then 3 audit rows


def _stored(rows_of_file, actor) -> tuple[list, list]:
    """Write the rows in a savepoint and return the periods and entries it stored (by name), then
    roll it back."""
    saved = transaction.savepoint()
    import_write.member_import_apply(actor=actor, rows=rows_of_file)
    names = dict(Person.objects.values_list("pk", "full_name"))
    periods = sorted(
        (names[m.person_id], m.unit_id, m.card_number, m.status, m.valid_from, m.valid_to, m.end_status)
        + (m.end_note, m.first, m.sex)
        for m in Membership.objects.all()
    )
    entries = sorted(
        (e.object_repr, names[int(e.object_id)], e.object_type, e.actor_id, e.action, e.unit_id)
        + (json.dumps(e.before, sort_keys=True), json.dumps(e.after, sort_keys=True))
        for e in AuditEntry.objects.filter(action="member.join")
    )
    transaction.savepoint_rollback(saved)
    return periods, entries


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the set-based write is PostgreSQL's")
def test_the_set_based_write_stores_what_the_row_by_row_write_stores(officer_a, tree, tmp_path, monkeypatch):
    """Issue 9: on PostgreSQL the periods and "member.join" entries are INSERT … SELECT from the
    people just written; the same file written row by row (SQLite's way) stores the same rows:
    empty values kept, missing ones left out, the period from the later of the join date and the
    day the officer's authority began, dates in ISO."""
    rows = [
        member(1),
        member(
            2,
            id_number="",
            phone="",
            card_number="",
            sex="Nữ",
            date_of_birth="17/05/1960",
            joined_union_on="01/02/1985",
        ),
        member(3, date_of_birth="", ethnicity="Tày", policy_family="x"),
    ]
    path = write_xlsx(tmp_path / "moi.xlsx", rows)
    read = importing.read_sheet(path).rows
    assert import_write.set_based()
    in_database = _stored(read, officer_a)
    monkeypatch.setattr(import_write, "set_based", lambda: False)
    row_by_row = _stored(importing.read_sheet(path).rows, officer_a)
    assert in_database == row_by_row
    periods, entries = in_database
    assert len(periods) == len(entries) == 3
    assert periods[1][0] == "Nguyễn Văn Nhập 2" and periods[1][4] >= dt.date(1985, 2, 1)
    after = json.loads(entries[0][-1])
    assert after["via"] == "import" and after["on"] == periods[0][4].isoformat()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the set-based write is PostgreSQL's")
def test_set_based_entries_keep_the_audit_rules(officer_a, tree):
    """audit.record_created_from refuses, as record_many does, an unregistered action before
    writing anything, and writes one entry per selected row."""
    from django.core.exceptions import ImproperlyConfigured

    from congdoan.core import audit

    args = {
        "actor": officer_a, "model": Person, "source": '"members_person" AS p', "object_id": "p.id",
        "object_repr": "p.full_name", "unit_id": "p.unit_id", "after": {"full_name": "p.full_name"},
    }  # fmt: skip
    with pytest.raises(ImproperlyConfigured):
        audit.record_created_from(action="member.nothing", **args)
    with transaction.atomic():
        assert audit.record_created_from(action="member.join", **args) == Person.objects.count()
    assert not AuditEntry.objects.filter(action="member.nothing").exists()
