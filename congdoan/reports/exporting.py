"""The reports as formatted Excel files (``core.bulk.xlsx``): title rows (report, unit, period, date
of the figures), a header row, the figures with thousands grouped ("1.863" in a Vietnamese Excel),
totals, frozen panes. The same typed rows as the pages and the API (``selectors``)."""

import io

from django.utils.translation import gettext as _

from congdoan.core import figures
from congdoan.core.bulk import xlsx
from congdoan.core.dates import display
from congdoan.core.figures import Measure
from congdoan.core.numbers import over_full

from .selectors import POINTS, TEXT, ComparisonRow, ReportData, Scope, TableData


def _book():
    target = io.BytesIO()
    book = xlsx.workbook(target, streamed=False)
    formats = xlsx.formats(book)
    formats["title"] = book.add_format({"bold": True, "font_size": 14})
    formats["section"] = book.add_format({"bold": True, "bg_color": "#F2F2F2"})
    formats["total"] = book.add_format({"bold": True, "num_format": xlsx.COUNT, "top": 1})
    formats["total_label"] = book.add_format({"bold": True, "top": 1})
    formats["whole_percent"] = book.add_format({"num_format": '#,##0" %"'})
    formats["points"] = book.add_format({"num_format": "0.0"})
    return target, book, formats


def _titles(sheet, formats, title: str, scope: Scope) -> int:
    """Rows 0–2: the title, the unit, the period and the date of the figures; returns the next row."""
    sheet.write_string(0, 0, title, formats["title"])
    sheet.write_string(1, 0, scope.name)
    sheet.write_string(
        2,
        0,
        _("%(period)s — số liệu đến ngày %(d)s") % {"period": scope.period.label, "d": display(scope.as_of)},
    )
    return 4


def _number(
    sheet, row: int, col: int, value: int | None, measure: str, formats, total: bool = False, target=False
) -> None:
    """A figure's cell; a percentage above 100 % marked to check unless it is of a ``target``."""
    if value is None:
        return
    if measure == Measure.PERCENT:
        flagged = over_full(value) and not target
        sheet.write_number(row, col, value, formats["over_full" if flagged else "whole_percent"])
    else:
        sheet.write_number(row, col, value, formats["total" if total else "count"])


def report_xlsx(data: ReportData) -> bytes:
    """A year-end or mid-year report: per section its title, then one row per figure."""
    target, book, formats = _book()
    sheet = book.add_worksheet(_("Báo cáo"))
    row = _titles(sheet, formats, str(data.report.title), data.scope)
    sheet.set_column(0, 0, 70)
    sheet.set_column(1, 1, 20)
    sheet.set_column(2, 2, 12)
    for col, header in enumerate((_("Chỉ tiêu"), _("Số liệu"), _("Đơn vị tính"))):
        sheet.write_string(row, col, header, formats["header"])
    sheet.freeze_panes(row + 1, 1)
    row += 1
    for section in data.sections:
        if not section.lines:
            continue
        sheet.write_string(row, 0, section.title, formats["section"])
        row += 1
        for line in section.lines:
            sheet.write_string(row, 0, line.label)
            _number(sheet, row, 1, line.value, line.measure, formats, target=line.against_target)
            sheet.write_string(row, 2, line.word or str(Measure(line.measure).label))
            row += 1
    for table in data.tables:
        row = _table(sheet, formats, table, row + 1)
    book.close()
    return target.getvalue()


def _cell(sheet, row: int, col: int, value, measure: str, formats, total: bool = False) -> None:
    if value is None or value == "":
        return
    if measure == POINTS:
        sheet.write_number(row, col, float(value), formats["points"])
    elif measure == TEXT:
        xlsx.write_cell(sheet, row, col, value, formats["total_label"] if total else None)
    else:
        _number(sheet, row, col, value, measure, formats, total=total)


def _table(sheet, formats, table: TableData, row: int) -> int:
    """A listing's table from ``row``: its title, the header, the rows, the totals; the next row."""
    sheet.write_string(row, 0, table.title, formats["section"])
    row += 1
    for col, column in enumerate(table.columns):
        sheet.write_string(row, col, column.label, formats["header"])
    row += 1
    for line in (*table.rows, *([table.total] if table.total else [])):
        for col, (value, column) in enumerate(zip(line.cells, table.columns, strict=True)):
            _cell(sheet, row, col, value, column.measure, formats, total=line is table.total)
        row += 1
    return row


def table_xlsx(
    *, title: str, scope: Scope, names: list[str], rows: list[ComparisonRow], total: dict, indents=None
) -> bytes:
    """Units down, figures across (the membership statistics, a comparison of units), the scope's
    unit's totals on the last row."""
    target, book, formats = _book()
    sheet = book.add_worksheet(_("Số liệu"))
    row = _titles(sheet, formats, title, scope)
    shown = [figures.get(n) for n in names]
    sheet.set_column(0, 0, 50)
    sheet.set_column(1, len(names), 16)
    sheet.write_string(row, 0, _("Đơn vị"), formats["header"])
    for col, name in enumerate(names, start=1):
        sheet.write_string(row, col, str(figures.get(name).label), formats["header"])
    sheet.freeze_panes(row + 1, 1)
    row += 1
    indent_formats: dict[int, object] = {}
    for i, r in enumerate(rows):
        indent = (indents or {}).get(i, 0)
        fmt = indent_formats.setdefault(indent, book.add_format({"indent": indent}))
        sheet.write_string(row, 0, r.name, fmt)
        for col, (value, f) in enumerate(zip(r.values, shown, strict=True), start=1):
            _number(sheet, row, col, value, f.measure, formats, target=f.against_target)
        row += 1
    sheet.write_string(row, 0, _("Tổng cộng"), formats["total_label"])
    for col, f in enumerate(shown, start=1):
        _number(sheet, row, col, total.get(f.name), f.measure, formats, total=True, target=f.against_target)
    book.close()
    return target.getvalue()
