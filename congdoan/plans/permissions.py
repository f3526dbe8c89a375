"""Permissions of coordination programmes and survey missions, and who sees a mission.

A mission is seen (``plans.view``) by the officers whose reach covers its organising unit (the unit's
subtree sees all its missions), by those whose reach covers a unit it visited (a unit visited sees the
missions that visited it; a unit merged away since is read through its successor, as everywhere:
``Reach.covers_units``), and by its members through their linked accounts. It is changed
(``plans.manage``) only by officers with ``plans.manage`` over the organising unit.
"""

from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission

VIEW = permission("plans.view", _("Xem chương trình phối hợp và đoàn khảo sát"))
MANAGE = permission("plans.manage", _("Quản lý chương trình phối hợp và đoàn khảo sát"))
