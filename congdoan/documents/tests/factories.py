"""Builders for document tests, through the real services."""

import datetime as dt

from congdoan.documents import services
from congdoan.documents.models import DocumentAttachment, DocumentKind


def kind(code: str = "ke-hoach") -> DocumentKind:
    return DocumentKind.objects.get(code=code)


def draft(actor, unit, *, kind_code: str = "ke-hoach", title: str = "Kế hoạch khảo sát", **fields):
    return services.document_create(actor=actor, unit=unit, kind=kind(kind_code), title=title, **fields)


def issued(actor, unit, *, on: dt.date | None = None, number: int | None = None, **fields):
    document = draft(actor, unit, **fields)
    return services.document_issue(actor=actor, document=document, signed_on=on, number=number)


def route_objects(actor, unit) -> dict:
    """Ids for the route-scope walk (tests/test_route_scope.py): a document of ``unit`` and an
    attachment of it (a row only: the walk never reads the file)."""
    document = draft(actor, unit, title="Văn bản của đơn vị")
    attachment = DocumentAttachment.objects.create(
        document=document,
        path=f"attachments/test/{document.pk}.pdf",
        name="a.pdf",
        size=1,
        content_type="application/pdf",
    )
    return {"document_id": document.pk, "attachment_id": attachment.pk}
