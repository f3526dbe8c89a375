import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from congdoan.core.text import fold
from congdoan.demo.scale import ScalePlan, generate_scale
from congdoan.organizations.models import Unit, UnitVersion, path_segment
from congdoan.organizations.selectors import unit_subtree
from congdoan.organizations.tests.factories import superuser


def generated(prefix: str) -> list[UnitVersion]:
    return list(
        UnitVersion.objects.filter(unit__code=prefix).select_related("kind")
        | UnitVersion.objects.filter(unit__code__startswith=f"{prefix}-").select_related("kind")
    )


def test_builds_the_counts_asked_with_consistent_paths(db):
    out = io.StringIO()
    call_command("generate_scale", units=300, prefix="T", force=True, stdout=out)
    assert "300" in out.getvalue()

    versions = generated("T")
    plan = ScalePlan.for_units(300)
    assert len(versions) == plan.total == 300
    kinds = Counter(v.kind.code for v in versions)
    assert kinds == {
        "tong-ldld": 1,
        "ldld-tinh": plan.provinces,
        "cd-cap-tren-co-so": plan.mids,
        "cdcs": plan.grassroots,
    }
    by_unit = {v.unit_id: v for v in versions}
    assert len(by_unit) == 300  # one version per unit
    for v in versions:
        assert v.path.endswith(path_segment(v.unit_id))
        assert v.name_folded == fold(v.name)
        if v.parent_id is None:
            assert (v.kind.code, v.depth, v.path) == ("tong-ldld", 0, path_segment(v.unit_id))
            continue
        parent = by_unit[v.parent_id]
        assert v.path == parent.path + path_segment(v.unit_id)
        assert v.depth == parent.depth + 1


def test_the_selectors_see_the_generated_tree(db):
    tree = generate_scale(units=120, prefix="S")
    root = Unit.objects.get(pk=tree.root_id)
    assert unit_subtree(actor=superuser(), unit=root).count() == 120
    assert len(tree.grassroots_ids) == tree.plan.grassroots


def test_same_seed_same_tree(db):
    generate_scale(units=200, prefix="A", seed=7)
    generate_scale(units=200, prefix="B", seed=7)
    names = [[v.name for v in sorted(generated(p), key=lambda v: v.unit_id)][1:] for p in ("A", "B")]
    assert names[0] == names[1]


def test_rows_are_written_in_bulk(db, django_assert_max_num_queries):
    # Batches are bounded by the database's parameter limit (SQLite: ~100 rows), not one per unit.
    with django_assert_max_num_queries(2500 // 20):
        generate_scale(units=2500, prefix="Q")


def test_an_existing_prefix_is_refused(db):
    generate_scale(units=50, prefix="R")
    with pytest.raises(CommandError, match="R"):
        call_command("generate_scale", units=50, prefix="r", force=True, stdout=io.StringIO())
    assert len(generated("R")) == 50


@pytest.mark.parametrize("prefix", ["", "1AB", "A-B", "ĐỒNG"])
def test_a_bad_prefix_is_refused(db, prefix):
    with pytest.raises(CommandError):
        call_command("generate_scale", units=50, prefix=prefix, force=True, stdout=io.StringIO())


@pytest.mark.parametrize(
    ("overrides", "options"),
    [
        ({"DEBUG": False}, {}),
        ({"DEBUG": True, "SETTINGS_MODULE": "config.settings.prod"}, {"force": True}),
    ],
    ids=["debug-off", "prod-settings"],
)
def test_refused_outside_development(db, overrides, options):
    with override_settings(**overrides), pytest.raises(CommandError):
        call_command("generate_scale", units=50, stdout=io.StringIO(), **options)
    assert not Unit.objects.exists()
