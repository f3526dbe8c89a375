"""Welfare: support given to members and others (issue 13, "Welfare").

- ``SupportKind`` (data): sickness, accident, hardship, a death, a wedding, a disaster, a house, gifts…;
  ``personal`` marks the kinds whose beneficiary is personal data (``permissions``).
- ``SupportCase``: one support decided by a unit on a date: to a member of the register (``person``), to a
  member's family (``person`` and ``relation``) or to someone outside the union (``beneficiary_name``
  only); the amount in whole đồng and where the money came from (``source``: the union's funds of a
  level, the agency, a fund drive, a sponsor); a case paid by a fund drive may name it (``drive``, a
  ``funds.Drive`` launched by the deciding unit or a unit above it, started by the day of the support). Numbered decisions are documents of the register linked to the case
  (``documents.links``, role ``quyet-dinh``).
- ``Programme``: a campaign that groups cases and gift items (Tết, 27/7, gifts during a survey visit,
  ``ProgrammeKind`` as data); it may name the survey mission of ``plans`` it went with.
- ``GiftItem``: ``count`` gifts of ``unit_value`` đồng each in a programme (100 Tết bags worth 50 million),
  of a ``SupportKind`` like a case (Quà Tết, Quà gia đình chính sách…), so the figures split by kind count
  cases and gifts alike.
  Gifts already recorded by a survey mission (``plans.Gift``) are linked, not typed again: the item
  carries the mission gift's own count and value (``survey_gift``).
- ``House``: a house built or repaired (Nhà tình nghĩa, Nhà tình thương, Mái ấm Công đoàn) is a support
  case of the kind ``nha-o`` with its house details (kind of house, new or repair, location, contributors,
  hand-over date); a house recorded by a survey mission is linked the same way (``SupportCase.survey_gift``).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.core.models import Catalogue, DatedCatalogue, optional_link
from congdoan.organizations.models import Unit

HOUSE_KIND = "nha-o"  # the support kind whose cases carry a House


class SupportKind(DatedCatalogue):
    """A kind of support, in force over ``[valid_from, valid_to)`` with its ``personal`` flag: a kind
    whose rule changes (personal or not) is closed and followed by a new row from the day it changes,
    so a case keeps the row of its own day (``DatedCatalogue``)."""

    personal = models.BooleanField(
        _("thông tin cá nhân"),
        default=False,
        help_text=_(
            "Người được hỗ trợ loại này chỉ hiện với người được xem thông tin cá nhân của đoàn viên."
        ),
    )

    class Meta(DatedCatalogue.Meta):
        verbose_name = _("loại hỗ trợ")
        verbose_name_plural = _("loại hỗ trợ")


class ProgrammeKind(Catalogue):
    class Meta(Catalogue.Meta):
        verbose_name = _("loại chương trình chăm lo")
        verbose_name_plural = _("loại chương trình chăm lo")


class HouseKind(DatedCatalogue):
    """A kind of house (Nhà tình nghĩa, Nhà tình thương, Mái ấm Công đoàn) in force over
    ``[valid_from, valid_to)``."""

    class Meta(DatedCatalogue.Meta):
        verbose_name = _("loại nhà")
        verbose_name_plural = _("loại nhà")


class Source(models.TextChoices):
    """Where the money came from: the union's funds, the agency or employer (cơ quan, đơn vị sử dụng lao
    động), a fund drive, a sponsor (nhà hảo tâm, xã hội hoá); the fund drive or sponsor is named. The
    totals by source (``welfare.by_source.<code>.*``) have one column per choice, in this order."""

    UNION_FUNDS = "quy-cong-doan", _("Kinh phí, quỹ công đoàn")
    EMPLOYER = "co-quan", _("Cơ quan, đơn vị sử dụng lao động")
    FUND_DRIVE = "cuoc-van-dong", _("Quỹ, cuộc vận động")
    SPONSOR = "tai-tro", _("Nhà tài trợ, xã hội hoá")


class Programme(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.ForeignKey(
        ProgrammeKind, verbose_name=_("loại chương trình"), on_delete=models.PROTECT, related_name="+"
    )
    title = fields.CharField(_("tên chương trình"), max_length=300)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    mission = optional_link("plans.Mission", _("đoàn khảo sát"), related_name="+")
    note = fields.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chương trình chăm lo")
        verbose_name_plural = _("chương trình chăm lo")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="welfare_programme_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SupportCase(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị quyết định"), on_delete=models.PROTECT, related_name="+"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("chương trình"),
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
    )
    kind = models.ForeignKey(
        SupportKind, verbose_name=_("loại hỗ trợ"), on_delete=models.PROTECT, related_name="+"
    )
    person = optional_link("members.Person", _("đoàn viên"), related_name="+")
    beneficiary_name = fields.CharField(_("người nhận"), max_length=150, blank=True)
    relation = fields.CharField(_("quan hệ với đoàn viên"), max_length=60, blank=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    source = fields.CharField(_("nguồn kinh phí"), max_length=16, choices=Source.choices)
    source_unit = optional_link(Unit, _("quỹ công đoàn của đơn vị"), related_name="+")
    source_name = fields.CharField(_("tên quỹ, cuộc vận động, nhà tài trợ"), max_length=300, blank=True)
    drive = optional_link("funds.Drive", _("cuộc vận động chi trả"), related_name="+")
    decided_on = models.DateField(_("ngày hỗ trợ"))
    survey_gift = models.OneToOneField(
        "plans.Gift",
        verbose_name=_("quà, hỗ trợ của đoàn khảo sát"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    note = fields.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trường hợp hỗ trợ")
        verbose_name_plural = _("trường hợp hỗ trợ")
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "decided_on"], name="welfare_case_unit_day"),
            models.Index(fields=["programme", "person"], name="welfare_case_programme_person"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=1), name="welfare_case_amount_positive"),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(beneficiary_name=""),
                name="welfare_case_has_beneficiary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind.name} — {self.decided_on:%d/%m/%Y}"


class House(models.Model):
    class Work(models.TextChoices):
        NEW = "xay-moi", _("Xây mới")
        REPAIR = "sua-chua", _("Sửa chữa")

    case = models.OneToOneField(SupportCase, on_delete=models.CASCADE, related_name="house")
    kind = models.ForeignKey(
        HouseKind, verbose_name=_("loại nhà"), on_delete=models.PROTECT, related_name="+"
    )
    work = fields.CharField(_("xây mới hay sửa chữa"), max_length=10, choices=Work.choices)
    location = fields.CharField(_("địa điểm"), max_length=300)
    contributors = fields.TextField(_("đơn vị, cá nhân đóng góp"), blank=True)
    handed_over_on = models.DateField(_("ngày bàn giao"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhà tình nghĩa, nhà tình thương, Mái ấm Công đoàn")
        verbose_name_plural = _("nhà tình nghĩa, nhà tình thương, Mái ấm Công đoàn")

    def __str__(self) -> str:
        return f"{self.kind.name} — {self.location}"


class GiftItem(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="items"
    )
    kind = models.ForeignKey(
        SupportKind, verbose_name=_("loại hỗ trợ"), on_delete=models.PROTECT, related_name="+"
    )
    description = fields.CharField(_("quà, khoản hỗ trợ"), max_length=300)
    count = models.PositiveIntegerField(_("số suất"))
    unit_value = models.PositiveBigIntegerField(_("trị giá mỗi suất (đồng)"))
    given_on = models.DateField(_("ngày trao"))
    source = fields.CharField(_("nguồn kinh phí"), max_length=16, choices=Source.choices)
    source_unit = optional_link(Unit, _("quỹ công đoàn của đơn vị"), related_name="+")
    source_name = fields.CharField(_("tên quỹ, cuộc vận động, nhà tài trợ"), max_length=300, blank=True)
    survey_gift = models.OneToOneField(
        "plans.Gift",
        verbose_name=_("quà, hỗ trợ của đoàn khảo sát"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quà trong chương trình")
        verbose_name_plural = _("quà trong chương trình")
        ordering = ["programme_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="welfare_item_count_positive"),
            models.CheckConstraint(condition=Q(unit_value__gte=1), name="welfare_item_value_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.description} × {self.count}"

    @property
    def amount(self) -> int:
        return self.count * self.unit_value
