"""/api/v1/plans/: programmes and survey missions, read through the selectors and changed through the
services. Ids in the path are resolved by ``mission_get``/``programme_get``; ids in a body (units,
documents, positions, programmes) through the actor's choices, so anything out of reach answers 404."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from congdoan.core.api import ERRORS, MAX_ID
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import api_guard, get_visible_or_404
from congdoan.organizations.selectors import unit_get

from . import selectors, services
from .models import ContentArea, Mission, Programme
from .permissions import MANAGE, VIEW
from .schemas import (
    FindingIn,
    GiftIn,
    MemberIn,
    MissionDetailOut,
    MissionIn,
    MissionPageOut,
    MissionUpdateIn,
    PlansPage,
    ProgrammeIn,
    ProgrammeOut,
    ProgrammePageOut,
    ProgrammeUpdateIn,
    ReportIn,
    VisitIn,
)

router = Router(tags=["Chương trình phối hợp, đoàn khảo sát"])

MissionId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đoàn khảo sát."}]
ProgrammeId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của chương trình phối hợp."}]


def _doc(document) -> dict | None:
    if document is None:
        return None
    return {k: getattr(document, k) for k in ("id", "number_symbol", "signed_on", "title", "status")}


def _missions(missions: list[Mission]) -> list[dict]:
    names = selectors.names_on({m.unit_id: m.starts_on for m in missions})
    return [
        {
            "id": m.pk,
            "title": m.title,
            "unit_id": m.unit_id,
            "unit_name": names.get(m.unit_id, ""),
            "plan": _doc(m.plan),
            "starts_on": m.starts_on,
            "ends_on": m.ends_on,
            "report": _doc(m.report),
        }
        for m in missions
    ]


def _detail(mission: Mission) -> dict:
    mission = selectors.mission_detail(mission)
    return {
        **_missions([mission])[0],
        "members": [
            {
                "position_id": m.position_id,
                "full_name": m.position.person.full_name,
                "position": m.position.position.name,
                "unit_name": m.unit_name,
                "is_head": m.is_head,
            }
            for m in mission.member_rows
        ],
        "visits": [
            {
                "id": v.pk,
                "unit_id": v.unit_id,
                "unit_name": v.unit_name,
                "on": v.on,
                "note": v.note,
                "hosts": [
                    {"full_name": h.full_name, "position": h.position, "unit_name": h.unit_name}
                    for h in v.hosts.all()
                ],
            }
            for v in mission.visit_rows
        ],
        "findings": [
            {
                "id": f.pk,
                "area": f.area.code,
                "visit_id": f.visit_id,
                "results": f.results,
                "shortcomings": f.shortcomings,
                "proposals": f.proposals,
            }
            for f in mission.finding_rows
        ],
        "gifts": [
            {
                "id": g.pk,
                "kind": g.kind,
                "description": g.description,
                "count": g.count,
                "unit_value": g.unit_value,
                "amount": g.amount,
                "visit_id": g.visit_id,
            }
            for g in mission.gift_rows
        ],
        "gift_total": sum(g.amount for g in mission.gift_rows),
    }


def _mission(request, mission_id: int) -> Mission:
    return selectors.mission_get(actor=request.auth, mission_id=mission_id)


def _document(request, document_id: int):
    return get_visible_or_404(selectors.document_choices(actor=request.auth), pk=document_id)


def _position(request, position_id: int):
    return get_visible_or_404(selectors.officer_positions(actor=request.auth), pk=position_id)


def _visit(mission: Mission, visit_id: int | None):
    if visit_id is None:
        return None
    return get_visible_or_404(mission.visits.all(), pk=visit_id)


def _add_part(request, mission: Mission, payload, service, **resolved):
    """A finding or a gift: the payload's fields, its visit resolved within the mission, ``resolved``
    values in place of the payload's own."""
    values = payload.dict(exclude={"visit_id", *resolved})
    service(
        actor=request.auth, mission=mission, visit=_visit(mission, payload.visit_id), **values, **resolved
    )
    return Status(201, _detail(mission))


def _parties(ids: list[int]) -> list[Unit]:
    """Units by id, 404 for an unknown one; the service decides whether the actor may name them."""
    parties = list(Unit.objects.filter(pk__in=ids))
    if len(parties) != len(set(ids)):
        raise Http404
    return parties


def _areas(codes: list[str]) -> list[ContentArea]:
    found = {a.code: a for a in ContentArea.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError(
            {"areas": _("Nội dung phối hợp: không có mã %(codes)s.") % {"codes": ", ".join(missing)}}
        )
    return [found[c] for c in codes]


@router.get("/plans/missions", response={200: MissionPageOut, **ERRORS}, summary="Danh sách đoàn khảo sát")
@api_guard(VIEW)
def mission_list(request, query: Query[PlansPage]):
    missions = selectors.mission_search(actor=request.auth)
    start = (query.page - 1) * query.page_size
    return {"items": _missions(list(missions[start : start + query.page_size])), "count": missions.count()}


@router.get(
    "/plans/missions/{mission_id}",
    response={200: MissionDetailOut, **ERRORS},
    summary="Chi tiết đoàn khảo sát",
)
@api_guard(VIEW)
def mission_detail(request, mission_id: MissionId):
    return _detail(_mission(request, mission_id))


@router.post("/plans/missions", response={201: MissionDetailOut, **ERRORS}, summary="Lập đoàn khảo sát")
@api_guard(MANAGE)
def mission_create(request, payload: MissionIn):
    actor = request.auth
    unit = unit_get(actor=actor, unit_id=payload.unit_id, as_of=payload.starts_on, perm=MANAGE)
    programmes = [selectors.programme_get(actor=actor, programme_id=p) for p in payload.programme_ids]
    mission = services.mission_create(
        actor=actor,
        unit=unit,
        title=payload.title,
        plan=_document(request, payload.plan_id),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        head=_position(request, payload.head_position_id),
        members=[_position(request, p) for p in payload.member_position_ids],
        programmes=programmes,
    )
    return Status(201, _detail(mission))


@router.patch(
    "/plans/missions/{mission_id}", response={200: MissionDetailOut, **ERRORS}, summary="Sửa đoàn khảo sát"
)
@api_guard(MANAGE)
def mission_update(request, mission_id: MissionId, payload: MissionUpdateIn):
    mission = _mission(request, mission_id)
    changes = payload.dict(exclude_unset=True, exclude={"plan_id"})
    if payload.plan_id is not None:
        changes["plan"] = _document(request, payload.plan_id)
    services.mission_update(actor=request.auth, mission=mission, **changes)
    return _detail(mission)


@router.post(
    "/plans/missions/{mission_id}/members",
    response={201: MissionDetailOut, **ERRORS},
    summary="Thêm thành viên đoàn",
)
@api_guard(MANAGE)
def member_add(request, mission_id: MissionId, payload: MemberIn):
    mission = _mission(request, mission_id)
    services.mission_member_add(
        actor=request.auth, mission=mission, position=_position(request, payload.position_id)
    )
    return Status(201, _detail(mission))


@router.post(
    "/plans/missions/{mission_id}/visits",
    response={201: MissionDetailOut, **ERRORS},
    summary="Ghi buổi làm việc",
)
@api_guard(MANAGE)
def visit_add(request, mission_id: MissionId, payload: VisitIn):
    mission = _mission(request, mission_id)
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise Http404
    services.visit_add(
        actor=request.auth,
        mission=mission,
        unit=unit,
        on=payload.on,
        hosts=[(h.full_name, h.position, h.unit_name) for h in payload.hosts],
        note=payload.note,
    )
    return Status(201, _detail(mission))


@router.post(
    "/plans/missions/{mission_id}/findings",
    response={201: MissionDetailOut, **ERRORS},
    summary="Ghi kết quả khảo sát",
)
@api_guard(MANAGE)
def finding_add(request, mission_id: MissionId, payload: FindingIn):
    mission = _mission(request, mission_id)  # out of reach: 404 before any check of the payload
    return _add_part(request, mission, payload, services.finding_add, area=_areas([payload.area])[0])


@router.post(
    "/plans/missions/{mission_id}/gifts",
    response={201: MissionDetailOut, **ERRORS},
    summary="Ghi quà, hỗ trợ",
)
@api_guard(MANAGE)
def gift_add(request, mission_id: MissionId, payload: GiftIn):
    return _add_part(request, _mission(request, mission_id), payload, services.gift_add)


@router.post(
    "/plans/missions/{mission_id}/report",
    response={201: MissionDetailOut, **ERRORS},
    summary="Ban hành báo cáo kết quả",
)
@api_guard(MANAGE)
def report_issue(request, mission_id: MissionId, payload: ReportIn):
    """Issues the report as a numbered document of the organising unit; ``report.number_symbol`` in
    the answer is the number taken."""
    mission = _mission(request, mission_id)
    services.report_issue(actor=request.auth, mission=mission, **payload.dict())
    return Status(201, _detail(mission))


# -- programmes ----------------------------------------------------------------------------------


def _programmes(programmes: list[Programme]) -> list[dict]:
    names = selectors.names_on({u.pk: p.valid_from for p in programmes for u in p.parties.all()})
    return [
        {
            "id": p.pk,
            "title": p.title,
            "unit_id": p.unit_id,
            "document": _doc(p.document),
            "party_names": [names.get(u.pk, "") for u in p.parties.all()],
            "areas": [a.name for a in p.areas.all()],
            "valid_from": p.valid_from,
            "valid_to": p.valid_to,
        }
        for p in programmes
    ]


@router.get(
    "/plans/programmes", response={200: ProgrammePageOut, **ERRORS}, summary="Danh sách chương trình phối hợp"
)
@api_guard(VIEW)
def programme_list(request, query: Query[PlansPage]):
    programmes = selectors.programme_search(actor=request.auth)
    start = (query.page - 1) * query.page_size
    return {
        "items": _programmes(list(programmes[start : start + query.page_size])),
        "count": programmes.count(),
    }


@router.get(
    "/plans/programmes/{programme_id}",
    response={200: ProgrammeOut, **ERRORS},
    summary="Chi tiết chương trình phối hợp",
)
@api_guard(VIEW)
def programme_detail(request, programme_id: ProgrammeId):
    return _programmes([selectors.programme_get(actor=request.auth, programme_id=programme_id)])[0]


@router.post("/plans/programmes", response={201: ProgrammeOut, **ERRORS}, summary="Ghi chương trình phối hợp")
@api_guard(MANAGE)
def programme_create(request, payload: ProgrammeIn):
    actor = request.auth
    unit = unit_get(actor=actor, unit_id=payload.unit_id, as_of=payload.valid_from, perm=MANAGE)
    programme = services.programme_create(
        actor=actor,
        unit=unit,
        title=payload.title,
        document=_document(request, payload.document_id),
        parties=_parties(payload.party_ids),
        areas=_areas(payload.areas),
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    return Status(201, _programmes([selectors.programme_get(actor=actor, programme_id=programme.pk)])[0])


@router.patch(
    "/plans/programmes/{programme_id}",
    response={200: ProgrammeOut, **ERRORS},
    summary="Sửa chương trình phối hợp",
)
@api_guard(MANAGE)
def programme_update(request, programme_id: ProgrammeId, payload: ProgrammeUpdateIn):
    actor = request.auth
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    changes = payload.dict(exclude_unset=True, exclude={"document_id", "party_ids", "areas"})
    if payload.document_id is not None:
        changes["document"] = _document(request, payload.document_id)
    if payload.party_ids is not None:
        changes["parties"] = _parties(payload.party_ids)
    if payload.areas is not None:
        changes["areas"] = _areas(payload.areas)
    services.programme_update(actor=actor, programme=programme, **changes)
    return _programmes([selectors.programme_get(actor=actor, programme_id=programme.pk)])[0]
