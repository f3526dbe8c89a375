"""Subtree of a 10,000-unit tree: the indexed path query vs. walking parent links.

Baselines, measured in the same run:
- recursive Python walk: one children query per unit (what a naive ORM tree does);
- recursive CTE: PostgreSQL walking parent links itself (the best a parent-link design gets).
"""

import datetime as dt

from django.db import connection

from congdoan.accounts.models import User
from congdoan.organizations.models import Unit, UnitVersion, active_on
from congdoan.organizations.selectors import unit_subtree


def _walk(unit_id: int, on: dt.date) -> list[int]:
    found = []
    for child in UnitVersion.objects.filter(active_on(on), parent_id=unit_id).values_list(
        "unit_id", flat=True
    ):
        found.append(child)
        found.extend(_walk(child, on))
    return found


CTE = """
WITH RECURSIVE sub(unit_id) AS (
    SELECT %(root)s::bigint
    UNION ALL
    SELECT v.unit_id FROM organizations_unitversion v JOIN sub ON v.parent_id = sub.unit_id
    WHERE v.valid_from <= %(on)s AND (v.valid_to IS NULL OR v.valid_to > %(on)s)
)
SELECT unit_id FROM sub
"""


def _cte(root: int, on: dt.date) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(CTE, {"root": root, "on": on})
        return [r[0] for r in cursor.fetchall()]


def _case(timed, repeat: int, unit: Unit, actor: User, on: dt.date) -> dict:
    path = unit.version_on(on).path
    size = UnitVersion.objects.active(on).filter(path__startswith=path).count()
    indexed = timed(
        lambda: list(
            UnitVersion.objects.active(on).filter(path__startswith=path).values_list("unit_id", flat=True)
        ),
        repeat,
    )
    selector = timed(lambda: list(unit_subtree(actor=actor, unit=unit, as_of=on)), repeat)
    walk = timed(lambda: _walk(unit.pk, on), max(3, repeat // 10))
    case = {
        "units_in_subtree": size,
        "indexed_path_query": indexed,
        "selector_with_policy": selector,
        "recursive_python_walk": walk,
        "ratio_walk_over_indexed": round(walk["p50_ms"] / indexed["p50_ms"], 1),
        "ratio_walk_over_selector": round(walk["p50_ms"] / selector["p50_ms"], 1),
    }
    if connection.vendor == "postgresql":
        cte = timed(lambda: _cte(unit.pk, on), repeat)
        case["recursive_cte"] = cte
        case["ratio_cte_over_indexed"] = round(cte["p50_ms"] / indexed["p50_ms"], 2)
    return case


def run(timed, repeat: int) -> dict:
    on = dt.date.today()
    actor = User.objects.filter(username="bench").first() or User.objects.create(
        username="bench", is_superuser=True, is_staff=True
    )
    root = Unit.objects.get(code="BENCH")
    province = Unit.objects.get(
        pk=UnitVersion.objects.active(on)
        .filter(parent=root)
        .order_by("path")
        .values_list("unit_id", flat=True)[0]
    )
    return {
        "whole_tree": _case(timed, repeat, root, actor, on),
        "one_province": _case(timed, repeat, province, actor, on),
    }
