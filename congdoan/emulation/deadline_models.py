"""Registration deadlines per movement and year, and the extensions granted past them (issue 11 §2:
"a deadline per movement and year, after which registration needs the superior's permission").
Imported by ``models``.

A movement may run several years (a five-year movement, a campaign by phases): its units register
each year, so a registration carries its ``year`` and each year has its own deadline. A deadline is
data with validity dates: changing it closes the row in force and opens a new one, so the deadline a
past day read stays on record. An extension is recorded for good: who granted it, until when, why.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.core.models import Dated
from congdoan.organizations.models import Unit


class RegistrationDeadline(Dated):
    """The last day (included) on which the units register for ``movement`` for ``year``, set by the
    launching level and in force over ``[valid_from, valid_to)``."""

    movement = models.ForeignKey("emulation.Movement", on_delete=models.PROTECT, related_name="deadlines")
    year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    deadline = models.DateField(_("hạn đăng ký"))
    note = fields.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("hạn đăng ký thi đua")
        verbose_name_plural = _("hạn đăng ký thi đua")
        ordering = ["movement_id", "year", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "year", "valid_from"], name="registrationdeadline_one_per_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="registrationdeadline_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.movement_id} {self.year}: {self.deadline}"


class DeadlineExtension(models.Model):
    """A late registration permitted (gia hạn đăng ký): ``unit`` may register for ``movement`` for
    ``year`` until ``until`` (included), granted by ``granted_by`` for the launching level because of
    ``reason``. Never deleted; a later extension for the same unit and year extends again."""

    movement = models.ForeignKey("emulation.Movement", on_delete=models.PROTECT, related_name="extensions")
    year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị được gia hạn"), on_delete=models.PROTECT, related_name="+"
    )
    until = models.DateField(_("gia hạn đến ngày"))
    reason = fields.TextField(_("lý do gia hạn"), max_length=2000)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cho gia hạn"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("thời điểm gia hạn"), auto_now_add=True)

    class Meta:
        verbose_name = _("gia hạn đăng ký thi đua")
        verbose_name_plural = _("gia hạn đăng ký thi đua")
        ordering = ["movement_id", "year", "-granted_at", "-id"]
        indexes = [models.Index(fields=["movement", "year", "unit"], name="extension_movement_year_unit")]

    def __str__(self) -> str:
        return f"{self.movement_id} {self.year} {self.unit_id}: {self.until}"
