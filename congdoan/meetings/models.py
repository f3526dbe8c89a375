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


class CommitteeChange(models.Model):
    """A change in the executive committee between two congresses (a chair replaced, a member who
    left, one elected to fill a seat), dated: the register's officer position that ended on ``on``
    and/or the one that began then. The positions themselves stay ``members.OfficerPosition`` rows."""

    term = models.ForeignKey(
        CongressTerm, verbose_name=_("nhiệm kỳ đại hội"), on_delete=models.PROTECT, related_name="changes"
    )
    on = models.DateField(_("ngày thay đổi"))
    ended = models.OneToOneField(
        "members.OfficerPosition",
        verbose_name=_("chức vụ thôi giữ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ended_by_change",
    )
    started = models.OneToOneField(
        "members.OfficerPosition",
        verbose_name=_("chức vụ được bầu bổ sung"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="started_by_change",
    )
    votes = models.PositiveIntegerField(_("số phiếu bầu"), null=True, blank=True)
    reason = fields.TextField(_("lý do"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thay đổi Ban Chấp hành giữa nhiệm kỳ")
        verbose_name_plural = _("thay đổi Ban Chấp hành giữa nhiệm kỳ")
        ordering = ["term_id", "on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended__isnull=False) | Q(started__isnull=False), name="committee_change_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term}: {self.on:%d/%m/%Y}"


class ReviewKind(models.TextChoices):
    MID_YEAR = "so-ket", _("Hội nghị sơ kết 6 tháng đầu năm")
    YEAR_END = "tong-ket", _("Hội nghị tổng kết năm")


class Review(models.Model):
    """A level's mid-year or year-end review of its union work (sơ kết 6 tháng, tổng kết năm) of
    ``year``: when and where, how many attended. Its report, the award decisions handed out and the
    plan launching the next year's emulation movement are documents of the register, linked with the
    roles of ``ReviewLink`` (``documents.links``); the awards handed out are counted in
    ``ReviewAward`` rows."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reviews")
    kind = fields.CharField(_("loại hội nghị"), max_length=16, choices=ReviewKind.choices)
    year = models.PositiveSmallIntegerField(_("năm công tác"))
    held_on = models.DateField(_("ngày tổ chức"))
    place = fields.CharField(_("địa điểm"), max_length=255, blank=True)
    attendees = models.PositiveIntegerField(_("số đại biểu dự"))
    guests = fields.TextField(_("đại biểu khách mời"), blank=True, max_length=2000)
    results = fields.TextField(_("kết quả chủ yếu"), blank=True, max_length=5000)
    launched = fields.CharField(_("phong trào thi đua được phát động"), max_length=255, blank=True)
    note = fields.TextField(_("ghi chú"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hội nghị sơ kết, tổng kết")
        verbose_name_plural = _("hội nghị sơ kết, tổng kết")
        ordering = ["-held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "year"], name="review_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"  # "Hội nghị tổng kết năm 2022"


class ReviewLink(models.TextChoices):
    """What a linked document is to the review (``documents.links`` roles)."""

    REPORT = "bao-cao-tong-ket", _("Báo cáo sơ kết, tổng kết")
    AWARDS = "khen-thuong", _("Quyết định khen thưởng trao tại hội nghị")
    LAUNCH = "phat-dong-thi-dua", _("Kế hoạch phát động thi đua")


class ReviewAward(models.Model):
    """Awards of one form handed out at the review: how many collectives and individuals, and who.

    Link point for the awards module (above this one in the dependency order, so not imported here):
    the decision is a document linked to the review with the role ``khen-thuong``; the awards module
    links its own award records to that same decision, and the review's page lists them through
    ``documents.links.targets_of``. Until then a row is free text."""

    review = models.ForeignKey(
        Review, verbose_name=_("hội nghị sơ kết, tổng kết"), on_delete=models.PROTECT, related_name="awards"
    )
    form = fields.CharField(_("hình thức khen thưởng"), max_length=255)
    collectives = models.PositiveIntegerField(_("số tập thể"), default=0)
    individuals = models.PositiveIntegerField(_("số cá nhân"), default=0)
    recipients = fields.TextField(_("tập thể, cá nhân được khen"), blank=True, max_length=5000)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("khen thưởng trao tại hội nghị")
        verbose_name_plural = _("khen thưởng trao tại hội nghị")
        ordering = ["review_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(collectives__gt=0) | Q(individuals__gt=0), name="review_award_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.form


class InspectionRole(models.TextChoices):
    HEAD = "truong-ban", _("Trưởng ban")
    DEPUTY = "pho-ban", _("Phó trưởng ban")
    MEMBER = "thanh-vien", _("Thành viên")


class InspectionBoard(models.Model):
    """The people's inspection board (Ban thanh tra nhân dân) elected by a conference, for a term
    (two years: a dated rule) from the conference's day to ``ends_on`` (exclusive)."""

    conference = models.OneToOneField(
        Conference, verbose_name=_("hội nghị bầu"), on_delete=models.PROTECT, related_name="inspection_board"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    elected_on = models.DateField(_("ngày bầu"))
    ends_on = models.DateField(_("hết nhiệm kỳ từ ngày"))
    note = fields.TextField(_("ghi chú"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ban thanh tra nhân dân")
        verbose_name_plural = _("ban thanh tra nhân dân")
        ordering = ["unit_id", "-elected_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("elected_on")), name="board_term_positive"),
        ]

    def __str__(self) -> str:
        return f"Ban thanh tra nhân dân {self.elected_on:%Y}"


class InspectionMember(models.Model):
    board = models.ForeignKey(
        InspectionBoard,
        verbose_name=_("ban thanh tra nhân dân"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    full_name = fields.CharField(_("họ và tên"), max_length=150)
    role = fields.CharField(_("vai trò"), max_length=16, choices=InspectionRole.choices)
    title = fields.CharField(_("chức danh, nơi công tác"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thành viên ban thanh tra nhân dân")
        verbose_name_plural = _("thành viên ban thanh tra nhân dân")
        ordering = ["board_id", "order", "id"]

    def __str__(self) -> str:
        return self.full_name


class Reminder(models.Model):
    """An e-mail reminder sent to a unit that had not held its conference of ``year`` by the
    deadline: the rate limit reads these (one per unit, kind and year within a setting's days)."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    kind = fields.CharField(_("loại hội nghị"), max_length=16, choices=ConferenceKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    sent_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    sent_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recipients = models.PositiveSmallIntegerField(_("số người nhận"))

    class Meta:
        verbose_name = _("nhắc tổ chức hội nghị")
        verbose_name_plural = _("nhắc tổ chức hội nghị")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["unit", "kind", "year", "sent_at"], name="reminder_unit_kind_year")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.kind} {self.year}"
