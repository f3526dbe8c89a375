"""Writes to the document register. One transaction each, permission checked, audited.

Outgoing: ``document_create`` (a draft, no number) → ``document_update`` → ``document_issue``
(takes the next number of the issuer's kind and year, or a given one for a document issued before
the register was kept) → possibly ``document_cancel`` (keeps the number, with the reason).
Incoming: ``document_receive`` records it with the next arrival number of the unit's year.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import attachments, audit
from congdoan.core.dates import display, today
from congdoan.core.text import clean_identifier, clean_line, clean_text
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from . import numbering, word
from .models import (
    Direction,
    Document,
    DocumentAttachment,
    DocumentKind,
    DocumentSymbol,
    DocumentTemplate,
    Status,
)
from .permissions import MANAGE, editable

LINE_FIELDS = (
    "title",
    "place",
    "signer_name",
    "signer_position",
    "signing_authority",
    "sender",
    "sender_number",
    "handler",
)
TEXT_FIELDS = ("recipients", "body")
DATE_FIELDS = ("signed_on", "sender_date", "received_on")
EDITABLE = (*LINE_FIELDS, *TEXT_FIELDS, "signed_on", "sender_date", "received_on", "kind")
ISSUED_IS_FIXED = gettext_lazy(
    "Văn bản đã ban hành: không sửa được nội dung; hãy ban hành văn bản đính chính hoặc thay thế."
)
# Once numbered, what makes the number (kind, year) stays as issued.
FIXED_ONCE_NUMBERED = ("kind", "signed_on", "received_on")
# Letters (with diacritics) and digits, parts joined by hyphens: CĐVC, LĐLĐ, CĐCS, CĐVC-VP.
SYMBOL = re.compile(r"[^\W_]+(-[^\W_]+)*")
AUDITED = [
    "direction",
    "kind",
    "unit",
    "status",
    "number_symbol",
    "number",
    "year",
    *LINE_FIELDS,
    *TEXT_FIELDS,
    *DATE_FIELDS,
    "cancel_reason",
]


def _audit(actor, action: str, document: Document, before: dict | None = None) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=document,
        unit_id=document.unit_id,
        before=before or {},
        after=audit.snapshot(document, AUDITED),
    )


def _clean(data: dict) -> dict:
    """Text cleaned as typed; dates checked (none in the future); the title required."""
    cleaned = dict(data)
    errors: dict[str, list[str]] = {}
    for name in LINE_FIELDS:
        if name in cleaned:
            cleaned[name] = clean_line(cleaned[name] or "")
    for name in TEXT_FIELDS:
        if name in cleaned:
            cleaned[name] = clean_text(cleaned[name] or "")
    if "title" in cleaned and not cleaned["title"]:
        errors.setdefault("title", []).append(_("Trích yếu là bắt buộc."))
    now = today()
    messages = {
        "signed_on": _("Ngày ký không thể sau hôm nay (%(today)s)."),
        "sender_date": _("Ngày của văn bản đến không thể sau hôm nay (%(today)s)."),
        "received_on": _("Ngày đến không thể sau hôm nay (%(today)s)."),
    }
    for name in DATE_FIELDS:
        if cleaned.get(name) and cleaned[name] > now:
            errors.setdefault(name, []).append(messages[name] % {"today": display(now)})
    if (
        cleaned.get("sender_date")
        and cleaned.get("received_on")
        and cleaned["received_on"] < cleaned["sender_date"]
    ):
        errors.setdefault("received_on", []).append(_("Ngày đến không thể trước ngày của văn bản đến."))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_unit_on(unit: Unit, on: dt.date | None, field: str) -> None:
    error = on and unit.lifetime_error(on)
    if error:
        raise ValidationError({field: error})


def _check_kind(kind) -> DocumentKind:
    if not isinstance(kind, DocumentKind):
        raise ValidationError({"kind": _("Chọn loại văn bản.")})
    return kind


@transaction.atomic
def document_create(*, actor, unit: Unit, kind: DocumentKind, title: str, **fields) -> Document:
    """A draft outgoing document of ``unit`` (no number until it is issued)."""
    policy.require(actor, MANAGE, unit)
    _check_kind(kind)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown document fields: {sorted(unknown)}")
    cleaned = _clean({"title": title, **fields})
    _check_unit_on(unit, cleaned.get("signed_on"), "signed_on")
    document = Document.objects.create(
        direction=Direction.OUTGOING, unit=unit, kind=kind, status=Status.DRAFT, **cleaned
    )
    _audit(actor, "document.create", document)
    return document


def not_editable_reason(document: Document) -> str:
    """Why ``permissions.editable`` refuses ``document``, in the officer's words."""
    if document.status == Status.CANCELLED:
        return _("Văn bản đã hủy, không sửa được.")
    return str(ISSUED_IS_FIXED)


@transaction.atomic
def document_update(*, actor, document: Document, **changes) -> Document:
    """Change a draft's or an incoming record's text. A cancelled one is closed, an issued outgoing
    one is fixed (``ISSUED_IS_FIXED`` on the first field changed); an incoming one keeps the kind and
    date its arrival number was taken under."""
    policy.require(actor, MANAGE, document.unit_id)
    document = Document.objects.select_for_update().get(pk=document.pk)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown document fields: {sorted(unknown)}")
    if document.status == Status.CANCELLED:
        raise ValidationError(not_editable_reason(document))
    if "kind" in changes:
        _check_kind(changes["kind"])
    cleaned = _clean(changes)
    if not editable(document):
        # The same text sent again is no change; any other is refused on its field.
        changed = [name for name, value in cleaned.items() if value != getattr(document, name)]
        if changed:
            raise ValidationError({changed[0]: ISSUED_IS_FIXED})
    if document.number is not None:
        for name in FIXED_ONCE_NUMBERED:
            if name in cleaned and cleaned[name] != getattr(document, name):
                raise ValidationError({name: _("Văn bản đã có số: không đổi được loại văn bản và ngày.")})
    _check_unit_on(document.unit, cleaned.get("signed_on"), "signed_on")
    before = audit.snapshot(document, AUDITED)
    for name, value in cleaned.items():
        setattr(document, name, value)
    document.save()
    _audit(actor, "document.update", document, before)
    return document


@transaction.atomic
def document_issue(
    *, actor, document: Document, signed_on: dt.date | None = None, number: int | None = None
) -> Document:
    """Issue a draft: it takes the next number of its issuer, kind and year (the year of
    ``signed_on``, default today), or ``number`` when recording a document issued before the
    register was kept (refused if that number is already used). The number and symbol are stored
    as rendered then ('92/KH-CĐVC')."""
    policy.require(actor, MANAGE, document.unit_id)
    document = Document.objects.select_for_update().select_related("kind", "unit").get(pk=document.pk)
    if document.direction != Direction.OUTGOING or document.status != Status.DRAFT:
        raise ValidationError(_("Chỉ ban hành được văn bản đi đang là dự thảo."))
    signed_on = _clean({"signed_on": signed_on or document.signed_on or today()})["signed_on"]
    _check_unit_on(document.unit, signed_on, "signed_on")
    before = audit.snapshot(document, AUDITED)
    taken = numbering.take_number(unit=document.unit, kind=document.kind, year=signed_on.year, given=number)
    symbol = numbering.symbol_for(document.unit, signed_on)
    document.signed_on, document.year, document.number = signed_on, signed_on.year, taken
    document.symbol = symbol
    document.number_symbol = numbering.number_symbol(taken, document.kind, symbol)
    document.status = Status.ISSUED
    document.save()
    _audit(actor, "document.issue", document, before)
    return document


@transaction.atomic
def document_cancel(*, actor, document: Document, reason: str) -> Document:
    """Cancel an issued or received document: it keeps its number (never reused), with the reason.
    A draft has no number and is cancelled the same way."""
    policy.require(actor, MANAGE, document.unit_id)
    document = Document.objects.select_for_update().get(pk=document.pk)
    reason = clean_text(reason or "")
    if not reason:
        raise ValidationError({"reason": _("Lý do hủy là bắt buộc.")})
    if document.status == Status.CANCELLED:
        raise ValidationError(_("Văn bản đã hủy."))
    before = audit.snapshot(document, AUDITED)
    document.status, document.cancel_reason, document.cancelled_on = Status.CANCELLED, reason, today()
    document.save()
    _audit(actor, "document.cancel", document, before)
    return document


@transaction.atomic
def document_receive(
    *,
    actor,
    unit: Unit,
    kind: DocumentKind,
    title: str,
    sender: str,
    received_on: dt.date | None = None,
    number: int | None = None,
    **fields,
) -> Document:
    """Record an incoming document in ``unit``'s register: it takes the next arrival number (số đến)
    of the unit's year of ``received_on`` (default today), or ``number`` when recording an earlier
    register (refused if already used). The sender's own number and date are kept as written."""
    policy.require(actor, MANAGE, unit)
    _check_kind(kind)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown document fields: {sorted(unknown)}")
    cleaned = _clean({"title": title, "sender": sender, "received_on": received_on or today(), **fields})
    if not cleaned["sender"]:
        raise ValidationError({"sender": _("Cơ quan gửi là bắt buộc.")})
    on = cleaned["received_on"]
    _check_unit_on(unit, on, "received_on")
    taken = numbering.take_number(unit=unit, kind=None, year=on.year, given=number)
    document = Document.objects.create(
        direction=Direction.INCOMING,
        unit=unit,
        kind=kind,
        status=Status.RECEIVED,
        year=on.year,
        number=taken,
        number_symbol=cleaned.get("sender_number", ""),
        **cleaned,
    )
    _audit(actor, "document.receive", document)
    return document


# -- attachments and templates ----------------------------------------------------------------------


@transaction.atomic
def document_attach(*, actor, document: Document, upload) -> DocumentAttachment:
    """Attach a file (``core.attachments``: pdf, docx, xlsx, jpg, png, checked by name and content,
    within the size limit) to a document the actor manages."""
    policy.require(actor, MANAGE, document.unit_id)
    return attachments.attach(
        actor=actor,
        model=DocumentAttachment,
        upload=upload,
        folder="documents",
        action="document.attach",
        obj=document,
        unit_id=document.unit_id,
        document=document,
    )


@transaction.atomic
def document_detach(*, actor, attachment: DocumentAttachment) -> None:
    document = attachment.document
    policy.require(actor, MANAGE, document.unit_id)
    if document.status != Status.DRAFT:
        raise ValidationError(_("Chỉ gỡ được tệp đính kèm của văn bản dự thảo."))
    path, name = attachment.path, attachment.name
    attachment.delete()
    audit.record(
        actor=actor, action="document.detach", obj=document, unit_id=document.unit_id, before={"file": name}
    )
    transaction.on_commit(lambda: attachments.delete(path))


@transaction.atomic
def template_set(*, actor, unit: Unit, kind: DocumentKind | None, upload) -> DocumentTemplate:
    """A unit's own Word template for ``kind`` (None: every kind), replacing the one before; checked
    by rendering it with a sample document (``word.check_template``)."""
    policy.require(actor, MANAGE, unit)
    word.check_template(upload, field="file")
    checked = attachments.check(upload, field="file", allowed={"docx"})
    path = attachments.store(upload, checked, folder="templates")
    old = DocumentTemplate.objects.filter(unit=unit, kind=kind).first()
    if old is not None:
        old_path = old.path
        old.delete()
        transaction.on_commit(lambda: attachments.delete(old_path))
    template = DocumentTemplate.objects.create(
        unit=unit, kind=kind, path=path, name=checked.name, uploaded_by=actor
    )
    audit.record(
        actor=actor,
        action="document.template_set",
        obj=template,
        unit_id=unit.pk,
        after={"kind": kind.pk if kind else None, "file": checked.name},
    )
    return template


@transaction.atomic
def document_symbol_set(
    *, actor, unit: Unit, symbol: str, valid_from: dt.date | None = None
) -> DocumentSymbol:
    """The symbol ``unit`` writes in its numbers from ``valid_from`` (default today): the row
    before is closed on that day. Numbers already issued keep the symbol they were issued with."""
    policy.require(actor, MANAGE, unit)
    symbol = clean_identifier(symbol or "", drop="")
    valid_from = valid_from or today()
    if not SYMBOL.fullmatch(symbol) or len(symbol) > 32:
        raise ValidationError(
            {
                "symbol": _(
                    "Ký hiệu gồm chữ cái (có dấu) và chữ số, nối bằng dấu gạch ngang, không có khoảng trắng, "
                    "tối đa 32 ký tự."
                )
            }
        )
    current = DocumentSymbol.objects.filter(unit=unit, valid_to__isnull=True).first()
    if current is not None and valid_from <= current.valid_from:
        raise ValidationError(
            {
                "valid_from": _("Ngày bắt đầu phải sau %(day)s (ngày bắt đầu của ký hiệu đang dùng).")
                % {"day": display(current.valid_from)}
            }
        )
    if current is not None:
        current.valid_to = valid_from
        current.save(update_fields=["valid_to"])
    row = DocumentSymbol.objects.create(unit=unit, symbol=symbol, valid_from=valid_from)
    audit.record(
        actor=actor,
        action="document.symbol_set",
        obj=row,
        unit_id=unit.pk,
        after=audit.snapshot(row, ["symbol", "valid_from"]),
    )
    return row
