"""/api/v1/welfare/: the kinds of support and of house with their validity dates, support cases and houses (list, detail with their decisions, record, link a
decision), programmes (list, detail, record, gift items, candidates from the register) and the totals
of a unit's subtree for a period. Lists are paged as the whole API (``page``, ``page_size``:
``core.api.PageQuery``). Lists and totals take the period as the pages do (``year`` or ``nam``,
``ky``, ``tu``/``den``); a bad one is a 422 naming the parameter. Ids in the path or the body are
resolved in the actor's reach (``welfare.view`` for records and units, ``members.view`` for people,
``documents.view`` for decisions): out of reach is 404. Who a personal case supported is null for
those without ``members.view_personal``; candidates are only those whose personal data they see."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from congdoan.core.api import ERRORS, MAX_ID, page_rows
from congdoan.core.dates import today
from congdoan.core.money import format_vnd, vnd_in_words
from congdoan.core.periods import Period, query_period
from congdoan.documents.selectors import document_get
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get, unit_names

from . import selectors, services
from .models import HouseKind, ProgrammeKind, SupportKind
from .permissions import MANAGE, VIEW
from .schemas import (
    WelfareCandidatePageOut,
    WelfareCandidateQuery,
    WelfareCaseDetailOut,
    WelfareCaseIn,
    WelfareCaseListQuery,
    WelfareCaseOut,
    WelfareCasePageOut,
    WelfareDecisionIn,
    WelfareGiftItemIn,
    WelfareGiftItemOut,
    WelfareHouseIn,
    WelfareKindPageOut,
    WelfareKindQuery,
    WelfarePageQuery,
    WelfareProgrammeDetailOut,
    WelfareProgrammeIn,
    WelfareProgrammePageOut,
    WelfareTotalsOut,
    WelfareTotalsQuery,
)

router = Router(tags=["Chăm lo, hỗ trợ đoàn viên"])

CaseId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của trường hợp hỗ trợ."}]
ProgrammeId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của chương trình chăm lo."}]


def _period(query, default: Period | None = None) -> Period | None:
    """The period of the query in any spelling the pages take (``year``/``nam``, ``ky``, ``tu``/``den``;
    ``core.periods.query_period``); a bad one is a 422 naming its parameter."""
    params = {k: str(v) for k, v in query.dict(include={"year", "nam", "ky", "tu", "den"}).items() if v}
    return query_period(params, default)


def _unit(request, unit_id: int | None):
    return unit_get(actor=request.auth, unit_id=unit_id, perm=VIEW) if unit_id else None


def _case_out(case) -> dict:
    visible = case.beneficiary_visible
    house = getattr(case, "house", None)
    return {
        "id": case.pk,
        "unit_id": case.unit_id,
        "unit_name": case.unit_name,
        "kind": case.kind.code,
        "kind_name": case.kind.name,
        "person_id": case.person_id if visible else None,
        "beneficiary_name": (case.beneficiary_name or (case.person.full_name if case.person else ""))
        if visible
        else None,
        "relation": case.relation if visible else None,
        "amount": case.amount,
        "amount_text": format_vnd(case.amount),
        "amount_words": vnd_in_words(case.amount),
        "source": case.source,
        "source_unit_id": case.source_unit_id,
        "source_name": case.source_name,
        "drive_id": case.drive_id,
        "drive_name": case.drive.name if case.drive_id else "",
        "decided_on": case.decided_on,
        "programme_id": case.programme_id,
        "survey_gift_id": case.survey_gift_id,
        "house": None
        if house is None
        else {
            "kind": house.kind.code,
            "kind_name": house.kind.name,
            "work": house.work,
            "location": house.location,
            "contributors": house.contributors,
            "handed_over_on": house.handed_over_on,
        },
    }


def _cases_out(request, cases) -> list[dict]:
    return [_case_out(c) for c in selectors.shown(actor=request.auth, cases=cases)]


@router.get(
    "/welfare/cases", response={200: WelfareCasePageOut, **ERRORS}, summary="Danh sách trường hợp hỗ trợ"
)
@api_guard(VIEW)
def case_list(request, query: Query[WelfareCaseListQuery]):
    kind = SupportKind.objects.filter(code=query.kind).first() if query.kind else None
    if query.kind and kind is None:
        raise ValidationError({"kind": _("Loại hỗ trợ '%(k)s' không có trong danh mục.") % {"k": query.kind}})
    programme = (
        selectors.programme_get(actor=request.auth, programme_id=query.programme) if query.programme else None
    )
    filters = selectors.CaseFilters(
        unit=_unit(request, query.unit),
        period=_period(query),
        kind=kind,
        source=query.source,
        programme=programme,
        houses=query.houses,
    )
    rows, count = page_rows(selectors.case_search(actor=request.auth, filters=filters), query)
    return {"items": _cases_out(request, rows), "count": count}


def _case_detail(request, case) -> dict:
    """A case as the lists show it, with its decisions (``selectors.case_detail``)."""
    parts = selectors.case_detail(actor=request.auth, case=case)
    return {**_cases_out(request, [case])[0], "decisions": parts["decisions"]}


@router.get(
    "/welfare/cases/{case_id}",
    response={200: WelfareCaseDetailOut, **ERRORS},
    summary="Chi tiết trường hợp hỗ trợ, với các quyết định đã gắn",
)
@api_guard(VIEW)
def case_detail(request, case_id: CaseId):
    return _case_detail(request, selectors.case_get(actor=request.auth, case_id=case_id))


@router.post(
    "/welfare/cases/{case_id}/decisions",
    response={201: WelfareCaseDetailOut, **ERRORS},
    summary="Gắn quyết định (văn bản đã ban hành) vào trường hợp hỗ trợ",
)
@api_guard(MANAGE)
def case_decision_link(request, case_id: CaseId, payload: WelfareDecisionIn):
    """The case and the document are resolved in the actor's reach (404); the service asks for
    ``welfare.manage`` on the deciding unit (403) and an issued document of that unit (422 on
    ``document``), as the case page's form."""
    actor = request.auth
    case = selectors.case_get(actor=actor, case_id=case_id)
    document = document_get(actor=actor, document_id=payload.document_id)
    services.case_link_document(actor=actor, case=case, document=document)
    return Status(201, _case_detail(request, selectors.case_get(actor=actor, case_id=case.pk)))


def _support_args(request, payload) -> dict:
    """The ids of a case or a house resolved in the actor's reach (404 otherwise), deciding unit first."""
    unit = unit_get(actor=request.auth, unit_id=payload.unit_id, perm=VIEW)
    args = {"unit": unit}
    args["person"] = (
        selectors.person_in_scope(actor=request.auth, person_id=payload.person_id)
        if payload.person_id
        else None
    )
    args["programme"] = (
        selectors.programme_get(actor=request.auth, programme_id=payload.programme_id)
        if payload.programme_id
        else None
    )
    source_unit = None
    if payload.source_unit_id:
        source_unit = Unit.objects.filter(pk=payload.source_unit_id).first()
        if source_unit is None:
            raise Http404
    args["source_unit"] = source_unit
    args["survey_gift"] = _survey_gift(request, payload.survey_gift_id)
    args["drive"] = (
        selectors.drive_in_reach(actor=request.auth, drive_id=payload.drive_id) if payload.drive_id else None
    )
    ids = {
        "unit_id",
        "person_id",
        "programme_id",
        "source_unit_id",
        "survey_gift_id",
        "drive_id",
        "kind",
        "house_kind",
    }
    return {**payload.dict(exclude=ids), **args}


def _survey_gift(request, gift_id: int | None):
    """A gift of a survey mission the actor sees (``plans``' rule), or 404; None when not named."""
    if not gift_id:
        return None
    gift = selectors.survey_gifts_in_reach(actor=request.auth).filter(pk=gift_id).first()
    if gift is None:
        raise Http404
    return gift


def _created(request, case) -> Status:
    case = selectors.case_get(actor=request.auth, case_id=case.pk)
    return Status(201, _cases_out(request, [case])[0])


def _catalogue(model, code: str, field: str, message: str):
    """The catalogue row of ``code``, or a 422 on ``field`` (``message`` names the code)."""
    row = model.objects.filter(code=code).first()
    if row is None:
        raise ValidationError({field: message % {"k": code}})
    return row


@router.post("/welfare/cases", response={201: WelfareCaseOut, **ERRORS}, summary="Ghi hỗ trợ đoàn viên")
@api_guard(MANAGE)
def case_create(request, payload: WelfareCaseIn):
    support = _support_args(request, payload)
    kind = _catalogue(SupportKind, payload.kind, "kind", _("Loại hỗ trợ '%(k)s' không có trong danh mục."))
    return _created(request, services.case_create(actor=request.auth, kind=kind, **support))


@router.post(
    "/welfare/houses", response={201: WelfareCaseOut, **ERRORS}, summary="Ghi nhà tình nghĩa, tình thương"
)
@api_guard(MANAGE)
def house_record(request, payload: WelfareHouseIn):
    support = _support_args(request, payload)
    house_kind = _catalogue(
        HouseKind, payload.house_kind, "house_kind", _("Loại nhà '%(k)s' không có trong danh mục.")
    )
    return _created(request, services.house_record(actor=request.auth, house_kind=house_kind, **support))


# -- programmes ------------------------------------------------------------------------------------


def _programme_out(programme, names: dict[int, str]) -> dict:
    return {
        "id": programme.pk,
        "unit_id": programme.unit_id,
        "unit_name": names.get(programme.unit_id, ""),
        "kind": programme.kind.code,
        "kind_name": programme.kind.name,
        "title": programme.title,
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "mission_id": programme.mission_id,
    }


def _item_out(item) -> dict:
    fields = ("id", "description", "count", "unit_value", "given_on", "source", "source_name")
    return {
        **{name: getattr(item, name) for name in fields},
        "survey_gift_id": item.survey_gift_id,
        "kind": item.kind.code,
        "kind_name": item.kind.name,
        "amount": item.amount,
    }


def _programme_detail(programme) -> dict:
    names = unit_names([programme.unit_id], today())
    items = [_item_out(i) for i in programme.items.select_related("kind").order_by("id")]
    return {
        **_programme_out(programme, names),
        "note": programme.note,
        "items": items,
        "totals": selectors.programme_totals(programme),
    }


@router.get(
    "/welfare/kinds", response={200: WelfareKindPageOut, **ERRORS}, summary="Danh mục loại hỗ trợ và loại nhà"
)
@api_guard(VIEW)
def kind_list(request, query: Query[WelfareKindQuery]):
    """The kinds of support then the kinds of house (two small catalogues, two queries), each with the
    days it may be used on (``core.models.DatedCatalogue``); ``on`` keeps those valid that day."""
    rows, day = [], today()
    for group, model in (("support", SupportKind), ("house", HouseKind)):
        found = model.objects.order_by("order", "name")
        for kind in found.active(query.on) if query.on else found:
            rows.append(
                {
                    "group": group,
                    "code": kind.code,
                    "name": kind.name,
                    "personal": getattr(kind, "personal", False),
                    "active": kind.valid_on(day),
                    "valid_from": kind.valid_from,
                    "valid_to": kind.valid_to,
                }
            )
    items, count = page_rows(rows, query)
    return {"items": items, "count": count}


@router.get(
    "/welfare/programmes",
    response={200: WelfareProgrammePageOut, **ERRORS},
    summary="Danh sách chương trình chăm lo",
)
@api_guard(VIEW)
def programme_list(request, query: Query[WelfarePageQuery]):
    filters = selectors.ProgrammeFilters(unit=_unit(request, query.unit), period=_period(query))
    rows, count = page_rows(selectors.programme_search(actor=request.auth, filters=filters), query)
    names = unit_names([p.unit_id for p in rows], today())
    return {"items": [_programme_out(p, names) for p in rows], "count": count}


@router.get(
    "/welfare/programmes/{programme_id}",
    response={200: WelfareProgrammeDetailOut, **ERRORS},
    summary="Chi tiết chương trình",
)
@api_guard(VIEW)
def programme_detail(request, programme_id: ProgrammeId):
    return _programme_detail(selectors.programme_get(actor=request.auth, programme_id=programme_id))


@router.post(
    "/welfare/programmes",
    response={201: WelfareProgrammeDetailOut, **ERRORS},
    summary="Ghi chương trình chăm lo",
)
@api_guard(MANAGE)
def programme_create(request, payload: WelfareProgrammeIn):
    unit = unit_get(actor=request.auth, unit_id=payload.unit_id, perm=VIEW)
    mission = None
    if payload.mission_id:
        mission = selectors.mission_choices(actor=request.auth).filter(pk=payload.mission_id).first()
        if mission is None:
            raise Http404
    kind = _catalogue(
        ProgrammeKind, payload.kind, "kind", _("Loại chương trình '%(k)s' không có trong danh mục.")
    )
    programme = services.programme_create(
        actor=request.auth,
        unit=unit,
        kind=kind,
        mission=mission,
        **payload.dict(include={"title", "starts_on", "ends_on", "note"}),
    )
    return Status(201, _programme_detail(programme))


@router.post(
    "/welfare/programmes/{programme_id}/items",
    response={201: WelfareGiftItemOut, **ERRORS},
    summary="Ghi quà trong chương trình",
)
@api_guard(MANAGE)
def item_add(request, programme_id: ProgrammeId, payload: WelfareGiftItemIn):
    programme = selectors.programme_get(actor=request.auth, programme_id=programme_id)
    kind = _catalogue(SupportKind, payload.kind, "kind", _("Loại hỗ trợ '%(k)s' không có trong danh mục."))
    item = services.gift_item_add(
        actor=request.auth,
        programme=programme,
        kind=kind,
        survey_gift=_survey_gift(request, payload.survey_gift_id),
        **payload.dict(exclude={"survey_gift_id", "kind"}),
    )
    return Status(201, _item_out(item))


@router.get(
    "/welfare/programmes/{programme_id}/candidates",
    response={200: WelfareCandidatePageOut, **ERRORS},
    summary="Đề xuất từ sổ đoàn viên: hoàn cảnh khó khăn, gia đình chính sách",
)
@api_guard(VIEW)
def candidates(request, programme_id: ProgrammeId, query: Query[WelfareCandidateQuery]):
    """Members of the programme's unit's subtree flagged in hardship or of a policy family, as the
    candidates page and its xlsx (``selectors.candidates``): only those whose personal data the actor
    may see (``members.view_personal``); ``supported`` marks those already supported in it."""
    programme = selectors.programme_get(actor=request.auth, programme_id=programme_id)
    people = selectors.candidates(actor=request.auth, programme=programme, flag=query.flag)
    rows, count = page_rows(people, query)
    return {"items": rows, "count": count}


@router.get(
    "/welfare/totals", response={200: WelfareTotalsOut, **ERRORS}, summary="Tổng hợp chăm lo theo đơn vị"
)
@api_guard(VIEW)
def totals(request, query: Query[WelfareTotalsQuery]):
    """Cases, people, gifts and đồng of each unit of the subtree in the period (default: this year),
    rolled up; by kind and source, and each unit by source."""
    unit = _unit(request, query.unit) or selectors.first_unit(actor=request.auth)
    if unit is None:
        raise Http404
    period = _period(query, Period.year(today().year))
    rows = selectors.totals_rows(actor=request.auth, unit=unit, period=period)
    parts = selectors.breakdowns(actor=request.auth, unit=unit, period=period)
    return {
        "unit_id": unit.pk,
        "year": period.start.year,
        "period": period.label,
        "starts_on": period.start,
        "ends_on": period.end,
        "rows": [
            {
                "unit_id": r.unit.id,
                "unit_name": r.unit.name,
                "indent": r.indent,
                "cases": r.total.cases,
                "people": r.total.people,
                "gifts": r.total.gifts,
                "amount": r.total.amount,
            }
            for r in rows
        ],
        "kinds": [vars(b) for b in parts["kinds"]],
        "sources": [vars(b) for b in parts["sources"]],
        "by_source": [
            {
                "unit_id": r.unit.id,
                "unit_name": r.unit.name,
                "indent": r.indent,
                "cells": [vars(c) for c in r.total.cells],
                "amount": r.total.amount,
            }
            for r in selectors.source_rows(actor=request.auth, unit=unit, period=period)
        ],
    }
