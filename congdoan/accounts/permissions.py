"""Permissions of accounts and the audit log, and who may manage an account."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission
from congdoan.organizations.permissions import policy

VIEW = permission("accounts.view", _("Xem tài khoản"))
MANAGE = permission("accounts.manage", _("Quản lý tài khoản và phân quyền"))
AUDIT_VIEW = permission("audit.view", _("Xem nhật ký thao tác"))


def may_manage_account(actor, user, perm: str = MANAGE) -> bool:
    """An account is managed by whoever has ``perm`` over its home unit; one without a home unit
    belongs to superusers. (Anyone may view their own account.)"""
    if user.pk == actor.pk and perm == VIEW:
        return True
    if user.home_unit_id is None:
        return policy.is_unrestricted(actor)
    return policy.can(actor, perm, user.home_unit_id)


def require_account(actor, user, perm: str = MANAGE) -> None:
    """``may_manage_account`` or refuse: 404 outside the actor's sight, 403 where they may only look."""
    if may_manage_account(actor, user, perm):
        return
    if user.home_unit_id is None:
        raise Http404
    policy.require(actor, perm, user.home_unit_id)


def manageable_units(actor, unit_ids) -> set[int]:
    """Those of ``unit_ids`` where the actor may manage accounts and roles today, in one query."""
    return policy.reach(actor, MANAGE).covers_units(unit_ids)
