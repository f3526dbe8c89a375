"""The validation report of an import: the uploaded rows as read, every bad cell red with a comment
naming its problems, and an error column at the end saying it all, row by row. Streamed
(constant_memory), so a report of 200,000 rows costs no more memory than one of ten.
"""

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from . import xlsx
from .sheet import ErrorList, Row, Table, cell_message

ERROR_HEADER = "Lỗi"
REPORT_COMMENTS = 2000  # cell comments at the most (Excel slows down past that); the column has all


def write_report(
    path: Path | str,
    table: Table,
    rows: Sequence[Row] | None = None,
    *,
    sheet: str = "",
    error_header: str = ERROR_HEADER,
    comments: int = REPORT_COMMENTS,
) -> None:
    """Write ``rows`` (default: the table's) under ``table``'s headers to ``path``, on a sheet named
    ``sheet`` (default: the one read). A bad cell is filled red (``xlsx`` "bad" format) with its
    messages as a comment (the first ``comments`` of them); an error of the whole row (key "")
    marks only the error column. A report, corrected, reads again: ``error_header`` is read past
    when given as an ignored header."""
    rows = table.rows if rows is None else rows
    position = table.positions
    book = xlsx.workbook(path)
    formats = xlsx.formats(book)
    out = book.add_worksheet(sheet or table.name)
    out.freeze_panes(1, 0)
    width = max(len(table.headers), max((len(r.raw) for r in rows), default=0))
    for i, header in enumerate(table.headers):
        xlsx.write_cell(out, 0, i, header, formats["header"])
    out.write_string(0, width, error_header, formats["header"])
    out.set_column(width, width, 60)
    written = 0
    for n, row in enumerate(rows, start=1):
        bad: dict[int | None, list[str]] = {}
        for key, message in row.errors:
            bad.setdefault(position.get(key), []).append(message)
        for i, value in enumerate(row.raw):
            fmt = None
            if i in bad:
                fmt = formats["bad_date"] if isinstance(value, dt.date) else formats["bad"]
            elif isinstance(value, dt.date):
                fmt = formats["date"]
            xlsx.write_cell(out, n, i, value, fmt)
        for i in (i for i in bad if i is not None and i >= len(row.raw)):
            out.write_blank(n, i, None, formats["bad"])
        for i, messages in bad.items():
            if i is not None and written < comments:
                out.write_comment(n, i, "\n".join(messages))
                written += 1
        if row.errors:
            out.write_string(n, width, "\n".join(ErrorList([row], table.labels).messages()), formats["bad"])
    book.close()


__all__ = ["ERROR_HEADER", "cell_message", "write_report"]
