"""The compliance table as an Excel file: the same rows as the page and the API (the registry's
figures, ``selectors.compliance_rows``), one sheet, each unit indented under its parent."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.bulk import xlsx
from congdoan.core.numbers import over_full
from congdoan.organizations.models import Unit

from . import selectors
from .models import ConferenceKind

HEADERS = [
    (gettext_lazy("Đơn vị"), 60),
    (gettext_lazy("Loại đơn vị"), 24),
    (gettext_lazy("Phải tổ chức"), 14),
    (gettext_lazy("Đã tổ chức"), 14),
    (gettext_lazy("Chưa tổ chức"), 14),
    (gettext_lazy("Tỷ lệ"), 10),
]


def compliance_xlsx(*, actor, unit: Unit, year: int, kind: str) -> bytes:
    """The workbook of ``compliance_rows`` (404/403 as the selector); units with nothing due are left out."""
    rows = [r for r in selectors.compliance_rows(actor=actor, unit=unit, year=year, kind=kind) if r.total.due]
    target = io.BytesIO()
    book = xlsx.workbook(target)
    formats = xlsx.formats(book)
    indents: dict[int, object] = {}
    sheet = book.add_worksheet(_("Tình hình tổ chức"))
    sheet.write_string(0, 0, _("%(kind)s năm %(year)s") % {"kind": ConferenceKind(kind).label, "year": year})
    for i, (header, width) in enumerate(HEADERS):
        sheet.set_column(i, i, width)
        sheet.write_string(1, i, str(header), formats["header"])
    sheet.freeze_panes(2, 1)
    for n, r in enumerate(rows, start=2):
        sheet.write_string(
            n, 0, r.unit.name, indents.setdefault(r.indent, book.add_format({"indent": r.indent}))
        )
        sheet.write_string(n, 1, r.unit.kind)
        for col, value in ((2, r.total.due), (3, r.total.held), (4, r.total.missing)):
            sheet.write_number(n, col, value, formats["count"])
        if r.total.rate is not None:
            sheet.write_number(
                n, 5, r.total.rate, formats["over_full" if over_full(r.total.rate) else "percent"]
            )
    book.close()
    return target.getvalue()
