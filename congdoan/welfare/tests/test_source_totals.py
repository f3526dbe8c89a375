"""Totals of support by source per unit (``welfare.by_source.<source>.count|amount``): each source's
column of a parent is its own plus its units', the columns add up to ``welfare.amount``; the totals page
shows the table in a fixed number of queries, its xlsx opens and holds the rows, the API gives them."""

import datetime as dt

import pytest
from django.urls import reverse

from congdoan.core import figures
from congdoan.core.periods import Period
from congdoan.organizations.models import RoleKind
from congdoan.organizations.tests.factories import UserFactory, grant
from congdoan.welfare import selectors, services
from congdoan.welfare.models import Source, SupportKind

from . import factories
from .test_figures import _grow
from .test_views import _queries, _xlsx_text

pytestmark = pytest.mark.django_db
YEAR = Period.year(2022)


def _sourced(tree, officer_a, cdvc_officer):
    """A: 1,000,000 from the union's funds, 2,000,000 from the agency; CĐVC: 5,000,000 from a sponsor and
    a gift item of 3 × 500,000 from a fund drive."""
    factories.case(tree.a, officer_a, amount=1_000_000)
    factories.case(tree.a, officer_a, amount=2_000_000, source=Source.EMPLOYER)
    factories.case(
        tree.cdvc,
        cdvc_officer,
        beneficiary_name="Hộ bà Lê Thị Mai",
        amount=5_000_000,
        source=Source.SPONSOR,
        source_name="Ngân hàng TMCP Công Thương",
    )
    programme = factories.programme(tree.cdvc, cdvc_officer)
    services.gift_item_add(
        actor=cdvc_officer,
        programme=programme,
        kind=SupportKind.objects.get(code="qua-tet"),
        description="Túi quà Tết",
        count=3,
        unit_value=500_000,
        given_on=dt.date(2022, 1, 20),
        source=Source.FUND_DRIVE,
        source_name="Quỹ Vì người nghèo",
    )


def _cells(row) -> dict[str, tuple[int, int]]:
    return {c.code: (c.count, c.amount) for c in row.total.cells}


def test_each_unit_has_its_support_by_source(tree, officer_a, cdvc_officer):
    _sourced(tree, officer_a, cdvc_officer)
    rows = {r.unit.id: r for r in selectors.source_rows(actor=cdvc_officer, unit=tree.cdvc, period=YEAR)}
    assert _cells(rows[tree.a.pk]) == {
        "quy-cong-doan": (1, 1_000_000),
        "co-quan": (1, 2_000_000),
        "cuoc-van-dong": (0, 0),
        "tai-tro": (0, 0),
    }
    assert _cells(rows[tree.cdvc.pk]) == {
        "quy-cong-doan": (1, 1_000_000),
        "co-quan": (1, 2_000_000),
        "cuoc-van-dong": (3, 1_500_000),
        "tai-tro": (1, 5_000_000),
    }
    assert rows[tree.cdvc.pk].total.amount == 9_500_000
    assert _cells(rows[tree.b.pk]) == dict.fromkeys(Source.values, (0, 0))
    earlier = selectors.source_rows(actor=cdvc_officer, unit=tree.cdvc, period=Period.year(2021))
    assert earlier[0].total.amount == 0


@pytest.mark.parametrize("seed", [4, 5])
def test_a_parent_by_source_is_the_sum_of_its_children(tree, admin_user, seed):
    _grow(tree, admin_user, seed)
    rows = selectors.source_rows(actor=admin_user, unit=tree.root, period=YEAR)
    for row in rows:
        children = [
            r for r in rows if r.unit.path.startswith(row.unit.path) and r.unit.depth == row.unit.depth + 1
        ]
        for i, cell in enumerate(row.total.cells):
            assert cell.amount == row.own.cells[i].amount + sum(c.total.cells[i].amount for c in children)
            assert cell.count == row.own.cells[i].count + sum(c.total.cells[i].count for c in children)
    totals = selectors.totals_rows(actor=admin_user, unit=tree.root, period=YEAR)
    assert rows[0].total.amount == totals[0].total.amount


def test_the_figures_are_registered_and_computed(tree, officer_a, cdvc_officer):
    _sourced(tree, officer_a, cdvc_officer)
    names = [f"welfare.by_source.{code}.amount" for code in Source.values]
    assert all(figures.known(n) for n in names)
    values = figures.compute(
        actor=cdvc_officer, unit_id=tree.cdvc.pk, names=names, period=YEAR, as_of=dt.date(2022, 12, 31)
    )
    assert values["welfare.by_source.tai-tro.amount"] == 5_000_000
    assert values["welfare.by_source.co-quan.amount"] == 2_000_000


def _clerk(tree):
    """A user of CĐCS A who reads units and members but not welfare."""
    clerk = UserFactory(username="clerk_a")
    RoleKind.objects.create(code="thu-ky", name="Thư ký", permissions=["units.view", "members.view"])
    grant(clerk, tree.a, "thu-ky")
    return clerk


def test_the_totals_page_shows_the_table_in_a_fixed_number_of_queries(client, tree, officer_a, cdvc_officer):
    _sourced(tree, officer_a, cdvc_officer)
    client.force_login(cdvc_officer)
    url = reverse("welfare:totals") + f"?unit={tree.cdvc.pk}&year=2022"
    body = client.get(url).content.decode()
    assert 'data-testid="units-by-source"' in body and "9.500.000" in body
    few = _queries(client, url)
    for n in range(5):
        factories.case(tree.b, cdvc_officer, beneficiary_name=f"Hộ {n}", source=Source.EMPLOYER)
    assert _queries(client, url) == few


def test_the_by_source_file_opens_and_holds_the_rows(client, tree, officer_a, cdvc_officer):
    _sourced(tree, officer_a, cdvc_officer)
    client.force_login(cdvc_officer)
    response = client.get(reverse("welfare:sources_export") + f"?unit={tree.cdvc.pk}&ky=2022")
    assert response.status_code == 200 and "cham-lo-theo-nguon-2022" in response["Content-Disposition"]
    text = _xlsx_text(response)
    for expected in ("Công đoàn Sở Y tế", "Cơ quan, đơn vị sử dụng lao động", "9500000", "5000000"):
        assert expected in text, expected


def test_the_by_source_file_refuses_a_bad_period_and_strangers(client, tree, officer_a, cdvc_officer):
    client.force_login(cdvc_officer)
    bad = client.get(reverse("welfare:sources_export") + f"?unit={tree.cdvc.pk}&nam=abc")
    assert bad.status_code == 422
    client.force_login(officer_a)
    sibling = client.get(reverse("welfare:sources_export") + f"?unit={tree.b.pk}&year=2022")
    assert sibling.status_code == 422 and sibling.context["form"].errors["unit"]
    client.force_login(_clerk(tree))  # no welfare.view anywhere: the guard does not tell the route exists
    assert client.get(reverse("welfare:sources_export") + f"?unit={tree.a.pk}").status_code == 404


def test_the_api_totals_give_the_units_by_source(call, tree, officer_a, cdvc_officer):
    _sourced(tree, officer_a, cdvc_officer)
    response = call(cdvc_officer, "GET", f"/welfare/totals?unit={tree.cdvc.pk}&year=2022")
    assert response.status_code == 200
    first = response.json()["by_source"][0]
    assert first["unit_id"] == tree.cdvc.pk and first["amount"] == 9_500_000
    assert {c["code"]: c["amount"] for c in first["cells"]}["cuoc-van-dong"] == 1_500_000


def test_the_agency_needs_no_name_but_a_sponsor_does(tree, officer_a):
    case = factories.case(tree.a, officer_a, source=Source.EMPLOYER)
    assert case.source == "co-quan" and case.source_name == ""


def test_the_candidates_file_opens_and_holds_the_flagged_members(client, tree, officer_a, officer_b):
    from congdoan.members.tests.factories import join

    programme = factories.programme(tree.a, officer_a)
    supported = join(tree.a, actor=officer_a, name="Trần Thị Khó Khăn", hardship=True)
    join(tree.a, actor=officer_a, name="Lê Văn Chính Sách", policy_family=True)
    factories.case(tree.a, officer_a, person=supported, programme=programme)
    client.force_login(officer_a)
    url = reverse("welfare:candidates_export", args=[programme.pk])
    text = _xlsx_text(client.get(url))
    for expected in ("Trần Thị Khó Khăn", "Lê Văn Chính Sách", "Gia đình chính sách", "Đã được hỗ trợ"):
        assert expected in text, expected
    assert "Lê Văn Chính Sách" not in _xlsx_text(client.get(url + "?flag=hardship"))
    client.force_login(officer_b)
    assert client.get(url).status_code == 404
