"""Permissions of the awards module and its object rules.

- ``awards.view``: read the catalogue, nominations, decisions and awards within the actor's reach.
- ``awards.manage``: propose (đề nghị) and, at the reviewing level, review nominations; record
  disciplinary decisions and task ratings.
- ``awards.decide``: record the issuer's decision (quyết định khen thưởng).

Object rules (issue 12 §2): the nominating unit's own officers send its nomination; the unit whose
council considers it now (``Nomination.reviewer``) approves, refuses, returns it or passes it to
the level above; the issuer decides (an issuer outside the union by name: the nominating unit
records its decision).
"""

from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission
from congdoan.organizations.permissions import policy

VIEW = permission("awards.view", _("Xem công tác khen thưởng"))
MANAGE = permission("awards.manage", _("Đề nghị, xét khen thưởng"))
DECIDE = permission("awards.decide", _("Ra quyết định khen thưởng"))

SUBMIT_STEPS = ("submit",)
DECIDE_STEPS = ("decide",)


def deciding_unit(nomination) -> int:
    """The unit whose register holds the decision: the issuer, or (outside issuer) the nominating unit."""
    return nomination.issuer_id or nomination.unit_id


def may_take_step(actor, nomination, step) -> bool:
    if step.name in SUBMIT_STEPS:
        return policy.can(actor, MANAGE, nomination.unit_id)
    if step.name in DECIDE_STEPS:
        return policy.can(actor, DECIDE, deciding_unit(nomination))
    return policy.can(actor, MANAGE, nomination.reviewer_id)


def may_edit(actor, nomination) -> bool:
    return nomination.state in ("proposed", "returned") and policy.can(actor, MANAGE, nomination.unit_id)


def require_edit(actor, nomination) -> None:
    """The dossier is changed (and sent again once returned) by the nominating side only: whoever
    ``awards.manage`` reaches the nominating unit (403 for the rest who see it)."""
    policy.require(actor, MANAGE, nomination.unit_id)
