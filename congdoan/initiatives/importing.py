"""Bulk entry of initiatives from Excel (issue 13): one row per initiative, read by the core bulk
layer (``core.bulk``), every cell and every row checked before anything is written; a file with one
bad cell writes nothing and the officer reads "Dòng n, cột 'X': …" for each problem.

Columns (the template ``template_xlsx`` writes them): Tên sáng kiến*, Mã đơn vị*, Lĩnh vực*, Ngày áp
dụng*, Ngày đăng ký, Tác giả* ("số thẻ: tỷ lệ" separated by ";" or line breaks, shares adding up to
100), Hiệu quả (đồng) (whole đồng: 1.500.000 or a number cell; text such as "một triệu" or a decimal
is refused), Mô tả. A unit code outside the importer's ``initiatives.manage`` reach reads as not
found (names nothing). The rows are then the service's (``services.initiatives_create``).

The import runs as background jobs through ``core.job_flows`` (``IMPORT``: "initiatives.import.check"
and ".write"): upload → check (errors by row and column, or a preview) → "Ghi" → write.
"""

import io
import re

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import job_flows
from congdoan.core.bulk import cells, xlsx
from congdoan.core.bulk.cells import CellError
from congdoan.core.bulk.columns import Column
from congdoan.core.bulk.sheet import read_table
from congdoan.core.dates import display
from congdoan.core.money import parse_vnd
from congdoan.core.text import clean_identifier, clean_line, fold
from congdoan.members.selectors import members_in_scope
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from . import selectors, services
from .models import InitiativeField, Round
from .permissions import MANAGE

_SPLIT = re.compile(r"[;\n]+")


def vnd(value) -> int:
    """An amount in whole đồng: a number cell without decimals, or text ``parse_vnd`` reads."""
    if isinstance(value, bool):
        raise CellError(_("'%(v)s' không phải là số tiền.") % {"v": value})
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(
                _("'%(v)s': số tiền phải là số đồng chẵn, không có phần thập phân.")
                % {"v": cells.shown(value)}
            )
        amount = int(value)
    else:
        try:
            amount = parse_vnd(clean_line(cells.shown(value)))
        except ValidationError as exc:
            raise CellError(exc.messages[0]) from None
    if amount <= 0:
        raise CellError(
            _("'%(v)s': số tiền phải lớn hơn 0; để trống nếu không tính được.") % {"v": cells.shown(value)}
        )
    return amount


def authors(value) -> list[tuple[str, str]]:
    """ "DEMO0001: 60; DEMO0002: 40" -> [("DEMO0001", "60"), ("DEMO0002", "40")]."""
    parts = [p for p in _SPLIT.split(cells.shown(value)) if p.strip()]
    out = []
    for part in parts:
        card, sep, share = part.rpartition(":")
        card = clean_identifier(card)
        if not sep or not card or services.share_of(clean_line(share)) is None:
            raise CellError(
                _("'%(v)s' phải có dạng “số thẻ: tỷ lệ”, các tác giả cách nhau bởi dấu chấm phẩy.")
                % {"v": clean_line(part)}
            )
        out.append((card, clean_line(share)))
    if not out:
        raise CellError(_("chưa nhập (bắt buộc)."))
    return out


COLUMNS = (
    Column("number", "STT", width=6),
    Column("title", "Tên sáng kiến*", cells.text(500), required=True, width=50),
    Column(
        "unit", "Mã đơn vị*", cells.identifier(gettext_lazy("Mã đơn vị")), required=True, text=True, width=16
    ),
    Column("field", "Lĩnh vực*", cells.text(120), required=True, width=28),
    Column("applied_on", "Ngày áp dụng* (dd/mm/yyyy)", cells.date, required=True, date=True, width=14),
    Column("registered_on", "Ngày đăng ký (dd/mm/yyyy)", cells.date, date=True, width=14),
    Column("authors", "Tác giả* (số thẻ: tỷ lệ %)", authors, required=True, width=36),
    Column("benefit", "Hiệu quả (đồng)", vnd, width=16),
    Column("description", "Mô tả", cells.text(10000), width=50),
)
# The service's error keys are the columns' keys (``unit``, ``authors``…); the round is chosen on the page.


def _round(actor, round_id) -> Round | None:
    """The chosen round, among the programmes the actor sees; ``ValidationError`` if it is gone."""
    if not round_id:
        return None
    found = Round.objects.filter(pk=round_id, programme__in=selectors.programme_search(actor=actor)).first()
    if found is None:
        raise ValidationError({"round": _("Không tìm thấy đợt đăng ký đã chọn.")})
    return found


def check(*, actor, path, params: dict, progress=None) -> job_flows.Checked:
    """Read the workbook at ``path`` and check every row as the service will (in the round
    ``params["round"]`` if given): ``Checked`` with the errors on their rows and, as its plan, the
    service's rows. Writes nothing. File-level problems (not an xlsx, wrong headers) raise
    ``ValidationError({"file": …})``."""
    policy.require_anywhere(actor, MANAGE)
    round = _round(actor, params.get("round"))
    table = read_table(path, COLUMNS, progress=progress)
    codes = {r.values["unit"] for r in table.rows if "unit" in r.values}
    reach = policy.reach(actor, MANAGE)
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    reached = reach.covers_units([u.pk for u in units.values()])
    units = {code: u for code, u in units.items() if u.pk in reached}
    catalogue = {}
    for f in InitiativeField.objects.all():
        catalogue[fold(f.name)] = catalogue[fold(f.code)] = f
        if f.name_en:
            catalogue.setdefault(fold(f.name_en), f)
    cards = {c for r in table.rows for c, _s in r.values.get("authors", ())}
    persons = dict(
        members_in_scope(actor=actor).filter(card_number__in=cards).values_list("card_number", "pk")
    )
    pending = []
    for row in table.rows:
        v = row.values
        unit = units.get(v.get("unit"))
        if "unit" in v and unit is None:
            row.error("unit", _("không tìm thấy đơn vị mã '%(v)s' trong phạm vi của bạn.") % {"v": v["unit"]})
        field = catalogue.get(fold(v.get("field", "")))
        if "field" in v and field is None:
            row.error("field", _("'%(v)s' không có trong danh mục lĩnh vực.") % {"v": v["field"]})
        missing = [c for c, _s in v.get("authors", ()) if c not in persons]
        if missing:
            row.error(
                "authors",
                _("không tìm thấy đoàn viên có số thẻ %(card)s trong phạm vi của bạn.")
                % {"card": missing[0]},
            )
        if row.errors:
            continue
        pending.append(
            (
                row,
                services.InitiativeRow(
                    unit=unit,
                    title=v["title"],
                    field=field,
                    applied_on=v["applied_on"],
                    registered_on=v.get("registered_on"),
                    authors=[(persons[c], s) for c, s in v["authors"]],
                    benefit=v.get("benefit"),
                    description=v.get("description", ""),
                    round=round,
                ),
            )
        )
    if not services.check_rows(actor=actor, rows=[p for _r, p in pending]):
        for row, item in pending:
            for key, message in item.errors.items():
                row.error(key if key in table.labels else "", message)
    plan = [p for _r, p in pending]
    return job_flows.Checked(
        table=table,
        plan=plan,
        preview_headers=[_("Dòng"), _("Tên sáng kiến"), _("Đơn vị"), _("Lĩnh vực"), _("Ngày áp dụng")],
        preview=[
            [row.number, p.title, p.unit.code, p.field, display(p.applied_on)]
            for row, p in pending[: job_flows.PREVIEW_ROWS]
        ],
    )


def write(*, actor, checked: job_flows.Checked, params: dict, progress=None) -> int:
    """Register the checked rows through ``services.initiatives_create``: the number registered."""
    return len(
        services.initiatives_create(
            actor=actor, rows=checked.plan, advance=progress.advance if progress else None
        )
    )


def _allowed(actor, params: dict) -> bool:
    return policy.has_anywhere(actor, MANAGE)


IMPORT = job_flows.import_kind(
    name="initiatives.import",
    label=gettext_lazy("sáng kiến"),
    check=check,
    write=write,
    allowed=_allowed,
    upload_url=lambda params: reverse("initiatives:import"),
    done_url=lambda params: reverse("initiatives:list"),
)


def template_xlsx() -> bytes:
    """The empty template with its headers and one example row."""
    target = io.BytesIO()
    book = xlsx.workbook(target, streamed=False)
    formats = xlsx.formats(book)
    sheet = book.add_worksheet(_("Sáng kiến"))
    for i, column in enumerate(COLUMNS):
        sheet.set_column(i, i, column.width)
        sheet.write_string(0, i, column.header, formats["header"])
    book.close()
    return target.getvalue()
