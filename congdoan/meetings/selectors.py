"""Reads of the conferences module; every one takes the actor and starts from the policy's reach.

Compliance ("57/58 units held their conference") is a pair of figures of the registry
(``core.figures``, registered in ``plugin.py``): for each kind, ``expected`` counts the units of the
subtree that must hold it (a ``ConferenceDuty`` in force at the end of the year, or today while
the year runs) and ``held`` those of them with the year's conference recorded by then; both add up
the tree (a parent's counts are the sum of its units'), and ``rate`` is held/due in %. The
dashboard, the compliance page, its Excel file and the API read the same registry.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from congdoan.core import figures
from congdoan.core.dates import today
from congdoan.core.figures import FigureQuery
from congdoan.core.models import active_on
from congdoan.core.periods import Period
from congdoan.core.rollup import RollupRow
from congdoan.documents import links
from congdoan.documents.models import Status as DocumentStatus
from congdoan.documents.selectors import document_for_link, documents_in_scope
from congdoan.members.models import Membership, OfficerPosition, Person
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import policy
from congdoan.organizations.selectors import subtree_nodes, subtree_units, unit_choices, unit_names

from .models import (
    CommitteeChange,
    CommitteeSeat,
    Conference,
    ConferenceDuty,
    ConferenceKind,
    CongressTerm,
    InspectionBoard,
    Review,
    ReviewLink,
)
from .permissions import VIEW
from .rules import deadline
from .services import RESOLUTION

# Figure names per kind, as the reports issue (15) reads them: <prefix>.expected (units that must
# hold it), <prefix>.held and <prefix>.rate_percent.
FIGURE_PREFIXES = {
    ConferenceKind.PUBLIC_EMPLOYEES: "conferences.cbccvc",
    ConferenceKind.WORKERS: "conferences.workers",
    ConferenceKind.DIALOGUE: "dialogues",
}


def figure_names(kind: str) -> tuple[str, str, str]:
    """(expected, held, rate_percent): e.g. ``conferences.cbccvc.expected``, ``dialogues.held``."""
    prefix = FIGURE_PREFIXES[ConferenceKind(kind)]
    return f"{prefix}.expected", f"{prefix}.held", f"{prefix}.rate_percent"


def visible_unit_ids(actor, perm: str = VIEW) -> QuerySet:
    """Units in the actor's reach today: open units by their current path, closed ones by the path
    they closed with (their history stays with those who could see them). A subquery."""
    reach = policy.reach(actor, perm, today())
    versions = UnitVersion.objects.filter(reach.q("path")).filter(
        active_on(today()) | Q(unit__valid_to__isnull=False, valid_to=F("unit__valid_to"))
    )
    return versions.values("unit_id")


@dataclass(frozen=True)
class ConferenceFilters:
    unit: Unit | None = None
    year: int | None = None
    kind: str = ""


def conference_search(*, actor, filters: ConferenceFilters = ConferenceFilters()) -> QuerySet[Conference]:
    """Conferences of the units the actor may see, newest first; ``unit`` narrows to its subtree today."""
    return _filtered(Conference.objects.filter(unit_id__in=visible_unit_ids(actor)), filters)


def _filtered(qs: QuerySet, filters: ConferenceFilters) -> QuerySet:
    """A list of a unit's yearly records (conferences, reviews) narrowed by ``filters``, newest first."""
    if filters.unit is not None:
        qs = qs.filter(unit_id__in=subtree_of(filters.unit))
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs.order_by("-held_on", "-id")


def subtree_of(unit: Unit, on: dt.date | None = None) -> QuerySet:
    """The unit's subtree on ``on`` (today), or the unit alone when it did not exist then."""
    on = on or today()
    path = UnitVersion.objects.active(on).filter(unit=unit).values_list("path", flat=True).first()
    if path is None:
        return Unit.objects.filter(pk=unit.pk).values("pk")
    return subtree_units(path, on)


def conference_get(*, actor, conference_id: int) -> Conference:
    conference = conference_search(actor=actor).filter(pk=conference_id).first()
    if conference is None or not policy.can(actor, VIEW, conference.unit_id):
        raise Http404
    return conference


def conference_detail(*, actor, conference: Conference) -> dict:
    """What the conference page and the API's detail show: documents, votes, the deadline of its
    year and its resolution, a numbered document of the register the actor sees (``None`` if none)."""
    votes = list(conference.votes.select_related("document"))
    for vote in votes:
        vote.percent_for = figures.percent(vote.votes_for, conference.present)
    return {
        "documents": list(conference.documents.all()),
        "votes": votes,
        "deadline": deadline(conference.year),
        "resolution_document": document_for_link(actor=actor, obj=conference, role=RESOLUTION).first(),
    }


def resolution_choices(*, actor, conference: Conference) -> QuerySet:
    """Issued documents of the conference's unit the actor sees: what may be linked as its resolution."""
    return (
        documents_in_scope(actor=actor)
        .filter(unit_id=conference.unit_id, status=DocumentStatus.ISSUED)
        .select_related("kind")
        .order_by("-year", "-number")
    )


def with_unit_names(conferences, on: dt.date | None = None) -> list[Conference]:
    """The conferences with ``unit_name`` (one query for all)."""
    rows = list(conferences)
    names = unit_names([c.unit_id for c in rows], on or today())
    for c in rows:
        c.unit_name = names.get(c.unit_id, "")
    return rows


# -- compliance ------------------------------------------------------------------------------------


def _duties(query: FigureQuery) -> QuerySet[ConferenceDuty]:
    return ConferenceDuty.objects.filter(
        active_on(query.as_of), unit_id__in=subtree_units(query.path, query.as_of)
    )


def _held(query: FigureQuery, **unit) -> QuerySet[Conference]:
    return Conference.objects.filter(
        year__gte=query.period.start.year,
        year__lte=query.flow_end.year,
        held_on__lte=query.flow_end,
        **unit,
    )


def conference_figure_totals(query: FigureQuery) -> dict[str, int]:
    """The whole subtree's ``due`` and ``held`` per kind, ``conference_figure_values`` added over its
    units: the units with a duty, and of them those that held the conference, per kind. One query."""
    held = _held(query, unit_id=OuterRef("unit_id"), kind=OuterRef("kind"))
    rows = (
        _duties(query)
        .values("kind")
        .annotate(
            due=Count("unit_id", distinct=True),
            done=Count("unit_id", distinct=True, filter=Q(Exists(held))),
        )
        .order_by()
    )
    totals: dict[str, int] = {}
    for r in rows:
        due, done, _rate = figure_names(r["kind"])
        totals.update({due: r["due"], done: r["done"]})
    return totals


def conference_figure_values(query: FigureQuery) -> dict[int, dict[str, int]]:
    """Each unit's own ``due`` and ``held`` per kind (see the module's docstring). Two queries."""
    duties = set(_duties(query).values_list("unit_id", "kind"))
    held = set(
        _held(query, unit_id__in=subtree_units(query.path, query.as_of)).values_list("unit_id", "kind")
    )
    values: dict[int, dict[str, int]] = {}
    for unit_id, kind in duties:
        due, done, _rate = figure_names(kind)
        own = values.setdefault(unit_id, {})
        own[due] = 1
        own[done] = 1 if (unit_id, kind) in held else 0
    return values


@dataclass(frozen=True)
class Compliance:
    """Held / due for one kind in a subtree, and the rate in % (``None`` when none is due)."""

    due: int = 0
    held: int = 0
    rate: int | None = None

    @classmethod
    def of(cls, values: Mapping[str, int | None], kind: str) -> "Compliance":
        due, held, rate = figure_names(kind)
        return cls(values.get(due) or 0, values.get(held) or 0, values.get(rate))

    @property
    def missing(self) -> int:
        return self.due - self.held


def compliance_rows(
    *, actor, unit: Unit, year: int, kind: str, as_of: dt.date | None = None
) -> list[RollupRow[Compliance]]:
    """Held/due per unit of ``unit``'s subtree for the conferences of ``year`` (the tree at the end
    of the year, or today while it runs; on ``as_of`` when given), rolled up: the compliance page,
    its Excel file and the API. 404 out of reach, 403 without ``meetings.view``."""
    period = Period.year(year)
    rows = figures.rows(
        actor=actor, unit_id=unit.pk, names=figure_names(kind), period=period, as_of=as_of or period.as_of()
    )
    return [
        RollupRow(r.unit, r.indent, Compliance.of(r.own, kind), Compliance.of(r.total, kind)) for r in rows
    ]


def first_unit(*, actor) -> Unit | None:
    """The first unit of the actor's reach in tree order: what the compliance table shows by default."""
    first = unit_choices(actor=actor, perm=VIEW, limit=1)
    return Unit.objects.get(pk=first[0].unit_id) if first else None


@dataclass(frozen=True)
class DutyRow:
    """A unit that must hold the conference of the year, and the conference if recorded."""

    unit_id: int
    unit_name: str
    conference: Conference | None
    late: bool


def compliance_units(
    *, actor, unit: Unit, year: int, kind: str, state: str = "", as_of: dt.date | None = None
) -> list[DutyRow]:
    """The units of ``unit``'s subtree due to hold ``kind`` in ``year``, each with its conference
    (``state``: "held", "missing" or all): a count of the compliance table opened, and the records
    behind the figures ``conferences.*``/``dialogues.*`` (``as_of``: the date they are read at, by
    default the year's end or today). Three queries."""
    period = Period.year(year)
    as_of = as_of or period.as_of()
    policy.require(actor, VIEW, unit, as_of)
    nodes = subtree_nodes(unit.pk, as_of)
    if not nodes:
        return []
    units = subtree_units(nodes[0].path, as_of)
    due = set(
        ConferenceDuty.objects.filter(active_on(as_of), unit_id__in=units, kind=kind).values_list(
            "unit_id", flat=True
        )
    )
    held = {
        c.unit_id: c
        for c in Conference.objects.filter(unit_id__in=due, kind=kind, year=year, held_on__lte=as_of)
    }
    last_day = deadline(year)
    rows = []
    for node in nodes:
        if node.id not in due:
            continue
        conference = held.get(node.id)
        if (state == "held" and conference is None) or (state == "missing" and conference is not None):
            continue
        late = conference.held_on > last_day if conference else as_of > last_day
        rows.append(DutyRow(node.id, node.name, conference, late))
    return rows


# -- congresses ---------------------------------------------------------------------------------------


CONGRESS_FIGURES = ("congresses.expected", "congresses.held")


def congress_figure_values(query: FigureQuery) -> dict[int, dict[str, int]]:
    """Each unit's own ``congresses.expected`` and ``congresses.held`` (0 or 1; both add up the
    tree, as ``rate_percent`` = held / expected): a unit of the subtree on ``as_of`` is expected to
    hold its congress in the period when a term of it ends in one of the period's years (its
    successor not already held before the period: a congress brought forward), or a term of it
    begins in those years, or its congress is planned or held in the period; it has held it when a
    term's congress is recorded held in the period, by ``as_of``. Seed 001: "Đại hội Công đoàn các
    cấp nhiệm kỳ 2023-2028", lowest level first. One query."""
    start, end = query.period.start, query.flow_end
    years = Q(last_year__gte=start.year, last_year__lte=query.period.end.year) | Q(
        first_year__gte=start.year, first_year__lte=query.period.end.year
    )
    in_period = Q(planned_on__gte=start, planned_on__lte=query.period.end) | Q(
        held_on__gte=start, held_on__lte=end
    )
    terms = CongressTerm.objects.filter(years | in_period, unit_id__in=subtree_units(query.path, query.as_of))
    by_unit: dict[int, list[tuple]] = {}
    for unit_id, *row in terms.values_list("unit_id", "first_year", "last_year", "planned_on", "held_on"):
        by_unit.setdefault(unit_id, []).append(row)
    first, last = start.year, query.period.end.year
    values: dict[int, dict[str, int]] = {}
    for unit_id, rows in by_unit.items():
        early = {f for f, _l, _p, h in rows if h is not None and h < start}  # held before the period
        held = any(h is not None and start <= h <= end for _f, _l, _p, h in rows)
        due = held or any(
            (first <= f <= last and f not in early)
            or (first <= lst <= last and lst not in early)
            or (p is not None and start <= p <= query.period.end)
            for f, lst, p, _h in rows
        )
        if due:
            values[unit_id] = {"congresses.expected": 1, "congresses.held": int(held)}
    return values


def congress_figure_totals(query: FigureQuery) -> dict[str, int]:
    """``congress_figure_values`` of the whole subtree: the same one query (the units with a term
    in the period's years, a few hundred at the root), added up without the subtree's paths."""
    return figures.sum_rows(congress_figure_values(query))


def term_search(*, actor, unit: Unit | None = None) -> QuerySet[CongressTerm]:
    """Congress terms of the units the actor sees (``unit``: its subtree today), latest first."""
    qs = CongressTerm.objects.filter(unit_id__in=visible_unit_ids(actor))
    if unit is not None:
        qs = qs.filter(unit_id__in=subtree_of(unit))
    return qs.order_by("-first_year", "unit_id", "id")


def term_get(*, actor, term_id: int) -> CongressTerm:
    term = term_search(actor=actor).filter(pk=term_id).first()
    if term is None or not policy.can(actor, VIEW, term.unit_id):
        raise Http404
    return term


def committee(*, term: CongressTerm) -> list[CommitteeSeat]:
    """The executive committee elected at the term's congress, by position (one query)."""
    return list(
        CommitteeSeat.objects.filter(term=term)
        .select_related("position_held__person", "position_held__position")
        .order_by("position_held__position__order", "position_held__person__name_folded")
    )


@dataclass(frozen=True)
class OrderWarning:
    """A unit below whose congress of the same term came after this one's, or is not recorded."""

    unit_id: int
    unit_name: str
    held_on: dt.date | None


def lower_levels_first(*, term: CongressTerm) -> list[OrderWarning]:
    """Congresses are held lowest level first: the units directly below ``term.unit`` on its
    congress day whose congress of the same term is not held by then (two queries)."""
    if term.held_on is None:
        return []
    children = list(
        UnitVersion.objects.active(term.held_on).filter(parent_id=term.unit_id).values_list("unit_id", "name")
    )
    held = dict(
        CongressTerm.objects.filter(
            unit_id__in=[u for u, _n in children], first_year=term.first_year
        ).values_list("unit_id", "held_on")
    )
    return [
        OrderWarning(uid, name, held.get(uid))
        for uid, name in children
        if held.get(uid) is None or held[uid] > term.held_on
    ]


def committee_candidates(*, term: CongressTerm) -> QuerySet:
    """Members of the term's unit (or a unit below it) on the congress's day: who may be elected."""
    if term.held_on is None:
        return Person.objects.none()
    return unit_candidates(unit=term.unit, on=term.held_on)


def committee_changes(*, term: CongressTerm) -> list[CommitteeChange]:
    """The mid-term changes of the term's executive committee, by date (one query)."""
    return list(
        CommitteeChange.objects.filter(term=term)
        .select_related("ended__person", "ended__position", "started__person", "started__position")
        .order_by("on", "id")
    )


def committee_now(*, term: CongressTerm, on: dt.date | None = None) -> list[OfficerPosition]:
    """Who holds a position of the term in the unit on ``on`` (today): the elected and those
    elected later, less those who left (the register's positions; one query)."""
    on = on or today()
    return list(
        OfficerPosition.objects.filter(active_on(on), unit_id=term.unit_id, term=term.name)
        .select_related("person", "position")
        .order_by("position__order", "person__sort_key")
    )


def open_positions(*, term: CongressTerm) -> QuerySet[OfficerPosition]:
    """Positions of the term in the unit still held: what a mid-term change may end."""
    return (
        OfficerPosition.objects.filter(unit_id=term.unit_id, term=term.name, valid_to__isnull=True)
        .select_related("person", "position")
        .order_by("position__order", "person__sort_key")
    )


def unit_candidates(*, unit: Unit, on: dt.date) -> QuerySet:
    """Members of the unit (or a unit below it) on ``on``: who may take a position there."""
    units = subtree_of(unit, on)
    members = Person.objects.filter(memberships__in=Membership.objects.active(on).filter(unit_id__in=units))
    return members.distinct().order_by("name_folded", "id")


def inspection_board(*, conference: Conference) -> InspectionBoard | None:
    """The board the conference elected, with its members (two queries), or ``None``."""
    board = InspectionBoard.objects.filter(conference=conference).first()
    if board is not None:
        board.member_list = list(board.members.all())
    return board


# -- mid-year and year-end reviews --------------------------------------------------------------------


ReviewFilters = ConferenceFilters  # the same unit, year and kind (of review)


def review_search(*, actor, filters: ReviewFilters = ConferenceFilters()) -> QuerySet[Review]:
    """Reviews of the units the actor sees, newest first; ``unit`` narrows to its subtree today."""
    return _filtered(Review.objects.filter(unit_id__in=visible_unit_ids(actor)), filters)


def review_get(*, actor, review_id: int) -> Review:
    review = review_search(actor=actor).filter(pk=review_id).first()
    if review is None or not policy.can(actor, VIEW, review.unit_id):
        raise Http404
    return review


def review_detail(*, actor, review: Review) -> dict:
    """What the review page and the API show: the awards handed out, and per role of
    ``ReviewLink`` the linked documents the actor sees, each with the records that cite it
    elsewhere (the emulation movement launched by the plan; the award records of a decision):
    read through ``documents.links``, so this module imports neither emulation nor awards."""
    here = reverse("meetings:review", args=[review.pk])
    linked = {}
    for role in ReviewLink:
        documents = list(document_for_link(actor=actor, obj=review, role=role.value))
        for document in documents:
            document.elsewhere = [t for t in links.targets_of(document) if t.url != here]
        linked[role.value] = documents
    awards = list(review.awards.all())
    return {
        "awards": awards,
        "collectives": sum(a.collectives for a in awards),
        "individuals": sum(a.individuals for a in awards),
        "report": linked[ReviewLink.REPORT],
        "decisions": linked[ReviewLink.AWARDS],
        "launch": linked[ReviewLink.LAUNCH],
    }


def review_document_choices(*, actor, review: Review) -> QuerySet:
    """Issued documents the actor sees, of the review's work year or the next: what may be linked."""
    return (
        documents_in_scope(actor=actor)
        .filter(status=DocumentStatus.ISSUED, year__in=[review.year, review.year + 1])
        .select_related("kind")
        .order_by("-year", "-number")
    )
