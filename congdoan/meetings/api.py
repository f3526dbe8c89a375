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
from congdoan.members.models import PositionKind
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import reminders, reviews, rules, selectors, services
from .permissions import MANAGE, VIEW
from .schemas import (
    BoardIn,
    BoardOut,
    ChangeIn,
    ChangeOut,
    ComplianceOut,
    ComplianceQuery,
    ConferenceDetailOut,
    ConferenceDocumentOut,
    ConferenceIn,
    ConferenceListQuery,
    ConferenceOut,
    ConferencePageOut,
    DocumentIn,
    ElectIn,
    OverdueListOut,
    RemindIn,
    RemindOut,
    ResolutionIn,
    ResolutionOut,
    ReviewAwardIn,
    ReviewDetailOut,
    ReviewIn,
    ReviewLinkIn,
    ReviewListQuery,
    ReviewOut,
    ReviewPageOut,
    TermDetailOut,
    TermIn,
    TermListQuery,
    TermOut,
    TermPageOut,
    VoteIn,
    VoteOut,
)

router = Router(tags=["Hội nghị"])

ConferenceId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của hội nghị."}]


def _unit(request, unit_id: int, on=None):
    return unit_get(actor=request.auth, unit_id=unit_id, as_of=on, perm=VIEW)


def _listed(request, query, search) -> dict:
    """A page of ``search(unit)`` ({"items", "count"}), the unit of the query resolved in the reach."""
    unit = _unit(request, query.unit) if query.unit else None
    qs = search(unit)
    start = (query.page - 1) * query.page_size
    return {"items": selectors.with_unit_names(qs[start : start + query.page_size]), "count": qs.count()}


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

    def search(unit):
        filters = selectors.ConferenceFilters(unit=unit, year=query.year, kind=query.kind)
        return selectors.conference_search(actor=request.auth, filters=filters)

    return _listed(request, query, search)


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
    response={201: ConferenceDocumentOut, **ERRORS},
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
    year = query.year or rules.last_complete_year(today())
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


# -- congresses ------------------------------------------------------------------------------------
TermId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của nhiệm kỳ đại hội."}]


def _term_detail(request, term) -> dict:
    selectors.with_unit_names([term])
    seats = [
        {
            "id": seat.pk,
            "person_id": seat.position_held.person_id,
            "full_name": seat.position_held.person.full_name,
            "position": seat.position_held.position.name,
            "valid_from": seat.position_held.valid_from,
            "valid_to": seat.position_held.valid_to,
            "votes": seat.votes,
        }
        for seat in selectors.committee(term=term)
    ]
    late = [w.unit_name for w in selectors.lower_levels_first(term=term)]
    out = TermOut.from_orm(term).dict()
    return {**out, "note": term.note, "committee": seats, "lower_levels_not_first": late}


@router.get("/meetings/terms", response={200: TermPageOut, **ERRORS}, summary="Danh sách nhiệm kỳ đại hội")
@api_guard(VIEW)
def term_list(request, query: Query[TermListQuery]):
    return _listed(request, query, lambda unit: selectors.term_search(actor=request.auth, unit=unit))


@router.get(
    "/meetings/terms/{term_id}", response={200: TermDetailOut, **ERRORS}, summary="Nhiệm kỳ và Ban Chấp hành"
)
@api_guard(VIEW)
def term_detail(request, term_id: TermId):
    return _term_detail(request, selectors.term_get(actor=request.auth, term_id=term_id))


@router.post("/meetings/terms", response={201: TermDetailOut, **ERRORS}, summary="Ghi nhiệm kỳ đại hội")
@api_guard(MANAGE)
def term_record(request, payload: TermIn):
    unit = _unit(request, payload.unit_id, payload.held_on or payload.planned_on)
    term = services.term_record(actor=request.auth, unit=unit, **payload.dict(exclude={"unit_id"}))
    return Status(201, _term_detail(request, term))


@router.post(
    "/meetings/terms/{term_id}/committee",
    response={201: TermDetailOut, **ERRORS},
    summary="Ghi ủy viên Ban Chấp hành được bầu",
)
@api_guard(MANAGE)
def committee_elect(request, term_id: TermId, payload: ElectIn):
    term = selectors.term_get(actor=request.auth, term_id=term_id)
    person = selectors.committee_candidates(term=term).filter(pk=payload.person_id).first()
    position = PositionKind.objects.filter(pk=payload.position_id).first()
    if person is None:
        raise Http404
    if position is None:
        raise ValidationError({"position_id": _("Chức vụ không có trong danh mục.")})
    services.committee_elect(
        actor=request.auth, term=term, person=person, position=position, votes=payload.votes
    )
    return Status(201, _term_detail(request, term))


# -- the inspection board and mid-term committee changes ------------------------------------------------


def _board_out(board) -> dict:
    return {
        "id": board.pk,
        "conference_id": board.conference_id,
        "elected_on": board.elected_on,
        "ends_on": board.ends_on,
        "members": [
            {"full_name": m.full_name, "role": m.role, "title": m.title} for m in board.members.all()
        ],
    }


@router.post(
    "/meetings/conferences/{conference_id}/inspection-board",
    response={201: BoardOut, **ERRORS},
    summary="Ghi Ban thanh tra nhân dân được hội nghị bầu",
)
@api_guard(MANAGE)
def inspection_board_elect(request, conference_id: ConferenceId, payload: BoardIn):
    conference = _to_change(request, conference_id)
    board = services.inspection_board_elect(
        actor=request.auth,
        conference=conference,
        members=[(m.full_name, m.role, m.title) for m in payload.members],
        note=payload.note,
    )
    return Status(201, _board_out(board))


@router.post(
    "/meetings/terms/{term_id}/changes",
    response={201: ChangeOut, **ERRORS},
    summary="Ghi thay đổi Ban Chấp hành giữa nhiệm kỳ",
)
@api_guard(MANAGE)
def committee_change(request, term_id: TermId, payload: ChangeIn):
    term = selectors.term_get(actor=request.auth, term_id=term_id)
    ended = person = position = None
    if payload.ended_id is not None:
        ended = selectors.open_positions(term=term).filter(pk=payload.ended_id).first()
        if ended is None:
            raise Http404
    if payload.person_id is not None:
        person = selectors.unit_candidates(unit=term.unit, on=payload.on).filter(pk=payload.person_id).first()
        if person is None:
            raise Http404
    if payload.position_id is not None:
        position = PositionKind.objects.filter(pk=payload.position_id).first()
        if position is None:
            raise ValidationError({"position_id": _("Chức vụ không có trong danh mục.")})
    change = services.committee_change(
        actor=request.auth,
        term=term,
        on=payload.on,
        reason=payload.reason,
        ended=ended,
        person=person,
        position=position,
        votes=payload.votes,
    )
    return Status(201, change)


# -- reminders -------------------------------------------------------------------------------------


@router.get(
    "/meetings/compliance/overdue",
    response={200: OverdueListOut, **ERRORS},
    summary="Đơn vị quá hạn chưa tổ chức hội nghị, với cán bộ liên hệ",
)
@api_guard(VIEW)
def overdue(request, query: Query[ComplianceQuery]):
    unit = _unit(request, query.unit) if query.unit else selectors.first_unit(actor=request.auth)
    if unit is None:
        raise Http404
    year = query.year or rules.last_complete_year(today())
    units = reminders.overdue_units(actor=request.auth, unit=unit, year=year, kind=query.kind)
    return {
        "unit_id": unit.pk,
        "year": year,
        "kind": query.kind,
        "deadline": rules.deadline(year),
        "units": units,
    }


@router.post(
    "/meetings/compliance/reminders",
    response={201: RemindOut, **ERRORS},
    summary="Gửi email nhắc các đơn vị quá hạn chưa tổ chức hội nghị",
)
@api_guard(MANAGE)
def remind(request, payload: RemindIn):
    unit = _unit(request, payload.unit_id)
    sent = reminders.reminders_start(actor=request.auth, unit=unit, year=payload.year, kind=payload.kind)
    return Status(
        201,
        {
            "sent": len(sent.sent),
            "recent": len(sent.recent),
            "no_address": len(sent.no_address),
            "job_id": str(sent.job.pk) if sent.job else None,
        },
    )


# -- mid-year and year-end reviews -----------------------------------------------------------------
ReviewId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của hội nghị sơ kết, tổng kết."}]


def _review_detail(request, review) -> dict:
    selectors.with_unit_names([review])
    extra = selectors.review_detail(actor=request.auth, review=review)
    text = {k: getattr(review, k) for k in ("guests", "results", "launched", "note")}
    return {**ReviewOut.from_orm(review).dict(), **text, **extra}


@router.get("/meetings/reviews", response={200: ReviewPageOut, **ERRORS}, summary="Hội nghị sơ kết, tổng kết")
@api_guard(VIEW)
def review_list(request, query: Query[ReviewListQuery]):
    def search(unit):
        filters = selectors.ReviewFilters(unit=unit, year=query.year, kind=query.kind)
        return selectors.review_search(actor=request.auth, filters=filters)

    return _listed(request, query, search)


@router.get(
    "/meetings/reviews/{review_id}",
    response={200: ReviewDetailOut, **ERRORS},
    summary="Chi tiết hội nghị sơ kết, tổng kết",
)
@api_guard(VIEW)
def review_detail(request, review_id: ReviewId):
    return _review_detail(request, selectors.review_get(actor=request.auth, review_id=review_id))


@router.post(
    "/meetings/reviews", response={201: ReviewDetailOut, **ERRORS}, summary="Ghi hội nghị sơ kết, tổng kết"
)
@api_guard(MANAGE)
def review_record(request, payload: ReviewIn):
    unit = _unit(request, payload.unit_id, payload.held_on)
    review = reviews.review_record(actor=request.auth, unit=unit, **payload.dict(exclude={"unit_id"}))
    return Status(201, _review_detail(request, review))


@router.post(
    "/meetings/reviews/{review_id}/awards",
    response={201: ReviewDetailOut, **ERRORS},
    summary="Ghi khen thưởng trao tại hội nghị sơ kết, tổng kết",
)
@api_guard(MANAGE)
def review_award_add(request, review_id: ReviewId, payload: ReviewAwardIn):
    review = selectors.review_get(actor=request.auth, review_id=review_id)
    reviews.review_award_add(actor=request.auth, review=review, **payload.dict())
    return Status(201, _review_detail(request, review))


@router.post(
    "/meetings/reviews/{review_id}/documents",
    response={201: ReviewDetailOut, **ERRORS},
    summary="Gắn báo cáo, quyết định khen thưởng hoặc kế hoạch phát động thi đua",
)
@api_guard(MANAGE)
def review_link(request, review_id: ReviewId, payload: ReviewLinkIn):
    review = selectors.review_get(actor=request.auth, review_id=review_id)
    document = (
        selectors.review_document_choices(actor=request.auth, review=review)
        .filter(pk=payload.document_id)
        .first()
    )
    if document is None:
        raise Http404
    reviews.review_link(actor=request.auth, review=review, document=document, role=payload.role)
    return Status(201, _review_detail(request, review))
