"""/api/v1/initiatives/…: the fields (lĩnh vực) an initiative names, programmes, targets, progress and initiatives, read through the selectors
and changed through the services. Ids in the path or the body are resolved through selectors
(``unit_get`` for units), so anything out of the actor's reach answers 404."""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from congdoan.core.api import ERRORS, MAX_ID, Date, PageNumbers
from congdoan.documents.selectors import document_get
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import review, selectors, services
from .models import InitiativeField
from .permissions import MANAGE, REVIEW, VIEW
from .schemas import (
    InitiativeDetailOut,
    InitiativeFieldOut,
    InitiativeIn,
    InitiativeOut,
    InitiativeProgrammeIn,
    InitiativeProgrammeOut,
    InitiativeReviewIn,
    ProgrammeDetailOut,
    ProgressOut,
    TargetIn,
    TargetOut,
)

router = Router(tags=["Sáng kiến"])

ProgrammeId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của chương trình."}]
RoundId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đợt."}]
InitiativeId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của sáng kiến."}]
States = Literal["registered", "reviewing", "recognised", "not_recognised"]


def _unit(request, unit_id: int):
    """A unit the actor sees (404 otherwise); the service asks for the permission it needs (403)."""
    return unit_get(actor=request.auth, unit_id=unit_id, perm=VIEW)


def _detail(request, initiative):
    """The initiative with its authors, files and decisions (``selectors.initiative_detail``)."""
    parts = selectors.initiative_detail(actor=request.auth, initiative=initiative)
    initiative.author_rows = parts["authors"]
    initiative.attachment_rows = parts["attachments"]
    initiative.decision_rows = parts["decisions"]
    return initiative


@router.get(
    "/initiatives/fields", response={200: list[InitiativeFieldOut], **ERRORS}, summary="Lĩnh vực sáng kiến"
)
@api_guard(VIEW)
@paginate(PageNumbers)
def field_list(request):
    """The catalogue of fields, in its order: the ids ``POST /initiatives`` takes as ``field_id``."""
    return InitiativeField.objects.order_by("order", "name")


@router.get(
    "/initiatives/programmes",
    response={200: list[InitiativeProgrammeOut], **ERRORS},
    summary="Chương trình sáng kiến",
)
@api_guard(VIEW)
@paginate(PageNumbers)
def programme_list(request, year: int | None = Query(None, ge=1900, le=2100)):
    """Programmes launched by a unit in the actor's reach or by a level above it."""
    return selectors.programme_search(actor=request.auth, year=year)


def _programme_detail(actor, programme_id: int):
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    programme.round_rows = selectors.programme_rounds(programme)
    return programme


@router.post(
    "/initiatives/programmes",
    response={201: ProgrammeDetailOut, **ERRORS},
    summary="Phát động chương trình sáng kiến và các đợt đăng ký",
)
@api_guard(MANAGE)
def programme_create(request, payload: InitiativeProgrammeIn):
    """The launching unit and the plan document are resolved in the actor's reach (404); the service
    checks ``initiatives.manage`` on the unit (403), the dates and the rounds (422 naming the field)."""
    actor = request.auth
    programme = services.programme_create(
        actor=actor,
        unit=_unit(request, payload.unit_id),
        name=payload.name,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        rounds=[(r.starts_on, r.ends_on) for r in payload.rounds],
        goal=payload.goal,
        description=payload.description,
        plan_document=document_get(actor=actor, document_id=payload.plan_document_id)
        if payload.plan_document_id
        else None,
    )
    return Status(201, _programme_detail(actor, programme.pk))


@router.get(
    "/initiatives/programmes/{programme_id}",
    response={200: ProgrammeDetailOut, **ERRORS},
    summary="Chi tiết chương trình sáng kiến và các đợt",
)
@api_guard(VIEW)
def programme_detail(request, programme_id: ProgrammeId):
    return _programme_detail(request.auth, programme_id)


@router.get(
    "/initiatives/rounds/{round_id}/progress",
    response={200: list[ProgressOut], **ERRORS},
    summary="Tiến độ một đợt: đăng ký, được công nhận, chỉ tiêu, tỷ lệ theo đơn vị",
)
@api_guard(VIEW)
@paginate(PageNumbers)
def round_progress(
    request, round_id: RoundId, unit_id: int | None = Query(None, ge=1, le=MAX_ID), as_of: Date | None = None
):
    """Every unit of ``unit_id``'s subtree (default: the launching unit, else the actor's first unit)
    with its subtree's figures as of ``as_of`` (default: today, or the programme's last day), in tree
    order, as the other lists: ``{"items", "count"}`` a page (``page``, ``page_size``) at a time."""
    round_ = selectors.round_get(actor=request.auth, round_id=round_id)
    unit = _unit(request, unit_id) if unit_id else selectors.default_unit(actor=request.auth, round=round_)
    if unit is None:
        return []
    rows = selectors.round_progress(actor=request.auth, round=round_, unit=unit, as_of=as_of)
    return [
        {
            "unit_id": r.unit.id,
            "unit_name": r.unit.name,
            "indent": r.indent,
            "registered": r.total.registered,
            "recognised": r.total.recognised,
            "target": r.total.target,
            "percent": r.total.percent,
        }
        for r in rows
    ]


@router.get(
    "/initiatives/rounds/{round_id}/targets",
    response={200: list[TargetOut], **ERRORS},
    summary="Chỉ tiêu của một đợt: nhận hoặc giao bởi các đơn vị trong phạm vi",
)
@api_guard(VIEW)
@paginate(PageNumbers)
def target_list(request, round_id: RoundId):
    actor = request.auth
    return selectors.target_search(actor=actor, round=selectors.round_get(actor=actor, round_id=round_id))


@router.post(
    "/initiatives/rounds/{round_id}/targets",
    response={201: TargetOut, **ERRORS},
    summary="Giao chỉ tiêu (đơn vị phát động giao, hoặc đơn vị đã nhận giao tiếp xuống)",
)
@api_guard(MANAGE)
def target_set(request, round_id: RoundId, payload: TargetIn):
    actor = request.auth
    round_ = selectors.round_get(actor=actor, round_id=round_id)
    target = services.target_set(
        actor=actor,
        round=round_,
        given_by=_unit(request, payload.given_by_id),
        unit=_unit(request, payload.unit_id),
        count=payload.count,
        over_allocated=payload.over_allocated,
        over_reason=payload.over_reason,
    )
    return Status(201, selectors.target_search(actor=actor, round=round_).get(pk=target.pk))


@router.get("/initiatives", response={200: list[InitiativeOut], **ERRORS}, summary="Sáng kiến")
@api_guard(VIEW)
@paginate(PageNumbers)
def initiative_list(
    request,
    state: States | None = None,
    year: int | None = Query(None, ge=1900, le=2100),
    round_id: int | None = Query(None, ge=1, le=MAX_ID),
):
    actor = request.auth
    round_ = selectors.round_get(actor=actor, round_id=round_id) if round_id else None
    return selectors.initiative_search(actor=actor, state=state or "", year=year, round=round_)


@router.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeDetailOut, **ERRORS},
    summary="Chi tiết sáng kiến",
)
@api_guard(VIEW)
def initiative_detail(request, initiative_id: InitiativeId):
    return _detail(request, selectors.initiative_get(actor=request.auth, initiative_id=initiative_id))


@router.post("/initiatives", response={201: InitiativeDetailOut, **ERRORS}, summary="Đăng ký sáng kiến")
@api_guard(MANAGE)
def initiative_create(request, payload: InitiativeIn):
    actor = request.auth
    unit = _unit(request, payload.unit_id)
    round_ = selectors.round_get(actor=actor, round_id=payload.round_id) if payload.round_id else None
    initiative = services.initiative_create(
        actor=actor,
        unit=unit,
        title=payload.title,
        field=get_object_or_404(InitiativeField, pk=payload.field_id),
        round=round_,
        applied_on=payload.applied_on,
        registered_on=payload.registered_on,
        benefit=payload.benefit,
        description=payload.description,
        authors=[(a.person_id, a.share) for a in payload.authors],
    )
    return Status(201, _detail(request, selectors.initiative_get(actor=actor, initiative_id=initiative.pk)))


@router.post(
    "/initiatives/{initiative_id}/review",
    response={200: InitiativeDetailOut, **ERRORS},
    summary="Đưa vào xét, công nhận hoặc không công nhận sáng kiến",
)
@api_guard(REVIEW)
def initiative_review(request, initiative_id: InitiativeId, payload: InitiativeReviewIn):
    actor = request.auth
    initiative = selectors.initiative_get(actor=actor, initiative_id=initiative_id)
    review.initiative_review(
        actor=actor,
        initiative=initiative,
        step=payload.step,
        reason=payload.reason,
        unit=_unit(request, payload.unit_id) if payload.unit_id else None,
        on=payload.on,
        document=document_get(actor=actor, document_id=payload.document_id) if payload.document_id else None,
    )
    return _detail(request, selectors.initiative_get(actor=actor, initiative_id=initiative.pk))
