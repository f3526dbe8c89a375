"""Word output in the layout of Decree 30/2020/NĐ-CP (Appendix I): docxtpl templates.

The default template (``word_templates/default.docx``, built by ``manage.py build_document_template``
with python-docx) lays out, in Times New Roman:

- top left: the superior body (upper case) and the issuing body (bold, upper case), a short rule,
  "Số: 92/KH-CĐVC";
- top right: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc" (bold), a rule,
  then the place and date in italics ("Hà Nội, ngày 05 tháng 4 năm 2022": ``numbering.date_line``);
- centred: the kind (bold, upper case) and the title (trích yếu, bold);
- the body, one paragraph per line;
- bottom left "Nơi nhận:" and the recipients; bottom right the signing authority
  ("TM. BAN THƯỜNG VỤ"), the position ("PHÓ CHỦ TỊCH") and the signer's name.

A unit may upload its own template per kind (``DocumentTemplate``); it is checked by rendering it
with ``SAMPLE`` (``check_template``). The variables a template may use are the keys of ``context``.
"""

import datetime as dt
import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core import attachments

from . import numbering
from .models import Document, DocumentTemplate

DEFAULT_TEMPLATE = Path(__file__).parent / "word_templates" / "default.docx"
FONT = "Times New Roman"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def context(document: Document) -> dict:
    """What a template is rendered with (every value a plain string or a list of strings)."""
    unit = document.unit
    on = document.signed_on or document.received_on
    version = (unit.version_on(on) if on else None) or unit.latest_version
    superior = ""
    if version is not None and version.parent_id:
        parent_version = version.parent.version_on(on) if on else version.parent.latest_version
        superior = (parent_version or version.parent.latest_version).name
    number = document.number_symbol or (
        f"      /{document.kind.abbreviation}-{numbering.symbol_for(unit, on or dt.date.today())}"
    )
    return {
        "superior": superior.upper(),
        "issuer": (version.name if version else str(unit)).upper(),
        "number_symbol": number,
        "date_line": numbering.date_line(document.place, on) if on else "",
        "kind": document.kind.name.upper(),
        "title": document.title,
        "paragraphs": _lines(document.body),
        "recipients": _lines(document.recipients),
        "authority": document.signing_authority.upper(),
        "signer_position": document.signer_position.upper(),
        "signer_name": document.signer_name,
    }


SAMPLE = {
    "superior": "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
    "issuer": "CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM",
    "number_symbol": "92/KH-CĐVC",
    "date_line": "Hà Nội, ngày 05 tháng 4 năm 2022",
    "kind": "KẾ HOẠCH",
    "title": "Khảo sát tình hình hoạt động công đoàn",
    "paragraphs": ["Mục đích, yêu cầu.", "Nội dung khảo sát."],
    "recipients": ["Như trên", "Lưu: VT"],
    "authority": "TM. BAN THƯỜNG VỤ",
    "signer_position": "PHÓ CHỦ TỊCH",
    "signer_name": "Nguyễn Văn A",
}


DRAFT_MARK = "DỰ THẢO"  # the document's own words, whatever the interface's language


def render(template_source, values: dict, *, title: str = "", author: str = "", draft: bool = False) -> bytes:
    """``template_source`` (a path or a file) rendered with ``values``, as .docx bytes.

    The file's own properties (what Word shows under File > Info and what a search index reads)
    are the document's: its title (``title`` or ``values["title"]``), its author (``author`` or
    the issuing body, ``values["issuer"]``) and the time it was made, never the template's
    (python-docx's "python-docx" and 2013). ``draft``: a first paragraph "DỰ THẢO" (bold, right-aligned,
    as a draft sent round for comments is marked) above whatever the template lays out."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(template_source)
    template.render(values, autoescape=True)
    if draft:
        _mark_draft(template.docx)
    _stamp(
        template.docx.core_properties, title or values.get("title", ""), author or values.get("issuer", "")
    )
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _mark_draft(docx) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    mark = docx.add_paragraph()  # appended, then moved above everything (the heading's table too)
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = mark.add_run(DRAFT_MARK)
    run.bold = True
    run.font.name, run.font.size = FONT, Pt(13)
    body = docx.element.body
    body.remove(mark._p)
    body.insert(0, mark._p)


def _stamp(properties, title: str, author: str) -> None:
    now = timezone.now().replace(microsecond=0)
    properties.title = str(title)[:255]
    properties.author = properties.last_modified_by = str(author)[:255] or "congdoan"
    properties.created = properties.modified = now
    properties.revision = 1
    properties.comments = properties.keywords = properties.subject = ""


def check_template(upload, *, field: str = "file") -> None:
    """A unit's template must be a .docx that renders with a sample document: else a message
    naming the file and what went wrong."""
    checked = attachments.check(upload, field=field, allowed={"docx"})
    try:
        render(upload, SAMPLE)
    except Exception as error:  # a broken tag, a missing filter, a corrupt part: all the same to the user
        raise ValidationError(
            {
                field: _("Mẫu '%(name)s' không dùng được: %(error)s. Hãy sửa mẫu rồi tải lên lại.")
                % {"name": checked.name, "error": str(error)[:200] or error.__class__.__name__}
            }
        ) from None
    finally:
        upload.seek(0)


def template_for(document: Document):
    """The unit's template for the document's kind, else its template for every kind, else the default."""
    candidates = DocumentTemplate.objects.filter(
        Q(kind_id=document.kind_id) | Q(kind__isnull=True), unit_id=document.unit_id
    )
    own = {t.kind_id: t for t in candidates}
    chosen = own.get(document.kind_id) or own.get(None)
    return attachments.path_of(chosen.path) if chosen else DEFAULT_TEMPLATE


def document_docx(document: Document, *, draft: bool = False) -> bytes:
    """The Word file of ``document`` (saved or not: a report's draft is built without being stored),
    marked "DỰ THẢO" when ``draft``; a document without a number shows "Số:      /BC-…"."""
    return render(template_for(document), context(document), draft=draft)


def file_name(document: Document) -> str:
    base = document.number_symbol.replace("/", "-") if document.number_symbol else "du-thao"
    return f"{base}.docx"
