"""Core's own plug-ins: the dashboard entry and the user's background jobs."""

from django.utils.translation import gettext_lazy as _

from . import audit, reminders  # noqa: F401  (reminders: its audit actions)
from .plugins import MenuEntry, register_menu

register_menu(MenuEntry(_("Tổng quan"), "speedometer2", "home", order=0))
register_menu(MenuEntry(_("Công việc nền"), "hourglass-split", "jobs:list", order=900))
audit.register_action(
    "job.retry",
    _("Chạy lại công việc nền"),
    _("Quản trị hệ thống đưa một công việc đã thất bại trở lại hàng đợi"),
)
