"""A block's own records (issue 11 §4, "the block has its plan, meetings and its members' pledge"):
its yearly plan, a document of the documents register, and its meetings (hội nghị khối, sơ kết,
tổng kết), each with its minutes when kept; the rotating flag's handover names the meeting where it
happened (``FlagHandover.meeting``). Seed 002: Khối III's conference of 29/03/2022."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields


class BlockMeeting(models.Model):
    """A meeting of a block on ``held_on`` at ``place``, of a kind (the block's conference that
    opens the year, the mid-year or year-end review, another meeting), its minutes optional."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Hội nghị khối")
        MIDYEAR = "midyear", _("Sơ kết")
        YEAREND = "yearend", _("Tổng kết")
        OTHER = "other", _("Họp khối")

    block = models.ForeignKey(
        "emulation.Block", verbose_name=_("khối"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = fields.CharField(_("loại hội nghị"), max_length=16, choices=Kind.choices)
    title = fields.CharField(_("tên hội nghị"), max_length=255)
    held_on = models.DateField(_("ngày họp"))
    place = fields.CharField(_("địa điểm"), max_length=255, blank=True)
    minutes = models.ForeignKey(
        "documents.Document",
        verbose_name=_("biên bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = fields.TextField(_("ghi chú"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hội nghị khối thi đua")
        verbose_name_plural = _("hội nghị khối thi đua")
        ordering = ["block_id", "-held_on", "-id"]
        indexes = [models.Index(fields=["block", "held_on"], name="blockmeeting_block_held")]

    def __str__(self) -> str:
        return self.title


class BlockPlan(models.Model):
    """The block's plan for ``year`` (kế hoạch hoạt động của khối): a document of the register,
    adopted on ``adopted_on``, at ``meeting`` when it was adopted at one. One per block and year."""

    block = models.ForeignKey(
        "emulation.Block", verbose_name=_("khối"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("văn bản kế hoạch"), on_delete=models.PROTECT, related_name="+"
    )
    adopted_on = models.DateField(_("ngày thông qua"), null=True, blank=True)
    meeting = models.ForeignKey(
        BlockMeeting,
        verbose_name=_("thông qua tại hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kế hoạch của khối thi đua")
        verbose_name_plural = _("kế hoạch của khối thi đua")
        ordering = ["block_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["block", "year"], name="blockplan_one_per_year")]

    def __str__(self) -> str:
        return f"{self.block_id} {self.year}"
