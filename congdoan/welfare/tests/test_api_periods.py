"""/api/v1/welfare/: the lists and the totals take the period as the pages do (``year``, ``nam``, ``ky``,
``tu``/``den``); a bad value is a 422 naming its parameter."""

import datetime as dt

import pytest

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(tree, officer_a):
    """A case in January 2022, one in August 2022 and one in 2021."""
    for day in (dt.date(2022, 1, 20), dt.date(2022, 8, 5), dt.date(2021, 6, 1)):
        factories.case(tree.a, officer_a, decided_on=day)


@pytest.mark.parametrize(
    ("query", "cases"),
    [
        ("year=2022", 2),
        ("nam=2022", 2),
        ("ky=2022", 2),
        ("ky=2022-h1", 1),
        ("ky=2022-q3", 1),
        ("tu=01/06/2021&den=31/01/2022", 2),
        ("nam=2021", 1),
        ("", 3),
    ],
)
def test_the_case_list_reads_every_spelling_of_the_period(call, officer_a, spread, query, cases):
    answer = call(officer_a, "GET", f"/welfare/cases?{query}")
    assert answer.status_code == 200 and answer.json()["count"] == cases


@pytest.mark.parametrize(
    ("query", "field"),
    [("nam=abc", "nam"), ("ky=20x2", "ky"), ("tu=31/02/2022", "tu"), ("tu=01/02/2022&den=01/01/2022", "den")],
)
@pytest.mark.parametrize("path", ["/welfare/cases", "/welfare/programmes", "/welfare/totals"])
def test_a_bad_period_is_a_422_naming_it(call, officer_a, path, query, field):
    answer = call(officer_a, "GET", f"{path}?{query}")
    assert answer.status_code == 422 and field in answer.json()["errors"], answer.content


def test_the_totals_read_a_quarter(call, tree, officer_a, spread):
    answer = call(officer_a, "GET", f"/welfare/totals?unit={tree.a.pk}&ky=2022-q3")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["starts_on"], body["ends_on"]) == ("2022-07-01", "2022-09-30")
    assert body["rows"][0]["cases"] == 1 and body["year"] == 2022


def test_the_programme_list_reads_the_period(call, tree, officer_a):
    factories.programme(tree.a, officer_a)
    assert call(officer_a, "GET", "/welfare/programmes?ky=2022-q1").json()["count"] == 1
    assert call(officer_a, "GET", "/welfare/programmes?tu=01/03/2022&den=31/03/2022").json()["count"] == 0
