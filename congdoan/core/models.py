import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import fields
from .labels import localized


def active_on(on: dt.date, prefix: str = "") -> Q:
    """Rows whose ``[valid_from, valid_to)`` period contains ``on``."""
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": on})
    )


def optional_link(
    to, verbose_name, *, on_delete=models.PROTECT, related_name: str = "+", db_index: bool = True
) -> models.ForeignKey:
    """A foreign key that may be empty (in forms too); protected by default, so a referenced row
    cannot be deleted from under the rows that name it. ``db_index=False`` where a composite index
    starting with the column serves its lookups already."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
        db_index=db_index,
    )


class DatedQuerySet(models.QuerySet):
    def active(self, on: dt.date):
        return self.filter(active_on(on))


class Dated(models.Model):
    """A row valid for ``[valid_from, valid_to)``; ``valid_to`` empty means "still valid". History is
    closed, never deleted: a report for a past date reads the rows valid then."""

    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày (không gồm)"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True


class RuleValue(Dated):
    """The value a changing rule (a minimum age, a rate, a deadline, a horizon) takes over a period.

    Rules are declared in code with a default (``congdoan.core.rules.register_rule``); a row here
    overrides the default from ``valid_from``. ``source`` names the document that set it.
    """

    key = fields.CharField(_("quy định"), max_length=64, db_index=True)
    value = models.JSONField(_("giá trị"))
    source = fields.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("giá trị quy định")
        verbose_name_plural = _("giá trị quy định")
        ordering = ["key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="rule_value_one_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class Catalogue(models.Model):
    """A list officers or administrators keep as data (kinds of unit, roles, positions, award
    titles…): a stable ``code`` the code may name, a label and a display order.

    ``name`` is the Vietnamese label (documents, exports and the API use it); ``name_en`` the
    English one, shown when the interface is in English (``label``, which ``str()`` and therefore
    choice lists give). Shipped rows get theirs from a data migration; the admin edits them.
    """

    code = fields.SlugField(_("mã"), max_length=32, unique=True)
    name = fields.CharField(_("tên"), max_length=120)
    name_en = fields.CharField(
        _("tên tiếng Anh"),
        max_length=120,
        blank=True,
        help_text=_("Hiện khi giao diện bằng tiếng Anh; để trống thì hiện tên tiếng Việt."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language (``core.labels.localized``)."""
        return localized(self.name, self.name_en)


# The first day of a catalogue row whose start was never recorded: before any record of the system.
ALWAYS = dt.date(2000, 1, 1)


class DatedCatalogue(Catalogue):
    """A catalogue row in force over ``[valid_from, valid_to)`` (kinds of support, funds…): a rule that
    changes is a new row from its date, and the old row is closed (``valid_to``), never deleted, so a
    record of a past day keeps the row it was made with. Forms offer the rows valid on the record's
    own date (``core.forms.offer_valid_on``), services refuse others (``refusal_on``). ``valid_from``
    defaults to ``ALWAYS`` (rows shipped before the catalogue was dated)."""

    valid_from = models.DateField(_("từ ngày"), default=ALWAYS)
    valid_to = models.DateField(_("đến ngày (không gồm)"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta(Catalogue.Meta):
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="%(app_label)s_%(class)s_period_positive",
            )
        ]

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def refusal_on(self, day: dt.date | None) -> str | None:
        """The Vietnamese message refusing this row for a record dated ``day``, or None if it is valid
        then (or ``day`` is unknown: the date's own error is reported instead)."""
        if day is None or self.valid_on(day):
            return None
        fmt = "%d/%m/%Y"
        if self.valid_to is None:
            period = _("từ %(s)s") % {"s": self.valid_from.strftime(fmt)}
        else:
            last = self.valid_to - dt.timedelta(days=1)
            period = _("từ %(s)s đến %(e)s") % {"s": self.valid_from.strftime(fmt), "e": last.strftime(fmt)}
        return _("“%(name)s” không áp dụng vào ngày %(d)s (chỉ áp dụng %(period)s).") % {
            "name": self.name,
            "d": day.strftime(fmt),
            "period": period,
        }


class AuditEntry(models.Model):
    """One write made through a service: who, when, what, and the changed fields before/after.

    ``unit_id`` is the unit the object belongs to; it scopes who may read the entry. It is a
    plain column rather than a foreign key because core sits below organizations.
    """

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = optional_link(settings.AUTH_USER_MODEL, _("người thực hiện"), on_delete=models.SET_NULL)
    action = fields.CharField(_("thao tác"), max_length=64, db_index=True)
    object_type = fields.CharField(_("loại đối tượng"), max_length=64)
    object_id = fields.CharField(_("mã đối tượng"), max_length=64)
    object_repr = fields.CharField(_("đối tượng"), max_length=255)
    unit_id = models.BigIntegerField(_("đơn vị"), null=True, blank=True, db_index=True)
    before = models.JSONField(_("trước"), default=dict, blank=True)
    after = models.JSONField(_("sau"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"

    def changes(self) -> list[tuple[str, object, object]]:
        keys = sorted(set(self.before) | set(self.after))
        return [(k, self.before.get(k), self.after.get(k)) for k in keys]


class Job(models.Model):
    """A piece of background work started by a user (an import, an export), shown only to them.

    The id is a UUID because it appears in URLs. Live progress is kept in the cache (the work runs
    in one transaction, so rows written inside it are invisible until the end); this row holds the
    final state, the message to show on failure and the result file (under MEDIA_ROOT/jobs/<id>/,
    served only to the owner).
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        SUCCEEDED = "succeeded", _("Hoàn thành")
        FAILED = "failed", _("Thất bại")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = fields.CharField(_("loại công việc"), max_length=200)
    label = fields.CharField(_("công việc"), max_length=255)
    state = fields.CharField(_("tình trạng"), max_length=16, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), null=True, blank=True)
    message = fields.TextField(_("thông báo"), blank=True)
    result_file = fields.CharField(_("tệp kết quả"), max_length=255, blank=True)
    result_name = fields.CharField(_("tên tệp tải về"), max_length=255, blank=True)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    # The one job this one led to (the write of a checked import): claimed once (jobs.job_follow_up).
    follow_up = optional_link("self", _("công việc tiếp theo"), on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("công việc nền")
        verbose_name_plural = _("công việc nền")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="job_user_created")]

    def __str__(self) -> str:
        return self.label

    @property
    def finished(self) -> bool:
        return self.state in (self.State.SUCCEEDED, self.State.FAILED)


class ScheduledReminder(Dated):
    """An e-mail reminder an officer asked to have sent again every ``every_days`` days (by the
    queue's scheduler, ``core.reminders.reminders_run_due``) until ``valid_to`` or until they stop
    it. ``kind`` is a code an app registered (``core.reminders.register_reminder_kind``) and
    ``params`` what that kind needs besides the unit (a year, a conference kind). Each run sends as
    ``owner`` with today's permissions: a role that has ended ends the schedule."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đặt"),
        on_delete=models.PROTECT,
        related_name="scheduled_reminders",
    )
    kind = fields.CharField(_("loại nhắc"), max_length=64)
    unit_id = models.BigIntegerField(_("đơn vị"))
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    label = fields.CharField(_("nội dung nhắc"), max_length=255)
    every_days = models.PositiveSmallIntegerField(_("nhắc lại sau (ngày)"), default=7)
    next_run = models.DateField(_("lần nhắc tới"))
    last_run_at = models.DateTimeField(_("lần nhắc gần nhất"), null=True, blank=True)
    last_result = fields.CharField(_("kết quả lần gần nhất"), max_length=500, blank=True)
    ended_reason = fields.CharField(_("lý do dừng"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lịch nhắc tự động")
        verbose_name_plural = _("lịch nhắc tự động")
        ordering = ["-valid_from", "-pk"]
        indexes = [models.Index(fields=["next_run"], name="reminder_next_run")]

    def __str__(self) -> str:
        return self.label
