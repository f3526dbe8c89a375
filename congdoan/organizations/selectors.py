"""Reads of the organisation tree. Every selector takes the actor and returns only what they may see."""

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import reduce

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from congdoan.core import permissions as registry
from congdoan.core.dates import today
from congdoan.core.labels import localized
from congdoan.core.models import AuditEntry
from congdoan.core.periods import Period
from congdoan.core.rollup import UnitNode
from congdoan.core.text import search_words

from .models import Unit, UnitVersion
from .permissions import UNITS_VIEW, get_visible_or_404, path_of_units, policy


def name_words_q(q: str) -> Q:
    """Units whose name (or short name) holds every word of ``q``, in any order, with or without
    diacritics ('van hoa khanh hoa' finds 'Trung tâm Văn hóa … Khánh Hòa'); all units for no word."""
    return reduce(operator.and_, (Q(name_folded__contains=w) for w in search_words(q)), Q())


def unit_versions(*, actor, as_of: dt.date | None = None, perm: str = UNITS_VIEW) -> QuerySet[UnitVersion]:
    """Versions valid on ``as_of`` of the units the actor may see, with kind loaded."""
    return policy.visible_units(actor, perm, as_of or today()).select_related("kind")


def unit_search(
    *,
    actor,
    as_of: dt.date | None = None,
    q: str = "",
    parent: Unit | None = None,
    within: Unit | None = None,
    grassroots: bool = False,
) -> QuerySet[UnitVersion]:
    """Units by name (with or without diacritics), optionally only the children of ``parent``
    or only the subtree of ``within`` (``grassroots``: only grassroots unions). Ordered depth-first
    by path."""
    as_of = as_of or today()
    qs = unit_versions(actor=actor, as_of=as_of)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if within is not None:
        root = path_of_units([within.pk], as_of).get(within.pk)
        qs = qs.filter(path__startswith=root) if root else qs.none()
    if grassroots:
        qs = qs.filter(kind__is_grassroots=True)
    return qs.filter(name_words_q(q)).order_by("path")


def unit_subtree(*, actor, unit: Unit, as_of: dt.date | None = None) -> QuerySet[UnitVersion]:
    """The whole subtree of ``unit`` on ``as_of`` (the unit included), in one indexed query."""
    return unit_search(actor=actor, as_of=as_of, within=unit)


def _with_has_children(qs: QuerySet[UnitVersion], as_of: dt.date) -> QuerySet[UnitVersion]:
    children = UnitVersion.objects.active(as_of).filter(parent_id=OuterRef("unit_id"))
    return qs.annotate(has_children=Exists(children))


def tree_roots(*, actor, as_of: dt.date | None = None) -> list[UnitVersion]:
    """The top of what the actor sees: the root for a superuser, else each granted unit not
    already inside another grant."""
    as_of = as_of or today()
    qs = unit_versions(actor=actor, as_of=as_of)
    if policy.is_unrestricted(actor):
        qs = qs.filter(parent__isnull=True)
    else:
        qs = qs.filter(unit_id__in=policy.grant_unit_ids(actor, UNITS_VIEW))
    roots = list(_with_has_children(qs, as_of).order_by("path"))
    return [r for r in roots if not any(r.path != o.path and r.path.startswith(o.path) for o in roots)]


def tree_children(*, actor, unit: Unit, as_of: dt.date | None = None) -> list[UnitVersion]:
    as_of = as_of or today()
    qs = unit_versions(actor=actor, as_of=as_of).filter(parent=unit)
    return sorted(_with_has_children(qs, as_of), key=lambda v: (v.kind.order, v.sort_key))


def unit_get(*, actor, unit_id: int, as_of: dt.date | None = None, perm: str = UNITS_VIEW) -> Unit:
    """A unit the actor may see, or 404. Closed units stay visible in the scope they closed in."""
    unit = get_visible_or_404(Unit.objects.all(), pk=unit_id)
    if not policy.can(actor, perm, unit, as_of or today()):
        raise Http404
    return unit


def unit_version_for_display(unit: Unit, as_of: dt.date) -> UnitVersion:
    """The version valid on ``as_of``; for a unit not valid then, the nearest one."""
    version = unit.version_on(as_of)
    if version is None:
        later = (
            unit.versions.filter(valid_from__gt=as_of).order_by("valid_from").select_related("kind").first()
        )
        version = later or unit.versions.order_by("-valid_from").select_related("kind").first()
    return version


def unit_ancestors(version: UnitVersion, as_of: dt.date) -> list[UnitVersion]:
    """The managing chain above a unit on ``as_of`` (root first), for breadcrumbs."""
    ids = version.ancestor_ids()
    if not ids:
        return []
    found = {v.unit_id: v for v in UnitVersion.objects.active(as_of).filter(unit_id__in=ids)}
    return [found[i] for i in ids if i in found]


def unit_names(unit_ids: list[int], as_of: dt.date) -> dict[int, str]:
    """Names on ``as_of`` (or nearest) for display of links such as guidance parents and successors."""
    names: dict[int, str] = {}
    rows = UnitVersion.objects.filter(unit_id__in=unit_ids).order_by("unit_id", "valid_from")
    for v in rows:
        if v.unit_id not in names or v.valid_from <= as_of:
            names[v.unit_id] = v.name
    return names


def unit_history(*, actor, unit: Unit) -> tuple[list[UnitVersion], QuerySet[AuditEntry]]:
    """Every version of the unit (oldest first) and the audit entries about it."""
    policy.require(actor, UNITS_VIEW, unit)
    versions = list(unit.versions.select_related("kind", "parent", "guidance_parent").order_by("valid_from"))
    parents = {v.parent_id for v in versions} | {v.guidance_parent_id for v in versions}
    names = unit_names([p for p in parents if p], today())
    for v in versions:
        v.parent_name = names.get(v.parent_id, "")
        v.guidance_name = names.get(v.guidance_parent_id, "")
    entries = AuditEntry.objects.filter(
        object_type="organizations.unit", object_id=str(unit.pk)
    ).select_related("actor")
    return versions, entries


def unit_planned_changes(unit: Unit, versions: list[UnitVersion]) -> list[tuple[dt.date, str]]:
    """Changes of ``unit`` dated after today (``unit_history``'s versions, a future merger or
    dissolution): ``(day, what)`` in date order. Until its day the unit reads as it is today; its
    page shows them as planned (issue 8)."""
    now = today()
    planned = [
        (
            v.valid_from,
            _("%(name)s (cấp trên quản lý: %(parent)s)") % {"name": v.name, "parent": v.parent_name or "—"},
        )
        for v in versions
        if v.valid_from > now and v.valid_from != unit.valid_from
    ]
    if unit.valid_to is not None and unit.valid_to > now:
        planned.append((unit.valid_to, Unit.EndReason(unit.end_reason).label if unit.end_reason else ""))
    return sorted(planned, key=lambda p: p[0])


def unit_switcher_choices(*, actor) -> list[UnitVersion]:
    """The units at the top of the actor's scope today, for the unit switcher in the header."""
    if policy.is_unrestricted(actor):
        return list(UnitVersion.objects.active(today()).filter(depth__lte=1).order_by("path"))
    return list(
        UnitVersion.objects.active(today())
        .filter(unit_id__in=policy.grant_unit_ids(actor, UNITS_VIEW))
        .order_by("path")
    )


def units_for_choice(*, actor, as_of: dt.date | None = None, perm: str = UNITS_VIEW) -> QuerySet[UnitVersion]:
    """Units offered in a form's unit picker: those the actor may use for ``perm`` on that date."""
    return unit_versions(actor=actor, as_of=as_of, perm=perm).order_by("path")


@dataclass(frozen=True)
class UnitRef:
    """A unit named on someone else's page (breadcrumb, parent, successor): link it only if visible."""

    unit_id: int
    name: str
    visible: bool


def unit_refs(*, actor, unit_ids, as_of: dt.date | None = None) -> dict[int, UnitRef]:
    """Names (on ``as_of``, or nearest) of the given units and whether the actor may open each.

    Two queries for any number of units, so a page of search results can show every result's path.
    """
    as_of = as_of or today()
    ids = {i for i in unit_ids if i is not None}
    if not ids:
        return {}
    names = unit_names(list(ids), as_of)
    paths = path_of_units(ids, as_of)
    # The rule of policy.can, applied to many units at once.
    scope = None if policy.is_unrestricted(actor) else policy.scope_paths(actor, UNITS_VIEW, as_of)
    return {
        uid: UnitRef(uid, name, scope is None or any(paths.get(uid, "").startswith(p) for p in scope))
        for uid, name in names.items()
    }


def subtree_sizes(*, actor, roots: list[UnitVersion], as_of: dt.date | None = None) -> dict[int, int]:
    """How many units the actor sees below each root on ``as_of``, in one aggregated query."""
    if not roots:
        return {}
    totals = unit_versions(actor=actor, as_of=as_of).aggregate(
        **{
            f"u{r.unit_id}": Count("pk", filter=Q(path__startswith=r.path) & ~Q(unit_id=r.unit_id))
            for r in roots
        }
    )
    return {r.unit_id: totals[f"u{r.unit_id}"] for r in roots}


@dataclass(frozen=True)
class DashboardScope:
    """The unit the dashboard is read for (``None``: the actor sees no unit), the period of its
    figures and the date they are read as of (``core.figures``: the tree of that date)."""

    unit: UnitVersion | None
    as_of: dt.date
    roots: tuple[UnitVersion, ...]
    period: Period | None = None
    form: object = None  # the header's unit picker and period, when the page offers them
    header_template: str = "organizations/partials/dashboard_scope.html"

    @property
    def unit_id(self) -> int | None:
        return self.unit.unit_id if self.unit else None


def dashboard_scope(
    *,
    actor,
    unit_id: int | None = None,
    as_of: dt.date | None = None,
    period: Period | None = None,
    form=None,
) -> DashboardScope:
    """The unit asked for if the actor may see it on ``as_of`` (default today), else the actor's
    home unit if visible, else the first unit at the top of their scope; figures over ``period``
    (default the year of ``as_of``)."""
    as_of = as_of or today()
    roots = tuple(tree_roots(actor=actor, as_of=as_of))
    visible = unit_versions(actor=actor, as_of=as_of)
    unit = None
    for candidate in (unit_id, getattr(actor, "home_unit_id", None)):
        if candidate and unit is None:
            unit = visible.filter(unit_id=candidate).first()
    if unit is None and roots:
        unit = roots[0]
    return DashboardScope(unit, as_of, roots, period or Period.year(as_of.year), form)


# -- the figures' tree (core.figures) ----------------------------------------------------------------


def subtree_units(path: str, on: dt.date) -> QuerySet[UnitVersion]:
    """The ids (``values("unit_id")``) of the units whose path on ``on`` starts with ``path``: a
    subquery for figures (``unit_id__in=``), served by the path index, never a list of ids."""
    return UnitVersion.objects.active(on).filter(path__startswith=path).values("unit_id")


def subtree_on(unit_id: int, on: dt.date) -> QuerySet[UnitVersion]:
    """``subtree_units`` of the unit's subtree as it was on ``on`` (its path then): the units a
    figure read as of ``on`` counts, for a list of the records behind it (``records_at``). A unit
    that did not exist on ``on`` has no units (the figure has no value then either)."""
    path = UnitVersion.objects.active(on).filter(unit_id=unit_id).values_list("path", flat=True)[:1]
    return UnitVersion.objects.active(on).filter(path__startswith=Subquery(path)).values("unit_id")


def remember_latest_versions(units) -> None:
    """Fill ``Unit.latest_version`` (what ``str(unit)`` reads) of ``units`` in one query, so a list
    naming its units does not read one version a row."""
    units = [u for u in units if u is not None]
    latest: dict[int, UnitVersion] = {}
    rows = UnitVersion.objects.filter(unit_id__in={u.pk for u in units}).order_by("unit_id", "-valid_from")
    for version in rows:
        latest.setdefault(version.unit_id, version)
    for u in units:
        u.__dict__["latest_version"] = latest.get(u.pk)  # Unit.latest_version's cache


def subtrees_under(roots: Mapping[int, str], on: dt.date) -> dict[int, list[int]]:
    """For each ``{unit id: path}`` of ``roots``, the ids of the units whose path on ``on`` starts
    with that path (``subtree_units`` for several roots): one query for any number of roots. No
    permission check, like ``subtree_units``: a building block for callers that asked the policy."""
    out: dict[int, list[int]] = {uid: [] for uid in roots}
    if not roots:
        return out
    wanted = Q()
    for path in roots.values():
        wanted |= Q(path__startswith=path)
    for member, path in UnitVersion.objects.active(on).filter(wanted).values_list("unit_id", "path"):
        for uid, root in roots.items():
            if path.startswith(root):
                out[uid].append(member)
    return out


def subtree_nodes(unit_id: int, as_of: dt.date) -> list[UnitNode]:
    """The units of ``unit_id``'s subtree on ``as_of`` in tree order, the unit first (``[]`` if it
    did not exist that day): two queries, the second by the path index. No permission check: the
    figures layer asks the policy first (a unit's whole subtree is in the reach of whoever reaches
    the unit)."""
    root = unit_path(unit_id, as_of)
    if root is None:
        return []
    rows = (
        UnitVersion.objects.active(as_of)
        .filter(path__startswith=root)
        .order_by("path")
        .values_list("unit_id", "name", "kind__name", "kind__name_en", "path", "depth")
    )
    return _nodes(rows)


def _nodes(rows) -> list[UnitNode]:
    labels: dict[tuple[str, str], str] = {}  # a few kinds for 10,000 units: each label looked up once
    return [
        UnitNode(
            uid,
            name,
            labels.get((kind, kind_en)) or labels.setdefault((kind, kind_en), localized(kind, kind_en)),
            path,
            depth,
        )
        for uid, name, kind, kind_en, path, depth in rows
    ]


def child_nodes(unit_id: int, as_of: dt.date) -> list[UnitNode]:
    """The units one level below ``unit_id`` on ``as_of`` (``subtree_nodes``' rows one deeper than
    the unit), in tree order; ``[]`` if it did not exist that day. Two queries by the path index."""
    root = UnitVersion.objects.active(as_of).filter(unit_id=unit_id).values_list("path", "depth").first()
    if root is None:
        return []
    rows = (
        UnitVersion.objects.active(as_of)
        .filter(path__startswith=root[0], depth=root[1] + 1)
        .order_by("path")
        .values_list("unit_id", "name", "kind__name", "kind__name_en", "path", "depth")
    )
    return _nodes(rows)


def subtree_paths(unit_id: int, as_of: dt.date) -> dict[int, str]:
    """``{unit id: path}`` of ``subtree_nodes``' units (the unit first; ``{}`` if it did not exist
    that day): what the figures' totals need, without a node object per unit."""
    root = unit_path(unit_id, as_of)
    if root is None:
        return {}
    rows = UnitVersion.objects.active(as_of).filter(path__startswith=root).values_list("unit_id", "path")
    return {unit_id: root, **dict(rows)}


def unit_path(unit_id: int, as_of: dt.date) -> str | None:
    """The unit's path on ``as_of`` (``None`` if it did not exist that day). One query."""
    return UnitVersion.objects.active(as_of).filter(unit_id=unit_id).values_list("path", flat=True).first()


def grassroots_total(query) -> dict[str, int]:
    """``units.grassroots`` of the whole subtree: the grassroots unions counted in one aggregate."""
    return {"units.grassroots": grassroots_units(query.path, query.as_of).count()}


def grassroots_units(path: str, on: dt.date) -> QuerySet[UnitVersion]:
    """The ids (``values_list("unit_id")``) of the grassroots unions (CĐCS: a kind marked
    ``is_grassroots``) whose path on ``on`` starts with ``path``: the registry's count of them, what
    ``units.grassroots`` adds up and the filing tracker lists."""
    return (
        UnitVersion.objects.active(on)
        .filter(path__startswith=path, kind__is_grassroots=True)
        .values_list("unit_id", flat=True)
    )


def grassroots_figures(query) -> dict[int, dict[str, int]]:
    """``units.grassroots``: 1 for each grassroots union (CĐCS) of the subtree on ``query.as_of``."""
    return {uid: {"units.grassroots": 1} for uid in grassroots_units(query.path, query.as_of)}


def unit_card(*, actor, scope: DashboardScope) -> dict:
    """The dashboard's unit card: the unit, its kind and how many units the actor sees below it."""
    if scope.unit is None:
        return {}
    return {
        "unit": scope.unit,
        "below": subtree_sizes(actor=actor, roots=[scope.unit], as_of=scope.as_of)[scope.unit.unit_id],
    }


# -- the unit picker -------------------------------------------------------------------------------
# A unit field offers only what the actor may use the permission on, typed with or without
# diacritics. Apps name narrower sets of units (e.g. "units that hold members") by registering a
# filter here; the picker's URL carries that name, never a query.

UnitFilter = Callable[[QuerySet[UnitVersion], dt.date], QuerySet[UnitVersion]]
UNIT_FILTERS: dict[str, UnitFilter] = {}
PICKER_LIMIT = 20


def register_unit_filter(name: str, unit_filter: UnitFilter) -> None:
    """Name a set of units a picker may be limited to; ``unit_filter(versions, as_of)`` narrows."""
    UNIT_FILTERS[name] = unit_filter


def unit_choices(
    *,
    actor,
    perm: str,
    q: str = "",
    only: str = "",
    exclude: Iterable[int] = (),
    ids: Iterable[int] | None = None,
    as_of: dt.date | None = None,
    limit: int | None = PICKER_LIMIT,
) -> list[UnitVersion]:
    """Versions (on ``as_of``, default today) of the units the actor may use ``perm`` on, whose
    names hold every word of ``q`` (``name_words_q``), narrowed by the registered filter ``only``, without ``exclude``,
    only ``ids`` if given; tree order, at most ``limit``. One query after the actor's reach.

    An undeclared ``perm`` raises ``UnknownPermission``, an unregistered ``only`` ``KeyError``."""
    as_of = as_of or today()
    qs = unit_versions(actor=actor, as_of=as_of, perm=perm)
    if only:
        qs = UNIT_FILTERS[only](qs, as_of)
    qs = qs.filter(name_words_q(q))
    if ids is not None:
        qs = qs.filter(unit_id__in=list(ids))
    exclude = [i for i in exclude if i]
    if exclude:
        qs = qs.exclude(unit_id__in=exclude)
    qs = qs.order_by("path")
    return list(qs[:limit] if limit else qs)


def picker_options(*, actor, params: Mapping[str, str], limit: int = PICKER_LIMIT) -> list[UnitVersion]:
    """The picker's results for query parameters ``perm`` (default units.view), ``q``, ``only`` and
    ``exclude`` (ids, comma-separated); 404 for an undeclared permission or an unknown filter."""
    perm = params.get("perm") or UNITS_VIEW
    only = params.get("only") or ""
    if not registry.is_declared(perm) or (only and only not in UNIT_FILTERS):
        raise Http404
    exclude = [int(i) for i in (params.get("exclude") or "").split(",") if i.strip().isdigit()]
    return unit_choices(
        actor=actor, perm=perm, q=(params.get("q") or "")[:100], only=only, exclude=exclude, limit=limit
    )
