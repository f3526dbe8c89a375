"""What the reports module stores: the officer's narrative around a report's figures (one text per
section, per unit, report and year), the report issued as a numbered document, and the reminders
sent to units behind with their year. The figures themselves are never stored: they are computed
from the records (``core.figures``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.documents.models import Document
from congdoan.organizations.models import Unit


class Narrative(models.Model):
    """The officer's text for one section of a report of ``unit`` for ``year``."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    report = fields.CharField(_("báo cáo"), max_length=32)
    year = models.PositiveSmallIntegerField(_("năm"))
    section = fields.CharField(_("phần"), max_length=32)
    text = fields.TextField(_("nội dung"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("nội dung báo cáo")
        verbose_name_plural = _("nội dung báo cáo")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "report", "year", "section"], name="reports_narrative_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.year} {self.section}"


class IssuedReport(models.Model):
    """A report of ``unit`` for ``year`` issued as a numbered document of the register.

    One report of a kind, unit and year stands at a time: the first has ``replaces`` empty (unique),
    and a later one is issued only when the document of the one before was cancelled in the register,
    and ``replaces`` it (each at most once) — so the issued reports of a kind, unit and year form one
    chain whose last link is the report in force. Nothing is deleted."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    report = fields.CharField(_("báo cáo"), max_length=32)
    year = models.PositiveSmallIntegerField(_("năm"))
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="+", verbose_name=_("văn bản")
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("thay thế báo cáo"),
    )
    created_at = models.DateTimeField(_("ban hành lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo đã ban hành")
        verbose_name_plural = _("báo cáo đã ban hành")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "report", "year"],
                condition=models.Q(replaces__isnull=True),
                name="reports_issued_first_once",
            )
        ]

    def __str__(self) -> str:
        return self.document.number_symbol


class Reminder(models.Model):
    """An e-mail reminder a superior union sent to the units behind with their ``year``."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị gửi"))
    year = models.PositiveSmallIntegerField(_("năm"))
    units = models.ManyToManyField(Unit, related_name="+", verbose_name=_("đơn vị được nhắc"))
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người gửi")
    )
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhắc nộp số liệu")
        verbose_name_plural = _("nhắc nộp số liệu")

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}"


class FilingReminder(models.Model):
    """One unit reminded of one part of its ``year`` (``definitions.FILING_PARTS``' code), by the
    ``reminder`` that e-mailed it: a unit is reminded of a part and year once, whoever asks again
    (the constraint; ``services.filing_remind`` names those already reminded instead)."""

    reminder = models.ForeignKey(
        Reminder, on_delete=models.PROTECT, related_name="parts", verbose_name=_("lần nhắc")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị được nhắc")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    part = fields.CharField(_("phần số liệu"), max_length=32)

    class Meta:
        verbose_name = _("phần số liệu đã nhắc")
        verbose_name_plural = _("phần số liệu đã nhắc")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "part"], name="reports_filing_reminded_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.part}"
