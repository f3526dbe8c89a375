"""``ratings.total`` and ``ratings.excellent`` lead to the unions they count (issue 15 §3): the rating
summary of the unit's subtree for the year, the decided ratings, and of them those in the top grade."""

import datetime as dt

import pytest

from congdoan.core.periods import Period
from congdoan.core.tests.records import check_records
from congdoan.emulation import rating as ratings

from .test_ratings import full_marks, sent

pytestmark = pytest.mark.django_db


def test_the_unions_listed_are_those_counted(client, tree, officer_a, officer_b, cdvc_officer):
    ratings.rating_decide(actor=cdvc_officer, rating=sent(tree.a, officer_a))  # the top grade
    started = ratings.rating_start(actor=officer_b, unit=tree.b, year=2023)
    half = {item: points / 2 for item, points in full_marks(started).items()}
    ratings.rating_self_assess(actor=officer_b, rating=started, points=half, discipline_case=False)
    ratings.rating_decide(
        actor=cdvc_officer, rating=ratings.rating_step(actor=officer_b, rating=started, step="submit")
    )
    checked = check_records(
        client,
        cdvc_officer,
        names=("ratings.total", "ratings.excellent"),
        unit_ids=(tree.cdvc.pk, tree.a.pk, tree.b.pk),
        period=Period.year(2023),
        as_of=dt.date.today(),  # decided today: ratings count from their decision day
        listed=lambda name, response: response.context["page"].paginator.count,
    )
    assert ("ratings.total", tree.cdvc.pk, 2) in checked and ("ratings.excellent", tree.cdvc.pk, 1) in checked
