"""Figures summed up the tree: each unit's own figures and those of its whole subtree.

Every report of the system is one: members per unit, awards per unit, money raised per unit. A
module gives each unit's own figures (``Counts``: any frozen value that adds up with ``+``) and
``roll_up`` returns one frozen ``RollupRow`` per unit, in tree order, with ``own`` and ``total``
(the unit and every unit below it among the rows given). Nothing is changed in place: the same rows
serve the page, the xlsx, the docx and the API.

A unit's parent is the nearest of its ancestors among the rows (by the materialised path: the
ancestors' ids, each followed by "/"), so a subtree cut by the actor's reach still adds up to what
the actor may see. Core knows no tree: the organisations app gives the nodes.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

C = TypeVar("C")


@dataclass(frozen=True)
class UnitNode:
    """Where a unit stands in the tree on the date of the figures."""

    id: int
    name: str
    kind: str
    path: str
    depth: int


@dataclass(frozen=True)
class RollupRow(Generic[C]):
    """One unit (``unit.id``, ``unit.name``…): ``own`` figures, ``total`` of its subtree, ``indent``
    below the top row (0 for it)."""

    unit: UnitNode
    indent: int
    own: C
    total: C


def add_all(own: C, below: Sequence[C]) -> C:
    """The usual rule: a subtree's figures are the unit's own plus its sub-units' totals."""
    total = own
    for t in below:
        total = total + t
    return total


def roll_up(
    items: Iterable[tuple[UnitNode, C]], combine: Callable[[C, Sequence[C]], C] = add_all
) -> list[RollupRow[C]]:
    """Rows in tree (path) order; ``combine(own, totals of the nearest sub-units)`` gives a total."""
    items = sorted(items, key=lambda item: item[0].path)
    paths = {node.path for node, _ in items}
    below: dict[str, list[C]] = {}  # only the units with sub-units get a list (10,000 lists were slow)
    totals: dict[str, C] = {}
    for node, own in sorted(items, key=lambda item: item[0].depth, reverse=True):  # children first
        totals[node.path] = combine(own, below.pop(node.path, ()))
        parent = nearest_ancestor(node.path, paths)
        if parent is not None:
            below.setdefault(parent, []).append(totals[node.path])
    top = min((node.depth for node, _ in items), default=0)
    return [RollupRow(node, node.depth - top, own, totals[node.path]) for node, own in items]


def nearest_ancestor(path: str, paths: set[str] | dict[str, object]) -> str | None:
    """The longest proper prefix of ``path`` ending at a "/" among ``paths`` (a unit's parent among
    the rows)."""
    end = path.rfind("/", 0, len(path) - 1)
    while end > 0:
        if path[: end + 1] in paths:
            return path[: end + 1]
        end = path.rfind("/", 0, end)
    return None
