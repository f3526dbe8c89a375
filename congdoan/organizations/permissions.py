"""The one permission policy.

A role is granted on a unit and reaches that unit's whole subtree. Authority is the set of
roles the actor holds *today*; their reach is the grant unit's subtree *as of* the date the
question is about, so a report for 2022 is scoped by the 2022 tree.

Fail closed: everything not granted is refused. Outside the actor's scope an object does not
exist for them (404); inside it, a missing permission is a 403.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.guards import mark

from .models import RoleAssignment, Unit, UnitVersion

PERMISSIONS: dict[str, str] = {
    "units.view": _("Xem cơ cấu tổ chức"),
    "units.manage": _("Quản lý cơ cấu tổ chức"),
    "accounts.view": _("Xem tài khoản"),
    "accounts.manage": _("Quản lý tài khoản và phân quyền"),
    "audit.view": _("Xem nhật ký thao tác"),
    "members.view": _("Xem đoàn viên"),
    "members.manage": _("Quản lý đoàn viên"),
    "members.view_personal": _("Xem thông tin cá nhân của đoàn viên"),
}


def view_permission(perm: str) -> str:
    """The permission that makes an object visible at all: 'units.manage' -> 'units.view'."""
    return perm.split(".", 1)[0] + ".view"


class Policy:
    """Answers "may this actor do P on this unit, as of D" and "which units may they see"."""

    # -- authority: what the actor holds today ------------------------------------------------

    def _assignments(self, actor) -> list[RoleAssignment]:
        cache = actor.__dict__.setdefault("_policy_cache", {})
        if "assignments" not in cache:
            cache["assignments"] = list(
                RoleAssignment.objects.active(today()).filter(user=actor).select_related("role")
            )
        return cache["assignments"]

    def permissions_anywhere(self, actor) -> set[str]:
        if not getattr(actor, "is_authenticated", False):
            return set()
        if actor.is_superuser:
            return set(PERMISSIONS)
        return {p for a in self._assignments(actor) for p in a.role.permissions}

    def has_anywhere(self, actor, perm: str) -> bool:
        return perm in self.permissions_anywhere(actor)

    def grant_unit_ids(self, actor, perm: str) -> list[int]:
        if not getattr(actor, "is_authenticated", False) or not actor.is_active:
            return []
        return sorted({a.unit_id for a in self._assignments(actor) if perm in a.role.permissions})

    def permissions_on(self, actor, unit: Unit, as_of: dt.date | None = None) -> set[str]:
        """Every permission the actor has on ``unit``: the union over grants whose subtree holds it."""
        if getattr(actor, "is_superuser", False) and actor.is_active:
            return set(PERMISSIONS)
        return {p for p in PERMISSIONS if self.can(actor, p, unit, as_of)}

    # -- reach: the subtree of each grant as of a date -----------------------------------------

    def scope_paths(self, actor, perm: str, as_of: dt.date | None = None) -> list[str]:
        """Paths, as of ``as_of``, of the units where ``perm`` is granted."""
        as_of = as_of or today()
        cache = actor.__dict__.setdefault("_policy_cache", {})
        key = ("paths", perm, as_of)
        if key not in cache:
            ids = self.grant_unit_ids(actor, perm)
            cache[key] = sorted(set(path_of_units(ids, as_of).values())) if ids else []
        return cache[key]

    def is_unrestricted(self, actor) -> bool:
        return bool(getattr(actor, "is_superuser", False) and actor.is_active)

    def scope_q(self, actor, perm: str, as_of: dt.date | None = None, *, path_field: str = "path") -> Q:
        """A filter on a path column: within the actor's reach for ``perm``. Matches nothing if none."""
        if self.is_unrestricted(actor):
            return Q()
        paths = self.scope_paths(actor, perm, as_of)
        if not paths:
            return Q(pk__in=[])
        q = Q()
        for p in paths:
            q |= Q(**{f"{path_field}__startswith": p})
        return q

    def visible_units(self, actor, perm: str, as_of: dt.date | None = None) -> QuerySet[UnitVersion]:
        """Versions, valid on ``as_of``, of every unit the actor may exercise ``perm`` on."""
        as_of = as_of or today()
        return UnitVersion.objects.active(as_of).filter(self.scope_q(actor, perm, as_of))

    def can(self, actor, perm: str, unit: Unit | int, as_of: dt.date | None = None) -> bool:
        if not getattr(actor, "is_authenticated", False) or not actor.is_active:
            return False
        if actor.is_superuser:
            return True
        paths = self.scope_paths(actor, perm, as_of)
        if not paths:
            return False
        unit_id = unit.pk if isinstance(unit, Unit) else unit
        path = path_of_units([unit_id], as_of or today()).get(unit_id)
        return path is not None and any(path.startswith(p) for p in paths)

    def require(self, actor, perm: str, unit: Unit | int, as_of: dt.date | None = None) -> None:
        """Raise 404 when the unit is outside the actor's sight, 403 when visible but not allowed."""
        if self.can(actor, perm, unit, as_of):
            return
        view = view_permission(perm)
        if view != perm and self.can(actor, view, unit, as_of):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        raise Http404

    def require_anywhere(self, actor, perm: str) -> None:
        """The actor holds ``perm`` somewhere: else 403 if they may at least see the area, else 404."""
        if self.has_anywhere(actor, perm):
            return
        view = view_permission(perm)
        if view != perm and self.has_anywhere(actor, view):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
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

# -- route guards --------------------------------------------------------------------------------
# Every view is wrapped in this or a marker from core.guards; the route-walking test checks it.


def guarded(perm: str) -> Callable:
    """Login required, and the actor must hold ``perm`` on some unit; objects are scoped by selectors."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            policy.require_anywhere(request.user, perm)
            return view(request, *args, **kwargs)

        return mark(wrapper, perm)

    return decorator


def get_visible_or_404(queryset: QuerySet, **lookup):
    """The object from a selector's queryset, or 404: invisible and non-existent look the same."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def api_guard(perm: str) -> Callable:
    """The API twin of ``guarded``: the token's user must hold ``perm`` somewhere; objects are
    then scoped by selectors (404 outside the actor's reach)."""

    def decorator(func):
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            policy.require_anywhere(request.auth, perm)
            return func(request, *args, **kwargs)

        return mark(wrapper, perm)

    return decorator
