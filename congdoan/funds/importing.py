"""Contributions of one drive from an Excel file, through the core bulk layer (``core.bulk``).

One row per contribution: receipt number, date, amount, the code of the unit it was collected at,
who gave (a unit, a member by card number, a person by name). Every cell is parsed by
``core.bulk.sheet.read_table`` (the amount by ``amount_cell``: a number without decimals, or text
``core.money.parse_vnd`` reads; a word such as "một triệu" is refused), codes and card numbers are
looked up in the actor's reach, and each row is checked by the service's rule
(``services.contributions_record_many``). Any error, by row and column, and nothing is written.
The import runs as background jobs through ``core.job_flows`` (``IMPORT``): upload → check job
(errors by row and column, or a preview) → "Ghi" → write job.
"""

import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import job_flows
from congdoan.core.bulk import cells, xlsx
from congdoan.core.bulk.columns import Column
from congdoan.core.bulk.sheet import cell_message, read_table
from congdoan.core.dates import display
from congdoan.core.money import format_vnd, parse_vnd
from congdoan.core.text import clean_identifier
from congdoan.members.selectors import members_in_scope
from congdoan.organizations.models import Unit

from . import selectors, services
from .models import ContributorKind, Drive

MAX_ROWS = 20_000


def amount_cell(value) -> int:
    """An amount in đồng: an Excel number without decimals, or text as ``parse_vnd`` reads it."""
    problem = services.amount_error(value if isinstance(value, float | str) else cells.shown(value))
    if problem:
        raise cells.CellError(problem)
    return int(value) if isinstance(value, float) else parse_vnd(value)


KINDS = {
    "Tập thể": ContributorKind.UNIT,
    "Đơn vị": ContributorKind.UNIT,
    "Đoàn viên": ContributorKind.MEMBER,
    "Cá nhân": ContributorKind.PERSON,
}
COLUMNS = (
    Column(
        "receipt_no",
        "Số biên nhận*",
        cells.identifier(gettext_lazy("Số biên nhận"), max_length=30),
        True,
        text=True,
    ),
    Column("contributed_on", "Ngày ủng hộ* (dd/mm/yyyy)", cells.date, True, date=True, width=14),
    Column("amount", "Số tiền* (đồng)", amount_cell, True, width=18),
    Column("unit_code", "Mã đơn vị thu*", cells.identifier(gettext_lazy("Mã đơn vị")), True, text=True),
    Column(
        "kind",
        "Người ủng hộ là (Tập thể/Đoàn viên/Cá nhân)",
        cells.choice(KINDS, gettext_lazy("'%(v)s' không hợp lệ: ghi Tập thể, Đoàn viên hoặc Cá nhân.")),
        width=22,
        choices=("Tập thể", "Đoàn viên", "Cá nhân"),
    ),
    Column(
        "card",
        "Số thẻ đoàn viên",
        cells.identifier(gettext_lazy("Số thẻ đoàn viên"), max_length=30),
        text=True,
    ),
    Column("contributor_name", "Họ tên người ủng hộ", cells.text(255), width=30),
    Column("note", "Ghi chú", cells.text(2000), width=30),
)
LABELS = {c.key: c.label for c in COLUMNS}
# The service's keys and the columns they come from.
COLUMN_OF = {"unit": "unit_code", "contributor_unit": "unit_code", "person": "card", "kind": "kind"}


def template_xlsx() -> bytes:
    """The empty template: the headers, formats and drop-downs."""
    target = io.BytesIO()
    book = xlsx.workbook(target, streamed=False)
    fmts = xlsx.formats(book)
    sheet = book.add_worksheet(_("Ủng hộ"))
    xlsx.setup_sheet(sheet, fmts, COLUMNS)
    xlsx.add_validations(sheet, COLUMNS, 2000)
    book.close()
    return target.getvalue()


def _drive(actor, params: dict) -> Drive:
    """The drive of the import, which the actor may still record to (404 / 403 otherwise)."""
    drive = selectors.drive_get(actor=actor, drive_id=params["drive"])
    selectors.require_manage(actor, drive)
    return drive


def check(*, actor, path, params: dict, progress=None) -> job_flows.Checked:
    """Read the file at ``path`` and check every row for the drive ``params["drive"]`` as the
    service will (``services.contributions_check_many``): the errors on their rows and columns,
    the service's entries as the plan. Writes nothing."""
    drive = _drive(actor, params)
    table = read_table(path, COLUMNS, max_rows=MAX_ROWS, progress=progress)
    rows = table.rows
    codes = {r.values["unit_code"] for r in rows if "unit_code" in r.values}
    units = dict(Unit.objects.filter(code__in=codes).values_list("code", "pk"))
    cards = {r.values["card"] for r in rows if "card" in r.values}
    people = dict(
        members_in_scope(actor=actor).filter(card_number__in=cards).values_list("card_number", "pk")
    )
    entries = []
    for row in rows:
        v = row.values
        kind = v.get("kind") or (ContributorKind.MEMBER if v.get("card") else ContributorKind.UNIT)
        unit = units.get(clean_identifier(v.get("unit_code", "")))
        if "unit_code" in v and unit is None:
            row.error("unit_code", _("không có đơn vị mã '%(c)s'.") % {"c": v["unit_code"]})
        person = None
        if kind == ContributorKind.MEMBER:
            person = people.get(v.get("card", ""))
            if person is None:
                row.error("card", _("không tìm thấy đoàn viên có số thẻ này trong phạm vi của bạn."))
        if row.errors:
            continue
        entries.append(
            (
                row,
                services.Entry(
                    {
                        "kind": kind,
                        "unit": unit,
                        "contributor_unit": unit if kind == ContributorKind.UNIT else None,
                        "person": person,
                        "contributor_name": v.get("contributor_name", ""),
                        "amount": v.get("amount"),
                        "contributed_on": v.get("contributed_on"),
                        "receipt_no": v.get("receipt_no", ""),
                        "note": v.get("note", ""),
                    },
                    number=row.number,
                ),
            )
        )
    if entries and not services.contributions_check_many(
        actor=actor, drive=drive, entries=[e for _r, e in entries]
    ):
        for row, entry in entries:
            for key, text in entry.errors:
                column = COLUMN_OF.get(key, key)
                row.error(column if column in LABELS else "", text)
    return job_flows.Checked(
        table=table,
        plan=[e for _r, e in entries],
        preview_headers=[
            LABELS[k] for k in ("receipt_no", "contributed_on", "amount", "unit_code", "contributor_name")
        ],
        preview=[
            [
                e.values["receipt_no"],
                display(e.values["contributed_on"]),
                format_vnd(e.values["amount"]),
                row.values.get("unit_code", ""),
                e.values["contributor_name"],
            ]
            for row, e in entries[: job_flows.PREVIEW_ROWS]
        ],
    )


def write(*, actor, checked: job_flows.Checked, params: dict, progress=None) -> int:
    """Write the checked entries to the drive (``services.contributions_record_many``, all or none)."""
    drive = _drive(actor, params)

    def message(entry, key, text):
        column = COLUMN_OF.get(key, key)
        return cell_message(entry.number, LABELS.get(column, column), text)

    try:
        return len(
            services.contributions_record_many(
                actor=actor, drive=drive, entries=checked.plan, message=message
            )
        )
    except services.EntryErrors as exc:
        raise ValidationError({"file": exc.messages[:200]}) from None


def _allowed(actor, params: dict) -> bool:
    try:
        _drive(actor, params)
    except (Http404, PermissionDenied):
        return False
    return True


IMPORT = job_flows.import_kind(
    name="funds.contributions.import",
    label=gettext_lazy("khoản ủng hộ"),
    check=check,
    write=write,
    allowed=_allowed,
    upload_url=lambda params: reverse("funds:import", args=[params["drive"]]),
    done_url=lambda params: reverse("funds:detail", args=[params["drive"]]),
)
