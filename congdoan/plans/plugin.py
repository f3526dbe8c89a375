"""Plans' plug-ins: menu entries and the audit actions of programmes and survey missions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, plugins
from congdoan.core.audit import AuditField
from congdoan.documents import links

from .models import ContentArea, Gift, Mission, Programme
from .permissions import VIEW

plugins.register_menu(plugins.MenuEntry(_("Đoàn khảo sát"), "binoculars", "plans:missions", VIEW, 40))
plugins.register_menu(
    plugins.MenuEntry(_("Chương trình phối hợp"), "people-fill", "plans:programmes", VIEW, 41)
)

links.register(Mission, label=lambda m: m.title, url=lambda m: reverse("plans:mission", args=[m.pk]))
links.register(Programme, label=lambda p: p.title, url=lambda p: reverse("plans:programme", args=[p.pk]))

UNIT = "organizations.unit"
DOCUMENT = "documents.document"
audit.register_object(
    "plans.mission",
    {
        "unit": AuditField(_("Đơn vị tổ chức"), "ref", ref=UNIT),
        "plan": AuditField(_("Kế hoạch"), "ref", ref=DOCUMENT),
        "report": AuditField(_("Báo cáo kết quả"), "ref", ref=DOCUMENT),
        "starts_on": AuditField(_("Từ ngày"), "date"),
        "ends_on": AuditField(_("Đến ngày"), "date"),
        "on": AuditField(_("Ngày làm việc"), "date"),
        "head": AuditField(_("Trưởng đoàn")),
        "members": AuditField(_("Thành viên đoàn"), "list"),
        "programmes": AuditField(_("Chương trình phối hợp"), "list"),
        "position": AuditField(_("Thành viên đoàn")),
        "account": AuditField(_("Tài khoản"), "ref", ref="accounts.user"),
        "hosts": AuditField(_("Người đón tiếp"), "list"),
        "note": AuditField(_("Ghi chú")),
        "area": AuditField(_("Nội dung"), "ref", ref="plans.contentarea"),
        "visit": AuditField(_("Buổi làm việc")),
        "results": AuditField(_("Kết quả")),
        "shortcomings": AuditField(_("Hạn chế")),
        "proposals": AuditField(_("Đề xuất thời gian tới")),
        "kind": AuditField(_("Loại"), "choice", choices=dict(Gift.Kind.choices)),
        "description": AuditField(_("Mô tả, người nhận")),
        "count": AuditField(_("Số lượng")),
        "unit_value": AuditField(_("Trị giá mỗi suất (đồng)")),
    },
)
audit.register_object(
    "plans.programme",
    {
        "unit": AuditField(_("Đơn vị ghi nhận"), "ref", ref=UNIT),
        "document": AuditField(_("Văn bản ký kết"), "ref", ref=DOCUMENT),
        "valid_from": AuditField(_("Từ ngày"), "date"),
        "valid_to": AuditField(_("Đến ngày (không gồm)"), "date"),
        "parties": AuditField(_("Các bên phối hợp"), "list"),
        "areas": AuditField(_("Nội dung phối hợp"), "list"),
    },
)
audit.register_resolver("plans.mission", audit.names_of(Mission, "title"))
audit.register_resolver("plans.programme", audit.names_of(Programme, "title"))
audit.register_resolver("plans.contentarea", audit.names_of(ContentArea))

for code, label, description in [
    (
        "programme.create",
        _("Ghi chương trình phối hợp"),
        _("Tên, văn bản ký kết, các bên, nội dung và thời gian"),
    ),
    (
        "programme.update",
        _("Sửa chương trình phối hợp"),
        _("Tên, văn bản ký kết, các bên, nội dung và thời gian trước và sau"),
    ),
    (
        "mission.create",
        _("Lập đoàn khảo sát"),
        _("Kế hoạch, đơn vị tổ chức, thời gian, trưởng đoàn và thành viên"),
    ),
    ("mission.update", _("Sửa đoàn khảo sát"), _("Tên, kế hoạch và thời gian trước và sau")),
    ("mission.member_add", _("Thêm thành viên đoàn khảo sát"), _("Chức vụ của cán bộ và tài khoản")),
    ("mission.visit_add", _("Ghi buổi làm việc của đoàn"), _("Đơn vị, ngày làm việc và người đón tiếp")),
    ("mission.finding_add", _("Ghi kết quả khảo sát"), _("Nội dung, kết quả, hạn chế và đề xuất")),
    ("mission.gift_add", _("Ghi quà, hỗ trợ của đoàn"), _("Loại, số lượng và trị giá mỗi suất")),
    ("mission.report_issue", _("Ban hành báo cáo kết quả khảo sát"), _("Văn bản báo cáo có số")),
]:
    audit.register_action(code, label, description)
