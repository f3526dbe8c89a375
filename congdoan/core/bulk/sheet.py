"""Reading one sheet of an uploaded workbook with python-calamine, and its errors by row and column.

``read_table`` chooses the sheet: a visible worksheet (a hidden or very hidden one, often an old
list kept out of sight, is never read) holding the template's header in its first rows, the one
with the template's name first; it finds the header row by a known header (without diacritics
or case), maps every header to a
``Column`` (an unknown, doubled or missing required column is a file-level error), then parses
every cell. File-level problems raise ``ValidationError({"file": [...]})``; a bad cell is kept on
its ``Row`` as (column key, message), so a check can go on and every problem is reported at once.
``ErrorList`` reads them back in row order: "Dòng 17, cột 'Ngày sinh': '31/02/1990' không phải là
ngày hợp lệ (dd/mm/yyyy)."

Row numbers are Excel's, as the officer sees them (the header on row 1 puts the first data row at 2).

Dates: calamine converts a date-formatted cell itself, and turns Excel's fictitious 29/02/1900
(serial 60 of the 1900 system) into 28/02/1900; ``fictitious_cells`` finds those cells in the
sheet's XML so that a date column refuses them (``cells.fictitious_date``).
"""

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from congdoan.core.text import clean_line

from ..numbers import format_number
from .cells import EPOCH_1904, CellError, fictitious_date, serial_date
from .columns import Column, header_key

HEADER_SEARCH_ROWS = 10
MAX_ROWS = 200_000
_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(?:1|true)\"")
# A numeric cell holding 60 (a date-formatted one shows 29/02/1900), with an optional formula.
_SERIAL_60 = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>(?:<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>))?<(?:\w+:)?v>60(?:\.0*)?</"
)
_REF = re.compile(rb"\br=\"([A-Z]{1,3})(\d+)\"")
_TYPE = re.compile(rb"\bt=\"(\w+)\"")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class Row:
    """One data row: ``number`` as Excel shows it, ``values`` the parsed non-empty cells by column
    key, ``raw`` the cells as read (for the report), ``errors`` (column key or "" for the whole
    row, message)."""

    number: int
    values: dict
    raw: list
    errors: list[tuple[str, str]] = field(default_factory=list)

    def error(self, key: str, message: str) -> None:
        self.errors.append((key, str(message)))


@dataclass
class Table:
    name: str  # the sheet read
    header_row: int  # 0-based
    headers: list  # the header cells as read
    columns: dict[int, Column]  # position -> column
    rows: list  # of Row (or the subclass passed to read_table)
    date1904: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # key -> label of every column of the module

    @property
    def positions(self) -> dict[str, int]:
        """column key -> position in the file."""
        return {c.key: i for i, c in self.columns.items()}


def cell_message(number: int, column: str, message: str) -> str:
    """The sentence people read: "Dòng 17, cột 'Ngày sinh': ..." (or "Dòng 17: ..." for a row)."""
    if column:
        return _("Dòng %(row)s, cột '%(col)s': %(msg)s") % {"row": number, "col": column, "msg": message}
    return _("Dòng %(row)s: %(msg)s") % {"row": number, "msg": message}


@dataclass
class ErrorList:
    """The errors of ``rows`` in row order, keyed (row number, column key); ``labels`` names the
    columns (key -> label) in messages."""

    rows: Sequence[Row]
    labels: dict[str, str]

    def __iter__(self) -> Iterator[tuple[int, str, str]]:
        for row in self.rows:
            for key, message in row.errors:
                yield row.number, key, message

    def __len__(self) -> int:
        return sum(len(row.errors) for row in self.rows)

    def by_cell(self) -> dict[tuple[int, str], list[str]]:
        cells: dict[tuple[int, str], list[str]] = {}
        for number, key, message in self:
            cells.setdefault((number, key), []).append(message)
        return cells

    def problems(self, limit: int | None = None) -> list[dict]:
        """{"row", "column" (its label; "" for the whole row), "message"}, at most ``limit``."""
        out = []
        for number, key, message in self:
            if limit is not None and len(out) >= limit:
                break
            out.append({"row": number, "column": self.labels.get(key, key), "message": message})
        return out

    def messages(self, limit: int | None = None) -> list[str]:
        return [cell_message(p["row"], p["column"], p["message"]) for p in self.problems(limit)]


def file_error(message) -> ValidationError:
    return ValidationError({"file": message})


def _unreadable() -> ValidationError:
    return file_error(
        _(
            "Không đọc được tệp: tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx). "
            "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi tải lên lại."
        )
    )


def is_date1904(path: Path | str) -> bool:
    """Whether the workbook counts dates from 1904 (Excel for Mac before 2011, and an option since):
    its ``workbookPr date1904`` flag. calamine converts date-formatted cells itself; a bare serial
    number in a date column needs the flag."""
    try:
        with zipfile.ZipFile(path) as book:
            return bool(_DATE1904.search(book.read("xl/workbook.xml")))
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def fictitious_cells(path: Path | str, sheet_name: str) -> set[tuple[int, int]]:
    """(row, column), 0-based, of the numeric cells of ``sheet_name`` holding serial 60: in the 1900
    date system a date-formatted one shows Excel's non-existent 29/02/1900, which calamine reads
    as 28/02/1900. Empty when the sheet cannot be found in the package."""
    try:
        with zipfile.ZipFile(path) as book:
            workbook = ET.fromstring(book.read("xl/workbook.xml"))
            rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
            rel_id = next(
                (
                    s.get(f"{_NS_REL}id")
                    for s in workbook.iter(f"{_NS_MAIN}sheet")
                    if s.get("name") == sheet_name
                ),
                None,
            )
            target = next(
                (r.get("Target") for r in rels.iter(f"{_NS_PKG}Relationship") if r.get("Id") == rel_id), None
            )
            if target is None:
                return set()
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            data = book.read(member)
    except (zipfile.BadZipFile, KeyError, OSError, ET.ParseError):
        return set()
    found = set()
    for match in _SERIAL_60.finditer(data):
        attrs = match.group(1)
        kind = _TYPE.search(attrs)
        ref = _REF.search(attrs)
        if ref and (kind is None or kind.group(1) == b"n"):
            found.add((int(ref.group(2)) - 1, _column_index(ref.group(1))))
    return found


def _header_row(cells: list, anchor: Column) -> int | None:
    return next(
        (
            i
            for i, row in enumerate(cells[:HEADER_SEARCH_ROWS])
            if any(header_key(v) == anchor.key_folded for v in row)
        ),
        None,
    )


def _choose_sheet(book, sheet: str, skip_sheets: Collection[str], anchor: Column) -> str:
    """The visible worksheet to read: the first (``sheet`` first) with ``anchor``'s header in its
    first rows, else the first visible one (whose missing header is then reported)."""
    visible = [
        m.name
        for m in book.sheets_metadata
        if m.visible == SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet
    ]
    if not visible:
        raise file_error(_("Tệp không có trang tính nào đang hiện; trang ẩn không được đọc."))
    names = [n for n in visible if n not in skip_sheets] or visible
    ordered = sorted(names, key=lambda n: n != sheet)
    for name in ordered:
        probe = book.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)
        if _header_row(probe, anchor) is not None:
            return name
    return ordered[0]


def merged_cells(ranges: list) -> set[tuple[int, int]]:
    """Cells covered by a merge other than its top-left one (0-based): calamine reads them as empty."""
    hidden = set()
    for (r0, c0), (r1, c1) in ranges:
        hidden.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
    return hidden


def read_table(
    path: Path | str,
    columns: Sequence[Column],
    *,
    sheet: str = "",
    skip_sheets: Collection[str] = (),
    anchor: Column | None = None,
    ignored_headers: Collection[str] = (),
    max_rows: int = MAX_ROWS,
    row_class: type[Row] = Row,
    progress=None,
) -> Table:
    """Read the visible sheet holding the header, ``sheet`` first, else the first visible one not in
    ``skip_sheets`` (``_choose_sheet``; hidden sheets are never read), of the xlsx at ``path``.

    The header row is the first of the first ``HEADER_SEARCH_ROWS`` rows holding ``anchor``'s
    header (default: the first required column), so title rows above it are read past. Headers in
    ``ignored_headers`` (a report's error column, an export's extra columns) are read past too.
    ``progress`` (``jobs.Progress``) counts the rows. Raises ``ValidationError({"file": ...})`` for
    an unreadable file, a missing header row, wrong headers, no data rows or more than ``max_rows``.
    """
    if progress:
        progress.start(_("Đọc tệp"))
    anchor = anchor or next(c for c in columns if c.required)
    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            name = _choose_sheet(book, sheet, skip_sheets, anchor)
            found = book.get_sheet_by_name(name)
            cells = found.to_python(skip_empty_area=False)
            merged = found.merged_cell_ranges or []
    except (CalamineError, OSError, ValueError, IndexError):
        raise _unreadable() from None
    header_row = _header_row(cells, anchor)
    if header_row is None:
        raise file_error(
            _("Trang '%(s)s' không có dòng tiêu đề (cột '%(h)s') trong %(n)s dòng đầu; hãy dùng tệp mẫu.")
            % {"s": name, "h": anchor.label, "n": HEADER_SEARCH_ROWS}
        )
    headers = cells[header_row]
    by_position = map_headers(headers, columns, {header_key(h) for h in ignored_headers})
    data = cells[header_row + 1 :]
    if len(data) > max_rows:
        raise file_error(
            _("Tệp có hơn %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": format_number(max_rows)}
        )
    table = Table(
        name, header_row, headers, by_position, [], is_date1904(path), {c.key: c.label for c in columns}
    )
    fictitious = (
        fictitious_cells(path, name) if not table.date1904 and any(c.date for c in columns) else set()
    )
    table.rows = _parse_rows(table, data, merged_cells(merged), row_class, progress, fictitious)
    if not table.rows:
        raise file_error(_("Trang '%(s)s' không có dòng dữ liệu nào dưới dòng tiêu đề.") % {"s": name})
    return table


def map_headers(headers: list, columns: Sequence[Column], ignored: Collection[str] = ()) -> dict[int, Column]:
    """position -> column of a header row; every unknown, doubled or missing required column is named."""
    by_header = {c.key_folded: c for c in columns}
    found: dict[int, Column] = {}
    errors = []
    for i, header in enumerate(headers):
        key = header_key(header)
        if not key or key in ignored:
            continue
        column = by_header.get(key)
        if column is None:
            errors.append(_("Cột '%(h)s' không có trong mẫu.") % {"h": header})
        elif column in found.values():
            errors.append(_("Cột '%(h)s' xuất hiện hai lần.") % {"h": column.label})
        else:
            found[i] = column
    present = set(found.values())
    errors += [
        _("Thiếu cột '%(h)s' (bắt buộc).") % {"h": c.label}
        for c in columns
        if c.required and c not in present
    ]
    if errors:
        raise ValidationError({"file": [*errors, _("Hãy dùng đúng tiêu đề cột của tệp mẫu.")]})
    return found


def _empty(value) -> bool:
    """Whether a cell holds nothing once cleaned (spaces, a zero-width space, a BOM…)."""
    return value == "" or (
        value.__class__ is str and (not value.strip() or (not value.isprintable() and not clean_line(value)))
    )


def _parse_rows(
    table: Table, data: list[list], merged: set, row_class: type[Row], progress, fictitious: set = frozenset()
) -> list[Row]:
    if progress:
        progress.start(_("Kiểm tra từng ô"), total=len(data))
    first = table.header_row + 1  # 0-based index of the first data row
    content = [(i, c) for i, c in table.columns.items() if c.read]
    rows = []
    for offset, cells in enumerate(data):
        if progress:
            progress.advance()
        if all(_empty(cells[i]) for i, _c in content if i < len(cells)):
            continue  # an empty line (spaces and invisible characters are nothing)
        row = row_class(number=first + offset + 1, values={}, raw=cells)
        for i, column in content:
            value = cells[i] if i < len(cells) else ""
            if _empty(value):
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
                if column.date and (first + offset, i) in fictitious:
                    raise fictitious_date()
                if column.date and isinstance(value, float):
                    value = serial_date(value, date1904=table.date1904) or value
                elif column.date and table.date1904 and isinstance(value, dt.time):
                    value = EPOCH_1904  # calamine reads a date-formatted serial 0 as a time of day
                row.values[column.key] = column.parse(value)
            except CellError as exc:
                row.error(column.key, str(exc))
        rows.append(row)
    return rows
