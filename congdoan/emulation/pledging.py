"""Pledges between a union and the head of its agency (seed 004: the CĐCS and the agency's
leadership sign the year's giao ước thi đua at the public-employee conference), and every pledge
printed as .docx through the documents module (``documents.word``: Decree 30's layout), with one
signature block per party side by side.
"""

import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import check_effective
from congdoan.core.text import clean_line, clean_text
from congdoan.documents import numbering, word
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from .models import Pledge, PledgeParty
from .permissions import MANAGE
from .services import in_year

PER_ROW = 3  # signature blocks side by side on one row of the table


@transaction.atomic
def pledge_sign_agency(
    *,
    actor,
    unit: Unit,
    year: int,
    title: str,
    signed_on: dt.date,
    agency: str,
    head_name: str,
    head_position: str,
    union_signatory: str,
    union_position: str,
    place: str = "",
    targets: str = "",
) -> Pledge:
    """Giao ước thi đua between ``unit`` (its signatory) and the head of its agency."""
    policy.require(actor, MANAGE, unit)
    check_effective(signed_on, field="signed_on")
    errors: dict[str, str] = {}
    title = clean_line(title or "")
    if not title:
        errors["title"] = _("Tên giao ước: hãy nhập tên.")
    agency, head_name, union_signatory = (clean_line(v or "") for v in (agency, head_name, union_signatory))
    if not agency:
        errors["agency"] = _("Cơ quan: hãy nhập tên cơ quan, đơn vị.")
    if not head_name:
        errors["head_name"] = _("Thủ trưởng cơ quan: hãy nhập họ và tên người ký.")
    if not union_signatory:
        errors["union_signatory"] = _("Người ký thay mặt công đoàn: hãy nhập họ và tên.")
    in_year(signed_on, year, "signed_on", _("Ngày ký"), errors)
    if errors:
        raise ValidationError(errors)
    pledge = Pledge.objects.create(
        unit=unit,
        year=year,
        title=title,
        signed_on=signed_on,
        place=clean_line(place or ""),
        targets=clean_text(targets or ""),
    )
    PledgeParty.objects.bulk_create(
        [
            PledgeParty(
                pledge=pledge,
                party_name=agency,
                signatory=head_name,
                position=clean_line(head_position or ""),
                order=1,
            ),
            PledgeParty(
                pledge=pledge,
                unit=unit,
                signatory=union_signatory,
                position=clean_line(union_position or ""),
                order=2,
            ),
        ]
    )
    audit.record_created(
        actor=actor,
        action="pledge.sign",
        obj=pledge,
        unit_id=unit.pk,
        fields=("year", "title", "signed_on", "place"),
        extra={"parties": [agency, audit.stored_name(unit)]},
    )
    return pledge


def _party_heading(party: PledgeParty, names: dict[int, str]) -> str:
    if party.party_name:
        return party.party_name
    return names.get(party.unit_id, str(party.unit))


def pledge_docx(pledge: Pledge) -> bytes:
    """The pledge in Decree 30's layout (documents.word's default template) followed by one
    signature block per party: the party, the signatory's position, room to sign, the name."""
    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    unit = pledge.unit
    version = unit.version_on(pledge.signed_on) or unit.latest_version
    superior = ""
    if version is not None and version.parent_id:
        parent = version.parent.version_on(pledge.signed_on) or version.parent.latest_version
        superior = parent.name if parent else ""
    parties = list(pledge.parties.select_related("unit").order_by("order", "id"))
    names = {}
    for party in parties:
        if party.unit_id:
            v = party.unit.version_on(pledge.signed_on) or party.unit.latest_version
            names[party.unit_id] = v.name if v else str(party.unit)
    values = {
        "superior": superior.upper(),
        "issuer": (version.name if version else str(unit)).upper(),
        "number_symbol": "",
        "date_line": numbering.date_line(pledge.place, pledge.signed_on),
        "kind": _("Giao ước thi đua").upper(),
        "title": pledge.title,
        "paragraphs": [line.strip() for line in pledge.targets.splitlines() if line.strip()],
        "recipients": [],
        "authority": "",
        "signer_position": "",
        "signer_name": "",
    }
    document = WordDocument(io.BytesIO(word.render(word.DEFAULT_TEMPLATE, values)))
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(_("CÁC BÊN KÝ GIAO ƯỚC"))
    run.bold = True
    columns = min(PER_ROW, max(len(parties), 1))
    rows = (len(parties) + columns - 1) // columns
    table = document.add_table(rows=rows, cols=columns)
    for i, party in enumerate(parties):
        cell = table.cell(i // columns, i % columns)
        cell.paragraphs[0].text = ""
        lines = [
            (_party_heading(party, names).upper(), True),
            (party.position.upper(), True),
            (_("(Ký, ghi rõ họ tên)"), False),
            ("", False),
            ("", False),
            (party.signatory, True),
        ]
        for n, (text, bold) in enumerate(lines):
            paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.bold = bold
            run.font.name = word.FONT
            run.font.size = Pt(12)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pledge_file_name(pledge: Pledge) -> str:
    return f"giao-uoc-thi-dua-{pledge.year}-{pledge.pk}.docx"
