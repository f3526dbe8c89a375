"""Builders for document tests, through the real services."""

import datetime as dt

from congdoan.documents import services
from congdoan.documents.models import DocumentKind


def kind(code: str = "ke-hoach") -> DocumentKind:
    return DocumentKind.objects.get(code=code)


def draft(actor, unit, *, kind_code: str = "ke-hoach", title: str = "Kế hoạch khảo sát", **fields):
    return services.document_create(actor=actor, unit=unit, kind=kind(kind_code), title=title, **fields)


def issued(actor, unit, *, on: dt.date | None = None, number: int | None = None, **fields):
    document = draft(actor, unit, **fields)
    return services.document_issue(actor=actor, document=document, signed_on=on, number=number)
