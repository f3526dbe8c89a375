"""The rating summary read "as of" a date (issue 15, the note of 06/12/2026): its tables count the
grassroots unions of the subtree on the scope's date, as the ``ratings.*`` figures do, not those of
31/12 of the year; a union founded after an earlier "as of" date, and the rating it is given, do
not count then."""

import datetime as dt

import pytest

from congdoan.core.periods import Period
from congdoan.emulation import rating as ratings
from congdoan.emulation.tests.test_ratings import sent
from congdoan.organizations.tests.factories import make_unit
from congdoan.reports import selectors

pytestmark = pytest.mark.django_db


def _read(actor, unit, as_of):
    scope = selectors.scope_read(actor=actor, unit_id=unit.pk, period=Period.year(2023), as_of=as_of)
    grades, unions = selectors.rating_tables(actor, scope)
    values = selectors.figure_values(
        actor=actor, scope=scope, names=["units.grassroots", "ratings.total", "ratings.excellent"]
    )
    return grades, unions, values


def test_a_union_founded_and_rated_after_an_earlier_as_of_date_does_not_count(
    tree, admin_user, officer_a, officer_b, cdvc_officer
):
    late = make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc, on=dt.date(2023, 9, 1))
    early = dt.date(2023, 6, 1)
    ratings.rating_decide(actor=cdvc_officer, rating=sent(tree.a, officer_a, on=early), on=early)
    rating_b = sent(tree.b, officer_b, discipline=True, on=early)
    ratings.rating_decide(actor=cdvc_officer, rating=rating_b, on=early)
    december = dt.date(2023, 12, 1)
    ratings.rating_decide(actor=cdvc_officer, rating=sent(late, admin_user, on=december), on=december)

    for as_of, expected in ((dt.date(2023, 6, 30), 2), (dt.date(2023, 12, 31), 3)):
        grades, unions, values = _read(cdvc_officer, tree.cdvc, as_of)
        names = [row.cells[1] for row in unions.rows]
        assert ("Công đoàn Sở Tài chính" in names) == (expected == 3), as_of
        assert len(unions.rows) == grades.total.cells[1] == values["units.grassroots"] == expected, as_of
        rated = sum(row.cells[1] for row in grades.rows[:-1])
        assert rated == values["ratings.total"] == expected, as_of
        top = next(row for row in grades.rows if "ratings.excellent" in row.figures)
        assert top.cells[1] == values["ratings.excellent"], as_of
