"""/api/v1/units: the organisation tree as of a date, and its changes through the services.

Every id the client names (in the path, the query or the body) is resolved with
``selectors.unit_get``, so a unit out of the actor's reach answers 404 wherever it appears.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Path, Router, Status
from ninja.pagination import paginate

from congdoan.core.api import ERRORS, MAX_ID, Date, Id, PageNumbers, text
from congdoan.core.dates import today

from . import selectors, services
from .models import Unit, UnitKind, UnitVersion
from .permissions import UNITS_MANAGE, UNITS_VIEW, api_guard
from .schemas import (
    UnitChoiceOut,
    UnitCreateIn,
    UnitDetailOut,
    UnitDissolveIn,
    UnitGuidanceIn,
    UnitMergeIn,
    UnitMoveIn,
    UnitOut,
    UnitUpdateIn,
)

router = Router(tags=["Đơn vị"])

UnitId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đơn vị."}]


def _unit(request, unit_id: int | None, on: dt.date) -> Unit | None:
    return selectors.unit_get(actor=request.auth, unit_id=unit_id, as_of=on) if unit_id else None


def _kind(code: str | None) -> UnitKind:
    kind = UnitKind.objects.filter(code=code).first() if code else None
    if kind is None:
        raise ValidationError({"kind": _("Loại đơn vị '%(code)s' không tồn tại.") % {"code": code or ""}})
    return kind


def _detail(unit: Unit, as_of: dt.date) -> UnitVersion:
    """The version shown for ``unit`` on ``as_of`` (or the nearest), with its managing chain."""
    version = selectors.unit_version_for_display(unit, as_of)
    version.ancestors = selectors.unit_ancestors(version, as_of)
    return version


@router.get("/units", response={200: list[UnitOut], **ERRORS}, summary="Danh sách đơn vị")
@api_guard(UNITS_VIEW)
@paginate(PageNumbers)
def unit_list(
    request,
    parent: Id | None = None,
    within: Id | None = None,
    as_of: Date | None = None,
    q: text(200) = "",
):
    """Units the actor may see as of ``as_of`` (default today), depth-first: only the children of
    ``parent``, only the subtree of ``within``, names matching ``q`` with or without diacritics."""
    as_of = as_of or today()
    units = selectors.unit_search(
        actor=request.auth,
        as_of=as_of,
        q=q,
        parent=_unit(request, parent, as_of),
        within=_unit(request, within, as_of),
    )
    return units.select_related("unit")


@router.get(
    "/units/choices", response={200: list[UnitChoiceOut], **ERRORS}, summary="Đơn vị để chọn (ô chọn đơn vị)"
)
@api_guard(UNITS_VIEW)
def unit_choice_list(request, perm: text(64) = UNITS_VIEW, q: text(100) = "", only: text(64) = ""):
    """At most 20 units (tree order) the actor may use ``perm`` on today, names matching ``q`` with
    or without diacritics, narrowed by a registered filter ``only``; 404 for an undeclared ``perm``
    or an unknown ``only``."""
    return selectors.picker_options(actor=request.auth, params={"perm": perm, "q": q, "only": only})


@router.get("/units/{unit_id}", response={200: UnitDetailOut, **ERRORS}, summary="Chi tiết đơn vị")
@api_guard(UNITS_VIEW)
def unit_detail(request, unit_id: UnitId, as_of: Date | None = None):
    as_of = as_of or today()
    return _detail(_unit(request, unit_id, as_of), as_of)


@router.post("/units", response={201: UnitDetailOut, **ERRORS}, summary="Thành lập đơn vị")
@api_guard(UNITS_MANAGE)
def unit_create(request, payload: UnitCreateIn):
    on = payload.valid_from
    unit = services.unit_create(
        actor=request.auth,
        code=payload.code,
        name=payload.name,
        short_name=payload.short_name,
        kind=_kind(payload.kind),
        parent=_unit(request, payload.parent_id, on),
        guidance_parent=_unit(request, payload.guidance_parent_id, on),
        address=payload.address,
        valid_from=on,
        note=payload.note,
    )
    return Status(201, _detail(unit, on))


@router.patch("/units/{unit_id}", response={200: UnitDetailOut, **ERRORS}, summary="Sửa thông tin đơn vị")
@api_guard(UNITS_MANAGE)
def unit_update(request, unit_id: UnitId, payload: UnitUpdateIn):
    unit = _unit(request, unit_id, payload.on)
    changes = payload.dict(exclude={"on"}, exclude_none=True)
    if "kind" in changes:
        changes["kind"] = _kind(changes["kind"])
    services.unit_update(actor=request.auth, unit=unit, on=payload.on, **changes)
    return _detail(unit, payload.on)


@router.post("/units/{unit_id}/move", response={200: UnitDetailOut, **ERRORS}, summary="Chuyển đơn vị")
@api_guard(UNITS_MANAGE)
def unit_move(request, unit_id: UnitId, payload: UnitMoveIn):
    unit = _unit(request, unit_id, payload.on)
    new_parent = _unit(request, payload.parent_id, payload.on)
    services.unit_move(actor=request.auth, unit=unit, new_parent=new_parent, on=payload.on)
    return _detail(unit, payload.on)


@router.post(
    "/units/{unit_id}/guidance",
    response={200: UnitDetailOut, **ERRORS},
    summary="Đặt đơn vị chỉ đạo chuyên môn",
)
@api_guard(UNITS_MANAGE)
def unit_set_guidance(request, unit_id: UnitId, payload: UnitGuidanceIn):
    unit = _unit(request, unit_id, payload.on)
    guidance_parent = _unit(request, payload.guidance_parent_id, payload.on)
    services.unit_set_guidance(actor=request.auth, unit=unit, guidance_parent=guidance_parent, on=payload.on)
    return _detail(unit, payload.on)


@router.post("/units/{unit_id}/merge", response={200: UnitDetailOut, **ERRORS}, summary="Sáp nhập đơn vị")
@api_guard(UNITS_MANAGE)
def unit_merge(request, unit_id: UnitId, payload: UnitMergeIn):
    """The unit in the path survives; each of ``merged_ids`` closes into it from ``on``."""
    survivor = _unit(request, unit_id, payload.on)
    merged = [_unit(request, merged_id, payload.on) for merged_id in payload.merged_ids]
    services.unit_merge(actor=request.auth, survivor=survivor, merged=merged, on=payload.on)
    return _detail(survivor, payload.on)


@router.post("/units/{unit_id}/dissolve", response={200: UnitDetailOut, **ERRORS}, summary="Giải thể đơn vị")
@api_guard(UNITS_MANAGE)
def unit_dissolve(request, unit_id: UnitId, payload: UnitDissolveIn):
    unit = _unit(request, unit_id, payload.on)
    services.unit_dissolve(actor=request.auth, unit=unit, on=payload.on)
    return _detail(unit, payload.on)
