"""``generate_scale --work``: a year of work on a generated tree that every figure reads."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from congdoan.core import figures
from congdoan.core.figures import Rollup
from congdoan.core.periods import Period
from congdoan.demo.scale import UNION_SIZE, with_one_union
from congdoan.demo.scale_work import WORK_YEAR, generate_work
from congdoan.organizations.models import Unit
from congdoan.organizations.tests.factories import superuser

YEAR = Period.year(WORK_YEAR)
AS_OF = dt.date(WORK_YEAR, 12, 31)


def _generate(prefix: str, seed: int = 3) -> Unit:
    out = io.StringIO()
    call_command(
        "generate_scale", units=30, members=300, prefix=prefix, seed=seed, work=True, force=True, stdout=out
    )
    assert str(WORK_YEAR) in out.getvalue()
    return Unit.objects.get(code=prefix)


def _figures(actor, unit_id: int, names: list[str]) -> dict:
    return figures.compute(actor=actor, unit_id=unit_id, names=names, period=YEAR, as_of=AS_OF)


@pytest.fixture
def world(db):
    return _generate("W"), superuser()


def test_every_registered_group_gives_nonzero_figures_for_the_root(world):
    root, actor = world
    names = [f.name for f in figures.catalogue()]
    values = _figures(actor, root.pk, names)
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name.split(".")[0], []).append(name)
    for group, members in groups.items():
        assert any(values.get(n) for n in members), group
    for name in (
        "members.total", "members.female", "workforce.total", "members.rate_percent", "units.grassroots",
        "conferences.cbccvc.held", "conferences.cbccvc.expected", "conferences.workers.held",
        "conferences.workers.expected", "dialogues.held", "dialogues.expected", "initiatives.registered",
        "initiatives.recognised", "initiatives.target", "initiatives.percent", "welfare.cases", "welfare.people",
        "welfare.amount", "welfare.gifts", "funds.amount", "awards.collective", "awards.individual",
        "ratings.total", "ratings.excellent", "emulation.registrations", "emulation.registrations_accepted",
    ):  # fmt: skip
        assert values.get(name), name
    for form in ("giay-khen", "bk-ldld", "bk-tld", "lao-dong-tien-tien", "tap-the-lao-dong-tien-tien"):
        assert values[f"awards.by_form.{form}.collective"] or values[f"awards.by_form.{form}.individual"], (
            form
        )
    assert values["members.rate_percent"] <= 100
    assert values["conferences.cbccvc.held"] <= values["conferences.cbccvc.expected"]
    assert values["initiatives.recognised"] <= values["initiatives.registered"]


def test_a_parent_adds_up_its_children(world):
    root, actor = world
    additive = [f.name for f in figures.catalogue() if f.rule == Rollup.SUM]
    total = _figures(actor, root.pk, additive)
    # The root's own rows (none here) plus each child's subtree; then one level further down.
    children = figures.below(actor=actor, unit_id=root.pk, names=additive, period=YEAR, as_of=AS_OF)
    assert children
    for name in additive:
        assert total[name] == sum(values[name] or 0 for _node, values in children), name
    node, values = children[0]  # a province: its own programme's gifts besides its units' figures
    grandchildren = figures.below(actor=actor, unit_id=node.id, names=additive, period=YEAR, as_of=AS_OF)
    own = figures.rows(actor=actor, unit_id=node.id, names=additive, period=YEAR, as_of=AS_OF)[0].own
    assert own["welfare.gifts"]
    for name in additive:
        assert values[name] == (own[name] or 0) + sum(v[name] or 0 for _n, v in grandchildren), name


def _snapshot(actor, root: Unit) -> dict:
    values = _figures(actor, root.pk, [f.name for f in figures.catalogue()])
    # The work only: the registers of two prefixes in one database differ (ID numbers are unique
    # across them, so the second draws again), and so do the figures read from them (the units
    # holding members, which the workforce's coverage counts).
    read_from_register = ("units.", "members.", "workforce.units_", "workforce.missing_units")
    return {k: v for k, v in values.items() if not k.startswith(read_from_register)}


def test_same_seed_same_work(db):
    actor = superuser()
    first, second, other = _generate("A", seed=5), _generate("B", seed=5), _generate("C", seed=6)
    assert _snapshot(actor, first) == _snapshot(actor, second)
    assert _snapshot(actor, first) != _snapshot(actor, other)


def test_generate_work_reports_what_it_wrote(db):
    from congdoan.demo.scale import generate_scale

    tree = generate_scale(units=12, members=40, prefix="R")
    written = generate_work(root_id=tree.root_id, seed=2)
    assert (
        written["awards.Award"] > 0 and written["emulation.Rating"] > 0 and written["meetings.Conference"] > 0
    )


def test_one_union_holds_exactly_58_cdcs():
    counts = with_one_union([3, 90, 10, 1, 40])
    assert counts[0] == UNION_SIZE and sum(counts) == 144 and min(counts) >= 1
    assert with_one_union([200, 1, 1])[0] == UNION_SIZE
    assert with_one_union([3, 4]) == [3, 4]  # too small a tree: unchanged
