"""Reads of the member register, limited to the actor's reach (VIEW)."""

import datetime as dt
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import NamedTuple

from django.db import connection
from django.db.models import CharField, Count, F, Func, Q, QuerySet, Sum
from django.db.models.functions import Collate, TruncMonth
from django.db.models.lookups import Contains
from django.db.models.sql.where import WhereNode
from django.utils.translation import gettext as _

from congdoan.core import figures
from congdoan.core.dates import today
from congdoan.core.figures import FigureQuery
from congdoan.core.periods import Period
from congdoan.core.rollup import RollupRow, nearest_ancestor
from congdoan.core.text import clean_identifier, clean_line, number_term, phone_prefix, search_words
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import get_visible_or_404, path_of_units, policy
from congdoan.organizations.selectors import subtree_units

from .models import IN_UNIT, Membership, OfficerPosition, Person, Sex, Status, Transfer, UnitStock
from .permissions import MANAGE, VIEW, personal_reach

# Past this many matches a list shows "more than N" instead of an exact count: counting a broad
# match over a million rows costs as much as the page itself.
COUNT_CAP = 10_000
AGE_BANDS = {"<30": (0, 29), "30-39": (30, 39), "40-49": (40, 49), "50-59": (50, 59), "60+": (60, 200)}
# Names in Vietnamese alphabetical order (core.text.vietnamese_sort_key, stored on the person):
# "name" by given name then family name, as officers' lists are; "family" by family name as written.
SORTS = {
    "name": ("sort_key", "id"),
    "-name": ("-sort_key", "-id"),
    "family": ("family_sort_key", "id"),
    "-family": ("-family_sort_key", "-id"),
    "card": ("card_number", "id"),
    "-card": ("-card_number", "-id"),
    "unit": ("unit_path", "sort_key", "id"),
    "-unit": ("-unit_path", "-sort_key", "-id"),
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
    # The register as it was (a figure's records, ``core.figures.records_at``): with ``as_of`` or
    # ``flow``, the people counted by ``members.total``/``.female`` on ``as_of`` (``flow`` ""), or by
    # ``members.joined``/``.left`` over ``period`` up to ``as_of`` ("joined"/"left"); the unit's
    # subtree then read on ``as_of``, ``sex`` from the period's row, the current status ignored.
    period: Period | None = None
    as_of: dt.date | None = None
    flow: str = ""

    @property
    def dated(self) -> bool:
        return self.as_of is not None or self.flow in FLOW_FILTERS


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
# Every word typed must be in the name, in any order ("nguyen lan" finds "Nguyễn Thị Lan"): one
# "contains" per word (core.text.search_words), ANDed. On PostgreSQL the shape of each test decides
# which index serves it (bench/README.md has the figures). Below the root a subtree is a province or
# a sector: the path index narrows the search to it and scanning those rows is cheap and
# predictable, so the word tests there are ones no index serves ("C" collation: the trigram index
# does not match it). Over a whole tree each word of three letters or more is a test the trigram
# index on the folded name serves (the words' trigrams in one GIN scan); shorter words have no
# trigrams and only filter. Lists are ordered by the Vietnamese sort keys (migration 0012); how a
# searched page is read, sorted or walked, is SearchQuerySet's.

MIN_TRIGRAM = 3


class SearchQuerySet(QuerySet):
    """A searched list (PostgreSQL) whose pages do not leave the planner a walk of the whole order
    for a match that clusters in it ("lan" names all lie among the L's of the given-name order):
    a match of at most ``COUNT_CAP`` rows (the capped count, which the list has already run) is
    read through its indexes and sorted; a broader one is dense in every part of the order, so the
    ids of a page are an index-only walk of ``person_sort_key`` (it includes the columns a search
    filters on), then those rows are read. At most three queries whatever the match."""

    searched = False
    match_count: int | None = None  # at most COUNT_CAP + 1, set by capped_count

    def _clone(self):
        clone = super()._clone()
        clone.searched, clone.match_count = self.searched, self.match_count
        return clone

    def __getitem__(self, k):
        split = self.searched and self.query.order_by and self._result_cache is None
        if not (split and isinstance(k, slice) and k.stop is not None):
            return super().__getitem__(k)
        plain = self._chain()
        plain.searched = False
        if self.match_count is None:
            self.match_count = plain.order_by()[: COUNT_CAP + 1].count()
        if self.match_count <= COUNT_CAP:
            return plain.order_by(*_not_by_index(plain.query.order_by))[k]
        ids = list(plain.values_list("pk", flat=True)[k])
        rows = plain._chain()
        rows.query.where = WhereNode()  # the rows by their ids alone: the filter is not run again
        return rows.filter(pk__in=ids)


def _not_by_index(order: tuple[str, ...]) -> list:
    """``order`` with its first column as an expression no index serves (the same order)."""
    first, rest = order[0], order[1:]
    column = first.lstrip("-")
    unindexed = Func(F(column), template="(%(expressions)s || '')", output_field=CharField())
    return [unindexed.desc() if first.startswith("-") else unindexed.asc(), *rest]


# Folded names are ASCII; in "C" the test is one the trigram index does not serve.
NAME_C = Collate("name_folded", "C")


def _whole_tree(actor, f: MemberFilters, unit_path: str) -> bool:
    """Whether the search spans a whole tree (a root's subtree): only then is the trigram index
    worth reading."""
    if connection.vendor != "postgresql":
        return False
    if f.unit is not None:
        return f.descendants and unit_path.count("/") == 1
    return policy.is_unrestricted(actor) or any(
        p.count("/") == 1 for p in policy.scope_paths(actor, VIEW, today())
    )


def _word_q(word: str, *, whole_tree: bool) -> Q:
    if connection.vendor == "postgresql" and not (whole_tree and len(word) >= MIN_TRIGRAM):
        return Q(Contains(NAME_C, word))
    return Q(name_folded__contains=word)


def _term_q(q: str, personal: Q, *, whole_tree: bool) -> Q:
    """The filter for a search term: a whole number first (a card, ID or phone number, typed any
    way), else every word in the name, in any order, or the term as the start of a card number."""
    raw = clean_line(q)
    digits = number_term(raw)
    if digits and len(digits) >= 3:
        # Numbers are a card number prefix, or (where the actor may see them) an ID or phone number,
        # each typed any way ('+84 912 345 678' and '0912.345.678' are the stored '0912345678').
        return (
            Q(card_number__startswith=clean_identifier(raw))
            | Q(card_number__startswith=digits)
            | (personal & (Q(id_number=digits) | Q(phone__startswith=phone_prefix(raw))))
        )
    words = search_words(raw)
    if not words:
        return Q(pk__in=[])
    every_word = reduce(operator.and_, (_word_q(w, whole_tree=whole_tree) for w in words))
    return every_word | Q(card_number__startswith=clean_identifier(raw))


def member_search(*, actor, filters: MemberFilters | None = None) -> QuerySet[Person]:
    f = filters or MemberFilters()
    qs = SearchQuerySet(Person).filter(policy.scope_q(actor, VIEW, today(), path_field="unit_path"))
    path = ""
    if f.dated:
        qs = qs.filter(id__in=_counted_periods(actor, f).values("person_id"))
    elif f.unit is not None:
        if f.descendants:
            path = path_of_units([f.unit.pk], today()).get(f.unit.pk, "")
            qs = qs.filter(unit_path__startswith=path) if path else qs.none()
        else:
            qs = qs.filter(unit=f.unit)
    order = SORTS.get(f.sort, SORTS["name"])
    if f.q.strip():
        qs = qs.filter(_term_q(f.q, personal_visible_q(actor), whole_tree=_whole_tree(actor, f, path)))
        qs.searched = connection.vendor == "postgresql"
    if f.sex in Sex.values and not f.dated:
        qs = qs.filter(sex=f.sex)
    if f.status in Status.values:
        qs = qs.filter(status=f.status)
    elif f.status == "" and not f.dated:
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


def _counted_periods(actor, f: MemberFilters) -> QuerySet[Membership]:
    """The periods (``Membership``) the member figures count for ``f`` (``MemberFilters.dated``):
    those of ``member_figure_values`` for the unit (its subtree on ``as_of`` with ``descendants``,
    else the unit alone; every unit without one), so the list and the figure agree."""
    day = f.as_of or today()
    units = UnitVersion.objects.active(day).values("unit_id")
    if f.unit is not None:
        path = path_of_units([f.unit.pk], day).get(f.unit.pk, "")
        units = subtree_units(path, day) if f.descendants and path else [f.unit.pk]
    query = FigureQuery(actor, 0, "", f.period or Period.year(day.year), day, frozenset())
    flows = {name.removeprefix("members."): periods for name, periods, _on in FLOWS}
    if f.flow in flows:
        periods = flows[f.flow](units, query)
    else:
        periods = Membership.objects.active(day).filter(unit_id__in=units, status__in=IN_UNIT)
    return periods.filter(sex=f.sex) if f.sex in Sex.values else periods


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29/02
        return on.replace(year=on.year - years, day=28)


def capped_count(qs: QuerySet, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(count, exact): counts at most ``cap`` + 1 rows (kept on a search, whose pages use it)."""
    n = qs.order_by()[: cap + 1].count()
    if isinstance(qs, SearchQuerySet) and cap == COUNT_CAP:
        qs.match_count = n
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


class WorkPeriod(NamedTuple):
    """One period of a person's union work: ``[start, end)`` (``end`` at most the day asked), its
    ``kind`` ("officer": an officer position; "member": a membership period; a later module may add
    its own kinds), ``what`` in words ("position, unit" or the unit) and, for a position, the
    ``PositionKind`` code."""

    start: dt.date
    end: dt.date
    kind: str
    what: str
    position: str = ""
    current: bool = False  # still held (or still a member) on the day asked


def union_work_periods(person_ids, on: dt.date) -> dict[int, list[WorkPeriod]]:
    """Every officer position and every membership period (past and present, in any unit) each
    person had up to ``on``, each unit named as on the period's last day. For a later module
    counting union work (awards' Kỷ niệm chương), which applies its own actor's scope to the persons
    it asks about. Three queries whatever the number of people."""
    out: dict[int, list[WorkPeriod]] = {pid: [] for pid in person_ids}
    positions = list(
        OfficerPosition.objects.filter(person_id__in=list(out), valid_from__lte=on).select_related("position")
    )
    memberships = list(
        Membership.objects.filter(person_id__in=list(out), valid_from__lte=on).values_list(
            "person_id", "unit_id", "valid_from", "valid_to"
        )
    )
    names: dict[int, list] = {}
    units = {r.unit_id for r in positions} | {m[1] for m in memberships}
    for v in UnitVersion.objects.filter(unit_id__in=units).order_by("valid_from"):
        names.setdefault(v.unit_id, []).append(v)

    def name(unit_id: int, end: dt.date) -> str:
        versions = [v for v in names.get(unit_id, []) if v.valid_from < end] or names.get(unit_id, [])
        return versions[-1].name if versions else ""

    for r in positions:
        end = min(r.valid_to or on, on)
        what = f"{r.position}, {name(r.unit_id, end)}"
        current = r.valid_to is None or r.valid_to > on
        out[r.person_id].append(WorkPeriod(r.valid_from, end, "officer", what, r.position.code, current))
    for person_id, unit_id, start, valid_to in memberships:
        end = min(valid_to or on, on)
        current = valid_to is None or valid_to > on
        out[person_id].append(WorkPeriod(start, end, "member", name(unit_id, end), "", current))
    return out


def officer_periods(person_ids, on: dt.date) -> dict[int, list[tuple[dt.date, dt.date, str]]]:
    """The officer positions of ``union_work_periods`` as (from, to — exclusive —, "position, unit")."""
    return {
        pid: [(p.start, p.end, p.what) for p in periods if p.kind == "officer"]
        for pid, periods in union_work_periods(person_ids, on).items()
    }


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


# -- figures (core.figures; registered in plugin.py) ------------------------------------------------

FLOW_FILTERS = ("joined", "left")  # MemberFilters.flow: members.joined, members.left
MEMBER_STOCK = frozenset({"members.total", "members.female"})
ENDED = (Status.LEFT, Status.DECEASED)


def _joined(units, query: FigureQuery) -> QuerySet:
    """The periods that were their person's first and began in the period (up to ``as_of``): the
    stored mark ``first`` (``Membership``), an index-only scan of ``membership_first_from``."""
    return Membership.objects.filter(
        unit_id__in=units, first=True, valid_from__gte=query.period.start, valid_from__lte=query.flow_end
    )


def _left(units, query: FigureQuery) -> QuerySet:
    """The periods that ended by leaving or death in the period (the day it took effect, ``valid_to``)."""
    return Membership.objects.filter(
        unit_id__in=units,
        valid_to__gte=query.period.start,
        valid_to__lte=query.flow_end,
        end_status__in=ENDED,
    )


# The flows a figure counts: its name, its periods and the day each period is counted on.
FLOWS = (("members.joined", _joined, "valid_from"), ("members.left", _left, "valid_to"))


def member_figure_values(query: FigureQuery) -> dict[int, dict[str, int]]:
    """The members group of the figures: each unit's own values, read from the periods so that a
    past date counts as it was, for the units of the subtree on ``query.as_of`` (path predicate).

    ``members.total``: members active or exempt on ``as_of``; ``members.female``: the women among
    them; ``members.joined``: people whose first period began in the period (up to ``as_of``);
    ``members.left``: periods that ended by leaving or death in it (the day it took effect, the
    period's ``valid_to``). One grouped query for each of the three kinds asked; the coverage of
    the workforce (``_coverage``) two more."""
    units = subtree_units(query.path, query.as_of)
    values: dict[int, dict[str, int]] = defaultdict(dict)
    if query.names & (MEMBER_STOCK | COVERAGE):
        stock = stock_today(query.path) if query.as_of == today() else stock_on(query.as_of, units)
        stock = list(stock)
        for unit_id, members, women in stock:
            values[unit_id].update({"members.total": members, "members.female": women})
        if query.names & COVERAGE:
            _coverage(query, units, stock, values)
    for name, periods, _on in FLOWS:
        if name in query.names:
            for r in periods(units, query).values("unit_id").annotate(n=Count("*")).order_by():
                values[r["unit_id"]][name] = r["n"]
    return values


# The members the workforce figures cover (issue 15): ``members.rate_percent`` divides by the
# workforce recorded, so it counts only the members of the units that workforce counts.
COVERAGE = frozenset({"members.with_workforce", "workforce.units_with_members", "workforce.units_covered"})


def _coverage(query: FigureQuery, units: QuerySet, stock: list, values: dict) -> None:
    """Own values of the coverage figures. A unit's recorded workforce (``workforce.total``,
    ``OWN_OR_SUM``) counts the staff of its whole subtree, so a unit with one recorded by ``as_of``
    gets as its own ``members.with_workforce`` the members of its subtree and as
    ``workforce.units_covered`` its units holding members; rolled up the same way (``OWN_OR_SUM``),
    they stand beside the workforce they are divided by. ``workforce.units_with_members`` (``SUM``)
    is 1 for a unit holding members: less the covered, the units whose members no workforce counts
    (``workforce.missing_units``). Two queries (the units with a workforce, the paths)."""
    from .models import WorkforceCount

    recorded = set(
        WorkforceCount.objects.filter(unit_id__in=units, on__lte=query.as_of).values_list(
            "unit_id", flat=True
        )
    )
    paths = dict(
        UnitVersion.objects.active(query.as_of)
        .filter(path__startswith=query.path)
        .values_list("unit_id", "path")
    )
    covering = {paths[u]: u for u in recorded if u in paths}  # path → the unit with a workforce there
    for unit_id in covering.values():
        values[unit_id].update({"members.with_workforce": 0, "workforce.units_covered": 0})
    for unit_id, members, _women in stock:
        path = paths.get(unit_id)
        if not members or path is None:
            continue
        values[unit_id]["workforce.units_with_members"] = 1
        above = path if path in covering else nearest_ancestor(path, covering)
        while above is not None:  # every unit with a workforce at or above it counts its members
            own = values[covering[above]]
            own["members.with_workforce"] += members
            own["workforce.units_covered"] += 1
            above = nearest_ancestor(above, covering)


def uncovered(with_members: int | None, covered: int | None) -> int | None:
    """``workforce.missing_units``: units holding members less those a recorded workforce covers."""
    return None if with_members is None else with_members - (covered or 0)


def member_figure_totals(query: FigureQuery) -> dict[str, int]:
    """The members group's figures for the whole subtree, those ``member_figure_values`` gives added
    over its units, each kind asked in one aggregate (``core.figures.GroupTotal``)."""
    if query.names & COVERAGE:  # by unit and its ancestors: added up from the units' own values
        return figures.sum_rows(member_figure_values(query))
    units = subtree_units(query.path, query.as_of)
    totals: dict[str, int] = {}
    if query.names & MEMBER_STOCK:
        if query.as_of == today():
            stock = UnitStock.objects.filter(unit_id__in=units).aggregate(
                n=Sum("members"), women=Sum("women")
            )
        else:
            stock = _stock_periods(query.as_of, units).aggregate(n=Count("id"), women=WOMEN)
        totals.update({"members.total": stock["n"] or 0, "members.female": stock["women"] or 0})
    for name, periods, _on in FLOWS:
        if name in query.names:
            totals[name] = periods(units, query).count()
    return totals


def member_flows_by_month(query: FigureQuery) -> dict[dt.date, dict[str, int]]:
    """``members.joined`` / ``members.left`` of the whole subtree per calendar month of the period
    (up to ``as_of``): the rows ``member_figure_values`` counts for each month, in one grouped query
    each instead of one per month and figure (``core.figures.GroupByMonth``)."""
    units = subtree_units(query.path, query.as_of)
    months: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for name, periods, on in FLOWS:
        if name in query.names:
            rows = periods(units, query).annotate(month=TruncMonth(on)).values("month").annotate(n=Count("*"))
            for r in rows.order_by():
                months[_day(r["month"])][name] = r["n"]
    return months


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def stock_on(on: dt.date, units: QuerySet) -> QuerySet:
    """``(unit_id, members, women)``: members active or exempt on ``on`` in ``units`` (a
    subquery), read from the periods: any date, as it was. The women by the period's copy of the
    person's sex (``Membership.sex``): no join of a million people."""
    return _stock_periods(on, units).values_list("unit_id").annotate(n=Count("id"), women=WOMEN).order_by()


WOMEN = Count("id", filter=Q(sex=Sex.FEMALE))


def _stock_periods(on: dt.date, units: QuerySet) -> QuerySet[Membership]:
    """The periods of members active or exempt on ``on`` in ``units`` (a subquery)."""
    return Membership.objects.active(on).filter(unit_id__in=units, status__in=IN_UNIT)


def stock_today(path: str) -> QuerySet:
    """``(unit_id, members, women)`` today for the subtree at ``path``: the same as ``stock_on(today)``,
    read from ``UnitStock``, the per-unit summary of the person rows (which carry today's period:
    unit, path, status) kept by the database's triggers (migration 0013; tests hold it equal to the
    live count after every kind of write). At 1,000,000 members: 10,000 summary rows instead of a
    million person rows."""
    return (
        UnitStock.objects.filter(unit_id__in=subtree_units(path, today()))
        .exclude(members=0)
        .values_list("unit_id", "members", "women")
        .order_by()
    )


def stock_live(path: str) -> QuerySet:
    """What ``stock_today`` reads, counted from the person rows (the check of the summary)."""
    return (
        Person.objects.filter(unit_path__startswith=path, status__in=IN_UNIT)
        .values_list("unit_id")
        .annotate(n=Count("id"), women=Count("id", filter=Q(sex=Sex.FEMALE)))
        .order_by()
    )


def workforce_figure_values(query: FigureQuery) -> dict[int, dict[str, int]]:
    """``workforce.total``: each unit's latest workforce figure (CBCCVCLĐ) recorded on or before
    ``as_of``; its roll-up rule (a unit's own figure counts its sub-units' staff too) is the
    figure's (``OWN_OR_SUM``). One query."""
    from .models import WorkforceCount

    rows = (
        WorkforceCount.objects.filter(unit_id__in=subtree_units(query.path, query.as_of), on__lte=query.as_of)
        .order_by("unit_id", "on")
        .values_list("unit_id", "total")
    )
    return {unit_id: {"workforce.total": total} for unit_id, total in rows}  # the latest date wins


STATS_FIGURES = ("members.total", "members.female", "workforce.total", "members.rate_percent")


@dataclass(frozen=True)
class MemberCounts:
    """A row of the membership statistics: members and women (active or exempt), the workforce
    (CBCCVCLĐ; ``None``: not recorded) and the rate, members per workforce in % (an integer
    rounded half up; ``None`` without a workforce figure): the registry's figures."""

    members: int = 0
    women: int = 0
    workforce: int | None = None
    rate: int | None = None

    @classmethod
    def of(cls, values: Mapping[str, int | None]) -> "MemberCounts":
        return cls(
            values.get("members.total") or 0,
            values.get("members.female") or 0,
            values.get("workforce.total"),
            values.get("members.rate_percent"),
        )


def membership_statistics(*, actor, unit: Unit, on: dt.date) -> list[RollupRow[MemberCounts]]:
    """Members on a date per unit of ``unit``'s subtree (the tree of that date), rolled up (tree
    order, ``unit`` first): the statistics page and its Excel export. The same figures as the
    dashboard (``core.figures``): ``row.own`` the unit's own, ``row.total`` with its sub-units.
    404 outside the actor's reach, 403 without ``members.view``."""
    rows = figures.rows(
        actor=actor, unit_id=unit.pk, names=STATS_FIGURES, period=Period.year(on.year), as_of=on
    )
    return [RollupRow(r.unit, r.indent, MemberCounts.of(r.own), MemberCounts.of(r.total)) for r in rows]


STATS_PAGE_ROWS = 500  # rows of the statistics page at most: the Excel export lists every unit


def levels_shown(rows: list[RollupRow], limit: int = STATS_PAGE_ROWS) -> tuple[list[RollupRow], int]:
    """The rows of the statistics page: the unit and as many whole levels below it as fit in
    ``limit`` rows (at least its direct sub-units), and how many deeper rows are left out (each
    shown row's total counts them; a row opens its own unit's statistics). The whole tree's 10,000
    rows were 4.9 MB of HTML."""
    by_level = Counter(r.indent for r in rows)
    shown, depth = 0, 0
    for level in sorted(by_level):
        if level > 1 and shown + by_level[level] > limit:
            break
        shown += by_level[level]
        depth = level
    kept = [r for r in rows if r.indent <= depth]
    return kept, len(rows) - len(kept)


def membership_counts(*, actor, unit: Unit, on: dt.date) -> list[dict]:
    """Each unit's *own* figures of ``membership_statistics`` as plain rows (tree order): unit_id,
    name, depth, path, kind, members, women, workforce, rate."""
    return [
        {
            "unit_id": r.unit.id,
            "name": r.unit.name,
            "depth": r.unit.depth,
            "path": r.unit.path,
            "kind": r.unit.kind,
            "members": r.own.members,
            "women": r.own.women,
            "workforce": r.own.workforce,
            "rate": r.own.rate,
        }
        for r in membership_statistics(actor=actor, unit=unit, on=on)
    ]


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
