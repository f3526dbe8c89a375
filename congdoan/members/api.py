"""/api/v1/members, /api/v1/transfers and /api/v1/positions: the member register, read through the
selectors and changed through the services.

Members and transfers named in the path are resolved with ``member_get`` / ``transfer_get``,
positions through the members the actor sees, and units named in the query or body with
``unit_get``, so anything out of the actor's reach answers 404. The one exception is a transfer's destination, which may lie anywhere: it is only looked up.

Personal data never appears in a URL we produce (responses carry no URLs at all); a client may
still search by an ID number through ``q``.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from congdoan.core.api import ERRORS, MAX_ID
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import api_guard, get_visible_or_404
from congdoan.organizations.selectors import unit_get

from . import selectors, services
from .models import OfficerPosition, Person, PositionKind, Transfer
from .permissions import MANAGE, VIEW
from .schemas import (
    LeaveIn,
    MemberDetailOut,
    MemberJoinIn,
    MemberListQuery,
    MemberPageOut,
    MemberUpdateIn,
    PositionAssignIn,
    PositionEndIn,
    PositionOut,
    RejectIn,
    RejoinIn,
    StatusIn,
    TransferIn,
    TransferListQuery,
    TransferOut,
    TransferPageOut,
)

router = Router(tags=["Đoàn viên"])

MemberId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đoàn viên."}]
TransferId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đề nghị chuyển sinh hoạt."}]
PositionId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của chức vụ đoàn viên đang giữ."}]


def _described(actor, people: list[Person]) -> list[Person]:
    """Unit names (one query for all) and whether personal fields may be shown."""
    names = selectors.unit_names_on([p.unit_id for p in people if p.unit_id])
    may_see = selectors.personal_visible(actor)
    for person in people:
        person.unit_name = names.get(person.unit_id, "")
        person.personal = may_see(person)
    return people


def _positions(held_positions: list[OfficerPosition]) -> list[OfficerPosition]:
    names = selectors.unit_names_on([p.unit_id for p in held_positions])
    for held in held_positions:
        held.unit_name = names.get(held.unit_id, "")
    return held_positions


def _detail(actor, person: Person) -> Person:
    _described(actor, [person])
    history = selectors.member_history(actor=actor, person=person)
    person.periods = history["periods"]
    person.held_positions = _positions(list(history["positions"]))
    return person


def _transfers(transfers: list[Transfer]) -> list[Transfer]:
    names = selectors.unit_names_on([u for t in transfers for u in (t.from_unit_id, t.to_unit_id)])
    for t in transfers:
        t.from_unit_name, t.to_unit_name = names.get(t.from_unit_id, ""), names.get(t.to_unit_id, "")
    return transfers


def _page(qs: QuerySet, query) -> dict:
    # The cap is read at call time (not bound as capped_count's default) so tests can lower it.
    count, exact = selectors.capped_count(qs, selectors.COUNT_CAP)
    start = (query.page - 1) * query.page_size
    return {"items": list(qs[start : start + query.page_size]), "count": count, "count_exact": exact}


def _member(request, member_id: int) -> Person:
    return selectors.member_get(actor=request.auth, person_id=member_id)


def _unit(request, unit_id: int, on=None) -> Unit:
    return unit_get(actor=request.auth, unit_id=unit_id, as_of=on, perm=VIEW)


# -- members --------------------------------------------------------------------------------------


@router.get("/members", response={200: MemberPageOut, **ERRORS}, summary="Tìm đoàn viên")
@api_guard(VIEW)
def member_list(request, query: Query[MemberListQuery]):
    """Members the actor may see, a page at a time (``page``, ``page_size`` ≤ 200). ``count`` stops
    at 10.000 (``count_exact`` false past it). Filters on personal facts (``age_band``,
    ``policy_family``, ``hardship``) only match members whose personal data the actor may see."""
    actor = request.auth
    filters = query.dict(exclude={"page", "page_size"})
    filters["unit"] = _unit(request, query.unit) if query.unit else None
    qs = selectors.member_search(actor=actor, filters=selectors.MemberFilters(**filters))
    page = _page(qs, query)
    _described(actor, page["items"])
    return page


@router.get("/members/{member_id}", response={200: MemberDetailOut, **ERRORS}, summary="Chi tiết đoàn viên")
@api_guard(VIEW)
def member_detail(request, member_id: MemberId):
    return _detail(request.auth, _member(request, member_id))


@router.post("/members", response={201: MemberDetailOut, **ERRORS}, summary="Kết nạp đoàn viên")
@api_guard(MANAGE)
def member_join(request, payload: MemberJoinIn):
    fields = payload.dict(exclude={"unit_id", "on", "card_number"}, exclude_unset=True)
    person = services.member_join(
        actor=request.auth,
        unit=_unit(request, payload.unit_id, payload.on),
        on=payload.on,
        card_number=payload.card_number,
        **fields,
    )
    return Status(201, _detail(request.auth, person))


@router.patch(
    "/members/{member_id}", response={200: MemberDetailOut, **ERRORS}, summary="Sửa thông tin đoàn viên"
)
@api_guard(MANAGE)
def member_update(request, member_id: MemberId, payload: MemberUpdateIn):
    """Only the fields sent change. Changing a personal field needs members.view_personal (else 403)."""
    person = _member(request, member_id)
    services.member_update(actor=request.auth, person=person, **payload.dict(exclude_unset=True))
    return _detail(request.auth, person)


@router.post(
    "/members/{member_id}/transfer", response={201: TransferOut, **ERRORS}, summary="Chuyển sinh hoạt"
)
@api_guard(MANAGE)
def member_transfer(request, member_id: MemberId, payload: TransferIn):
    """Accepted at once when the actor also manages the receiving unit; otherwise pending until
    the receiving unit's officer accepts it. The receiving unit may be outside the actor's scope."""
    person = _member(request, member_id)
    to_unit = get_visible_or_404(Unit.objects.all(), pk=payload.to_unit_id)
    transfer = services.member_transfer(
        actor=request.auth, person=person, to_unit=to_unit, on=payload.on, note=payload.note
    )
    return Status(201, _transfers([transfer])[0])


@router.post(
    "/members/{member_id}/leave", response={200: MemberDetailOut, **ERRORS}, summary="Ra khỏi tổ chức"
)
@api_guard(MANAGE)
def member_leave(request, member_id: MemberId, payload: LeaveIn):
    person = _member(request, member_id)
    services.member_leave(
        actor=request.auth, person=person, on=payload.on, status=payload.status, note=payload.note
    )
    return _detail(request.auth, person)


@router.post("/members/{member_id}/rejoin", response={200: MemberDetailOut, **ERRORS}, summary="Kết nạp lại")
@api_guard(MANAGE)
def member_rejoin(request, member_id: MemberId, payload: RejoinIn):
    person = _member(request, member_id)
    services.member_rejoin(
        actor=request.auth,
        person=person,
        unit=_unit(request, payload.unit_id, payload.on),
        on=payload.on,
        card_number=payload.card_number,
    )
    return _detail(request.auth, person)


@router.post(
    "/members/{member_id}/status",
    response={200: MemberDetailOut, **ERRORS},
    summary="Miễn sinh hoạt / sinh hoạt lại",
)
@api_guard(MANAGE)
def member_set_status(request, member_id: MemberId, payload: StatusIn):
    person = _member(request, member_id)
    services.member_set_status(actor=request.auth, person=person, status=payload.status, on=payload.on)
    return _detail(request.auth, person)


@router.post(
    "/members/{member_id}/positions", response={201: PositionOut, **ERRORS}, summary="Giao chức vụ công đoàn"
)
@api_guard(MANAGE)
def position_assign(request, member_id: MemberId, payload: PositionAssignIn):
    """The unit is the member's unit or one above it, managed by the actor; the member must belong
    to it (or to a unit under it) on ``valid_from``."""
    person = _member(request, member_id)
    unit = _unit(request, payload.unit_id, payload.valid_from)
    position = PositionKind.objects.filter(code=payload.position).first()
    if position is None:
        raise ValidationError({"position": _("Không có chức vụ mã '%(c)s'.") % {"c": payload.position}})
    held = services.position_assign(
        actor=request.auth,
        person=person,
        position=position,
        unit=unit,
        valid_from=payload.valid_from,
        term=payload.term,
    )
    return Status(201, _positions([held])[0])


@router.post(
    "/positions/{position_id}/end",
    response={200: PositionOut, **ERRORS},
    summary="Kết thúc chức vụ công đoàn",
)
@api_guard(MANAGE)
def position_end(request, position_id: PositionId, payload: PositionEndIn):
    held = selectors.position_get(actor=request.auth, position_id=position_id)
    services.position_end(actor=request.auth, position_held=held, on=payload.on)
    return _positions([held])[0]


# -- transfers ------------------------------------------------------------------------------------


@router.get("/transfers", response={200: TransferPageOut, **ERRORS}, summary="Đề nghị chuyển sinh hoạt")
@api_guard(VIEW)
def transfer_list(request, query: Query[TransferListQuery]):
    select = selectors.incoming_transfers if query.direction == "incoming" else selectors.outgoing_transfers
    page = _page(select(actor=request.auth), query)
    _transfers(page["items"])
    return page


@router.post(
    "/transfers/{transfer_id}/accept",
    response={200: TransferOut, **ERRORS},
    summary="Tiếp nhận đoàn viên chuyển đến",
)
@api_guard(MANAGE)
def transfer_accept(request, transfer_id: TransferId):
    transfer = selectors.transfer_get(actor=request.auth, transfer_id=transfer_id)
    services.transfer_accept(actor=request.auth, transfer=transfer)
    return _transfers([transfer])[0]


@router.post(
    "/transfers/{transfer_id}/reject", response={200: TransferOut, **ERRORS}, summary="Từ chối tiếp nhận"
)
@api_guard(MANAGE)
def transfer_reject(request, transfer_id: TransferId, payload: RejectIn):
    transfer = selectors.transfer_get(actor=request.auth, transfer_id=transfer_id)
    services.transfer_reject(actor=request.auth, transfer=transfer, note=payload.note)
    return _transfers([transfer])[0]
