"""Permissions of the fund drives module (``funds.*``); default grants in migration 0003."""

from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission

VIEW = permission("funds.view", _("Xem vận động ủng hộ quỹ"))
MANAGE = permission("funds.manage", _("Phát động và ghi nhận ủng hộ quỹ"))
