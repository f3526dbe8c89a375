"""The document register's plug-ins: audit actions and how document entries read."""

from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, plugins
from congdoan.core.audit import AuditField

from .models import DocumentKind
from .permissions import VIEW

audit.register_object(
    "documents.document",
    {
        "kind": AuditField(_("Loại văn bản"), "ref", ref="documents.documentkind"),
        "unit": AuditField(_("Đơn vị"), "ref", ref="organizations.unit"),
        "signed_on": AuditField(_("Ngày ký"), "date"),
        "sender_date": AuditField(_("Ngày của văn bản đến"), "date"),
        "received_on": AuditField(_("Ngày đến"), "date"),
    },
)
audit.register_resolver("documents.documentkind", audit.names_of(DocumentKind))

DOCUMENT_STATE = _("Thông tin văn bản trước và sau")
for code, label in [
    ("document.create", _("Tạo dự thảo văn bản")),
    ("document.update", _("Sửa văn bản")),
    ("document.issue", _("Ban hành văn bản (lấy số)")),
    ("document.cancel", _("Hủy văn bản")),
    ("document.receive", _("Vào sổ văn bản đến")),
]:
    audit.register_action(code, label, DOCUMENT_STATE)
audit.register_action(
    "document.attach", _("Đính kèm tệp vào văn bản"), _("Tên, dung lượng và kiểu của tệp đính kèm")
)
audit.register_action("document.detach", _("Gỡ tệp đính kèm"), _("Tên của tệp đã gỡ"))
audit.register_action(
    "document.template_set", _("Đặt mẫu văn bản Word của đơn vị"), _("Loại văn bản và tên tệp mẫu")
)
audit.register_action(
    "document.symbol_set", _("Đặt ký hiệu đơn vị ban hành"), _("Ký hiệu và ngày bắt đầu dùng")
)

plugins.register_menu(plugins.MenuEntry(_("Văn bản"), "journal-text", "documents:register", VIEW, 30))
