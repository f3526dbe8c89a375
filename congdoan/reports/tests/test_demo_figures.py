"""Every seed figure issue 15 lists ("Demo data") comes out the same through the four outputs, read
from the loaded demo as the officer of the unit would: (a) the figures API, (b) the dashboard (its
card, or the figure's page the card opens for a figure no card shows), (c) the report's xlsx and
(d) its Word file (the demo's issued year-end report of Hà Nội; the others issued here).

Seeds: 001 (CĐVC TP Hà Nội, 2022, phase 1 of the initiatives programme by round), 003 (the provincial CĐVC, CĐVC tỉnh Phú Yên in the demo: its
workforce on 30/06/2022, medals and gifts of 2022), 004 (the CĐCS of Ủy ban MTTQ tỉnh Ninh Thuận,
2023: read as of the conference of 22/02/2024, where the article reports them)."""

import io
import re
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from congdoan.accounts.models import User
from congdoan.core import figures
from congdoan.demo.tests.conftest import demo  # noqa: F401  (the loaded demo, shared by the module)
from congdoan.reports.formatting import shown
from congdoan.reports.models import IssuedReport

pytestmark = pytest.mark.django_db

SEED_001 = {  # CĐVC TP Hà Nội, 2022
    "conferences.cbccvc.held": 57,
    "conferences.cbccvc.expected": 58,
    "conferences.workers.held": 4,
    "conferences.workers.expected": 4,
    "dialogues.held": 4,
    "dialogues.expected": 4,
    "initiatives.recognised": 906,
    "initiatives.percent": 127,
    "initiatives.by_round.1.recognised": 906,  # phase 1 of the programme
    "initiatives.by_round.1.percent": 127,
    "welfare.by_kind.kho-khan.people": 100,
    "welfare.by_kind.kho-khan.amount": 100_000_000,
    "welfare.by_kind.qua-tet.count": 100,
    "welfare.by_kind.qua-tet.amount": 50_000_000,
    "awards.by_form.bk-tld.collective": 1,
    "awards.by_form.co-thi-dua-ldld-tinh.collective": 1,
    "awards.by_form.bk-ldld.collective": 3,
    "awards.by_form.bk-ldld.individual": 12,
    "awards.by_form.giay-khen.collective": 6,
    "awards.by_form.giay-khen.individual": 69,
    "awards.collective": 11,
    "awards.individual": 81,
    # the three totals of the article ("gần 2,1 tỷ", "gần 700 triệu" for two funds, "khoảng 1,3 tỷ")
    "funds.by_fund.bien_dao.amount": 2_087_500_000,
    "funds.by_fund.xa_hoi.amount": 412_300_000,
    "funds.by_fund.den_on_dap_nghia.amount": 284_900_000,
    "funds.by_fund.vi_nguoi_ngheo.amount": 1_304_200_000,
}
SEED_003_JUNE = {"workforce.total": 3958}  # CĐVC tỉnh, 01/01–30/06/2022
SEED_003_YEAR = {  # CĐVC tỉnh, 2022
    "awards.by_form.knc.individual": 7,
    "welfare.by_kind.qua-chinh-sach.count": 95,
    "welfare.by_kind.qua-chinh-sach.people": 95,
}
SEED_004 = {  # the CĐCS, 2023, as of 22/02/2024
    "awards.by_form.lao-dong-tien-tien.individual": 19,
    "awards.by_form.chien-si-thi-dua-co-so.individual": 3,
    "ratings.total": 1,
    "ratings.excellent": 1,
}

# (unit, officer, report, year, API period, dashboard period, as of (dd/mm/yyyy), figures)
CASES = {
    "seed-001": ("CDVC-HN", "hanoi", "tong-ket", 2022, ("2022-01-01", "2022-12-31"), "2022", "", SEED_001),
    "seed-003-june": (
        "CDVC-PY",
        "admin",
        "so-ket",
        2022,
        ("2022-01-01", "2022-06-30"),
        "2022-h1",
        "",
        SEED_003_JUNE,
    ),
    "seed-003-year": (
        "CDVC-PY",
        "admin",
        "tong-ket",
        2022,
        ("2022-01-01", "2022-12-31"),
        "2022",
        "",
        SEED_003_YEAR,
    ),
    "seed-004": (
        "CDVC-NT-MTTQ",
        "khanhhoa",
        "tong-ket",
        2023,
        ("2023-01-01", "2023-12-31"),
        "2023",
        "22/02/2024",
        SEED_004,
    ),
}


def _iso(day: str) -> str:
    return "-".join(reversed(day.split("/"))) if day else ""


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode()
    return re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n")).replace("\xa0", " ")


def _digits(html: str, name: str) -> str:
    cell = re.search(rf'data-figure="{re.escape(name)}"[^>]*>(.*?)</a>', html, re.S)
    return re.sub(r"\D", "", cell.group(1)) if cell else None


@pytest.mark.parametrize("case", CASES)
def test_the_seed_figures_agree_in_the_api_dashboard_xlsx_and_docx(demo, as_, call, case):  # noqa: F811
    code, username, report, year, (start, end), ky, as_of, expected = CASES[case]
    unit, officer = demo[code], User.objects.get(username=username)
    client = as_(officer)
    as_of_query = f"&as_of={as_of}" if as_of else ""
    # (a) the API
    api = call(
        officer,
        "GET",
        f"/reports/figures?unit={unit.pk}&from={start}&to={end}" + (f"&as_of={_iso(as_of)}" if as_of else ""),
    )
    assert api.status_code == 200, api.content
    assert {n: api.json()["figures"].get(n) for n in expected} == expected
    # no more members than the workforce (a CĐCS's own workforce counts its tổ công đoàn's members)
    rate = api.json()["figures"]["members.rate_percent"]
    assert rate is not None and rate <= 100, rate
    # (b) the dashboard: the card's value, or the total on the figure's page the dashboard opens
    scope = f"unit={unit.pk}&ky={ky}{as_of_query}"
    board = client.get(f"/bao-cao/?{scope}")
    assert board.status_code == 200
    html = board.content.decode()
    for name, value in expected.items():
        digits = _digits(html, name)
        if digits is None:
            page = client.get(f"/bao-cao/so-lieu/?{scope}&name={name}")
            assert page.status_code == 200, name
            digits = str(page.context["rows"][0]["total"])
        assert digits == str(value), name
    # the report's page
    query = f"unit={unit.pk}&nam={year}{as_of_query}"
    page = client.get(f"/bao-cao/{report}/?{query}")
    assert page.status_code == 200
    assert {n: _digits(page.content.decode(), n) for n in expected} == {
        n: str(v) for n, v in expected.items()
    }
    labels = {n: str(figures.get(n).label) for n in expected}
    # (c) the xlsx: the figure's row, by its label
    book = client.get(f"/bao-cao/{report}/xlsx/?{query}")
    assert book.status_code == 200
    rows = CalamineWorkbook.from_filelike(io.BytesIO(book.content)).get_sheet_by_index(0).to_python()
    cells = {row[0]: row[1] for row in rows if len(row) > 1}
    assert {n: cells.get(labels[n]) for n in expected} == expected
    # (d) the docx: the demo's issued report of Hà Nội, else issued here as the officer
    issued = IssuedReport.objects.filter(unit=unit, report=report, year=year).first()
    if issued is None:
        response = client.post(
            f"/bao-cao/{report}/ban-hanh/?{query}",
            {
                "issue-signed_on": as_of or f"05/01/{year + 1}",
                "issue-signer_name": "Nguyễn Văn A",
                "issue-signer_position": "Chủ tịch",
            },
        )
        assert response.status_code == 302, response.content.decode()[:1500]
        issued = IssuedReport.objects.get(unit=unit, report=report, year=year)
    word = client.get(f"/van-ban/{issued.document.pk}/word/")
    assert word.status_code == 200
    text = _docx_text(word.content)
    missing = [
        n
        for n, v in expected.items()
        if f"{labels[n]}: {shown(v, figures.get(n).measure)}".replace("\xa0", " ") not in text
    ]
    assert not missing
