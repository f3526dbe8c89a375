"""The document register (sổ văn bản đi/đến): outgoing and incoming documents, their kinds, the
symbol each issuing unit writes in its numbers, the yearly number sequences and the links from a
document to the records it concerns.

Numbering follows Decree 30/2020/NĐ-CP (Article 15, Appendix I): a document's number is its order
among the documents its issuer issues in a calendar year, from 01 on 1 January; the symbol is the
kind's abbreviation and the issuer's, "92/KH-CĐVC". Here the sequence runs per issuing unit, kind
and year (``DocumentCounter``); a number is taken when the document is issued (drafts have none),
is never reused, and stays with a cancelled document.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.core.attachments import StoredFile
from congdoan.core.models import Catalogue, Dated, optional_link
from congdoan.organizations.models import Unit, UnitKind


class DocumentKind(Catalogue):
    """Kinds of document are data: kế hoạch (KH), báo cáo (BC), quyết định (QĐ), công văn (CV)…
    ``abbreviation`` is what the number's symbol carries."""

    abbreviation = fields.CharField(_("chữ viết tắt"), max_length=16, unique=True)

    class Meta(Catalogue.Meta):
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")


class DocumentSymbol(Dated):
    """The abbreviation an issuer writes after the kind in its numbers ("CĐVC" in "92/KH-CĐVC"),
    over a period: set either for one unit (the unit's own choice) or for a kind of unit (the
    default of every unit of that kind: LĐLĐ, CĐCS…). A unit's row wins over its kind's."""

    unit = optional_link(Unit, _("đơn vị"), on_delete=models.CASCADE, related_name="document_symbols")
    unit_kind = optional_link(UnitKind, _("loại đơn vị"), on_delete=models.CASCADE)
    symbol = fields.CharField(_("ký hiệu đơn vị ban hành"), max_length=32)

    class Meta:
        verbose_name = _("ký hiệu đơn vị ban hành")
        verbose_name_plural = _("ký hiệu đơn vị ban hành")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, unit_kind__isnull=True)
                | Q(unit__isnull=True, unit_kind__isnull=False),
                name="document_symbol_unit_or_kind",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="document_symbol_period",
            ),
        ]

    def __str__(self) -> str:
        return self.symbol


class Direction(models.TextChoices):
    OUTGOING = "out", _("Văn bản đi")
    INCOMING = "in", _("Văn bản đến")


class Status(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    RECEIVED = "received", _("Đã tiếp nhận")
    CANCELLED = "cancelled", _("Đã hủy")


class Document(models.Model):
    """One document in a unit's register.

    Outgoing (``direction=out``): ``unit`` is the issuing unit; ``number`` is empty while it is a
    draft and is taken on issue with ``number_symbol`` ("92/KH-CĐVC") stored as rendered then.
    Incoming (``direction=in``): ``unit`` is the receiving unit; ``number`` is the arrival number
    in its incoming register (số đến); the sender's own number and date are kept as written.
    ``title`` is the trích yếu; ``title_folded`` and ``signer_folded`` the diacritic-free search
    keys (``core.text.fold``), kept by ``save``.
    """

    direction = fields.CharField(_("sổ"), max_length=3, choices=Direction.choices, default=Direction.OUTGOING)
    kind = models.ForeignKey(DocumentKind, verbose_name=_("loại văn bản"), on_delete=models.PROTECT)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="documents"
    )
    status = fields.CharField(_("tình trạng"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = fields.CharField(_("ký hiệu đơn vị ban hành"), max_length=32, blank=True)
    number_symbol = fields.CharField(_("số, ký hiệu"), max_length=64, blank=True, db_index=True)
    place = fields.CharField(_("địa danh"), max_length=120, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    title = fields.CharField(_("trích yếu"), max_length=500)
    title_folded = fields.CharField(max_length=1000, editable=False, blank=True)
    signer_name = fields.CharField(_("người ký"), max_length=120, blank=True)
    signer_folded = fields.CharField(max_length=240, editable=False, blank=True)
    signer_position = fields.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signing_authority = fields.CharField(
        _("thẩm quyền ký"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: TM. BAN THƯỜNG VỤ, KT. CHỦ TỊCH."),
    )
    recipients = fields.TextField(_("nơi nhận"), blank=True)
    body = fields.TextField(_("nội dung"), blank=True)
    # Incoming documents: who sent it, under which number and date, when it arrived, who handles it.
    sender = fields.CharField(_("cơ quan gửi"), max_length=255, blank=True)
    sender_number = fields.CharField(_("số, ký hiệu của văn bản đến"), max_length=64, blank=True)
    sender_date = models.DateField(_("ngày của văn bản đến"), null=True, blank=True)
    received_on = models.DateField(_("ngày đến"), null=True, blank=True)
    handler = fields.CharField(_("người xử lý"), max_length=120, blank=True)
    cancel_reason = fields.TextField(_("lý do hủy"), blank=True)
    cancelled_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            # A number is taken once per issuer, kind and year (outgoing) or unit and year (incoming).
            models.UniqueConstraint(
                fields=["unit", "kind", "year", "number"],
                condition=Q(direction="out", number__isnull=False),
                name="document_number_once_out",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "number"],
                condition=Q(direction="in", number__isnull=False),
                name="document_number_once_in",
            ),
            # Only a draft (or a draft discarded) has no number.
            models.CheckConstraint(
                condition=Q(status__in=["draft", "cancelled"]) | Q(number__isnull=False, year__isnull=False),
                name="document_numbered_unless_draft",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "direction", "year", "number"], name="document_register_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol} {self.title}" if self.number_symbol else self.title

    def save(self, *args, **kwargs):
        from congdoan.core.text import fold

        self.title_folded = fold(self.title or "")
        self.signer_folded = fold(self.signer_name or "")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "title_folded", "signer_folded"}
        super().save(*args, **kwargs)

    @property
    def is_outgoing(self) -> bool:
        return self.direction == Direction.OUTGOING

    @property
    def date(self) -> dt.date | None:
        """The date the register is kept by: signing date (outgoing), arrival date (incoming)."""
        return self.signed_on if self.is_outgoing else self.received_on


class DocumentCounter(models.Model):
    """The last number taken in one sequence: an issuer's kind in a year (outgoing), or a unit's
    incoming register in a year (``kind`` empty). Locked (``select_for_update``) while a number is
    taken, so two officers issuing at the same moment get two numbers."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.ForeignKey(DocumentKind, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year"], condition=Q(kind__isnull=False), name="document_counter_out"
            ),
            models.UniqueConstraint(
                fields=["unit", "year"], condition=Q(kind__isnull=True), name="document_counter_in"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.kind_id}/{self.year}: {self.last_number}"


class DocumentLink(models.Model):
    """A document cited by a record of another module (the plan a survey mission works under, the
    decision that gives an award): the record by content type and id, or only a ``label`` when
    the record is outside the system. ``role`` says what the document is for the record
    (``documents.links``: the registry other apps call)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links")
    content_type = optional_link(ContentType, _("loại đối tượng"), on_delete=models.CASCADE)
    object_id = fields.CharField(_("mã đối tượng"), max_length=64, blank=True)
    role = fields.SlugField(_("vai trò"), max_length=32, blank=True)
    label = fields.CharField(_("nhãn"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("liên kết văn bản")
        verbose_name_plural = _("liên kết văn bản")
        indexes = [models.Index(fields=["content_type", "object_id"], name="document_link_target_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "content_type", "object_id", "role"], name="document_link_once"
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.content_type_id}:{self.object_id}"


class DocumentAttachment(StoredFile):
    """A file attached to a document, stored by ``core.attachments`` under MEDIA_ROOT at a random
    path and served only through the guarded download view (never a public URL)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    path = fields.CharField(_("đường dẫn lưu"), max_length=255, unique=True, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    content_type = fields.CharField(_("kiểu tệp"), max_length=100)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at", "id"]


class DocumentTemplate(StoredFile):
    """A unit's own Word template (docxtpl) for a kind of document, or for every kind (``kind``
    empty); checked on upload by rendering it with a sample document. Without one, the default
    template of Decree 30's layout is used (``documents/word_templates/default.docx``)."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    kind = optional_link(DocumentKind, _("loại văn bản"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind"], condition=Q(kind__isnull=False), name="template_unit_kind"
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(kind__isnull=True), name="template_unit_any"
            ),
        ]
