"""Synthetic members of the demo tree, created before the 2025 mergers so that the mergers carry them.

The register is drawn in bulk by the scale generator (direct writes without audit rows, as for any
generated history). The workforce figures and a few member events go through the audited services,
so that membership rates and member pages show a real history.
"""

import datetime as dt
import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from congdoan.accounts.models import User
from congdoan.core.dates import today
from congdoan.members.models import Person, Sex, Status
from congdoan.members.services import member_leave, member_rejoin, member_transfer
from congdoan.members.workforce import workforce_record
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import policy

from . import data
from .scale import PERIOD_COLUMNS, PERSON_COLUMNS, Drawn, Home, draw_members, insert_members, spread, trade_of

# Seed-003 units draw this many times the members they keep (see _trimmed): members who joined after
# SEED_003_ON or left before it do not count towards the rate on that date.
OVERDRAW = 1.5
SEX, CARD = PERSON_COLUMNS.index("sex"), PERSON_COLUMNS.index("card_number")
PERIOD_CARD, PERIOD_FROM, PERIOD_TO = (
    PERIOD_COLUMNS.index(c) for c in ("card_number", "valid_from", "valid_to")
)


@dataclass(frozen=True)
class _Plan:
    """One unit members are drawn into, and the workforce figure recorded for it."""

    code: str
    home: Home
    draw: int  # members drawn
    rate: float  # members / workforce on the recent date
    workforce: int | None = None  # seed 003: given on SEED_003_ON, and members trimmed to ``keep`` then
    keep: int = 0


def load_members(*, admin: User, units: dict[str, Unit]) -> int:
    """The register, the workforce figures and the member events; returns the number of members."""
    rng = random.Random(data.MEMBER_SEED)
    plans = _plans(units, rng)
    recent = today().replace(day=1)  # nobody drawn joins in the last 30 days: rates stay under 100% today
    drawn = draw_members([p.home for p in plans], [p.draw for p in plans], data.CARD_PREFIX, rng)
    rows: list[Drawn] = []
    per_plan: list[tuple[_Plan, list[Drawn]]] = []
    for plan in plans:  # the draw yields the rows unit by unit, in the order of the plans
        mine = list(itertools.islice(drawn, plan.draw))
        mine = _trimmed(mine, plan.keep, data.SEED_003_ON) if plan.workforce else mine
        per_plan.append((plan, mine))
        rows.extend(mine)
    for plan, _mine in per_plan:
        # A unit's own workforce stands for its subtree (``workforce.total`` is OWN_OR_SUM): a CĐCS's
        # counts the members of its tổ and bộ phận too, else its rate reads above 100 %.
        below = [
            row for other, theirs in per_plan if other.home.path.startswith(plan.home.path) for row in theirs
        ]
        _record_workforce(admin, units[plan.code], plan, below, recent)
    insert_members(_numbered(rows))
    _history(admin, units)
    return len(rows)


def member_units() -> Iterator[tuple[data.Node, int, bool]]:
    """(node, CCCD place code, under the seed-003 CĐVC) of every unit members belong to."""

    def walk(node: data.Node, place: int, seed_003: bool) -> Iterator[tuple[data.Node, int, bool]]:
        place = data.PLACE_CODES.get(node.code, place)
        seed_003 = seed_003 or node.code == data.SEED_003_CDVC
        if node.kind in data.MEMBERS_PER_UNIT:
            yield node, place, seed_003
        for child in node.children:
            yield from walk(child, place, seed_003)

    return walk(data.ROOT, data.HANOI_PLACE, False)


def _plans(units: dict[str, Unit], rng: random.Random) -> list[_Plan]:
    nodes = list(member_units())
    ids = [units[node.code].pk for node, _place, _seed in nodes]
    paths = dict(UnitVersion.objects.active(today()).filter(unit_id__in=ids).values_list("unit_id", "path"))
    seed_003 = [node.code for node, _place, in_seed in nodes if in_seed]
    workforce = dict(zip(seed_003, spread(data.SEED_003_WORKFORCE, len(seed_003), rng), strict=True))
    plans = []
    for node, place, _in_seed in nodes:
        unit_id = units[node.code].pk
        home = Home(unit_id, paths[unit_id], place, trade_of(node.name))
        rate = rng.uniform(*data.MEMBERSHIP_RATE)
        if node.code in workforce:
            keep = round(workforce[node.code] * rng.uniform(*data.SEED_003_RATE))
            plans.append(_Plan(node.code, home, math.ceil(keep * OVERDRAW), rate, workforce[node.code], keep))
        else:
            provincial = node.kind == "cdcs" and place != data.HANOI_PLACE
            sizes = data.MEMBERS_PER_PROVINCIAL_CDCS if provincial else data.MEMBERS_PER_UNIT[node.kind]
            plans.append(_Plan(node.code, home, rng.randint(*sizes), rate))
    return plans


def _member_on(row: Drawn, on: dt.date) -> bool:
    period = row[1]
    return period[PERIOD_FROM] <= on and (period[PERIOD_TO] is None or on < period[PERIOD_TO])


def _trimmed(rows: list[Drawn], keep: int, on: dt.date) -> list[Drawn]:
    """The first rows holding ``keep`` members on ``on``, with the non-members drawn among them."""
    kept, members = [], 0
    for row in rows:
        if members == keep:
            break
        kept.append(row)
        members += _member_on(row, on)
    return kept


def _record_workforce(admin: User, unit: Unit, plan: _Plan, rows: list[Drawn], on: dt.date) -> None:
    """Seed 003's figure on its date; for every unit one on 31/12 of each year the seeds report on
    (``data.WORKFORCE_YEARS``, while the unit existed) and a recent one, each a little above its
    members then (the unit's own rate)."""
    if plan.workforce:
        _workforce(admin, unit, data.SEED_003_ON, plan.workforce, rows, data.SEED_003_NOTE)
    year_ends = [dt.date(year, 12, 31) for year in data.WORKFORCE_YEARS]
    for day in [d for d in year_ends if d < on and unit.exists_on(d)] + [on]:
        members = sum(_member_on(row, day) for row in rows)
        total = max(members, math.ceil(members / plan.rate))
        _workforce(admin, unit, day, total, rows, data.WORKFORCE_NOTE)


def _workforce(admin: User, unit: Unit, on: dt.date, total: int, rows: list[Drawn], note: str) -> None:
    """Through the audited service; women in the share they have among the members on that date."""
    members = [row for row in rows if _member_on(row, on)]
    women = sum(row[0][SEX] == Sex.FEMALE for row in members)
    share = women / len(members) if members else 0
    workforce_record(actor=admin, unit=unit, on=on, total=total, women=round(total * share), note=note)


def _numbered(rows: list[Drawn]) -> Iterator[Drawn]:
    """Card numbers in register order, without the gaps the trimmed draws leave."""
    for serial, (person, period) in enumerate(rows, 1):
        card = f"{data.CARD_PREFIX}{serial:08d}"
        yield _replaced(person, CARD, card), _replaced(period, PERIOD_CARD, card)


def _replaced(values: tuple, index: int, value) -> tuple:
    return (*values[:index], value, *values[index + 1 :])


# -- events through the services ----------------------------------------------------------------

RETIRED_ON = dt.date(2025, 1, 1)
TRANSFERRED_ON = dt.date(2024, 9, 3)
LEFT_ON, REJOINED_ON = dt.date(2023, 4, 1), dt.date(2024, 3, 1)
PENDING_DAYS = 10  # the pending transfer is dated this many days before today


def _history(admin: User, units: dict[str, Unit]) -> None:
    """A retirement and a completed transfer in the `cdcs` login's union, a member who left and came
    back, and a transfer from Khánh Hòa waiting for the `cdcs` login to accept it."""
    cdcs, pending_on = units["CDVC-HN-001"], today() - dt.timedelta(days=PENDING_DAYS)
    # Chosen before any event: the member transferred into CDVC-HN-001 must not be the one who retires.
    retiring = _member_of(units["CDVC-HN-001"], RETIRED_ON)
    moving = _member_of(units["CDVC-HN-002"], TRANSFERRED_ON)
    returning = _member_of(units["CDVC-HN-004"], LEFT_ON)
    leaving_kh = _member_of(units["CDVC-KH-004"], pending_on)

    member_leave(
        actor=_officer("cdcs", cdcs, RETIRED_ON, admin), person=retiring, on=RETIRED_ON, note="Nghỉ hưu"
    )
    hanoi = _officer("hanoi", units["CDVC-HN"], TRANSFERRED_ON, admin)
    member_transfer(
        actor=hanoi,
        person=moving,
        to_unit=cdcs,
        on=TRANSFERRED_ON,
        note="Chuyển công tác về Sở Khoa học và Công nghệ",
    )
    member_leave(actor=hanoi, person=returning, on=LEFT_ON, note="Nghỉ việc")
    member_rejoin(actor=hanoi, person=returning, unit=units["CDVC-HN-004"], on=REJOINED_ON)
    member_transfer(
        actor=_officer("khanhhoa", units["CDVC-KH-004"], pending_on, admin),
        person=leaving_kh,
        to_unit=cdcs,
        on=pending_on,
        note="Chuyển công tác ra Hà Nội",
    )


def _member_of(unit: Unit, before: dt.date) -> Person:
    """The active member of ``unit`` with the lowest card number whose open period starts before ``before``."""
    return (
        Person.objects.filter(
            memberships__unit=unit,
            memberships__valid_to__isnull=True,
            memberships__valid_from__lt=before,
            memberships__status=Status.ACTIVE,
        )
        .order_by("card_number")
        .first()
    )


def _officer(username: str, unit: Unit, on: dt.date, admin: User) -> User:
    """The demo officer, or the admin when the account existed before and holds no role here."""
    user = User.objects.filter(username=username).first()
    return user if user is not None and policy.can(user, "members.manage", unit, on) else admin
