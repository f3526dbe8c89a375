"""The one permission policy.

A role is granted on a unit and reaches that unit's whole subtree. Authority is the set of
roles the actor holds *today*; their reach is the grant unit's subtree *as of* the date the
question is about, so a report for 2022 is scoped by the 2022 tree.

Fail closed: everything not granted is refused. Outside the actor's scope an object does not
exist for them (404); inside it, a missing permission is a 403.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja.decorators import decorate_view

from congdoan.core import audit
from congdoan.core import permissions as registry
from congdoan.core.dates import today
from congdoan.core.guards import mark
from congdoan.core.permissions import permission

from .models import RoleAssignment, RoleKind, Unit, UnitVersion, path_segment

UNITS_VIEW = permission("units.view", _("Xem cơ cấu tổ chức"))
UNITS_MANAGE = permission("units.manage", _("Quản lý cơ cấu tổ chức"))

DENIED = _("Bạn không có quyền thực hiện thao tác này.")
MAX_SUCCESSION = 10  # mergers followed from a closed unit to the unit that carries it today


def roles_holding(perm: str) -> list[str]:
    """The names (in the active language) of the role kinds that carry ``perm``: roles are data, so a
    refusal names the roles of this deployment, not a list written in the code."""
    return [
        role.label for role in RoleKind.objects.order_by("order", "name") if perm in (role.permissions or [])
    ]


def denied_needing(perm: str, doing) -> PermissionDenied:
    """A 403 that tells the user what they tried, the permission it needs (its label and code) and
    the roles that hold it, e.g. "Bạn không có quyền “Duyệt và đăng bài” (portal.publish) …"."""
    roles = roles_holding(perm)
    message = gettext("Bạn không được %(doing)s: việc này cần quyền “%(label)s” (%(code)s) trên đơn vị.") % {
        "doing": doing,
        "label": registry.label(perm),
        "code": perm,
    }
    if roles:
        message += " " + gettext("Vai trò có quyền này: %(roles)s.") % {"roles": ", ".join(roles)}
    return PermissionDenied(message)


@dataclass(frozen=True)
class Reach:
    """Where one permission reaches for one actor, as of one date: the subtrees of their grants.

    The one way to answer "may the actor do P on each of these rows": ``q()`` filters a queryset
    by a path column, ``covers(path)`` tests a loaded row, ``covers_units(ids)`` tests unit ids in
    one query. Build it with ``policy.reach``.
    """

    perm: str
    as_of: dt.date
    paths: tuple[str, ...]
    unrestricted: bool = False

    def __bool__(self) -> bool:
        return self.unrestricted or bool(self.paths)

    def q(self, path_field: str = "path") -> Q:
        """A filter on a path column: within the reach. Matches nothing when the reach is empty."""
        if self.unrestricted:
            return Q()
        if not self.paths:
            return Q(pk__in=[])
        q = Q()
        for p in self.paths:
            q |= Q(**{f"{path_field}__startswith": p})
        return q

    def covers(self, path: str | None) -> bool:
        return self.unrestricted or (bool(path) and path.startswith(self.paths))

    def covers_units(self, unit_ids: Iterable[int]) -> set[int]:
        """Those of ``unit_ids`` inside the reach (closed units by the path they closed with).

        For a view permission, a unit merged away is also inside when its successor (or the
        successor's successor…) is: who reads the survivor on ``as_of`` reads the history it took
        over, read-only (issue 8: after the 2025 mergers neither the survivor's officers nor the
        merged unit's own, whose roles moved to the survivor, could open the merged unit)."""
        ids = {i for i in unit_ids if i is not None}
        if self.unrestricted or not ids:
            return ids
        if not self.paths:
            return set()
        found = {uid for uid, path in path_of_units(ids, self.as_of).items() if self.covers(path)}
        if ids - found and registry.view_permission(self.perm) == self.perm:
            found |= self._through_successors(ids - found)
        return found

    def _through_successors(self, unit_ids: set[int]) -> set[int]:
        """Those of ``unit_ids`` whose chain of successors reaches a unit inside the reach."""
        found: set[int] = set()
        asked = {uid: {uid} for uid in unit_ids}  # unit on a chain -> the units asked about behind it
        for _step in range(MAX_SUCCESSION):
            step = Unit.objects.filter(pk__in=asked, successor__isnull=False).values_list(
                "pk", "successor_id"
            )
            following: dict[int, set[int]] = {}
            for uid, successor in step:
                following.setdefault(successor, set()).update(asked[uid] - found)
            if not following:
                break
            for uid, path in path_of_units(following, self.as_of).items():
                if self.covers(path):
                    found |= following[uid]
            asked = {uid: behind - found for uid, behind in following.items() if behind - found}
        return found


class Policy:
    """Answers "may this actor do P on this unit, as of D" and "which units may they see".

    Every entry point checks that ``perm`` is declared (``congdoan.core.permissions``): an unknown
    code raises ``UnknownPermission`` for every actor, superusers included.
    """

    # -- authority: what the actor holds today ------------------------------------------------

    def _assignments(self, actor) -> list[RoleAssignment]:
        cache = actor.__dict__.setdefault("_policy_cache", {})
        if "assignments" not in cache:
            cache["assignments"] = list(
                RoleAssignment.objects.active(today()).filter(user=actor).select_related("role")
            )
        return cache["assignments"]

    @staticmethod
    def _active(actor) -> bool:
        return bool(getattr(actor, "is_authenticated", False) and actor.is_active)

    def is_unrestricted(self, actor) -> bool:
        return self._active(actor) and bool(actor.is_superuser)

    def permissions_anywhere(self, actor) -> set[str]:
        if not self._active(actor):
            return set()
        if actor.is_superuser:
            return set(registry.declared())
        return {p for a in self._assignments(actor) for p in a.role.permissions if registry.is_declared(p)}

    def has_anywhere(self, actor, perm: str) -> bool:
        return registry.check(perm) in self.permissions_anywhere(actor)

    def grant_unit_ids(self, actor, perm: str) -> list[int]:
        registry.check(perm)
        if not self._active(actor):
            return []
        return sorted({a.unit_id for a in self._assignments(actor) if perm in a.role.permissions})

    def permissions_on(self, actor, unit: Unit, as_of: dt.date | None = None) -> set[str]:
        """Every permission the actor has on ``unit``: the union over grants whose subtree holds it."""
        if self.is_unrestricted(actor):
            return set(registry.declared())
        return {p for p in registry.declared() if self.can(actor, p, unit, as_of)}

    # -- reach: the subtree of each grant as of a date -----------------------------------------

    def reach(self, actor, perm: str, as_of: dt.date | None = None) -> Reach:
        """Where ``perm`` reaches for ``actor`` on ``as_of`` (default today); cached per actor."""
        registry.check(perm)
        as_of = as_of or today()
        if self.is_unrestricted(actor):
            return Reach(perm, as_of, (), unrestricted=True)
        if not self._active(actor):
            return Reach(perm, as_of, ())
        cache = actor.__dict__.setdefault("_policy_cache", {})
        key = ("reach", perm, as_of)
        if key not in cache:
            ids = self.grant_unit_ids(actor, perm)
            paths = sorted(set(path_of_units(ids, as_of).values())) if ids else []
            cache[key] = Reach(perm, as_of, tuple(paths))
        return cache[key]

    def scope_paths(self, actor, perm: str, as_of: dt.date | None = None) -> list[str]:
        """Paths, as of ``as_of``, of the units where ``perm`` is granted."""
        return list(self.reach(actor, perm, as_of).paths)

    def scope_q(self, actor, perm: str, as_of: dt.date | None = None, *, path_field: str = "path") -> Q:
        """A filter on a path column: within the actor's reach for ``perm``. Matches nothing if none."""
        return self.reach(actor, perm, as_of).q(path_field)

    def visible_units(self, actor, perm: str, as_of: dt.date | None = None) -> QuerySet[UnitVersion]:
        """Versions, valid on ``as_of``, of every unit the actor may exercise ``perm`` on."""
        as_of = as_of or today()
        return UnitVersion.objects.active(as_of).filter(self.scope_q(actor, perm, as_of))

    def can(self, actor, perm: str, unit: Unit | int, as_of: dt.date | None = None) -> bool:
        unit_id = unit.pk if isinstance(unit, Unit) else unit
        return bool(self.reach(actor, perm, as_of).covers_units([unit_id]))

    def require(self, actor, perm: str, unit: Unit | int, as_of: dt.date | None = None) -> None:
        """Raise 404 when the unit is outside the actor's sight, 403 when visible but not allowed."""
        if self.can(actor, perm, unit, as_of):
            return
        view = registry.view_permission(perm)
        if view and view != perm and self.can(actor, view, unit, as_of):
            raise PermissionDenied(DENIED)
        raise Http404

    def can_dated(self, actor, perm: str, unit: Unit | int, on: dt.date) -> bool:
        """``perm`` on the unit both today and on ``on`` (the test of ``require_dated``)."""
        return self.can(actor, perm, unit) and (on == today() or self.can(actor, perm, unit, on))

    def require_dated(self, actor, perm: str, unit: Unit | int, on: dt.date) -> None:
        """A write that takes effect on ``on``: the actor needs ``perm`` on the unit both today and
        on ``on``. Today's check stops an officer from reaching, through an earlier date, a unit
        that has since moved out of their subtree; the dated check stops them from writing into a
        period when the unit was someone else's. 404/403 as ``require``."""
        self.require(actor, perm, unit)
        if on != today():
            self.require(actor, perm, unit, on)

    def held_since(self, actor, perm: str, unit_ids: Iterable[int]) -> dict[int, dt.date]:
        """For each of ``unit_ids`` the actor has ``perm`` on today, the first day since which they
        have had it on every day up to today: ``require_dated`` lets them write on any day from it
        (the unit's founding for an unrestricted actor). Units outside today's reach are left out.
        A few queries whatever the number of units: a bulk write checks its rows' dates against it
        instead of asking ``can_dated`` per row and date.

        A grant covers a version of the unit when the grant's unit is in that version's path (the
        tree of that version's days: a move of the unit or of any unit above it opens a version)."""
        ids = set(self.reach(actor, perm).covers_units(unit_ids))
        founded = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "valid_from"))
        if self.is_unrestricted(actor):
            return founded
        segments = tuple(path_segment(g) for g in self.grant_unit_ids(actor, perm))
        rows = (
            UnitVersion.objects.filter(unit_id__in=ids, valid_from__lte=today())
            .order_by("unit_id", "-valid_from")
            .values_list("unit_id", "valid_from", "path")
        )
        since: dict[int, dt.date] = {}
        broken: set[int] = set()
        for unit_id, start, path in rows:  # today's version first, then back in time
            if unit_id in broken:
                continue
            if any(seg in path for seg in segments):
                since[unit_id] = start
            else:
                broken.add(unit_id)
        return {uid: since.get(uid, today()) for uid in ids}

    def require_anywhere(self, actor, perm: str) -> None:
        """The actor holds ``perm`` somewhere: else 403 if they may at least see the area, else 404."""
        if self.has_anywhere(actor, perm):
            return
        view = registry.view_permission(perm)
        if view and view != perm and self.has_anywhere(actor, view):
            raise PermissionDenied(DENIED)
        raise Http404


def path_of_units(unit_ids: Iterable[int], on: dt.date) -> dict[int, str]:
    """Each unit's path on ``on``; a unit that no longer (or not yet) exists keeps its nearest path.

    Closed units stay in the scope they had when they closed, so their history remains
    visible to those who could see them.
    """
    ids = list(unit_ids)
    rows = UnitVersion.objects.filter(unit_id__in=ids).values_list(
        "unit_id", "path", "valid_from", "valid_to"
    )
    best: dict[int, tuple[int, str]] = {}
    for unit_id, path, start, end in rows:
        if start <= on and (end is None or on < end):
            rank = 0
        elif end is not None and end <= on:
            rank = 1 + (on - end).days  # closed before: the latest closed period wins
        else:
            rank = 10**6 + (start - on).days  # not yet started: the earliest period wins
        if unit_id not in best or rank < best[unit_id][0]:
            best[unit_id] = (rank, path)
    return {uid: p for uid, (_, p) in best.items()}


policy = Policy()

# -- object rules of the tree: used by the services (to refuse) and by the pages (to offer) ---------


def may_restructure(actor, version: UnitVersion, on: dt.date | None = None) -> bool:
    """Moving, merging away or dissolving a unit is decided by the level above it; the top of the
    tree only by a superuser."""
    if version.parent_id is None:
        return policy.is_unrestricted(actor)
    return policy.can(actor, UNITS_MANAGE, version.parent_id, on)


def require_restructure(actor, version: UnitVersion, on: dt.date | None = None) -> None:
    """``may_restructure`` on ``on`` and today (the unit's parent of each day), or refuse: 404/403
    by the policy's rule, a message for the top unit."""
    current = version.unit.version_on(today()) if on and on != today() else None
    if current is not None and current.pk != version.pk:
        require_restructure(actor, current)
    if may_restructure(actor, version, on):
        return
    if version.parent_id is None:
        policy.require(actor, UNITS_MANAGE, version.unit_id, on)
        raise ValidationError(_("Chỉ quản trị hệ thống được thay đổi đơn vị cấp cao nhất."))
    policy.require(actor, UNITS_MANAGE, version.parent_id, on)


def unit_abilities(actor, unit: Unit, version: UnitVersion) -> dict[str, bool]:
    """Which changes a unit's page offers today; the services check again on the change date."""
    if unit.valid_to is not None and unit.valid_to <= today():
        return {}
    manage = policy.can(actor, UNITS_MANAGE, unit)
    structure = may_restructure(actor, version)
    return {
        "create": manage,
        "edit": manage,
        "guidance": manage,
        "merge": manage,
        "move": structure,
        "dissolve": structure,
    }


# -- route guards --------------------------------------------------------------------------------
# Every view is wrapped in this or a marker from core.guards; the route-walking test checks it.


def _same(view):
    return view


def _atomic_write(view):
    """Run a write (any method but GET/HEAD) in one transaction, its answer included."""

    @wraps(view)
    def run(request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with audit.write_scope(), transaction.atomic():
            return view(request, *args, **kwargs)

    return run


def _guard(perm: str, actor_of: Callable, outer: Callable = _same, inner: Callable = _same) -> Callable:
    """A decorator: the actor (``actor_of(request)``) must hold ``perm`` on some unit; ``inner``
    wraps the view itself (a transaction), ``outer`` the guarded result (the login redirect)."""
    registry.check(perm)

    def decorator(view):
        run = inner(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if getattr(request, _CHECKED, None) != perm:
                policy.require_anywhere(actor_of(request), perm)
            return run(request, *args, **kwargs)

        return mark(outer(wrapper), perm)

    return decorator


def guarded(perm: str) -> Callable:
    """Login required, and the actor must hold ``perm`` on some unit; objects are scoped by selectors."""
    return _guard(perm, lambda request: request.user, login_required)


def get_visible_or_404(queryset: QuerySet, **lookup):
    """The object from a selector's queryset, or 404: invisible and non-existent look the same."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


# The permission an API operation needs, put on the request before django-ninja authenticates it
# (``_REQUIRED``), and the one authentication found held (``_CHECKED``).
_REQUIRED = "api_required_permission"
_CHECKED = "api_checked_permission"


def _ask_at_authentication(perm: str) -> Callable:
    """A wrapper of the operation's ``run``: it names ``perm`` on the request, so that
    ``check_api_permission`` asks for it as soon as the token is known."""

    def decorate(run):
        @wraps(run)
        def run_guarded(request, *args, **kwargs):
            setattr(request, _REQUIRED, perm)
            return run(request, *args, **kwargs)

        return run_guarded

    return decorate


def check_api_permission(request, user) -> None:
    """Called by the API's authentication once ``user`` is known: the permission the operation
    declared (``api_guard``) must be held somewhere, else PermissionDenied (403) or Http404.

    django-ninja validates the body after authentication and before the operation runs; asking
    here makes an officer who may not write get 403 (or 404), not a 422 about a body he may not
    send at all."""
    perm = getattr(request, _REQUIRED, None)
    if perm is None:
        return
    policy.require_anywhere(user, perm)
    setattr(request, _CHECKED, perm)


def api_guard(perm: str) -> Callable:
    """The API twin of ``guarded``: the token's user must hold ``perm`` somewhere; objects are
    then scoped by selectors (404 outside the actor's reach). The permission is asked at
    authentication, before the body is read (``check_api_permission``); the view asks again if
    the operation ran without it.

    The whole operation, the answer included, is one transaction: django-ninja turns exceptions
    into answers outside it, so a write whose answer fails (e.g. a 404 reading the result back)
    is rolled back instead of committed behind an error."""
    guard = _guard(perm, lambda request: request.auth, inner=_atomic_write)

    def decorator(view):
        return decorate_view(_ask_at_authentication(perm))(guard(view))

    return decorator
