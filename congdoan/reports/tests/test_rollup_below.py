"""The totals read without rolling up every unit (``core.figures.compute`` and ``below``, which add
the groups' own values by path) equal the full roll-up of ``core.figures.rows`` (``core.rollup``),
for the root of a generated tree and for subtrees at each level, today and on last year's 31/12:
every registered figure, the additive ones, the ones a unit's own value stands for (the workforce,
recorded at several levels of one branch) and the computed rate (issue 15 §6)."""

import datetime as dt
import random

import pytest

from congdoan.core import figures
from congdoan.core.dates import today
from congdoan.core.periods import Period
from congdoan.demo.scale import generate_scale
from congdoan.members import services as member_services
from congdoan.members.models import Membership
from congdoan.members.workforce import workforce_record
from congdoan.organizations.models import Unit, UnitVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(admin_user):
    tree = generate_scale(units=160, members=2500, prefix="RB")
    rng = random.Random(15)
    now = today()
    last_year = dt.date(now.year - 1, 1, 1)
    versions = list(
        UnitVersion.objects.active(now).filter(path__startswith=_path(tree.root_id)).order_by("path")
    )
    # the workforce of a province, of a unit below it and of a grassroots union below that one, and
    # of grassroots unions elsewhere: a unit's own figure stands for its subtree, nested or not
    province = next(v for v in versions if v.depth == 1)
    inside = [v for v in versions if v.path.startswith(province.path) and v.depth > 1]
    held = [province, *inside[:2], *rng.sample([v for v in versions if v.depth == 3], 5)]
    for n, version in enumerate(held):
        workforce_record(actor=admin_user, unit=version.unit, on=last_year, total=100 + 17 * n)
    subtree = [v.unit_id for v in versions if v.path.startswith(province.path)]
    open_periods = Membership.objects.filter(
        unit_id__in=subtree, valid_to__isnull=True, valid_from__lt=now - dt.timedelta(days=10)
    ).select_related("person")
    for period in rng.sample(list(open_periods), 20):
        on = period.valid_from + dt.timedelta(days=rng.randint(1, (now - period.valid_from).days - 1))
        member_services.member_leave(actor=admin_user, person=period.person, on=on)
    return tree, versions, [province.unit_id, inside[0].unit_id, inside[1].unit_id]


def _path(unit_id: int) -> str:
    return UnitVersion.objects.active(today()).get(unit_id=unit_id).path


def test_totals_and_the_units_below_equal_the_full_roll_up(generated, admin_user):
    tree, versions, nested = generated
    names = [f.name for f in figures.catalogue()]
    kinds = {f.rule for f in figures.catalogue()}
    assert kinds == {figures.Rollup.SUM, figures.Rollup.OWN_OR_SUM, figures.Rollup.COMPUTED}
    units = [tree.root_id, *nested, next(v.unit_id for v in reversed(versions) if v.depth == 2)]
    now = today()
    checked = 0
    for period, as_of in (
        (Period.year(now.year), now),
        (Period.year(now.year - 1), dt.date(now.year - 1, 12, 31)),
    ):
        for unit_id in units:
            ask = {"actor": admin_user, "unit_id": unit_id, "names": names, "period": period, "as_of": as_of}
            rows = figures.rows(**ask)
            assert figures.compute(**ask) == rows[0].total, (unit_id, as_of)
            below = figures.below(**ask)
            assert [(n.id, n.name, t) for n, t in below] == [
                (r.unit.id, r.unit.name, r.total) for r in rows if r.indent == 1
            ], (unit_id, as_of)
            checked += len(below)
    assert checked > 20
    root = figures.compute(
        actor=admin_user, unit_id=tree.root_id, names=names, period=Period.year(now.year), as_of=now
    )
    assert root["members.total"] > 2000 and root["workforce.total"] and root["members.left"] >= 1
    assert Unit.objects.filter(pk=tree.root_id).exists()
