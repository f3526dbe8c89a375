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
