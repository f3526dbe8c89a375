"""Pages, files and the API of the awards module: the workflow through the browser, the Word and
Excel files opened and searched, the bulk proposal from Excel, query counts of the lists."""

import datetime as dt
import io
import zipfile

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from congdoan.accounts.services import token_issue
from congdoan.awards.models import Award, Decision, Nomination
from congdoan.members.tests.factories import join

from .factories import awarded, nominate

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> SimpleUploadedFile:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Danh sách")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return SimpleUploadedFile("ds.xlsx", out.getvalue())


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("word/document.xml").decode()


def test_pages_through_the_workflow(client, tree, cdvc_officer):
    people = [join(tree.a, name="Nguyễn Thị Ánh Dương"), join(tree.b, name="Trần Văn Bình")]
    client.force_login(cdvc_officer)
    response = client.post(
        "/khen-thuong/de-nghi/",
        {
            "unit": tree.cdvc.pk,
            "kind": f"f{__import__('congdoan.awards.models', fromlist=['Form']).Form.objects.get(code='giay-khen').pk}",
            "year": "2022",
            "occasion": "yearly",
            "issuer": tree.cdvc.pk,
            "cards": "\n".join(p.card_number for p in people),
            "units": [tree.a.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    n = Nomination.objects.get()
    page = client.get(f"/khen-thuong/de-nghi/{n.pk}/")
    assert (
        "Nguyễn Thị Ánh Dương" in page.content.decode()
        and "Không trùng hình thức trong năm" in page.content.decode()
    )
    for step in ("submit", "approve"):
        assert client.post(f"/khen-thuong/de-nghi/{n.pk}/xu-ly/", {"step": step}).status_code == 302
    response = client.post(
        f"/khen-thuong/de-nghi/{n.pk}/quyet-dinh/",
        {
            "title": "Về việc tặng Giấy khen năm 2022",
            "signed_on": "20/12/2022",
            "signer_name": "Lê Văn Ký",
            "signer_position": "Chủ tịch",
            "place": "Hà Nội",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    docx = client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/van-ban.docx")
    text = _docx_text(docx.content)
    assert "01/QĐ-" in text and "Nguyễn Thị Ánh Dương — 450.000 đồng" in text
    certificates = _docx_text(
        client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/giay-chung-nhan.docx").content
    )
    assert (
        "Nguyễn Thị Ánh Dương" in certificates
        and "GIẤY KHEN CỦA CÔNG ĐOÀN CẤP TRÊN TRỰC TIẾP CƠ SỞ" in certificates
    )
    assert certificates.count('w:type="page"') == 2  # three awardees, one page each
    assert 'w:orient="landscape"' in certificates
    book = CalamineWorkbook.from_filelike(
        io.BytesIO(client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/danh-sach.xlsx").content)
    )
    values = book.get_sheet_by_name("Danh sách").to_python()
    assert [values[3][1], values[3][6], values[3][7]] == [
        "Trần Văn Bình",
        450000,
        "Bốn trăm năm mươi nghìn đồng",
    ]
    person_page = client.get(f"/khen-thuong/doan-vien/{people[0].pk}/").content.decode()
    assert "Giấy khen" in person_page
    counts = client.get("/khen-thuong/thong-ke/", {"unit": tree.cdvc.pk, "year": 2022}).content.decode()
    assert "Công đoàn cấp trên trực tiếp cơ sở" in counts


def test_bulk_proposal_from_excel_names_rows_and_columns(client, tree, officer_a):
    people = [join(tree.a, actor=officer_a) for _ in range(3)]
    client.force_login(officer_a)
    from congdoan.emulation.models import Title

    ldtt = Title.objects.get(code="lao-dong-tien-tien")
    data = {
        "unit": tree.a.pk,
        "kind": f"t{ldtt.pk}",
        "year": "2023",
        "occasion": "yearly",
        "issuer_name": "Giám đốc Sở",
    }
    bad = _xlsx([["Số thẻ đoàn viên", "Họ và tên"], [people[0].card_number, "Tên Khác"], ["KHONGCO", ""]])
    response = client.post("/khen-thuong/de-nghi/", {**data, "file": bad})
    body = response.content.decode()
    assert response.status_code == 422
    assert "Dòng 2, cột &#x27;Họ và tên&#x27;" in body and "Dòng 3, cột &#x27;Số thẻ đoàn viên&#x27;" in body
    assert not Nomination.objects.exists()
    good = _xlsx([["Số thẻ đoàn viên", "Họ và tên"], *[[p.card_number, p.full_name] for p in people]])
    assert client.post("/khen-thuong/de-nghi/", {**data, "file": good}).status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.lines.count() == 3
    page = client.get(f"/khen-thuong/de-nghi/{nomination.pk}/").content.decode()
    assert "Không có đăng ký danh hiệu" in page  # the emulation registration, read for the dossier


def test_lists_do_not_grow_with_rows(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    awarded(tree.cdvc, "giay-khen", people=[join(tree.a)], units=[tree.a], issuer=tree.cdvc)
    urls = ["/khen-thuong/", "/khen-thuong/quyet-dinh/", f"/khen-thuong/don-vi/{tree.a.pk}/"]
    before = [count(u) for u in urls]
    awarded(
        tree.cdvc,
        "giay-khen",
        people=[join(tree.a) for _ in range(3)],
        units=[tree.a],
        issuer=tree.cdvc,
        year=2021,
    )
    awarded(tree.cdvc, "bk-ldld", units=[tree.a], issuer=tree.prov, year=2021)
    nominate(tree.cdvc, "giay-khen", people=[join(tree.b)], issuer=tree.cdvc, year=2020)
    assert [count(u) for u in urls] == before


def test_api_creates_steps_decides_and_hides_other_units(client, tree, cdvc_officer, officer_b):
    _token, raw = token_issue(actor=cdvc_officer, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    person = join(tree.a)
    created = client.post(
        "/api/v1/awards/nominations",
        {
            "unit_id": tree.cdvc.pk,
            "code": "giay-khen",
            "year": 2022,
            "issuer_id": tree.cdvc.pk,
            "lines": [{"person_id": person.pk}],
        },
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201, created.content
    nid = created.json()["id"]
    assert any(c["check"] == "not_twice_same_year" for c in created.json()["lines"][0]["checks"])
    for step in ("submit", "approve"):
        r = client.post(
            f"/api/v1/awards/nominations/{nid}/steps", {"step": step}, content_type="application/json", **auth
        )
        assert r.status_code == 200, r.content
    r = client.post(
        "/api/v1/awards/decisions",
        {
            "nomination_ids": [nid],
            "title": "Khen thưởng",
            "signed_on": "2022-12-20",
            "signer_name": "A",
            "signer_position": "Chủ tịch",
        },
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201 and r.json()["awards"][0]["amount"] == 450_000
    history = client.get(f"/api/v1/awards/members/{person.pk}/awards", **auth).json()
    assert history[0]["award"].startswith("Giấy khen")
    _other, raw_b = token_issue(actor=officer_b, name="b")
    other_auth = {"HTTP_AUTHORIZATION": f"Bearer {raw_b}"}
    assert client.get(f"/api/v1/awards/nominations/{nid}", **other_auth).status_code == 404
    assert client.get(f"/api/v1/awards/decisions/{r.json()['id']}", **other_auth).status_code == 404
    assert Award.objects.count() == 1 and dt.date(2022, 12, 20) == Award.objects.get().decided_on


def test_the_catalogue_states_its_rules_in_words(client, tree, cdvc_officer):
    """Officers read the conditions, not the stored codes and parameters (QA saw
    ``collective_share {'title': …, 'percent': 70}``); in English too."""
    from django.utils import translation

    client.force_login(cdvc_officer)
    html = client.get("/khen-thuong/danh-muc/").content.decode()
    assert "Tỷ lệ người đạt danh hiệu trong tập thể" in html
    assert "danh hiệu Lao động tiên tiến; tối thiểu 70 %" in html
    assert "collective_share" not in html and "{&#x27;" not in html and "{'" not in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/khen-thuong/danh-muc/").content.decode()
    translation.activate("vi")
    assert "Tỷ lệ người đạt danh hiệu trong tập thể" not in english


def test_api_edits_a_returned_dossier_in_scope_only(client, tree, officer_a, officer_b, viewer_a):
    from congdoan.awards.services import nomination_step
    from congdoan.core.models import AuditEntry

    person = join(tree.a)
    n = nominate(tree.a, "giay-khen", people=[person], issuer=tree.cdvc, actor=officer_a)
    line = n.lines.get()

    def post(user, body):
        _t, raw = token_issue(actor=user, name=f"t{user.pk}")
        return client.post(
            f"/api/v1/awards/nominations/{n.pk}/dossier",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )

    body = {"report": "Báo cáo bổ sung", "council_size": 7, "votes": [{"line_id": line.pk, "votes_for": 6}]}
    assert post(officer_b, body).status_code == 404
    assert post(viewer_a, body).status_code == 403
    too_many = post(officer_a, {**body, "votes": [{"line_id": line.pk, "votes_for": 9}]})
    assert too_many.status_code == 422 and "hội đồng" in too_many.json()["errors"]["votes"][0]
    line.refresh_from_db()
    assert line.votes_for is None
    nomination_step(actor=officer_a, nomination=n, step="submit")
    refused = post(officer_a, body)
    assert refused.status_code == 422 and "Chỉ sửa được" in refused.json()["errors"]["state"][0]
    from .factories import _admin

    nomination_step(actor=_admin(), nomination=n, step="send_back", reason="Thiếu biên bản")
    ok = post(officer_a, body)
    assert ok.status_code == 200, ok.content
    assert ok.json()["council_size"] == 7 and ok.json()["lines"][0]["votes_for"] == 6
    assert AuditEntry.objects.filter(action="nomination.update").count() == 1
