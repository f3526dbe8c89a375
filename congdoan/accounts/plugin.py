"""Accounts' plug-ins: the admin menu entries, audit actions of accounts, roles and tokens, and names
of accounts in other entries."""

from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, plugins
from congdoan.core.audit import AuditField

from .models import User
from .permissions import AUDIT_VIEW, VIEW

plugins.register_menu(
    plugins.MenuEntry(_("Tài khoản và phân quyền"), "person-gear", "accounts:list", VIEW, 10, "admin")
)
plugins.register_menu(
    plugins.MenuEntry(_("Nhật ký thao tác"), "clock-history", "accounts:audit", AUDIT_VIEW, 20, "admin")
)

audit.register_object("accounts.user", {"password": AuditField(_("Mật khẩu"), hidden=True)})
audit.register_object("accounts.apitoken", {"key_hash": AuditField("key_hash", hidden=True)})
audit.register_resolver("accounts.user", audit.names_of(User, "username"))

ACCOUNT = _("Tên đăng nhập, email, họ tên, đơn vị quản lý, tình trạng hoạt động")
audit.register_action("account.create", _("Tạo tài khoản"), ACCOUNT)
audit.register_action("account.update", _("Sửa tài khoản"), ACCOUNT)
audit.register_action(
    "account.merge_move",
    _("Chuyển tài khoản theo sáp nhập"),
    _("Đơn vị quản lý tài khoản chuyển sang đơn vị tiếp nhận khi đơn vị cũ sáp nhập"),
)
audit.register_action(
    "account.set_password", _("Đặt mật khẩu"), _("Chỉ ghi việc đổi mật khẩu, không ghi mật khẩu")
)
audit.register_action(
    "account.admin_change",
    _("Sửa tài khoản trong trang quản trị"),
    _("Các trường tài khoản, quyền quản trị và việc đổi mật khẩu (không ghi mật khẩu)"),
    {"password_changed": AuditField(_("Đổi mật khẩu"), "bool")},
)
audit.register_action("role.grant", _("Cấp vai trò"), _("Tài khoản, vai trò, đơn vị và thời hạn"))
audit.register_action("role.end", _("Kết thúc vai trò"), _("Ngày kết thúc vai trò (không gồm ngày đó)"))
audit.register_action("token.issue", _("Cấp mã truy cập API"), _("Tên và gợi ý của mã (không ghi mã)"))
audit.register_action("token.revoke", _("Thu hồi mã truy cập API"), _("Thời điểm thu hồi"))
audit.register_action(
    "account.email_taken",
    _("Trả lời email đã dùng cho tài khoản ngoài phạm vi"),
    _(
        "Số lần trả lời rằng một email đã được dùng cho tài khoản ngoài phạm vi quản lý và số lần bị "
        "từ chối vì quá giới hạn trong ngày; không ghi email được hỏi"
    ),
    {
        "field": AuditField(_("Trường"), "choice", choices={"email": _("Email")}),
        "answers": AuditField(_("Số lần trả lời")),
        "refused": AuditField(_("Số lần từ chối (quá giới hạn)")),
    },
    read=True,
)
