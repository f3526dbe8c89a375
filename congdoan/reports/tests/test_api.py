"""The figures API: values of a unit's subtree from the registry, the catalogue (dynamic names come
from the registry), scope (404) and bad input (422 naming the field)."""

import datetime as dt

import pytest

from congdoan.core import figures
from congdoan.core.periods import Period

from .conftest import FAKE_FORM, FAKE_FUND

pytestmark = pytest.mark.django_db
Y2022 = "from=2022-01-01&to=2022-12-31"


def test_the_figures_of_a_unit_and_its_subtree(call, cdvc_officer, year_2022):
    tree = year_2022
    response = call(cdvc_officer, "GET", f"/reports/figures?unit={tree.cdvc.pk}&{Y2022}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["unit"], body["from"], body["to"], body["as_of"]) == (
        tree.cdvc.pk,
        "2022-01-01",
        "2022-12-31",
        "2022-12-31",
    )
    got = body["figures"]
    assert {k: got[k] for k in ("members.total", "members.female", "members.joined", "members.left")} == {
        "members.total": 6,
        "members.female": 3,
        "members.joined": 2,
        "members.left": 1,
    }
    assert (got["workforce.total"], got["members.rate_percent"], got["units.grassroots"]) == (13, 46, 2)
    assert got == figures.compute(
        actor=cdvc_officer,
        unit_id=tree.cdvc.pk,
        names=list(got),
        period=Period.year(2022),
        as_of=dt.date(2022, 12, 31),
    )


def test_as_of_reads_the_stock_of_that_day(call, cdvc_officer, year_2022):
    tree = year_2022
    body = call(
        cdvc_officer,
        "GET",
        f"/reports/figures?unit={tree.a.pk}&{Y2022}&as_of=2022-06-30&names=members.total,members.left",
    ).json()
    assert body["figures"] == {"members.total": 4, "members.left": 0}  # the leaver left in September


def test_dynamic_names_come_from_the_registry(call, cdvc_officer, year_2022, fake_module):
    tree = year_2022
    catalogue = {row["name"]: row for row in call(cdvc_officer, "GET", "/reports/figures/catalogue").json()}
    assert catalogue[f"{FAKE_FORM}.collective"]["measure"] == "units"
    assert catalogue[FAKE_FUND]["measure"] == "vnd"
    assert catalogue["members.rate_percent"]["inputs"] == ["members.with_workforce", "workforce.total"]
    got = call(cdvc_officer, "GET", f"/reports/figures?unit={tree.cdvc.pk}&{Y2022}").json()["figures"]
    assert (got[f"{FAKE_FORM}.collective"], got[f"{FAKE_FORM}.individual"], got[FAKE_FUND]) == (
        3,
        4,
        1_500_000,
    )


def test_a_sibling_unit_is_not_found(call, officer_a, year_2022):
    response = call(officer_a, "GET", f"/reports/figures?unit={year_2022.b.pk}&{Y2022}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("from=2022-12-31&to=2022-01-01", "to", "không được trước"),
        ("from=2022-01-01&to=2022-12-31&as_of=2099-01-01", "as_of", "sau hôm nay"),
        ("from=2022-01-01&to=2022-12-31&as_of=2021-12-31", "as_of", "trước ngày đầu kỳ"),
        ("from=2022-01-01&to=2022-12-31&names=members.total,members.nobody", "names", "members.nobody"),
        ("from=2019-01-01&to=2019-12-31", "unit", "chưa thành lập"),
    ],
)
def test_bad_input_is_named(call, cdvc_officer, year_2022, query, field, words):
    response = call(cdvc_officer, "GET", f"/reports/figures?unit={year_2022.a.pk}&{query}")
    assert response.status_code == 422, response.content
    assert words in " ".join(response.json()["errors"][field])
