"""Builds ``report.docx``, the docxtpl template of a mission's report (Decree 30/2020/NĐ-CP layout).

Run from the repository root to rebuild it: ``.venv/bin/python congdoan/plans/docx/make_template.py``.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

CENTER = WD_ALIGN_PARAGRAPH.CENTER


def _paragraph(container, text: str, *, bold=False, italic=False, align=CENTER, first=False):
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    return paragraph


def build(target: Path) -> None:
    doc = Document()
    for section in doc.sections:
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(13)

    header = doc.add_table(rows=2, cols=2)
    _paragraph(header.cell(0, 0), "{{ superior }}", first=True)
    _paragraph(header.cell(0, 0), "{{ issuer }}", bold=True)
    _paragraph(header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, first=True)
    _paragraph(header.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", bold=True)
    _paragraph(header.cell(1, 0), "Số: {{ number_symbol }}", first=True)
    _paragraph(header.cell(1, 1), "{{ date_line }}", italic=True, first=True)

    _paragraph(doc, "{{ kind }}", bold=True)
    _paragraph(doc, "{{ title }}", bold=True)
    doc.add_paragraph("{%p for line in paragraphs %}")
    _paragraph(doc, "{{ line }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    doc.add_paragraph("{%p endfor %}")

    signature = doc.add_table(rows=1, cols=2)
    left, right = signature.cell(0, 0), signature.cell(0, 1)
    _paragraph(left, "Nơi nhận:", bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    left.add_paragraph("{%p for r in recipients %}")
    left.add_paragraph("- {{ r }};")
    left.add_paragraph("{%p endfor %}")
    for text in ("{{ authority }}", "{{ signer_position }}", "", "", "{{ signer_name }}"):
        _paragraph(right, text, bold=bool(text))
    doc.save(target)


if __name__ == "__main__":
    build(Path(__file__).parent / "report.docx")
