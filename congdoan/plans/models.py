"""Coordination programmes and survey missions (domain.md, "Kế hoạch, chương trình phối hợp, khảo sát";
seed 000).

A ``Programme`` (chương trình phối hợp) binds two or more organisations on content areas for a period,
under its signing document. A ``Mission`` (đoàn khảo sát) works under a plan document: a head and members
(union officers: an ``OfficerPosition`` held over the mission's dates in a unit of the organising unit's
subtree), the units it visited (each on a date inside the mission's dates, while the unit existed) with
the people who received it, its findings per content area, the gifts and support it gave, and at the end
its report, issued as a numbered document. Documents live in ``congdoan.documents``.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.core.models import Catalogue, optional_link
from congdoan.organizations.models import Unit


class ContentArea(Catalogue):
    """What a programme coordinates and a mission evaluates (directing the provincial public-sector
    unions, a movement, a campaign, members' policies, social security…): data."""

    class Meta(Catalogue.Meta):
        verbose_name = _("nội dung phối hợp")
        verbose_name_plural = _("nội dung phối hợp")


class Programme(models.Model):
    """Chương trình phối hợp between ``parties`` (two or more units), recorded by ``unit`` (one of them),
    valid over ``[valid_from, valid_to)`` (``valid_to`` empty: open-ended)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ghi nhận"), on_delete=models.PROTECT, related_name="+"
    )
    title = fields.CharField(_("tên chương trình"), max_length=500)
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("văn bản ký kết"), on_delete=models.PROTECT, related_name="+"
    )
    parties = models.ManyToManyField(Unit, verbose_name=_("các bên phối hợp"), related_name="+")
    areas = models.ManyToManyField(ContentArea, verbose_name=_("nội dung phối hợp"), related_name="+")
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày (không gồm)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chương trình phối hợp")
        verbose_name_plural = _("chương trình phối hợp")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="programme_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Mission(models.Model):
    """Đoàn khảo sát: organised by ``unit`` under ``plan``, from ``starts_on`` to ``ends_on`` (both
    days included), evaluating ``programmes``; ``report`` is the numbered report issued at the end."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    title = fields.CharField(_("tên đoàn, nội dung khảo sát"), max_length=500)
    plan = models.ForeignKey(
        "documents.Document", verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("chương trình phối hợp được khảo sát"), related_name="missions", blank=True
    )
    report = models.ForeignKey(
        "documents.Document",
        verbose_name=_("báo cáo kết quả"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đoàn khảo sát")
        verbose_name_plural = _("đoàn khảo sát")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="mission_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.title


class MissionMember(models.Model):
    """A member of the mission: a union officer (``position``: the position they held over the mission's
    dates); ``account``, when set, is the login through which they see the mission."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="members")
    position = models.ForeignKey(
        "members.OfficerPosition",
        verbose_name=_("cán bộ (chức vụ)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_head = models.BooleanField(_("trưởng đoàn"), default=False)
    account = optional_link(settings.AUTH_USER_MODEL, _("tài khoản"), related_name="+")

    class Meta:
        verbose_name = _("thành viên đoàn khảo sát")
        verbose_name_plural = _("thành viên đoàn khảo sát")
        ordering = ["-is_head", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "position"], name="mission_member_once"),
            models.UniqueConstraint(fields=["mission"], condition=Q(is_head=True), name="mission_one_head"),
        ]

    def __str__(self) -> str:
        return str(self.position)


class Visit(models.Model):
    """The mission worked with ``unit`` on ``on``."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="visits")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đến làm việc"), on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField(_("ngày làm việc"))
    note = fields.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("buổi làm việc")
        verbose_name_plural = _("buổi làm việc")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.unit} ({self.on:%d/%m/%Y})"


class Host(models.Model):
    """Someone who received the mission at a visit: as written (name, position, unit)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="hosts")
    full_name = fields.CharField(_("họ và tên"), max_length=150)
    position = fields.CharField(_("chức vụ"), max_length=150, blank=True)
    unit_name = fields.CharField(_("đơn vị"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("người đón tiếp")
        verbose_name_plural = _("người đón tiếp")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name


class MissionPart(models.Model):
    """Something recorded about a mission as a whole or about one of its visits."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="%(class)ss")
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("buổi làm việc"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class Finding(MissionPart):
    """What the mission found on one content area (at one visit, or across the mission)."""

    area = models.ForeignKey(
        ContentArea, verbose_name=_("nội dung"), on_delete=models.PROTECT, related_name="+"
    )
    results = fields.TextField(_("kết quả"), blank=True)
    shortcomings = fields.TextField(_("hạn chế"), blank=True)
    proposals = fields.TextField(_("đề xuất thời gian tới"), blank=True)

    class Meta:
        verbose_name = _("kết quả khảo sát")
        verbose_name_plural = _("kết quả khảo sát")
        ordering = ["area__order", "id"]

    def __str__(self) -> str:
        return str(self.area)


class Gift(MissionPart):
    """Gifts and support given during the mission: ``count`` items of ``unit_value`` VND each."""

    class Kind(models.TextChoices):
        HOUSE = "house", _("Nhà tình nghĩa, nhà Mái ấm Công đoàn")
        GIFT = "gift", _("Suất quà")
        CASH = "cash", _("Tiền hỗ trợ")
        OTHER = "other", _("Khác")

    kind = fields.CharField(_("loại"), max_length=16, choices=Kind.choices)
    description = fields.CharField(_("mô tả, người nhận"), max_length=500, blank=True)
    count = models.PositiveIntegerField(_("số lượng"))
    unit_value = models.PositiveBigIntegerField(_("trị giá mỗi suất (đồng)"))

    class Meta:
        verbose_name = _("quà, hỗ trợ")
        verbose_name_plural = _("quà, hỗ trợ")
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="gift_count_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} × {self.count}"

    @property
    def amount(self) -> int:
        return self.count * self.unit_value
