"""Conferences of an agency's staff with its union (issue 14).

Every agency holds, each year, the Hội nghị cán bộ, công chức, viên chức (public agencies and
units) or the Hội nghị người lao động (enterprises and non-budget units), and a periodic dialogue.
Which of them a unit must hold is data on the unit with validity dates (``ConferenceDuty``); the
compliance of a superior union ("57/58 units held it") counts the duties of its subtree against
the ``Conference`` rows recorded for the year (``selectors.conference_figure_values``).

A conference records its date, place, who chaired it, how many were expected and present, the
agenda, the documents put to it (``ConferenceDocument``: reports, the agreement between the head
and the union's executive committee, the emulation plan, the spending and public-asset rules, the
resolution) and the votes on its items (``Vote``: for / against / abstaining, each checked
against those present; adopted or not by the majority rule of the conference's day, a dated rule
in ``rules.py``).
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.core.models import Dated, optional_link
from congdoan.organizations.models import Unit


class ConferenceKind(models.TextChoices):
    """The kinds the Law on Democracy at the Grassroots (10/2022/QH15) names; each is a figure of
    the compliance table, so the list is fixed in code (which unit holds which is data)."""

    PUBLIC_EMPLOYEES = "cbccvc", _("Hội nghị cán bộ, công chức, viên chức")
    WORKERS = "nld", _("Hội nghị người lao động")
    DIALOGUE = "doi-thoai", _("Đối thoại định kỳ")


class ConferenceDuty(Dated):
    """From ``valid_from`` (to ``valid_to``, exclusive) the unit's agency must hold a conference of
    ``kind`` each year: the denominator of the compliance count."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    kind = fields.CharField(_("loại hội nghị"), max_length=16, choices=ConferenceKind.choices)

    class Meta:
        verbose_name = _("đơn vị phải tổ chức hội nghị")
        verbose_name_plural = _("đơn vị phải tổ chức hội nghị")
        ordering = ["unit_id", "kind", "valid_from"]
        indexes = [models.Index(fields=["unit", "kind", "valid_from"], name="duty_unit_kind_from")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="duty_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_kind_display()}"


class Conference(models.Model):
    """One annual conference (or dialogue) of a unit's agency, "năm ``year``"."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="conferences"
    )
    kind = fields.CharField(_("loại hội nghị"), max_length=16, choices=ConferenceKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    held_on = models.DateField(_("ngày tổ chức"))
    place = fields.CharField(_("địa điểm"), max_length=255, blank=True)
    agency_head = fields.CharField(_("thủ trưởng cơ quan chủ trì"), max_length=150, blank=True)
    union_chair = fields.CharField(_("chủ tịch công đoàn đồng chủ trì"), max_length=150, blank=True)
    expected = models.PositiveIntegerField(_("số người được triệu tập"))
    present = models.PositiveIntegerField(_("số người có mặt"))
    agenda = fields.TextField(_("chương trình hội nghị"), blank=True)
    resolution = fields.TextField(_("nghị quyết và các chỉ tiêu"), blank=True)
    note = fields.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        ordering = ["-held_on", "id"]
        indexes = [models.Index(fields=["unit", "year"], name="conference_unit_year")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "year"], name="conference_one_per_year"),
            models.CheckConstraint(
                condition=Q(present__lte=F("expected")), name="conference_present_le_expected"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} năm {self.year}"


class DocumentRole(models.TextChoices):
    """What a document is to the conference (seed 004's drafts; the 9-step agenda of the law)."""

    HEAD_REPORT = "bao-cao-thu-truong", _("Báo cáo của thủ trưởng cơ quan")
    UNION_REPORT = "bao-cao-cong-doan", _("Báo cáo của Ban Chấp hành công đoàn")
    AGREEMENT = "giao-ket", _("Bản giao kết trách nhiệm giữa thủ trưởng và Ban Chấp hành công đoàn")
    EMULATION_PLAN = "ke-hoach-thi-dua", _("Kế hoạch thi đua")
    PLEDGE = "giao-uoc-thi-dua", _("Giao ước thi đua")
    SPENDING_RULES = "quy-che-chi-tieu", _("Quy chế chi tiêu nội bộ, quản lý tài chính")
    ASSET_RULES = "quy-che-tai-san", _("Quy chế quản lý, sử dụng tài sản công")
    RESOLUTION = "nghi-quyet", _("Nghị quyết hội nghị")
    OTHER = "khac", _("Tài liệu khác")


class ConferenceDocument(models.Model):
    """A document put to the conference: a draft to comment on or adopt, a report, the resolution."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.PROTECT, related_name="documents"
    )
    role = fields.CharField(_("loại tài liệu"), max_length=24, choices=DocumentRole.choices)
    title = fields.CharField(_("tên tài liệu"), max_length=500)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tài liệu hội nghị")
        verbose_name_plural = _("tài liệu hội nghị")
        ordering = ["conference_id", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Vote(models.Model):
    """A show of hands on one item: counts of those present, and whether it carried under the
    majority and quorum rules in force on the conference's day (stored with the rule used)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.PROTECT, related_name="votes"
    )
    subject = fields.CharField(_("nội dung biểu quyết"), max_length=500)
    document = optional_link(ConferenceDocument, _("tài liệu được biểu quyết"), related_name="votes")
    votes_for = models.PositiveIntegerField(_("số tán thành"))
    votes_against = models.PositiveIntegerField(_("số không tán thành"), default=0)
    abstained = models.PositiveIntegerField(_("số không biểu quyết"), default=0)
    adopted = models.BooleanField(_("được thông qua"), default=False)
    rule = fields.CharField(_("quy tắc áp dụng"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("biểu quyết")
        verbose_name_plural = _("biểu quyết")
        ordering = ["conference_id", "id"]

    def __str__(self) -> str:
        return self.subject


class CongressTerm(models.Model):
    """A unit's congress term (nhiệm kỳ đại hội, "2023-2028"): when its congress was planned and
    held, and how many delegates it had. The executive committee elected at it are the register's
    officer positions (``members.OfficerPosition``), each with its seat here (``CommitteeSeat``)."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="terms")
    name = fields.CharField(_("nhiệm kỳ"), max_length=20)
    first_year = models.PositiveSmallIntegerField(_("năm bắt đầu"))
    last_year = models.PositiveSmallIntegerField(_("năm kết thúc"))
    planned_on = models.DateField(_("ngày đại hội dự kiến"), null=True, blank=True)
    held_on = models.DateField(_("ngày đại hội"), null=True, blank=True)
    delegates = models.PositiveIntegerField(_("số đại biểu"), null=True, blank=True)
    note = fields.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhiệm kỳ đại hội")
        verbose_name_plural = _("nhiệm kỳ đại hội")
        ordering = ["unit_id", "-first_year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "first_year"], name="term_one_start_per_unit"),
            models.CheckConstraint(condition=Q(last_year__gt=F("first_year")), name="term_years_ordered"),
        ]

    def __str__(self) -> str:
        return f"Nhiệm kỳ {self.name}"


class CommitteeSeat(models.Model):
    """A seat in the executive committee elected at a congress: the officer position it gave (held
    from the congress's day) and the votes the person received."""

    term = models.ForeignKey(
        CongressTerm, verbose_name=_("nhiệm kỳ đại hội"), on_delete=models.PROTECT, related_name="seats"
    )
    position_held = models.OneToOneField(
        "members.OfficerPosition", verbose_name=_("chức vụ"), on_delete=models.PROTECT, related_name="seat"
    )
    votes = models.PositiveIntegerField(_("số phiếu bầu"), null=True, blank=True)

    class Meta:
        verbose_name = _("ủy viên ban chấp hành được bầu")
        verbose_name_plural = _("ủy viên ban chấp hành được bầu")
        ordering = ["term_id", "id"]

    def __str__(self) -> str:
        return str(self.position_held)
