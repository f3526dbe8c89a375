"""Permissions of accounts and the audit log, and who may manage an account."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.permissions import permission
from congdoan.organizations.models import RoleAssignment
from congdoan.organizations.permissions import policy

VIEW = permission("accounts.view", _("Xem tài khoản"))
MANAGE = permission("accounts.manage", _("Quản lý tài khoản và phân quyền"))
AUDIT_VIEW = permission("audit.view", _("Xem nhật ký thao tác"))

ROLES_ELSEWHERE = _(
    "Tài khoản này giữ vai trò tại đơn vị ngoài phạm vi quản lý của bạn; chỉ cấp trên chung mới quản lý được."
)


def _role_units(user_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each account, the units where it holds a role today or from a later day, in one query."""
    rows = (
        RoleAssignment.objects.filter(user_id__in=list(user_ids))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today()))
        .values_list("user_id", "unit_id")
    )
    units: dict[int, set[int]] = {}
    for user_id, unit_id in rows:
        units.setdefault(user_id, set()).add(unit_id)
    return units


def manageable_accounts(actor, users, perm: str = MANAGE) -> set[int]:
    """Ids of those of ``users`` the actor may manage (``perm`` over every unit of the account: its
    home unit and each unit where it holds a current or future role), in two queries.

    Whoever holds the account's role at a superior union could otherwise be taken over from below:
    a CĐCS chair resetting the password of the account of a provincial officer whose home unit is
    the CĐCS (issue 8). Accounts without a home unit belong to superusers.
    """
    users = list(users)
    if policy.is_unrestricted(actor):
        return {u.pk for u in users}
    roles = _role_units(u.pk for u in users if u.home_unit_id is not None)
    needed = {u.pk: {u.home_unit_id, *roles.get(u.pk, ())} for u in users if u.home_unit_id is not None}
    covered = policy.reach(actor, perm).covers_units(set().union(*needed.values()))
    return {pk for pk, units in needed.items() if units <= covered}


def may_manage_account(actor, user, perm: str = MANAGE) -> bool:
    """Viewing (``accounts.view``) needs reach over the account's home unit (anyone may view their
    own account); managing it (edit, deactivate, set its password, grant or end its roles) needs
    ``perm`` over its home unit and every unit where it holds a current or future role
    (``manageable_accounts``)."""
    if user.pk == actor.pk and perm == VIEW:
        return True
    if user.home_unit_id is None:
        return policy.is_unrestricted(actor)
    if perm == VIEW:
        return policy.can(actor, perm, user.home_unit_id)
    return user.pk in manageable_accounts(actor, [user], perm)


def require_account(actor, user, perm: str = MANAGE) -> None:
    """``may_manage_account`` or refuse: 404 outside the actor's sight, 403 where they may only look
    (or where the account also holds a role beyond the actor's reach)."""
    if may_manage_account(actor, user, perm):
        return
    if user.home_unit_id is None:
        raise Http404
    policy.require(actor, perm, user.home_unit_id)
    raise PermissionDenied(ROLES_ELSEWHERE)


def manageable_units(actor, unit_ids) -> set[int]:
    """Those of ``unit_ids`` where the actor may manage accounts and roles today, in one query."""
    return policy.reach(actor, MANAGE).covers_units(unit_ids)
