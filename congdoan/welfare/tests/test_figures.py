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


# -- the split by kind of support and by kind of programme (families of core.figures) -----------------

SPLIT = (selectors.BY_KIND, selectors.BY_PROGRAMME)


def _grow_kinds(tree, admin_user, seed: int) -> list:
    """Cases and gifts of several kinds, in programmes of two kinds, on a generated tree."""
    rng = random.Random(seed)
    units = [tree.cdvc, tree.a, tree.b]
    for n in range(rng.randint(2, 3)):
        units.append(make_unit(f"KIND{seed}_{n}", f"Công đoàn cơ sở loại {seed}-{n}", tree.cdvc))
    for unit in units:
        programmes = [
            factories.programme(unit, admin_user, title=f"{code} {unit.code}", code=code)
            for code in ("tet", "27-7")
        ]
        for _ in range(rng.randint(0, 5)):
            grassroots = unit is not tree.cdvc
            person = join(unit, actor=admin_user) if grassroots and rng.random() < 0.7 else None
            factories.case(
                unit,
                admin_user,
                person=person,
                beneficiary_name="" if person else f"Hộ {rng.randint(1, 2)}",
                kind=factories.kind(rng.choice(["om-dau", "kho-khan", "qua-chinh-sach"])),
                amount=rng.randint(1, 30) * 100_000,
                decided_on=dt.date(2022, 1, rng.randint(10, 31)),
                programme=rng.choice([*programmes, None]),
            )
        for _ in range(rng.randint(0, 2)):
            services.gift_item_add(
                actor=admin_user,
                programme=rng.choice(programmes),
                kind=factories.kind(rng.choice(["qua-tet", "khac"])),
                description="Quà",
                count=rng.randint(1, 9),
                unit_value=rng.randint(1, 9) * 100_000,
                given_on=dt.date(2022, 1, 20),
                source="quy-cong-doan",
            )
    factories.case(tree.a, admin_user, decided_on=dt.date(2021, 12, 31))  # another year
    return units


def _expected(units) -> dict[str, int]:
    """The split figures of the units' subtree worked out from the records, one unit at a time."""
    out: dict[str, int] = {}

    def add(name, value):
        out[name] = out.get(name, 0) + value

    for unit in units:
        cases = SupportCase.objects.filter(unit=unit, decided_on__year=2022).select_related(
            "kind", "programme__kind"
        )
        by_kind, by_programme = {}, {}
        for c in cases:
            who = ("p", c.person_id) if c.person_id else ("n", c.beneficiary_name)
            by_kind.setdefault(c.kind.code, set()).add(who)
            add(f"welfare.by_kind.{c.kind.code}.count", 1)
            add(f"welfare.by_kind.{c.kind.code}.amount", c.amount)
            if c.programme_id:
                code = c.programme.kind.code
                by_programme.setdefault(code, set()).add(who)
                add(f"welfare.by_programme.{code}.amount", c.amount)
        for code, people in by_kind.items():
            add(f"welfare.by_kind.{code}.people", len(people))
        for code, people in by_programme.items():
            add(f"welfare.by_programme.{code}.people", len(people))
        items = GiftItem.objects.filter(programme__unit=unit, given_on__year=2022).select_related(
            "kind", "programme__kind"
        )
        for i in items:
            add(f"welfare.by_kind.{i.kind.code}.count", i.count)
            add(f"welfare.by_kind.{i.kind.code}.amount", i.amount)
            add(f"welfare.by_programme.{i.programme.kind.code}.gifts", i.count)
            add(f"welfare.by_programme.{i.programme.kind.code}.amount", i.amount)
    return out


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_the_split_figures_equal_the_records_and_add_up_the_tree(tree, admin_user, seed):
    units = _grow_kinds(tree, admin_user, seed)
    names = [f.name for f in figures.catalogue() if f.name.startswith(SPLIT)]
    assert "welfare.by_kind.kho-khan.people" in names and "welfare.by_programme.27-7.gifts" in names
    rows = figures.rows(actor=admin_user, unit_id=tree.root.pk, names=names, period=YEAR, as_of=YEAR.end)
    for row in rows:
        children = [
            r for r in rows if r.unit.path.startswith(row.unit.path) and r.unit.depth == row.unit.depth + 1
        ]
        for name in names:
            assert row.total[name] == row.own[name] + sum(c.total[name] for c in children), (row.unit, name)
    expected = _expected(units)
    assert any(expected.values())
    assert {n: v for n, v in rows[0].total.items() if v} == expected
    computed = figures.compute(
        actor=admin_user, unit_id=tree.root.pk, names=names, period=YEAR, as_of=YEAR.end
    )
    assert computed == rows[0].total
    # Each split adds up to the unit's totals: cases and gifts by kind, money by kind and by programme.
    totals = figures.compute(
        actor=admin_user, unit_id=tree.root.pk, names=selectors.FIGURES, period=YEAR, as_of=YEAR.end
    )
    by_kind = [n for n in names if n.startswith(selectors.BY_KIND)]
    assert sum(computed[n] for n in by_kind if n.endswith(".amount")) == totals["welfare.amount"]
    assert (
        sum(computed[n] for n in by_kind if n.endswith(".count"))
        == totals["welfare.cases"] + totals["welfare.gifts"]
    )


def test_a_kind_added_later_has_its_figures(tree, officer_a):
    from django.utils import translation

    from congdoan.welfare.models import ProgrammeKind

    assert "welfare.by_kind.hoc-bong.amount" not in {f.name for f in figures.catalogue()}
    SupportKind.objects.create(code="hoc-bong", name="Học bổng", name_en="Scholarship", order=200)
    ProgrammeKind.objects.create(
        code="khai-giang", name="Ngày khai giảng", name_en="School opening", order=200
    )
    names = [f.name for f in figures.catalogue()]
    assert {
        "welfare.by_kind.hoc-bong.people",
        "welfare.by_kind.hoc-bong.count",
        "welfare.by_kind.hoc-bong.amount",
    } <= set(names)
    assert "welfare.by_programme.khai-giang.gifts" in names
    label = figures.get("welfare.by_kind.hoc-bong.amount").label
    with translation.override("vi"):
        assert str(label) == "Học bổng: số tiền"
    with translation.override("en"):
        assert str(label) == "Scholarship: amount"
    programme = factories.programme(tree.a, officer_a, code="khai-giang", title="Khai giảng 2022")
    factories.case(tree.a, officer_a, kind=factories.kind("hoc-bong"), amount=2_000_000, programme=programme)
    values = figures.compute(
        actor=officer_a,
        unit_id=tree.a.pk,
        names=[
            "welfare.by_kind.hoc-bong.amount",
            "welfare.by_kind.hoc-bong.people",
            "welfare.by_programme.khai-giang.amount",
        ],
        period=YEAR,
        as_of=YEAR.end,
    )
    assert values == {
        "welfare.by_kind.hoc-bong.amount": 2_000_000,
        "welfare.by_kind.hoc-bong.people": 1,
        "welfare.by_programme.khai-giang.amount": 2_000_000,
    }
    with pytest.raises(figures.UnknownFigure):
        figures.get("welfare.by_kind.khong-co.amount")


def test_the_split_takes_a_fixed_number_of_queries(tree, admin_user):
    def count() -> int:
        names = [f.name for f in figures.catalogue() if f.name.startswith(SPLIT)]
        with CaptureQueriesContext(connection) as ctx:
            figures.rows(actor=admin_user, unit_id=tree.root.pk, names=names, period=YEAR, as_of=YEAR.end)
        return len(ctx.captured_queries)

    factories.case(tree.a, admin_user)
    few = count()
    _grow_kinds(tree, admin_user, 8)
    assert count() == few
