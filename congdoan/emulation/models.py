"""Emulation (thi đua): movements and campaigns launched by a unit, the registrations of the units
below it, emulation blocks formed across the tree with their yearly leader, deputies and rotating
flag, and the scores of a block's members on a scoring sheet kept as dated data.

Issue 11 and seed 002 (Khối thi đua III of CĐVC Việt Nam, 2022). History is never deleted: block
memberships are dated ``[valid_from, valid_to)``; a year's results keep the sheet they were scored on.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from congdoan.core import fields
from congdoan.core.workflow import FSMField, Reviewed
from congdoan.organizations.models import Unit


class Movement(models.Model):
    """A phong trào thi đua or a cuộc vận động launched by ``unit`` for ``[starts_on, ends_on]``
    (both days included); the units of its subtree register for it until ``deadline``."""

    class Kind(models.TextChoices):
        MOVEMENT = "movement", _("Phong trào thi đua")
        CAMPAIGN = "campaign", _("Cuộc vận động")

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="+"
    )
    kind = fields.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.MOVEMENT)
    name = fields.CharField(_("tên phong trào"), max_length=255)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    deadline = models.DateField(_("hạn đăng ký"), null=True, blank=True)
    description = fields.TextField(_("nội dung"), blank=True, max_length=5000)
    plan_reference = fields.CharField(_("kế hoạch phát động (số, ký hiệu)"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-starts_on", "name", "id"]
        indexes = [models.Index(fields=["unit", "starts_on"], name="movement_unit_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="movement_period_order"),
        ]

    def __str__(self) -> str:
        return self.name


class Registration(Reviewed):
    """A unit's registration (đăng ký thi đua) for a movement: its targets, drafted and sent by the
    unit, accepted or returned with a reason by the level directly above it."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Trả lại")
        ACCEPTED = "accepted", _("Đã duyệt")

    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), on_delete=models.PROTECT, related_name="registrations"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đăng ký"), on_delete=models.PROTECT, related_name="+"
    )
    targets = fields.TextField(_("chỉ tiêu, danh hiệu đăng ký"), max_length=5000)
    state = FSMField(_("trạng thái"), default=State.DRAFT, choices=State.choices, protected=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="registration_one_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.movement} — {self.unit}"

    @transition(field=state, source=[State.DRAFT, State.RETURNED], target=State.SUBMITTED)
    def submit(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.ACCEPTED)
    def accept(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.RETURNED)
    def send_back(self):
        pass
