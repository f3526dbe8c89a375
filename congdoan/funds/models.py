"""Fund drives and contributions (issue 13, "Fund drives").

- A ``Fund`` is a row of a catalogue kept as data (Vì biển đảo Việt Nam, Đền ơn đáp nghĩa, Vì người
  nghèo, Quỹ xã hội, Uống nước nhớ nguồn, Khuyến học…; shipped by migration 0002, more in the admin).
- A ``Drive`` (đợt vận động) raises money for one fund over ``[starts_on, ends_on]`` (both days
  counted), launched by a unit, optionally under a document of the register (``documents.links``,
  role ``LAUNCH``).
- A ``Contribution`` (khoản ủng hộ) is an integer number of đồng, dated inside the drive, with a
  receipt number unique within the drive, given by a unit of the launcher's subtree, a member of
  the register or a named person outside the union, and counted at the unit (a CĐCS as a rule) it
  was collected at: ``unit``, which the totals roll up the tree from.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.core.dates import today
from congdoan.core.models import DatedCatalogue, optional_link
from congdoan.organizations.models import Unit


class Fund(DatedCatalogue):
    """A fund that drives raise money for (``code``: the figure ``funds.by_fund.<code>.amount``), in
    force over ``[valid_from, valid_to)``: a drive is launched only for a fund valid on its first day,
    and a closed fund keeps its drives (migration 0004 closed the funds once marked unused)."""

    description = fields.TextField(_("mô tả"), blank=True)

    class Meta(DatedCatalogue.Meta):
        verbose_name = _("quỹ")
        verbose_name_plural = _("danh mục quỹ")

    @property
    def active(self) -> bool:
        """In use today (the API's ``active``)."""
        return self.valid_on(today())


class Drive(models.Model):
    """A fund drive of ``unit`` for ``fund`` over ``starts_on``–``ends_on`` (both included)."""

    fund = models.ForeignKey(Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="drives")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="fund_drives"
    )
    name = fields.CharField(_("tên đợt vận động"), max_length=255)
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    note = fields.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt vận động ủng hộ quỹ")
        verbose_name_plural = _("đợt vận động ủng hộ quỹ")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["unit", "starts_on"], name="drive_unit_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="drive_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.name


class ContributorKind(models.TextChoices):
    UNIT = "unit", _("Tập thể (đơn vị)")
    MEMBER = "member", _("Đoàn viên")
    PERSON = "person", _("Cá nhân ngoài công đoàn")


class Contribution(models.Model):
    """``amount`` đồng given to ``drive`` on ``contributed_on`` under receipt ``receipt_no``."""

    drive = models.ForeignKey(
        Drive, verbose_name=_("đợt vận động"), on_delete=models.PROTECT, related_name="contributions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị thu"), on_delete=models.PROTECT, related_name="fund_contributions"
    )
    kind = fields.CharField(_("người ủng hộ là"), max_length=8, choices=ContributorKind.choices)
    contributor_unit = optional_link(Unit, _("đơn vị ủng hộ"), related_name="+")
    person = optional_link("members.Person", _("đoàn viên ủng hộ"), related_name="fund_contributions")
    contributor_name = fields.CharField(_("tên người ủng hộ"), max_length=255)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    contributed_on = models.DateField(_("ngày ủng hộ"))
    receipt_no = fields.IdentifierField(_("số biên nhận"), max_length=30)
    note = fields.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khoản ủng hộ")
        verbose_name_plural = _("khoản ủng hộ")
        ordering = ["drive_id", "contributed_on", "id"]
        indexes = [
            models.Index(fields=["unit", "contributed_on"], name="contribution_unit_day"),
            models.Index(fields=["drive", "unit"], name="contribution_drive_unit"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["drive", "receipt_no"], name="contribution_receipt_per_drive"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="contribution_amount_positive"),
            models.CheckConstraint(
                condition=(
                    Q(kind="unit", contributor_unit__isnull=False, person__isnull=True)
                    | Q(kind="member", person__isnull=False, contributor_unit__isnull=True)
                    | Q(kind="person", person__isnull=True, contributor_unit__isnull=True)
                ),
                name="contribution_contributor_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_no} — {self.contributor_name}"
