"""Importing members from Excel: the template's columns, reading and checking a file, the template
and the error report. The write is ``import_write``; the generic parts (cell parsers, reading a
sheet, the report, bulk statements) are ``congdoan.core.bulk``.

Two background jobs, one per step:
- ``validate_work`` ("kiểm tra") reads the uploaded file, checks every row against the register
  and the importer's scope, and writes a report (the uploaded rows, bad cells red with a comment,
  plus a "Lỗi" column);
- ``import_write.apply_work`` ("ghi") reads and checks again, then writes every row or none, in one
  transaction, with bulk statements (a per-row service call would be far too slow for 100,000 rows)
  and one audit row per person.

A row matches an existing person by ID number, else by card number; a match is updated, anything
else joins as a new member of the row's unit. Empty cells keep what is recorded, so a file with
only a few columns filled completes rather than erases. Importing the same file twice updates.

python-calamine gives every number as a float: identifier columns (ID number, phone, card, unit
code) are formatted as text in the template, and a number is accepted only where no digit can have
been lost (an ID number of 12 digits, a phone of 10 or more).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import jobs
from congdoan.core.bulk import cells, report, xlsx
from congdoan.core.bulk.columns import Column
from congdoan.core.bulk.select import rows_with, rows_with_list
from congdoan.core.bulk.sheet import ErrorList, Row, Table, read_table
from congdoan.core.dates import display, today
from congdoan.core.models import Job
from congdoan.core.text import clean_identifier, fold
from congdoan.organizations.permissions import policy

from . import identifiers
from .models import IN_UNIT, Person, Sex, Status
from .permissions import VIEW, VIEW_PERSONAL
from .rules import MIN_AGE
from .services import ID_NUMBER, PERSONAL_FIELDS, check_age, clean_person, normalize_id_number

SHEET = "Đoàn viên"
LISTS_SHEET = "Danh mục"
MAX_ROWS = 200_000
ERRORS_SHOWN = 200  # messages kept on the job page; the report file has them all
ERROR_HEADER = report.ERROR_HEADER
# Columns an export adds after the template's (the unit's name, the status), which an import reads past
# as it does a report's error column: an exported file imports again.
EXPORT_ONLY_HEADERS = ("Đơn vị sinh hoạt", "Trạng thái")
IGNORED_HEADERS = (ERROR_HEADER, *EXPORT_ONLY_HEADERS)
TEXT_NOTE = gettext_lazy(
    "Cột định dạng Văn bản: nhập hoặc dán dạng văn bản để giữ số 0 ở đầu. "
    "Một số nhập dạng số (ví dụ 00123 thành 123) có thể mất chữ số."
)
UPLOAD_NAME = "upload.xlsx"
CHECK_JOB = "members.import.check"
WRITE_JOB = "members.import.write"

# -- the columns of the template -------------------------------------------------------------------------


def _max(name: str) -> int:
    return Person._meta.get_field(name).max_length


def _unit_code(value) -> str:
    return clean_identifier(cells.shown(value))


SEX = cells.choice(
    {"Nam": Sex.MALE.value, "Nữ": Sex.FEMALE.value},
    gettext_lazy("'%(v)s' không phải là giới tính hợp lệ (Nam hoặc Nữ)."),
)
ID_NUMBER_CELL = cells.identifier(
    gettext_lazy("Số CCCD"),
    pattern=ID_NUMBER,
    invalid=gettext_lazy("Số CCCD '%(v)s' phải gồm đúng 12 chữ số."),
    normalize=normalize_id_number,
)
# A card number is letters and digits: typed as a number, it has always lost something.
CARD = cells.identifier(gettext_lazy("Số thẻ đoàn viên"), number_ok=lambda digits: False, max_length=30)
YES_NO_CHOICES = ("x", "Có", "Không")

COLUMNS: tuple[Column, ...] = (
    Column("row_no", "STT", width=6),
    Column("full_name", "Họ và tên*", cells.text(_max("full_name")), required=True, width=28),
    Column("sex", "Giới tính* (Nam/Nữ)", SEX, required=True, width=12, choices=("Nam", "Nữ")),
    Column("date_of_birth", "Ngày sinh (dd/mm/yyyy)", cells.date, date=True, width=14),
    Column("id_number", "Số CCCD (12 số)", ID_NUMBER_CELL, text=True, width=16),
    Column("phone", "Điện thoại", cells.phone, text=True, width=14),
    Column("email", "Email", cells.email, width=24),
    Column("ethnicity", "Dân tộc", cells.text(_max("ethnicity")), width=10),
    Column("education", "Trình độ chuyên môn", cells.text(_max("education")), width=18),
    Column("political_theory", "Trình độ LLCT", cells.text(_max("political_theory")), width=14),
    Column("job_position", "Chức vụ chính quyền", cells.text(_max("job_position")), width=20),
    Column("job_title", "Chức danh nghề nghiệp", cells.text(_max("job_title")), width=20),
    Column("work_started_on", "Ngày vào làm việc", cells.date, date=True, width=14),
    Column("unit_code", "Mã đơn vị*", _unit_code, required=True, text=True, width=14),
    Column("card_number", "Số thẻ đoàn viên", CARD, text=True, width=16),
    Column("joined_union_on", "Ngày kết nạp*", cells.date, required=True, date=True, width=14),
    Column("policy_family", "Gia đình chính sách (x/Có)", cells.yes_no, width=12, choices=YES_NO_CHOICES),
    Column("hardship", "Hoàn cảnh khó khăn (x/Có)", cells.yes_no, width=12, choices=YES_NO_CHOICES),
)
BY_KEY = {c.key: c for c in COLUMNS}
LABELS = {c.key: c.label for c in COLUMNS}
PERSON_KEYS = [c.key for c in COLUMNS if c.key not in ("row_no", "unit_code", "card_number")]
DATE_KEYS = ("date_of_birth", "work_started_on", "joined_union_on")


# -- reading -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    unit_id: int
    code: str
    name: str
    path: str
    kind: str
    holds_members: bool
    founded: dt.date
    since: dt.date  # the first day the actor may write a period in it (policy.held_since)


@dataclass
class ImportRow(Row):
    person: dict | None = None  # the existing person this row updates (MATCH_FIELDS)
    changes: dict = field(default_factory=dict)
    unit: _Unit | None = None


def read_sheet(path: Path | str, progress: jobs.Progress | None = None) -> Table:
    """Read and parse the member sheet. File-level problems (unreadable file, headers, no rows)
    raise a ValidationError; problems of single cells are kept on their row."""
    return read_table(
        path,
        COLUMNS,
        sheet=SHEET,
        skip_sheets=(LISTS_SHEET,),
        ignored_headers=IGNORED_HEADERS,
        max_rows=MAX_ROWS,
        row_class=ImportRow,
        progress=progress,
    )


# -- checking against the register --------------------------------------------------------------------------

# Members belong to a grassroots union or one of its sub-units (as services._member_unit says).
SUB_UNIT_KINDS = ("cd-bo-phan", "to-cong-doan")


def units_in_scope(actor) -> dict[str, _Unit]:
    """Every unit the actor may manage members of today, by code: one query whatever the file."""
    rows = policy.visible_units(actor, "members.manage", today()).values_list(
        "unit_id",
        "unit__code",
        "name",
        "path",
        "kind__code",
        "kind__name",
        "kind__is_grassroots",
        "unit__valid_from",
    )
    rows = list(rows)
    since = policy.held_since(actor, "members.manage", [r[0] for r in rows])
    return {
        code: _Unit(
            uid,
            code,
            name,
            path,
            kind_name,
            grassroots or kind in SUB_UNIT_KINDS,
            founded,
            max(founded, since.get(uid, founded)),
        )
        for uid, code, name, path, kind, kind_name, grassroots, founded in rows
    }


# What a matched person's row is compared with and written from: plain values, not model instances
# (building 100,000 instances costs seconds).
MATCH_FIELDS = ("id", "unit_id", "unit_path", "status", *PERSON_KEYS, "card_number")


def _people_by(field_name: str, values: Iterable[str]) -> dict[str, dict]:
    """The people holding any of ``values`` in ``field_name``, by that value: one statement per
    5,000 values (``core.bulk.select``: one array parameter, probed through the column's index)."""
    return {
        person[field_name]: person
        for person in rows_with(Person.objects.all(), field_name, values, *MATCH_FIELDS)
    }


@dataclass
class ImportPlan:
    rows: list[ImportRow]
    warnings: list[dict] = field(default_factory=list)  # {"row", "column", "message"}: written anyway

    @property
    def error_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]

    @property
    def errors(self) -> ErrorList:
        return ErrorList(self.rows, LABELS)

    def problems(self, limit: int | None = None) -> list[dict]:
        """The errors in row order as {"row", "column" (its label; "" for the whole row), "message"}."""
        return self.errors.problems(limit)

    def messages(self, limit: int | None = None) -> list[str]:
        return self.errors.messages(limit)

    def summary(self) -> dict:
        ok = [r for r in self.rows if not r.errors]
        return {
            "rows": len(self.rows),
            "ok": len(ok),
            "create": sum(1 for r in ok if r.person is None),
            "update": sum(1 for r in ok if r.person is not None and r.changes),
            "unchanged": sum(1 for r in ok if r.person is not None and not r.changes),
            "error_rows": len(self.rows) - len(ok),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }


def member_import_check(*, actor, rows: list[ImportRow], progress: jobs.Progress | None = None) -> ImportPlan:
    """Match each row to a person and a unit and check it against the register and the actor's
    scope. Reads only; every problem is recorded on its row and column.

    An ID or card number held by a person outside the actor's ``members.view`` scope is refused in
    the words of ``identifiers.taken_outside`` (no unit, no name); those answers are logged and
    count against the actor's daily allowance (``identifiers.answer_many``): past it, the whole
    file is refused with ``ValidationError({"file": ...})``, as marking rows would tell which
    numbers are taken."""
    if progress:
        # The step begins with the register's reads (units, people by ID and card number).
        progress.start(_("Đối chiếu với danh sách đoàn viên"), total=len(rows))
    units = units_in_scope(actor)
    units_upper = {code.upper(): u for code, u in units.items()}
    code_of = {u.unit_id: u.code for u in units.values()}
    unrestricted = policy.is_unrestricted(actor)
    manage_paths = tuple(policy.scope_paths(actor, "members.manage"))
    personal_paths = tuple(policy.scope_paths(actor, "members.view_personal"))
    visible = policy.reach(actor, VIEW, today())
    by_id = _people_by("id_number", (r.values["id_number"] for r in rows if "id_number" in r.values))
    by_card = _people_by("card_number", (r.values["card_number"] for r in rows if "card_number" in r.values))
    first_with: dict[tuple[str, str], int] = {}
    min_age = MIN_AGE.reader()
    now = today()
    outside: list[tuple[ImportRow, str]] = []
    for row in rows:
        if progress:
            progress.advance()
        values = row.values
        _check_unit(row, units, units_upper)
        for key in ("id_number", "card_number"):
            if key in values:
                seen = first_with.setdefault((key, values[key]), row.number)
                if seen != row.number:
                    row.error(key, _("'%(v)s' trùng với dòng %(r)s.") % {"v": values[key], "r": seen})
        person = by_id.get(values.get("id_number")) or by_card.get(values.get("card_number"))
        if person is not None:
            in_scope = unrestricted or person["unit_path"].startswith(manage_paths)
            _check_match(row, person, by_card, in_scope, code_of, visible, outside)
            if in_scope and not row.errors:
                row.person = person
                row.changes = _changes(person, values)
                if not (unrestricted or person["unit_path"].startswith(personal_paths)):
                    for key in sorted(set(row.changes) & set(PERSONAL_FIELDS)):
                        row.error(key, _("bạn không có quyền sửa thông tin cá nhân của đoàn viên này."))
                _check_inactive(row, person)
        _check_dates(row, person, min_age, now)
    counts = {f: sum(1 for _row, key in outside if key == f) for f in identifiers.FIELDS}
    if not identifiers.answer_many(actor=actor, counts=counts):
        raise ValidationError({"file": identifiers.over_limit_message()})
    for row, key in outside:
        row.error(key, identifiers.taken_outside(key))
    plan = ImportPlan(rows)
    plan.warnings = sorted(
        likely_duplicates(actor=actor, rows=rows) + _periods_from_authority(rows), key=lambda w: w["row"]
    )
    return plan


def _periods_from_authority(rows: list[ImportRow]) -> list[dict]:
    """Warnings for new members whose joining date is before the day from which the actor's
    authority has covered the unit without a break (it was then another union's): as a join
    (``require_dated``), the register writes their period in the unit from that day only, and the
    joining date stays the person's own."""
    warnings = []
    for row in rows:
        joined, unit = row.values.get("joined_union_on"), row.unit
        if (
            row.person is None
            and not row.errors
            and unit is not None
            and joined
            and joined < unit.since > unit.founded
        ):
            warnings.append(
                {
                    "row": row.number,
                    "column": str(LABELS["joined_union_on"]),
                    "message": _(
                        "đơn vị %(code)s thuộc phạm vi quản lý của bạn từ ngày %(d)s; quá trình sinh hoạt "
                        "tại đơn vị được ghi từ ngày đó (ngày kết nạp vẫn là %(j)s)."
                    )
                    % {"code": unit.code, "d": display(unit.since), "j": display(joined)},
                }
            )
    return warnings


def _check_unit(row: ImportRow, units: dict[str, _Unit], units_upper: dict[str, _Unit]) -> None:
    code = row.values.get("unit_code")
    if code is None:
        return
    unit = units.get(code) or units_upper.get(code.upper())
    if unit is None:
        # The same words for a code that does not exist and one outside the actor's reach.
        row.error(
            "unit_code",
            _("Mã đơn vị '%(v)s' không tồn tại hoặc ngoài phạm vi quản lý của bạn.") % {"v": code},
        )
    elif not unit.holds_members:
        row.error(
            "unit_code",
            _(
                "%(code)s (%(name)s) là %(kind)s; đoàn viên chỉ sinh hoạt ở công đoàn cơ sở hoặc "
                "công đoàn bộ phận, tổ công đoàn."
            )
            % {"code": unit.code, "name": unit.name, "kind": unit.kind},
        )
    else:
        row.unit = unit


def _check_match(
    row: ImportRow, person: dict, by_card: dict, in_scope: bool, code_of: dict, visible, outside: list
) -> None:
    """Errors of a row matched to ``person``; an answer about someone outside ``visible`` (the
    actor's members.view reach) is not worded here but appended to ``outside`` (row, field)."""
    values = row.values
    matched_by = (
        "id_number"
        if person["id_number"] and person["id_number"] == values.get("id_number")
        else "card_number"
    )
    if not in_scope:
        if not visible.covers(person["unit_path"]):
            outside.append((row, matched_by))
            return
        what = _("Số CCCD") if matched_by == "id_number" else _("Số thẻ")
        row.error(
            matched_by,
            _("%(what)s này đã có trong danh sách đoàn viên của một đơn vị ngoài phạm vi quản lý của bạn.")
            % {"what": what},
        )
        return
    card_owner = by_card.get(values.get("card_number"))
    if card_owner is not None and card_owner["id"] != person["id"]:
        if not visible.covers(card_owner["unit_path"]):
            outside.append((row, "card_number"))
        else:
            row.error(
                "card_number",
                _("Số thẻ '%(c)s' đã được cấp cho đoàn viên khác.") % {"c": values["card_number"]},
            )
    elif matched_by == "card_number" and person["id_number"] and values.get("id_number"):
        row.error(
            "card_number", _("Số thẻ '%(c)s' đã được cấp cho đoàn viên khác.") % {"c": values["card_number"]}
        )
    if row.unit is not None and person["unit_id"] != row.unit.unit_id and person["status"] not in IN_UNIT:
        row.error(
            "unit_code",
            _(
                "đoàn viên này không còn sinh hoạt (%(status)s); nếu đoàn viên sinh hoạt trở lại, hãy dùng "
                "chức năng 'Kết nạp lại' trên trang của đoàn viên."
            )
            % {"status": str(Status(person["status"]).label).lower()},
        )
    elif row.unit is not None and person["unit_id"] != row.unit.unit_id:
        row.error(
            "unit_code",
            _("đoàn viên này đang sinh hoạt ở đơn vị khác (%(code)s); hãy dùng chức năng chuyển sinh hoạt.")
            % {"code": code_of.get(person["unit_id"], "?")},
        )


# What an import may not change on a person who is no longer a member of a unit (left, transferred
# out, deceased): the joining date and the card belong to the periods of history; a new period is
# a re-join (services.member_rejoin), never an overwrite.
KEPT_WHEN_INACTIVE = ("joined_union_on", "card_number")


def _check_inactive(row: ImportRow, person: dict) -> None:
    """Refuse the changes of ``KEPT_WHEN_INACTIVE`` to a person whose status is not in ``IN_UNIT``,
    pointing to "Kết nạp lại"; corrections of their other facts (name, birth date…) pass."""
    if person["status"] in IN_UNIT:
        return
    status = str(Status(person["status"]).label).lower()
    for key in KEPT_WHEN_INACTIVE:
        if key not in row.changes:
            continue
        if person["status"] == Status.DECEASED:
            message = _("đoàn viên này đã mất; không sửa %(col)s của lịch sử sinh hoạt.")
        else:
            message = _(
                "đoàn viên này đã %(status)s; tệp nhập không sửa %(col)s của lịch sử sinh hoạt. "
                "Nếu đoàn viên sinh hoạt trở lại, hãy dùng chức năng 'Kết nạp lại' trên trang của đoàn viên."
            )
        row.error(key, message % {"status": status, "col": LABELS[key]})
        del row.changes[key]


DUPLICATE_KEYS = ("full_name", "date_of_birth")


def likely_duplicates(*, actor, rows: list[ImportRow]) -> list[dict]:
    """Warnings (not errors) for rows that would create a person with the same folded name and birth
    date as an earlier row of the file, or as a member where the actor may see birth dates
    (``members.view_personal``): a list imported twice without ID or card numbers. One query per
    5,000 names. {"row", "column": "", "message"} in row order."""
    new = [r for r in rows if r.person is None and all(k in r.values for k in DUPLICATE_KEYS)]
    folded: dict[str, str] = {}  # names repeat in a file (Nguyễn Văn An): each folded once
    keys = {}
    for r in new:
        name = r.values["full_name"]
        if name not in folded:
            folded[name] = fold(name)
        keys[r.number] = (folded[name], r.values["date_of_birth"])
    reach = policy.reach(actor, VIEW_PERSONAL, today())
    known: set = set()
    if reach:
        known.update(
            rows_with_list(
                Person.objects.filter(reach.q("unit_path")),
                "name_folded",
                (name for name, _born in keys.values()),
                "name_folded",
                "date_of_birth",
            )
        )
    first: dict = {}
    warnings = []
    for row in new:
        key = keys[row.number]
        earlier = first.setdefault(key, row.number)
        if key in known:
            message = _(
                "có thể đã có trong sổ: trùng họ tên và ngày sinh với một đoàn viên đã ghi; hãy kiểm tra trước khi ghi."
            )
        elif earlier != row.number:
            message = _("có thể trùng người: cùng họ tên và ngày sinh với dòng %(r)s.") % {"r": earlier}
        else:
            continue
        warnings.append({"row": row.number, "column": "", "message": message})
    return warnings


def _changes(person: dict, values: dict) -> dict:
    return {
        key: values[key]
        for key in (*PERSON_KEYS, "card_number")
        if key in values and person[key] != values[key]
    }


def _check_dates(row: ImportRow, person: dict | None, min_age, now: dt.date) -> None:
    """The register's own rules on dates (clean_person), on the values the person will have, and
    for a new member the minimum age on the joining date (``services.check_age``, as a join).
    ``min_age`` (``MIN_AGE.reader()``) and ``now`` (today) are read once per file."""
    existing = person or {}
    dates = {k: row.values.get(k, existing.get(k)) for k in DATE_KEYS}
    if not any(dates.values()):
        return
    try:
        clean_person(dates, now=now)
        born, joined = dates["date_of_birth"], dates["joined_union_on"]
        if person is None and born and joined and joined >= born:
            check_age(born, joined, field="joined_union_on", minimum_on=min_age)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            row.errors.extend((key, m[:1].lower() + m[1:]) for m in messages)


# -- the template and the report --------------------------------------------------------------------------


def write_template(target, *, actor) -> None:
    """The import template: the member sheet with its headers, formats and drop-downs, and a
    "Danh mục" sheet with the allowed values, including the units the actor may import into."""
    units = sorted((u for u in units_in_scope(actor).values() if u.holds_members), key=lambda u: u.path)
    book = xlsx.workbook(target, streamed=False)
    formats = xlsx.formats(book)
    sheet = book.add_worksheet(SHEET)
    xlsx.setup_sheet(sheet, formats, COLUMNS, note=TEXT_NOTE)
    lists = book.add_worksheet(LISTS_SHEET)
    lists.write_row(
        0, 0, [_("Mã đơn vị"), _("Tên đơn vị"), "", _("Giới tính"), _("Có/không")], formats["header"]
    )
    lists.set_column(0, 0, 16, formats["text"])
    lists.set_column(1, 1, 60)
    lists.set_column(3, 4, 12)
    for i, unit in enumerate(units, start=1):
        lists.write_string(i, 0, unit.code)
        lists.write_string(i, 1, unit.name)
    for i, value in enumerate(BY_KEY["sex"].choices, start=1):
        lists.write_string(i, 3, value)
    for i, value in enumerate(YES_NO_CHOICES, start=1):
        lists.write_string(i, 4, value)
    xlsx.add_validations(sheet, COLUMNS, MAX_ROWS)
    if units:
        unit_col = COLUMNS.index(BY_KEY["unit_code"])
        sheet.data_validation(
            1,
            unit_col,
            MAX_ROWS,
            unit_col,
            {
                "validate": "list",
                "source": f"='{LISTS_SHEET}'!$A$2:$A${len(units) + 1}",
                "error_type": "warning",
            },
        )
    book.close()


def write_report(path: Path, sheet: Table, plan: ImportPlan) -> None:
    """The uploaded rows as read, each bad cell red with a comment, and a "Lỗi" column saying it all."""
    report.write_report(path, sheet, plan.rows, sheet=SHEET)


# -- the check job ------------------------------------------------------------------------------------------


def may_download_report(actor, job: Job) -> bool:
    """The report repeats the uploaded rows (ID numbers, phones): only while its owner still
    manages members somewhere."""
    return policy.has_anywhere(actor, "members.manage")


@jobs.job_work(
    name=CHECK_JOB, result_template="members/io/import_report.html", may_download=may_download_report
)
def validate_work(job: Job, progress: jobs.Progress) -> None:
    sheet = read_sheet(jobs.job_file(job, UPLOAD_NAME), progress)
    plan = member_import_check(actor=job.user, rows=sheet.rows, progress=progress)
    job.total = len(sheet.rows)
    job.result = {
        **plan.summary(),
        "problems": plan.problems(limit=ERRORS_SHOWN),
        "warning_list": plan.warnings[:ERRORS_SHOWN],
        "filename": job.params.get("filename", ""),
    }
    if plan.error_rows:
        progress.start(_("Ghi báo cáo lỗi"))
        path = jobs.job_file(job, "bao-cao.xlsx")
        write_report(path, sheet, plan)
        jobs.set_result_file(job, path, _report_name(job.params.get("filename", "")))


WAITING_SHOWN = 20


def checked_not_written(*, actor) -> list[Job]:
    """The actor's checks that passed with rows to write and whose write was never started, newest
    first (at most ``WAITING_SHOWN``): the dashboard's "việc cần làm". None once the actor no longer
    manages members anywhere (the write would be refused). One query after the actor's authority."""
    if not policy.has_anywhere(actor, "members.manage"):
        return []
    waiting = (
        jobs.user_jobs(user=actor)
        .filter(kind=CHECK_JOB, state=Job.State.SUCCEEDED, follow_up__isnull=True, result__error_rows=0)
        .exclude(result__create=0, result__update=0)
    )
    return list(waiting[:WAITING_SHOWN])


def _report_name(filename: str) -> str:
    stem = Path(filename).stem or "doan-vien"
    return f"kiem-tra-{stem}.xlsx"
