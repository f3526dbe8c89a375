"""/api/v1/emulation/blocks/{id}/meetings, /plans, /members/{id}/end, /officers/{id}/correct: a
block's own records. The block is resolved through ``selectors.block_get`` (out of sight 404), the
rows under it through the block, documents and units through their selectors; the services ask the
policy (a member's officer 403) and name the field of bad input (422)."""

from django.http import Http404
from ninja import Path, Status
from ninja.pagination import paginate

from congdoan.core.api import ERRORS, MAX_ID, PageNumbers
from congdoan.documents.selectors import document_get
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import block_records, selectors
from .block_schemas import MeetingIn, MeetingOut, MemberEndIn, OfficerCorrectIn, PlanIn, PlanOut
from .models import FlagHandover
from .permissions import MANAGE, VIEW, require_block
from .schemas import BlockMemberOut, BlockOfficerOut

MemberId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của dòng thành viên khối."}]
OfficerId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của dòng khối trưởng/khối phó."}]


def _managed(actor, block_id: int):
    """The block (out of sight 404), managed by the actor (else 403) before anything else is read."""
    block = selectors.block_get(actor=actor, block_id=block_id)
    require_block(actor, block)
    return block


def _document(actor, document_id):
    return document_get(actor=actor, document_id=document_id) if document_id else None


def _row(rows, pk):
    """A row of the block (its meetings, members, officers): out of the block, 404."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def register(router, BlockId) -> None:
    @router.get(
        "/emulation/blocks/{block_id}/meetings",
        response={200: list[MeetingOut], **ERRORS},
        summary="Hội nghị của khối thi đua",
    )
    @api_guard(VIEW)
    @paginate(PageNumbers)
    def block_meeting_list(request, block_id: BlockId):
        """The block's meetings, latest first, each with the year of the flag handed there."""
        return selectors.block_meetings(selectors.block_get(actor=request.auth, block_id=block_id))

    @router.post(
        "/emulation/blocks/{block_id}/meetings",
        response={201: MeetingOut, **ERRORS},
        summary="Ghi hội nghị của khối",
    )
    @api_guard(MANAGE)
    def block_meeting_record(request, block_id: BlockId, payload: MeetingIn):
        actor = request.auth
        block = _managed(actor, block_id)
        handover = None
        if payload.handover_year:
            handover = FlagHandover.objects.filter(block=block, year=payload.handover_year).first()
        meeting = block_records.block_meeting_record(
            actor=actor,
            block=block,
            minutes=_document(actor, payload.minutes_id),
            handover=handover,
            **payload.dict(exclude={"minutes_id", "handover_year"}),
        )
        return Status(201, next(m for m in selectors.block_meetings(block) if m.pk == meeting.pk))

    @router.get(
        "/emulation/blocks/{block_id}/plans",
        response={200: list[PlanOut], **ERRORS},
        summary="Kế hoạch năm của khối thi đua",
    )
    @api_guard(VIEW)
    @paginate(PageNumbers)
    def block_plan_list(request, block_id: BlockId):
        return selectors.block_plans(selectors.block_get(actor=request.auth, block_id=block_id))

    @router.post(
        "/emulation/blocks/{block_id}/plans",
        response={201: PlanOut, **ERRORS},
        summary="Ghi kế hoạch năm của khối",
    )
    @api_guard(MANAGE)
    def block_plan_add(request, block_id: BlockId, payload: PlanIn):
        actor = request.auth
        block = _managed(actor, block_id)
        meeting = _row(block.meetings.all(), payload.meeting_id) if payload.meeting_id else None
        return Status(
            201,
            block_records.block_plan_add(
                actor=actor,
                block=block,
                year=payload.year,
                document=_document(actor, payload.document_id),
                adopted_on=payload.adopted_on,
                meeting=meeting,
            ),
        )

    @router.post(
        "/emulation/blocks/{block_id}/members/{block_member_id}/end",
        response={200: BlockMemberOut, **ERRORS},
        summary="Thôi là thành viên khối",
    )
    @api_guard(MANAGE)
    def block_member_end(request, block_id: BlockId, block_member_id: MemberId, payload: MemberEndIn):
        """Ends the membership from ``on`` (exclusive end); a leader or deputy of that year: 422 on
        ``on`` until the officers are corrected."""
        block = _managed(request.auth, block_id)
        member = _row(block.members.all(), block_member_id)
        block_records.block_member_end(actor=request.auth, member=member, **payload.dict())
        return next(m for m in selectors.block_members(block) if m.pk == member.pk)

    @router.post(
        "/emulation/blocks/{block_id}/officers/{officer_id}/correct",
        response={201: BlockOfficerOut, **ERRORS},
        summary="Điều chỉnh khối trưởng, khối phó theo quyết định sau",
    )
    @api_guard(MANAGE)
    def block_officer_correct(request, block_id: BlockId, officer_id: OfficerId, payload: OfficerCorrectIn):
        """Replaces the officer by ``unit_id`` from ``on`` to the end of the year; the replaced row
        is kept (``valid_to``, ``replaced_by_id``)."""
        actor = request.auth
        block = _managed(actor, block_id)
        officer = _row(block.officers.all(), officer_id)
        new = block_records.block_officers_correct(
            actor=actor,
            officer=officer,
            unit=unit_get(actor=actor, unit_id=payload.unit_id, perm=VIEW),
            decision=_document(actor, payload.decision_id),
            **payload.dict(exclude={"unit_id", "decision_id"}),
        )
        return Status(201, next(o for o in selectors.block_officers(block) if o.pk == new.pk))
