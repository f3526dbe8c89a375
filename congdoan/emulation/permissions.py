"""Permissions of the emulation module and its object rules.

- ``emulation.view``: read movements, registrations, blocks and scores within the actor's reach.
- ``emulation.manage``: launch movements, register one's units, form blocks, record scores.

Object rules (issue 11): a unit's own officers draft and send its registration; the level directly
above the unit (its managing parent) accepts or returns it, so nobody approves their own. A block
is read by whoever reaches the unit that formed it or any of its member units: membership in a
block shows the block's own records, never the other members' registers (its own reach, not a
subtree).
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.permissions import permission
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from .models import BlockOfficer

VIEW = permission("emulation.view", _("Xem công tác thi đua"))
MANAGE = permission("emulation.manage", _("Quản lý công tác thi đua"))

SUBMIT_STEPS = ("submit",)


def parent_on(unit_id: int, on: dt.date | None = None) -> int | None:
    """The managing parent of ``unit_id`` on ``on`` (today by default)."""
    version = Unit(pk=unit_id).version_on(on or today())
    return version.parent_id if version else None


def may_take_step(actor, registration, step) -> bool:
    """Sending is the registering unit's (``emulation.manage`` on it); accepting or returning is the
    directly-superior unit's (``emulation.manage`` on the parent of the registering unit)."""
    if step.name in SUBMIT_STEPS:
        return policy.can(actor, MANAGE, registration.unit_id)
    parent = parent_on(registration.unit_id)
    return parent is not None and policy.can(actor, MANAGE, parent)


# -- the review of a block member's score (tự chấm → khối trưởng → cấp thành lập) ------------------

UNIT_STEPS = ("submit",)  # the scored unit's own
LEADER_STEPS = ("accept", "adjust", "send_back")  # the block's leader, on a sent score


def block_leader(block_id: int, year: int) -> int | None:
    """The unit named khối trưởng of the block for ``year`` (one query), or None."""
    return (
        BlockOfficer.objects.filter(block_id=block_id, year=year, role=BlockOfficer.Role.LEADER)
        .values_list("unit_id", flat=True)
        .first()
    )


def may_take_score_step(actor, result, step) -> bool:
    """Sending is the scored unit's (``emulation.manage`` on it). On a sent score, accepting,
    adjusting or returning is the block leader's of that year (``emulation.manage`` on the leader
    unit), never on its own score; on a score the leader has reviewed (or the leader's own, or one
    of a block without a leader), returning and deciding are the forming level's."""
    if step.name in UNIT_STEPS:
        return policy.can(actor, MANAGE, result.unit_id)
    leader = block_leader(result.block_id, result.year)
    leader_reviews = result.state == "submitted" and leader is not None and leader != result.unit_id
    if step.name in LEADER_STEPS and leader_reviews:
        return policy.can(actor, MANAGE, leader)
    if step.name in ("send_back", "decide") and not leader_reviews:
        return policy.can(actor, MANAGE, result.block.unit_id)
    return False


# -- late registrations (gia hạn đăng ký) ----------------------------------------------------------


def may_extend(actor, movement, unit_id: int) -> bool:
    """A registration past its deadline is permitted by the launching level (its deadline) or by the
    level directly above the registering unit (which accepts the registration)."""
    if policy.can(actor, MANAGE, movement.unit_id):
        return True
    parent = parent_on(unit_id)
    return parent is not None and policy.can(actor, MANAGE, parent)
