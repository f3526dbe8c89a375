"""Hooks other modules register into the emulation module (it imports none of them).

Discipline sources: the hard condition "a unit with a disciplinary case in the year cannot get the
top grade" (issue 11 §6, the VGCL's rating guidance) reads, besides what the union and its superior
declare, the disciplines another module records (the awards module's ``Discipline``). A source is
``fn(unit_ids: list[int], year: int) -> dict[int, str]``: for each unit with a case in force at some
time in ``year`` (of the unit itself, or of one of its members), a short description of the record
(e.g. "Cảnh cáo — Nguyễn Văn A (QĐ 12/QĐ-CĐ)"); units without one are left out. One query per call,
whatever the number of units.
"""

from collections.abc import Callable

DisciplineSource = Callable[[list[int], int], dict[int, str]]

_discipline_sources: dict[str, DisciplineSource] = {}


def register_discipline_source(name: str, fn: DisciplineSource) -> None:
    """Register ``fn`` under ``name`` (shown as where the flag came from); registering a name again
    replaces it (a reloaded module)."""
    _discipline_sources[name] = fn


def discipline_sources() -> dict[str, DisciplineSource]:
    return dict(_discipline_sources)


def recorded_disciplines(unit_ids: list[int], year: int) -> dict[int, str]:
    """``{unit id: "source: description; ..."}`` for the units some registered source reports a
    disciplinary case of in ``year`` (one call per source)."""
    found: dict[int, list[str]] = {}
    for name, fn in _discipline_sources.items():
        for unit_id, text in (fn(list(unit_ids), year) or {}).items():
            found.setdefault(unit_id, []).append(f"{name}: {text}")
    return {u: "; ".join(texts) for u, texts in found.items()}
