"""Permissions of the conferences module (``meetings.*``); default grants in migration 0002."""

from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission

VIEW = permission("meetings.view", _("Xem hội nghị, đại hội"))
MANAGE = permission("meetings.manage", _("Ghi hội nghị, đại hội"))
