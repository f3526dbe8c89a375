"""Initiatives (sáng kiến): a programme launched by a unit for a period, its registration rounds,
the targets given down the tree per round, and the initiatives themselves with their authors,
attachments and review.

Issue 13 and seeds 001/003 ("1 triệu sáng kiến" of the VGCL, 2021–2023).

- A ``Programme`` is launched by ``unit`` for ``[starts_on, ends_on]`` (both days included), with an
  overall ``goal`` (one million initiatives) where it has one.
- A ``Round`` (đợt) is a registration window of the programme; targets and progress are per round.
- A ``Target`` is the number of initiatives a unit receives for a round from ``given_by`` (the
  launching unit, or a unit that received a target itself and passes part of it down). What a unit
  gives down may not add up to more than it received unless ``over_allocated`` is set with a reason.
- An ``Initiative`` belongs to a unit (and optionally a programme's round), has authors
  (``InitiativeAuthor``, members of any unit, shares adding up to exactly 100 %), a field (data),
  the benefit in whole đồng where it can be counted, and its review: đăng ký → đang xét → công nhận
  / không công nhận, decided by a level (``decided_by``) whose council's decision is a document
  linked through ``documents.links`` (role ``decision``).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from congdoan.core import fields
from congdoan.core.attachments import StoredFile
from congdoan.core.models import Catalogue, optional_link
from congdoan.core.workflow import FSMField, Reviewed
from congdoan.organizations.models import Unit

HUNDRED = Decimal("100")


class InitiativeField(Catalogue):
    """Lĩnh vực of an initiative (administration, education, health, technology…): data."""

    class Meta(Catalogue.Meta):
        verbose_name = _("lĩnh vực sáng kiến")
        verbose_name_plural = _("lĩnh vực sáng kiến")


class Programme(models.Model):
    """A programme (chương trình, phong trào sáng kiến) launched by ``unit`` for
    ``[starts_on, ends_on]``; ``goal`` is its overall target where it states one."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="+"
    )
    name = fields.CharField(_("tên chương trình"), max_length=500)
    starts_on = models.DateField(_("ngày phát động"))
    ends_on = models.DateField(_("ngày kết thúc"))
    goal = models.PositiveIntegerField(_("chỉ tiêu chung"), null=True, blank=True)
    description = fields.TextField(_("nội dung"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chương trình sáng kiến")
        verbose_name_plural = _("chương trình sáng kiến")
        ordering = ["-starts_on", "name", "id"]
        indexes = [models.Index(fields=["unit", "starts_on"], name="initprog_unit_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="initprog_period_order"),
        ]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    """A registration round (đợt) of a programme, ``[starts_on, ends_on]`` both days included."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("đợt"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))

    class Meta:
        verbose_name = _("đợt đăng ký")
        verbose_name_plural = _("đợt đăng ký")
        ordering = ["programme_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="initround_number_unique"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="initround_period_order"),
        ]

    def __str__(self) -> str:
        return _("Đợt %(number)s") % {"number": self.number}


class Target(models.Model):
    """The number of initiatives ``unit`` is to reach in ``round``, given by ``given_by`` (a unit
    above it). One target per unit and round; passing it down again replaces it."""

    round = models.ForeignKey(Round, verbose_name=_("đợt"), on_delete=models.PROTECT, related_name="targets")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị nhận"), on_delete=models.PROTECT, related_name="+")
    given_by = models.ForeignKey(
        Unit, verbose_name=_("đơn vị giao"), on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveIntegerField(_("chỉ tiêu (số sáng kiến)"))
    over_allocated = models.BooleanField(_("giao vượt chỉ tiêu được nhận"), default=False)
    over_reason = fields.TextField(_("lý do giao vượt"), blank=True, max_length=2000)
    set_by = optional_link(settings.AUTH_USER_MODEL, _("người giao"), on_delete=models.SET_NULL)
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chỉ tiêu sáng kiến")
        verbose_name_plural = _("chỉ tiêu sáng kiến")
        ordering = ["round_id", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="inittarget_one_per_unit"),
            models.CheckConstraint(condition=~Q(unit=F("given_by")), name="inittarget_not_to_self"),
            models.CheckConstraint(
                condition=Q(over_allocated=False) | ~Q(over_reason=""), name="inittarget_over_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.unit} — {self.count}"


class Initiative(Reviewed):
    """An initiative (sáng kiến) of ``unit``, registered in a programme's round or on its own."""

    class State(models.TextChoices):
        REGISTERED = "registered", _("Đăng ký")
        REVIEWING = "reviewing", _("Đang xét")
        RECOGNISED = "recognised", _("Công nhận")
        NOT_RECOGNISED = "not_recognised", _("Không công nhận")

    programme = optional_link(Programme, _("chương trình"), related_name="initiatives")
    round = optional_link(Round, _("đợt"), related_name="initiatives")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    title = fields.CharField(_("tên sáng kiến"), max_length=500)
    field = models.ForeignKey(
        InitiativeField, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+"
    )
    applied_on = models.DateField(_("ngày áp dụng"))
    registered_on = models.DateField(_("ngày đăng ký"))
    description = fields.TextField(_("mô tả"), blank=True, max_length=10000)
    benefit = models.BigIntegerField(_("hiệu quả (đồng)"), null=True, blank=True)
    state = FSMField(_("trạng thái"), default=State.REGISTERED, choices=State.choices, protected=True)
    decided_by = optional_link(Unit, _("cấp công nhận"))
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    created_by = optional_link(settings.AUTH_USER_MODEL, _("người nhập"), on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "registered_on"], name="initiative_unit_reg"),
            models.Index(fields=["round", "unit"], name="initiative_round_unit"),
            models.Index(fields=["state", "decided_on"], name="initiative_state_decided"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(benefit__isnull=True) | Q(benefit__gte=0), name="initiative_benefit_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(round__isnull=True) | Q(programme__isnull=False),
                name="initiative_round_has_programme",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @transition(field=state, source=State.REGISTERED, target=State.REVIEWING)
    def start_review(self):
        pass

    @transition(field=state, source=State.REVIEWING, target=State.RECOGNISED)
    def recognise(self, *, unit: Unit, on):
        self.decided_by, self.decided_on = unit, on

    @transition(field=state, source=State.REVIEWING, target=State.NOT_RECOGNISED)
    def refuse(self, *, unit: Unit, on):
        self.decided_by, self.decided_on = unit, on


class InitiativeAuthor(models.Model):
    """An author of an initiative: a member (``members.Person``) of any unit, with a share in
    percent; an initiative's shares add up to exactly 100."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="authors"
    )
    person = models.ForeignKey(
        "members.Person", verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="+"
    )
    share = models.DecimalField(_("tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        ordering = ["initiative_id", "order", "id"]
        indexes = [models.Index(fields=["person", "initiative"], name="initauthor_person")]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initauthor_once"),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100), name="initauthor_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.share} %)"


class InitiativeAttachment(StoredFile):
    """A file attached to an initiative (description, drawings, evidence of the benefit), stored by
    ``core.attachments`` and served only through the guarded download view."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    path = fields.CharField(_("đường dẫn lưu"), max_length=255, unique=True, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    content_type = fields.CharField(_("kiểu tệp"), max_length=100)

    class Meta:
        verbose_name = _("tệp đính kèm sáng kiến")
        verbose_name_plural = _("tệp đính kèm sáng kiến")
        ordering = ["uploaded_at", "id"]
