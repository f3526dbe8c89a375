"""/api/v1/documents: the document register, read through the selectors and changed through the
services. Documents named in the path are resolved with ``document_get`` and units named in the
query or body with ``unit_get``: anything out of the actor's reach answers 404."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from congdoan.core.api import ERRORS, MAX_ID
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import selectors, services
from .models import Document, DocumentKind
from .permissions import MANAGE, VIEW
from .schemas import (
    CancelIn,
    DocumentCreateIn,
    DocumentDetailOut,
    DocumentListQuery,
    DocumentPageOut,
    DocumentReceiveIn,
    DocumentUpdateIn,
    IssueIn,
)

router = Router(tags=["Văn bản"])

DocumentId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của văn bản."}]


def _kind(code: str) -> DocumentKind:
    kind = DocumentKind.objects.filter(code=code).first()
    if kind is None:
        raise ValidationError({"kind": _("Không có loại văn bản mã '%(code)s'.") % {"code": code}})
    return kind


def _unit(request, unit_id: int) -> Unit:
    """A unit the actor sees (404 otherwise); the service asks for documents.manage (403)."""
    return unit_get(actor=request.auth, unit_id=unit_id, perm=VIEW)


def _named(documents: list[Document]) -> list[Document]:
    names = selectors.unit_names_of(documents)
    for d in documents:
        d.unit_name = names.get(d.unit_id, "")
    return documents


def _document(request, document_id: int) -> Document:
    return _named([selectors.document_get(actor=request.auth, document_id=document_id)])[0]


@router.get("/documents", response={200: DocumentPageOut, **ERRORS}, summary="Sổ văn bản")
@api_guard(VIEW)
def document_list(request, query: Query[DocumentListQuery]):
    """Documents the actor may see, a page at a time (``page``, ``page_size`` ≤ 200)."""
    filters = query.dict(exclude={"page", "page_size"})
    filters["unit"] = _unit(request, query.unit) if query.unit else None
    filters["kind"] = _kind(query.kind) if query.kind else None
    qs = selectors.document_search(actor=request.auth, filters=selectors.DocumentFilters(**filters))
    start = (query.page - 1) * query.page_size
    return {"items": _named(list(qs[start : start + query.page_size])), "count": qs.count()}


@router.post("/documents/incoming", response={201: DocumentDetailOut, **ERRORS}, summary="Vào sổ văn bản đến")
@api_guard(MANAGE)
def document_receive(request, payload: DocumentReceiveIn):
    """Declared before ``/documents/{document_id}`` so that "incoming" is not read as an id."""
    fields = payload.dict(
        exclude={"unit_id", "kind", "title", "sender", "received_on", "number"}, exclude_none=True
    )
    document = services.document_receive(
        actor=request.auth,
        unit=_unit(request, payload.unit_id),
        kind=_kind(payload.kind),
        title=payload.title,
        sender=payload.sender,
        received_on=payload.received_on,
        number=payload.number,
        **fields,
    )
    return Status(201, _document(request, document.pk))


@router.get(
    "/documents/{document_id}", response={200: DocumentDetailOut, **ERRORS}, summary="Chi tiết văn bản"
)
@api_guard(VIEW)
def document_detail(request, document_id: DocumentId):
    return _document(request, document_id)


@router.post("/documents", response={201: DocumentDetailOut, **ERRORS}, summary="Dự thảo văn bản đi")
@api_guard(MANAGE)
def document_create(request, payload: DocumentCreateIn):
    fields = payload.dict(exclude={"unit_id", "kind", "title"}, exclude_none=True)
    document = services.document_create(
        actor=request.auth,
        unit=_unit(request, payload.unit_id),
        kind=_kind(payload.kind),
        title=payload.title,
        **fields,
    )
    return Status(201, _document(request, document.pk))


@router.patch("/documents/{document_id}", response={200: DocumentDetailOut, **ERRORS}, summary="Sửa văn bản")
@api_guard(MANAGE)
def document_update(request, document_id: DocumentId, payload: DocumentUpdateIn):
    """Only the fields sent change."""
    document = _document(request, document_id)
    changes = payload.dict(exclude_unset=True)
    if "kind" in changes:
        changes["kind"] = _kind(changes["kind"])
    services.document_update(actor=request.auth, document=document, **changes)
    return _document(request, document_id)


@router.post(
    "/documents/{document_id}/issue", response={200: DocumentDetailOut, **ERRORS}, summary="Ban hành (lấy số)"
)
@api_guard(MANAGE)
def document_issue(request, document_id: DocumentId, payload: IssueIn):
    """Takes the next number of the issuer, kind and year (``number``, ``number_symbol`` in the answer)."""
    document = _document(request, document_id)
    services.document_issue(
        actor=request.auth, document=document, signed_on=payload.signed_on, number=payload.number
    )
    return _document(request, document_id)


@router.post(
    "/documents/{document_id}/cancel", response={200: DocumentDetailOut, **ERRORS}, summary="Hủy văn bản"
)
@api_guard(MANAGE)
def document_cancel(request, document_id: DocumentId, payload: CancelIn):
    document = _document(request, document_id)
    services.document_cancel(actor=request.auth, document=document, reason=payload.reason)
    return _document(request, document_id)
