"""Reads of the welfare module; every one takes the actor and starts from the policy's reach.

A case, a house or a programme belongs to its unit (the deciding unit, the organising unit) and is seen by
whoever ``welfare.view`` reaches there today (a closed unit's records by the path it closed with). Who a
personal case supported is hidden by ``permissions.beneficiary_rule``.

Figures (``core.figures``, registered in ``plugin.py``), each unit's own over a period, added up the tree
(``SUM``): ``welfare.cases`` the support cases it decided (houses included), ``welfare.people`` the
distinct people they supported (members of the register by person, others by the name written; a person
supported by two units counts at each), ``welfare.amount`` the đồng of its cases and of the gifts of its
programmes, ``welfare.gifts`` the gifts given in its programmes.

Split by the catalogues (families of figures: one per row, a row added later included):

- ``welfare.by_kind.<support kind>.people``: the distinct people its cases of that kind supported (as
  ``welfare.people``); ``.count``: its cases of that kind and the gifts of that kind given in its programmes;
  ``.amount``: their đồng. Seed 001: ``kho-khan`` 100 people, 100,000,000 đồng; ``qua-tet`` 100 bags,
  50,000,000 đồng.
- ``welfare.by_programme.<programme kind>.people``: the distinct people its cases in programmes of that kind
  supported; ``.gifts``: the gifts given in its programmes of that kind; ``.amount``: the đồng of both.
- ``welfare.by_source.<source>.count``: its cases paid from that source (``Source``: union funds, agency,
  fund drive, sponsor) and the gifts of that source given in its programmes; ``.amount``: their đồng. The
  sources are fixed choices, so these are plain figures of the group (``SOURCE_FIGURES``), read in two
  more queries when asked; ``source_rows`` gives them per unit of a subtree.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.translation import gettext as _

from congdoan.core import figures
from congdoan.core.dates import today
from congdoan.core.figures import FigureQuery
from congdoan.core.models import active_on
from congdoan.core.periods import Period
from congdoan.core.rollup import RollupRow
from congdoan.documents.models import Status as DocumentStatus
from congdoan.documents.selectors import document_for_link, documents_in_scope
from congdoan.funds.models import Drive
from congdoan.funds.payouts import Payout
from congdoan.funds.selectors import drive_get, drives_in_scope
from congdoan.members.models import Person
from congdoan.members.selectors import members_in_scope, personal_visible_q
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import get_visible_or_404, policy
from congdoan.organizations.selectors import subtree_on, subtree_units, unit_names
from congdoan.plans.models import Gift, Mission
from congdoan.plans.selectors import mission_search

from .models import GiftItem, Programme, Source, SupportCase, SupportKind
from .permissions import MANAGE, VIEW, beneficiary_rule
from .services import DECISION

FIGURES = ("welfare.cases", "welfare.people", "welfare.amount", "welfare.gifts")
BY_KIND = "welfare.by_kind."
BY_PROGRAMME = "welfare.by_programme."
BY_SOURCE = "welfare.by_source."
SOURCE_PARTS = ("count", "amount")
SOURCE_FIGURES = tuple(f"{BY_SOURCE}{code}.{part}" for code in Source.values for part in SOURCE_PARTS)


def unit_ids_in_reach(actor, perm: str = VIEW) -> QuerySet:
    """A subquery of the units ``perm`` reaches today: open ones by today's path, closed ones by the
    path they closed with."""
    reach = policy.reach(actor, perm, today())
    return (
        UnitVersion.objects.filter(reach.q("path"))
        .filter(active_on(today()) | Q(unit__valid_to__isnull=False, valid_to=F("unit__valid_to")))
        .values("unit_id")
    )


def subtree_today(unit: Unit) -> QuerySet:
    path = UnitVersion.objects.active(today()).filter(unit=unit).values_list("path", flat=True).first()
    if path is None:
        return Unit.objects.filter(pk=unit.pk).values("pk")
    return subtree_units(path, today())


@dataclass(frozen=True)
class CaseFilters:
    unit: Unit | None = None
    year: int | None = None
    kind: SupportKind | None = None
    period: Period | None = None  # the days of the cases (pages: any period; the API: ``year``)
    source: str = ""
    programme: Programme | None = None
    houses: bool = False
    drive: Drive | None = None  # paid by this fund drive
    # The date a figure is read at (``core.figures.records_at``): the unit's subtree then, and the
    # cases decided up to it, as ``welfare_figure_values`` counts them.
    as_of: dt.date | None = None


def case_search(*, actor, filters: CaseFilters = CaseFilters()) -> QuerySet[SupportCase]:
    """Cases of the units the actor sees, newest first."""
    qs = SupportCase.objects.filter(unit_id__in=unit_ids_in_reach(actor))
    if filters.unit is not None:
        units = subtree_on(filters.unit.pk, filters.as_of) if filters.as_of else subtree_today(filters.unit)
        qs = qs.filter(unit_id__in=units)
    if filters.as_of is not None:
        qs = qs.filter(decided_on__lte=filters.as_of)
    if filters.year:
        qs = qs.filter(decided_on__year=filters.year)
    if filters.period is not None:
        qs = qs.filter(decided_on__gte=filters.period.start, decided_on__lte=filters.period.end)
    if filters.kind is not None:
        qs = qs.filter(kind=filters.kind)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.programme is not None:
        qs = qs.filter(programme=filters.programme)
    if filters.houses:
        qs = qs.filter(house__isnull=False)
    if filters.drive is not None:
        qs = qs.filter(drive=filters.drive)
    return qs.select_related("kind", "person", "programme", "house__kind", "drive").order_by(
        "-decided_on", "-id"
    )


def gift_items_given(*, actor, unit: Unit | None, period: Period, as_of: dt.date) -> QuerySet[GiftItem]:
    """The gifts of programmes run by the units of ``unit``'s subtree on ``as_of`` (every unit the
    actor sees without ``unit``), given in ``period`` up to ``as_of``: with the cases of the same
    filters, what ``welfare.amount`` adds up (``welfare_figure_values``). Newest first."""
    qs = GiftItem.objects.filter(
        programme__unit_id__in=unit_ids_in_reach(actor),
        given_on__gte=period.start,
        given_on__lte=min(period.end, as_of),
    )
    if unit is not None:
        qs = qs.filter(programme__unit_id__in=subtree_on(unit.pk, as_of))
    return qs.select_related("programme", "kind").order_by("-given_on", "-id")


def case_get(*, actor, case_id: int) -> SupportCase:
    return get_visible_or_404(case_search(actor=actor), pk=case_id)


def shown(*, actor, cases) -> list[SupportCase]:
    """The cases with ``unit_name``, ``beneficiary_visible`` (personal data under the register's rule) and
    ``beneficiary_label`` (who, or "(thông tin cá nhân)"): what pages, the file and the API show of them."""
    rows = list(cases)
    visible = beneficiary_rule(actor, rows)
    names = unit_names(list({c.unit_id for c in rows}), today())
    for case in rows:
        case.unit_name = names.get(case.unit_id, "")
        case.beneficiary_visible = visible(case)
        case.beneficiary_label = (
            (case.beneficiary_name or (case.person.full_name if case.person else ""))
            if case.beneficiary_visible
            else _("(thông tin cá nhân)")
        )
    return rows


def drive_choices(*, actor) -> QuerySet[Drive]:
    """The fund drives the actor sees (``funds``' own rule): what a case may name as paying it (the
    service checks the launcher and the dates)."""
    return drives_in_scope(actor=actor).select_related("fund").order_by("-starts_on", "-id")


def drive_in_reach(*, actor, drive_id: int) -> Drive:
    """A fund drive the actor sees, or 404."""
    return drive_get(actor=actor, drive_id=drive_id)


def paid_by_drive(*, actor, drive) -> list[Payout]:
    """The support cases the actor sees that ``drive`` paid (registered with ``funds.payouts``): three
    queries, however many."""
    rows = shown(actor=actor, cases=case_search(actor=actor, filters=CaseFilters(drive=drive)))
    return [
        Payout(
            c.decided_on,
            c.unit_name,
            f"{c.kind.name} — {c.beneficiary_label}",
            c.amount,
            reverse("welfare:case", args=[c.pk]),
        )
        for c in rows
    ]


def case_detail(*, actor, case: SupportCase) -> dict:
    return {"decisions": list(document_for_link(actor=actor, obj=case, role=DECISION))}


def decision_choices(*, actor, case: SupportCase) -> QuerySet:
    """Issued documents of the deciding unit the actor sees: what may be linked as the decision."""
    return (
        documents_in_scope(actor=actor)
        .filter(unit_id=case.unit_id, status=DocumentStatus.ISSUED)
        .select_related("kind")
        .order_by("-year", "-number")
    )


# -- programmes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeFilters:
    unit: Unit | None = None
    year: int | None = None
    period: Period | None = None  # programmes running at some time in it


def programme_search(*, actor, filters: ProgrammeFilters = ProgrammeFilters()) -> QuerySet[Programme]:
    qs = Programme.objects.filter(unit_id__in=unit_ids_in_reach(actor))
    if filters.unit is not None:
        qs = qs.filter(unit_id__in=subtree_today(filters.unit))
    if filters.year:
        qs = qs.filter(starts_on__year__lte=filters.year, ends_on__year__gte=filters.year)
    if filters.period is not None:
        qs = qs.filter(starts_on__lte=filters.period.end, ends_on__gte=filters.period.start)
    return (
        qs.select_related("kind", "mission")
        .annotate(
            case_count=Count("cases", distinct=True),
            case_amount=Sum("cases__amount"),
        )
        .order_by("-starts_on", "-id")
    )


def programme_get(*, actor, programme_id: int) -> Programme:
    return get_visible_or_404(
        Programme.objects.filter(unit_id__in=unit_ids_in_reach(actor)).select_related("kind", "mission"),
        pk=programme_id,
    )


def programme_totals(programme: Programme) -> dict[str, int]:
    cases = programme.cases.aggregate(n=Count("id"), amount=Sum("amount"))
    items = programme.items.aggregate(n=Sum("count"), amount=Sum(F("count") * F("unit_value")))
    return {
        "cases": cases["n"] or 0,
        "case_amount": cases["amount"] or 0,
        "gifts": items["n"] or 0,
        "gift_amount": items["amount"] or 0,
        "amount": (cases["amount"] or 0) + (items["amount"] or 0),
    }


def programme_items(programme: Programme) -> QuerySet[GiftItem]:
    """The gift items of a programme the actor reached (``programme_get``), in the order recorded."""
    return programme.items.select_related("survey_gift", "kind").order_by("id")


def programme_recipients(*, actor, programme: Programme) -> QuerySet[SupportCase]:
    """The cases of a programme the actor sees, newest first (``shown`` tells who may be named)."""
    return case_search(actor=actor, filters=CaseFilters(programme=programme))


def programme_detail(*, actor, programme: Programme) -> dict:
    return {
        "items": list(programme_items(programme)),
        "totals": programme_totals(programme),
        "cases": programme_recipients(actor=actor, programme=programme),
    }


def mission_choices(*, actor, unit: Unit | None = None) -> QuerySet[Mission]:
    """Survey missions the actor sees (``plans``' own rule), organised by ``unit`` when given."""
    qs = mission_search(actor=actor)
    return qs.filter(unit=unit) if unit is not None else qs


def survey_gifts_in_reach(*, actor) -> QuerySet[Gift]:
    """Gifts recorded by the survey missions the actor sees (``plans``' rule)."""
    return Gift.objects.filter(mission__in=mission_choices(actor=actor).values("pk")).select_related(
        "mission"
    )


def survey_gift_choices(*, actor, programme: Programme) -> QuerySet[Gift]:
    """Gifts of the programme's mission not yet linked to the welfare records."""
    if (
        programme.mission_id is None
        or not mission_choices(actor=actor).filter(pk=programme.mission_id).exists()
    ):
        return Gift.objects.none()
    return (
        Gift.objects.filter(mission_id=programme.mission_id)
        .exclude(pk__in=GiftItem.objects.filter(survey_gift__isnull=False).values("survey_gift_id"))
        .exclude(pk__in=SupportCase.objects.filter(survey_gift__isnull=False).values("survey_gift_id"))
    )


def candidates(*, actor, programme: Programme, flag: str = "") -> QuerySet[Person]:
    """Members flagged in hardship or of a policy family (``Person.hardship`` / ``policy_family``, the
    register's personal data: only where the actor may see it) whose current unit is in the programme's
    unit's subtree today; ``supported`` marks those already supported in the programme."""
    path = (
        UnitVersion.objects.active(today())
        .filter(unit_id=programme.unit_id)
        .values_list("path", flat=True)
        .first()
    )
    if path is None:
        return Person.objects.none()
    flagged = Q(hardship=True) | Q(policy_family=True)
    if flag == "hardship":
        flagged = Q(hardship=True)
    elif flag == "policy_family":
        flagged = Q(policy_family=True)
    return (
        members_in_scope(actor=actor)
        .filter(personal_visible_q(actor), flagged, unit_path__startswith=path, status="active")
        .annotate(supported=Exists(SupportCase.objects.filter(programme=programme, person=OuterRef("pk"))))
        .order_by("sort_key", "id")
    )


def person_in_scope(*, actor, person_id: int) -> Person:
    """A member the actor sees in the register (``members.view``), or 404."""
    return get_visible_or_404(members_in_scope(actor=actor), pk=person_id)


def case_units(*, actor):
    """Whether the actor may record support anywhere (the pages' buttons)."""
    return policy.has_anywhere(actor, MANAGE)


# -- figures ---------------------------------------------------------------------------------------


def welfare_figure_values(query: FigureQuery) -> dict[int, dict[str, int]]:
    """Each unit's own figures (see the module's docstring) over ``query.period`` up to ``as_of``. Two queries; four when the split
    by kind or programme is asked."""
    return _welfare_values(query, whole=False)


def welfare_figure_totals(query: FigureQuery) -> dict[str, int]:
    """``welfare_figure_values`` added over the subtree's units (``core.figures.GroupTotal``), the
    same queries not grouped by unit: people are counted distinct per unit (pairs of unit and
    person), so a person helped by two units counts in each, as the rows add them."""
    return _welfare_values(query, whole=True).get(None, {})


def _people(whole: bool) -> dict:
    """The people helped: members (distinct) and others (distinct names), per unit of the group;
    ``whole``: the subtree's, as distinct pairs of unit and person (what the units' counts add to)."""
    if not whole:
        return {
            "members": Count("person_id", distinct=True),
            "others": Count("beneficiary_name", filter=Q(person__isnull=True), distinct=True),
        }

    def pair(field: str) -> Concat:
        return Concat(Cast("unit_id", CharField()), Value("|"), Cast(field, CharField()))

    return {
        "members": Count(pair("person_id"), filter=Q(person__isnull=False), distinct=True),
        "others": Count(
            pair("beneficiary_name"),
            filter=Q(person__isnull=True, beneficiary_name__isnull=False),
            distinct=True,
        ),
    }


def _welfare_values(query: FigureQuery, *, whole: bool) -> dict:
    """``{unit id: own values}``; ``whole``: ``{None: the subtree's values}``, nothing grouped by unit."""
    units = subtree_units(query.path, query.as_of)
    start, end = query.period.start, query.flow_end
    unit, programme_unit = (None, None) if whole else ("unit_id", "programme__unit_id")
    values: dict = {}
    cases = SupportCase.objects.filter(unit_id__in=units, decided_on__gte=start, decided_on__lte=end)
    for row in figures.grouped(cases, [unit], n=Count("id"), amount=Sum("amount"), **_people(whole)):
        values[row.get(unit)] = {
            "welfare.cases": row["n"] or 0,
            "welfare.people": (row["members"] or 0) + (row["others"] or 0),
            "welfare.amount": row["amount"] or 0,
            "welfare.gifts": 0,
        }
    split = any(name.startswith((BY_KIND, BY_PROGRAMME)) for name in query.names)
    by = (programme_unit, "kind__code", "programme__kind__code") if split else (programme_unit,)
    items = figures.grouped(
        GiftItem.objects.filter(programme__unit_id__in=units, given_on__gte=start, given_on__lte=end),
        by,
        n=Sum("count"),
        amount=Sum(F("count") * F("unit_value")),
    )
    for row in items:
        own = values.setdefault(
            row.get(programme_unit),
            {"welfare.cases": 0, "welfare.people": 0, "welfare.amount": 0, "welfare.gifts": 0},
        )
        own["welfare.amount"] += row["amount"] or 0
        own["welfare.gifts"] += row["n"] or 0
    if split:
        _split_values(query, values, items, whole=whole)
    if any(name.startswith(BY_SOURCE) for name in query.names):
        _source_values(query, values, whole=whole)
    return values


def _source_values(query: FigureQuery, values: dict, *, whole: bool = False) -> None:
    """Add each unit's ``welfare.by_source.*`` to ``values``: its cases by source and the gifts of its
    programmes by source (two queries); ``whole``: the subtree's, under ``None``."""
    units = subtree_units(query.path, query.as_of)
    start, end = query.period.start, query.flow_end
    unit, programme_unit = (None, None) if whole else ("unit_id", "programme__unit_id")
    cases = figures.grouped(
        SupportCase.objects.filter(unit_id__in=units, decided_on__gte=start, decided_on__lte=end),
        [unit, "source"],
        n=Count("id"),
        amount=Sum("amount"),
    )
    items = figures.grouped(
        GiftItem.objects.filter(programme__unit_id__in=units, given_on__gte=start, given_on__lte=end),
        [programme_unit, "source"],
        n=Sum("count"),
        amount=Sum(F("count") * F("unit_value")),
    )
    for unit_id, source, n, amount in [(r.get(unit), r["source"], r["n"], r["amount"]) for r in cases] + [
        (r.get(programme_unit), r["source"], r["n"], r["amount"]) for r in items
    ]:
        own = values.setdefault(unit_id, {})
        for part, value in (("count", n or 0), ("amount", amount or 0)):
            name = f"{BY_SOURCE}{source}.{part}"
            if name in query.names:
                own[name] = own.get(name, 0) + value


def _split_values(query: FigureQuery, values: dict, items, *, whole: bool = False) -> None:
    """Add each unit's ``welfare.by_kind.*`` and ``welfare.by_programme.*`` to ``values``, from ``items``
    (the gifts by unit, kind and programme kind, read once for the totals too) and two queries: cases by
    unit and kind, cases by unit and programme kind (people are counted distinct in each group, so neither
    split is added from the other); ``whole``: the subtree's, under ``None``."""
    units = subtree_units(query.path, query.as_of)
    start, end = query.period.start, query.flow_end
    cases = SupportCase.objects.filter(unit_id__in=units, decided_on__gte=start, decided_on__lte=end)
    people = _people(whole)
    unit, programme_unit = (None, None) if whole else ("unit_id", "programme__unit_id")

    def add(unit_id: int, name: str, value: int) -> None:
        if name in query.names:
            own = values.setdefault(unit_id, {})
            own[name] = own.get(name, 0) + value

    for row in figures.grouped(cases, [unit, "kind__code"], n=Count("id"), amount=Sum("amount"), **people):
        prefix = f"{BY_KIND}{row['kind__code']}."
        add(row.get(unit), prefix + "people", row["members"] + row["others"])
        add(row.get(unit), prefix + "count", row["n"])
        add(row.get(unit), prefix + "amount", row["amount"] or 0)
    in_programmes = cases.filter(programme__isnull=False)
    for row in figures.grouped(
        in_programmes, [unit, "programme__kind__code"], amount=Sum("amount"), **people
    ):
        prefix = f"{BY_PROGRAMME}{row['programme__kind__code']}."
        add(row.get(unit), prefix + "people", row["members"] + row["others"])
        add(row.get(unit), prefix + "amount", row["amount"] or 0)
    for row in items:
        unit_id, kind, programme = row.get(programme_unit), row["kind__code"], row["programme__kind__code"]
        add(unit_id, f"{BY_KIND}{kind}.count", row["n"] or 0)
        add(unit_id, f"{BY_KIND}{kind}.amount", row["amount"] or 0)
        add(unit_id, f"{BY_PROGRAMME}{programme}.gifts", row["n"] or 0)
        add(unit_id, f"{BY_PROGRAMME}{programme}.amount", row["amount"] or 0)


def welfare_figures(*, actor, unit: Unit, period: Period, as_of: dt.date | None = None) -> dict[str, int]:
    """The unit's subtree totals for the period (404/403 as the figures layer)."""
    as_of = as_of or min(today(), period.end)
    return figures.compute(actor=actor, unit_id=unit.pk, names=FIGURES, period=period, as_of=as_of)


@dataclass(frozen=True)
class WelfareCounts:
    """A unit's (or a subtree's) figures: the typed row the page, the file and the API share."""

    cases: int
    people: int
    gifts: int
    amount: int

    @classmethod
    def of(cls, values) -> "WelfareCounts":
        return cls(
            values["welfare.cases"],
            values["welfare.people"],
            values["welfare.gifts"],
            values["welfare.amount"],
        )


def totals_rows(
    *, actor, unit: Unit, period: Period, as_of: dt.date | None = None
) -> list[RollupRow[WelfareCounts]]:
    """Every unit of the subtree with its own and rolled-up figures (``core.figures.rows``)."""
    as_of = as_of or min(today(), period.end)
    rows = figures.rows(actor=actor, unit_id=unit.pk, names=FIGURES, period=period, as_of=as_of)
    return [RollupRow(r.unit, r.indent, WelfareCounts.of(r.own), WelfareCounts.of(r.total)) for r in rows]


@dataclass(frozen=True)
class SourceCell:
    """One source's cases and gifts (``count``) and đồng of a unit (or its subtree)."""

    code: str
    label: str
    count: int
    amount: int


@dataclass(frozen=True)
class SourceCounts:
    """A unit's (or a subtree's) support by source, one cell per ``Source`` in its order: the typed row
    the totals page, its xlsx and the API share."""

    cells: tuple[SourceCell, ...]

    @property
    def amount(self) -> int:
        return sum(c.amount for c in self.cells)

    @property
    def count(self) -> int:
        return sum(c.count for c in self.cells)

    @classmethod
    def of(cls, values) -> "SourceCounts":
        return cls(
            tuple(
                SourceCell(
                    code,
                    str(label),
                    values[f"{BY_SOURCE}{code}.count"],
                    values[f"{BY_SOURCE}{code}.amount"],
                )
                for code, label in Source.choices
            )
        )


def source_rows(
    *, actor, unit: Unit, period: Period, as_of: dt.date | None = None
) -> list[RollupRow[SourceCounts]]:
    """Every unit of the subtree with its own and rolled-up support by source (``core.figures.rows``)."""
    as_of = as_of or min(today(), period.end)
    rows = figures.rows(actor=actor, unit_id=unit.pk, names=SOURCE_FIGURES, period=period, as_of=as_of)
    return [RollupRow(r.unit, r.indent, SourceCounts.of(r.own), SourceCounts.of(r.total)) for r in rows]


@dataclass(frozen=True)
class Breakdown:
    label: str
    cases: int
    amount: int


def breakdowns(
    *, actor, unit: Unit, period: Period, as_of: dt.date | None = None
) -> dict[str, list[Breakdown]]:
    """The subtree's cases of the period by kind and by source (gift items by their source too)."""
    as_of = as_of or min(today(), period.end)
    policy.require(actor, VIEW, unit, as_of)
    path = UnitVersion.objects.active(as_of).filter(unit=unit).values_list("path", flat=True).first()
    if path is None:
        return {"kinds": [], "sources": []}
    units = subtree_units(path, as_of)
    end = min(period.end, as_of)
    cases = SupportCase.objects.filter(unit_id__in=units, decided_on__gte=period.start, decided_on__lte=end)
    kinds = {k.pk: k for k in SupportKind.objects.all()}
    by_kind = [
        Breakdown(kinds[row["kind_id"]].label, row["n"], row["amount"])
        for row in cases.values("kind_id").annotate(n=Count("id"), amount=Sum("amount")).order_by("kind_id")
    ]
    by_source: dict[str, list[int]] = {}
    for row in cases.values("source").annotate(n=Count("id"), amount=Sum("amount")):
        by_source.setdefault(row["source"], [0, 0])
        by_source[row["source"]][0] += row["n"]
        by_source[row["source"]][1] += row["amount"]
    items = GiftItem.objects.filter(
        programme__unit_id__in=units, given_on__gte=period.start, given_on__lte=end
    )
    for row in items.values("source").annotate(amount=Sum(F("count") * F("unit_value"))):
        by_source.setdefault(row["source"], [0, 0])
        by_source[row["source"]][1] += row["amount"]
    sources = [Breakdown(str(label), *by_source[code]) for code, label in Source.choices if code in by_source]
    return {"kinds": by_kind, "sources": sources}


def first_unit(*, actor) -> Unit | None:
    """The unit a totals page opens on: the actor's home unit if it can read it, else the first grant."""
    home = getattr(actor, "home_unit_id", None)
    if home and policy.can(actor, VIEW, home):
        return Unit.objects.get(pk=home)
    ids = policy.grant_unit_ids(actor, VIEW)
    return Unit.objects.filter(pk__in=ids).order_by("pk").first() if ids else None
