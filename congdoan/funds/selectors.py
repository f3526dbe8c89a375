"""Reads of the fund drives module; every one takes the actor and starts from the policy's reach.

Who sees what (``funds.view``):

- a drive: whoever reaches its launching unit, and the officers of the units below it (they enter
  their units' contributions): a drive launched by a unit above the actor's grants is listed too;
- a contribution: whoever reaches the unit it was collected at (so an officer of a CĐCS sees the
  province's drive and only their own CĐCS's contributions; the launcher's officers see them all).

Totals of a drive are the contributions summed per unit and rolled up the tree as it stood on the
drive's last day (or today while it runs: ``drive_as_of``): ``drive_totals``, each parent the sum
of its own and its units' (``core.rollup``), cut to what the actor sees. The figures of the
registry (``funds.amount``, ``funds.by_fund.<code>.amount``) sum contributions dated in the period
per unit they were collected at (``fund_figure_values``).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.http import Http404

from congdoan.core.dates import today
from congdoan.core.figures import FigureQuery
from congdoan.core.models import active_on
from congdoan.core.periods import Period
from congdoan.core.rollup import RollupRow, roll_up
from congdoan.documents.selectors import document_for_link
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import path_of_units, policy
from congdoan.organizations.selectors import subtree_nodes, subtree_on, subtree_units, unit_names

from .catalogue import TOTAL, figure_name
from .models import Contribution, Drive, Fund
from .permissions import MANAGE, VIEW
from .services import LAUNCH


def visible_unit_ids(actor, perm: str = VIEW) -> QuerySet:
    """Units in the actor's reach today: open units by their current path, closed ones by the path
    they closed with. A subquery."""
    reach = policy.reach(actor, perm, today())
    versions = UnitVersion.objects.filter(reach.q("path")).filter(
        active_on(today()) | Q(unit__valid_to__isnull=False, valid_to=F("unit__valid_to"))
    )
    return versions.values("unit_id")


def _above_ids(actor, perm: str = VIEW) -> set[int]:
    """The units above the actor's grants today (the ancestors written in the grants' paths)."""
    return {int(part) for path in policy.reach(actor, perm, today()).paths for part in path.split("/")[:-2]}


def drives_in_scope(*, actor, perm: str = VIEW) -> QuerySet[Drive]:
    """Drives launched within the actor's reach or above it (see the module)."""
    if policy.is_unrestricted(actor):
        return Drive.objects.all()
    return Drive.objects.filter(
        Q(unit_id__in=visible_unit_ids(actor, perm)) | Q(unit_id__in=_above_ids(actor, perm))
    )


@dataclass(frozen=True)
class DriveFilters:
    unit: Unit | None = None
    fund: Fund | None = None
    year: int | None = None
    period: Period | None = None  # running at some time in it (pages: any period; the API: ``year``)


def drive_search(*, actor, filters: DriveFilters = DriveFilters()) -> QuerySet[Drive]:
    """Drives the actor sees, latest first; ``unit``: launched by it or a unit of its subtree today;
    ``year``: running at some time in that year."""
    qs = drives_in_scope(actor=actor)
    if filters.unit is not None:
        qs = qs.filter(unit_id__in=subtree_of(filters.unit))
    if filters.fund is not None:
        qs = qs.filter(fund=filters.fund)
    if filters.year:
        qs = qs.filter(starts_on__lte=dt.date(filters.year, 12, 31), ends_on__gte=dt.date(filters.year, 1, 1))
    if filters.period is not None:
        qs = qs.filter(starts_on__lte=filters.period.end, ends_on__gte=filters.period.start)
    return qs.select_related("fund").order_by("-starts_on", "-id")


def subtree_of(unit: Unit, on: dt.date | None = None) -> QuerySet:
    """The unit's subtree on ``on`` (today): a subquery of unit ids, by the unit's path then."""
    on = on or today()
    path = path_of_units([unit.pk], on).get(unit.pk, "")
    return subtree_units(path, on) if path else Unit.objects.filter(pk=unit.pk).values("pk")


def drive_get(*, actor, drive_id: int) -> Drive:
    drive = drives_in_scope(actor=actor).select_related("fund", "unit").filter(pk=drive_id).first()
    if drive is None:
        raise Http404
    return drive


def may_manage(actor, drive: Drive) -> bool:
    """Whether the actor may record contributions to the drive: ``funds.manage`` somewhere in the
    launcher's subtree or above it (each entry is checked on its own unit by the service)."""
    return (
        policy.has_anywhere(actor, MANAGE)
        and drives_in_scope(actor=actor, perm=MANAGE).filter(pk=drive.pk).exists()
    )


def require_manage(actor, drive: Drive) -> None:
    from django.core.exceptions import PermissionDenied

    from congdoan.organizations.permissions import DENIED

    if not may_manage(actor, drive):
        raise PermissionDenied(DENIED)


def drive_as_of(drive: Drive) -> dt.date:
    """The day whose tree the drive's totals are read on: its last day, today while it runs."""
    return max(drive.starts_on, min(drive.ends_on, today()))


def launch_document(*, actor, drive: Drive):
    return document_for_link(actor=actor, obj=drive, role=LAUNCH).first()


# -- contributions ---------------------------------------------------------------------------------


def contribution_search(
    *, actor, drive: Drive, unit: Unit | None = None, q: str = ""
) -> QuerySet[Contribution]:
    """The drive's contributions collected at units the actor sees (``unit``: its subtree on the
    drive's day), by date."""
    qs = Contribution.objects.filter(drive=drive, unit_id__in=visible_unit_ids(actor))
    if unit is not None:
        qs = qs.filter(unit_id__in=subtree_of(unit, drive_as_of(drive)))
    if q:
        qs = qs.filter(Q(receipt_no__icontains=q) | Q(contributor_name__icontains=q))
    return qs.order_by("contributed_on", "id")


def contributions_given(
    *, actor, unit: Unit | None, period: Period, as_of: dt.date, fund: Fund | None = None
) -> QuerySet[Contribution]:
    """The contributions a figure ``funds.*`` of ``unit`` counts (``records_url``): collected at the
    units of its subtree on ``as_of`` (every unit the actor reaches without ``unit``), dated in
    ``period`` up to ``as_of`` (``fund_figure_values``), of every drive (``fund``: its drives).
    Newest first; 404 for a unit out of reach."""
    qs = Contribution.objects.filter(
        unit_id__in=visible_unit_ids(actor),
        contributed_on__gte=period.start,
        contributed_on__lte=min(period.end, as_of),
    )
    if unit is not None:
        policy.require(actor, VIEW, unit)
        qs = qs.filter(unit_id__in=subtree_on(unit.pk, as_of))
    if fund is not None:
        qs = qs.filter(drive__fund=fund)
    return qs.select_related("drive__fund").order_by("-contributed_on", "-id")


def contribution_get(*, actor, contribution_id: int) -> Contribution:
    found = (
        Contribution.objects.filter(pk=contribution_id, unit_id__in=visible_unit_ids(actor))
        .select_related("drive__fund", "drive__unit")
        .first()
    )
    if found is None:
        raise Http404
    return found


def with_unit_names(rows, on: dt.date | None = None) -> list:
    """The rows (drives or contributions) with ``unit_name`` (one query for all)."""
    rows = list(rows)
    names = unit_names([r.unit_id for r in rows], on or today())
    for r in rows:
        r.unit_name = names.get(r.unit_id, "")
    return rows


# -- totals ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """Amount (đồng) and number of contributions: adds up with ``+`` (``core.rollup``)."""

    amount: int = 0
    count: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.amount + other.amount, self.count + other.count)


def drive_totals(*, actor, drive: Drive) -> list[RollupRow[Tally]]:
    """Each unit of the launcher's subtree on ``drive_as_of`` that the actor sees, in tree order,
    with its own contributions and its subtree's total. Three queries after the reach."""
    as_of = drive_as_of(drive)
    reach = policy.reach(actor, VIEW, as_of)
    nodes = [n for n in subtree_nodes(drive.unit_id, as_of) if reach.covers(n.path)]
    if not nodes:
        return []
    own = {
        uid: Tally(amount or 0, count)
        for uid, amount, count in Contribution.objects.filter(drive=drive)
        .values("unit_id")
        .annotate(amount=Sum("amount"), count=Count("id"))
        .values_list("unit_id", "amount", "count")
    }
    return roll_up([(n, own.get(n.id, Tally())) for n in nodes])


def drive_total(*, actor, drive: Drive) -> Tally:
    """The drive's total the actor sees: its visible contributions, wherever they were collected."""
    found = contribution_search(actor=actor, drive=drive).aggregate(amount=Sum("amount"), count=Count("id"))
    return Tally(found["amount"] or 0, found["count"] or 0)


def grid_units(*, actor, drive: Drive, parent: Unit, on: dt.date) -> list[UnitVersion]:
    """The grassroots unions (CĐCS) of ``parent``'s subtree on ``on`` inside the drive's launcher's
    subtree that the actor manages funds of: the rows of the entry grid (two queries)."""
    launcher = (
        UnitVersion.objects.active(on).filter(unit_id=drive.unit_id).values_list("path", flat=True).first()
    )
    top = UnitVersion.objects.active(on).filter(unit_id=parent.pk).values_list("path", flat=True).first()
    if launcher is None or top is None or not top.startswith(launcher):
        return []
    reach = policy.reach(actor, MANAGE, on)
    qs = (
        UnitVersion.objects.active(on)
        .filter(path__startswith=top, kind__is_grassroots=True)
        .filter(reach.q("path"), unit_id__in=visible_unit_ids(actor, MANAGE))
        .order_by("path")
    )
    return list(qs)


# -- figures ---------------------------------------------------------------------------------------


def fund_figure_values(query: FigureQuery) -> dict[int, dict[str, int]]:
    """Each unit's own ``funds.amount`` and ``funds.by_fund.<code>.amount``: contributions collected
    at the unit and dated in the period up to ``as_of``. One query."""
    return _fund_values(query, "unit_id")


def fund_figure_totals(query: FigureQuery) -> dict[str, int]:
    """``fund_figure_values`` added over the subtree's units: one query grouped by fund only."""
    return _fund_values(query, None).get(None, {})


def _fund_values(query: FigureQuery, by: str | None) -> dict:
    """``{unit id: values}`` grouped by ``by`` (``unit_id``), or ``{None: values}`` of the subtree."""
    rows = (
        Contribution.objects.filter(
            unit_id__in=subtree_units(query.path, query.as_of),
            contributed_on__gte=query.period.start,
            contributed_on__lte=query.flow_end,
        )
        .values(*filter(None, [by]), "drive__fund__code")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    values: dict = {}
    for unit_id, code, amount in ((r.get(by), r["drive__fund__code"], r["amount"]) for r in rows):
        own = values.setdefault(unit_id, {})
        own[TOTAL] = own.get(TOTAL, 0) + amount
        name = figure_name(code)
        if name in query.names:
            own[name] = own.get(name, 0) + amount
    return values
