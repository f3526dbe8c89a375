"""The welfare lists and totals as xlsx files: the rows the pages show, all pages, streamed
(``core.bulk.xlsx``). A personal case's beneficiary is written only where the page would show it."""

import tempfile

from django.utils.translation import gettext as _

from congdoan.core.bulk import xlsx
from congdoan.core.bulk.columns import Column
from congdoan.core.dates import today
from congdoan.organizations.selectors import unit_names

from . import selectors

CHUNK = 2000


def _book(title: str, cols: tuple[Column, ...], rows):
    """A temporary file with one sheet of ``rows`` (dicts keyed by the columns)."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the FileResponse closes it
    book = xlsx.workbook(out)
    fmts = xlsx.formats(book)
    sheet = book.add_worksheet(title[:31])
    xlsx.setup_sheet(sheet, fmts, cols)
    for row, values in enumerate(rows, start=1):
        for col, column in enumerate(cols):
            value = values[column.key]
            fmt = fmts["text"] if column.text else fmts["date"] if column.date else None
            if isinstance(value, int) and not isinstance(value, bool):
                fmt = fmts["count"]
            xlsx.write_cell(sheet, row, col, value if value is not None else "", fmt)
    book.close()
    out.seek(0)
    return out


def _chunks(qs):
    """The queryset a chunk at a time, each chunk prepared by ``shown`` (a fixed number of queries each)."""
    start = 0
    while True:
        chunk = list(qs[start : start + CHUNK])
        if not chunk:
            return
        yield chunk
        start += CHUNK


def cases_xlsx(*, actor, cases, houses: bool = False, title: str = ""):
    """The cases (``houses``: with their house's details) on a sheet named ``title`` (the list's name by
    default); a personal case's beneficiary only where ``selectors.shown`` lets the actor see it."""
    cols = [
        Column("decided_on", _("Ngày hỗ trợ"), date=True, width=12),
        Column("unit", _("Đơn vị quyết định"), width=40),
        Column("kind", _("Loại hỗ trợ"), width=22),
        Column("beneficiary", _("Người nhận"), width=30),
        Column("relation", _("Quan hệ với đoàn viên"), width=14),
        Column("amount", _("Số tiền (đồng)"), width=16),
        Column("source", _("Nguồn kinh phí"), width=24),
        Column("source_name", _("Tên quỹ, cuộc vận động, nhà tài trợ"), width=30),
        Column("programme", _("Chương trình"), width=40),
    ]
    if houses:
        cols += [
            Column("house_kind", _("Loại nhà"), width=20),
            Column("work", _("Xây mới hay sửa chữa"), width=14),
            Column("location", _("Địa điểm"), width=40),
            Column("contributors", _("Đơn vị, cá nhân đóng góp"), width=40),
            Column("handed_over_on", _("Ngày bàn giao"), date=True, width=12),
        ]

    def rows():
        for chunk in _chunks(cases):
            for c in selectors.shown(actor=actor, cases=chunk):
                values = {
                    "decided_on": c.decided_on,
                    "unit": c.unit_name,
                    "kind": c.kind.name,
                    "beneficiary": c.beneficiary_label,
                    "relation": c.relation if c.beneficiary_visible else "",
                    "amount": c.amount,
                    "source": c.get_source_display(),
                    "source_name": c.source_name,
                    "programme": c.programme.title if c.programme else "",
                }
                if houses:
                    h = c.house
                    values |= {
                        "house_kind": h.kind.name,
                        "work": h.get_work_display(),
                        "location": h.location,
                        "contributors": h.contributors,
                        "handed_over_on": h.handed_over_on,
                    }
                yield values

    title = title or (_("Nhà tình nghĩa, tình thương") if houses else _("Hỗ trợ đoàn viên"))
    return _book(title, tuple(cols), rows())


def gift_items_xlsx(*, items):
    """A programme's gift items as its page lists them: count, value of each and amount in đồng."""
    cols = (
        Column("given_on", _("Ngày trao"), date=True, width=12),
        Column("description", _("Quà, khoản hỗ trợ"), width=40),
        Column("kind", _("Loại hỗ trợ"), width=22),
        Column("count", _("Số suất"), width=10),
        Column("unit_value", _("Trị giá mỗi suất (đồng)"), width=16),
        Column("amount", _("Thành tiền (đồng)"), width=16),
        Column("source", _("Nguồn kinh phí"), width=24),
        Column("source_name", _("Tên quỹ, cuộc vận động, nhà tài trợ"), width=30),
        Column("survey", _("Quà đoàn khảo sát đã ghi"), width=12),
    )
    return _book(
        _("Quà trong chương trình"),
        cols,
        (
            {
                "given_on": i.given_on,
                "description": i.description,
                "kind": i.kind.name,
                "count": i.count,
                "unit_value": i.unit_value,
                "amount": i.amount,
                "source": i.get_source_display(),
                "source_name": i.source_name,
                "survey": _("Có") if i.survey_gift_id else "",
            }
            for i in items
        ),
    )


def programmes_xlsx(*, programmes):
    cols = (
        Column("starts_on", _("Từ ngày"), date=True, width=12),
        Column("ends_on", _("Đến ngày"), date=True, width=12),
        Column("title", _("Tên chương trình"), width=50),
        Column("kind", _("Loại chương trình"), width=30),
        Column("unit", _("Đơn vị tổ chức"), width=40),
        Column("cases", _("Lượt hỗ trợ"), width=12),
        Column("amount", _("Tiền hỗ trợ (đồng)"), width=16),
    )
    rows = list(programmes)
    names = unit_names([p.unit_id for p in rows], today())
    return _book(
        _("Chương trình chăm lo"),
        cols,
        (
            {
                "starts_on": p.starts_on,
                "ends_on": p.ends_on,
                "title": p.title,
                "kind": p.kind.name,
                "unit": names.get(p.unit_id, ""),
                "cases": p.case_count,
                "amount": p.case_amount or 0,
            }
            for p in rows
        ),
    )


def totals_xlsx(*, rows):
    cols = (
        Column("unit", _("Đơn vị"), width=60),
        Column("cases", _("Lượt hỗ trợ"), width=12),
        Column("people", _("Số người được hỗ trợ"), width=14),
        Column("gifts", _("Số suất quà"), width=12),
        Column("amount", _("Tổng tiền (đồng)"), width=18),
    )
    return _book(
        _("Tổng hợp chăm lo"),
        cols,
        (
            {
                "unit": "  " * r.indent + r.unit.name,
                "cases": r.total.cases,
                "people": r.total.people,
                "gifts": r.total.gifts,
                "amount": r.total.amount,
            }
            for r in rows
        ),
    )


def sources_xlsx(*, rows):
    """Each unit (indented) with its subtree's count and đồng per source, and the total đồng."""
    sources = rows[0].total.cells if rows else ()
    cols = (
        Column("unit", _("Đơn vị"), width=60),
        *(
            column
            for cell in sources
            for column in (
                Column(f"{cell.code}.count", _("%(s)s: lượt, suất") % {"s": cell.label}, width=14),
                Column(f"{cell.code}.amount", _("%(s)s: số tiền (đồng)") % {"s": cell.label}, width=18),
            )
        ),
        Column("amount", _("Tổng tiền (đồng)"), width=18),
    )
    return _book(
        _("Chăm lo theo nguồn"),
        cols,
        (
            {
                "unit": "  " * r.indent + r.unit.name,
                **{
                    f"{c.code}.{part}": getattr(c, part)
                    for c in r.total.cells
                    for part in ("count", "amount")
                },
                "amount": r.total.amount,
            }
            for r in rows
        ),
    )


def candidates_xlsx(*, people):
    """A programme's candidates as the page lists them (``selectors.candidates``: personal data only where
    the actor may see it), read a chunk at a time."""
    cols = (
        Column("name", _("Họ và tên"), width=36),
        Column("flags", _("Diện"), width=40),
        Column("supported", _("Trong chương trình"), width=22),
    )

    def rows():
        for chunk in _chunks(people):
            for p in chunk:
                flags = [
                    str(label)
                    for on, label in (
                        (p.hardship, _("Hoàn cảnh khó khăn")),
                        (p.policy_family, _("Gia đình chính sách")),
                    )
                    if on
                ]
                yield {
                    "name": p.full_name,
                    "flags": "; ".join(flags),
                    "supported": _("Đã được hỗ trợ") if p.supported else "",
                }

    return _book(_("Đề xuất từ danh sách đoàn viên"), cols, rows())
