"""The register (sổ văn bản đi/đến) as an xlsx file: the rows the page shows, all pages, streamed
(xlsxwriter's constant-memory mode over a chunked cursor, ``core.bulk.xlsx``)."""

import tempfile

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from congdoan.core.bulk import xlsx
from congdoan.core.bulk.columns import Column

from .models import Direction, Status

CHUNK = 2000


def columns(direction: str) -> tuple[Column, ...]:
    incoming = direction == Direction.INCOMING
    return (
        Column("number", _("Số đến") if incoming else _("Số"), width=8),
        Column("number_symbol", _("Số, ký hiệu"), text=True, width=18),
        Column("date", _("Ngày đến") if incoming else _("Ngày ký"), date=True, width=12),
        Column("kind", _("Loại văn bản"), width=16),
        Column("title", _("Trích yếu"), width=60),
        Column("party", _("Cơ quan gửi") if incoming else _("Nơi nhận"), width=40),
        Column("signer", _("Người xử lý") if incoming else _("Người ký"), width=24),
        Column("status", _("Tình trạng"), width=14),
    )


def register_xlsx(documents: QuerySet, direction: str):
    """A temporary file holding the register of ``documents`` (already scoped and filtered)."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the FileResponse closes it
    book = xlsx.workbook(out)
    fmts = xlsx.formats(book)
    cols = columns(direction)
    sheet = book.add_worksheet(_("Sổ văn bản đến") if direction == Direction.INCOMING else _("Sổ văn bản đi"))
    xlsx.setup_sheet(sheet, fmts, cols)
    statuses = dict(Status.choices)
    for row, d in enumerate(documents.select_related("kind").iterator(chunk_size=CHUNK), start=1):
        incoming = d.direction == Direction.INCOMING
        values = {
            "number": d.number if d.number is not None else "",
            "number_symbol": (d.sender_number if incoming else d.number_symbol) or "",
            "date": d.date or "",
            "kind": d.kind.name,
            "title": d.title,
            "party": d.sender if incoming else d.recipients.replace("\n", "; "),
            "signer": d.handler if incoming else d.signer_name,
            "status": str(statuses.get(d.status, d.status)),
        }
        for col, column in enumerate(cols):
            fmt = fmts["text"] if column.text else fmts["date"] if column.date else None
            xlsx.write_cell(sheet, row, col, values[column.key], fmt)
    book.close()
    out.seek(0)
    return out
