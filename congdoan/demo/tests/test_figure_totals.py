"""A group's ``total`` (one aggregate over the subtree, ``core.figures.GroupTotal``) against the sum
of its per-unit rows, on a generated tree with a year of work (``generate_scale --work``)."""

import datetime as dt
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.core import figures
from congdoan.core.dates import today
from congdoan.core.figures import FigureQuery, Rollup
from congdoan.core.periods import Period
from congdoan.demo.tests.test_generate_work import AS_OF, YEAR, _generate
from congdoan.organizations.models import UnitVersion
from congdoan.organizations.tests.factories import superuser


@pytest.fixture
def world(db):
    return _generate("T", seed=5), superuser()


def _sums(key: str) -> frozenset[str]:
    return frozenset(f.name for f in figures.catalogue() if f.group == key and f.rule == Rollup.SUM)


def _subtrees(root) -> list[tuple[int, str]]:
    """The root, a province and a grassroots union: (unit id, path on AS_OF)."""
    versions = UnitVersion.objects.active(AS_OF).filter(path__startswith=root.latest_version.path)
    by_depth: dict[int, tuple[int, str]] = {}
    for v in versions.order_by("-path"):
        by_depth[v.depth] = (v.unit_id, v.path)
    return [by_depth[d] for d in sorted(by_depth)]


@pytest.mark.parametrize(
    ("period", "as_of"),
    [(YEAR, AS_OF), (Period.year(AS_OF.year), dt.date(AS_OF.year, 6, 30)), (YEAR, today())],
)
def test_every_groups_total_equals_its_rows_added(world, period, as_of):
    root, actor = world
    with_total = [key for key, group in figures.GROUPS.items() if group.total is not None]
    without = {key for key, group in figures.GROUPS.items() if group.total is None}
    assert without <= {"workforce"}, without  # an OWN_OR_SUM figure needs its rows
    assert len(with_total) >= 9
    checked = 0
    for unit_id, path in _subtrees(root):
        for key in with_total:
            names = _sums(key)
            query = FigureQuery(actor, unit_id, path, period, as_of, names)
            rows = figures.GROUPS[key].compute(query)
            added = figures.sum_rows(
                {uid: {n: v for n, v in own.items() if n in names} for uid, own in rows.items()}
            )
            total = figures.GROUPS[key].total(query)
            assert {n: total.get(n) or 0 for n in names} == {n: added.get(n, 0) for n in names}, (key, path)
            checked += sum(1 for n in names if added.get(n))
    assert checked > 30  # the generated year gives these figures values, not zeros


def test_compute_with_totals_equals_the_rolled_up_rows(world):
    root, actor = world
    names = [f.name for f in figures.catalogue()]
    for unit_id, _path in _subtrees(root):
        arguments = {"actor": actor, "unit_id": unit_id, "names": names, "period": YEAR, "as_of": AS_OF}
        fast = figures.compute(**arguments)
        assert fast == figures.rows(**arguments)[0].total
    assert fast.get("members.total") is not None


def test_totals_run_a_constant_number_of_queries_without_the_subtrees_paths(world, monkeypatch):
    root, actor = world
    sums = [f.name for f in figures.catalogue() if f.rule == Rollup.SUM]

    def no_paths(*_args):
        raise AssertionError("compute read every path of the subtree")

    monkeypatch.setattr(figures, "_tree", [replace(figures._tree[0], paths=no_paths)])
    figures.catalogue()  # the families' catalogues, read once before counting
    counts = []
    for unit_id, _path in _subtrees(root):
        with CaptureQueriesContext(connection) as captured:
            figures.compute(actor=actor, unit_id=unit_id, names=sums, period=YEAR, as_of=AS_OF)
        counts.append(len(captured))
    assert len(set(counts)) == 1, counts
    assert counts[0] <= 2 * len(figures.GROUPS) + 4, counts


def test_welfare_counts_a_person_once_per_unit_that_helped_them(world):
    from congdoan.welfare.models import SupportCase

    root, actor = world
    case = SupportCase.objects.filter(person__isnull=False, survey_gift__isnull=True).first()
    other = SupportCase.objects.exclude(unit_id=case.unit_id).values_list("unit_id", flat=True).first()
    names = ["welfare.people", "welfare.cases"]
    before = figures.compute(actor=actor, unit_id=root.pk, names=names, period=YEAR, as_of=AS_OF)
    for unit_id in (case.unit_id, other):  # the same person again at their unit, then at another
        SupportCase.objects.create(
            **{
                f.attname: getattr(case, f.attname)
                for f in SupportCase._meta.concrete_fields
                if not f.primary_key
            }
            | {"unit_id": unit_id, "created_at": case.created_at}
        )
    after = figures.compute(actor=actor, unit_id=root.pk, names=names, period=YEAR, as_of=AS_OF)
    assert after["welfare.cases"] == before["welfare.cases"] + 2
    assert after["welfare.people"] == before["welfare.people"] + 1
    assert after == {
        n: figures.rows(actor=actor, unit_id=root.pk, names=names, period=YEAR, as_of=AS_OF)[0].total[n]
        for n in names
    }
