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
# Seeing a member's ID number on screen is not taking 100,000 of them away in a file: an export
# with personal columns needs this too (granted by default to the roles that manage members,
# not to the read-only office role: migration 0007).
EXPORT_PERSONAL = permission("members.export_personal", _("Xuất tệp có thông tin cá nhân của đoàn viên"))


def export_personal_reach(actor) -> Reach:
    """Where the actor may export members' personal data today: both ``VIEW_PERSONAL`` and
    ``EXPORT_PERSONAL`` reach the member's current unit (a path in the shorter of the two reaches)."""
    view, export = personal_reach(actor), policy.reach(actor, EXPORT_PERSONAL, today())
    if view.unrestricted:
        return export
    if export.unrestricted:
        return view
    # The intersection of two unions of subtrees: the deeper of each pair of nested paths.
    both = {
        q if q.startswith(p) else p
        for p in view.paths
        for q in export.paths
        if q.startswith(p) or p.startswith(q)
    }
    return Reach(EXPORT_PERSONAL, view.as_of, tuple(sorted(both)))


def may_export_personal(actor) -> bool:
    """Whether an export by ``actor`` may carry personal columns at all (somewhere in both reaches)."""
    return bool(export_personal_reach(actor))


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


def may_correct_period(actor, membership) -> bool:
    """Whether ``actor`` may correct the start of this membership period: ``MANAGE`` on the unit of
    the period (not the member's current unit: an earlier period in a unit beyond the actor's reach
    is not theirs to correct). ``services.membership_correct`` refuses by ``require_correct_period``;
    the member's page shows the link by this rule."""
    return policy.can(actor, MANAGE, membership.unit_id)


def require_correct_period(actor, membership, on) -> None:
    """``may_correct_period`` as the service asks it, for the corrected start ``on`` too (authority
    today and on that date): 404 beyond the actor's reach, 403 without ``MANAGE``."""
    policy.require_dated(actor, MANAGE, membership.unit_id, on)


def holds_members(version) -> bool:
    """Members belong to units whose kind holds members (a CĐCS, a công đoàn bộ phận, a tổ công
    đoàn): ``UnitKind.holds_members``, data an administrator sets per kind."""
    return bool(version.kind.holds_members)
