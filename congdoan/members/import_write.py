"""Writing a checked member import: every row or none, in one transaction and in bulk.

New people join their unit (a ``Person`` and its open ``Membership`` period), matched people are
updated (their open period carries the card number too); one audit row each ("member.join",
"member.update", marked ``"via": "import"``), as the services would record them one by one. Every
write is a constant number of statements whatever the number of rows (``core.bulk.insert``,
``audit.record_many``): 100,000 rows in seconds, where a service call per row takes minutes.
"""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core import audit, jobs
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
    "person_id", "unit_id", "card_number", "status", "valid_from", "end_status", "end_note", "first", "sex",
)  # fmt: skip
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
    people = []
    for row in rows:
        values, unit = row.values, row.unit
        people.append(
            {
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
        )
    ids = bulk_insert(
        Person, PERSON_COLUMNS, [tuple(p[c] for c in PERSON_COLUMNS) for p in people], advance=advance
    )
    memberships, changes = [], []
    for row, person_id, person in zip(rows, ids, people, strict=True):
        # The register knows a unit from its founding, and the actor may write in it from the day
        # their authority has covered it (``policy.held_since``, as ``require_dated`` for a join):
        # an older join date opens the period then.
        start = max(person["joined_union_on"], row.unit.since)
        memberships.append(
            # A new person's one period: their first (Membership.first), with their sex.
            (
                person_id,
                person["unit_id"],
                person["card_number"],
                Status.ACTIVE.value,
                start,
                "",
                "",
                True,
                person["sex"],
            )
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
