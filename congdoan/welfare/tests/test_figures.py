"""The figures (``welfare.cases``, ``welfare.people``, ``welfare.amount``, ``welfare.gifts``): a unit's
totals are its own plus its units' on a generated tree, the period bounds them, and they take a fixed
number of queries."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.core import figures
from congdoan.core.periods import Period
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import make_unit
from congdoan.welfare import selectors, services
from congdoan.welfare.models import GiftItem, SupportCase, SupportKind

from . import factories

pytestmark = pytest.mark.django_db
YEAR = Period.year(2022)


def _grow(tree, admin_user, seed: int) -> list:
    """A generated tree under CĐVC tỉnh A: CĐCS with members, cases and gifts drawn from ``seed``."""
    rng = random.Random(seed)
    units = [tree.cdvc, tree.a, tree.b]
    for n in range(rng.randint(2, 4)):
        units.append(make_unit(f"GEN{seed}_{n}", f"Công đoàn cơ sở sinh {seed}-{n}", tree.cdvc))
    for unit in units:
        programme = factories.programme(unit, admin_user, title=f"Tết {unit.code}")
        for _ in range(rng.randint(0, 4)):
            grassroots = unit is not tree.cdvc
            person = join(unit, actor=admin_user) if grassroots else None
            factories.case(
                unit,
                admin_user,
                person=person,
                beneficiary_name="" if person else f"Hộ gia đình {rng.randint(1, 3)}",
                amount=rng.randint(1, 50) * 100_000,
                decided_on=dt.date(2022, 1, rng.randint(10, 31)),
                programme=programme if rng.random() < 0.5 else None,
            )
        if rng.random() < 0.7:
            services.gift_item_add(
                actor=admin_user,
                programme=programme,
                kind=SupportKind.objects.get(code="qua-tet"),
                description="Túi quà",
                count=rng.randint(1, 20),
                unit_value=500_000,
                given_on=dt.date(2022, 1, 20),
                source="quy-cong-doan",
            )
    # Outside the period: counted in 2021, not in 2022.
    factories.case(tree.a, admin_user, decided_on=dt.date(2021, 12, 31))
    return units


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_parent_total_is_the_sum_of_its_children(tree, admin_user, seed):
    _grow(tree, admin_user, seed)
    rows = selectors.totals_rows(actor=admin_user, unit=tree.root, period=YEAR)
    by_path = {r.unit.path: r for r in rows}
    for row in rows:
        children = [
            r for r in rows if r.unit.path.startswith(row.unit.path) and r.unit.depth == row.unit.depth + 1
        ]
        for name in ("cases", "people", "gifts", "amount"):
            below = sum(getattr(c.total, name) for c in children)
            assert getattr(row.total, name) == getattr(row.own, name) + below, (row.unit.name, name)
    top = by_path[rows[0].unit.path].total
    cases = SupportCase.objects.filter(decided_on__year=2022)
    items = GiftItem.objects.filter(given_on__year=2022)
    assert top.cases == cases.count()
    assert top.amount == sum(c.amount for c in cases) + sum(i.amount for i in items)
    assert top.gifts == sum(i.count for i in items)


def test_people_are_counted_once_per_unit(tree, officer_a):
    person = join(tree.a, actor=officer_a)
    factories.case(tree.a, officer_a, person=person)
    factories.case(tree.a, officer_a, person=person, kind=factories.kind("om-dau"))
    factories.case(tree.a, officer_a, beneficiary_name="Hộ ông A")
    totals = figures.compute(
        actor=officer_a, unit_id=tree.a.pk, names=selectors.FIGURES, period=YEAR, as_of=YEAR.end
    )
    assert totals["welfare.cases"] == 3
    assert totals["welfare.people"] == 2
    assert totals["welfare.amount"] == 3_000_000


def test_the_figures_take_a_fixed_number_of_queries(tree, admin_user):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            selectors.totals_rows(actor=admin_user, unit=tree.root, period=YEAR)
        return len(ctx.captured_queries)

    factories.case(tree.a, admin_user)
    few = count()
    _grow(tree, admin_user, 7)
    assert count() == few
