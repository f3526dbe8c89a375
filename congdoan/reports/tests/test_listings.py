"""The commendation list and the rating summary on the demo (CĐVC TP Hà Nội, 2022): the page, its
xlsx (opened and searched), the issued docx and the figures API give the same numbers; the per-form
counts are seed 001's; the rating summary counts every grassroots union once."""

import io
import re
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from congdoan.accounts.models import User
from congdoan.demo.tests.conftest import run_load_demo
from congdoan.documents.models import Document
from congdoan.organizations.models import Unit
from congdoan.reports.formatting import table_line

pytestmark = pytest.mark.django_db

FORMS_2022 = {
    "awards.by_form.bk-tld.collective": 1,
    "awards.by_form.co-thi-dua-ldld-tinh.collective": 1,
    "awards.by_form.bk-ldld.collective": 3,
    "awards.by_form.bk-ldld.individual": 12,
    "awards.by_form.giay-khen.collective": 6,
    "awards.by_form.giay-khen.individual": 69,
}
ISSUE = {
    "issue-signed_on": "10/01/2023",
    "issue-signer_name": "Phạm Văn Hải",
    "issue-signer_position": "Chủ tịch",
}


def _cells(html: str) -> dict[str, str]:
    """Every cell the page marks with a figure: name → digits shown."""
    found = re.findall(r'<td[^>]*data-figure="([^"]+)"[^>]*>(.*?)</td>', html, re.S)
    return {name: re.sub(r"\D", "", re.sub(r"<[^>]+>", "", cell)) for name, cell in found}


def _sheet(content: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode()
    return re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n")).replace("\xa0", " ")


@pytest.fixture
def hanoi(client):
    run_load_demo()
    admin = User.objects.get(username="admin")
    client.force_login(admin)
    return client, Unit.objects.get(code="CDVC-HN")


def _api(client, unit) -> dict:
    from congdoan.accounts.services import token_issue

    admin = User.objects.get(username="admin")
    token = token_issue(actor=admin, name="test")[1]
    response = client.get(
        f"/api/v1/reports/figures?unit={unit.pk}&from=2022-01-01&to=2022-12-31",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.content
    return response.json()["figures"]


def test_commendation_list_and_rating_summary_agree_everywhere(hanoi):
    client, unit = hanoi
    api = _api(client, unit)
    query = f"unit={unit.pk}&nam=2022"

    # -- the commendation list
    page = client.get(f"/bao-cao/khen-thuong/?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    data = page.context["data"]
    by_form, listed = data.tables
    cells = _cells(html)
    for name, value in FORMS_2022.items():
        assert api[name] == value and cells[name] == str(value), name
    for name in ("awards.collective", "awards.individual", "awards.amount"):
        assert cells[name] == str(api[name]) and data.values()[name] == api[name], name
    assert api["awards.collective"] + api["awards.individual"] == len(listed.rows) >= 92
    assert sum(r.cells[-1] for r in listed.rows) == api["awards.amount"] > 0
    book = _sheet(client.get(f"/bao-cao/khen-thuong/xlsx/?{query}").content)
    flat = [row for row in book if row and row[0] != ""]
    giay_khen = next(r for r in flat if str(r[0]).startswith("Giấy khen"))
    assert giay_khen[2:4] == [6, 69]
    totals = [r for r in flat if r[0] == "Tổng cộng"]
    assert totals[0][2:5] == [api["awards.collective"], api["awards.individual"], api["awards.amount"]]
    assert totals[1][-1] == api["awards.amount"]
    assert sum(1 for r in flat if isinstance(r[0], float | int)) == len(listed.rows)

    # -- the rating summary
    page = client.get(f"/bao-cao/xep-loai/?{query}")
    assert page.status_code == 200
    data = page.context["data"]
    grades, unions = data.tables
    cells = _cells(page.content.decode())
    assert cells["ratings.excellent"] == str(api["ratings.excellent"])
    assert cells["units.grassroots"] == str(api["units.grassroots"]) == "58"
    assert sum(r.cells[1] for r in grades.rows) == 58 == len(unions.rows)
    assert sum(r.cells[1] for r in grades.rows[:-1]) == api["ratings.total"] == data.values()["ratings.total"]
    assert sum(1 for r in unions.rows if r.cells[-1]) == api["ratings.total"]
    book = _sheet(client.get(f"/bao-cao/xep-loai/xlsx/?{query}").content)
    by_label = {r[0]: r[1] for r in book if len(r) > 1}
    assert by_label["Tổng số CĐCS"] == 58
    for row in grades.rows:
        assert by_label[row.cells[0]] == row.cells[1]

    # -- each issued as a numbered báo cáo whose docx writes the same rows
    for code, report_data in (("khen-thuong", None), ("xep-loai", None)):
        done = client.post(f"/bao-cao/{code}/ban-hanh/?{query}", ISSUE)
        assert done.status_code == 302, done.content.decode()[:1500]
        report_data = client.get(f"/bao-cao/{code}/?{query}").context["data"]
        document = report_data.in_force.document
        assert "/BC-" in document.number_symbol
        text = _docx_text(client.get(f"/van-ban/{document.pk}/word/").content)
        for table in report_data.tables:
            for row in (*table.rows, *([table.total] if table.total else [])):
                assert table_line(table, row).replace("\xa0", " ") in text
    assert Document.objects.filter(title__icontains="khen thưởng năm 2022").exists()
