"""Builds congdoan/plans/docx/report.docx (a docxtpl template, Decree 30 layout)."""
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Cm

doc = Document()
for s in doc.sections:
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Cm(2), Cm(2), Cm(3), Cm(2)
style = doc.styles["Normal"]
style.font.name = "Times New Roman"
style.font.size = Pt(13)

table = doc.add_table(rows=2, cols=2)
def cell(r, c, text, bold=False, italic=False):
    p = table.cell(r, c).paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    return p
cell(0, 0, "{{ superior }}")
p = table.cell(0, 0).add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
r = p.add_run("{{ issuer }}"); r.bold = True
cell(0, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
p = table.cell(0, 1).add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
r = p.add_run("Độc lập - Tự do - Hạnh phúc"); r.bold = True
cell(1, 0, "Số: {{ number_symbol }}")
cell(1, 1, "{{ date_line }}", italic=True)

p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
r = p.add_run("{{ kind }}"); r.bold = True
p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
r = p.add_run("{{ title }}"); r.bold = True
doc.add_paragraph("{%p for line in paragraphs %}")
p = doc.add_paragraph("{{ line }}"); p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
doc.add_paragraph("{%p endfor %}")

sig = doc.add_table(rows=1, cols=2)
left = sig.cell(0, 0).paragraphs[0]
r = left.add_run("Nơi nhận:"); r.bold = True; r.italic = True
sig.cell(0, 0).add_paragraph("{%p for r in recipients %}")
sig.cell(0, 0).add_paragraph("- {{ r }};")
sig.cell(0, 0).add_paragraph("{%p endfor %}")
right = sig.cell(0, 1)
for text, bold in [("{{ authority }}", True), ("{{ signer_position }}", True), ("", False), ("", False), ("{{ signer_name }}", True)]:
    p = right.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(text); r.bold = bold
doc.save("congdoan/plans/docx/report.docx")
