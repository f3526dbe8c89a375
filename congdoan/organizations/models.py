"""The organisation tree, effective-dated.

A ``Unit`` is an identity (its code never changes). Everything that can change about it —
name, kind, managing parent, guidance parent, place in the tree — lives in ``UnitVersion``
rows, one per validity period ``[valid_from, valid_to)``. Each version stores the unit's
materialised path as of that period, so "the subtree of X on date D" is one indexed
prefix query for any D.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.core.models import Catalogue, Dated, DatedQuerySet, active_on, optional_link
from congdoan.core.text import fold, vietnamese_sort_key

UNIT_SORT_KEY_LENGTH = 700  # a name of 255 characters: 2 per letter, a separator and a tone per word
PATH_SEGMENT = 10  # digits per unit id in a path; fixed width keeps paths ordered depth-first


def path_segment(unit_id: int) -> str:
    return f"{unit_id:0{PATH_SEGMENT}d}/"


def unit_name_keys(name: str, short_name: str = "") -> tuple[str, str]:
    """(name_folded, sort_key) of a unit's name: the search key over both names and the
    Vietnamese order of the name, as written."""
    return fold(f"{name} {short_name}"), vietnamese_sort_key(
        name, given_first=False, limit=UNIT_SORT_KEY_LENGTH
    )


class UnitKind(Catalogue):
    """Kinds of unit are data: Tổng LĐLĐ, LĐLĐ tỉnh, công đoàn ngành TW, CĐCS, tổ công đoàn…"""

    is_grassroots = models.BooleanField(_("là công đoàn cơ sở"), default=False)
    holds_members = models.BooleanField(
        _("có đoàn viên sinh hoạt"),
        default=False,
        help_text=_(
            "Đoàn viên sinh hoạt trực tiếp ở đơn vị loại này (CĐCS, công đoàn bộ phận, tổ công đoàn)."
        ),
    )

    class Meta(Catalogue.Meta):
        verbose_name = _("loại đơn vị")
        verbose_name_plural = _("loại đơn vị")


class Unit(models.Model):
    class EndReason(models.TextChoices):
        MERGED = "merged", _("Sáp nhập")
        DISSOLVED = "dissolved", _("Giải thể")

    code = fields.IdentifierField(_("mã đơn vị"), max_length=32, unique=True)
    valid_from = models.DateField(_("ngày thành lập"))
    valid_to = models.DateField(_("ngày chấm dứt"), null=True, blank=True)
    end_reason = fields.CharField(_("lý do chấm dứt"), max_length=16, choices=EndReason.choices, blank=True)
    successor = optional_link("self", _("đơn vị tiếp nhận"), related_name="absorbed")
    note = fields.TextField(_("ghi chú"), blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["code"]

    def __str__(self) -> str:
        version = self.__dict__.get("current") or self.latest_version
        return version.name if version else self.code

    @cached_property
    def latest_version(self) -> "UnitVersion | None":
        return self.versions.order_by("-valid_from").first()

    def exists_on(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)

    def lifetime_error(self, on: dt.date) -> str | None:
        """Why the unit cannot take a change dated ``on`` (not yet founded, already closed), or None."""
        from congdoan.core.dates import display

        if on < self.valid_from:
            return _("Đơn vị %(unit)s chưa thành lập vào ngày %(on)s (thành lập ngày %(from)s).") % {
                "unit": self,
                "on": display(on),
                "from": display(self.valid_from),
            }
        if self.valid_to is not None and on >= self.valid_to:
            return _("Đơn vị %(unit)s đã chấm dứt từ ngày %(to)s.") % {
                "unit": self,
                "to": display(self.valid_to),
            }
        return None

    def version_on(self, on: dt.date) -> "UnitVersion | None":
        return self.versions.filter(active_on(on)).select_related("kind").first()


class UnitVersion(Dated):
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="versions"
    )
    name = fields.CharField(_("tên đơn vị"), max_length=255)
    short_name = fields.CharField(_("tên viết tắt"), max_length=120, blank=True)
    name_folded = fields.CharField(max_length=400, editable=False, db_index=True)
    # Vietnamese alphabetical order of the name as written (core.text.vietnamese_sort_key); "C"
    # collation on PostgreSQL (migration 0007), as SQLite compares.
    sort_key = fields.CharField(max_length=UNIT_SORT_KEY_LENGTH, editable=False, default="", db_default="")
    kind = models.ForeignKey(
        UnitKind, verbose_name=_("loại đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    address = fields.CharField(_("địa chỉ"), max_length=255, blank=True)
    parent = optional_link(Unit, _("đơn vị cấp trên quản lý"), related_name="child_versions")
    guidance_parent = optional_link(Unit, _("đơn vị chỉ đạo chuyên môn"), related_name="guided_versions")
    path = fields.CharField(_("đường dẫn"), max_length=255)
    depth = models.PositiveSmallIntegerField(_("cấp"))

    class Meta:
        verbose_name = _("phiên bản đơn vị")
        verbose_name_plural = _("phiên bản đơn vị")
        ordering = ["path", "valid_from"]
        indexes = [
            # varchar_pattern_ops: with the C.UTF-8 locale a plain btree cannot serve LIKE 'prefix%'.
            models.Index(fields=["path"], name="unitversion_path_like", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["unit", "valid_from"], name="unitversion_unit_from"),
            models.Index(fields=["parent", "valid_from"], name="unitversion_parent_from"),
            models.Index(fields=["sort_key"], name="unitversion_sort_key"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="unitversion_one_per_start"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="unitversion_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded, self.sort_key = unit_name_keys(self.name, self.short_name)
        super().save(*args, **kwargs)

    @property
    def valid_until(self) -> dt.date | None:
        """The last day of the period, as officers write it."""
        return self.valid_to - dt.timedelta(days=1) if self.valid_to else None

    def ancestor_ids(self) -> list[int]:
        return [int(s) for s in self.path.rstrip("/").split("/")[:-1]]


class RoleKind(Catalogue):
    """A role (chủ tịch, ủy viên BCH, cán bộ văn phòng…) and the permissions it carries; data, not code."""

    permissions = models.JSONField(_("quyền"), default=list, blank=True)

    class Meta(Catalogue.Meta):
        verbose_name = _("loại vai trò")
        verbose_name_plural = _("loại vai trò")


class RoleAssignment(Dated):
    """A role held by a user on one unit, reaching that unit's whole subtree, for a period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.PROTECT,
        related_name="roles",
    )
    role = models.ForeignKey(RoleKind, verbose_name=_("vai trò"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="roles")
    granted_by = optional_link(settings.AUTH_USER_MODEL, _("người cấp"), on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("phân công vai trò")
        verbose_name_plural = _("phân công vai trò")
        ordering = ["-valid_from", "id"]
        indexes = [models.Index(fields=["user", "valid_from"], name="role_user_from")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="role_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} — {self.unit}"
