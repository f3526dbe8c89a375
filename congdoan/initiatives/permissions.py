"""Permissions of the initiatives module and its object rules.

- ``initiatives.view``: read programmes, targets, initiatives and progress within the actor's reach.
- ``initiatives.manage``: launch a programme, give targets down, register and import initiatives.
- ``initiatives.review``: take an initiative into review and recognise it or not (the reviewing
  level: a unit on the initiative's unit's path, the unit itself included).
"""

from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission
from congdoan.organizations.permissions import policy

VIEW = permission("initiatives.view", _("Xem sáng kiến"))
MANAGE = permission("initiatives.manage", _("Quản lý sáng kiến, giao chỉ tiêu"))
REVIEW = permission("initiatives.review", _("Xét, công nhận sáng kiến"))


def may_review(actor, initiative, step) -> bool:
    """Who takes a review step: an officer with ``initiatives.review`` over the initiative's unit
    (its own level or any level above it); the service checks the deciding level it names."""
    return policy.can(actor, REVIEW, initiative.unit_id)
