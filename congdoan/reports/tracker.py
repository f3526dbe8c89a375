"""Reads of the filing tracker (issue 15 §5, "enter once, report many"): for a year, which grassroots
unions of a superior's subtree have recorded each part of their year, and which have not.

- The units are the registry's: every grassroots union (CĐCS, a kind marked ``is_grassroots``) of the
  subtree on the scope's "as of" date (``organizations.selectors.grassroots_units``), whether or not it
  has a record; the units above them and the sections inside them (công đoàn bộ phận, tổ) are not
  listed. So the count of units equals ``units.grassroots`` (Hà Nội 2022: 58).
- A part (``definitions.FILING_PARTS``) is read from the figures registry: filed when the unit's own
  value of its figure is above the part's threshold; owed by every listed unit, or only by those the
  part's ``owed_by`` figure names (a conference where the unit has a duty of its kind). A part whose
  figures the actor may not read is left out.
- Per part, the units that owe it and those that filed it ("57/58"), and per unit and part whether
  it was already reminded for the year (``models.FilingReminder``).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from congdoan.organizations.models import RoleAssignment
from congdoan.organizations.selectors import grassroots_units

from . import definitions
from .models import FilingReminder
from .selectors import Scope, figure_rows


@dataclass(frozen=True)
class FilingRow:
    unit_id: int
    name: str
    indent: int
    filed: tuple[bool | None, ...]  # per part: True filed, False not yet, None not owed by the unit
    reminded: tuple[bool, ...]  # per part: the unit was already reminded of it for the year

    @property
    def behind(self) -> bool:
        return False in self.filed

    @property
    def cells(self) -> list[tuple[bool | None, bool]]:
        """(filed, reminded) per part, for the page."""
        return list(zip(self.filed, self.reminded, strict=True))


@dataclass(frozen=True)
class PartCount:
    """Of the listed units, ``owed`` owe the part and ``filed`` of them recorded it."""

    part: definitions.FilingPart
    owed: int
    filed: int


@dataclass(frozen=True)
class Filing:
    scope: Scope
    parts: tuple[definitions.FilingPart, ...]
    rows: tuple[FilingRow, ...]
    counts: tuple[PartCount, ...]

    @property
    def behind(self) -> list[FilingRow]:
        return [r for r in self.rows if r.behind]


def filing(*, actor, scope: Scope) -> Filing:
    """The tracker of ``scope``'s subtree for the year of its period (see the module's docstring).
    Four queries for the figures' groups and two more, whatever the number of units."""
    parts = definitions.filing_parts()
    names = list(dict.fromkeys(n for p in parts for n in p.names()))
    rolled = figure_rows(actor=actor, scope=scope, names=names) if parts else []
    readable = set(rolled[0].own) if rolled else set()
    parts = [p for p in parts if all(n in readable for n in p.names())]
    if not parts:
        return Filing(scope, (), (), ())
    listed = set(grassroots_units(scope.path, scope.as_of))
    reminded = set(
        FilingReminder.objects.filter(
            unit_id__in=grassroots_units(scope.path, scope.as_of), year=scope.period.start.year
        ).values_list("unit_id", "part")
    )
    rows = []
    for r in rolled:
        if r.unit.id not in listed:
            continue
        filed = tuple(
            (r.own.get(p.name) or 0) > p.threshold
            if not p.owed_by or (r.own.get(p.owed_by) or 0) > 0
            else None
            for p in parts
        )
        told = tuple((r.unit.id, p.code) in reminded for p in parts)
        rows.append(FilingRow(r.unit.id, r.unit.name, r.indent, filed, told))
    counts = tuple(
        PartCount(
            p,
            sum(1 for r in rows if r.filed[i] is not None),
            sum(1 for r in rows if r.filed[i]),
        )
        for i, p in enumerate(parts)
    )
    return Filing(scope, tuple(parts), tuple(rows), counts)


def reminder_addresses(unit_ids: Iterable[int], on: dt.date) -> dict[int, list[str]]:
    """The e-mail addresses of the active accounts holding a role on each unit on ``on``."""
    found: dict[int, list[str]] = {}
    grants = (
        RoleAssignment.objects.active(on)
        .filter(unit_id__in=list(unit_ids), user__is_active=True)
        .exclude(user__email="")
        .values_list("unit_id", "user__email")
        .order_by("unit_id", "user__email")
    )
    for unit_id, email in grants:
        found.setdefault(unit_id, [])
        if email not in found[unit_id]:
            found[unit_id].append(email)
    return found
