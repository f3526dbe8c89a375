"""A report's draft Word file before it is issued (``/bao-cao/<report>/word/``): the documents
module's docx of the document the issue would write, marked "DỰ THẢO", without a number, nothing
stored; bad filters answer 422, a unit out of reach 404."""

import io
import re
import zipfile

import pytest

from congdoan.documents.models import Document

pytestmark = pytest.mark.django_db


def docx_text(body: bytes) -> str:
    """The text of a .docx's main part, its runs joined (opened as a zip, as a reader's Word does)."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        xml = archive.read("word/document.xml").decode()
    return "\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in xml.split("</w:p>"))


@pytest.mark.parametrize("code", ["tong-ket", "so-ket", "khen-thuong", "xep-loai"])
def test_the_draft_is_the_documents_docx_marked_and_unnumbered(as_, cdvc_officer, year_2022, code):
    before = Document.objects.count()
    response = as_(cdvc_officer).get(f"/bao-cao/{code}/word/?unit={year_2022.cdvc.pk}&nam=2022")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="du-thao-{code}-2022.docx"'
    text = docx_text(response.content)
    lines = text.splitlines()
    assert lines[0] == "DỰ THẢO"
    assert "CÔNG ĐOÀN VIÊN CHỨC TỈNH A" in text and "BÁO CÁO" in text
    assert re.search(r"Số:\s+/BC-", text)  # the number left blank until it is issued
    if code == "tong-ket":
        assert "- Tổng số đoàn viên: 6" in text and "Năm 2022".lower() in text.lower()
    assert Document.objects.count() == before  # nothing stored


def test_the_report_page_links_its_draft(as_, cdvc_officer, year_2022):
    page = as_(cdvc_officer).get(f"/bao-cao/tong-ket/?unit={year_2022.cdvc.pk}&nam=2022")
    assert f"/bao-cao/tong-ket/word/?unit={year_2022.cdvc.pk}&amp;nam=2022" in page.content.decode()


def test_a_draft_with_bad_filters_is_422_and_out_of_reach_404(as_, officer_a, cdvc_officer, year_2022):
    bad = as_(cdvc_officer).get(f"/bao-cao/tong-ket/word/?unit={year_2022.cdvc.pk}&nam=2101")
    assert (
        bad.status_code == 422 and "Content-Disposition" not in bad and "ngoài khoảng" in bad.content.decode()
    )
    assert as_(officer_a).get(f"/bao-cao/tong-ket/word/?unit={year_2022.b.pk}&nam=2022").status_code == 404
