"""Importing members from Excel: the template, reading and checking a file, the error report, the write.

Two background jobs, one per step:
- ``validate_work`` ("kiểm tra") reads the uploaded file, checks every row against the register
  and the importer's scope, and writes a report (the uploaded rows, bad cells red with a comment,
  plus a "Lỗi" column);
- ``apply_work`` ("ghi") reads and checks again, then ``member_import_apply`` writes every row or
  none, in one transaction, with bulk statements (a per-row service call would be far too slow for
  100,000 rows) and one audit row per person.

A row matches an existing person by ID number, else by card number; a match is updated, anything
else joins as a new member of the row's unit. Empty cells keep what is recorded, so a file with
only a few columns filled completes rather than erases. Importing the same file twice updates.

python-calamine gives every number as a float: identifier columns (ID number, phone, card, unit
code) are formatted as text in the template, and a number is accepted only where no digit can have
been lost (an ID number of 12 digits, a phone of 10 or more).
"""

import datetime as dt
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from python_calamine import CalamineError, CalamineWorkbook

from congdoan.core import jobs
from congdoan.core.dates import display, today
from congdoan.core.models import AuditEntry, Job
from congdoan.core.text import fold
from congdoan.organizations.permissions import policy

from .models import Membership, Person, Sex, Status
from .services import (
    AUDITED,
    ID_NUMBER,
    PERSONAL_FIELDS,
    PHONE,
    clean_person,
    normalize_id_number,
    normalize_phone,
)

SHEET = "Đoàn viên"
LISTS_SHEET = "Danh mục"
MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 10
ERRORS_SHOWN = 200  # messages kept on the job page; the report file has them all
REPORT_COMMENTS = 2000  # cell comments in the report; beyond, the "Lỗi" column still says it all
ERROR_HEADER = "Lỗi"
# Columns an export adds after the template's (the unit's name, the status), which an import reads past
# as it does a report's error column: an exported file imports again.
EXPORT_ONLY_HEADERS = ("Đơn vị sinh hoạt", "Trạng thái")
IGNORED_HEADERS = {fold(h) for h in (ERROR_HEADER, *EXPORT_ONLY_HEADERS)}
BATCH = 2000
YES = {"x", "co", "1", "true", "yes"}
NO = {"khong", "0", "false", "no"}
TEXT_NOTE = gettext_lazy(
    "Cột định dạng Văn bản: nhập hoặc dán dạng văn bản để giữ số 0 ở đầu. "
    "Một số nhập dạng số (ví dụ 00123 thành 123) có thể mất chữ số."
)


class CellError(Exception):
    """A cell's value is not acceptable; the message says why, in Vietnamese."""


# -- cell parsers: raw calamine value (never "") -> Python value ----------------------------------------


def _number_text(value: float) -> str | None:
    """'123' for 123.0; None for a number with decimals."""
    return str(int(value)) if float(value).is_integer() else None


def _text(max_length: int) -> Callable[[object], str]:
    def parse(value) -> str:
        if isinstance(value, float):
            value = _number_text(value) or repr(value)
        elif isinstance(value, dt.datetime | dt.date):
            value = display(value)
        text = " ".join(str(value).split())
        if len(text) > max_length:
            raise CellError(_("'%(v)s…' dài quá %(n)s ký tự.") % {"v": text[:30], "n": max_length})
        return text

    return parse


def _sex(value) -> str:
    folded = fold(str(value))
    if folded == "nam":
        return Sex.MALE.value
    if folded == "nu":
        return Sex.FEMALE.value
    raise CellError(_("'%(v)s' không phải là giới tính hợp lệ (Nam hoặc Nữ).") % {"v": value})


_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if m := _DMY.fullmatch(text):
            day, month, year = m.groups()
        elif m := _YMD.fullmatch(text):
            year, month, day = m.groups()
        else:
            day = None
        if day is not None:
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                pass
    shown = (_number_text(value) or value) if isinstance(value, float) else value
    raise CellError(_("'%(v)s' không phải là ngày hợp lệ (dd/mm/yyyy).") % {"v": shown})


def _lost_digits(value: float, what: str) -> CellError:
    return CellError(
        _(
            "%(what)s '%(v)s' được nhập dạng số nên có thể đã mất số 0 ở đầu; "
            "hãy định dạng ô là Văn bản (Text) và nhập lại."
        )
        % {"what": what, "v": _number_text(value) or value}
    )


def _id_number(value) -> str:
    if isinstance(value, float):
        digits = _number_text(value)
        if digits is None or not ID_NUMBER.match(digits):
            raise _lost_digits(value, _("Số CCCD"))
        return digits
    number = normalize_id_number(value)
    if not ID_NUMBER.match(number or ""):
        raise CellError(_("Số CCCD '%(v)s' phải gồm đúng 12 chữ số.") % {"v": value})
    return number


def _phone(value) -> str:
    if isinstance(value, float):
        digits = _number_text(value)
        if digits is None or len(digits) < 10 or not PHONE.match(digits):
            raise _lost_digits(value, _("Số điện thoại"))
        return digits
    phone = normalize_phone(value)
    if not PHONE.match(phone):
        raise CellError(_("'%(v)s' không phải là số điện thoại hợp lệ.") % {"v": value})
    return phone


def _email(value) -> str:
    email = str(value).strip()
    try:
        validate_email(email)
    except ValidationError:
        raise CellError(_("'%(v)s' không phải là địa chỉ email hợp lệ.") % {"v": email}) from None
    if len(email) > 254:
        raise CellError(_("Email dài quá 254 ký tự."))
    return email


def _card(value) -> str:
    if isinstance(value, float):
        raise _lost_digits(value, _("Số thẻ đoàn viên"))
    return _text(30)(value)


def _unit_code(value) -> str:
    if isinstance(value, float):
        return _number_text(value) or repr(value)
    return str(value).strip()


def _yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold((_number_text(value) or "") if isinstance(value, float) else str(value))
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise CellError(_("'%(v)s' không hợp lệ: đánh x (hoặc Có) nếu đúng, để trống nếu không.") % {"v": value})


def _ignore(value):
    return None


# -- the columns of the template -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as written in the template
    parse: Callable[[object], object]
    required: bool = False
    text: bool = False  # an identifier: formatted as text in the template
    date: bool = False
    width: int = 16
    choices: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The name used in messages: 'Ngày sinh' for 'Ngày sinh (dd/mm/yyyy)'."""
        return self.header.split("(")[0].replace("*", "").strip()


def _max(name: str) -> int:
    return Person._meta.get_field(name).max_length


COLUMNS: tuple[Column, ...] = (
    Column("row_no", "STT", _ignore, width=6),
    Column("full_name", "Họ và tên*", _text(_max("full_name")), required=True, width=28),
    Column("sex", "Giới tính* (Nam/Nữ)", _sex, required=True, width=12, choices=("Nam", "Nữ")),
    Column("date_of_birth", "Ngày sinh (dd/mm/yyyy)", _date, date=True, width=14),
    Column("id_number", "Số CCCD (12 số)", _id_number, text=True, width=16),
    Column("phone", "Điện thoại", _phone, text=True, width=14),
    Column("email", "Email", _email, width=24),
    Column("ethnicity", "Dân tộc", _text(_max("ethnicity")), width=10),
    Column("education", "Trình độ chuyên môn", _text(_max("education")), width=18),
    Column("political_theory", "Trình độ LLCT", _text(_max("political_theory")), width=14),
    Column("job_position", "Chức vụ chính quyền", _text(_max("job_position")), width=20),
    Column("job_title", "Chức danh nghề nghiệp", _text(_max("job_title")), width=20),
    Column("work_started_on", "Ngày vào làm việc", _date, date=True, width=14),
    Column("unit_code", "Mã đơn vị*", _unit_code, required=True, text=True, width=14),
    Column("card_number", "Số thẻ đoàn viên", _card, text=True, width=16),
    Column("joined_union_on", "Ngày kết nạp*", _date, required=True, date=True, width=14),
    Column("policy_family", "Gia đình chính sách (x/Có)", _yes_no, width=12, choices=("x", "Có", "Không")),
    Column("hardship", "Hoàn cảnh khó khăn (x/Có)", _yes_no, width=12, choices=("x", "Có", "Không")),
)
BY_KEY = {c.key: c for c in COLUMNS}
# Headers are recognised without diacritics, stars or the hint in brackets: "Ho va ten" is "Họ và tên*".
BY_HEADER = {fold(c.label): c for c in COLUMNS}
PERSON_KEYS = [c.key for c in COLUMNS if c.key not in ("row_no", "unit_code", "card_number")]
DATE_KEYS = ("date_of_birth", "work_started_on", "joined_union_on")


def _header_key(text) -> str:
    return fold(str(text).split("(")[0].replace("*", ""))


# -- reading -----------------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    number: int  # the Excel row number, as the officer sees it
    values: dict  # parsed non-empty cells by column key
    raw: list  # the cells as read, for the report
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column key or "", message)
    person: dict | None = None  # the existing person this row updates (MATCH_FIELDS)
    changes: dict = field(default_factory=dict)
    unit: "_Unit | None" = None

    def error(self, key: str, message: str) -> None:
        self.errors.append((key, message))


@dataclass
class Sheet:
    name: str
    header_row: int  # 0-based
    headers: list  # the header cells as read
    columns: dict[int, Column]  # position -> column
    rows: list[ImportRow]


def _file_error(message: str) -> ValidationError:
    return ValidationError({"file": message})


def read_sheet(path: Path | str, progress: jobs.Progress | None = None) -> Sheet:
    """Read and parse the member sheet. File-level problems (unreadable file, headers, no rows)
    raise a ValidationError; problems of single cells are kept on their row."""
    if progress:
        progress.start(_("Đọc tệp"))
    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            names = [n for n in book.sheet_names if n != LISTS_SHEET] or book.sheet_names
            name = SHEET if SHEET in names else names[0]
            sheet = book.get_sheet_by_name(name)
            cells = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
    except (CalamineError, OSError, ValueError, IndexError):
        raise _file_error(
            _(
                "Không đọc được tệp: tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx). "
                "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi tải lên lại."
            )
        ) from None
    header_row = next(
        (
            i
            for i, row in enumerate(cells[:HEADER_SEARCH_ROWS])
            if any(_header_key(v) == "ho va ten" for v in row)
        ),
        None,
    )
    if header_row is None:
        raise _file_error(
            _("Trang '%(s)s' không có dòng tiêu đề (cột 'Họ và tên') trong %(n)s dòng đầu; hãy dùng tệp mẫu.")
            % {"s": name, "n": HEADER_SEARCH_ROWS}
        )
    headers = cells[header_row]
    columns = _map_headers(headers)
    data = cells[header_row + 1 :]
    if len(data) > MAX_ROWS:
        raise _file_error(_("Tệp có hơn %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": MAX_ROWS})
    rows = _parse_rows(data, header_row + 1, columns, _merged_cells(merged), progress)
    if not rows:
        raise _file_error(_("Trang '%(s)s' không có dòng dữ liệu nào dưới dòng tiêu đề.") % {"s": name})
    return Sheet(name=name, header_row=header_row, headers=headers, columns=columns, rows=rows)


def _map_headers(headers: list) -> dict[int, Column]:
    columns: dict[int, Column] = {}
    errors = []
    for i, header in enumerate(headers):
        key = _header_key(header)
        if not key or key in IGNORED_HEADERS:
            continue
        column = BY_HEADER.get(key)
        if column is None:
            errors.append(_("Cột '%(h)s' không có trong mẫu.") % {"h": header})
        elif column in columns.values():
            errors.append(_("Cột '%(h)s' xuất hiện hai lần.") % {"h": column.label})
        else:
            columns[i] = column
    present = set(columns.values())
    errors += [
        _("Thiếu cột '%(h)s' (bắt buộc).") % {"h": c.label}
        for c in COLUMNS
        if c.required and c not in present
    ]
    if errors:
        raise ValidationError({"file": [*errors, _("Hãy dùng đúng tiêu đề cột của tệp mẫu.")]})
    return columns


def _merged_cells(ranges: list) -> set[tuple[int, int]]:
    """Cells covered by a merge other than its top-left one: calamine reads them as empty."""
    hidden = set()
    for (r0, c0), (r1, c1) in ranges:
        hidden.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
    return hidden


def _parse_rows(
    data: list[list], first: int, columns: dict[int, Column], merged: set, progress: jobs.Progress | None
) -> list[ImportRow]:
    if progress:
        progress.start(_("Kiểm tra từng ô"), total=len(data))
    content = [(i, c) for i, c in columns.items() if c.key != "row_no"]
    rows = []
    for offset, cells in enumerate(data):
        if progress:
            progress.advance()
        number = first + offset + 1
        if not any(cells[i] != "" for i, _c in content if i < len(cells)):
            continue  # an empty line
        row = ImportRow(number=number, values={}, raw=cells)
        for i, column in content:
            value = cells[i] if i < len(cells) else ""
            if value == "" or (isinstance(value, str) and not value.strip()):
                if (first + offset, i) in merged:
                    row.error(
                        column.key,
                        _(
                            "ô trống vì bị gộp với ô khác (có thể do gộp ô); "
                            "hãy bỏ gộp và nhập giá trị cho từng dòng."
                        ),
                    )
                elif column.required:
                    row.error(column.key, _("chưa nhập (bắt buộc)."))
                continue
            try:
                row.values[column.key] = column.parse(value)
            except CellError as exc:
                row.error(column.key, str(exc))
        rows.append(row)
    return rows


# -- checking against the register --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    unit_id: int
    code: str
    name: str
    path: str
    kind: str
    holds_members: bool
    founded: dt.date


# Members belong to a grassroots union or one of its sub-units (as services._member_unit says).
SUB_UNIT_KINDS = ("cd-bo-phan", "to-cong-doan")


def _units_in_scope(actor) -> dict[str, _Unit]:
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
    return {
        code: _Unit(uid, code, name, path, kind_name, grassroots or kind in SUB_UNIT_KINDS, founded)
        for uid, code, name, path, kind, kind_name, grassroots, founded in rows
    }


def _chunks(items: list, size: int = 5000) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# What a matched person's row is compared with and written from: plain values, not model instances
# (building 100,000 instances costs seconds).
MATCH_FIELDS = ("id", "unit_id", "unit_path", "status", *PERSON_KEYS, "card_number")


def _people_by(field_name: str, values: Iterable[str]) -> dict[str, dict]:
    found = {}
    for chunk in _chunks(sorted(set(values))):
        for person in Person.objects.filter(**{f"{field_name}__in": chunk}).values(*MATCH_FIELDS):
            found[person[field_name]] = person
    return found


@dataclass
class ImportPlan:
    rows: list[ImportRow]

    @property
    def error_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]

    def problems(self, limit: int | None = None) -> list[dict]:
        """The errors in row order as {"row", "column" (its label; "" for the whole row), "message"}."""
        out = []
        for row in self.error_rows:
            for key, message in row.errors:
                out.append(
                    {"row": row.number, "column": BY_KEY[key].label if key else "", "message": message}
                )
                if limit is not None and len(out) >= limit:
                    return out
        return out

    def messages(self, limit: int | None = None) -> list[str]:
        return [_cell_message(p["row"], p["column"], p["message"]) for p in self.problems(limit)]

    def summary(self) -> dict:
        ok = [r for r in self.rows if not r.errors]
        return {
            "rows": len(self.rows),
            "ok": len(ok),
            "create": sum(1 for r in ok if r.person is None),
            "update": sum(1 for r in ok if r.person is not None and r.changes),
            "unchanged": sum(1 for r in ok if r.person is not None and not r.changes),
            "error_rows": len(self.rows) - len(ok),
            "errors": sum(len(r.errors) for r in self.rows),
        }


def _cell_message(number: int, column: str, message: str) -> str:
    if column:
        return _("Dòng %(row)s, cột '%(col)s': %(msg)s") % {"row": number, "col": column, "msg": message}
    return _("Dòng %(row)s: %(msg)s") % {"row": number, "msg": message}


def member_import_check(*, actor, rows: list[ImportRow], progress: jobs.Progress | None = None) -> ImportPlan:
    """Match each row to a person and a unit and check it against the register and the actor's
    scope. Reads only; every problem is recorded on its row and column."""
    units = _units_in_scope(actor)
    units_upper = {code.upper(): u for code, u in units.items()}
    code_of = {u.unit_id: u.code for u in units.values()}
    unrestricted = policy.is_unrestricted(actor)
    manage_paths = tuple(policy.scope_paths(actor, "members.manage"))
    personal_paths = tuple(policy.scope_paths(actor, "members.view_personal"))
    by_id = _people_by("id_number", (r.values["id_number"] for r in rows if "id_number" in r.values))
    by_card = _people_by("card_number", (r.values["card_number"] for r in rows if "card_number" in r.values))
    first_with: dict[tuple[str, str], int] = {}
    if progress:
        progress.start(_("Đối chiếu với danh sách đoàn viên"), total=len(rows))
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
            _check_match(row, person, by_card, in_scope, code_of)
            if in_scope and not row.errors:
                row.person = person
                row.changes = _changes(person, values)
                if not (unrestricted or person["unit_path"].startswith(personal_paths)):
                    for key in sorted(set(row.changes) & set(PERSONAL_FIELDS)):
                        row.error(key, _("bạn không có quyền sửa thông tin cá nhân của đoàn viên này."))
        _check_dates(row, person)
    return ImportPlan(rows)


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


def _check_match(row: ImportRow, person: dict, by_card: dict, in_scope: bool, code_of: dict) -> None:
    values = row.values
    matched_by = (
        "id_number"
        if person["id_number"] and person["id_number"] == values.get("id_number")
        else "card_number"
    )
    if not in_scope:
        what = _("Số CCCD") if matched_by == "id_number" else _("Số thẻ")
        row.error(
            matched_by,
            _("%(what)s này đã có trong danh sách đoàn viên của một đơn vị ngoài phạm vi quản lý của bạn.")
            % {"what": what},
        )
        return
    card_owner = by_card.get(values.get("card_number"))
    if card_owner is not None and card_owner["id"] != person["id"]:
        row.error(
            "card_number", _("Số thẻ '%(c)s' đã được cấp cho đoàn viên khác.") % {"c": values["card_number"]}
        )
    if matched_by == "card_number" and person["id_number"] and values.get("id_number"):
        row.error(
            "card_number", _("Số thẻ '%(c)s' đã được cấp cho đoàn viên khác.") % {"c": values["card_number"]}
        )
    if row.unit is not None and person["unit_id"] != row.unit.unit_id:
        row.error(
            "unit_code",
            _("đoàn viên này đang sinh hoạt ở đơn vị khác (%(code)s); hãy dùng chức năng chuyển sinh hoạt.")
            % {"code": code_of.get(person["unit_id"], "?")},
        )


def _changes(person: dict, values: dict) -> dict:
    return {
        key: values[key]
        for key in (*PERSON_KEYS, "card_number")
        if key in values and person[key] != values[key]
    }


def _check_dates(row: ImportRow, person: dict | None) -> None:
    """The register's own rules on dates (clean_person), on the values the person will have."""
    existing = person or {}
    dates = {k: row.values.get(k, existing.get(k)) for k in DATE_KEYS}
    if not any(dates.values()):
        return
    try:
        clean_person(dates)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            row.errors.extend((key, m[:1].lower() + m[1:]) for m in messages)


# -- writing ---------------------------------------------------------------------------------------------------


def _json(value):
    return value.isoformat() if isinstance(value, dt.date) else value


@transaction.atomic
def member_import_apply(*, actor, rows: list[ImportRow], progress: jobs.Progress | None = None) -> ImportPlan:
    """Write every row or none: new people join their unit, matched people are updated; one audit
    row each ("member.join" / "member.update"), all in this transaction and in bulk.

    Policy: units come from the actor's scope (``member_import_check``), matched people must be in
    it, and their personal fields change only with members.view_personal. Every error is found
    before the first write."""
    plan = member_import_check(actor=actor, rows=rows, progress=progress)
    if plan.error_rows:
        raise ValidationError(
            {
                "file": [
                    _(
                        "Tệp có %(n)s dòng lỗi nên chưa ghi dòng nào. Hãy sửa theo báo cáo kiểm tra rồi nhập lại."
                    )
                    % {"n": len(plan.error_rows)},
                    *plan.messages(limit=20),
                ]
            }
        )
    if progress:
        progress.start(_("Ghi dữ liệu"), total=len(rows))
    now = timezone.now()
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    audit = _create(actor_id, [r for r in rows if r.person is None], now, progress)
    audit += _update(actor_id, [r for r in rows if r.person is not None and r.changes], now, progress)
    bulk_insert(AuditEntry, AUDIT_COLUMNS, audit)
    return plan


PERSON_DEFAULTS = {f.attname: f.get_default() for f in Person._meta.concrete_fields}
PERSON_COLUMNS = (
    *PERSON_KEYS,
    "name_folded",
    "unit_id",
    "unit_path",
    "card_number",
    "status",
    "created_at",
    "updated_at",
)
MEMBERSHIP_COLUMNS = ("person_id", "unit_id", "card_number", "status", "valid_from", "end_status", "end_note")
AUDIT_COLUMNS = (
    "at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "unit_id",
    "before",
    "after",
)


def _audit_row(
    now, actor_id, action: str, person_id: int, name: str, unit_id: int, before: dict, after: dict
) -> tuple:
    return (
        now,
        actor_id,
        action,
        "members.person",
        str(person_id),
        name[:255],
        unit_id,
        before,
        {**after, "via": "import"},
    )


def _create(actor_id, rows: list[ImportRow], now, progress) -> list[tuple]:
    people = []
    for row in rows:
        values, unit = row.values, row.unit
        people.append(
            {
                **PERSON_DEFAULTS,
                **{k: values[k] for k in PERSON_KEYS if k in values},
                "name_folded": fold(values["full_name"]),
                "unit_id": unit.unit_id,
                "unit_path": unit.path,
                "card_number": values.get("card_number", ""),
                "status": Status.ACTIVE.value,
                "created_at": now,
                "updated_at": now,
            }
        )
    ids = bulk_insert(Person, PERSON_COLUMNS, [tuple(p[c] for c in PERSON_COLUMNS) for p in people])
    memberships, audit = [], []
    for row, person_id, person in zip(rows, ids, people, strict=True):
        # The register knows a unit from its founding: an older join date opens the period then.
        start = max(person["joined_union_on"], row.unit.founded)
        memberships.append(
            (person_id, person["unit_id"], person["card_number"], Status.ACTIVE.value, start, "", "")
        )
        # As member_join records it: the fields that have a value, and the date of the period.
        after = {name: _json(person["unit_id" if name == "unit" else name]) for name in AUDITED}
        audit.append(
            _audit_row(
                now,
                actor_id,
                "member.join",
                person_id,
                person["full_name"],
                person["unit_id"],
                {},
                {**{k: v for k, v in after.items() if v is not None}, "on": start.isoformat()},
            )
        )
        if progress:
            progress.advance()
    bulk_insert(Membership, MEMBERSHIP_COLUMNS, memberships)
    return audit


def _update(actor_id, rows: list[ImportRow], now, progress) -> list[tuple]:
    fields = {key for row in rows for key in row.changes} | {"updated_at"}
    if "full_name" in fields:
        fields.add("name_folded")
    fields = sorted(fields)
    people, audit, cards = [], [], []
    for row in rows:
        person, changes = row.person, row.changes
        # Every row sets the union of the changed columns: unchanged ones keep their value.
        new = {**person, **changes, "updated_at": now}
        new["name_folded"] = fold(new["full_name"])
        people.append((person["id"], *(new[f] for f in fields)))
        if "card_number" in changes:
            cards.append((person["id"], new["card_number"]))
        audit.append(
            _audit_row(
                now,
                actor_id,
                "member.update",
                person["id"],
                new["full_name"],
                person["unit_id"],
                {k: _json(person[k]) for k in changes},
                {k: _json(v) for k, v in changes.items()},
            )
        )
        if progress:
            progress.advance()
    bulk_update(Person, "id", fields, people)
    # The open period carries the card number too.
    bulk_update(Membership, "person_id", ["card_number"], cards, open_periods=True)
    return audit


# -- bulk statements: COPY on PostgreSQL, the ORM's bulk operations elsewhere ---------------------------------------


def bulk_insert(model, columns: tuple[str, ...], rows: list[tuple]) -> list[int]:
    """Insert ``rows`` (values in ``columns`` order, attnames) and return their new ids, in order.

    On PostgreSQL: ids reserved from the sequence, then one COPY (the ORM's INSERT costs several
    times more, mostly in Python). Elsewhere: ``bulk_create``."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        return [obj.pk for obj in model.objects.bulk_create(objs, batch_size=BATCH)]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(rows)]
        )
        ids = [r[0] for r in cursor.fetchall()]
        columns = ("id", *columns)
        _copy(
            cursor,
            table,
            [model._meta.get_field(c).column for c in columns],
            ((i, *row) for i, row in zip(ids, rows, strict=True)),
            _json_positions(model, columns),
        )
    return ids


def bulk_update(
    model, key: str, columns: list[str], rows: list[tuple], *, open_periods: bool = False
) -> None:
    """Set ``columns`` from ``rows`` = (key value, *values) on the rows whose ``key`` matches (only
    the open periods, ``valid_to IS NULL``, if asked). PostgreSQL: COPY to a temporary table and one
    UPDATE ... FROM; elsewhere ``bulk_update``."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        for chunk in _chunks(rows, 500):
            by_key = {row[0]: row[1:] for row in chunk}
            objs = list(
                model.objects.filter(
                    **{f"{key}__in": list(by_key)}, **({"valid_to__isnull": True} if open_periods else {})
                )
            )
            for obj in objs:
                for column, value in zip(columns, by_key[getattr(obj, key)], strict=True):
                    setattr(obj, column, value)
            model.objects.bulk_update(objs, columns)
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = [model._meta.get_field(c).column for c in (key, *columns)]
    quoted = [quote(n) for n in names]
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE import_changes ON COMMIT DROP AS "
            f"SELECT {', '.join(quoted)} FROM {table} WITH NO DATA"
        )
        _copy(cursor, "import_changes", names, rows, _json_positions(model, (key, *columns)))
        assignments = ", ".join(f"{n} = c.{n}" for n in quoted[1:])
        only_open = " AND t.valid_to IS NULL" if open_periods else ""
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM import_changes AS c "
            f"WHERE t.{quoted[0]} = c.{quoted[0]}{only_open}"
        )
        cursor.execute("DROP TABLE import_changes")


def _json_positions(model, columns) -> set[int]:
    return {i for i, c in enumerate(columns) if isinstance(model._meta.get_field(c), models.JSONField)}


def _copy(cursor, table: str, columns: list[str], rows: Iterable[tuple], json_positions: set[int]) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            if json_positions:
                row = tuple(json.dumps(v) if i in json_positions else v for i, v in enumerate(row))
            copy.write_row(row)


# -- the template and other workbooks ----------------------------------------------------------------------------


def sheet_formats(book) -> dict:
    return {
        "header": book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True, "valign": "vcenter"}
        ),
        "text": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "bad": book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
        "bad_date": book.add_format(
            {"bg_color": "#FFC7CE", "font_color": "#9C0006", "num_format": "dd/mm/yyyy"}
        ),
    }


def setup_member_sheet(
    sheet,
    formats: dict,
    columns: tuple[Column, ...] = COLUMNS,
    *,
    notes: bool = False,
    extra: tuple[str, ...] = (),
) -> None:
    """Headers, widths, text and date formats of the member sheet (template, export, generated files);
    ``extra`` headers (an export's unit name and status) follow the template's columns."""
    sheet.freeze_panes(1, 2)
    sheet.set_row(0, 32)
    for i, column in enumerate(columns):
        fmt = formats["text"] if column.text else formats["date"] if column.date else None
        sheet.set_column(i, i, column.width, fmt)
        sheet.write_string(0, i, column.header, formats["header"])
        if notes and column.text:
            sheet.write_comment(0, i, str(TEXT_NOTE), {"x_scale": 2, "y_scale": 1.5})
    for i, header in enumerate(extra, start=len(columns)):
        sheet.set_column(i, i, 30)
        sheet.write_string(0, i, header, formats["header"])


def write_template(target, *, actor) -> None:
    """The import template: the member sheet with its headers, formats and drop-downs, and a
    "Danh mục" sheet with the allowed values, including the units the actor may import into."""
    units = sorted((u for u in _units_in_scope(actor).values() if u.holds_members), key=lambda u: u.path)
    book = xlsxwriter.Workbook(target, {"in_memory": True})
    formats = sheet_formats(book)
    sheet = book.add_worksheet(SHEET)
    setup_member_sheet(sheet, formats, notes=True)
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
    for i, value in enumerate(BY_KEY["hardship"].choices, start=1):
        lists.write_string(i, 4, value)
    last = MAX_ROWS
    for i, column in enumerate(COLUMNS):
        if column.choices:
            sheet.data_validation(
                1, i, last, i, {"validate": "list", "source": list(column.choices), "error_type": "warning"}
            )
        elif column.date:
            sheet.data_validation(
                1,
                i,
                last,
                i,
                {
                    "validate": "date",
                    "criteria": "between",
                    "minimum": dt.date(1900, 1, 1),
                    "maximum": dt.date(2100, 12, 31),
                    "error_type": "warning",
                    "input_title": column.label,
                    "input_message": _("Nhập ngày dạng dd/mm/yyyy."),
                },
            )
    if units:
        unit_col = COLUMNS.index(BY_KEY["unit_code"])
        sheet.data_validation(
            1,
            unit_col,
            last,
            unit_col,
            {
                "validate": "list",
                "source": f"='{LISTS_SHEET}'!$A$2:$A${len(units) + 1}",
                "error_type": "warning",
            },
        )
    book.close()


def write_report(path: Path, sheet: Sheet, plan: ImportPlan) -> None:
    """The uploaded rows as read, each bad cell red with a comment, and a "Lỗi" column saying it all."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    formats = sheet_formats(book)
    out = book.add_worksheet(SHEET)
    out.freeze_panes(1, 0)
    width = max(len(sheet.headers), max((len(r.raw) for r in plan.rows), default=0))
    position = {c.key: i for i, c in sheet.columns.items()}
    for i, header in enumerate(sheet.headers):
        out.write(0, i, header, formats["header"])
    out.write_string(0, width, ERROR_HEADER, formats["header"])
    out.set_column(width, width, 60)
    comments = 0
    for n, row in enumerate(plan.rows, start=1):
        bad = {}
        for key, message in row.errors:
            bad.setdefault(position.get(key), []).append(message)
        for i, value in enumerate(row.raw):
            fmt = None
            if i in bad:
                fmt = formats["bad_date"] if isinstance(value, dt.date) else formats["bad"]
            elif isinstance(value, dt.date):
                fmt = formats["date"]
            _write_cell(out, n, i, value, fmt)
        for i in (i for i in bad if i is not None and i >= len(row.raw)):
            out.write_blank(n, i, None, formats["bad"])
        for i, messages in bad.items():
            if i is not None and comments < REPORT_COMMENTS:
                out.write_comment(n, i, "\n".join(messages))
                comments += 1
        if row.errors:
            out.write_string(
                n,
                width,
                "\n".join(_cell_message(row.number, BY_KEY[k].label if k else "", m) for k, m in row.errors),
                formats["bad"],
            )
    book.close()


def _write_cell(out, row: int, col: int, value, fmt) -> None:
    if isinstance(value, bool):
        out.write_boolean(row, col, value, fmt)
    elif isinstance(value, float | int):
        out.write_number(row, col, value, fmt)
    elif isinstance(value, dt.datetime | dt.date):
        out.write_datetime(row, col, value, fmt)
    elif value == "" or value is None:
        if fmt is not None:
            out.write_blank(row, col, None, fmt)
    else:
        out.write_string(row, col, str(value), fmt)


_EXCEL_EPOCH = dt.date(1899, 12, 30)


def write_date(sheet, row: int, col: int, value: dt.date, fmt) -> None:
    """A date as Excel's serial number: write_datetime's conversion costs more than the write."""
    sheet.write_number(row, col, (value - _EXCEL_EPOCH).days, fmt)


def build_import_file(
    path: Path | str, rows: int, *, unit_codes: list[str], offset: int = 0, bad_rows: Collection[int] = ()
) -> None:
    """A valid import file of ``rows`` new members spread over ``unit_codes`` (for the benchmark and
    large tests). ID and card numbers are derived from ``offset`` + the row index, so files built
    with different offsets never collide and the same file imported twice updates. The data rows
    numbered in ``bad_rows`` (1 = the first under the headers) get an impossible joining date."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    formats = sheet_formats(book)
    sheet = book.add_worksheet(SHEET)
    setup_member_sheet(sheet, formats)
    born = dt.date(1970, 1, 1)
    surnames = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng")
    middles = ("Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Hữu", "Thanh")
    givens = ("An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phương", "Tâm")
    write_string, write_number = sheet.write_string, sheet.write_number
    date_fmt = formats["date"]
    for i in range(rows):
        n = offset + i
        r = i + 1
        female = n % 2 == 0
        write_number(r, 0, i + 1)
        write_string(r, 1, f"{surnames[n % 10]} {middles[n % 8]} {givens[(n // 80) % 12]}")
        write_string(r, 2, "Nữ" if female else "Nam")
        write_date(sheet, r, 3, born + dt.timedelta(days=n % 12000), date_fmt)
        write_string(r, 4, f"{n:012d}")
        write_string(r, 5, f"09{n % 10**8:08d}")
        write_string(r, 7, "Kinh")
        write_string(r, 8, "Đại học")
        write_string(r, 13, unit_codes[n % len(unit_codes)])
        write_string(r, 14, f"B{n:09d}")
        if r in bad_rows:
            write_string(r, 15, "31/02/2020")
        else:
            write_date(sheet, r, 15, dt.date(2010, 1, 1) + dt.timedelta(days=n % 4000), date_fmt)
        if n % 50 == 0:
            write_string(r, 16, "x")
    book.close()


# -- the two jobs ---------------------------------------------------------------------------------------------------

UPLOAD_NAME = "upload.xlsx"


def import_file(*, actor, path: Path | str, progress: jobs.Progress | None = None) -> ImportPlan:
    """Read, check and write one file (the "ghi" step; also what the benchmark times)."""
    return member_import_apply(actor=actor, rows=read_sheet(path, progress).rows, progress=progress)


@jobs.job_work(result_template="members/io/import_report.html")
def validate_work(job: Job, progress: jobs.Progress) -> None:
    sheet = read_sheet(jobs.job_file(job, UPLOAD_NAME), progress)
    plan = member_import_check(actor=job.user, rows=sheet.rows, progress=progress)
    job.total = len(sheet.rows)
    job.result = {
        **plan.summary(),
        "problems": plan.problems(limit=ERRORS_SHOWN),
        "filename": job.params.get("filename", ""),
    }
    if plan.error_rows:
        progress.start(_("Ghi báo cáo lỗi"))
        report = jobs.job_file(job, "bao-cao.xlsx")
        write_report(report, sheet, plan)
        jobs.set_result_file(job, report, _report_name(job.params.get("filename", "")))


@jobs.job_work(result_template="members/io/import_done.html")
def apply_work(job: Job, progress: jobs.Progress) -> None:
    source = jobs.job_get(user=job.user, job_id=job.params["source"], kind=jobs.kind_of(validate_work))
    plan = import_file(actor=job.user, path=jobs.job_file(source, UPLOAD_NAME), progress=progress)
    job.total = len(plan.rows)
    job.result = {**plan.summary(), "filename": job.params.get("filename", "")}


def _report_name(filename: str) -> str:
    stem = Path(filename).stem or "doan-vien"
    return f"kiem-tra-{stem}.xlsx"
