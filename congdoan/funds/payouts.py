"""What a fund drive paid for: records of other modules that name the drive as the source of their
money (a welfare support case paid from "Vì người nghèo"). The modules above ``funds`` in the dependency
order register a reader here (``register``) from their ``plugin.py``, so ``funds`` shows them on the drive's
page without importing them. The money paid out is shown beside the contributions, never added to them:
a drive's totals are what it raised (issue 13, "Fund drives")."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Payout:
    """One record paid from a drive, as the drive's page lists it."""

    day: dt.date
    unit_name: str
    label: str
    amount: int
    url: str


Reader = Callable[..., list[Payout]]  # reader(*, actor, drive) -> the records the actor sees
_readers: list[Reader] = []


def register(reader: Reader) -> None:
    if reader not in _readers:
        _readers.append(reader)


def payouts_of(*, actor, drive) -> list[Payout]:
    """The records paid from ``drive`` that the actor sees (each module's own rule), latest first."""
    found = [p for reader in _readers for p in reader(actor=actor, drive=drive)]
    return sorted(found, key=lambda p: p.day, reverse=True)
