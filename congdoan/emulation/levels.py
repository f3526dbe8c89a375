"""Ranking within a level (issue 11 §5: "the system ranks units within a block and within a level").

A level (CĐVC Việt Nam) forms several blocks, and a unit may belong to two of them in one year (its
membership moved mid-year, or two blocks' periods overlap): each block scores it on the level's
sheet. Within the level the unit is one contender, so it is one row that names each of its blocks
with the block's total; its level total is the mean of those totals (one decimal, half up), so
belonging to two blocks neither helps nor hurts it. Its bonus and penalty points are the means of
its blocks' too. Ranking rule as within a block (``ranks``: total, then fewer penalty points, then
more bonus points; still equal: a shared rank, listed by name). Only decided results are ranked; a
unit that failed a mandatory criterion in any of its blocks (``veto``) gets no rank and comes last.

One query per list (the results of the level's blocks for the year, names as subqueries); the
grouping and ranking happen on those rows. The caller resolves ``unit`` through its selector.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F

from congdoan.organizations.models import Unit

from . import ranks
from .models import ScoreResult
from .selectors import unit_name

ONE_DECIMAL = Decimal("0.1")


@dataclass
class LevelBlock:
    """One block's result of a unit in the level's ranking."""

    block_id: int
    block_name: str
    result_id: int
    total: Decimal
    bonus: Decimal = Decimal(0)
    penalty: Decimal = Decimal(0)
    veto: str = ""


@dataclass
class LevelRow:
    """One unit of the level's ranking: its rank, its level total and the blocks that scored it."""

    unit_id: int
    unit_name: str
    total: Decimal = Decimal(0)
    bonus: Decimal = Decimal(0)
    penalty: Decimal = Decimal(0)
    rank: int = 0  # 0 when vetoed
    blocks: list[LevelBlock] = field(default_factory=list)

    @property
    def veto(self) -> str:
        """The mandatory criteria failed, in any of the unit's blocks."""
        return "; ".join(b.veto for b in self.blocks if b.veto)

    @property
    def vetoed(self) -> bool:
        return bool(self.veto)

    @property
    def block_names(self) -> str:
        return "; ".join(b.block_name for b in self.blocks)


def level_ranking(unit: Unit, year: int) -> list[LevelRow]:
    """Every unit scored for ``year`` in a block formed by ``unit``, once, ranked (module rule)."""
    results = (
        ScoreResult.objects.filter(block__unit=unit, year=year, state=ScoreResult.State.DECIDED)
        .annotate(unit_name=unit_name(), block_name=F("block__name"))
        .order_by("unit_id", "block__name", "block_id")
        .values_list(
            "unit_id", "unit_name", "block_id", "block_name", "id", "total", "bonus", "penalty", "veto"
        )
    )
    rows: dict[int, LevelRow] = {}
    for unit_id, name, block_id, block_name, result_id, total, bonus, penalty, veto in results:
        row = rows.setdefault(unit_id, LevelRow(unit_id=unit_id, unit_name=name or ""))
        row.blocks.append(LevelBlock(block_id, block_name, result_id, total, bonus, penalty, veto))
    for row in rows.values():
        row.total, row.bonus, row.penalty = (
            _mean([getattr(b, name) for b in row.blocks]) for name in ("total", "bonus", "penalty")
        )
    return ranks.ranked(rows.values())


def _mean(values: list[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
