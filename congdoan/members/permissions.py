"""Permissions of the member register and its object rules.

The rules here are used by the services (to refuse) and by the pages, forms and API schemas (to
show or hide): who may see a member's personal data, and which units hold members.
Personal data (birth date, ID number, phone, e-mail, family and hardship status) is personal data
under Decree 13/2023/NĐ-CP: shown only to those who need it.
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.permissions import permission
from congdoan.organizations.permissions import Reach, policy

VIEW = permission("members.view", _("Xem đoàn viên"))
MANAGE = permission("members.manage", _("Quản lý đoàn viên"))
VIEW_PERSONAL = permission("members.view_personal", _("Xem thông tin cá nhân của đoàn viên"))


def personal_reach(actor) -> Reach:
    """Where the actor may read members' personal data today (by the member's current unit)."""
    return policy.reach(actor, VIEW_PERSONAL, today())


def may_see_personal(actor, unit_id: int | None) -> bool:
    return unit_id is not None and policy.can(actor, VIEW_PERSONAL, unit_id)


def personal_unit_rule(actor) -> Callable[[int | None], bool]:
    """``may_see_personal`` for many unit ids, built once per page (the audit renderer uses it)."""
    reach = personal_reach(actor)
    seen: dict[int | None, bool] = {}

    def allowed(unit_id: int | None) -> bool:
        if unit_id not in seen:
            seen[unit_id] = bool(reach.covers_units([unit_id])) if unit_id is not None else False
        return seen[unit_id]

    return allowed


def holds_members(version) -> bool:
    """Members belong to units whose kind holds members (a CĐCS, a công đoàn bộ phận, a tổ công
    đoàn): ``UnitKind.holds_members``, data an administrator sets per kind."""
    return bool(version.kind.holds_members)
