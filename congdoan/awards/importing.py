"""A bulk proposal from an Excel list (issue 12 §2): one row per person, read through the core import
layer (``core.bulk``), every bad cell named by row and column, nothing written on any error.

Columns: "Số thẻ đoàn viên" (required: the person, looked up among the members the actor reaches),
"Họ và tên" (optional: checked against the register), "Số phiếu đồng ý" (optional), "Thành tích"."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.bulk import cells
from congdoan.core.bulk.columns import Column
from congdoan.core.bulk.sheet import ErrorList, read_table
from congdoan.core.text import fold
from congdoan.members.selectors import members_in_scope

from .services import LineIn


def _votes(value) -> int:
    text = cells.shown(value).strip()
    if not text.isdigit():
        raise cells.CellError(_("'%(v)s' không phải là số phiếu (số nguyên không âm).") % {"v": text})
    return int(text)


COLUMNS = (
    Column(
        "card",
        gettext_lazy("Số thẻ đoàn viên*"),
        cells.identifier(gettext_lazy("Số thẻ đoàn viên")),
        required=True,
        text=True,
    ),
    Column("name", gettext_lazy("Họ và tên"), cells.text(150)),
    Column("votes", gettext_lazy("Số phiếu đồng ý"), _votes),
    Column("achievements", gettext_lazy("Thành tích"), cells.text(5000)),
)


def read_lines(*, actor, upload) -> list[LineIn]:
    """The people of the list as nomination lines; ``ValidationError({"file": [...]})`` naming
    every bad row and column."""
    path = upload.temporary_file_path() if hasattr(upload, "temporary_file_path") else None
    if path is None:
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as tmp:
            for chunk in upload.chunks():
                tmp.write(chunk)
            path = tmp.name
    table = read_table(path, COLUMNS)
    cards = [row.values.get("card") for row in table.rows if row.values.get("card")]
    people = {p.card_number: p for p in members_in_scope(actor=actor).filter(card_number__in=cards)}
    seen: dict[str, int] = {}
    lines = []
    for row in table.rows:
        card = row.values.get("card")
        if not card:
            if not row.errors:
                row.error("card", _("hãy nhập số thẻ."))
            continue
        person = people.get(card)
        if person is None:
            row.error("card", _("'%(v)s' không có trong danh sách đoàn viên bạn quản lý.") % {"v": card})
            continue
        if card in seen:
            row.error("card", _("'%(v)s' trùng với dòng %(n)s.") % {"v": card, "n": seen[card]})
            continue
        seen[card] = row.number
        name = row.values.get("name")
        if name and fold(name) != fold(person.full_name):
            row.error(
                "name", _("'%(v)s' khác tên trong sổ đoàn viên (%(r)s).") % {"v": name, "r": person.full_name}
            )
        lines.append(
            LineIn(
                person=person,
                votes_for=row.values.get("votes"),
                achievements=row.values.get("achievements", ""),
            )
        )
    errors = ErrorList(table.rows, table.labels)
    if len(errors):
        raise ValidationError({"file": errors.messages(limit=50)})
    return lines
