"""What a movement sets out (issue 11 §1): its criteria, each with its weight or marked mandatory,
and the units below the launching unit that take part (đơn vị tham gia). Imported by ``models``."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.organizations.models import Unit


class MovementCriterion(models.Model):
    """One criterion of a movement: its weight (points or %, as the plan states) or marked
    mandatory (bắt buộc), or both; never neither."""

    movement = models.ForeignKey("emulation.Movement", on_delete=models.CASCADE, related_name="criteria")
    name = fields.CharField(_("tiêu chí"), max_length=255)
    weight = models.DecimalField(_("trọng số"), max_digits=6, decimal_places=1, null=True, blank=True)
    mandatory = models.BooleanField(_("bắt buộc"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí phong trào")
        verbose_name_plural = _("tiêu chí phong trào")
        ordering = ["movement_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gt=0), name="movementcriterion_weight_positive"
            ),
            models.CheckConstraint(
                condition=Q(weight__isnull=False) | Q(mandatory=True),
                name="movementcriterion_weight_or_mandatory",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MovementUnit(models.Model):
    """A unit taking part in a movement (below the launching unit). A movement naming none is open
    to its launching unit's whole subtree; one naming some is open to them and the units below them."""

    movement = models.ForeignKey("emulation.Movement", on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tham gia"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("đơn vị tham gia phong trào")
        verbose_name_plural = _("đơn vị tham gia phong trào")
        ordering = ["movement_id", "id"]
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="movementunit_once")]

    def __str__(self) -> str:
        return f"{self.movement_id}: {self.unit_id}"
