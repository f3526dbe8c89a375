"""The figures layer: named figures that installed apps register, computed for a unit's subtree and a
period as of a date (issue 15 §1; the dashboard, the statistics page and their exports read it).

A **figure** has a dotted name (``members.total``), a label, a measure (people, units, VND, %) and a
rule for rolling up the tree:

- ``SUM``: additive; a unit's subtree counts its own and every sub-unit's (members, joins, units).
- ``OWN_OR_SUM``: a unit's own figure stands for its whole subtree (it counts its sub-units' people
  too); without one, its sub-units' add up (the workforce, CBCCVCLĐ). ``None`` when nobody recorded it.
- ``COMPUTED``: from other figures of the same subtree, e.g. ``members.rate_percent`` = the
  members of the units whose workforce is recorded / that workforce in %, an integer rounded half
  up (``percent``). A percentage of a target (``against_target``) may exceed 100 % as good news;
  a share of a whole above 100 % is printed flagged (``Figure.suspicious``).

Apps register a **group** of figures in their ``plugin.py`` (``register_group``) with the permission
that reads them and one function that computes them all, in one or a few queries::

    compute(query: FigureQuery) -> {unit_id: {figure name: own value}}

giving each unit's *own* values (units without a row have none) for the units of the subtree of the
unit whose path on ``query.as_of`` is ``query.path`` (a path predicate, never a list of ids): stock
figures as of ``as_of``, flows (joins, leavers…) over ``query.period`` up to ``as_of``. Computed
figures are registered with ``register_computed``. A **family** (``register_family``) is figures named
after the rows of a catalogue administrators keep (one per fund, per kind of support): the names
(``prefix`` + the row's code…) are read from the catalogue when asked, so a row added later has its
figures at once; the group's ``compute`` gives them like its own (a family's computed figures, a
row's percentage, are worked out from them). Core rolls the own values up the tree as of
``as_of`` (a 2022 figure reads the tree of 2022): ``rows`` gives every unit of the subtree with its
own values and its subtree's totals, ``compute`` the chosen unit's totals (from a group's
``total``, one aggregate over the subtree, when it gives one and every figure asked of it is a ``SUM``). The tree itself (the
nodes on a date, the permission check) is the organisations app's, given by ``register_tree``.

Unknown names raise ``UnknownFigure``; a unit out of the actor's reach 404, visible without the
group's permission 403 (``readable_only=True`` leaves those figures out instead, as the dashboard
does).
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_started
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from . import permissions
from .numbers import over_full
from .periods import Period
from .rollup import RollupRow, UnitNode, nearest_ancestor, roll_up
from .routers import reporting


class Measure(models.TextChoices):
    PEOPLE = "people", _("người")
    UNITS = "units", _("đơn vị")
    VND = "vnd", _("đồng")
    PERCENT = "percent", "%"


class Rollup(models.TextChoices):
    SUM = "sum", _("Cộng đơn vị và các đơn vị trực thuộc")
    OWN_OR_SUM = "own_or_sum", _("Số của chính đơn vị; nếu chưa có thì cộng các đơn vị trực thuộc")
    COMPUTED = "computed", _("Tính từ các số liệu khác")


class UnknownFigure(KeyError):
    """A figure name nobody registered."""


def percent(part: int | None, whole: int | None) -> int | None:
    """``part`` as a percentage of ``whole``, an integer rounded half up; ``None`` without a whole."""
    if part is None or not whole:
        return None
    return (200 * part + whole) // (2 * whole)


@dataclass(frozen=True)
class Figure:
    """``name`` ("app.what"), ``label`` shown for it, ``measure`` and roll-up ``rule``; a
    ``COMPUTED`` figure gives its ``inputs`` (names) and ``formula(*input values)``; ``records_url``
    (optional) leads from a unit's figure to the records it counts.

    ``against_target``: a percentage of a target (initiatives recognised / target) rather than a
    share of a whole (members / workforce): above 100 % it is good news, not a figure to check
    (``suspicious``). ``counted``: the word of what is counted ("sáng kiến", "tập thể") where the
    measure's ("người", "đơn vị") reads wrong; ``word`` gives the one to print."""

    name: str
    label: str | Promise
    measure: str = Measure.PEOPLE
    rule: str = Rollup.SUM
    inputs: tuple[str, ...] = ()
    formula: Callable[..., int | None] | None = field(default=None, compare=False)
    # Optional: the address of the records behind the figure for one unit, ``records_url(unit_id,
    # period, as_of)`` (the module's list filtered), so a report's figure opens what it counts.
    records_url: Callable[[int, Period, dt.date], str] | None = field(default=None, compare=False)
    group: str = ""  # set on registration: the group computing it (none for a computed figure)
    against_target: bool = False
    counted: str | Promise = ""

    @property
    def word(self) -> str:
        """What a value of the figure counts, as printed next to it: ``counted``, else the measure's."""
        return str(self.counted or Measure(self.measure).label)

    def suspicious(self, value: int | None) -> bool:
        """A share of a whole above 100 % (more members than the workforce): printed flagged, never
        silently (issue 9); a percentage of a target above 100 % is not (``against_target``)."""
        return self.measure == Measure.PERCENT and not self.against_target and over_full(value)


@dataclass(frozen=True)
class FigureQuery:
    """What a group's ``compute`` is asked: the figures ``names`` (of its group) for the subtree of
    unit ``unit_id`` whose path on ``as_of`` is ``path``; flows over ``period`` up to ``as_of``."""

    actor: Any
    unit_id: int
    path: str
    period: Period
    as_of: dt.date
    names: frozenset[str]

    @property
    def flow_end(self) -> dt.date:
        """The last day a flow (a join, a leaver) is counted: the period's end, or ``as_of``."""
        return min(self.period.end, self.as_of)


Values = Mapping[str, int | None]
GroupCompute = Callable[[FigureQuery], Mapping[int, Values]]
# Optional: a group's additive flows for the whole subtree per calendar month of ``query.period``
# (up to ``as_of``) in one pass: {first day of the month: {name: value}}, each month's values those
# ``compute`` gives for that month added over the units (a chart by month asks once, not per month).
GroupByMonth = Callable[[FigureQuery], Mapping[dt.date, Values]]
# Optional: the whole subtree's totals of the figures ``query.names`` (all ``SUM``) in one aggregate
# over the subtree (path predicate), ``{name: value}`` (a name left out counts 0): what ``compute``'s
# own values add up to, without a row per unit. ``figures.compute`` uses it; rows keep ``compute``.
GroupTotal = Callable[[FigureQuery], Values]


@dataclass(frozen=True)
class FigureGroup:
    key: str
    permission: str
    compute: GroupCompute
    names: tuple[str, ...]
    by_month: GroupByMonth | None = None
    total: GroupTotal | None = None


@dataclass(frozen=True)
class Tree:
    """What the organisations app gives (``register_tree``): ``nodes(unit_id, as_of)`` the units of
    the subtree on that date in tree order, the unit first (``[]`` if it did not exist then);
    ``can(actor, perm, unit_id, as_of)``; ``require(...)`` raising 404 out of reach, 403 without
    the permission; optionally ``paths(unit_id, as_of)``, ``{unit id: path}`` of the same units (the
    unit first), all that ``compute`` needs: no node objects for a tree of 10,000 units."""

    nodes: Callable[[int, dt.date], list[UnitNode]]
    can: Callable[[Any, str, int, dt.date], bool]
    require: Callable[[Any, str, int, dt.date], None]
    paths: Callable[[int, dt.date], dict[int, str]] | None = None
    # Optional: ``children(unit_id, as_of)``, the nodes right below the unit on that date (``below``).
    children: Callable[[int, dt.date], list[UnitNode]] | None = None
    # Optional: ``path(unit_id, as_of)``, the unit's path that day (``None`` if it did not exist):
    # all ``compute`` needs when every group asked gives its subtree's total (``GroupTotal``).
    path: Callable[[int, dt.date], str | None] | None = None


@dataclass(frozen=True)
class FigureFamily:
    """Figures of group ``group`` named ``prefix``… after the rows of a catalogue: ``figures()``
    reads the rows and gives one or more figures per row; a computed one (a row's percentage) has
    its ``inputs`` among them or registered, and is listed after them."""

    group: str
    prefix: str
    figures: Callable[[], Iterable[Figure]]
    after: str = ""  # listed after this figure (the last registered before the family; "" first)


FIGURES: dict[str, Figure] = {}
GROUPS: dict[str, FigureGroup] = {}
FAMILIES: dict[str, FigureFamily] = {}  # by prefix
_members: dict[str, dict[str, Figure]] = {}  # a family's figures as last read (see forget_families)
_tree: list[Tree] = []


def records_link(view_name: str, **params) -> str:
    """``reverse(view_name)`` with ``params`` as its query string, for a ``records_url``: values
    ``None`` or ``""`` left out, a date written yyyy-mm-dd, a ``Period`` given as ``period`` written
    as its ``ky`` (or ``tu``/``den``, ``Period.query``). E.g. ``records_link("welfare:cases",
    unit=7, period=Period.year(2022), as_of=date(2022, 12, 31))`` → ``/…/?unit=7&ky=2022&as_of=2022-12-31``."""
    query: dict[str, str] = {}
    for key, value in params.items():
        if isinstance(value, Period):
            query.update(value.query())
        elif isinstance(value, dt.date):
            query[key] = value.isoformat()
        elif value is not None and value != "":
            query[key] = str(value)
    address = reverse(view_name)
    return f"{address}?{urlencode(query)}" if query else address


def records_at(view_name: str, *, as_of: bool = True, **fixed) -> Callable[[int, Period, dt.date], str]:
    """A ``Figure.records_url`` leading to the list ``view_name`` filtered to the unit **and its
    subtree** (``unit``; what the figure's subtree total counts), the period (``ky`` or ``tu``/``den``)
    and, with ``as_of``, the date the figure is read at, plus the ``fixed`` parameters (``sex="F"``…)."""

    def url(unit_id: int, period: Period, day: dt.date) -> str:
        return records_link(view_name, unit=unit_id, period=period, as_of=day if as_of else None, **fixed)

    return url


def sum_rows(rows: Mapping[int, Values]) -> dict[str, int]:
    """``{name: value}``: a group's own values (``compute``'s answer) added over the units; a
    ``total`` that cannot aggregate some figures in SQL falls back on it."""
    out: dict[str, int] = {}
    for values in rows.values():
        for name, value in values.items():
            out[name] = out.get(name, 0) + (value or 0)
    return out


def grouped(rows: models.QuerySet, keys: Iterable[str | None], **aggregates) -> list[dict]:
    """``rows`` grouped by ``keys`` (``None`` ones left out) with ``aggregates``, one dict a group;
    with no key left the one row of the aggregate: a ``compute`` grouping by unit and a ``total``
    (``keys`` without the unit) share their queries."""
    keys = [k for k in keys if k]
    if not keys:
        return [rows.aggregate(**aggregates)]
    return list(rows.values(*keys).annotate(**aggregates).order_by())


def register_tree(tree: Tree) -> None:
    _tree[:] = [tree]


def _add(figure: Figure) -> None:
    if figure.name in FIGURES:
        raise ImproperlyConfigured(f"figure {figure.name!r} is registered twice")
    FIGURES[figure.name] = figure


def register_group(
    key: str,
    *,
    permission: str,
    compute: GroupCompute,
    figures: Iterable[Figure],
    by_month: GroupByMonth | None = None,
    total: GroupTotal | None = None,
) -> None:
    """Figures computed together by ``compute`` (see the module's docstring), read under
    ``permission`` (a declared code); ``by_month`` optionally gives the subtree's flows month by
    month in one pass (``GroupByMonth``), ``total`` its ``SUM`` figures' subtree totals in one
    aggregate (``GroupTotal``; it must equal the sum of ``compute``'s rows, as the tests hold)."""
    permissions.check(permission)
    if key in GROUPS:
        raise ImproperlyConfigured(f"figure group {key!r} is registered twice")
    figures = [replace(f, group=key) for f in figures]
    for figure in figures:
        if figure.rule == Rollup.COMPUTED:
            raise ImproperlyConfigured(
                f"{figure.name}: a computed figure is registered with register_computed"
            )
        _add(figure)
    GROUPS[key] = FigureGroup(key, permission, compute, tuple(f.name for f in figures), by_month, total)


def register_computed(figure: Figure) -> None:
    """A figure computed from others (``inputs``, registered before it, by any app)."""
    if figure.rule != Rollup.COMPUTED or figure.formula is None or not figure.inputs:
        raise ImproperlyConfigured(f"{figure.name}: a computed figure needs inputs and a formula")
    for name in figure.inputs:
        get(name)
    _add(figure)


def register_family(group: str, *, prefix: str, figures: Callable[[], Iterable[Figure]], models=()) -> None:
    """Figures of the registered group ``group`` named after a catalogue's rows (``FigureFamily``),
    listed after the figures registered before it. Saving or deleting a row of ``models`` (the
    catalogues read) makes the next read list the rows again, as does each request."""
    if group not in GROUPS:
        raise ImproperlyConfigured(f"figure family {prefix!r}: group {group!r} is not registered")
    if not prefix.endswith(".") or prefix in FAMILIES or any(n.startswith(prefix) for n in FIGURES):
        raise ImproperlyConfigured(f"figure family {prefix!r}: the prefix ends with a dot and is its own")
    FAMILIES[prefix] = FigureFamily(group, prefix, figures, after=next(reversed(FIGURES), ""))
    for model in models:
        post_save.connect(forget_families, sender=model, dispatch_uid=f"figures.{prefix}.save")
        post_delete.connect(forget_families, sender=model, dispatch_uid=f"figures.{prefix}.delete")


def forget_families(**_signal) -> None:
    """Read the families' catalogues again at the next use."""
    _members.clear()


request_started.connect(forget_families, dispatch_uid="core.figures.families")


def _family(prefix: str) -> dict[str, Figure]:
    """The family's figures by name, the catalogue read once until forgotten (one query)."""
    found = _members.get(prefix)
    if found is None:
        family = FAMILIES[prefix]
        found = {}
        for figure in family.figures():
            computed = figure.rule == Rollup.COMPUTED
            if not figure.name.startswith(prefix) or (
                computed and (figure.formula is None or not figure.inputs)
            ):
                raise ImproperlyConfigured(f"{figure.name}: not a figure named {prefix!r}…")
            if figure.name not in FIGURES:  # a figure registered by name keeps it
                found[figure.name] = replace(figure, group="" if computed else family.group)
        _members[prefix] = found
    return found


def get(name: str) -> Figure:
    figure = FIGURES.get(name)
    if figure is not None:
        return figure
    for prefix in FAMILIES:
        if name.startswith(prefix) and name in _family(prefix):
            return _family(prefix)[name]
    raise UnknownFigure(name)


def known(name: str) -> bool:
    """Whether ``name`` is registered now (a family's figure goes with its catalogue's row)."""
    try:
        get(name)
    except UnknownFigure:
        return False
    return True


def catalogue() -> list[Figure]:
    """Every registered figure, in registration order, each family's as its catalogue lists them now."""
    after: dict[str, list[str]] = {}
    for prefix, family in FAMILIES.items():
        after.setdefault(family.after, []).append(prefix)
    out: list[Figure] = [f for prefix in after.get("", []) for f in _family(prefix).values()]
    for name, figure in FIGURES.items():
        out.append(figure)
        out += [f for prefix in after.get(name, []) for f in _family(prefix).values()]
    return out


def _closure(names: Iterable[str]) -> list[Figure]:
    """The figures asked for and, before each computed one, what it is computed from."""
    ordered: dict[str, Figure] = {}

    def visit(name: str) -> None:
        figure = get(name)
        for dependency in figure.inputs:
            visit(dependency)
        ordered.setdefault(name, figure)

    for name in names:
        visit(name)
    return list(ordered.values())


def _combine(figures: Sequence[Figure]) -> Callable[[Values, Sequence[Values]], Values]:
    stored = [f for f in figures if f.rule != Rollup.COMPUTED]

    def combine(own: Values, below: Sequence[Values]) -> Values:
        total: dict[str, int | None] = {}
        for f in stored:
            mine = own[f.name]
            if f.rule == Rollup.SUM:
                total[f.name] = mine + sum(b[f.name] for b in below)
            elif mine is not None:  # OWN_OR_SUM: the unit's own figure stands for its subtree
                total[f.name] = mine
            else:
                parts = [b[f.name] for b in below if b[f.name] is not None]
                total[f.name] = sum(parts) if parts else None
        return total

    return combine


def _complete(values: Values, figures: Sequence[Figure]) -> dict[str, int | None]:
    """``values`` with each computed figure worked out (dependencies come first in ``figures``)."""
    done = dict(values)
    for f in figures:
        if f.rule == Rollup.COMPUTED:
            done[f.name] = f.formula(*(done.get(name) for name in f.inputs))
    return done


@dataclass(frozen=True)
class _Gathered:
    figures: list[Figure]  # those asked and readable, inputs before computed ones
    nodes: list[UnitNode]  # the subtree on as_of, the unit first ([] when only the paths were read)
    paths: dict[int, str]  # the subtree's paths on as_of, the unit first
    # Each readable group's answer as it came: (the names asked of it, {unit id: own values}).
    answers: list[tuple[list[str], Mapping[int, Values]]]
    empty: dict[str, int | None]  # a unit's own values when it has none: 0 to add, None to stand for
    summed: dict[str, int | None] = field(default_factory=dict)  # the groups' totals (``GroupTotal``)

    def own(self) -> dict[int, dict[str, int | None]]:
        """Each unit's own values (units with none are absent), every figure's key present."""
        own: dict[int, dict[str, int | None]] = {}
        for wanted, computed in self.answers:
            for uid, values in computed.items():
                if uid in self.paths:
                    own.setdefault(uid, dict(self.empty)).update(
                        {n: values[n] for n in wanted if n in values}
                    )
        return own


def _gather(
    *, actor, unit_id, names, period, as_of, readable_only, paths_only=False, totals=False
) -> _Gathered | None:
    """Check the permissions (each once), read the tree of ``as_of`` and ask each group once;
    ``totals``: a group whose figures asked are all ``SUM`` and that gives a ``total`` is asked for
    the subtree's totals (``summed``) instead of a row per unit, and if every group is, only the
    unit's path is read (``Tree.path``), not the subtree's."""
    if not _tree:
        raise ImproperlyConfigured("no tree is registered for the figures (organizations.plugin)")
    tree = _tree[0]
    figures = _closure(names)
    groups: dict[str, list[str]] = {}
    for f in figures:
        if f.group:
            groups.setdefault(f.group, []).append(f.name)
    allowed: dict[str, bool] = {}
    for permission in dict.fromkeys(GROUPS[key].permission for key in groups):
        if readable_only:
            allowed[permission] = tree.can(actor, permission, unit_id, as_of)
        else:
            tree.require(actor, permission, unit_id, as_of)
            allowed[permission] = True
    readable = {key: wanted for key, wanted in groups.items() if allowed[GROUPS[key].permission]}
    if not readable:
        return None
    kept: set[str] = set()
    for f in figures:
        if (f.group in readable) or (not f.group and all(i in kept for i in f.inputs)):
            kept.add(f.name)
    figures = [f for f in figures if f.name in kept]
    rules = {f.name: f.rule for f in figures}
    fast = {
        key
        for key, wanted in readable.items()
        if totals and GROUPS[key].total is not None and all(rules[n] == Rollup.SUM for n in wanted)
    }
    if paths_only and tree.path is not None and len(fast) == len(readable):
        top = tree.path(unit_id, as_of)
        nodes, paths = [], ({} if top is None else {unit_id: top})
    elif paths_only and tree.paths is not None:
        nodes, paths = [], tree.paths(unit_id, as_of)
    else:
        nodes = tree.nodes(unit_id, as_of)
        paths = {node.id: node.path for node in nodes}
    if not paths:
        return None
    empty = {f.name: (0 if f.rule == Rollup.SUM else None) for f in figures if f.group}
    answers, summed = [], {}
    for key, wanted in readable.items():
        query = FigureQuery(actor, unit_id, paths[unit_id], period, as_of, frozenset(wanted))
        with reporting():  # a report's reads: the replica's, when there is one (core.routers)
            if key in fast:
                total = GROUPS[key].total(query)
                summed.update({name: total.get(name) or 0 for name in wanted})
            else:
                answers.append((wanted, GROUPS[key].compute(query)))
    return _Gathered(figures, nodes, paths, answers, empty, summed)


def _add_up(found: _Gathered, buckets: Mapping[int, str]) -> dict[str, dict[str, int | None]]:
    """The totals of the stored figures per bucket: ``buckets`` gives, for each unit of the subtree
    whose own values count, the path of the subtree they count in (a unit left out counts in none).
    A ``SUM`` figure adds the own values of the bucket's units, an ``OWN_OR_SUM`` one those of its
    units with no ancestor among them holding one: ``rows``' totals, worked out without a row per
    unit (only the values the groups gave are visited: at 10,000 units a dense table of every
    figure took most of the time)."""
    stored = [f for f in found.figures if f.group]
    sums = {f.name for f in stored if f.rule == Rollup.SUM}
    standing = [f.name for f in stored if f.rule == Rollup.OWN_OR_SUM]
    totals: dict[str, dict[str, int | None]] = {}
    held: dict[str, dict[str, int]] = {name: {} for name in standing}  # name → {path: own value}
    held_bucket: dict[str, str] = {}
    for wanted, computed in found.answers:
        added = [n for n in wanted if n in sums]
        kept = [n for n in wanted if n in held]
        for uid, values in computed.items():
            bucket = buckets.get(uid)
            if bucket is None:
                continue
            total = totals.get(bucket)
            if total is None:
                total = totals[bucket] = dict(found.empty)
            for name in added:
                value = values.get(name)
                if value:
                    total[name] += value
            for name in kept:
                value = values.get(name)
                if value is not None:
                    path = found.paths[uid]
                    held[name][path] = value
                    held_bucket[path] = bucket
    for name, by_path in held.items():
        for path, value in by_path.items():
            if nearest_ancestor(path, by_path) is not None:
                continue  # a unit above it stands for it (only units of a bucket were kept)
            bucket = held_bucket[path]
            total = totals.get(bucket)
            if total is None:
                total = totals[bucket] = dict(found.empty)
            total[name] = (total[name] or 0) + value
    return totals


def rows(
    *,
    actor,
    unit_id: int,
    names: Iterable[str],
    period: Period,
    as_of: dt.date,
    readable_only: bool = False,
) -> list[RollupRow[dict[str, int | None]]]:
    """Every unit of ``unit_id``'s subtree on ``as_of``, in tree order (the unit first, ``indent``
    below it), with ``own`` values and the subtree's ``total`` of ``names`` (and of the figures
    computed ones need). Each group is asked once. ``[]`` if the unit did not exist on ``as_of``."""
    found = _gather(
        actor=actor, unit_id=unit_id, names=names, period=period, as_of=as_of, readable_only=readable_only
    )
    if found is None:
        return []
    own = found.own()
    items = [(node, own.get(node.id, found.empty)) for node in found.nodes]
    rolled = roll_up(items, combine=_combine(found.figures))
    if not any(f.rule == Rollup.COMPUTED for f in found.figures):
        # Nothing to work out: each row's own values as a dict of its own, its totals as combined
        # (at 10,000 units, completing every row took most of the page's Python time).
        return [RollupRow(r.unit, r.indent, dict(r.own), r.total) for r in rolled]
    return [
        RollupRow(r.unit, r.indent, _complete(r.own, found.figures), _complete(r.total, found.figures))
        for r in rolled
    ]


def compute(**arguments) -> dict[str, int | None]:
    """The totals of ``names`` for ``unit_id``'s subtree (``rows``' arguments), as ``rows`` gives
    them on its first row, without rolling up every unit: a ``SUM`` figure adds every unit's own
    value, an ``OWN_OR_SUM`` one the values of the units with no ancestor holding one. ``{}`` if
    the unit did not exist on ``as_of`` (or, ``readable_only``, when none is readable)."""
    found = _gather(**{"readable_only": False, **arguments}, paths_only=True, totals=True)
    if found is None:
        return {}
    top = found.paths[arguments["unit_id"]]
    total = _add_up(found, dict.fromkeys(found.paths, top)).get(top, dict(found.empty))
    return _complete({**total, **found.summed}, found.figures)


def below(**arguments) -> list[tuple[UnitNode, dict[str, int | None]]]:
    """The units right below ``unit_id`` on ``as_of`` (``rows``' arguments), in tree order, each with
    its subtree's totals: ``rows``' rows of ``indent`` 1, without a row per unit of the subtree (a
    chart of the root's 60 provinces need not roll up 10,000 units). ``[]`` as ``compute`` gives
    ``{}``."""
    found = _gather(**{"readable_only": False, **arguments}, paths_only=True)
    if found is None:
        return []
    tree, unit_id, as_of = _tree[0], arguments["unit_id"], arguments["as_of"]
    if tree.children is not None:
        children = tree.children(unit_id, as_of)
    else:
        nodes = tree.nodes(unit_id, as_of)
        children = [n for n in nodes if n.depth == nodes[0].depth + 1]
    top = found.paths[unit_id]

    buckets = {}  # each unit below counts in the child whose path begins its own; the unit in none
    for uid, path in found.paths.items():
        end = path.find("/", len(top))
        if end >= 0:
            buckets[uid] = path[: end + 1]
    totals = _add_up(found, buckets)
    return [
        (node, _complete(totals.get(node.path, found.empty), found.figures))
        for node in sorted(children, key=lambda n: n.path)
    ]
