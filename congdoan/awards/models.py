"""Commendation (khen thưởng), issue 12: the catalogue of forms of commendation by issuer level, the
dated data behind a bonus (multiples of the base salary) and the eligibility rules, disciplinary
records, nominations with their dossier and council ballot, decisions and the awards they give.

Emulation titles (danh hiệu thi đua: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động
tiên tiến/xuất sắc) are the emulation module's catalogue (``emulation.Title``); forms of commendation
(hình thức khen thưởng: Bằng khen, Cờ thi đua, Giấy khen, Kỷ niệm chương) are ``Form`` here. They are
kept apart, as national cadre databases keep them: a nomination and an award name exactly one of
the two (database check constraints).

History is never deleted: a catalogue row, a multiple, a rule ends by its ``valid_to``; an award is
on the person's or unit's record for good.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from congdoan.core import fields
from congdoan.core.attachments import StoredFile
from congdoan.core.models import Dated, optional_link
from congdoan.core.workflow import FSMField, Reviewed
from congdoan.documents.models import Document
from congdoan.emulation.models import Block, Recipient, Title
from congdoan.initiatives.models import Initiative
from congdoan.members.models import Person
from congdoan.organizations.models import Unit

from . import rule_params
from .levels import IssuerLevel

PERIOD_POSITIVE = Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from"))
MULTIPLE = {"max_digits": 5, "decimal_places": 2}
# A record of a person or of a collective (a unit), exactly one of the two.
PERSON_OR_UNIT = Q(person__isnull=True, unit__isnull=False) | Q(person__isnull=False, unit__isnull=True)
FORM_OR_TITLE = Q(form__isnull=True, title__isnull=False) | Q(form__isnull=False, title__isnull=True)

__all__ = ["Recipient"]


class Recipients(models.TextChoices):
    """Who a form may go to."""

    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    EITHER = "either", _("Tập thể hoặc cá nhân")


class Form(Dated):
    """A form of commendation (hình thức khen thưởng) in force over ``[valid_from, valid_to)``:
    its issuer level, who it goes to, and whether it is given once in a lifetime (Kỷ niệm chương)."""

    code = fields.SlugField(_("mã"), max_length=48, unique=True)
    name = fields.CharField(_("tên hình thức"), max_length=255)
    name_en = fields.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    issuer_level = fields.CharField(_("cấp khen"), max_length=24, choices=IssuerLevel.choices)
    recipients = fields.CharField(_("đối tượng"), max_length=16, choices=Recipients.choices)
    once_in_lifetime = models.BooleanField(_("chỉ tặng một lần"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["order", "name"]
        constraints = [models.CheckConstraint(condition=PERIOD_POSITIVE, name="awardform_period_positive")]

    def __str__(self) -> str:
        from congdoan.core.labels import localized

        return localized(self.name, self.name_en)

    def accepts(self, recipient: str) -> bool:
        return self.recipients in (Recipients.EITHER, recipient)


class BonusMultiple(Dated):
    """The bonus of a form for a collective or an individual, as a multiple of the base salary, over
    ``[valid_from, valid_to)`` (Decree 91/2017 until 30/06/2025, Decree 152/2025 from 01/07/2025)."""

    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="multiples")
    recipient = fields.CharField(_("đối tượng"), max_length=16, choices=Recipient.choices)
    multiple = models.DecimalField(_("hệ số (lần mức lương cơ sở)"), **MULTIPLE)
    source = fields.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("mức tiền thưởng")
        verbose_name_plural = _("mức tiền thưởng")
        ordering = ["form_id", "recipient", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "recipient", "valid_from"], name="bonusmultiple_one_per_start"
            ),
            models.CheckConstraint(condition=PERIOD_POSITIVE, name="bonusmultiple_period_positive"),
            models.CheckConstraint(condition=Q(multiple__gte=0), name="bonusmultiple_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.form_id} {self.recipient} × {self.multiple}"


class EligibilityRule(Dated):
    """One condition of a form or a title, in force over ``[valid_from, valid_to)``: ``rule`` names
    the coded check (``eligibility.CHECKS``) and ``params`` its parameters (a percentage, a number
    of years, the code of the title it needs); ``target`` is the code of the form or title it
    applies to ("*" for every one). Data, not code: a new law is a new row from its date."""

    rule = fields.SlugField(_("điều kiện"), max_length=48)
    target = fields.CharField(_("áp dụng cho (mã)"), max_length=48)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    source = fields.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("điều kiện khen thưởng")
        verbose_name_plural = _("điều kiện khen thưởng")
        ordering = ["target", "rule", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "target", "valid_from"], name="eligibilityrule_one_per_start"
            ),
            models.CheckConstraint(condition=PERIOD_POSITIVE, name="eligibilityrule_period_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.rule}"

    def clean(self) -> None:
        rule_params.validate(self.rule, self.params)


class Discipline(models.Model):
    """A disciplinary decision (kỷ luật) or an investigation against a person or a unit, in force
    from ``starts_on`` until ``ends_on`` (exclusive; empty: not ended). No award while one is in
    force; merit counts again from the day it ends."""

    class Level(models.TextChoices):
        INVESTIGATION = "investigation", _("Đang bị xem xét, điều tra")
        REPRIMAND = "reprimand", _("Khiển trách")
        WARNING = "warning", _("Cảnh cáo")
        DEMOTION = "demotion", _("Cách chức")
        DISMISSAL = "dismissal", _("Khai trừ, buộc thôi việc")

    person = optional_link(Person, _("cá nhân"))
    unit = optional_link(Unit, _("tập thể"))
    owner = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ghi nhận"), on_delete=models.PROTECT, related_name="+"
    )
    level = fields.CharField(_("hình thức kỷ luật"), max_length=16, choices=Level.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày (không gồm)"), null=True, blank=True)
    reference = fields.CharField(_("quyết định (số, ký hiệu)"), max_length=100, blank=True)
    note = fields.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=PERSON_OR_UNIT,
                name="discipline_person_or_unit",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="discipline_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} — {self.person or self.unit}"

    # A warning (cảnh cáo) or above; an investigation counts as "under discipline" too.
    SEVERE = (Level.WARNING, Level.DEMOTION, Level.DISMISSAL)


class TaskRating(models.Model):
    """A person's yearly rating (đánh giá, xếp loại) by the level that manages them."""

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
        GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
        DONE = "done", _("Hoàn thành nhiệm vụ")
        NOT_DONE = "not_done", _("Không hoàn thành nhiệm vụ")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đánh giá"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    grade = fields.CharField(_("xếp loại"), max_length=16, choices=Grade.choices)

    class Meta:
        verbose_name = _("xếp loại hoàn thành nhiệm vụ")
        verbose_name_plural = _("xếp loại hoàn thành nhiệm vụ")
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="taskrating_one_per_year")]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.get_grade_display()}"


class EarlierService(models.Model):
    """Union work a person did before the register holds it (positions in unions not in the tree, or
    before it was kept), as recorded from their personnel file: counted with their officer positions
    for the Kỷ niệm chương's years."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ghi nhận"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày (không gồm)"))
    position = fields.CharField(_("chức vụ công đoàn"), max_length=150)
    organisation = fields.CharField(_("tổ chức công đoàn"), max_length=255)

    class Meta:
        verbose_name = _("quá trình công tác công đoàn trước đây")
        verbose_name_plural = _("quá trình công tác công đoàn trước đây")
        ordering = ["person_id", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="earlierservice_period_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}, {self.organisation}"


# -- nominations (đề nghị khen thưởng) ---------------------------------------------------------------


class Nomination(Reviewed):
    """A unit's proposal (đề nghị khen thưởng) of collectives or individuals of its subtree for one
    form or title and a year, with its dossier; reviewed level by level (``reviewer``: the unit
    whose council considers it now) up to the issuer, who decides."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Đề xuất")
        REVIEWING = "reviewing", _("Đang xét")
        PASSED = "passed", _("Đạt")
        FAILED = "failed", _("Không đạt")
        RETURNED = "returned", _("Trả lại")
        DECIDED = "decided", _("Đã có quyết định")

    class Occasion(models.TextChoices):
        YEARLY = "yearly", _("Tổng kết năm")
        THEME = "theme", _("Theo chuyên đề, phong trào")
        SUDDEN = "sudden", _("Đột xuất")
        SERVICE = "service", _("Quá trình cống hiến")

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="+"
    )
    form = optional_link("awards.Form", _("hình thức khen thưởng"))
    title = optional_link(Title, _("danh hiệu thi đua"))
    year = models.PositiveSmallIntegerField(_("năm"))
    occasion = fields.CharField(
        _("loại khen"), max_length=16, choices=Occasion.choices, default=Occasion.YEARLY
    )
    issuer = optional_link(Unit, _("cấp khen"))
    issuer_name = fields.CharField(_("cấp khen ngoài hệ thống công đoàn"), max_length=255, blank=True)
    reviewer = models.ForeignKey(
        Unit, verbose_name=_("cấp đang xét"), on_delete=models.PROTECT, related_name="+"
    )
    report = fields.TextField(_("báo cáo thành tích"), blank=True, max_length=20000)
    council_size = models.PositiveSmallIntegerField(
        _("số thành viên hội đồng thi đua"), null=True, blank=True
    )
    council_present = models.PositiveSmallIntegerField(_("số thành viên có mặt"), null=True, blank=True)
    # The emulation block whose ranking proposed the collectives (emulation.selectors.proposals).
    block = optional_link(Block, _("khối thi đua"))
    state = FSMField(_("trạng thái"), default=State.PROPOSED, choices=State.choices, protected=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["-year", "-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "year"], name="nomination_unit_year")]
        constraints = [
            models.CheckConstraint(
                condition=FORM_OR_TITLE,
                name="nomination_form_or_title",
            ),
            models.CheckConstraint(
                condition=Q(council_present__isnull=True)
                | Q(council_size__isnull=False, council_present__lte=F("council_size")),
                name="nomination_present_within_council",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_name} {self.year}"

    @property
    def award_name(self) -> str:
        return str(self.form) if self.form_id else str(self.title)

    @property
    def kind(self):
        """The form or the title proposed."""
        return self.form if self.form_id else self.title

    @transition(field=state, source=[State.PROPOSED, State.RETURNED], target=State.REVIEWING)
    def submit(self):
        pass

    @transition(field=state, source=State.REVIEWING, target=State.REVIEWING)
    def forward(self, *, to: Unit | None = None):
        if to is not None:
            self.reviewer = to

    @transition(field=state, source=State.REVIEWING, target=State.PASSED)
    def approve(self):
        pass

    @transition(field=state, source=State.REVIEWING, target=State.FAILED)
    def reject(self):
        pass

    @transition(field=state, source=State.REVIEWING, target=State.RETURNED)
    def send_back(self):
        pass

    @transition(field=state, source=State.PASSED, target=State.DECIDED)
    def decide(self):
        pass


class NominationLine(models.Model):
    """One proposed awardee: a person or a collective (a unit), with the council's votes for them."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="lines")
    person = optional_link(Person, _("cá nhân"))
    unit = optional_link(Unit, _("tập thể"))
    votes_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    achievements = fields.TextField(_("thành tích"), blank=True, max_length=5000)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("người, tập thể được đề nghị")
        verbose_name_plural = _("người, tập thể được đề nghị")
        ordering = ["nomination_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=PERSON_OR_UNIT,
                name="nominationline_person_or_unit",
            ),
            models.UniqueConstraint(
                fields=["nomination", "person"],
                condition=Q(person__isnull=False),
                name="nominationline_person_once",
            ),
            models.UniqueConstraint(
                fields=["nomination", "unit"],
                condition=Q(unit__isnull=False),
                name="nominationline_unit_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.unit)

    @property
    def recipient(self) -> str:
        return Recipient.INDIVIDUAL if self.person_id else Recipient.COLLECTIVE


class NominationFile(StoredFile):
    """A file of the dossier (a report, minutes of the council's meeting, a scan)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")

    class Meta:
        verbose_name = _("tệp hồ sơ khen thưởng")
        verbose_name_plural = _("tệp hồ sơ khen thưởng")
        ordering = ["nomination_id", "uploaded_at", "id"]


# -- decisions and awards ------------------------------------------------------------------------------


class Decision(models.Model):
    """A decision on awards (quyết định khen thưởng): a numbered document of the register
    ("123/QĐ-LĐLĐ"), issued by ``issuer`` (or received from an issuer outside the union, named)."""

    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="+")
    issuer = optional_link(Unit, _("cấp khen"))
    issuer_name = fields.CharField(_("cấp khen (ngoài hệ thống)"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ghi nhận"), on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("ngày quyết định"))
    base_salary = models.PositiveBigIntegerField(_("mức lương cơ sở"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.document.number_symbol or self.document.title


class Award(models.Model):
    """An award on a person's or a unit's record: the form (or title), the year, the decision, the
    bonus (multiple × base salary on the decision's date, rounded up to ten thousand đồng)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awards")
    line = models.OneToOneField(NominationLine, on_delete=models.PROTECT, related_name="award")
    form = optional_link(Form, _("hình thức khen thưởng"))
    title = optional_link(Title, _("danh hiệu thi đua"))
    year = models.PositiveSmallIntegerField(_("năm"))
    person = optional_link(Person, _("cá nhân"), related_name="awards")
    unit = optional_link(Unit, _("tập thể"))
    # The unit the award counts under: the collective itself, or the person's unit on the decision date.
    home = models.ForeignKey(Unit, verbose_name=_("thuộc đơn vị"), on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("ngày quyết định"))
    multiple = models.DecimalField(_("hệ số"), **MULTIPLE)
    amount = models.PositiveBigIntegerField(_("tiền thưởng"))
    order = models.PositiveIntegerField(_("số thứ tự"), default=0)

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["decision_id", "order", "id"]
        indexes = [models.Index(fields=["home", "decided_on"], name="award_home_decided")]
        constraints = [
            models.CheckConstraint(
                condition=PERSON_OR_UNIT,
                name="award_person_or_unit",
            ),
            models.CheckConstraint(
                condition=FORM_OR_TITLE,
                name="award_form_or_title",
            ),
            models.UniqueConstraint(
                fields=["title", "person", "year"],
                condition=Q(title__isnull=False, person__isnull=False),
                name="award_title_person_year_once",
            ),
            models.UniqueConstraint(
                fields=["title", "unit", "year"],
                condition=Q(title__isnull=False, unit__isnull=False),
                name="award_title_unit_year_once",
            ),
            models.UniqueConstraint(
                fields=["form", "person", "year"],
                condition=Q(form__isnull=False, person__isnull=False),
                name="award_form_person_year_once",
            ),
            models.UniqueConstraint(
                fields=["form", "unit", "year"],
                condition=Q(form__isnull=False, unit__isnull=False),
                name="award_form_unit_year_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_name} {self.year} — {self.person or self.unit}"

    @property
    def award_name(self) -> str:
        return str(self.form) if self.form_id else str(self.title)

    @property
    def recipient(self) -> str:
        return Recipient.INDIVIDUAL if self.person_id else Recipient.COLLECTIVE


class LineInitiative(models.Model):
    """A recognised initiative (initiatives module) put forward behind a proposed awardee."""

    line = models.ForeignKey(NominationLine, on_delete=models.CASCADE, related_name="initiatives")
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["line", "initiative"], name="lineinitiative_once")]

    def __str__(self) -> str:
        return f"{self.line_id}: {self.initiative_id}"


class AwardInitiative(models.Model):
    """The initiative behind an award: one initiative supports one award only (unique)."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="initiatives")
    initiative = models.OneToOneField(Initiative, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("sáng kiến làm căn cứ khen thưởng")
        verbose_name_plural = _("sáng kiến làm căn cứ khen thưởng")

    def __str__(self) -> str:
        return f"{self.award_id}: {self.initiative_id}"
