"""Excel files of the module's lists: the initiatives (the list page's filters, the same selector)
and a round's progress table (the same rows as the page: ``selectors.round_progress``)."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.bulk import xlsx

INITIATIVE_HEADERS = [
    (gettext_lazy("Tên sáng kiến"), 50),
    (gettext_lazy("Đơn vị"), 40),
    (gettext_lazy("Lĩnh vực"), 28),
    (gettext_lazy("Ngày áp dụng"), 14),
    (gettext_lazy("Ngày đăng ký"), 14),
    (gettext_lazy("Tác giả"), 40),
    (gettext_lazy("Hiệu quả (đồng)"), 18),
    (gettext_lazy("Trạng thái"), 16),
    (gettext_lazy("Cấp công nhận"), 36),
    (gettext_lazy("Ngày quyết định"), 14),
]
PROGRAMME_HEADERS = [
    (gettext_lazy("Tên chương trình"), 60),
    (gettext_lazy("Đơn vị phát động"), 40),
    (gettext_lazy("Ngày phát động"), 14),
    (gettext_lazy("Ngày kết thúc"), 14),
    (gettext_lazy("Số đợt"), 10),
    (gettext_lazy("Chỉ tiêu chung"), 14),
]
PROGRESS_HEADERS = [
    (gettext_lazy("Đơn vị"), 60),
    (gettext_lazy("Đăng ký"), 12),
    (gettext_lazy("Được công nhận"), 14),
    (gettext_lazy("Chỉ tiêu"), 12),
    (gettext_lazy("Tỷ lệ"), 10),
]


def _headers(book, sheet, headers, row: int = 0) -> dict:
    formats = xlsx.formats(book)
    for i, (header, width) in enumerate(headers):
        sheet.set_column(i, i, width)
        sheet.write_string(row, i, str(header), formats["header"])
    sheet.freeze_panes(row + 1, 1)
    return formats


def _titled_sheet(name: str, title: str, headers):
    """A workbook in memory with one sheet ``name``: ``title`` on the first row, ``headers`` below."""
    target = io.BytesIO()
    book = xlsx.workbook(target)
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, title)
    return target, book, sheet, _headers(book, sheet, headers, row=1)


def initiatives_xlsx(initiatives, authors: dict[int, str]) -> bytes:
    """``initiatives``: the selector's rows (``unit_name``, ``decided_by_name`` annotated);
    ``authors``: each one's authors as text."""
    target = io.BytesIO()
    book = xlsx.workbook(target)
    sheet = book.add_worksheet(_("Sáng kiến"))
    formats = _headers(book, sheet, INITIATIVE_HEADERS)
    for n, item in enumerate(initiatives, start=1):
        sheet.write_string(n, 0, item.title)
        sheet.write_string(n, 1, item.unit_name or "")
        sheet.write_string(n, 2, item.field.name)
        xlsx.write_date(sheet, n, 3, item.applied_on, formats["date"])
        xlsx.write_date(sheet, n, 4, item.registered_on, formats["date"])
        sheet.write_string(n, 5, authors.get(item.pk, ""))
        if item.benefit is not None:
            sheet.write_number(n, 6, item.benefit, formats["count"])
        sheet.write_string(n, 7, str(item.State(item.state).label))
        sheet.write_string(n, 8, item.decided_by_name or "")
        if item.decided_on:
            xlsx.write_date(sheet, n, 9, item.decided_on, formats["date"])
    book.close()
    return target.getvalue()


def programmes_xlsx(programmes) -> bytes:
    """The programme list (``selectors.programme_search``'s rows)."""
    target = io.BytesIO()
    book = xlsx.workbook(target)
    sheet = book.add_worksheet(_("Chương trình"))
    formats = _headers(book, sheet, PROGRAMME_HEADERS)
    for n, p in enumerate(programmes, start=1):
        sheet.write_string(n, 0, p.name)
        sheet.write_string(n, 1, p.unit_name or "")
        xlsx.write_date(sheet, n, 2, p.starts_on, formats["date"])
        xlsx.write_date(sheet, n, 3, p.ends_on, formats["date"])
        sheet.write_number(n, 4, p.round_count, formats["count"])
        if p.goal is not None:
            sheet.write_number(n, 5, p.goal, formats["count"])
    book.close()
    return target.getvalue()


def progress_xlsx(title: str, rows) -> bytes:
    """One round's progress, each unit indented under its parent (``RollupRow[Progress]``)."""
    target, book, sheet, formats = _titled_sheet(_("Tiến độ"), title, PROGRESS_HEADERS)
    indents: dict[int, object] = {}
    for n, r in enumerate(rows, start=2):
        sheet.write_string(
            n, 0, r.unit.name, indents.setdefault(r.indent, book.add_format({"indent": r.indent}))
        )
        sheet.write_number(n, 1, r.total.registered, formats["count"])
        sheet.write_number(n, 2, r.total.recognised, formats["count"])
        if r.total.target is not None:
            sheet.write_number(n, 3, r.total.target, formats["count"])
        if r.total.percent is not None:
            # a percentage of the target: above 100 % is the round exceeded, not a figure to check
            sheet.write_number(n, 4, r.total.percent, formats["percent"])
    book.close()
    return target.getvalue()


TARGET_HEADERS = [
    (gettext_lazy("Đơn vị giao"), 40),
    (gettext_lazy("Đơn vị nhận"), 40),
    (gettext_lazy("Chỉ tiêu"), 12),
    (gettext_lazy("Giao vượt"), 10),
    (gettext_lazy("Lý do giao vượt"), 40),
]


def targets_xlsx(title: str, targets) -> bytes:
    """One round's targets as the round's page lists them (``selectors.target_search``'s rows)."""
    target, book, sheet, formats = _titled_sheet(_("Chỉ tiêu"), title, TARGET_HEADERS)
    for n, t in enumerate(targets, start=2):
        sheet.write_string(n, 0, t.given_by_name or "")
        sheet.write_string(n, 1, t.unit_name or "")
        sheet.write_number(n, 2, t.count, formats["count"])
        sheet.write_string(n, 3, _("Có") if t.over_allocated else "")
        sheet.write_string(n, 4, t.over_reason)
    book.close()
    return target.getvalue()
