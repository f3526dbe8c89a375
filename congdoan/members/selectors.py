"""Reads of the member register, limited to the actor's reach (VIEW)."""

import datetime as dt
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import reduce

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Collate, Substr
from django.db.models.lookups import Contains, StartsWith
from django.utils.translation import gettext as _

from congdoan.core.dates import today
from congdoan.core.periods import Period
from congdoan.core.text import fold
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import get_visible_or_404, path_of_units, policy
from congdoan.organizations.rollup import RollupRow, UnitNode, add_all, roll_up

from .models import IN_UNIT, Membership, OfficerPosition, Person, Sex, Status, Transfer
from .permissions import MANAGE, VIEW, personal_reach

# Past this many matches a list shows "more than N" instead of an exact count: counting a broad
# match over a million rows costs as much as the page itself.
COUNT_CAP = 10_000
AGE_BANDS = {"<30": (0, 29), "30-39": (30, 39), "40-49": (40, 49), "50-59": (50, 59), "60+": (60, 200)}
SORTS = {
    "name": ("name_folded", "id"),
    "-name": ("-name_folded", "-id"),
    "card": ("card_number", "id"),
    "-card": ("-card_number", "-id"),
    "unit": ("unit_path", "name_folded", "id"),
    "-unit": ("-unit_path", "-name_folded", "-id"),
}


@dataclass
class MemberFilters:
    q: str = ""
    unit: Unit | None = None
    descendants: bool = True
    sex: str = ""
    status: str = ""
    age_band: str = ""
    join_year: int | None = None
    policy_family: bool | None = None
    hardship: bool | None = None
    sort: str = "name"


def members_in_scope(*, actor, perm: str = VIEW) -> QuerySet[Person]:
    """Everyone whose current (or last) unit is in the actor's reach today."""
    return Person.objects.filter(policy.scope_q(actor, perm, today(), path_field="unit_path"))


def personal_visible_q(actor) -> Q:
    """Members whose personal data (birth date, ID number, phone, family status…) the actor may see."""
    return personal_reach(actor).q("unit_path")


def personal_visible(actor) -> Callable[[Person], bool]:
    """The same rule for loaded rows, without a query per member (the unit's path is on the row)."""
    reach = personal_reach(actor)
    return lambda person: reach.covers(person.unit_path)


# -- searching by name at scale ---------------------------------------------------------------------
# On PostgreSQL the shape of the name test decides which index serves a search (bench/README.md has
# the figures). Below the root a subtree is a province or a sector: the path index narrows the search
# to it and scanning those rows is cheap and predictable, so the name test there is one no index
# serves ("C" collation: the trigram index does not match it). Over a whole tree, "contains t" is
# split into "starts with t" (a range of the name-ordered btree: names start with the family name, so
# a broad term like "nguyen van" is one dense range) and "contains t after the first letter" (a trigram
# index on the name without its first letter: few rows for such terms, and broad terms like "uyen"
# walk the name order instead); a page then takes the first ids of each part in name order
# (SearchQuerySet). Terms of one or two letters have no trigrams: they only walk the name order.

MIN_TRIGRAM = 3
# Folded names are ASCII, which "C" orders as the database's collation does; a btree in "C" also
# serves LIKE 'prefix%' (migration 0003).
NAME_C = Collate("name_folded", "C")
NAME_REST = Substr("name_folded", 2)  # as indexed by migration 0003
NAME_SORTS = {"name": (NAME_C.asc(), "id"), "-name": (NAME_C.desc(), "-id")}


class SearchQuerySet(QuerySet):
    """A search whose filter is an OR of parts each served by an index in name order: a slice loads
    the first ids of every part (each an index walk that stops early), then only those rows."""

    parts: tuple[Q, ...] = ()

    def _clone(self):
        clone = super()._clone()
        clone.parts = self.parts
        return clone

    def _plain(self) -> QuerySet:
        plain = self._chain()
        plain.parts = ()
        return plain

    def __getitem__(self, k):
        split = self.parts and self.query.order_by and self._result_cache is None
        if not (split and isinstance(k, slice) and k.stop is not None):
            return super().__getitem__(k)
        plain = self._plain()
        first = [plain.filter(part).values("pk")[: k.stop] for part in self.parts]
        return plain.filter(pk__in=first[0].union(*first[1:], all=True))[k]


def _is_root(path: str) -> bool:
    return path.count("/") == 1


def _whole_tree(actor, f: MemberFilters, unit_path: str) -> bool:
    """Whether the search spans a whole tree (a root's subtree): only then are names split in parts."""
    if connection.vendor != "postgresql":
        return False
    if f.unit is not None:
        return f.descendants and _is_root(unit_path)
    return policy.is_unrestricted(actor) or any(_is_root(p) for p in policy.scope_paths(actor, VIEW, today()))


def _name_parts(folded: str, *, whole_tree: bool) -> tuple[Q, ...]:
    if whole_tree:
        rest = NAME_REST if len(folded) >= MIN_TRIGRAM else Collate(NAME_REST, "C")  # no trigram index
        return Q(StartsWith(NAME_C, folded)), Q(Contains(rest, folded))
    if connection.vendor == "postgresql":
        return (Q(Contains(NAME_C, folded)),)
    return (Q(name_folded__contains=folded),)


def _term_q(q: str, personal: Q, *, whole_tree: bool) -> tuple[Q, tuple[Q, ...]]:
    """The filter for a search term and, split over a whole tree, its parts (see SearchQuerySet)."""
    raw = q.strip()
    digits = re.sub(r"[\s.\-]", "", raw)
    if digits.isdigit() and len(digits) >= 3:
        # Numbers are a card number prefix, or (where the actor may see them) an ID or phone number.
        number = (
            Q(card_number__startswith=raw)
            | Q(card_number__startswith=digits)
            | (personal & (Q(id_number=digits) | Q(phone__startswith=digits)))
        )
        return number, ()
    folded = fold(raw)
    if raw and not folded:
        return Q(pk__in=[]), ()
    parts = (*_name_parts(folded, whole_tree=whole_tree), Q(card_number__startswith=raw.upper()))
    return reduce(operator.or_, parts), parts if whole_tree else ()


def member_search(*, actor, filters: MemberFilters | None = None) -> QuerySet[Person]:
    f = filters or MemberFilters()
    qs = SearchQuerySet(Person).filter(policy.scope_q(actor, VIEW, today(), path_field="unit_path"))
    path = ""
    if f.unit is not None:
        if f.descendants:
            path = path_of_units([f.unit.pk], today()).get(f.unit.pk, "")
            qs = qs.filter(unit_path__startswith=path) if path else qs.none()
        else:
            qs = qs.filter(unit=f.unit)
    order = SORTS.get(f.sort, SORTS["name"])
    if f.q.strip():
        term, parts = _term_q(f.q, personal_visible_q(actor), whole_tree=_whole_tree(actor, f, path))
        qs = qs.filter(term)
        if parts and f.sort in NAME_SORTS:
            qs.parts, order = parts, NAME_SORTS[f.sort]
    if f.sex in Sex.values:
        qs = qs.filter(sex=f.sex)
    if f.status in Status.values:
        qs = qs.filter(status=f.status)
    elif f.status == "":
        qs = qs.filter(status__in=IN_UNIT)
    if f.age_band in AGE_BANDS or f.policy_family is not None or f.hardship is not None:
        # Filtering on personal facts would reveal them: only over members whose facts the actor may see.
        qs = qs.filter(personal_visible_q(actor))
    if f.age_band in AGE_BANDS:
        low, high = AGE_BANDS[f.age_band]
        now = today()
        qs = qs.filter(
            date_of_birth__gt=_years_before(now, high + 1), date_of_birth__lte=_years_before(now, low)
        )
    if f.join_year:
        qs = qs.filter(joined_union_on__year=f.join_year)
    if f.policy_family is not None:
        qs = qs.filter(policy_family=f.policy_family)
    if f.hardship is not None:
        qs = qs.filter(hardship=f.hardship)
    return qs.order_by(*order)


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29/02
        return on.replace(year=on.year - years, day=28)


def capped_count(qs: QuerySet, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(count, exact): counts at most ``cap`` + 1 rows; of a split search, at most ``cap`` + 1 of
    each part (each then one index scan that stops early) and the rows of their union: that union
    is the whole match when it holds at most ``cap``, and more than ``cap`` otherwise."""
    if isinstance(qs, SearchQuerySet) and qs.parts:
        plain = qs._plain().order_by()
        firsts = [plain.filter(part).values("pk")[: cap + 1] for part in qs.parts]
        n = firsts[0].union(*firsts[1:]).count()
    else:
        n = qs.order_by()[: cap + 1].count()
    return min(n, cap), n <= cap


def member_get(*, actor, person_id: int) -> Person:
    return get_visible_or_404(members_in_scope(actor=actor).select_related("unit"), pk=person_id)


def member_history(*, actor, person: Person) -> dict:
    """Periods, positions, transfers and the audit trail of one member (who changed what)."""
    from congdoan.core.models import AuditEntry

    policy.require(actor, VIEW, person.unit_id)
    periods = list(person.memberships.select_related("unit").order_by("valid_from"))
    names = unit_names_on([p.unit_id for p in periods])
    for p in periods:
        p.unit_name = names.get(p.unit_id, "")
    return {
        "periods": periods,
        "positions": person.positions.select_related("position").order_by("-valid_from"),
        "transfers": person.transfers.order_by("-created_at"),
        # The person's own entries and those of the positions they held.
        "entries": AuditEntry.objects.filter(
            Q(object_type="members.person", object_id=str(person.pk))
            | Q(
                object_type="members.officerposition",
                object_id__in=[str(pk) for pk in person.positions.values_list("pk", flat=True)],
            )
        )
        .select_related("actor")
        .order_by("-at"),
    }


def position_get(*, actor, position_id: int) -> OfficerPosition:
    """A position held by a member the actor sees, or 404."""
    return get_visible_or_404(
        OfficerPosition.objects.filter(person__in=members_in_scope(actor=actor)).select_related(
            "person", "position"
        ),
        pk=position_id,
    )


def unit_names_on(unit_ids: list[int], on: dt.date | None = None) -> dict[int, str]:
    on = on or today()
    names: dict[int, str] = {}
    for v in UnitVersion.objects.filter(unit_id__in=set(unit_ids)).order_by("valid_from"):
        if v.unit_id not in names or v.valid_from <= on:
            names[v.unit_id] = v.name
    return names


def incoming_transfers(*, actor) -> QuerySet[Transfer]:
    """Pending transfers into units the actor manages: the receiving officer's inbox."""
    units = policy.visible_units(actor, MANAGE, today()).values("unit_id")
    return (
        Transfer.objects.filter(state=Transfer.State.PENDING, to_unit_id__in=units)
        .select_related("person", "requested_by")
        .order_by("on", "id")
    )


def outgoing_transfers(*, actor) -> QuerySet[Transfer]:
    units = policy.visible_units(actor, VIEW, today()).values("unit_id")
    return (
        Transfer.objects.filter(from_unit_id__in=units)
        .select_related("person", "requested_by")
        .order_by("-created_at")
    )


def transfer_get(*, actor, transfer_id: int) -> Transfer:
    """A transfer visible from either end: the sending unit's or the receiving unit's officers."""
    sending = policy.visible_units(actor, VIEW, today()).values("unit_id")
    receiving = policy.visible_units(actor, MANAGE, today()).values("unit_id")
    qs = Transfer.objects.filter(Q(from_unit_id__in=sending) | Q(to_unit_id__in=receiving))
    return get_visible_or_404(qs.select_related("person", "from_unit", "to_unit"), pk=transfer_id)


def membership_counts(*, actor, unit: Unit, on: dt.date) -> list[dict]:
    """Members on a date per unit of the subtree, by sex, read from the periods (not today's copy),
    so that a past date counts as it was. Also returns the latest workforce figure for the rate."""
    from .models import WorkforceCount

    policy.require(actor, VIEW, unit, on)
    root = path_of_units([unit.pk], on).get(unit.pk, "")
    versions = {
        v.unit_id: v
        for v in UnitVersion.objects.active(on)
        .filter(path__startswith=root)
        .filter(policy.scope_q(actor, VIEW, on))
        .select_related("kind")
    }
    rows = (
        Membership.objects.active(on)
        .filter(unit_id__in=list(versions), status__in=IN_UNIT)
        .values("unit_id", "person__sex")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict] = {}
    for r in rows:
        c = counts.setdefault(r["unit_id"], {"total": 0, "women": 0})
        c["total"] += r["n"]
        if r["person__sex"] == Sex.FEMALE:
            c["women"] += r["n"]
    workforce: dict[int, int] = {}
    for w in WorkforceCount.objects.filter(unit_id__in=list(versions), on__lte=on).order_by("unit_id", "on"):
        workforce[w.unit_id] = w.total
    result = []
    for unit_id, v in sorted(versions.items(), key=lambda kv: kv[1].path):
        c = counts.get(unit_id, {"total": 0, "women": 0})
        wf = workforce.get(unit_id)
        result.append(
            {
                "unit_id": unit_id,
                "name": v.name,
                "depth": v.depth,
                "path": v.path,
                "kind": v.kind.label,
                "members": c["total"],
                "women": c["women"],
                "workforce": wf,
                "rate": round(100 * c["total"] / wf, 1) if wf else None,
            }
        )
    return result


@dataclass(frozen=True)
class MemberCounts:
    """Members and women (active or exempt) and the workforce figure (CBCCVCLĐ, ``None``: not
    recorded); ``rate`` is members per workforce in %, one decimal. Adds up with ``+``."""

    members: int = 0
    women: int = 0
    workforce: int | None = None

    def __add__(self, other: "MemberCounts") -> "MemberCounts":
        workforce = (
            None
            if self.workforce is None and other.workforce is None
            else (self.workforce or 0) + (other.workforce or 0)
        )
        return MemberCounts(self.members + other.members, self.women + other.women, workforce)

    @property
    def rate(self) -> float | None:
        return round(100 * self.members / self.workforce, 1) if self.workforce else None


def _subtree_counts(own: MemberCounts, below: Sequence[MemberCounts]) -> MemberCounts:
    """Members and women add up; a unit's own workforce figure stands for its whole subtree (it
    counts the staff of its sub-units too), else its sub-units' figures add up."""
    total = add_all(own, below)
    return total if own.workforce is None else replace(total, workforce=own.workforce)


def membership_statistics(*, actor, unit: Unit, on: dt.date) -> list[RollupRow[MemberCounts]]:
    """``membership_counts`` rolled up the tree (tree order, ``unit`` first): the statistics page,
    its Excel export and the dashboard card. ``row.total`` counts the unit and its sub-units."""
    rows = membership_counts(actor=actor, unit=unit, on=on)
    items = [
        (
            UnitNode(r["unit_id"], r["name"], r["kind"], r["path"], r["depth"]),
            MemberCounts(r["members"], r["women"], r["workforce"]),
        )
        for r in rows
    ]
    return roll_up(items, combine=_subtree_counts)


@dataclass(frozen=True)
class MemberFigures:
    """A unit's subtree on a date: members and women (active or exempt), the workforce (CBCCVCLĐ)
    and the membership rate in %, joins and leavers since 1 January of that year."""

    members: int
    women: int
    workforce: int | None
    rate: float | None
    joined: int
    left: int


def member_figures(*, actor, unit: Unit, on: dt.date) -> MemberFigures:
    """The dashboard's member card: the top row of ``membership_statistics`` and the year's
    joins (a person's first period starting this year) and leavers (left or deceased this year)."""
    top = membership_statistics(actor=actor, unit=unit, on=on)[0].total
    root = path_of_units([unit.pk], on).get(unit.pk, "")
    units = (
        UnitVersion.objects.active(on)
        .filter(path__startswith=root)
        .filter(policy.scope_q(actor, VIEW, on))
        .values("unit_id")
    )
    year_start = Period.year(on.year).start
    periods = Membership.objects.filter(unit_id__in=units)
    earlier = Membership.objects.filter(
        person_id=OuterRef("person_id"), valid_from__lt=OuterRef("valid_from")
    )
    joined = periods.filter(valid_from__gte=year_start, valid_from__lte=on).filter(~Exists(earlier)).count()
    left = periods.filter(
        valid_to__gt=year_start, valid_to__lte=on, end_status__in=[Status.LEFT, Status.DECEASED]
    ).count()
    return MemberFigures(
        members=top.members,
        women=top.women,
        workforce=top.workforce,
        rate=top.rate,
        joined=joined,
        left=left,
    )


def planned_changes(periods, names: dict[int, str], on: dt.date | None = None) -> list[tuple[dt.date, str]]:
    """Changes recorded in a person's periods that take effect after ``on`` (today): ``(day, what)``
    in date order. Until its day such a change is shown as planned and the current fields stay."""
    on = on or today()
    planned = []
    for p in periods:
        if p.valid_from > on:
            planned.append(
                (
                    p.valid_from,
                    _("Sinh hoạt tại %(u)s (%(s)s)")
                    % {"u": names.get(p.unit_id, ""), "s": p.get_status_display()},
                )
            )
        elif (
            p.valid_to is not None and p.valid_to > on and p.end_status and p.end_status != Status.TRANSFERRED
        ):
            planned.append((p.valid_to, Status(p.end_status).label))
    return sorted(planned)
