"""Writing a checked member import: every row or none, in one transaction and in bulk.

New people join their unit (a ``Person`` and its open ``Membership`` period), matched people are
updated (their open period carries the card number too); one audit row each ("member.join",
"member.update", marked ``"via": "import"``), as the services would record them one by one. Every
write is a constant number of statements whatever the number of rows (``core.bulk.insert``,
``audit.record_many``): 100,000 rows in seconds, where a service call per row takes minutes. On
PostgreSQL the new people's periods and audit rows are ``INSERT … SELECT`` from the people just
written (``audit.record_created_from``), never built row by row in Python; elsewhere (SQLite) they
are built here. ``tests/test_import_write.py`` holds both ways to the same rows.
"""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core import audit, jobs
from congdoan.core.bulk import insert
from congdoan.core.bulk.insert import bulk_insert, bulk_update
from congdoan.core.models import Job
from congdoan.core.numbers import format_number

from .importing import (
    CHECK_JOB,
    PERSON_KEYS,
    UPLOAD_NAME,
    WRITE_JOB,
    ImportPlan,
    ImportRow,
    member_import_check,
    read_sheet,
)
from .models import NAME_KEYS, Membership, Person, Status, name_keys
from .services import AUDITED

PERSON_DEFAULTS = {f.attname: f.get_default() for f in Person._meta.concrete_fields}
PERSON_COLUMNS = (
    *PERSON_KEYS,
    *NAME_KEYS,
    "unit_id",
    "unit_path",
    "card_number",
    "status",
    "created_at",
    "updated_at",
)
MEMBERSHIP_COLUMNS = (
    "person_id", "unit_id", "card_number", "status", "end_status", "end_note", "valid_from", "first", "sex",
)  # fmt: skip
OPEN_PERIOD = (Status.ACTIVE.value, "", "")  # status, end_status, end_note of a new open period
VIA = {"via": "import"}


def _json(value):
    return value.isoformat() if isinstance(value, dt.date) else value


@transaction.atomic
def member_import_apply(*, actor, rows: list[ImportRow], progress: jobs.Progress | None = None) -> ImportPlan:
    """Write every row or none: new people join their unit, matched people are updated; one audit
    row each ("member.join" / "member.update"), all in this transaction and in bulk.

    Policy: units come from the actor's scope (``member_import_check``), matched people must be in
    it, and their personal fields change only with members.view_personal. Every error is found
    before the first write: a file with an error raises ``ValidationError({"file": [...]})``."""
    plan = member_import_check(actor=actor, rows=rows, progress=progress)
    if plan.error_rows:
        raise ValidationError(
            {
                "file": [
                    _(
                        "Tệp có %(n)s dòng lỗi nên chưa ghi dòng nào. Hãy sửa theo báo cáo kiểm tra rồi nhập lại."
                    )
                    % {"n": format_number(len(plan.error_rows))},
                    *plan.messages(limit=20),
                ]
            }
        )
    new = [r for r in rows if r.person is None]
    changed = [r for r in rows if r.person is not None and r.changes]
    advance = None
    if progress:
        progress.start(_("Ghi dữ liệu"), total=len(new) + len(changed))
        # A new member is three database rows (person, period, audit row), a changed one two.
        advance = _rows_written(progress, len(new) + len(changed), 3 * len(new) + 2 * len(changed))
    now = timezone.now()
    joined = _create(actor, new, now, advance)
    updated = _update(actor, changed, now, advance)
    audit.record_many(
        actor=actor, action="member.join", model=Person, changes=joined, at=now, advance=advance
    )
    audit.record_many(
        actor=actor, action="member.update", model=Person, changes=updated, at=now, advance=advance
    )
    return plan


def _rows_written(progress: jobs.Progress, rows: int, writes: int):
    """``advance`` for the bulk writes (``core.bulk.insert``: database rows as they are written, in
    batches), reported to ``progress`` in rows of the file, so the bar moves during the write."""
    written = 0

    def advance(n: int) -> None:
        nonlocal written
        before = written * rows // writes
        written += n
        if step := written * rows // writes - before:
            progress.advance(step)

    return advance


def _create(actor, rows: list[ImportRow], now, advance) -> list[audit.Change]:
    """Insert the new people, then their periods and "member.join" entries: on PostgreSQL set-based
    (``_join_in_database``, nothing to record after: returns ``[]``), elsewhere built here, one per
    row, for ``audit.record_many``."""
    if not rows:
        return []
    people = [_person(row, now) for row in rows]
    ids = bulk_insert(
        Person, PERSON_COLUMNS, [tuple(p[c] for c in PERSON_COLUMNS) for p in people], advance=advance
    )
    if set_based():
        _join_in_database(actor, rows, ids, now, advance)
        return []
    memberships, changes = [], []
    for row, person_id, person in zip(rows, ids, people, strict=True):
        start = max(person["joined_union_on"], row.unit.since)  # as START, below
        # A new person's one period: their first (Membership.first), with their sex.
        memberships.append(
            (person_id, person["unit_id"], person["card_number"], *OPEN_PERIOD, start, True, person["sex"])
        )
        # As member_join records it: the fields that have a value, and the date of the period.
        after = {name: _json(person["unit_id" if name == "unit" else name]) for name in AUDITED}
        changes.append(
            audit.Change(
                person_id,
                person["full_name"],
                person["unit_id"],
                {},
                {**after, "on": start.isoformat(), **VIA},
            )
        )
    bulk_insert(Membership, MEMBERSHIP_COLUMNS, memberships, returning=False, advance=advance)
    return changes


def set_based() -> bool:
    """Whether the periods and entries of new people are written by ``INSERT … SELECT``."""
    return connection.vendor == "postgresql"


def _person(row: ImportRow, now) -> dict:
    values, unit = row.values, row.unit
    return {
        **PERSON_DEFAULTS,
        **{k: values[k] for k in PERSON_KEYS if k in values},
        **name_keys(values["full_name"]),
        "unit_id": unit.unit_id,
        "unit_path": unit.path,
        "card_number": values.get("card_number", ""),
        "status": Status.ACTIVE.value,
        "created_at": now,
        "updated_at": now,
    }


# -- PostgreSQL: the periods and the audit rows from the people just inserted --------------------------
# The register knows a unit from its founding, and the actor may write in it from the day their
# authority has covered it (``policy.held_since``, as ``require_dated`` for a join): an older join
# date opens the period then. ``u`` is the rows' units with that day (``row.unit.since``).
START = "GREATEST(p.joined_union_on, u.since)"
PEOPLE_JUST_WRITTEN = (
    '"members_person" AS p JOIN unnest(%s::bigint[], %s::date[]) AS u(unit_id, since) '
    "ON u.unit_id = p.unit_id WHERE {ids}"
)


def _join_in_database(actor, rows: list[ImportRow], ids: list[int], now, advance) -> None:
    """What the per-row path builds (the open first period, the "member.join" entry with the fields
    that have a value and the period's date), as ``INSERT … SELECT`` from the new people: one
    statement each, or one each per ``PROGRESS_BATCH`` people reporting them (``advance``), so that
    the bar moves through this part of the write too."""
    since = {row.unit.unit_id: row.unit.since for row in rows}
    units = [list(since), list(since.values())]
    columns = ", ".join(MEMBERSHIP_COLUMNS)
    values = ", ".join(
        ["p.id", "p.unit_id", "p.card_number", *["%s"] * len(OPEN_PERIOD), START, "true", "p.sex"]
    )
    after = {name: f"p.{'unit_id' if name == 'unit' else name}" for name in AUDITED} | {"on": START}
    step = insert.PROGRESS_BATCH if advance else len(ids)
    chunks = [ids[i : i + step] for i in range(0, len(ids), step)]

    def periods(source: str, params: list) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f'INSERT INTO "members_membership" ({columns}) SELECT {values} FROM {source}',
                [*OPEN_PERIOD, *params],
            )

    def entries(source: str, params: list) -> None:
        audit.record_created_from(
            actor=actor, action="member.join", model=Person, source=source, params=params,
            object_id="p.id", object_repr="p.full_name", unit_id="p.unit_id", after=after, extra=VIA, at=now,
        )  # fmt: skip

    for write in (periods, entries):
        for chunk in chunks:
            where, id_params = _ids_where(chunk)
            write(PEOPLE_JUST_WRITTEN.format(ids=where), [*units, *id_params])
            if advance:
                advance(len(chunk))


def _ids_where(ids: list[int]) -> tuple[str, list]:
    """The people of ``ids``: a range of the primary key when the sequence gave a block (as it does
    when no other insert runs at the same time), else the list."""
    if ids[-1] - ids[0] + 1 == len(ids):
        return "p.id BETWEEN %s AND %s", [ids[0], ids[-1]]
    return "p.id = ANY(%s::bigint[])", [ids]


def _update(actor, rows: list[ImportRow], now, advance) -> list[audit.Change]:
    fields = {key for row in rows for key in row.changes} | {"updated_at"}
    if "full_name" in fields:
        fields.update(NAME_KEYS)
    fields = sorted(fields)
    people, changes, cards, sexes = [], [], [], []
    for row in rows:
        person, changed = row.person, row.changes
        # Every row sets the union of the changed columns: unchanged ones keep their value.
        new = {**person, **changed, "updated_at": now}
        new.update(name_keys(new["full_name"]))
        people.append((person["id"], *(new[f] for f in fields)))
        if "card_number" in changed:
            cards.append((person["id"], new["card_number"]))
        if "sex" in changed:
            sexes.append((person["id"], new["sex"]))
        changes.append(
            audit.Change(
                person["id"],
                new["full_name"],
                person["unit_id"],
                {k: _json(person[k]) for k in changed},
                {**{k: _json(v) for k, v in changed.items()}, **VIA},
            )
        )
    bulk_update(Person, "id", fields, people, advance=advance)
    # The open period carries the card number too.
    bulk_update(Membership, "person_id", ["card_number"], cards, open_periods=True)
    # Every period carries the person's sex (Membership.sex).
    bulk_update(Membership, "person_id", ["sex"], sexes)
    return changes


# -- the write job ------------------------------------------------------------------------------------------


def import_file(*, actor, path: Path | str, progress: jobs.Progress | None = None) -> ImportPlan:
    """Read, check and write one file (the "ghi" step; also what the benchmark times)."""
    return member_import_apply(actor=actor, rows=read_sheet(path, progress).rows, progress=progress)


@jobs.job_work(name=WRITE_JOB, result_template="members/io/import_done.html")
def apply_work(job: Job, progress: jobs.Progress) -> None:
    """params: {"source": the check job's id, "filename"}: writes the file the check read."""
    source = jobs.job_get(user=job.user, job_id=job.params["source"], kind=CHECK_JOB)
    plan = import_file(actor=job.user, path=jobs.job_file(source, UPLOAD_NAME), progress=progress)
    job.total = len(plan.rows)
    job.result = {**plan.summary(), "filename": job.params.get("filename", "")}


def import_write_start(*, actor, check: Job) -> tuple[Job, bool]:
    """ "Ghi vào sổ": start the write of a passed check, at most once (``jobs.job_follow_up``):
    returns (the write job, whether this call started it). ``ValidationError`` if the check has not
    succeeded or found errors."""
    if check.kind != CHECK_JOB or check.state != Job.State.SUCCEEDED or check.result.get("error_rows", 1):
        raise ValidationError(
            _("Tệp này chưa kiểm tra xong hoặc còn lỗi nên không ghi được; hãy sửa rồi tải lên lại.")
        )
    filename = check.params.get("filename", "")
    return jobs.job_follow_up(
        user=actor,
        source=check,
        work=apply_work,
        label=_("Ghi vào sổ đoàn viên tệp %(name)s") % {"name": filename},
        params={"source": str(check.pk), "filename": filename},
    )
