"""The scores of a block's members (issue 11 §5), imported by ``models`` (the app's models module).

A unit's score for a year goes through a review (``core.workflow``): the member unit self-scores
(nháp → đã gửi), the block's leader for the year (khối trưởng) accepts it, adjusts it with a reason
or returns it; the level that formed the block decides (đã chốt). Each line keeps the unit's own
points, the leader's and the current ones; the result keeps its totals the same way. Only decided
results are ranked.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from congdoan.core import fields
from congdoan.core.workflow import FSMField, Reviewed
from congdoan.organizations.models import Unit

from .models import POINTS, Block, Criterion, ScoreSheet

TOTAL = {"max_digits": 7, "decimal_places": 1}


class ScoreResult(Reviewed):
    """A member unit's score in a block for a year, on the sheet in force that year. ``total``,
    ``bonus``, ``penalty`` (≤ 0) and ``veto`` (the mandatory criteria not met, which veto a rank)
    are those of the latest step; ``self_total`` and ``review_total`` the unit's and the leader's."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Đơn vị tự chấm")
        SUBMITTED = "submitted", _("Đã gửi khối trưởng")
        RETURNED = "returned", _("Trả lại")
        REVIEWED = "reviewed", _("Khối trưởng đã xem xét")
        DECIDED = "decided", _("Đã chốt điểm")

    block = models.ForeignKey(Block, verbose_name=_("khối"), on_delete=models.PROTECT, related_name="results")
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("bảng điểm"), on_delete=models.PROTECT, related_name="+"
    )
    state = FSMField(_("trạng thái"), default=State.DRAFT, choices=State.choices, protected=True)
    total = models.DecimalField(_("tổng điểm"), **TOTAL)
    bonus = models.DecimalField(_("điểm thưởng"), default=0, **TOTAL)
    penalty = models.DecimalField(_("điểm trừ"), default=0, **TOTAL)
    veto = fields.CharField(_("tiêu chí bắt buộc không đạt"), max_length=500, blank=True)
    self_total = models.DecimalField(_("điểm tự chấm"), null=True, blank=True, **TOTAL)
    review_total = models.DecimalField(_("điểm khối trưởng"), null=True, blank=True, **TOTAL)
    note = fields.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kết quả chấm điểm")
        verbose_name_plural = _("kết quả chấm điểm")
        ordering = ["block_id", "-year", "-total"]
        constraints = [
            models.UniqueConstraint(fields=["block", "year", "unit"], name="scoreresult_one_per_unit")
        ]
        indexes = [models.Index(fields=["block", "year", "total"], name="scoreresult_rank")]

    def __str__(self) -> str:
        return f"{self.block} {self.year}: {self.unit} ({self.total})"

    @property
    def vetoed(self) -> bool:
        return bool(self.veto)

    def apply(self, values: dict) -> None:
        """Set the totals a step brings (the leader's or the level's points), recorded by its audit row."""
        for name, value in values.items():
            setattr(self, name, value)

    @transition(field=state, source=[State.DRAFT, State.RETURNED], target=State.SUBMITTED)
    def submit(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.REVIEWED)
    def accept(self, **values):
        self.apply(values)

    @transition(field=state, source=State.SUBMITTED, target=State.REVIEWED)
    def adjust(self, **values):
        self.apply(values)

    @transition(field=state, source=[State.SUBMITTED, State.REVIEWED], target=State.RETURNED)
    def send_back(self):
        pass

    @transition(field=state, source=[State.SUBMITTED, State.REVIEWED], target=State.DECIDED)
    def decide(self, **values):
        self.apply(values)


class ScoreLine(models.Model):
    """One criterion of a score: the unit's own points, the leader's, and the current ones (a
    penalty's points are ≤ 0)."""

    result = models.ForeignKey(ScoreResult, on_delete=models.CASCADE, related_name="lines")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), **POINTS)
    self_points = models.DecimalField(_("điểm tự chấm"), null=True, blank=True, **POINTS)
    review_points = models.DecimalField(_("điểm khối trưởng"), null=True, blank=True, **POINTS)

    class Meta:
        ordering = ["result_id", "criterion__order", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["result", "criterion"], name="scoreline_once")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"
