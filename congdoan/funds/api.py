"""/api/v1/funds/: the fund catalogue, drives (list, detail with the totals per unit rolled up,
launch) and their contributions (list, detail, record). Drives and contributions named in the path
are resolved with ``drive_get`` / ``contribution_get``, units with ``unit_get``, members within
``members.view``, documents within ``documents.view``: out of reach is 404."""

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Status

from congdoan.core.api import ERRORS, MAX_ID, PageQuery, page_rows
from congdoan.core.money import vnd_in_words
from congdoan.documents.selectors import documents_in_scope
from congdoan.members.selectors import members_in_scope
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import selectors, services
from .models import Fund
from .permissions import MANAGE, VIEW
from .schemas import (
    ContributionIn,
    ContributionOut,
    ContributionPageOut,
    DriveDetailOut,
    DriveIn,
    DriveListQuery,
    DriveOut,
    DrivePageOut,
    FundPageOut,
)

router = Router(tags=["Vận động ủng hộ quỹ"])

DriveId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đợt vận động."}]
ContributionId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của khoản ủng hộ."}]


def _drive_out(drive) -> dict:
    return DriveOut.from_orm(drive).dict()


@router.get("/funds/funds", response={200: FundPageOut, **ERRORS}, summary="Danh mục quỹ")
@api_guard(VIEW)
def fund_list(request, query: Query[PageQuery]):
    """The catalogue (a few rows), paged as every list."""
    items, count = page_rows(Fund.objects.order_by("order", "name"), query)
    return {"items": items, "count": count}


@router.get("/funds/drives", response={200: DrivePageOut, **ERRORS}, summary="Danh sách đợt vận động")
@api_guard(VIEW)
def drive_list(request, query: Query[DriveListQuery]):
    """Drives launched within the actor's reach or above it, latest first, a page at a time."""
    unit = unit_get(actor=request.auth, unit_id=query.unit, perm=VIEW) if query.unit else None
    fund = get_object_or_404(Fund, pk=query.fund) if query.fund else None
    filters = selectors.DriveFilters(unit=unit, fund=fund, year=query.year)
    items, count = page_rows(selectors.drive_search(actor=request.auth, filters=filters), query)
    return {"items": [_drive_out(d) for d in selectors.with_unit_names(items)], "count": count}


def _detail(request, drive) -> dict:
    actor = request.auth
    selectors.with_unit_names([drive], selectors.drive_as_of(drive))
    total = selectors.drive_total(actor=actor, drive=drive)
    document = selectors.launch_document(actor=actor, drive=drive)
    totals = [
        {
            "unit_id": r.unit.id,
            "unit_name": r.unit.name,
            "indent": r.indent,
            "own_amount": r.own.amount,
            "amount": r.total.amount,
            "count": r.total.count,
        }
        for r in selectors.drive_totals(actor=actor, drive=drive)
    ]
    return {
        **_drive_out(drive),
        "note": drive.note,
        "document_id": document.pk if document else None,
        "amount": total.amount,
        "amount_in_words": vnd_in_words(total.amount),
        "count": total.count,
        "totals": totals,
    }


@router.get(
    "/funds/drives/{drive_id}", response={200: DriveDetailOut, **ERRORS}, summary="Chi tiết đợt vận động"
)
@api_guard(VIEW)
def drive_detail(request, drive_id: DriveId):
    return _detail(request, selectors.drive_get(actor=request.auth, drive_id=drive_id))


@router.post("/funds/drives", response={201: DriveDetailOut, **ERRORS}, summary="Phát động đợt vận động")
@api_guard(MANAGE)
def drive_launch(request, payload: DriveIn):
    actor = request.auth
    unit = unit_get(actor=actor, unit_id=payload.unit_id, perm=VIEW)
    fund = get_object_or_404(Fund, pk=payload.fund_id)
    document = (
        get_object_or_404(documents_in_scope(actor=actor), pk=payload.document_id)
        if payload.document_id
        else None
    )
    fields = payload.dict(exclude={"unit_id", "fund_id", "document_id"})
    drive = services.drive_launch(actor=actor, unit=unit, fund=fund, document=document, **fields)
    return Status(201, _detail(request, drive))


def _contribution_out(c) -> dict:
    return ContributionOut.from_orm(c).dict()


@router.get(
    "/funds/drives/{drive_id}/contributions",
    response={200: ContributionPageOut, **ERRORS},
    summary="Các khoản ủng hộ của đợt vận động",
)
@api_guard(VIEW)
def contribution_list(request, drive_id: DriveId, query: Query[PageQuery]):
    drive = selectors.drive_get(actor=request.auth, drive_id=drive_id)
    items, count = page_rows(selectors.contribution_search(actor=request.auth, drive=drive), query)
    rows = selectors.with_unit_names(items, selectors.drive_as_of(drive))
    return {"items": [_contribution_out(c) for c in rows], "count": count}


@router.get(
    "/funds/contributions/{contribution_id}",
    response={200: ContributionOut, **ERRORS},
    summary="Chi tiết khoản ủng hộ",
)
@api_guard(VIEW)
def contribution_detail(request, contribution_id: ContributionId):
    c = selectors.contribution_get(actor=request.auth, contribution_id=contribution_id)
    selectors.with_unit_names([c], selectors.drive_as_of(c.drive))
    return _contribution_out(c)


@router.post(
    "/funds/drives/{drive_id}/contributions",
    response={201: ContributionOut, **ERRORS},
    summary="Ghi nhận khoản ủng hộ",
)
@api_guard(MANAGE)
def contribution_record(request, drive_id: DriveId, payload: ContributionIn):
    actor = request.auth
    drive = selectors.drive_get(actor=actor, drive_id=drive_id)
    unit = unit_get(actor=actor, unit_id=payload.unit_id, perm=VIEW)
    person = (
        get_object_or_404(members_in_scope(actor=actor), pk=payload.person_id) if payload.person_id else None
    )
    fields = payload.dict(exclude={"unit_id", "person_id"})
    contribution = services.contribution_record(
        actor=actor,
        drive=drive,
        unit=unit,
        contributor_unit=unit if payload.kind == "unit" else None,
        person=person,
        **fields,
    )
    selectors.with_unit_names([contribution], selectors.drive_as_of(drive))
    return Status(201, _contribution_out(contribution))
