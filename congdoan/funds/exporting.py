"""Files of the fund drives module: the drives list and a drive's contributor list as xlsx
(``core.bulk.xlsx``), and a receipt per contribution as docx (``documents.word.render`` with the
register's default template: the issuing unit, "Số: <receipt>", the Vietnamese date line, the
amount in figures and in words)."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.bulk import xlsx
from congdoan.core.dates import display
from congdoan.core.money import format_vnd, vnd_in_words
from congdoan.documents import word
from congdoan.documents.numbering import date_line
from congdoan.organizations.models import Unit

from . import selectors
from .models import Contribution, ContributorKind, Drive

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

DRIVE_HEADERS = [
    (gettext_lazy("Đợt vận động"), 50),
    (gettext_lazy("Quỹ"), 30),
    (gettext_lazy("Đơn vị phát động"), 50),
    (gettext_lazy("Từ ngày"), 12),
    (gettext_lazy("Đến ngày"), 12),
]
CONTRIBUTION_HEADERS = [
    (gettext_lazy("Số biên nhận"), 14),
    (gettext_lazy("Ngày ủng hộ"), 12),
    (gettext_lazy("Người ủng hộ"), 40),
    (gettext_lazy("Là"), 20),
    (gettext_lazy("Đơn vị thu"), 50),
    (gettext_lazy("Số tiền (đồng)"), 18),
    (gettext_lazy("Bằng chữ"), 60),
]


def _sheet(book, fmts, title: str, headers) -> object:
    sheet = book.add_worksheet(title)
    for i, (header, width) in enumerate(headers):
        sheet.set_column(i, i, width)
        sheet.write_string(0, i, str(header), fmts["header"])
    sheet.freeze_panes(1, 0)
    return sheet


def drives_xlsx(drives) -> bytes:
    """The drives list (the rows of the page's filter, every page)."""
    target = io.BytesIO()
    book = xlsx.workbook(target)
    fmts = xlsx.formats(book)
    sheet = _sheet(book, fmts, _("Đợt vận động"), DRIVE_HEADERS)
    for n, d in enumerate(selectors.with_unit_names(drives), start=1):
        sheet.write_string(n, 0, d.name)
        sheet.write_string(n, 1, d.fund.name)
        sheet.write_string(n, 2, d.unit_name)
        xlsx.write_date(sheet, n, 3, d.starts_on, fmts["date"])
        xlsx.write_date(sheet, n, 4, d.ends_on, fmts["date"])
    book.close()
    return target.getvalue()


def contributors_xlsx(*, actor, drive: Drive, unit: Unit | None = None) -> bytes:
    """The drive's contributor list the actor sees (``contribution_search``), then a sheet of the
    totals per unit rolled up the tree (``drive_totals``), and the total in words."""
    target = io.BytesIO()
    book = xlsx.workbook(target)
    fmts = xlsx.formats(book)
    sheet = _sheet(book, fmts, _("Danh sách ủng hộ"), CONTRIBUTION_HEADERS)
    as_of = selectors.drive_as_of(drive)
    rows = selectors.with_unit_names(
        selectors.contribution_search(actor=actor, drive=drive, unit=unit), as_of
    )
    total = 0
    for n, c in enumerate(rows, start=1):
        sheet.write_string(n, 0, c.receipt_no)
        xlsx.write_date(sheet, n, 1, c.contributed_on, fmts["date"])
        sheet.write_string(n, 2, c.contributor_name)
        sheet.write_string(n, 3, str(ContributorKind(c.kind).label))
        sheet.write_string(n, 4, c.unit_name)
        sheet.write_number(n, 5, c.amount, fmts["count"])
        sheet.write_string(n, 6, vnd_in_words(c.amount))
        total += c.amount
    last = len(rows) + 1
    sheet.write_string(last, 4, _("Cộng"), fmts["header"])
    sheet.write_number(last, 5, total, fmts["count"])
    sheet.write_string(last, 6, vnd_in_words(total))
    totals = _sheet(
        book,
        fmts,
        _("Tổng hợp theo đơn vị"),
        [(gettext_lazy("Đơn vị"), 60), (gettext_lazy("Số khoản"), 12), (gettext_lazy("Số tiền (đồng)"), 18)],
    )
    indents: dict[int, object] = {}
    for n, r in enumerate(selectors.drive_totals(actor=actor, drive=drive), start=1):
        totals.write_string(
            n, 0, r.unit.name, indents.setdefault(r.indent, book.add_format({"indent": r.indent}))
        )
        totals.write_number(n, 1, r.total.count, fmts["count"])
        totals.write_number(n, 2, r.total.amount, fmts["count"])
    book.close()
    return target.getvalue()


def receipt_values(contribution: Contribution) -> dict:
    """What the receipt prints, as the register's Word template names it (``word.context``)."""
    drive = contribution.drive
    on = contribution.contributed_on
    unit = contribution.unit
    version = unit.version_on(on) or unit.latest_version
    parent = version.parent.version_on(on) if version and version.parent_id else None
    words = vnd_in_words(contribution.amount)
    return {
        "superior": (parent.name if parent else "").upper(),
        "issuer": (version.name if version else str(unit)).upper(),
        "number_symbol": contribution.receipt_no,
        "date_line": date_line("", on),
        "kind": "BIÊN NHẬN",
        "title": f"Ủng hộ {drive.fund.name}",
        "paragraphs": [
            f"Đợt vận động: {drive.name} ({display(drive.starts_on)} - {display(drive.ends_on)}).",
            f"Đã nhận của: {contribution.contributor_name}.",
            f"Số tiền: {format_vnd(contribution.amount)} đồng.",
            f"Bằng chữ: {words}.",
            f"Ngày nhận: {display(on)}.",
            *([f"Ghi chú: {contribution.note}"] if contribution.note else []),
        ],
        "recipients": [],
        "authority": "NGƯỜI NHẬN",
        "signer_position": "",
        "signer_name": "",
    }


def receipt_docx(contribution: Contribution) -> bytes:
    return word.render(word.DEFAULT_TEMPLATE, receipt_values(contribution))


def receipt_file_name(contribution: Contribution) -> str:
    safe = "".join(
        ch if (ch.isascii() and ch.isalnum()) or ch in "-_" else "-" for ch in contribution.receipt_no
    )
    return f"bien-nhan-{safe}.docx"
