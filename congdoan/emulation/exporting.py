"""Excel files of the emulation module (``core.bulk.xlsx``): the rating summary of a superior
union's grassroots unions for a year and a block's ranking for a year, the same rows as the pages."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.bulk import xlsx
from congdoan.core.labels import localized
from congdoan.organizations.models import Unit

from . import levels, ranks, scoring, selectors
from .models import Block, Rating

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

SUMMARY_HEADERS = [
    (gettext_lazy("STT"), 6),
    (gettext_lazy("Công đoàn cơ sở"), 60),
    (gettext_lazy("Trạng thái"), 18),
    (gettext_lazy("Điểm tự chấm"), 14),
    (gettext_lazy("Điểm cấp trên chấm"), 14),
    (gettext_lazy("Xếp loại"), 32),
]
# The points and the veto of a ranked row (``ranks.ranked``), after the rank, unit (and block).
POINTS_HEADERS = [
    (gettext_lazy("Tổng điểm"), 12),
    (gettext_lazy("Điểm thưởng"), 12),
    (gettext_lazy("Điểm trừ"), 12),
    (gettext_lazy("Tiêu chí bắt buộc không đạt"), 40),
]
RANKING_HEADERS = [
    (gettext_lazy("Hạng"), 16),
    (gettext_lazy("Đơn vị"), 60),
    *POINTS_HEADERS,
    (gettext_lazy("Ghi chú"), 40),
    (gettext_lazy("Đề nghị khen thưởng"), 20),
]


LEVEL_RANKING_HEADERS = [
    (gettext_lazy("Hạng"), 16),
    (gettext_lazy("Đơn vị"), 60),
    (gettext_lazy("Khối thi đua"), 40),
    *POINTS_HEADERS,
]


def _ranked_row(sheet, n: int, row, first: int) -> int:
    """Write a ranked row's rank (a vetoed unit: none) in column 0 and its points (numbers, so
    that Excel sums and sorts them) and veto from column ``first``; returns the next column."""
    if row.vetoed:
        sheet.write_string(n, 0, str(scoring.rank_text(row)))
    else:
        sheet.write_number(n, 0, row.rank)
    for i, value in enumerate((row.total, row.bonus, row.penalty)):
        sheet.write_number(n, first + i, float(value))
    if row.veto:
        sheet.write_string(n, first + 3, row.veto)
    return first + 4


def _rule(sheet, n: int) -> None:
    """The ranking rule (``ranks.RULE``) under the ranked rows, as on the page."""
    sheet.write_string(n, 0, _("Quy tắc xếp hạng: %(rule)s") % {"rule": ranks.RULE})


def _sheet(book, title: str, heading: str, headers):
    formats = xlsx.formats(book)
    sheet = book.add_worksheet(title[:31])
    sheet.write_string(0, 0, heading)
    for i, (header, width) in enumerate(headers):
        sheet.set_column(i, i, width)
        sheet.write_string(1, i, str(header), formats["header"])
    sheet.freeze_panes(2, 2)
    return sheet, formats


def rating_summary_xlsx(*, actor, unit: Unit, year: int, state: str = "") -> bytes:
    """Every grassroots union of ``unit``'s subtree with its rating of ``year`` (404/403 as the
    selector; points as numbers), then the count per grade."""
    rows = selectors.rating_summary(actor=actor, unit=unit, year=year, state=state)
    counts = selectors.rating_counts(actor=actor, unit=unit, year=year)
    states = dict(Rating.State.choices)
    target = io.BytesIO()
    book = xlsx.workbook(target)
    heading = _("Xếp loại công đoàn cơ sở năm %(y)s — %(unit)s") % {"y": year, "unit": unit}
    sheet, formats = _sheet(book, _("Xếp loại CĐCS"), heading, SUMMARY_HEADERS)
    n = 1
    for n, row in enumerate(rows, start=2):
        sheet.write_number(n, 0, n - 1)
        sheet.write_string(n, 1, row.name)
        sheet.write_string(n, 2, str(states.get(row.rating_state, _("Chưa đánh giá"))))
        if row.rating_self is not None:
            sheet.write_number(n, 3, float(row.rating_self))
        if row.rating_total is not None:
            sheet.write_number(n, 4, float(row.rating_total))
        if row.grade_name:
            sheet.write_string(n, 5, localized(row.grade_name, row.grade_name_en))
    n += 2
    sheet.write_string(n, 1, _("Số công đoàn cơ sở"), formats["header"])
    sheet.write_number(n, 2, counts["units"], formats["count"])
    sheet.write_string(n + 1, 1, _("Đã xếp loại"), formats["header"])
    sheet.write_number(n + 1, 2, counts["rated"], formats["count"])
    for i, (grade, count) in enumerate(counts["grades"], start=n + 2):
        sheet.write_string(i, 1, str(grade), formats["header"])
        sheet.write_number(i, 2, count, formats["count"])
    book.close()
    return target.getvalue()


def ranking_xlsx(*, block: Block, year: int) -> bytes:
    """A block's ranking for ``year`` (the block is resolved through its selector by the caller), with
    the commendation each rank is proposed for (``selectors.proposal_forms``)."""
    target = io.BytesIO()
    book = xlsx.workbook(target)
    heading = _("%(block)s — xếp hạng năm %(y)s") % {"block": block.name, "y": year}
    sheet, _formats = _sheet(book, _("Xếp hạng"), heading, RANKING_HEADERS)
    form = selectors.proposal_forms(year)
    n = 1
    for n, row in enumerate(scoring.ranking(block, year), start=2):
        sheet.write_string(n, 1, row.unit_name or "")
        column = _ranked_row(sheet, n, row, 2)
        if row.note:
            sheet.write_string(n, column, row.note)
        proposed = None if row.vetoed else form(row.rank)
        if proposed:
            sheet.write_string(n, column + 1, proposed[1])
    _rule(sheet, n + 2)
    book.close()
    return target.getvalue()


def level_ranking_xlsx(*, unit: Unit, year: int) -> bytes:
    """The ranking within the level ``unit`` for ``year`` (``levels.level_ranking``; the unit is
    resolved through its selector by the caller): rank, unit, its blocks, total."""
    target = io.BytesIO()
    book = xlsx.workbook(target)
    heading = _("%(unit)s — xếp hạng toàn cấp năm %(y)s") % {"unit": unit, "y": year}
    sheet, _formats = _sheet(book, _("Xếp hạng toàn cấp"), heading, LEVEL_RANKING_HEADERS)
    n = 1
    for n, row in enumerate(levels.level_ranking(unit, year), start=2):
        sheet.write_string(n, 1, row.unit_name)
        sheet.write_string(n, 2, row.block_names)
        _ranked_row(sheet, n, row, 3)
    _rule(sheet, n + 2)
    book.close()
    return target.getvalue()
