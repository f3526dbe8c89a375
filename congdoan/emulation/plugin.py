"""The emulation module's plug-ins: audit actions and objects, the menu entries, the figures
(registrations of the period, rolled up the tree) and the dashboard card."""

from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, figures, plugins
from congdoan.core.audit import AuditField

from . import selectors
from .models import Movement
from .permissions import VIEW

UNIT = "organizations.unit"

plugins.register_menu(plugins.MenuEntry(_("Phong trào thi đua"), "flag", "emulation:movements", VIEW, 30))
plugins.register_menu(
    plugins.MenuEntry(_("Đăng ký thi đua"), "card-checklist", "emulation:registrations", VIEW, 31)
)

audit.register_object(
    "emulation.movement",
    {
        "unit": AuditField(_("Đơn vị phát động"), "ref", ref=UNIT),
        "starts_on": AuditField(_("Từ ngày"), "date"),
        "ends_on": AuditField(_("Đến ngày"), "date"),
        "deadline": AuditField(_("Hạn đăng ký"), "date"),
    },
)
audit.register_object(
    "emulation.registration",
    {
        "unit": AuditField(_("Đơn vị đăng ký"), "ref", ref=UNIT),
        "movement": AuditField(_("Phong trào"), "ref", ref="emulation.movement"),
    },
)
audit.register_resolver("emulation.movement", audit.names_of(Movement))

for code, label, description in [
    (
        "movement.create",
        _("Phát động phong trào thi đua"),
        _("Đơn vị phát động, tên, thời gian, hạn đăng ký"),
    ),
    ("registration.create", _("Đăng ký thi đua"), _("Phong trào, đơn vị đăng ký và chỉ tiêu")),
    ("registration.update", _("Sửa đăng ký thi đua"), _("Chỉ tiêu, danh hiệu đăng ký trước và sau")),
    ("registration.submit", _("Gửi đăng ký thi đua"), _("Trạng thái của đăng ký trước và sau")),
    ("registration.accept", _("Duyệt đăng ký thi đua"), _("Trạng thái của đăng ký trước và sau")),
    ("registration.return", _("Trả lại đăng ký thi đua"), _("Trạng thái của đăng ký và lý do trả lại")),
]:
    audit.register_action(code, label, description)

# -- figures (core.figures) and the dashboard --------------------------------------------------------
Figure, Measure = figures.Figure, figures.Measure
figures.register_group(
    "emulation",
    permission=VIEW,
    compute=selectors.registration_figure_values,
    figures=[
        Figure("emulation.registrations", _("Đơn vị đăng ký thi đua"), Measure.UNITS),
        Figure("emulation.registrations_accepted", _("Đăng ký thi đua đã duyệt"), Measure.UNITS),
    ],
)
plugins.register_card(
    plugins.DashboardCard(
        "emulation",
        _("Thi đua"),
        "emulation/partials/card_emulation.html",
        None,
        VIEW,
        30,
        ("emulation.registrations", "emulation.registrations_accepted"),
    )
)
