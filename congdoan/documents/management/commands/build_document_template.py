"""Build the default Word template of the document register (``documents/word_templates/default.docx``):
the layout of Decree 30/2020/NĐ-CP with docxtpl variables (``documents.word``). The built file is
committed; run this after changing the layout."""

from django.core.management.base import BaseCommand
from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from congdoan.documents.word import DEFAULT_TEMPLATE, FONT

CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


def _para(container, text: str = "", *, bold=False, italic=False, size=13, align=CENTER, after=0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _cell(table, row: int, col: int, width_cm: float):
    table.autofit = False
    table.columns[col].width = Cm(width_cm)
    cell = table.cell(row, col)
    cell.width = Cm(width_cm)
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    return cell


def build(path=DEFAULT_TEMPLATE) -> None:
    doc = WordDocument()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = _cell(header, 0, 0, 6.5), _cell(header, 0, 1, 10)
    _para(left, "{{ superior }}", size=12)
    _para(left, "{{ issuer }}", bold=True, size=12)
    _para(left, "———", size=12, after=6)
    _para(left, "Số: {{ number_symbol }}", size=13)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _para(right, "———————————", size=12, after=6)
    _para(right, "{{ date_line }}", italic=True, size=13)

    _para(doc, "", after=6)
    _para(doc, "{{ kind }}", bold=True, size=14)
    _para(doc, "{{ title }}", bold=True, size=14)
    _para(doc, "———", size=13, after=12)
    _para(doc, "{%p for p in paragraphs %}", align=JUSTIFY)
    body = _para(doc, "{{ p }}", size=14, align=JUSTIFY, after=6)
    body.paragraph_format.first_line_indent = Cm(1)
    _para(doc, "{%p endfor %}", align=JUSTIFY)

    footer = doc.add_table(rows=1, cols=2)
    left, right = _cell(footer, 0, 0, 7.5), _cell(footer, 0, 1, 8.5)
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(left, "{%p for r in recipients %}", align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(left, "- {{ r }};", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(left, "{%p endfor %}", align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(right, "{{ authority }}", bold=True, size=13)
    _para(right, "{{ signer_position }}", bold=True, size=13, after=60)
    _para(right, "{{ signer_name }}", bold=True, size=14)
    doc.save(str(path))


class Command(BaseCommand):
    help = "Build the default Word template of the document register (Decree 30/2020/NĐ-CP layout)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(DEFAULT_TEMPLATE))

    def handle(self, *args, output, **options):
        build(output)
        self.stdout.write(output)
