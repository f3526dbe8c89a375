"""Reads of the initiatives module. Every selector that takes the actor starts from the policy's
reach (out of reach: 404 through ``get_visible_or_404``).

- A **programme** is seen by whoever ``initiatives.view`` reaches its launching unit, or a unit
  below it (the units taking part see the programme launched above them).
- An **initiative** and a **target** belong to their unit: seen when the reach holds that unit today
  (a closed unit by the path it closed with).
- **Progress** (``round_progress``) of a round for a unit's subtree as of a date: initiatives
  registered in the round by then, recognised by then (the decision's day), the target each unit
  received; registered and recognised add up the tree, a unit's own target stands for its subtree
  (without one, its sub-units' add up), the percentage is recognised / target rounded half up.
  The figures ``initiatives.*`` (``initiative_figure_values``) give the same over any period.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum

from congdoan.core import figures
from congdoan.core.dates import today
from congdoan.core.figures import percent
from congdoan.core.models import active_on
from congdoan.core.numbers import format_percent
from congdoan.core.periods import Period
from congdoan.core.rollup import RollupRow, roll_up
from congdoan.documents.selectors import document_for_link
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import get_visible_or_404, policy
from congdoan.organizations.selectors import subtree_nodes, subtree_on, subtree_units

from .models import Initiative, InitiativeAttachment, InitiativeAuthor, Programme, Round, Target
from .permissions import VIEW


def name_of(field: str = "unit") -> Subquery:
    """The name of the unit in ``field`` in its latest version (one subquery per list)."""
    latest = UnitVersion.objects.filter(unit_id=OuterRef(field)).order_by("-valid_from")
    return Subquery(latest.values("name")[:1])


def reached_units(actor, perm: str = VIEW) -> QuerySet | None:
    """Ids of the units ``perm`` reaches today, a closed unit by its last version's path; ``None``
    when the actor reaches every unit."""
    now = today()
    reach = policy.reach(actor, perm, now)
    if reach.unrestricted:
        return None
    last_of_closed = Q(unit__valid_to__isnull=False, valid_to=F("unit__valid_to"))
    return (
        UnitVersion.objects.filter(active_on(now) | last_of_closed).filter(reach.q("path")).values("unit_id")
    )


def _levels_above(actor, perm: str = VIEW) -> set[int]:
    """Every unit on the paths of the actor's grants (the levels whose programmes reach them)."""
    reach = policy.reach(actor, perm, today())
    return {int(s) for p in reach.paths for s in p.rstrip("/").split("/") if s}


# -- programmes ------------------------------------------------------------------------------------


def programme_search(*, actor, q: str = "", year: int | None = None) -> QuerySet[Programme]:
    qs = Programme.objects.all()
    units = reached_units(actor)
    if units is not None:
        qs = qs.filter(Q(unit_id__in=units) | Q(unit_id__in=_levels_above(actor)))
    if q:
        qs = qs.filter(name__icontains=q)
    if year:
        qs = qs.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    return qs.annotate(unit_name=name_of(), round_count=Count("rounds")).order_by("-starts_on", "name", "id")


def programme_get(*, actor, programme_id: int) -> Programme:
    return get_visible_or_404(programme_search(actor=actor), pk=programme_id)


def programme_rounds(programme: Programme) -> list[Round]:
    return list(programme.rounds.order_by("number"))


def round_get(*, actor, round_id: int) -> Round:
    """A round of a programme the actor sees (404 otherwise)."""
    programmes = programme_search(actor=actor).values("pk")
    return get_visible_or_404(
        Round.objects.select_related("programme").filter(programme__in=programmes), pk=round_id
    )


# -- targets ---------------------------------------------------------------------------------------


def target_search(*, actor, round: Round | None = None, given_by: Unit | None = None) -> QuerySet[Target]:
    """Targets received by units in the actor's reach, or given by them."""
    qs = Target.objects.all()
    units = reached_units(actor)
    if units is not None:
        qs = qs.filter(Q(unit_id__in=units) | Q(given_by_id__in=units))
    if round is not None:
        qs = qs.filter(round=round)
    if given_by is not None:
        qs = qs.filter(given_by=given_by)
    return (
        qs.select_related("round", "round__programme")
        .annotate(unit_name=name_of(), given_by_name=name_of("given_by"))
        .order_by("round__programme_id", "round__number", "given_by_name", "unit_name", "id")
    )


# -- initiatives -----------------------------------------------------------------------------------


def initiative_search(
    *,
    actor,
    q: str = "",
    state: str = "",
    programme: Programme | None = None,
    round: Round | None = None,
    unit: Unit | None = None,
    year: int | None = None,
    field=None,
    period: Period | None = None,
    as_of: dt.date | None = None,
) -> QuerySet[Initiative]:
    """Initiatives of the units in the actor's reach; ``unit``: that unit's subtree today (on
    ``as_of`` when given); ``period``: registered in it. With ``as_of`` (a figure's records,
    ``initiative_figure_values``): registered by then, and "recognised" means recognised by then."""
    qs = Initiative.objects.all()
    units = reached_units(actor)
    if units is not None:
        qs = qs.filter(unit_id__in=units)
    if unit is not None and as_of is not None:
        qs = qs.filter(unit_id__in=subtree_on(unit.pk, as_of))
    elif unit is not None:  # the unit's subtree today
        version = unit.version_on(today()) or unit.latest_version
        qs = qs.filter(unit_id__in=subtree_units(version.path, today()).values("unit_id"))
    if period is not None:
        qs = qs.filter(registered_on__gte=period.start, registered_on__lte=period.end)
    if as_of is not None:
        qs = qs.filter(registered_on__lte=as_of)
        if state == Initiative.State.RECOGNISED:
            qs = qs.filter(decided_on__lte=as_of)
    if q:
        qs = qs.filter(title__icontains=q)
    if state:
        qs = qs.filter(state=state)
    if programme is not None:
        qs = qs.filter(programme=programme)
    if round is not None:
        qs = qs.filter(round=round)
    if year:
        qs = qs.filter(registered_on__year=year)
    if field is not None:
        qs = qs.filter(field=field)
    return (
        qs.select_related("field", "round", "programme")
        .annotate(unit_name=name_of(), decided_by_name=name_of("decided_by"), author_count=Count("authors"))
        .order_by("-registered_on", "-id")
    )


def initiative_get(*, actor, initiative_id: int) -> Initiative:
    return get_visible_or_404(initiative_search(actor=actor), pk=initiative_id)


def initiative_authors(initiative: Initiative) -> list[InitiativeAuthor]:
    """The authors with their unit's name today (one query)."""
    return list(
        initiative.authors.select_related("person")
        .annotate(unit_name=name_of("person__unit"))
        .order_by("order", "id")
    )


def initiative_attachments(initiative: Initiative) -> list[InitiativeAttachment]:
    """The files attached to a visible initiative, oldest first (one query); whoever sees the
    initiative sees its files (the download view re-checks)."""
    return list(initiative.attachments.order_by("uploaded_at", "id"))


def initiative_detail(*, actor, initiative: Initiative) -> dict:
    """What the detail page and ``GET /api/v1/initiatives/{id}`` show besides the row: ``authors``
    (``initiative_authors``), ``attachments`` and the ``decisions`` linked with role ``decision``
    (the council's, ``review.py``) that the actor may see: three queries."""
    return {
        "authors": initiative_authors(initiative),
        "attachments": initiative_attachments(initiative),
        "decisions": linked_documents(actor=actor, obj=initiative, role="decision"),
    }


def share_text(share) -> str:
    """A share as Vietnamese writes it: "33,33 %", "100 %"."""
    return format_percent(share, 2 if share != int(share) else 0)


def authors_text(initiative_ids: list[int]) -> dict[int, str]:
    """Each initiative's authors as one line, "Nguyễn Văn A (60 %); Trần Thị B (40 %)" (one query)."""
    names: dict[int, list[str]] = {}
    rows = (
        InitiativeAuthor.objects.filter(initiative_id__in=initiative_ids)
        .order_by("initiative_id", "order", "id")
        .values_list("initiative_id", "person__full_name", "share")
    )
    for initiative_id, name, share in rows:
        names.setdefault(initiative_id, []).append(f"{name} ({share_text(share)})")
    return {pk: "; ".join(parts) for pk, parts in names.items()}


def linked_documents(*, actor, obj, role: str | None = None) -> list:
    return list(document_for_link(actor=actor, obj=obj, role=role).order_by("signed_on", "pk"))


def recognised_initiatives(*, member_ids: Iterable[int], year: int) -> QuerySet[Initiative]:
    """Initiatives recognised (công nhận) in ``year`` (the decision's date) of which one of
    ``member_ids`` (``members.Person`` ids) is an author. A building block for the awards module,
    which applies its own actor's scope to the persons it asks about."""
    return (
        Initiative.objects.filter(
            state=Initiative.State.RECOGNISED,
            decided_on__year=year,
            authors__person_id__in=list(member_ids),
        )
        .distinct()
        .select_related("unit", "field")
    )


# -- progress --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """One unit's (or subtree's) progress: ``target`` is ``None`` when nobody gave one."""

    registered: int = 0
    recognised: int = 0
    target: int | None = None

    @property
    def percent(self) -> int | None:
        return percent(self.recognised, self.target)


def _combine(own: Progress, below) -> Progress:
    targets = [b.target for b in below if b.target is not None]
    return Progress(
        own.registered + sum(b.registered for b in below),
        own.recognised + sum(b.recognised for b in below),
        own.target if own.target is not None else (sum(targets) if targets else None),
    )


def default_unit(*, actor, round: Round) -> Unit | None:
    """Whose progress a round's page shows first: the launching unit if the actor sees it, else the
    unit of the actor's first grant."""
    launcher = round.programme.unit
    if policy.can(actor, VIEW, launcher):
        return launcher
    grants = policy.grant_unit_ids(actor, VIEW)
    return Unit.objects.filter(pk__in=grants[:1]).first()


def round_progress(
    *, actor, round: Round, unit: Unit, as_of: dt.date | None = None
) -> list[RollupRow[Progress]]:
    """Every unit of ``unit``'s subtree (tree of ``as_of``) with its own and its subtree's progress
    in ``round`` as of ``as_of`` (default: today, or the programme's last day if earlier). 404 out
    of reach on that day, 403 without ``initiatives.view``."""
    as_of = as_of or min(today(), round.programme.ends_on)
    policy.require(actor, VIEW, unit, as_of)
    nodes = subtree_nodes(unit.pk, as_of)
    if not nodes:
        return []
    ids = subtree_units(nodes[0].path, as_of).values("unit_id")
    counts = (
        Initiative.objects.filter(round=round, unit_id__in=ids, registered_on__lte=as_of)
        .values("unit_id")
        .annotate(
            registered=Count("id"),
            recognised=Count("id", filter=Q(state=Initiative.State.RECOGNISED, decided_on__lte=as_of)),
        )
        .order_by()
    )
    own: dict[int, dict] = {
        r["unit_id"]: {"registered": r["registered"], "recognised": r["recognised"]} for r in counts
    }
    for unit_id, count in Target.objects.filter(round=round, unit_id__in=ids).values_list("unit_id", "count"):
        own.setdefault(unit_id, {})["target"] = count
    return roll_up([(node, Progress(**own.get(node.id, {}))) for node in nodes], combine=_combine)


# -- figures (core.figures) ------------------------------------------------------------------------


BY_ROUND = "initiatives.by_round."  # + round number + .registered / .recognised / .target (/.percent)


def round_numbers() -> list[int]:
    """The round numbers of every programme (đợt 1, 2…): the rows of the ``initiatives.by_round.``
    family of figures. One query."""
    return list(Round.objects.order_by("number").values_list("number", flat=True).distinct())


def _by_round_values(query, ids, values: dict[int, dict[str, int]]) -> None:
    """Each unit's own ``initiatives.by_round.<n>.*``: of the rounds numbered n whose window meets
    the period (a phase is reported while it runs and in the period it closes), the initiatives
    registered in them up to the period's end, those recognised by ``as_of``, and the targets the
    unit received for them. Two grouped queries, whatever the number of rounds."""
    rounds = Q(round__starts_on__lte=query.period.end, round__ends_on__gte=query.period.start)
    rows = (
        Initiative.objects.filter(rounds, unit_id__in=ids, registered_on__lte=query.flow_end)
        .values("unit_id", "round__number")
        .annotate(
            registered=Count("id"),
            recognised=Count("id", filter=Q(state=Initiative.State.RECOGNISED, decided_on__lte=query.as_of)),
        )
        .order_by()
    )
    for r in rows:
        own = values.setdefault(r["unit_id"], {})
        prefix = f"{BY_ROUND}{r['round__number']}."
        own[f"{prefix}registered"] = own.get(f"{prefix}registered", 0) + r["registered"]
        own[f"{prefix}recognised"] = own.get(f"{prefix}recognised", 0) + r["recognised"]
    targets = (
        Target.objects.filter(rounds, unit_id__in=ids)
        .values("unit_id", "round__number")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for r in targets:
        own = values.setdefault(r["unit_id"], {})
        name = f"{BY_ROUND}{r['round__number']}.target"
        own[name] = (own.get(name) or 0) + r["total"]


def initiative_figure_values(query) -> dict[int, dict[str, int]]:
    """Each unit's own ``initiatives.registered`` (registered in the period, up to ``as_of``),
    ``initiatives.recognised`` (of those, recognised by ``as_of``) and ``initiatives.target`` (what it
    received for the rounds that end in the period: a round's target is due on its last day, so a
    year reports the rounds it closes, and a round spanning two years is not counted in both, as
    officers report a phase's result once). Two grouped queries; the per-round family
    (``_by_round_values``) two more when asked."""
    return _initiative_values(query, "unit_id")


def initiative_figure_totals(query) -> dict[str, int]:
    """``initiative_figure_values`` added over the subtree's units: the same queries, not grouped (the
    per-round family, when asked, added up from its per-unit values)."""
    if any(name.startswith(BY_ROUND) for name in query.names):
        return figures.sum_rows(initiative_figure_values(query))
    return _initiative_values(query, None).get(None, {})


def _initiative_values(query, by: str | None) -> dict:
    """``{unit id: values}`` grouped by ``by`` (``unit_id``), or ``{None: values}`` of the subtree."""
    ids = subtree_units(query.path, query.as_of).values("unit_id")
    values: dict = {}
    if query.names & {"initiatives.registered", "initiatives.recognised"}:
        rows = Initiative.objects.filter(
            unit_id__in=ids, registered_on__gte=query.period.start, registered_on__lte=query.flow_end
        )
        recognised = Q(state=Initiative.State.RECOGNISED, decided_on__lte=query.as_of)
        for r in figures.grouped(
            rows, [by], registered=Count("id"), recognised=Count("id", filter=recognised)
        ):
            values[r.get(by)] = {
                "initiatives.registered": r["registered"],
                "initiatives.recognised": r["recognised"],
            }
    if "initiatives.target" in query.names:
        rows = Target.objects.filter(
            unit_id__in=ids,
            round__ends_on__gte=query.period.start,
            round__ends_on__lte=query.period.end,
        )
        for r in figures.grouped(rows, [by], total=Sum("count")):
            values.setdefault(r.get(by), {})["initiatives.target"] = r["total"] or 0
    if by and any(name.startswith(BY_ROUND) for name in query.names):
        _by_round_values(query, ids, values)
    return values
