"""Files people attach to records (a document's scan, a report's spreadsheet): checked, stored
out of sight, and handed back only through a guarded view.

- **Type**: by the name's extension *and* by the content (a PDF starts with ``%PDF-``, a PNG with
  its signature, a JPEG with ``FF D8 FF``, a DOCX/XLSX is a zip holding ``word/document.xml`` /
  ``xl/workbook.xml``): an ``.exe`` renamed ``.pdf`` is refused. ``ALLOWED`` lists what is taken
  by default; a module may pass a narrower set (a Word template: ``{"docx"}``).
- **Size**: at most ``settings.ATTACHMENT_MAX_BYTES`` (default 10 MB).
- **Storage**: ``MEDIA_ROOT/attachments/<folder>/<random>.<ext>``: the name is 32 random bytes,
  not the uploaded name, and MEDIA_ROOT is served by no URL; the stored path lives on the module's
  row and leaves only through ``file_response`` in a view that re-checks the reader's right.

Refusals are ``ValidationError({field: message})`` in Vietnamese naming the file.
"""

import contextlib
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import fields
from .models import optional_link
from .numbers import format_decimal


class StoredFile(models.Model):
    """A module's row for a file stored here: the stored path (relative to MEDIA_ROOT, never shown),
    the name it was uploaded under, who uploaded it and when."""

    path = fields.CharField(gettext_lazy("đường dẫn lưu"), max_length=255, editable=False)
    name = fields.CharField(gettext_lazy("tên tệp"), max_length=255)
    uploaded_by = optional_link(
        settings.AUTH_USER_MODEL, gettext_lazy("người tải lên"), on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(gettext_lazy("tải lên lúc"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ROOT = "attachments"


def _zip_holding(member: str):
    def sniff(head: bytes, upload) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                return member in archive.namelist()
        except zipfile.BadZipFile:
            return False
        finally:
            upload.seek(0)

    return sniff


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    sniff: object  # (first bytes, the upload) -> bool


TYPES = {
    "pdf": FileType("PDF", "application/pdf", lambda head, _u: head.startswith(b"%PDF-")),
    "docx": FileType(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _zip_holding("word/document.xml"),
    ),
    "xlsx": FileType(
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _zip_holding("xl/workbook.xml"),
    ),
    "jpg": FileType("JPG", "image/jpeg", lambda head, _u: head.startswith(b"\xff\xd8\xff")),
    "jpeg": FileType("JPG", "image/jpeg", lambda head, _u: head.startswith(b"\xff\xd8\xff")),
    "png": FileType("PNG", "image/png", lambda head, _u: head.startswith(b"\x89PNG\r\n\x1a\n")),
}
ALLOWED = frozenset(TYPES)


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    return format_decimal(size / (1024 * 1024), 1)


@dataclass(frozen=True)
class Checked:
    name: str
    extension: str
    content_type: str
    size: int


def check(upload, *, field: str = "file", allowed=ALLOWED) -> Checked:
    """The upload's name, type and size if it may be stored; else ``ValidationError({field: …})``."""
    name = Path(upload.name or "").name[:255]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    labels = ", ".join(sorted({TYPES[e].label for e in allowed}))
    if extension not in allowed:
        raise ValidationError(
            {field: _("Tệp '%(name)s': chỉ nhận các loại %(types)s.") % {"name": name, "types": labels}}
        )
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(
            {
                field: _("Tệp '%(name)s' dung lượng %(size)s MB, vượt giới hạn %(limit)s MB.")
                % {"name": name, "size": _megabytes(upload.size), "limit": _megabytes(limit)}
            }
        )
    kind = TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not kind.sniff(head, upload):
        raise ValidationError(
            {
                field: _("Tệp '%(name)s' không phải là tệp %(type)s thật (nội dung không khớp với đuôi tệp).")
                % {"name": name, "type": kind.label}
            }
        )
    return Checked(name, extension, kind.content_type, upload.size)


def _root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def store(upload, checked: Checked, *, folder: str) -> str:
    """Write the upload under a random name; return its path relative to MEDIA_ROOT (for the row)."""
    relative = Path(ROOT) / folder / f"{secrets.token_hex(32)}.{checked.extension}"
    target = _root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    with target.open("xb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return str(relative)


def attach(*, actor, model: type[StoredFile], upload, folder: str, action: str, obj, unit_id: int, **owner):
    """The one way a module stores an uploaded file for a record: ``check`` (refused with a message
    naming the field ``file``), ``store``, a ``model`` row (``owner`` names the record it belongs to;
    ``size`` and ``content_type`` are filled when the model has them) and one audit row ``action``
    on ``obj``, all in the caller's transaction. The stored file is removed if any of it fails, so
    a refused row never leaves a file behind."""
    from . import audit

    checked = check(upload, field="file")
    path = store(upload, checked, folder=folder)
    names = {f.name for f in model._meta.concrete_fields}
    extra = {"size": checked.size, "content_type": checked.content_type}
    try:
        row = model.objects.create(
            path=path,
            name=checked.name,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
            **{k: v for k, v in extra.items() if k in names},
            **owner,
        )
        audit.record(
            actor=actor,
            action=action,
            obj=obj,
            unit_id=unit_id,
            after={"file": checked.name, "size": checked.size, "type": checked.extension},
        )
    except Exception:
        delete(path)
        raise
    return row


def path_of(relative: str) -> Path:
    """The stored file, or 404 (missing, or a path leading outside MEDIA_ROOT)."""
    path = (_root() / relative).resolve()
    if not relative or not path.is_relative_to(_root()) or not path.is_file():
        raise Http404
    return path


def delete(relative: str) -> None:
    with contextlib.suppress(Http404):
        path_of(relative).unlink()


def file_response(relative: str, *, name: str, content_type: str, inline: bool = False) -> FileResponse:
    """The stored file to a reader whose right the calling view has checked."""
    response = FileResponse(path_of(relative).open("rb"), as_attachment=not inline, filename=name)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
