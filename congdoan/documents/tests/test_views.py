import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from python_calamine import CalamineWorkbook

from congdoan.core.models import AuditEntry
from congdoan.documents.models import Document, DocumentAttachment, DocumentSymbol, DocumentTemplate, Status

from .factories import draft, issued, kind

D = dt.date(2022, 4, 5)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, *args):
    return reverse(f"documents:{name}", args=args)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def plan(cdvc_officer, tree):
    DocumentSymbol.objects.create(unit=tree.cdvc, symbol="CĐVC", valid_from=dt.date(2020, 1, 1))
    return issued(
        cdvc_officer,
        tree.cdvc,
        on=D,
        number=92,
        title="Kế hoạch khảo sát tại Phú Yên, Khánh Hòa, Ninh Thuận",
        place="Hà Nội",
        signer_name="Trần Thị Bình",
        signer_position="Phó Chủ tịch",
        signing_authority="TM. Ban Thường vụ",
        recipients="Ban Thường vụ CĐVC Việt Nam\nLĐLĐ các tỉnh Phú Yên, Khánh Hòa, Ninh Thuận\nLưu: VT",
        body="I. Mục đích, yêu cầu\nNắm tình hình hoạt động công đoàn.",
    )


def test_register_searches_without_diacritics_and_by_number(as_, cdvc_officer, plan, tree):
    issued(
        cdvc_officer,
        tree.cdvc,
        on=D,
        title="Báo cáo tổng kết",
        kind_code="bao-cao",
        signer_name="Lê Văn Cường",
    )
    client = as_(cdvc_officer)

    def rows(**q):
        response = client.get(url("register"), {"year": 2022, "direction": "out", **q})
        return [d.pk for d in response.context["rows"]]

    assert rows(q="khao sat phu yen") == [plan.pk]
    assert rows(number="92") == [plan.pk]
    assert rows(number="92/KH-CĐVC") == [plan.pk]
    assert rows(signer="tran thi binh") == [plan.pk]
    assert len(rows(kind=kind("bao-cao").pk)) == 1 and plan.pk not in rows(kind=kind("bao-cao").pk)
    assert plan.pk not in rows(date_from="06/04/2022")
    assert plan.pk in rows(date_from="05/04/2022", date_to="05/04/2022")
    assert rows(year=2023) == []


def test_register_refuses_a_reversed_date_range_naming_the_field(as_, cdvc_officer, plan):
    response = as_(cdvc_officer).get(url("register"), {"date_from": "10/04/2022", "date_to": "01/04/2022"})
    assert response.status_code == 422
    assert "Đến ngày phải sau hoặc bằng từ ngày." in response.content.decode()


def test_register_htmx_answers_the_results_only(as_, cdvc_officer, plan):
    response = as_(cdvc_officer).get(url("register"), {"year": 2022}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content and b"92/KH-C" in response.content


def test_export_is_an_xlsx_with_the_register(as_, cdvc_officer, plan):
    response = as_(cdvc_officer).get(url("export"), {"year": 2022, "direction": "out"})
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert sheet[0][:4] == ["Số", "Số, ký hiệu", "Ngày ký", "Loại văn bản"]
    assert sheet[1][1] == "92/KH-CĐVC" and sheet[1][4].startswith("Kế hoạch khảo sát")


def test_other_units_documents_are_404(as_, officer_a, officer_b, tree):
    mine = draft(officer_b, tree.b)
    client = as_(officer_a)
    for name in ("detail", "edit", "issue", "cancel", "docx"):
        assert client.get(url(name, mine.pk)).status_code == 404, name
    assert client.get(url("register")).context["rows"].__len__() == 0


def test_viewer_sees_but_may_not_change(as_, viewer_a, officer_a, tree):
    mine = draft(officer_a, tree.a)
    client = as_(viewer_a)
    assert client.get(url("detail", mine.pk)).status_code == 200
    assert client.get(url("edit", mine.pk)).status_code == 403
    assert client.post(url("issue", mine.pk), {"signed_on": "05/04/2022"}).status_code == 403


def test_create_issue_cancel_through_the_pages(as_, officer_a, tree):
    client = as_(officer_a)
    response = client.post(
        url("create"),
        {"unit": tree.a.pk, "kind": kind("thong-bao").pk, "title": "Thông báo họp", "place": "Huế"},
    )
    document = Document.objects.get()
    assert response.status_code == 302 and document.status == Status.DRAFT
    response = client.post(url("issue", document.pk), {"signed_on": "09/01/2023"})
    document.refresh_from_db()
    assert response.status_code == 302 and document.number_symbol == "01/TB-CĐCS"
    response = client.post(url("issue", document.pk), {"signed_on": "09/01/2023"})
    assert response.status_code == 422  # already issued
    response = client.post(url("cancel", document.pk), {"reason": ""})
    assert response.status_code == 422
    client.post(url("cancel", document.pk), {"reason": "Trùng nội dung"})
    document.refresh_from_db()
    assert (document.status, document.number) == (Status.CANCELLED, 1)


def test_issue_page_names_the_field_for_a_used_number_and_a_future_date(as_, cdvc_officer, plan, tree):
    client = as_(cdvc_officer)
    other = draft(cdvc_officer, tree.cdvc)
    response = client.post(url("issue", other.pk), {"signed_on": "05/04/2022", "number": "92"})
    assert response.status_code == 422
    assert response.context["form"].errors["number"] == [
        "Số 92 đã được dùng cho kế hoạch năm 2022 của đơn vị ban hành."
    ]
    future = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    response = client.post(url("issue", other.pk), {"signed_on": future})
    assert response.status_code == 422 and "signed_on" in response.context["form"].errors
    other.refresh_from_db()
    assert other.status == Status.DRAFT


def test_receive_page(as_, officer_a, tree):
    response = as_(officer_a).post(
        url("receive"),
        {
            "unit": tree.a.pk,
            "kind": kind("cong-van").pk,
            "title": "Về việc khảo sát",
            "sender": "CĐVC tỉnh A",
            "sender_number": "12/CV-CĐVC",
            "sender_date": "01/04/2022",
            "received_on": "05/04/2022",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.direction, document.number, document.received_on) == ("in", 1, D)


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    import re

    return re.sub(r"<[^>]+>", "", xml)


def test_word_file_has_the_decree_30_header(as_, cdvc_officer, plan):
    response = as_(cdvc_officer).get(url("docx", plan.pk))
    assert response.status_code == 200
    assert "92-KH-C%C4%90VC.docx" in response["Content-Disposition"]
    text = _docx_text(response.content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 92/KH-CĐVC",
        "Hà Nội, ngày 05 tháng 4 năm 2022",
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH A",  # the superior body
        "CÔNG ĐOÀN VIÊN CHỨC TỈNH A",
        "KẾ HOẠCH",
        "Kế hoạch khảo sát tại Phú Yên, Khánh Hòa, Ninh Thuận",
        "Nơi nhận:",
        "- Lưu: VT;",
        "TM. BAN THƯỜNG VỤ",
        "PHÓ CHỦ TỊCH",
        "Trần Thị Bình",
        "Nắm tình hình hoạt động công đoàn.",
    ):
        assert expected in text, expected


def test_word_file_properties_are_the_documents_not_the_templates(as_, cdvc_officer, plan):
    """File > Info in Word: the title and issuing body of this document, made now (python-docx's
    defaults said "python-docx", 2013)."""
    from django.utils import timezone
    from docx import Document as WordDocument

    data = as_(cdvc_officer).get(url("docx", plan.pk)).content
    properties = WordDocument(io.BytesIO(data)).core_properties
    assert properties.title == "Kế hoạch khảo sát tại Phú Yên, Khánh Hòa, Ninh Thuận"
    assert properties.author == "CÔNG ĐOÀN VIÊN CHỨC TỈNH A"
    assert "python-docx" not in (properties.author, properties.last_modified_by, properties.comments)
    assert abs((timezone.now() - properties.created).total_seconds()) < 120


def test_word_file_converts_to_pdf_with_libreoffice(as_, cdvc_officer, plan, tmp_path):
    import shutil
    import subprocess

    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not soffice or not pdftotext:
        pytest.skip("LibreOffice (soffice) or pdftotext not installed")
    source = tmp_path / "plan.docx"
    source.write_bytes(as_(cdvc_officer).get(url("docx", plan.pk)).content)
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "plan.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 92/KH-CĐVC",
        "ngày 05 tháng 4 năm 2022",
        "Trần Thị Bình",
    ):
        assert expected in text, expected


# -- attachments ------------------------------------------------------------------------------------


def test_attachment_upload_and_guarded_download(as_, officer_a, officer_b, tree, media):
    document = draft(officer_a, tree.a)
    client = as_(officer_a)
    response = client.post(url("attach", document.pk), {"file": SimpleUploadedFile("Công văn.pdf", PDF)})
    assert response.status_code == 302
    attachment = DocumentAttachment.objects.get()
    assert attachment.name == "Công văn.pdf" and "Công văn" not in attachment.path
    assert (media / attachment.path).read_bytes() == PDF
    download = client.get(url("attachment", attachment.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="document.attach").count() == 1
    assert as_(officer_b).get(url("attachment", attachment.pk)).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Tệp 'virus.exe': chỉ nhận các loại DOCX, JPG, PDF, PNG, XLSX."),
        (
            "fake.pdf",
            b"MZ\x90\x00not a pdf",
            "Tệp 'fake.pdf' không phải là tệp PDF thật (nội dung không khớp với đuôi tệp).",
        ),
        (
            "fake.docx",
            b"PK\x03\x04garbage",
            "Tệp 'fake.docx' không phải là tệp DOCX thật (nội dung không khớp với đuôi tệp).",
        ),
    ],
)
def test_attachment_of_a_forbidden_type_is_refused(as_, officer_a, tree, name, content, message):
    document = draft(officer_a, tree.a)
    response = as_(officer_a).post(
        url("attach", document.pk), {"file": SimpleUploadedFile(name, content)}, follow=True
    )
    assert message in [str(m) for m in response.context["messages"]]
    assert not DocumentAttachment.objects.exists()


def test_attachment_over_the_limit_is_refused(as_, officer_a, tree, settings, media):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    document = draft(officer_a, tree.a)
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (1024 * 1024 + 10))
    response = as_(officer_a).post(url("attach", document.pk), {"file": big}, follow=True)
    assert "Tệp 'scan.pdf' dung lượng 1,0 MB, vượt giới hạn 1,0 MB." in [
        str(m) for m in response.context["messages"]
    ]
    assert not DocumentAttachment.objects.exists() and not list(media.rglob("*.pdf"))


# -- templates --------------------------------------------------------------------------------------


def test_template_that_does_not_render_is_refused(as_, officer_a, tree, media):
    from docx import Document as WordDocument

    broken = io.BytesIO()
    doc = WordDocument()
    doc.add_paragraph("{{ title }")  # an unclosed tag
    doc.save(broken)
    response = as_(officer_a).post(
        url("templates"), {"unit": tree.a.pk, "file": SimpleUploadedFile("mau.docx", broken.getvalue())}
    )
    assert response.status_code == 422
    error = response.context["form"].errors["file"][0]
    assert error.startswith("Mẫu 'mau.docx' không dùng được:")
    assert not DocumentTemplate.objects.exists() and not list(media.rglob("*.docx"))
    assert not AuditEntry.objects.filter(action="document.template_set").exists()


def test_unit_template_is_used_for_its_documents(as_, officer_a, tree):
    from docx import Document as WordDocument

    own = io.BytesIO()
    doc = WordDocument()
    doc.add_paragraph("MẪU RIÊNG {{ number_symbol }} {{ title }}")
    doc.save(own)
    client = as_(officer_a)
    response = client.post(
        url("templates"),
        {"unit": tree.a.pk, "kind": kind().pk, "file": SimpleUploadedFile("mau.docx", own.getvalue())},
    )
    assert response.status_code == 302
    document = issued(officer_a, tree.a, on=D, title="Kế hoạch riêng")
    assert "MẪU RIÊNG 01/KH-CĐCS Kế hoạch riêng" in _docx_text(client.get(url("docx", document.pk)).content)


# -- query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params", [{"year": 2022}, {"q": "ke hoach", "year": 2022, "unit": "UNIT", "descendants": "on"}]
)
def test_register_query_count_does_not_grow(as_, cdvc_officer, tree, django_assert_num_queries, params):
    client = as_(cdvc_officer)
    params = {k: (tree.cdvc.pk if v == "UNIT" else v) for k, v in params.items()}
    for _ in range(2):
        issued(cdvc_officer, tree.a, on=D)
    client.get(url("register"), params)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url("register"), params).status_code == 200
    for _ in range(20):
        issued(cdvc_officer, tree.a, on=D)
    with django_assert_num_queries(len(small)):
        response = client.get(url("register"), params)
    assert len(response.context["rows"]) == 22


def test_register_in_english(as_, cdvc_officer, plan):
    from django.conf import settings
    from django.utils import translation

    client = as_(cdvc_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    try:
        body = client.get(url("register"), {"year": 2022}).content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)
    assert "Document register" in body and "Sổ văn bản" not in body


def test_a_drafts_word_file_leaves_the_number_blank(as_, officer_a, tree):
    document = draft(officer_a, tree.a, title="Dự thảo kế hoạch")
    response = as_(officer_a).get(url("docx", document.pk))
    text = _docx_text(response.content)
    assert "Số:       /KH-CĐCS" in text and "Dự thảo kế hoạch" in text
    assert "du-thao.docx" in response["Content-Disposition"]
