"""/api/v1/meetings/: conferences (list, detail, record), their documents and votes, and the
compliance of a unit's subtree for a year. Conferences named in the path are resolved with
``conference_get`` and units with ``unit_get`` under ``meetings.view``: out of reach is 404."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from congdoan.core import figures
from congdoan.core.api import ERRORS, MAX_ID
from congdoan.core.dates import today
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import selectors, services
from .permissions import MANAGE, VIEW
from .schemas import (
    ComplianceOut,
    ComplianceQuery,
    ConferenceDetailOut,
    ConferenceIn,
    ConferenceListQuery,
    ConferenceOut,
    ConferencePageOut,
    DocumentIn,
    DocumentOut,
    ResolutionIn,
    ResolutionOut,
    VoteIn,
    VoteOut,
)

router = Router(tags=["Hội nghị"])

ConferenceId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của hội nghị."}]


def _unit(request, unit_id: int, on=None):
    return unit_get(actor=request.auth, unit_id=unit_id, as_of=on, perm=VIEW)


def _detail(request, conference) -> dict:
    selectors.with_unit_names([conference])
    extra = selectors.conference_detail(actor=request.auth, conference=conference)
    text = {"agenda": conference.agenda, "resolution": conference.resolution, "note": conference.note}
    return {**ConferenceOut.from_orm(conference).dict(), **text, **extra}


@router.get(
    "/meetings/conferences", response={200: ConferencePageOut, **ERRORS}, summary="Danh sách hội nghị"
)
@api_guard(VIEW)
def conference_list(request, query: Query[ConferenceListQuery]):
    """Conferences of the units the actor sees, newest first, a page at a time."""
    unit = _unit(request, query.unit) if query.unit else None
    filters = selectors.ConferenceFilters(unit=unit, year=query.year, kind=query.kind)
    qs = selectors.conference_search(actor=request.auth, filters=filters)
    start = (query.page - 1) * query.page_size
    return {"items": selectors.with_unit_names(qs[start : start + query.page_size]), "count": qs.count()}


@router.get(
    "/meetings/conferences/{conference_id}",
    response={200: ConferenceDetailOut, **ERRORS},
    summary="Chi tiết hội nghị",
)
@api_guard(VIEW)
def conference_detail(request, conference_id: ConferenceId):
    return _detail(request, selectors.conference_get(actor=request.auth, conference_id=conference_id))


@router.post("/meetings/conferences", response={201: ConferenceDetailOut, **ERRORS}, summary="Ghi hội nghị")
@api_guard(MANAGE)
def conference_record(request, payload: ConferenceIn):
    fields = payload.dict(exclude={"unit_id"})
    unit = _unit(request, payload.unit_id, payload.held_on)
    conference = services.conference_record(actor=request.auth, unit=unit, **fields)
    return Status(201, _detail(request, conference))


def _to_change(request, conference_id: int):
    return selectors.conference_get(actor=request.auth, conference_id=conference_id)


@router.post(
    "/meetings/conferences/{conference_id}/documents",
    response={201: DocumentOut, **ERRORS},
    summary="Thêm tài liệu hội nghị",
)
@api_guard(MANAGE)
def document_add(request, conference_id: ConferenceId, payload: DocumentIn):
    conference = _to_change(request, conference_id)
    return Status(201, services.document_add(actor=request.auth, conference=conference, **payload.dict()))


@router.post(
    "/meetings/conferences/{conference_id}/votes", response={201: VoteOut, **ERRORS}, summary="Ghi biểu quyết"
)
@api_guard(MANAGE)
def vote_record(request, conference_id: ConferenceId, payload: VoteIn):
    conference = _to_change(request, conference_id)
    document = None
    if payload.document_id is not None:
        document = conference.documents.filter(pk=payload.document_id).first()
        if document is None:
            raise ValidationError({"document_id": _("Tài liệu không thuộc hội nghị này.")})
    vote = services.vote_record(
        actor=request.auth,
        conference=conference,
        document=document,
        **payload.dict(exclude={"document_id"}),
    )
    vote.percent_for = figures.percent(vote.votes_for, conference.present)
    return Status(201, vote)


@router.post(
    "/meetings/conferences/{conference_id}/resolution",
    response={201: ResolutionOut, **ERRORS},
    summary="Gắn nghị quyết (văn bản có số) với hội nghị",
)
@api_guard(MANAGE)
def resolution_link(request, conference_id: ConferenceId, payload: ResolutionIn):
    conference = _to_change(request, conference_id)
    choices = selectors.resolution_choices(actor=request.auth, conference=conference)
    document = choices.filter(pk=payload.document_id).first()
    if document is None:
        raise Http404
    return Status(201, services.resolution_link(actor=request.auth, conference=conference, document=document))


@router.get(
    "/meetings/compliance", response={200: ComplianceOut, **ERRORS}, summary="Tình hình tổ chức hội nghị"
)
@api_guard(VIEW)
def compliance(request, query: Query[ComplianceQuery]):
    """Held/due per unit of ``unit``'s subtree for the conferences of ``year`` (the registry's figures)."""
    unit = _unit(request, query.unit) if query.unit else selectors.first_unit(actor=request.auth)
    if unit is None:
        raise Http404
    year = query.year or today().year
    rows = selectors.compliance_rows(actor=request.auth, unit=unit, year=year, kind=query.kind)
    return {
        "unit_id": unit.pk,
        "year": year,
        "kind": query.kind,
        "rows": [
            {
                "unit_id": r.unit.id,
                "unit_name": r.unit.name,
                "indent": r.indent,
                "due": r.total.due,
                "held": r.total.held,
                "rate": r.total.rate,
            }
            for r in rows
        ],
    }
