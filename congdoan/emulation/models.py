"""Emulation (thi đua): movements and campaigns launched by a unit, the registrations of the units
below it, emulation blocks formed across the tree with their yearly leader, deputies and rotating
flag, and the scores of a block's members on a scoring sheet kept as dated data.

Issue 11 and seed 002 (Khối thi đua III of CĐVC Việt Nam, 2022). History is never deleted: block
memberships are dated ``[valid_from, valid_to)``; a year's results keep the sheet they were scored on.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from congdoan.core import fields
from congdoan.core.attachments import StoredFile
from congdoan.core.models import Catalogue, Dated, DatedQuerySet
from congdoan.core.workflow import FSMField, Reviewed
from congdoan.organizations.models import Unit


class Movement(models.Model):
    """A phong trào thi đua or a cuộc vận động launched by ``unit`` for ``[starts_on, ends_on]``
    (both days included); the units of its subtree register for it each year until that year's
    deadline (``RegistrationDeadline``; ``deadline`` is the one set at launch, copied there)."""

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
    # The year registered for: a movement running several years is registered for year by year,
    # each year with its own deadline (``deadline_models.RegistrationDeadline``).
    year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    targets = fields.TextField(_("chỉ tiêu, danh hiệu đăng ký"), max_length=5000)
    state = FSMField(_("trạng thái"), default=State.DRAFT, choices=State.choices, protected=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit", "year"], name="registration_one_per_unit_year"
            ),
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


# -- emulation blocks (khối / cụm thi đua) ----------------------------------------------------------


class Block(Dated):
    """A khối (or cụm) thi đua formed by ``unit`` (a level such as CĐVC Việt Nam): a grouping of
    units across its tree, with dated membership, a leader and deputies named each year and a
    rotating flag (cờ luân lưu) handed from one year's leader to the next."""

    class Kind(models.TextChoices):
        BLOCK = "block", _("Khối thi đua")
        CLUSTER = "cluster", _("Cụm thi đua")

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị thành lập"), on_delete=models.PROTECT, related_name="+"
    )
    kind = fields.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.BLOCK)
    name = fields.CharField(_("tên khối"), max_length=255)
    deputies = models.PositiveSmallIntegerField(_("số khối phó mỗi năm"), default=2)
    note = fields.TextField(_("ghi chú"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("khối thi đua")
        verbose_name_plural = _("khối thi đua")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="block_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BlockMember(Dated):
    """A unit's membership of a block over ``[valid_from, valid_to)``."""

    block = models.ForeignKey(Block, verbose_name=_("khối"), on_delete=models.PROTECT, related_name="members")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị thành viên"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("đơn vị thành viên khối")
        verbose_name_plural = _("đơn vị thành viên khối")
        ordering = ["block_id", "valid_from", "id"]
        indexes = [models.Index(fields=["unit", "valid_from"], name="blockmember_unit_from")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="blockmember_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.block} — {self.unit}"


class BlockOfficer(models.Model):
    """The khối trưởng or a khối phó of a block for one year, named by a decision.

    A later decision may replace an officer for the rest of the year (``block_records
    .block_officers_correct``): the replaced row is closed (``valid_to``, the first day no longer
    held; ``replaced_by`` the new row) and kept; the new row holds the role from its ``valid_from``
    (empty: the whole year). At most one open leader row per block and year."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Khối trưởng")
        DEPUTY = "deputy", _("Khối phó")

    block = models.ForeignKey(
        Block, verbose_name=_("khối"), on_delete=models.PROTECT, related_name="officers"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    role = fields.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    decision_reference = fields.CharField(_("quyết định công nhận (số, ký hiệu)"), max_length=100, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày (không gồm)"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay bằng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("khối trưởng, khối phó")
        verbose_name_plural = _("khối trưởng, khối phó")
        ordering = ["block_id", "-year", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["block", "year", "unit"],
                condition=Q(valid_to__isnull=True),
                name="blockofficer_one_role_per_unit",
            ),
            models.UniqueConstraint(
                fields=["block", "year"],
                condition=Q(role="leader", valid_to__isnull=True),
                name="blockofficer_one_leader_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.year}: {self.unit}"


class FlagHandover(models.Model):
    """The rotating flag (cờ luân lưu) handed over for ``year`` from the unit holding it to that
    year's leader, at the block's conference."""

    block = models.ForeignKey(Block, verbose_name=_("khối"), on_delete=models.PROTECT, related_name="flags")
    year = models.PositiveSmallIntegerField(_("năm"))
    from_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị trao"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị nhận"), on_delete=models.PROTECT, related_name="+"
    )
    handed_on = models.DateField(_("ngày trao"))
    note = fields.CharField(_("ghi chú"), max_length=255, blank=True)
    meeting = models.ForeignKey(
        "emulation.BlockMeeting",
        verbose_name=_("hội nghị trao cờ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="flags",
    )

    class Meta:
        verbose_name = _("trao cờ luân lưu")
        verbose_name_plural = _("trao cờ luân lưu")
        ordering = ["block_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["block", "year"], name="flaghandover_one_per_year")]

    def __str__(self) -> str:
        return f"{self.block} {self.year}: {self.to_unit}"


class Pledge(models.Model):
    """A giao ước thi đua signed by several parties: the members of a block for a year (seed 002),
    or a union and the head of its agency (seed 004)."""

    block = models.ForeignKey(
        Block, verbose_name=_("khối"), null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = fields.CharField(_("tên giao ước"), max_length=255)
    signed_on = models.DateField(_("ngày ký"))
    place = fields.CharField(_("nơi ký"), max_length=255, blank=True)
    targets = fields.TextField(_("nội dung, chỉ tiêu"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return self.title


class PledgeParty(models.Model):
    """One signing party of a pledge: a unit (or the head of an agency, named), its signatory."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="parties")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    party_name = fields.CharField(_("bên ký"), max_length=255, blank=True)
    signatory = fields.CharField(_("người ký"), max_length=150, blank=True)
    position = fields.CharField(_("chức vụ"), max_length=150, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("bên ký giao ước")
        verbose_name_plural = _("bên ký giao ước")
        ordering = ["pledge_id", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["pledge", "unit"], name="pledgeparty_unit_once")]

    def __str__(self) -> str:
        return self.party_name or str(self.unit)


# -- scoring (chấm điểm thi đua) -------------------------------------------------------------------

POINTS = {"max_digits": 6, "decimal_places": 1}


class CriterionKind(models.TextChoices):
    SCORE = "score", _("Tiêu chí chấm điểm")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class ScoreSheet(Dated):
    """A level's scoring sheet (bảng điểm thi đua), in force over ``[valid_from, valid_to)``: its
    criteria with their maximum points add up to ``total``. Data, not code; a year's results keep
    the sheet they were scored on."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    name = fields.CharField(_("tên bảng điểm"), max_length=255)
    total = models.DecimalField(_("tổng điểm tối đa"), **POINTS)

    class Meta:
        verbose_name = _("bảng điểm thi đua")
        verbose_name_plural = _("bảng điểm thi đua")
        ordering = ["-valid_from", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="scoresheet_one_per_start"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="scoresheet_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One criterion of a sheet, in a group, with its maximum points."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="criteria")
    group = fields.CharField(_("nhóm tiêu chí"), max_length=255, blank=True)
    name = fields.CharField(_("tiêu chí"), max_length=255)
    max_points = models.DecimalField(_("điểm tối đa"), **POINTS)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = fields.CharField(_("loại tiêu chí"), max_length=8, choices=CriterionKind.choices, default="score")
    # Set: a mandatory criterion (tiêu chí bắt buộc, một phiếu phủ quyết): fewer points vetoes a rank.
    pass_points = models.DecimalField(_("điểm đạt của tiêu chí bắt buộc"), null=True, blank=True, **POINTS)

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["sheet_id", "order", "id"]
        constraints = [models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive")]

    def __str__(self) -> str:
        return self.name

    @property
    def mandatory(self) -> bool:
        return self.pass_points is not None


from .score_models import ScoreLine, ScoreResult  # noqa: E402, F401  (they refer to the models above)

# -- titles and the registration of titles (danh hiệu thi đua) ------------------------------------


class IssuerLevel(models.TextChoices):
    """Who confers a title or a form of commendation (cấp ra quyết định). The codes of the union's
    levels are those of the unit kinds (``organizations.UnitKind.code``)."""

    TONG_LDLD = "tong-ldld", _("Tổng Liên đoàn Lao động Việt Nam")
    LDLD_TINH = "ldld-tinh", _("Liên đoàn Lao động tỉnh, thành phố")
    CD_NGANH_TW = "cd-nganh-tw", _("Công đoàn ngành trung ương")
    CD_CAP_TREN_CO_SO = "cd-cap-tren-co-so", _("Công đoàn cấp trên trực tiếp cơ sở")
    THU_TRUONG = "thu-truong", _("Thủ trưởng cơ quan, đơn vị")


class Recipient(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class Title(Catalogue):
    """A danh hiệu thi đua (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên
    tiến/xuất sắc, Cờ thi đua…): who receives it, who confers it and its bonus as a multiple of the
    base salary (``bonus_multiple``), valid over ``[valid_from, valid_to)``. A changed rule closes
    the row and opens a new one (a new code); last year's registrations keep last year's rows.
    ``basis`` cites the decree and article of each period (Decree 91/2017/NĐ-CP Điều 69, 98/2023
    Điều 54, 152/2025 Điều 50: the same multiples for the shipped titles, migration 0010)."""

    recipient = fields.CharField(_("đối tượng"), max_length=16, choices=Recipient.choices)
    issuer_level = fields.CharField(_("cấp tặng"), max_length=24, choices=IssuerLevel.choices)
    bonus_multiple = models.DecimalField(
        _("mức tiền thưởng (lần mức lương cơ sở)"), max_digits=5, decimal_places=2
    )
    basis = fields.CharField(_("căn cứ"), max_length=255, blank=True)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày (không gồm)"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta(Catalogue.Meta):
        verbose_name = _("danh hiệu thi đua")
        verbose_name_plural = _("danh hiệu thi đua")
        constraints = [
            models.CheckConstraint(condition=Q(bonus_multiple__gte=0), name="title_bonus_not_negative"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="title_period_positive",
            ),
        ]


class RegistrationEntry(models.Model):
    """One title a registration aims for: for the registering unit itself or one of its units
    (``unit``), or for one of its people (``member``), exactly one of the two."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="entries")
    title = models.ForeignKey(Title, verbose_name=_("danh hiệu"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        "members.Person",
        verbose_name=_("đoàn viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("danh hiệu đăng ký")
        verbose_name_plural = _("danh hiệu đăng ký")
        ordering = ["registration_id", "title__order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=True) & Q(member__isnull=False))
                | (Q(unit__isnull=False) & Q(member__isnull=True)),
                name="registrationentry_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["registration", "title", "unit"],
                condition=Q(unit__isnull=False),
                name="registrationentry_unit_once",
            ),
            models.UniqueConstraint(
                fields=["registration", "title", "member"],
                condition=Q(member__isnull=False),
                name="registrationentry_member_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.unit or self.member}"


# -- annual rating of grassroots unions (đánh giá, xếp loại CĐCS) ---------------------------------


class Condition(models.TextChoices):
    """Hard conditions a rubric may hold against the top grade (evaluated in ``rating.py``)."""

    DISCIPLINE = "discipline", _("Có cán bộ, đoàn viên bị kỷ luật trong năm")
    NO_CONFERENCE = "no_conference", _("Không tổ chức hội nghị cán bộ, công chức, viên chức")


class ItemSource(models.TextChoices):
    """Where the system fills an item in from (empty: typed by the unit and its superior)."""

    MANUAL = "", _("Đơn vị tự chấm")
    MEMBER_GROWTH = "members.growth", _("Phát triển đoàn viên (sổ đoàn viên)")
    CONFERENCE = "meetings.conference", _("Hội nghị cán bộ, công chức, viên chức (hội nghị)")


class Rubric(models.Model):
    """A rubric for rating grassroots unions (bảng tiêu chí đánh giá, xếp loại CĐCS) issued by
    ``unit`` for ``year``, in versions: an adapted rubric is a new version, and a rating keeps the
    version it was made on. ``unit`` empty with ``year`` empty is the default shipped with the
    system (the VGCL's guidance). Item maxima add up to ``total`` (bonus items to ``bonus_max``)."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm áp dụng"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    name = fields.CharField(_("tên bảng tiêu chí"), max_length=255)
    total = models.DecimalField(_("tổng điểm tối đa"), **POINTS)
    bonus_max = models.DecimalField(_("điểm thưởng tối đa"), default=0, **POINTS)
    conditions = models.JSONField(_("điều kiện không xếp loại cao nhất"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bảng tiêu chí xếp loại công đoàn cơ sở")
        verbose_name_plural = _("bảng tiêu chí xếp loại công đoàn cơ sở")
        ordering = ["-year", "-version", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "version"], name="rubric_one_per_version"),
            models.CheckConstraint(condition=Q(total__gt=0), name="rubric_total_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class RubricItem(models.Model):
    """One item of a rubric, in a group, with its maximum points; a bonus item adds to the total."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="items")
    group = fields.CharField(_("nhóm tiêu chí"), max_length=255)
    name = fields.CharField(_("tiêu chí"), max_length=255)
    max_points = models.DecimalField(_("điểm tối đa"), **POINTS)
    bonus = models.BooleanField(_("điểm thưởng"), default=False)
    source = fields.CharField(
        _("nguồn số liệu"), max_length=32, choices=ItemSource.choices, blank=True, default=""
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí xếp loại")
        verbose_name_plural = _("tiêu chí xếp loại")
        ordering = ["rubric_id", "order", "id"]
        constraints = [models.CheckConstraint(condition=Q(max_points__gt=0), name="rubricitem_max_positive")]

    def __str__(self) -> str:
        return self.name


class Grade(Dated):
    """A grade of the rating (xếp loại) over ``[valid_from, valid_to)``: its name, its rank (1 is
    the top grade) and the least score, in % of the rubric's total, that reaches it. A year reads
    the grades in force on 31/12 of that year, so older years keep the older names."""

    code = fields.SlugField(_("mã"), max_length=32)
    name = fields.CharField(_("xếp loại"), max_length=120)
    name_en = fields.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"))
    min_percent = models.DecimalField(_("điểm tối thiểu (% tổng điểm)"), max_digits=5, decimal_places=1)
    basis = fields.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("xếp loại công đoàn cơ sở")
        verbose_name_plural = _("xếp loại công đoàn cơ sở")
        ordering = ["-valid_from", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["rank", "valid_from"], name="grade_one_rank_per_start"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="grade_period_positive",
            ),
        ]

    def __str__(self) -> str:
        from congdoan.core.labels import localized

        return localized(self.name, self.name_en)

    @property
    def top(self) -> bool:
        return self.rank == 1


class Rating(Reviewed):
    """A grassroots union's rating for ``year`` on ``rubric`` (the version kept): self-assessed by
    the union (nháp → đã gửi), reviewed and decided (đã xếp loại) or returned with a reason by its
    directly-superior union (``reviewer``)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Đơn vị tự chấm")
        SUBMITTED = "submitted", _("Đã gửi cấp trên")
        RETURNED = "returned", _("Trả lại")
        DECIDED = "decided", _("Đã xếp loại")

    unit = models.ForeignKey(
        Unit, verbose_name=_("công đoàn cơ sở"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("bảng tiêu chí"), on_delete=models.PROTECT, related_name="ratings"
    )
    state = FSMField(_("trạng thái"), default=State.DRAFT, choices=State.choices, protected=True)
    self_total = models.DecimalField(_("điểm tự chấm"), default=0, **POINTS)
    total = models.DecimalField(_("điểm cấp trên chấm"), null=True, blank=True, **POINTS)
    grade = models.ForeignKey(
        Grade, verbose_name=_("xếp loại"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        Unit,
        verbose_name=_("công đoàn cấp trên xếp loại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    discipline_case = models.BooleanField(_("có cán bộ, đoàn viên bị kỷ luật trong năm"), default=False)
    # Who set ``discipline_case`` last: "self" (the union), "reviewer" (its superior union) or the
    # name of a registered discipline source (``hooks.register_discipline_source``) with the record.
    discipline_source = fields.CharField(_("nguồn thông tin kỷ luật"), max_length=500, blank=True)
    submitted_on = models.DateField(_("ngày gửi cấp trên"), null=True, blank=True)
    decided_on = models.DateField(_("ngày quyết định xếp loại"), null=True, blank=True)
    conference_held = models.BooleanField(_("đã tổ chức hội nghị CBCCVC"), null=True, blank=True)
    members_start = models.PositiveIntegerField(_("đoàn viên đầu năm"), null=True, blank=True)
    members_end = models.PositiveIntegerField(_("đoàn viên cuối năm"), null=True, blank=True)
    barred = fields.CharField(_("lý do không xếp loại cao nhất"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("xếp loại công đoàn cơ sở")
        verbose_name_plural = _("xếp loại công đoàn cơ sở")
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="rating_one_per_year")]
        indexes = [models.Index(fields=["year", "state"], name="rating_year_state")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    @transition(field=state, source=[State.DRAFT, State.RETURNED], target=State.SUBMITTED)
    def submit(self, on=None):
        self.submitted_on = on

    @transition(field=state, source=State.SUBMITTED, target=State.DECIDED)
    def decide(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.RETURNED)
    def send_back(self):
        pass


class RatingLine(models.Model):
    """One item of a rating: the union's own points, the superior's, and for an item the system
    fills in, ``auto`` with the records behind it (``evidence``)."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(RubricItem, on_delete=models.PROTECT, related_name="+")
    self_points = models.DecimalField(_("điểm tự chấm"), **POINTS)
    points = models.DecimalField(_("điểm cấp trên chấm"), null=True, blank=True, **POINTS)
    auto = models.BooleanField(_("lấy từ dữ liệu"), default=False)
    evidence = fields.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        ordering = ["rating_id", "item__order", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["rating", "item"], name="ratingline_once"),
            models.CheckConstraint(condition=Q(self_points__gte=0), name="ratingline_self_not_negative"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0), name="ratingline_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.self_points}"


class ScoreEvidence(StoredFile):
    """An evidence file (minh chứng) of a unit's self-scoring, stored by ``core.attachments`` at a
    random path and served only through the guarded download view.

    ``unit``: the side that uploaded it (the scored unit, or the level that formed the block; empty
    on rows from before it was kept: the scored unit). A file is never deleted: withdrawing it
    (``scoring.score_evidence_withdraw``) sets ``withdrawn_at``/``withdrawn_by``, takes it out of the
    evidence list and its download, and keeps the row and the stored file for the record."""

    result = models.ForeignKey(ScoreResult, on_delete=models.CASCADE, related_name="evidence")
    path = fields.CharField(_("đường dẫn lưu"), max_length=255, unique=True, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    content_type = fields.CharField(_("kiểu tệp"), max_length=100)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị tải lên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("rút lúc"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người rút"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("minh chứng chấm điểm")
        verbose_name_plural = _("minh chứng chấm điểm")
        ordering = ["uploaded_at", "id"]


from .block_models import BlockMeeting, BlockPlan  # noqa: E402,F401
from .deadline_models import DeadlineExtension, RegistrationDeadline  # noqa: E402,F401
from .movement_models import MovementCriterion, MovementUnit  # noqa: E402,F401  (one app, two modules)
