"""The sidebar: every module of the system, in the order officers work through the year.

A module whose ``url_name`` is None is not built yet: the menu says so and links nowhere.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Module:
    label: str
    icon: str
    url_name: str | None = None
    permission: str | None = None


MODULES: list[Module] = [
    Module(_("Tổng quan"), "speedometer2", "home"),
    Module(_("Cơ cấu tổ chức"), "diagram-3", "organizations:tree", "units.view"),
    Module(_("Đoàn viên"), "people", "members:list", "members.view"),
    Module(_("Thi đua"), "flag"),
    Module(_("Khen thưởng"), "award"),
    Module(_("Đánh giá, xếp loại CĐCS"), "clipboard-check"),
    Module(_("Sáng kiến"), "lightbulb"),
    Module(_("Chăm lo đời sống"), "heart"),
    Module(_("Quỹ và vận động"), "piggy-bank"),
    Module(_("Hội nghị, đại hội"), "easel"),
    Module(_("Kế hoạch, phối hợp, khảo sát"), "journal-text"),
    Module(_("Tin hoạt động"), "newspaper"),
    Module(_("Báo cáo"), "bar-chart"),
    Module(_("Công việc nền"), "hourglass-split", "jobs:list"),
]

ADMIN_MODULES: list[Module] = [
    Module(_("Tài khoản và phân quyền"), "person-gear", "accounts:list", "accounts.view"),
    Module(_("Nhật ký thao tác"), "clock-history", "accounts:audit", "audit.view"),
]
