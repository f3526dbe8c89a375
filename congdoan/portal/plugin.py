"""The news portal's plug-ins: audit actions and objects, the menu entry and the dashboard card
(articles waiting for review in the actor's reach). The portal registers no figures of its own: its
figures box reads other modules' figures (``core.figures``)."""

from django.utils.translation import gettext_lazy as _

from congdoan.core import audit, plugins
from congdoan.core.audit import AuditField

from . import selectors
from .models import Article, Category
from .permissions import VIEW

UNIT = "organizations.unit"

plugins.register_menu(plugins.MenuEntry(_("Trang tin"), "newspaper", "portal:list", VIEW, 60))

audit.register_object(
    "portal.article",
    {
        "unit": AuditField(_("Đơn vị đăng tin"), "ref", ref=UNIT),
        "category": AuditField(_("Chuyên mục"), "ref", ref="portal.category"),
        "title": AuditField(_("Tiêu đề")),
        "slug": AuditField(_("Đường dẫn")),
        "summary": AuditField(_("Tóm tắt")),
        "body": AuditField(_("Nội dung")),
        "byline": AuditField(_("Bút danh")),
        "tags": AuditField(_("Từ khóa")),
        "publish_at": AuditField(_("Thời điểm đăng")),
        "day": AuditField(_("Ngày đăng"), "date"),
        "archived": AuditField(_("Bài của trang tin cũ")),
        "figures_unit": AuditField(_("Đơn vị của số liệu"), "ref", ref=UNIT),
        "figures_year": AuditField(_("Năm của số liệu")),
        "figure_names": AuditField(_("Số liệu hiển thị")),
        "state": AuditField(_("Trạng thái")),
        "state_reason": AuditField(_("Lý do")),
        "links": AuditField(_("Bản ghi liên quan")),
    },
)
audit.register_object(
    "portal.articleimage", {"article": AuditField(_("Bài viết"), "ref", ref="portal.article")}
)
audit.register_resolver("portal.article", audit.names_of(Article, "title"))
audit.register_resolver("portal.category", audit.names_of(Category))

for code, label, description in [
    (
        "article.create",
        _("Viết bài"),
        _("Đơn vị, chuyên mục, tiêu đề, đường dẫn, bút danh, thời điểm đăng, số liệu"),
    ),
    ("article.update", _("Sửa bài"), _("Các trường đã đổi, trước và sau")),
    ("article.image_add", _("Thêm ảnh vào bài"), _("Bài viết và chú thích ảnh")),
    ("article.submit", _("Gửi duyệt bài"), _("Trạng thái trước và sau")),
    ("article.publish", _("Duyệt và đăng bài"), _("Trạng thái trước và sau")),
    ("article.send_back", _("Trả lại bài"), _("Trạng thái và lý do trả lại")),
    ("article.unpublish", _("Gỡ bài đã đăng"), _("Trạng thái và lý do gỡ")),
    ("article.reopen", _("Mở lại bài đã gỡ để sửa"), _("Trạng thái trước và sau")),
]:
    audit.register_action(code, label, description)


def _waiting(actor, scope):
    return {"waiting": selectors.article_search(actor=actor).filter(state=Article.State.PENDING).count()}


plugins.register_card(
    plugins.DashboardCard("portal", _("Trang tin"), "portal/partials/card.html", _waiting, VIEW, 60)
)
