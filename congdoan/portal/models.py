"""The news portal's records: categories (data), articles with their images and the records they
report, reviewed nháp → chờ duyệt → đã đăng (or trả lại with a reason), unpublished without losing
the article or its history.

An article is public when it is ``published`` and its ``publish_at`` has come (a scheduled article
is published ahead and shows from its time: ``Article.objects.public(now)``). Its address is
``/tin-tuc/<yyyy>/<mm>/<dd>/<slug>/`` by ``day``, the publication date in Vietnam (GMT+7), and a
slug is used once a day (constraint ``article_slug_once_a_day``).
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from congdoan.core import fields
from congdoan.core.models import Catalogue, optional_link
from congdoan.core.workflow import FSMField, Reviewed
from congdoan.organizations.models import Unit

TITLE_MAX = 255
SLUG_MAX = 120
SUMMARY_MAX = 1000
BODY_MAX = 100_000


class Category(Catalogue):
    """A chuyên mục (Tin hoạt động, Thi đua – khen thưởng, …, Thông báo). Its code is its address."""

    ANNOUNCEMENTS = "thong-bao"

    class Meta(Catalogue.Meta):
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")


class ArticleQuerySet(models.QuerySet):
    def public(self, now: dt.datetime | None = None) -> "ArticleQuerySet":
        """Published articles whose time has come: the only ones anonymous visitors ever read."""
        return self.filter(state=Article.State.PUBLISHED, publish_at__lte=now or timezone.now())


class Article(Reviewed):
    class State(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        PENDING = "pending", _("Chờ duyệt")
        RETURNED = "returned", _("Trả lại")
        PUBLISHED = "published", _("Đã đăng")
        UNPUBLISHED = "unpublished", _("Đã gỡ")

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đăng tin"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    title = fields.CharField(_("tiêu đề"), max_length=TITLE_MAX)
    slug = fields.SlugField(_("đường dẫn"), max_length=SLUG_MAX)
    summary = fields.TextField(_("tóm tắt"), max_length=SUMMARY_MAX, blank=True)
    body = fields.TextField(_("nội dung"), max_length=BODY_MAX)
    byline = fields.CharField(
        _("bút danh"), max_length=80, help_text=_("Tên hiển thị của tác giả: chữ viết tắt hoặc bút danh.")
    )
    tags = fields.CharField(_("từ khóa"), max_length=255, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người viết"), on_delete=models.PROTECT, related_name="+"
    )
    publish_at = models.DateTimeField(_("thời điểm đăng"), null=True, blank=True)
    day = models.DateField(_("ngày đăng"), null=True, blank=True, editable=False)
    archived = models.BooleanField(
        _("bài của trang tin cũ"),
        default=False,
        help_text=_("Bài đã đăng trên trang tin cũ của đơn vị, giữ nguyên ngày đăng ban đầu."),
    )
    # The figures box: figures of the reports layer (core.figures) read live for this unit and year.
    figures_unit = optional_link(Unit, _("đơn vị của số liệu"), related_name="+")
    figures_year = models.PositiveSmallIntegerField(_("năm của số liệu"), null=True, blank=True)
    figure_names = fields.CharField(_("số liệu hiển thị"), max_length=1000, blank=True)
    search_text = fields.TextField(max_length=BODY_MAX + 2000, blank=True, editable=False)
    state = FSMField(_("trạng thái"), default=State.DRAFT, choices=State.choices, protected=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "slug"], condition=Q(day__isnull=False), name="article_slug_once_a_day"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "publish_at"], name="article_state_publish"),
            models.Index(fields=["unit", "state", "publish_at"], name="article_unit_state"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def figure_list(self) -> list[str]:
        return [n.strip() for n in self.figure_names.split(",") if n.strip()]

    def get_absolute_url(self) -> str:
        """The public address (meaningful once published)."""
        day = self.day or timezone.localdate()
        return reverse(
            "portal_public:article",
            kwargs={
                "year": day.year,
                "month": f"{day.month:02d}",
                "day": f"{day.day:02d}",
                "slug": self.slug,
            },
        )

    @transition(field=state, source=[State.DRAFT, State.RETURNED], target=State.PENDING)
    def submit(self):
        pass

    @transition(field=state, source=State.PENDING, target=State.PUBLISHED)
    def publish(self):
        pass

    @transition(field=state, source=State.PENDING, target=State.RETURNED)
    def send_back(self):
        pass

    @transition(field=state, source=State.PUBLISHED, target=State.UNPUBLISHED)
    def unpublish(self):
        pass

    @transition(field=state, source=State.UNPUBLISHED, target=State.DRAFT)
    def reopen(self):
        pass


class ArticleImage(models.Model):
    """An image of an article: the original as uploaded (location data removed) and the web sizes
    made from it, each stored under MEDIA_ROOT/portal/ with a random name."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    caption = fields.CharField(_("chú thích ảnh"), max_length=300, blank=True)
    original = fields.CharField(max_length=255, editable=False)
    web = fields.CharField(max_length=255, editable=False)
    thumb = fields.CharField(max_length=255, editable=False)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh của bài viết")
        verbose_name_plural = _("ảnh của bài viết")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.caption or f"#{self.pk}"


class ArticleLink(models.Model):
    """A record the article reports (a conference, a mission, a block…: a model registered with
    ``documents.links``), with its label as it read when linked."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="links")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = fields.CharField(max_length=64)
    label = fields.CharField(_("bản ghi"), max_length=255)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "content_type", "object_id"], name="articlelink_once")
        ]

    def __str__(self) -> str:
        return self.label
