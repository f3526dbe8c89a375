import dataclasses

import pytest

from congdoan.core.rollup import RollupRow, UnitNode, nearest_ancestor, roll_up


def node(uid: int, *parents: int) -> UnitNode:
    path = "".join(f"{i:010d}/" for i in (*parents, uid))
    return UnitNode(uid, f"Đơn vị {uid}", "CĐCS", path, len(parents))


def test_totals_add_up_the_tree_in_tree_order():
    # 1 ─┬─ 2 ── 4
    #    └─ 3
    items = [(node(3, 1), 5), (node(4, 1, 2), 7), (node(1), 1), (node(2, 1), 2)]
    rows = roll_up(items)
    assert [(r.unit.id, r.indent, r.own, r.total) for r in rows] == [
        (1, 0, 1, 15),
        (2, 1, 2, 9),
        (4, 2, 7, 7),
        (3, 1, 5, 5),
    ]
    assert all(isinstance(r, RollupRow) for r in rows)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].total = 0


def test_a_gap_in_the_reach_adds_to_the_nearest_ancestor_shown():
    rows = roll_up([(node(1), 1), (node(4, 1, 2), 7)])  # unit 2 is out of sight
    assert [(r.unit.id, r.total) for r in rows] == [(1, 8), (4, 7)]
    assert nearest_ancestor(node(4, 1, 2).path, {node(1).path}) == node(1).path


def test_a_rule_of_its_own():
    rows = roll_up([(node(1), 10), (node(2, 1), 3)], combine=lambda own, below: max([own, *below]))
    assert [r.total for r in rows] == [10, 3]
    assert roll_up([]) == []
