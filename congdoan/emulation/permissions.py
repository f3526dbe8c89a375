"""Permissions of the emulation module and its object rules.

- ``emulation.view``: read movements, registrations, blocks and scores within the actor's reach.
- ``emulation.manage``: launch movements, register one's units, form blocks, record scores.

Object rules (issue 11): a unit's own officers draft and send its registration; the level directly
above the unit (its managing parent) accepts or returns it, so nobody approves their own.

The block's reach (issue 11 §4: "membership in a block does not open the other members' registers;
a reach of its own in the policy, not a subtree") lives here and nowhere else; the selectors filter
with it, the services and pages refuse with it:

- a block is in sight of whoever reaches (``emulation.view``) the unit that formed it or one of its
  member units (``block_q``, ``may_see_block``); it does not open the members' other records;
- it is managed (members, leaders, flag, pledge, the level's scores) by ``emulation.manage`` on
  the forming unit (``require_block``: out of sight 404, in sight without it 403);
- a member's score is in sight of the scored unit, the forming level and the block's leader of
  that year, not of the other members (``score_q``, ``require_score``).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.permissions import permission
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from .models import Block, BlockMember, BlockOfficer, ScoreResult

VIEW = permission("emulation.view", _("Xem công tác thi đua"))
MANAGE = permission("emulation.manage", _("Quản lý công tác thi đua"))

SUBMIT_STEPS = ("submit",)


# -- the block's reach --------------------------------------------------------------------------------


def _reached(actor):
    """The ids of the units in the actor's reach for ``emulation.view`` today (a subquery)."""
    return policy.visible_units(actor, VIEW, today()).values("unit_id")


def block_q(actor) -> Q:
    """A filter on ``Block``: the blocks in the actor's sight, formed by a unit in their reach or
    with a member unit in it (any period). Everything for an unrestricted actor."""
    if policy.is_unrestricted(actor):
        return Q()
    reached = _reached(actor)
    return Q(unit_id__in=reached) | Q(
        pk__in=BlockMember.objects.filter(unit_id__in=reached).values("block_id")
    )


def may_see_block(actor, block: Block) -> bool:
    """``block_q`` for one loaded block (a query or two, none for the forming level's officers)."""
    if policy.can(actor, VIEW, block.unit_id):
        return True
    members = BlockMember.objects.filter(block_id=block.pk).values_list("unit_id", flat=True)
    return bool(policy.reach(actor, VIEW).covers_units(set(members)))


def may_manage_block(actor, block: Block) -> bool:
    """Members, leaders, flag, pledge and the level's scores: ``emulation.manage`` on the forming unit."""
    return policy.can(actor, MANAGE, block.unit_id)


def require_block(actor, block: Block) -> None:
    """``may_manage_block`` or refuse: 403 when the block is in the actor's sight (a member's
    officer), 404 when it is not."""
    if may_manage_block(actor, block):
        return
    if may_see_block(actor, block):
        raise PermissionDenied(_("Chỉ cấp đã thành lập khối mới thay đổi được khối này."))
    raise Http404


def score_q(actor) -> Q:
    """A filter on ``ScoreResult``: the scores the actor may open with their evidence, those of a
    unit in their reach (its own self-scoring), of a block formed by one (the deciding level), or
    of a block and year whose leader (khối trưởng) is in their reach (it reviews that year's
    members). Another member of the block sees the ranking, not the others' scores or files."""
    if policy.is_unrestricted(actor):
        return Q()
    reached = _reached(actor)
    leads = BlockOfficer.objects.filter(
        block_id=OuterRef("block_id"),
        year=OuterRef("year"),
        role=BlockOfficer.Role.LEADER,
        valid_to__isnull=True,
        unit_id__in=reached,
    )
    return Q(unit_id__in=reached) | Q(block__unit_id__in=reached) | Exists(leads)


def require_score(actor, result: ScoreResult) -> None:
    """The score is in the actor's sight (``score_q``), else 404; what they may do on it is the
    workflow's rule (``may_take_score_step``, 403)."""
    if not ScoreResult.objects.filter(score_q(actor), pk=result.pk).exists():
        raise Http404


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
    """The unit holding khối trưởng of the block for ``year`` (one query; after a correction, the
    replacing unit), or None."""
    return (
        BlockOfficer.objects.filter(
            block_id=block_id, year=year, role=BlockOfficer.Role.LEADER, valid_to__isnull=True
        )
        .values_list("unit_id", flat=True)
        .first()
    )


def self_scoring_members(actor, members) -> list:
    """Those of a block's memberships of a year (``selectors.block_members``) the actor self-scores
    for: ``emulation.manage`` on the member unit (one query). Empty: the self-scoring page answers
    403 and the block page offers no "Tự chấm điểm" button."""
    covered = policy.reach(actor, MANAGE).covers_units([m.unit_id for m in members])
    return [m for m in members if m.unit_id in covered]


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
