"""Permissions of the reports module (``reports.*``); default grants in migration 0002.

Reading a figure needs, besides ``reports.view``, the permission of the group that computes it
(``core.figures``): a report leaves out what the actor may not read."""

from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission

VIEW = permission("reports.view", _("Xem báo cáo, số liệu tổng hợp"))
MANAGE = permission("reports.manage", _("Soạn, ban hành báo cáo; nhắc đơn vị nộp số liệu"))
