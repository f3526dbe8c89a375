"""Writing xlsx files: streamed workbooks, the shared formats, and a sheet laid out from ``Column``s.

``workbook(target)`` is xlsxwriter in constant_memory mode (each row is flushed to disk once the
next starts: write rows in order, top to bottom), or in memory for a small file written to an HTTP
response. Dates are written as Excel serial numbers in the 1900 system with the dd/mm/yyyy format,
counting Excel's fictitious 29/02/1900 (``cells.excel_serial``): 01/01/1900 is 1, 28/02/1900 is 59.
"""

import datetime as dt
import re
from collections.abc import Iterable, Sequence

import xlsxwriter
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name

from .cells import EPOCH_1900, excel_serial
from .columns import Column

BAD = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
DATE = "dd/mm/yyyy"
MARCH_1900 = dt.date(1900, 3, 1)


def workbook(target, *, streamed: bool = True) -> xlsxwriter.Workbook:
    """``target``: a path or a binary file. ``streamed=False`` (in memory) allows writing cells in
    any order (a template's lists, data validations over a whole column)."""
    options = {"constant_memory": True} if streamed else {"in_memory": True}
    return xlsxwriter.Workbook(target if not hasattr(target, "__fspath__") else str(target), options)


COUNT = "#,##0"  # Excel shows the reader's separators: 1.863 in Vietnamese (core.numbers)
PERCENT = "#,##0.0"


def formats(book: xlsxwriter.Workbook) -> dict:
    """The shared formats: "header", "text" (@, keeps leading zeros), "date" (dd/mm/yyyy), "bad"
    (a cell with an error), "bad_date", "count" (thousands grouped), "percent" (a percentage
    already multiplied by 100, one decimal) and "over_full" (one above 100, marked like an error:
    ``core.numbers.over_full``)."""
    return {
        "header": book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True, "valign": "vcenter"}
        ),
        "text": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": DATE}),
        "bad": book.add_format(BAD),
        "bad_date": book.add_format({**BAD, "num_format": DATE}),
        "count": book.add_format({"num_format": COUNT}),
        "percent": book.add_format({"num_format": PERCENT}),
        "over_full": book.add_format({**BAD, "num_format": PERCENT}),
    }


def write_date(sheet, row: int, col: int, value: dt.date, fmt) -> None:
    """A date as Excel's serial number (``cells.excel_serial``: write_datetime's conversion costs
    more than the write, and it writes 0, "00/01/1900", for a datetime on 01/01/1900)."""
    if value >= MARCH_1900:
        sheet.write_number(row, col, (value - EPOCH_1900).days, fmt)
    else:
        sheet.write_number(row, col, excel_serial(value), fmt)


# A string xlsxwriter would change on its way into the XML: markup, control characters or their
# _xHHHH_ escapes, the two non-characters, or a space at either end (xml:space="preserve").
NEEDS_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x|^\s|\s$")


class RowStream:
    """Rows written into a streamed sheet (``workbook(target)``) as whole rows of XML, a chunk at
    a time: the bytes xlsxwriter itself writes for the same cells, for about a quarter of the CPU
    (the whole file, its compression included).

    xlsxwriter spends about 5 µs of Python per cell (checks, a cell tuple, then the flush builds
    the attributes and escapes): most of the 84 s of CPU of a 1,000,000-member export (issue 9);
    no public call writes a row cheaper (``write_row`` is ``write`` per cell). This writes into the sheet's row file (what its constant_memory flush writes to)
    and keeps its row and dimension bookkeeping, so cells written afterwards through the sheet go
    on below. ``formats``: per column, the format of its cells (None: the column's own, as
    xlsxwriter does). Values: str (inline text, escaped as xlsxwriter does, never a formula),
    int/float, ``dt.date`` (a serial number, ``write_date``); None and "" leave the cell empty.
    Relies on xlsxwriter 3.3's worksheet internals (``row_data_fh``, ``previous_row``): pinned in
    requirements.lock, and core/tests/test_bulk_rows.py compares the bytes with xlsxwriter's own."""

    def __init__(self, sheet, formats: Sequence):
        if not sheet.constant_memory:
            raise ValueError("RowStream writes only into a streamed (constant_memory) sheet")
        self.sheet, self.formats = sheet, list(formats)
        self.text_heads: list[tuple[str, str]] = []
        self.number_heads: list[tuple[str, str]] = []
        self.last_col = len(formats) - 1

    def _heads(self) -> None:
        """Each column's opening of a text cell and of a number cell, up to the row number and
        after it. Numbering the formats (``_get_xf_index``) once the rows above are flushed keeps
        xlsxwriter's order in styles.xml."""
        for col, fmt in enumerate(self.formats):
            if fmt is None and col in self.sheet.col_info:
                fmt = self.sheet.col_info[col].column_format
            style = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
            name = xl_col_to_name(col)
            self.text_heads.append((f'<c r="{name}', f'"{style} t="inlineStr"><is><t'))
            self.number_heads.append((f'<c r="{name}', f'"{style}><v>'))

    def write(self, first_row: int, rows: Iterable[Sequence]) -> int:
        """Write ``rows`` from row ``first_row`` down (below everything written so far); return the
        row after the last one written."""
        sheet = self.sheet
        if first_row < sheet.previous_row or (first_row == sheet.previous_row and sheet.table.get(first_row)):
            raise ValueError(f"row {first_row} is already written")
        sheet._write_single_row(first_row)  # flushes the row xlsxwriter still holds
        if not self.text_heads:
            self._heads()
        text_heads, number_heads, needs_escape = self.text_heads, self.number_heads, NEEDS_ESCAPE.search
        out = []
        append = out.append
        r = first_row
        for row in rows:
            rn = str(r + 1)
            start = len(out)
            append(f'<row r="{rn}">')
            for col, v in enumerate(row):
                cls = v.__class__
                if cls is str:
                    if not v:
                        continue
                    head, mid = text_heads[col]
                    if needs_escape(v):
                        v = sheet._escape_control_characters(v)
                        mid += ' xml:space="preserve">' if _preserve_whitespace(v) else ">"
                        v = sheet._escape_data(v)
                    else:
                        mid += ">"
                    append(f"{head}{rn}{mid}{v}</t></is></c>")
                elif v is None:
                    continue
                elif cls is int or cls is float:
                    head, mid = number_heads[col]
                    append(f"{head}{rn}{mid}{v:.16G}</v></c>")
                elif cls is dt.date:
                    head, mid = number_heads[col]
                    days = (v - EPOCH_1900).days if v >= MARCH_1900 else excel_serial(v)
                    append(f"{head}{rn}{mid}{days}</v></c>")
                else:
                    raise TypeError(f"{cls.__name__} in row {r}, column {col}")
            if len(out) > start + 1:
                append("</row>")
            else:
                out.pop()  # no cell: xlsxwriter writes no row
            r += 1
        if r > first_row:
            sheet.row_data_fh.write("".join(out))
            sheet._check_dimensions(first_row, 0)  # the dimensions span every column of the stream
            sheet._check_dimensions(r - 1, self.last_col)
        sheet.previous_row = r
        return r


def write_cell(sheet, row: int, col: int, value, fmt=None) -> None:
    """A value as read by calamine (bool, number, date, text; "" is a blank, written only with a format)."""
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, float | int):
        sheet.write_number(row, col, value, fmt)
    elif isinstance(value, dt.datetime):
        day = value.time()
        fraction = (day.hour * 3600 + day.minute * 60 + day.second + day.microsecond / 1e6) / 86400
        sheet.write_number(row, col, excel_serial(value.date()) + fraction, fmt)
    elif isinstance(value, dt.date):
        write_date(sheet, row, col, value, fmt)
    elif value == "" or value is None:
        if fmt is not None:
            sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def setup_sheet(
    sheet,
    fmts: dict,
    columns: Sequence[Column],
    *,
    note: str | Promise = "",
    extra: Sequence[str] = (),
    freeze: tuple[int, int] = (1, 2),
) -> None:
    """Row 0 holds the headers; each column gets its width and its text or date format. ``note`` is
    a comment on the header of every text column (how to keep leading zeros); ``extra`` headers
    (an export's additional columns) follow the columns."""
    sheet.freeze_panes(*freeze)
    sheet.set_row(0, 32)
    for i, column in enumerate(columns):
        fmt = fmts["text"] if column.text else fmts["date"] if column.date else None
        sheet.set_column(i, i, column.width, fmt)
        sheet.write_string(0, i, column.header, fmts["header"])
        if note and column.text:
            sheet.write_comment(0, i, str(note), {"x_scale": 2, "y_scale": 1.5})
    for i, header in enumerate(extra, start=len(columns)):
        sheet.set_column(i, i, 30)
        sheet.write_string(0, i, header, fmts["header"])


def add_validations(sheet, columns: Sequence[Column], last_row: int) -> None:
    """Drop-downs of the columns with ``choices`` and a date check of the date columns, rows 1 to
    ``last_row``; warnings, not stops (the import checks everything again). Not for a streamed book."""
    for i, column in enumerate(columns):
        if column.choices:
            sheet.data_validation(
                1,
                i,
                last_row,
                i,
                {"validate": "list", "source": list(column.choices), "error_type": "warning"},
            )
        elif column.date:
            sheet.data_validation(
                1,
                i,
                last_row,
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
