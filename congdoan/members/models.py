"""The member register.

``Person`` is one human being with the personal facts the work needs, plus a denormalised copy of
their *current* membership (unit, the unit's path, card number, status) so that the everyday
search is one indexed query on one table. ``Membership`` rows are the history: one per period in
one unit, ``[valid_from, valid_to)``; a transfer closes one and opens the next. Counts for a past
date read the periods, never the denormalised columns.
"""

import datetime as dt

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.core.models import Catalogue, Dated, DatedQuerySet, optional_link
from congdoan.core.text import fold, vietnamese_sort_key
from congdoan.organizations.models import Unit


class Sex(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class Status(models.TextChoices):
    ACTIVE = "active", _("Đang sinh hoạt")
    EXEMPT = "exempt", _("Miễn sinh hoạt")
    TRANSFERRED = "transferred", _("Chuyển đi")
    LEFT = "left", _("Ra khỏi tổ chức")
    DECEASED = "deceased", _("Đã mất")


IN_UNIT = (Status.ACTIVE, Status.EXEMPT)  # statuses of a person who is a member of a unit now


SORT_KEY_LENGTH = 400  # a name of 150 characters: 2 per letter, a separator per word, a tone per word
NAME_KEYS = ("name_folded", "sort_key", "family_sort_key")


def name_keys(full_name: str) -> dict[str, str]:
    """The columns derived from a person's name (``NAME_KEYS``): the search key (``fold``) and the
    two Vietnamese sort keys (``vietnamese_sort_key``), by given name and by family name. Every
    write of a name (save, import, generated data, migrations) stores them through this."""
    return {
        "name_folded": fold(full_name),
        "sort_key": vietnamese_sort_key(full_name, given_first=True, limit=SORT_KEY_LENGTH),
        "family_sort_key": vietnamese_sort_key(full_name, given_first=False, limit=SORT_KEY_LENGTH),
    }


class Person(models.Model):
    full_name = fields.CharField(_("họ và tên"), max_length=150)
    name_folded = fields.CharField(max_length=150, editable=False)
    # Vietnamese alphabetical order (core.text.vietnamese_sort_key), by given name then family name
    # (the lists' order) and by family name as written. "C" collation on PostgreSQL (migration 0012):
    # the keys are ASCII made to be compared byte by byte, as SQLite does.
    sort_key = fields.CharField(max_length=SORT_KEY_LENGTH, editable=False, default="", db_default="")
    family_sort_key = fields.CharField(max_length=SORT_KEY_LENGTH, editable=False, default="", db_default="")
    sex = fields.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    id_number = fields.IdentifierField(
        _("số CCCD"), max_length=12, drop=".-", null=True, blank=True, unique=True
    )
    phone = fields.PhoneField(_("điện thoại"), max_length=20, blank=True)
    email = fields.EmailField(_("email"), blank=True)
    ethnicity = fields.CharField(_("dân tộc"), max_length=50, blank=True)
    education = fields.CharField(_("trình độ chuyên môn"), max_length=100, blank=True)
    political_theory = fields.CharField(_("trình độ lý luận chính trị"), max_length=100, blank=True)
    job_position = fields.CharField(_("chức vụ chính quyền"), max_length=150, blank=True)
    job_title = fields.CharField(_("chức danh nghề nghiệp"), max_length=150, blank=True)
    work_started_on = models.DateField(_("ngày vào làm việc"), null=True, blank=True)
    joined_union_on = models.DateField(_("ngày kết nạp"), null=True, blank=True)
    policy_family = models.BooleanField(_("gia đình chính sách"), default=False)
    hardship = models.BooleanField(_("hoàn cảnh khó khăn"), default=False)
    # The current membership, denormalised for search; kept by the services and the tree receivers.
    # No index of its own: person_unit_status begins with it (docs/scaling.md, "Indexes of the
    # member tables").
    unit = optional_link(Unit, _("đơn vị sinh hoạt"), db_index=False)
    unit_path = fields.CharField(max_length=255, blank=True)
    card_number = fields.IdentifierField(_("số thẻ đoàn viên"), max_length=30, blank=True)
    status = fields.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đoàn viên")
        verbose_name_plural = _("đoàn viên")
        ordering = ["sort_key", "id"]
        # What each index serves: docs/scaling.md, "Indexes of the member tables" (their use:
        # bench/index_audit.py).
        indexes = [
            # The lists' first pages in the order shown (members_search, both directions): on
            # PostgreSQL with the columns a search filters on, so that walking the order reads no row.
            models.Index(
                fields=["sort_key", "id"],
                name="person_sort_key",
                include=["name_folded", "unit_path", "status", "card_number"],
            ),
            models.Index(fields=["family_sort_key", "id"], name="person_family_sort_key"),
            models.Index(
                fields=["unit_path"], name="person_unit_path_like", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["card_number"], name="person_card_like", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["unit", "status"], name="person_unit_status"),
            # PostgreSQL-only: the trigram index on the folded name (migration 0012; 0003 for the phone).
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["card_number"], condition=~Q(card_number=""), name="person_card_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        for column, value in name_keys(self.full_name).items():
            setattr(self, column, value)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, *NAME_KEYS}
        super().save(*args, **kwargs)

    def age_on(self, on: dt.date) -> int | None:
        if not self.date_of_birth:
            return None
        b = self.date_of_birth
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


class MembershipQuerySet(DatedQuerySet):
    def mark_first(self) -> int:
        """Set ``first`` on these periods from their person's periods (the backfill's rule)."""
        earlier = Membership.objects.filter(
            person_id=OuterRef("person_id"), valid_from__lt=OuterRef("valid_from")
        )
        return self.update(first=~Exists(earlier))


class Membership(Dated):
    """One period of a person's membership in one unit.

    Two columns are derived, kept for the figures of any date without reading more than the
    periods: ``first`` (no period of the person began before this one: it counts in
    ``members.joined``) and ``sex`` (the person's, counted in ``members.female`` on a past date).
    ``save`` fills both for a new period and keeps ``first`` when a period's start moves; the bulk
    writers (import, mergers, generated data) write them with the row, and a correction of a
    person's sex rewrites their periods' (``services.member_update``, the import). Migration 0015
    backfilled them; ``tests/test_period_marks.py`` holds them equal to the person join and the
    ``NOT EXISTS`` they replace."""

    # No index of their own: membership_person_from and membership_unit_from begin with them.
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships", db_index=False)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships", db_index=False
    )
    card_number = fields.IdentifierField(_("số thẻ đoàn viên"), max_length=30, blank=True)
    status = fields.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    end_status = fields.CharField(_("lý do kết thúc"), max_length=16, choices=Status.choices, blank=True)
    end_note = fields.CharField(_("ghi chú kết thúc"), max_length=255, blank=True)
    first = models.BooleanField(editable=False)  # no default: a writer that forgets it fails
    sex = fields.CharField(max_length=1, choices=Sex.choices, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("quá trình sinh hoạt")
        verbose_name_plural = _("quá trình sinh hoạt")
        ordering = ["person_id", "valid_from"]
        indexes = [
            models.Index(fields=["unit", "valid_from"], name="membership_unit_from"),
            models.Index(fields=["person", "valid_from"], name="membership_person_from"),
            # The year's joins (members.joined): an index-only scan of the first periods begun in it.
            models.Index(
                fields=["valid_from"], include=["unit"], condition=Q(first=True), name="membership_first_from"
            ),
            # The year's leavers (members.left): the few periods ended by leaving or death.
            models.Index(
                fields=["valid_to"],
                include=["unit"],
                condition=Q(end_status__in=("left", "deceased")),
                name="membership_ended",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="membership_period_positive",
            ),
            # One open period per person: a member is active in one unit at a time.
            models.UniqueConstraint(
                fields=["person"], condition=Q(valid_to__isnull=True), name="membership_one_open_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.unit}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        if adding and self.first is None:
            self.first = not Membership.objects.filter(
                person_id=self.person_id, valid_from__lt=self.valid_from
            ).exists()
        if adding and not self.sex:
            self.sex = self.person.sex
        update_fields = kwargs.get("update_fields")
        super().save(*args, **kwargs)
        if adding and self.first:  # a period dated before the person's others: they are not first
            Membership.objects.filter(person_id=self.person_id, valid_from__gt=self.valid_from).filter(
                first=True
            ).update(first=False)
        elif not adding and (update_fields is None or "valid_from" in update_fields):
            Membership.objects.filter(person_id=self.person_id).mark_first()
            self.refresh_from_db(fields=["first"])


class PositionKind(Catalogue):
    """Union-officer positions (Chủ tịch, Phó Chủ tịch, Ủy viên BCH, Ủy viên UBKT…): data.

    ``single_holder``: one person at a time per unit (Chủ tịch: Điều lệ Công đoàn Việt Nam, the
    BCH elects one chair); ``position_assign`` refuses a second holder over an overlapping period.
    """

    single_holder = models.BooleanField(
        _("chỉ một người giữ"),
        default=False,
        help_text=_("Mỗi đơn vị chỉ có một người giữ chức vụ này trong cùng một thời gian."),
    )

    class Meta(Catalogue.Meta):
        verbose_name = _("chức vụ công đoàn")
        verbose_name_plural = _("chức vụ công đoàn")


class OfficerPosition(Dated):
    """A union-officer position held by a member in a unit's BCH for a term."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="positions")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey(PositionKind, verbose_name=_("chức vụ"), on_delete=models.PROTECT)
    term = fields.CharField(_("nhiệm kỳ"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("chức vụ công đoàn của đoàn viên")
        verbose_name_plural = _("chức vụ công đoàn của đoàn viên")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.position} — {self.person}"


class Transfer(models.Model):
    """Chuyển sinh hoạt: requested by the sending unit, completed when the receiving unit accepts
    (at once when the same officer manages both)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ đơn vị nhận tiếp nhận")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        REJECTED = "rejected", _("Bị từ chối")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="transfers")
    from_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị chuyển đi"), on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tiếp nhận"), on_delete=models.PROTECT, related_name="incoming_transfers"
    )
    on = models.DateField(_("ngày chuyển"))
    state = fields.CharField(_("tình trạng"), max_length=16, choices=State.choices, default=State.PENDING)
    note = fields.CharField(_("ghi chú"), max_length=255, blank=True)
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("chuyển sinh hoạt")
        verbose_name_plural = _("chuyển sinh hoạt")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(state="pending"), name="transfer_one_pending_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.from_unit} → {self.to_unit}"


class WorkforceCount(models.Model):
    """The unit's workforce (CBCCVCLĐ, members or not) on a date: reports quote it and the
    membership rate divides by it."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    on = models.DateField(_("tính đến ngày"))
    total = models.PositiveIntegerField(_("tổng số CBCCVCLĐ"))
    women = models.PositiveIntegerField(_("trong đó nữ"), default=0)
    note = fields.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("số CBCCVCLĐ")
        verbose_name_plural = _("số CBCCVCLĐ")
        ordering = ["unit_id", "-on"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "on"], name="workforce_one_per_date"),
            models.CheckConstraint(
                condition=Q(women__lte=models.F("total")), name="workforce_women_le_total"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.total} ({self.on:%d/%m/%Y})"


class UnitStock(models.Model):
    """Each unit's members today (status active or exempt) and the women among them: a summary of
    ``Person`` (unit, status, sex) kept exact by the DATABASE, triggers of migration 0013 on every
    insert, update and delete of members_person, so that every write path (services, the COPY
    import, the daily refresh, unit mergers, raw SQL) keeps it; never written by Python. The
    dashboard and the statistics of today read it instead of counting a million rows."""

    unit = models.OneToOneField(
        Unit, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    members = models.IntegerField(default=0)
    women = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số đoàn viên hiện nay của đơn vị")
        verbose_name_plural = _("số đoàn viên hiện nay của các đơn vị")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.members} ({self.women})"
