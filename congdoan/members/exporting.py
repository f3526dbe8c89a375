"""Exporting the member register to Excel: a filtered list in the import template's layout, and the
membership statistics by unit.

Both stream: xlsxwriter's constant_memory mode flushes each row to disk once the next one starts,
and the list is read in chunks (``values_list`` + ``iterator``), so memory stays flat whatever the
number of members. The list keeps the template's columns (plus the unit's name and the status,
which an import reads past), so an exported file, corrected, imports again.

Personal columns (``services.PERSONAL_FIELDS``) are in the file only for an actor holding
members.view_personal and members.export_personal, filled only for the members both reach, and such an export leaves
an audit row: who exported how many rows, which fields, with which filters.
"""

import datetime as dt
from itertools import islice

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import audit, jobs
from congdoan.core.bulk import xlsx
from congdoan.core.bulk.columns import Column
from congdoan.core.dates import display, today
from congdoan.core.models import Job
from congdoan.core.numbers import over_full
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from . import selectors
from .forms import MemberFilterForm, looks_personal
from .importing import COLUMNS, EXPORT_ONLY_HEADERS, SHEET
from .models import Sex, Status
from .permissions import VIEW, export_personal_reach, may_export_personal
from .selectors import MemberFilters
from .services import PERSONAL_FIELDS

CHUNK = 2000
# As the template's drop-down offers them, whatever the language of the page.
SEX_TEXT = {Sex.MALE.value: "Nam", Sex.FEMALE.value: "Nữ"}
YES_TEXT = "x"


def export_columns(actor) -> tuple[Column, ...]:
    """The template's columns, without the personal ones for an actor who may export them nowhere
    (``permissions.may_export_personal``: members.view_personal and members.export_personal)."""
    personal = may_export_personal(actor)
    return tuple(c for c in COLUMNS if personal or c.key not in PERSONAL_FIELDS)


def _unit_labels(actor) -> dict[int, tuple[str, str]]:
    """unit id -> (code, today's name) of the units the actor sees: one query, bounded by the tree."""
    rows = policy.visible_units(actor, "members.view").values_list("unit_id", "unit__code", "name")
    return {uid: (code, name) for uid, code, name in rows}


def _learn_units(labels: dict, unit_ids: set) -> None:
    """Add the units a chunk names that are not open today (a closed unit keeps its members' rows)."""
    missing = {uid for uid in unit_ids if uid is not None and uid not in labels}
    if missing:
        names = selectors.unit_names_on(list(missing))
        for uid, code in Unit.objects.filter(pk__in=missing).values_list("pk", "code"):
            labels[uid] = (code, names.get(uid, ""))


def _filters_for_audit(filters: MemberFilters) -> dict:
    """The filters as the audit keeps them: a search term that may be an ID or phone number is left out."""
    data = {k: v for k, v in vars(filters).items() if v not in (None, "")}
    if filters.unit is not None:
        data["unit"] = filters.unit.pk
    if looks_personal(filters.q):
        data.pop("q")
    return data


def _audit_unit(actor, filters: MemberFilters) -> Unit | None:
    """The unit an export is filed under: the one filtered on, else the top of the actor's reach."""
    if filters.unit is not None:
        return filters.unit
    top = policy.visible_units(actor, "members.view_personal").select_related("unit").order_by("path").first()
    return top.unit if top else None


def _row_maker(columns: tuple[Column, ...], may_see_personal, labels: dict):
    """A function making a sheet row (the values of ``columns``, then the unit's name and the
    status) from its number and a database row (``unit_path``, ``status``, then the columns after
    STT, ``unit_id`` in the unit code's place): the cells the export writes, None for an empty
    one. Whether the actor sees a unit's personal cells is asked once per unit, not per row."""
    assert columns[0].key == "row_no"
    unit_col = next(i for i, c in enumerate(columns) if c.key == "unit_code")
    sex_col = next(i for i, c in enumerate(columns) if c.key == "sex")
    yes_cols = [i for i, c in enumerate(columns) if c.key in ("policy_family", "hardship")]
    personal_cols = [i for i, c in enumerate(columns) if c.key in PERSONAL_FIELDS]
    status_text = {s.value: str(s.label) for s in Status}
    sees: dict[str, bool] = {}

    def make(n: int, row: tuple) -> list:
        path, status = row[0], row[1]
        cells = [n, *row[2:]]
        code, name = labels.get(cells[unit_col], ("", ""))
        cells[unit_col] = code
        sex = cells[sex_col]
        cells[sex_col] = SEX_TEXT.get(sex, sex)
        for i in yes_cols:
            cells[i] = YES_TEXT if cells[i] is True else None
        personal = sees.get(path)
        if personal is None:
            personal = sees[path] = may_see_personal(path)
        if not personal:
            for i in personal_cols:
                cells[i] = None
        cells.append(name)
        cells.append(status_text.get(status, status))
        return cells

    return make


@transaction.atomic
def write_members_xlsx(
    target, *, actor, filters: MemberFilters | None = None, progress: jobs.Progress | None = None
) -> int:
    """Write the members ``member_search(actor, filters)`` finds (by default, those the list page
    shows first) to ``target`` (a path or a binary file), in the import template's layout; return
    the number of rows written. Rows go to the sheet a chunk at a time through ``xlsx.RowStream``
    (xlsxwriter's per-cell calls took 85 of the 90 s of 1,000,000 members, issue 9)."""
    filters = filters or MemberFilters()
    columns = export_columns(actor)
    personal_keys = [c.key for c in columns if c.key in PERSONAL_FIELDS]
    labels = _unit_labels(actor)
    qs = selectors.member_search(actor=actor, filters=filters)
    if progress:
        progress.start(_("Ghi tệp Excel"), total=qs.order_by().count())
    fields = ["unit_id" if c.key == "unit_code" else c.key for c in columns[1:]]
    rows = qs.values_list("unit_path", "status", *fields).iterator(chunk_size=CHUNK)
    unit_at = fields.index("unit_id") + 2

    book = xlsx.workbook(target)
    formats = xlsx.formats(book)
    sheet = book.add_worksheet(SHEET)
    xlsx.setup_sheet(sheet, formats, columns, extra=EXPORT_ONLY_HEADERS)
    stream = xlsx.RowStream(
        sheet, [formats["date"] if c.date else None for c in columns] + [None] * len(EXPORT_ONLY_HEADERS)
    )
    make = _row_maker(columns, export_personal_reach(actor).covers, labels)
    n = 0
    while chunk := list(islice(rows, CHUNK)):
        _learn_units(labels, {r[unit_at] for r in chunk})
        n = stream.write(n + 1, (make(i, row) for i, row in enumerate(chunk, start=n + 1))) - 1
        if progress:
            progress.advance(len(chunk))
    book.close()

    unit = _audit_unit(actor, filters) if personal_keys else None
    if unit is not None:
        audit.record(
            actor=actor,
            action="member.export",
            obj=unit,
            unit_id=unit.pk,
            after={"rows": n, "fields": personal_keys, "filters": _filters_for_audit(filters)},
        )
    return n


STATS_HEADERS = (
    (gettext_lazy("Đơn vị"), 60),
    (gettext_lazy("Loại đơn vị"), 30),
    (gettext_lazy("Đoàn viên"), 12),
    (gettext_lazy("Nữ"), 12),
    (gettext_lazy("CBCCVCLĐ"), 12),
    (gettext_lazy("Tỷ lệ (%)"), 10),
)


def write_stats_xlsx(target, *, actor, unit: Unit, on: dt.date) -> int:
    """Members on ``on`` per unit of ``unit``'s subtree (each row with its sub-units, as the
    statistics page shows them); return the number of units written."""
    rows = selectors.membership_statistics(actor=actor, unit=unit, on=on)
    book = xlsx.workbook(target)
    formats = xlsx.formats(book)
    indents: dict[int, object] = {}
    sheet = book.add_worksheet(_("Thống kê"))
    sheet.write_string(
        0, 0, _("Số đoàn viên ngày %(d)s (đang sinh hoạt và miễn sinh hoạt)") % {"d": display(on)}
    )
    for i, (header, width) in enumerate(STATS_HEADERS):
        sheet.set_column(i, i, width)
        sheet.write_string(1, i, str(header), formats["header"])
    sheet.freeze_panes(2, 1)
    for n, r in enumerate(rows, start=2):
        indent = indents.setdefault(r.indent, book.add_format({"indent": r.indent}))
        sheet.write_string(n, 0, r.unit.name, indent)
        sheet.write_string(n, 1, r.unit.kind)
        sheet.write_number(n, 2, r.total.members, formats["count"])
        sheet.write_number(n, 3, r.total.women, formats["count"])
        if r.total.workforce is not None:
            sheet.write_number(n, 4, r.total.workforce, formats["count"])
        if r.total.rate is not None:
            rate_format = formats["over_full" if over_full(r.total.rate) else "percent"]
            sheet.write_number(n, 5, r.total.rate, rate_format)
    book.close()
    return len(rows)


# -- the jobs --------------------------------------------------------------------------------------


def _dated_name(stem: str) -> str:
    return f"{stem}-{today():%Y%m%d}.xlsx"


UNRESTRICTED = "*"


def _reach_paths(reach) -> list[str]:
    """A reach as a job keeps it: its paths (not personal data), or ["*"] unrestricted."""
    return [UNRESTRICTED] if reach.unrestricted else list(reach.paths)


def _still_covers(reach, written: list[str] | None) -> bool:
    """Whether ``reach`` (today's) covers every subtree a file was written from (``_reach_paths``
    of the reach it was written with; none recorded: only an unrestricted reach does)."""
    if reach.unrestricted:
        return True
    return bool(reach) and all(p != UNRESTRICTED and reach.covers(p) for p in written or [UNRESTRICTED])


def may_download_list(actor, job: Job) -> bool:
    """A member list is downloadable only while its owner may still read the members of every
    subtree it was written from (``members.view``), and one with personal columns only while they
    may still export personal data there too: the role that allowed it may have ended, or moved to
    another unit, since."""
    if not _still_covers(policy.reach(actor, VIEW), job.result.get("reach")):
        return False
    return not job.result.get("personal") or _still_covers(
        export_personal_reach(actor), job.result.get("personal_reach")
    )


@jobs.job_work(
    name="members.export.list", result_template="members/io/export_done.html", may_download=may_download_list
)
def members_export_work(job: Job, progress: jobs.Progress) -> None:
    """params: {"filters": the list page's query parameters (``MemberFilterForm.query()``)}."""
    filters = MemberFilterForm(job.params.get("filters") or None, actor=job.user).to_filters()
    path = jobs.job_file(job, "doan-vien.xlsx")
    job.total = write_members_xlsx(path, actor=job.user, filters=filters, progress=progress)
    job.result = {
        "rows": job.total,
        "personal": any(c.key in PERSONAL_FIELDS for c in export_columns(job.user)),
        "personal_reach": _reach_paths(export_personal_reach(job.user)),
        "reach": _reach_paths(policy.reach(job.user, VIEW)),
    }
    jobs.set_result_file(job, path, _dated_name("doan-vien"))


def may_download_stats(actor, job: Job) -> bool:
    """The statistics file is downloadable while its owner may still read the members of its unit
    on its date (the check its write made): a role that has ended takes its files with it."""
    return policy.can(actor, VIEW, job.params["unit"], dt.date.fromisoformat(job.params["on"]))


@jobs.job_work(
    name="members.export.stats",
    result_template="members/io/export_done.html",
    may_download=may_download_stats,
)
def stats_export_work(job: Job, progress: jobs.Progress) -> None:
    """params: {"unit": unit id, "on": ISO date}."""
    unit = Unit.objects.get(pk=job.params["unit"])
    on = dt.date.fromisoformat(job.params["on"])
    progress.start(_("Ghi tệp Excel"))
    path = jobs.job_file(job, "thong-ke.xlsx")
    job.total = write_stats_xlsx(path, actor=job.user, unit=unit, on=on)
    job.result = {"units": job.total}
    jobs.set_result_file(job, path, _dated_name("thong-ke-doan-vien"))
