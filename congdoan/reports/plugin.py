"""What the reports module registers: audit actions, menu entries, the dashboard card, and the
issued reports as records that cite documents. It registers no figure: it reads every app's."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, plugins
from congdoan.core.audit import AuditField
from congdoan.documents import links

from . import definitions, files, reminders  # noqa: F401  (files: the report files' job kinds; reminders: its scheduled kind)
from .models import IssuedReport
from .permissions import VIEW

SECTIONS = {s.code: s.title for r in definitions.REPORTS.values() for s in r.sections}
audit.register_action(
    "report.narrative",
    _("Soạn nội dung báo cáo"),
    _("Báo cáo, năm và nội dung các phần đã sửa"),
    {
        "report": AuditField(_("Báo cáo")),
        "year": AuditField(_("Năm")),
        **{code: AuditField(title) for code, title in SECTIONS.items()},
    },
)
audit.register_action("report.issue", _("Ban hành báo cáo"), _("Báo cáo, năm và văn bản đã ban hành"))
audit.register_action(
    "filing.remind",
    _("Nhắc đơn vị nhập số liệu"),
    _("Năm, số địa chỉ e-mail đã gửi, số đơn vị được nhắc, đã nhắc trước đó và chưa có e-mail"),
    {
        "year": AuditField(_("Năm")),
        "recipients": AuditField(_("Số người nhận")),
        "units": AuditField(_("Số đơn vị được nhắc")),
        "already": AuditField(_("Bỏ qua: đã được nhắc trước đó")),
        "no_address": AuditField(_("Bỏ qua: chưa có email")),
    },
)

links.register(
    IssuedReport,
    label=lambda r: f"{r.report} {r.year}",
    url=lambda r: f"{reverse('reports:' + r.report)}?unit={r.unit_id}&nam={r.year}",
)

plugins.register_menu(plugins.MenuEntry(_("Số liệu tổng hợp"), "speedometer2", "reports:dashboard", VIEW, 80))
plugins.register_menu(plugins.MenuEntry(_("Báo cáo tổng kết"), "journal-text", "reports:tong-ket", VIEW, 81))
plugins.register_menu(
    plugins.MenuEntry(_("Tình hình nhập số liệu"), "list-check", "reports:filing", VIEW, 82)
)
plugins.register_card(
    plugins.DashboardCard("reports", _("Báo cáo"), "reports/partials/card.html", None, VIEW, 90)
)
