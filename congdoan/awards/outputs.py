"""Files of a decision (issue 12 §4): the decision itself with its annex list (the register's Word
output, Decree 30 layout: ``documents.word``), certificates to print (A4 landscape, one page each,
python-docx, Times New Roman so diacritics print right) and the awardees' list in Excel with each
bonus and the amount in words (``core.bulk.xlsx``, ``core.money``)."""

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from congdoan.core.bulk import xlsx
from congdoan.core.dates import display
from congdoan.core.money import vnd_in_words
from congdoan.documents import word

from .models import Award, Decision

FONT = "Times New Roman"


def decision_docx(decision: Decision) -> bytes:
    return word.document_docx(decision.document)


def decision_file_name(decision: Decision) -> str:
    return word.file_name(decision.document)


def _issuer_name(decision: Decision) -> str:
    if decision.issuer_id:
        version = decision.issuer.version_on(decision.decided_on) or decision.issuer.latest_version
        return version.name if version else str(decision.issuer)
    return decision.issuer_name


def _run(paragraph, text: str, size: int, *, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    return run


def certificates_docx(decision: Decision, awards: list[Award]) -> bytes:
    """One A4 landscape page per award: the issuer, the form or title, the awardee, the year, the
    decision's number and date."""
    doc = WordDocument()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    issuer = _issuer_name(decision).upper()
    number = decision.document.number_symbol or decision.document.sender_number
    for i, award in enumerate(awards):
        lines = [
            (issuer, 16, True, False),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 14, True, False),
            ("Độc lập - Tự do - Hạnh phúc", 13, True, False),
            ("", 12, False, False),
            (award.award_name.upper(), 26, True, False),
            ("TẶNG", 16, False, False),
            (award.person.full_name if award.person_id else award.unit_name, 24, True, False),
            (f"Đã có thành tích xuất sắc năm {award.year}", 15, False, True),
            (f"Quyết định số {number} ngày {display(decision.decided_on)}", 13, False, True),
        ]
        for j, (text, size, bold, italic) in enumerate(lines):
            p = doc.paragraphs[0] if i == 0 and j == 0 and doc.paragraphs else doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(p, text, size, bold=bold, italic=italic)
        if i < len(awards) - 1:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


HEADERS = (
    "STT",
    "Họ và tên / Tập thể",
    "Đơn vị",
    "Hình thức, danh hiệu",
    "Năm",
    "Hệ số",
    "Tiền thưởng (đồng)",
    "Bằng chữ",
)


def awardees_xlsx(decision: Decision, awards: list[Award]) -> bytes:
    out = io.BytesIO()
    book = xlsx.workbook(out, streamed=False)
    fmts = xlsx.formats(book)
    sheet = book.add_worksheet("Danh sách")
    sheet.write_string(0, 0, f"Quyết định {decision} ngày {display(decision.decided_on)}")
    for col, header in enumerate(HEADERS):
        sheet.write_string(1, col, header, fmts["header"])
    for width, col in zip((6, 32, 36, 40, 8, 8, 18, 60), range(len(HEADERS)), strict=True):
        sheet.set_column(col, col, width)
    total = 0
    for row, award in enumerate(awards, 2):
        who = award.person.full_name if award.person_id else award.unit_name
        sheet.write_number(row, 0, row - 1)
        sheet.write_string(row, 1, who)
        sheet.write_string(row, 2, award.home_name or "")
        sheet.write_string(row, 3, award.award_name)
        sheet.write_number(row, 4, award.year)
        sheet.write_number(row, 5, float(award.multiple))
        sheet.write_number(row, 6, award.amount, fmts["count"])
        sheet.write_string(row, 7, vnd_in_words(award.amount))
        total += award.amount
    last = len(awards) + 2
    sheet.write_string(last, 1, "Tổng cộng")
    sheet.write_number(last, 6, total, fmts["count"])
    sheet.write_string(last, 7, vnd_in_words(total))
    book.close()
    return out.getvalue()
