"""Reads of accounts, roles, tokens and the audit log, limited to what the actor may see."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.organizations.models import RoleAssignment
from congdoan.organizations.permissions import get_visible_or_404, policy

from .models import ApiToken, User
from .permissions import AUDIT_VIEW, VIEW, may_manage_account


def _visible_unit_ids(actor, perm: str):
    return policy.visible_units(actor, perm, today()).values("unit_id")


def account_search(*, actor, q: str = "", unit_id: int | None = None) -> QuerySet[User]:
    """Accounts whose home unit is in the actor's reach (superusers also see unattached ones)."""
    qs = User.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(home_unit_id__in=_visible_unit_ids(actor, VIEW))
    if unit_id:
        qs = qs.filter(home_unit_id=unit_id)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(email__icontains=q) | Q(full_name__icontains=q))
    current = RoleAssignment.objects.active(today()).select_related("role", "unit")
    if not policy.is_unrestricted(actor):
        # As in account_roles: roles held elsewhere would name units the actor may not see.
        current = current.filter(unit_id__in=_visible_unit_ids(actor, VIEW))
    return qs.prefetch_related(Prefetch("roles", queryset=current, to_attr="current_roles")).order_by(
        "username"
    )


def account_get(*, actor, user_id: int) -> User:
    if user_id == actor.pk:
        return actor
    return get_visible_or_404(account_search(actor=actor), pk=user_id)


def account_roles(*, actor, user: User) -> QuerySet[RoleAssignment]:
    """Every role the account has held or holds (history included) on units the actor may see; all
    of them, wherever held, for the account itself and for whoever may manage it
    (``may_manage_account``): a manager must never act on an account without knowing its roles."""
    qs = RoleAssignment.objects.filter(user=user).select_related("role", "unit", "granted_by")
    if user.pk != actor.pk and not may_manage_account(actor, user):
        qs = qs.filter(unit_id__in=_visible_unit_ids(actor, VIEW))
    return qs.order_by("-valid_from", "id")


def role_get(*, actor, role_id: int) -> RoleAssignment:
    qs = RoleAssignment.objects.select_related("role", "unit", "user")
    if not policy.is_unrestricted(actor):
        qs = qs.filter(unit_id__in=_visible_unit_ids(actor, VIEW))
    return get_visible_or_404(qs, pk=role_id)


def token_list(*, actor) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=actor).order_by("-created_at")


def token_get(*, actor, token_id: int) -> ApiToken:
    return get_visible_or_404(token_list(actor=actor), pk=token_id)


def audit_search(
    *,
    actor,
    actor_id: int | None = None,
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    q: str = "",
) -> QuerySet[AuditEntry]:
    """Audit entries about units the actor may audit (today's scope), newest first."""
    qs = _audit_in_scope(actor).select_related("actor")
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if action:
        qs = qs.filter(action=action)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    if q:
        qs = qs.filter(object_repr__icontains=q)
    return qs.order_by("-at", "-id")


def _audit_in_scope(actor) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(unit_id__in=_visible_unit_ids(actor, AUDIT_VIEW))
    return qs


def audit_actions(*, actor) -> list[str]:
    """The actions that occur in the entries the actor may read (for the log's filter)."""
    return list(_audit_in_scope(actor).order_by("action").values_list("action", flat=True).distinct())
