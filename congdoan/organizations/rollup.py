"""Figures summed up the tree: ``congdoan.core.rollup`` (here under its earlier name)."""

from congdoan.core.rollup import RollupRow, UnitNode, add_all, nearest_ancestor, roll_up

__all__ = ["RollupRow", "UnitNode", "add_all", "nearest_ancestor", "roll_up"]
