"""The year-end report's welfare and funds sections read the split figures (by kind of support, by kind
of programme, per fund): the page, the xlsx and the figures API give the same values, and the catalogue
lists the names with their Vietnamese and English labels."""

import io
import re

import pytest
from python_calamine import CalamineWorkbook

from congdoan.funds.tests.factories import drive, give
from congdoan.welfare import services
from congdoan.welfare.tests import factories

pytestmark = pytest.mark.django_db
HARDSHIP = "welfare.by_kind.kho-khan"
BAGS = "welfare.by_kind.qua-tet"
TET = "welfare.by_programme.tet"


@pytest.fixture
def tet(tree, officer_a, officer_b):
    """CĐCS A: 2 members in hardship (1,000,000 each) and 3 Tết bags (500,000 each) in a Tết programme;
    CĐCS B: 1 member in hardship, no programme; 2022. A fund contribution of 4,000,000 at A."""
    programme = factories.programme(tree.a, officer_a)
    for _ in range(2):
        factories.case(tree.a, officer_a, programme=programme)
    services.gift_item_add(
        actor=officer_a,
        programme=programme,
        kind=factories.kind("qua-tet"),
        description="Túi quà Tết",
        count=3,
        unit_value=500_000,
        given_on=factories.DAY,
        source="quy-cong-doan",
    )
    factories.case(tree.b, officer_b)
    give(drive(tree.cdvc), tree.a, 4_000_000)
    return programme


EXPECTED = {
    f"{HARDSHIP}.people": 3,
    f"{HARDSHIP}.count": 3,
    f"{HARDSHIP}.amount": 3_000_000,
    f"{BAGS}.count": 3,
    f"{BAGS}.amount": 1_500_000,
    f"{TET}.people": 2,
    f"{TET}.gifts": 3,
    f"{TET}.amount": 3_500_000,
    "funds.by_fund.bien_dao.amount": 4_000_000,
}


def test_the_report_page_xlsx_and_api_show_the_split(as_, call, cdvc_officer, tree, tet):
    client = as_(cdvc_officer)
    query = f"unit={tree.cdvc.pk}&nam=2022"
    page = client.get(f"/bao-cao/tong-ket/?{query}")
    assert page.status_code == 200
    data = page.context["data"]
    sections = {s.code: {line.name: line for line in s.lines} for s in data.sections}
    assert {n: sections["welfare"][n].value for n in EXPECTED if n.startswith("welfare.")} == {
        n: v for n, v in EXPECTED.items() if n.startswith("welfare.")
    }
    assert sections["funds"]["funds.by_fund.bien_dao.amount"].value == 4_000_000
    assert sections["welfare"]["welfare.amount"].value == 4_500_000  # the totals stay, the split is added
    assert f"{BAGS}.people" not in sections["welfare"]  # a breakdown with nothing recorded is not printed
    html = page.content.decode()
    for name, value in EXPECTED.items():
        cell = re.search(rf'data-figure="{re.escape(name)}"[^>]*>(.*?)</a>', html, re.S).group(1)
        assert re.sub(r"\D", "", cell) == str(value), name
    book = client.get(f"/bao-cao/tong-ket/xlsx/?{query}")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(book.content)).get_sheet_by_index(0).to_python()
    cells = {row[0]: row[1] for row in rows if len(row) > 1 and row[1] != ""}
    assert cells["Hoàn cảnh khó khăn: số người được hỗ trợ"] == 3
    assert cells["Quà Tết: số tiền"] == 1_500_000
    assert cells["Chương trình Chăm lo Tết: số suất quà"] == 3
    api = call(cdvc_officer, "GET", f"/reports/figures?unit={tree.cdvc.pk}&from=2022-01-01&to=2022-12-31")
    assert api.status_code == 200
    assert {n: api.json()["figures"][n] for n in EXPECTED} == EXPECTED
    # a CĐCS's own: A has the programme, B only its case
    b = call(cdvc_officer, "GET", f"/reports/figures?unit={tree.b.pk}&from=2022-01-01&to=2022-12-31").json()
    assert (b["figures"][f"{HARDSHIP}.amount"], b["figures"][f"{TET}.amount"]) == (1_000_000, 0)


def test_the_catalogue_lists_the_split_in_both_languages(client, cdvc_officer):
    from congdoan.accounts.services import token_issue

    token = token_issue(actor=cdvc_officer, name="test")[1]
    labels = {}
    for language in ("vi", "en"):
        listed = client.get(
            "/api/v1/reports/figures/catalogue",
            HTTP_AUTHORIZATION=f"Bearer {token}",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert listed.status_code == 200
        labels[language] = {row["name"]: row["label"] for row in listed.json()}
    for name in (f"{HARDSHIP}.amount", f"{BAGS}.count", f"{TET}.people", "funds.by_fund.xa_hoi.amount"):
        assert name in labels["vi"] and labels["vi"][name] != labels["en"][name], name
    assert labels["vi"][f"{HARDSHIP}.amount"] == "Hoàn cảnh khó khăn: số tiền"
    assert labels["en"][f"{HARDSHIP}.amount"] == "Hardship: amount"
    assert labels["en"][f"{TET}.people"] == "Tết care programme (programmes): people supported"
