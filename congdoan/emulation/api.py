"""/api/v1/emulation/…: movements and registrations, read through the selectors and changed
through the services. Ids in the path or the body are resolved through selectors (``unit_get``
for units), so anything out of the actor's reach answers 404."""

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from congdoan.core.api import ERRORS, MAX_ID, Date, PageNumbers
from congdoan.core.dates import today
from congdoan.documents.selectors import document_get
from congdoan.members.selectors import member_get
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import block_api, levels, movement_api, pledge_api, rating, scoring, selectors, services, titles
from .models import Title
from .permissions import MANAGE, VIEW, require_block
from .schemas import (
    AssessmentIn,
    BlockDetailOut,
    BlockIn,
    BlockMemberIn,
    BlockOut,
    DecisionIn,
    EntriesIn,
    EntryOut,
    FlagIn,
    LevelRankOut,
    MovementDetailOut,
    MovementIn,
    MovementOut,
    OfficersIn,
    PledgeDetailOut,
    PledgeListOut,
    RankOut,
    RatingDetailOut,
    RatingIn,
    RatingOut,
    RatingStepIn,
    RatingSummaryOut,
    RegistrationIn,
    RegistrationOut,
    RubricAdaptIn,
    RubricOut,
    ScoreEvidenceOut,
    ScoreIn,
    SheetDetailOut,
    SheetIn,
    SheetOut,
    StepIn,
    TitleOut,
)

router = Router(tags=["Thi đua"])

MovementId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của phong trào."}]
BlockId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của khối thi đua."}]
SheetId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của bảng điểm."}]
RegistrationId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đăng ký thi đua."}]
PledgeId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của giao ước thi đua."}]
UnitId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của cấp công đoàn lập khối."}]


movement_api.register(router, MovementId)
pledge_api.register(router, BlockId)
block_api.register(router, BlockId)


def unit_for(request, unit_id: int, perm: str = VIEW):
    return unit_get(actor=request.auth, unit_id=unit_id, perm=perm)


@router.get("/emulation/movements", response={200: list[MovementOut], **ERRORS}, summary="Phong trào thi đua")
@api_guard(VIEW)
@paginate(PageNumbers)
def movement_list(request, year: int | None = Query(None, ge=1900, le=2100)):
    """Movements launched by a unit in the actor's reach or by a level above it; ``year``: those
    running in that year."""
    return selectors.movement_search(actor=request.auth, year=year)


@router.get(
    "/emulation/movements/{movement_id}",
    response={200: MovementDetailOut, **ERRORS},
    summary="Chi tiết phong trào",
)
@api_guard(VIEW)
def movement_detail(request, movement_id: MovementId):
    """The movement with its criteria and participating units."""
    return movement_api.movement_out(request.auth, movement_id)


@router.post(
    "/emulation/movements", response={201: MovementDetailOut, **ERRORS}, summary="Phát động phong trào"
)
@api_guard(MANAGE)
def movement_create(request, payload: MovementIn):
    fields = payload.dict(exclude={"unit_id", "plan_document_id", "criteria", "unit_ids"})
    fields.update(movement_api.terms_in(request, payload))
    plan = (
        document_get(actor=request.auth, document_id=payload.plan_document_id)
        if payload.plan_document_id
        else None
    )
    movement = services.movement_create(
        actor=request.auth, unit=unit_for(request, payload.unit_id), plan_document=plan, **fields
    )
    return Status(201, movement_api.movement_out(request.auth, movement.pk))


@router.get(
    "/emulation/registrations", response={200: list[RegistrationOut], **ERRORS}, summary="Đăng ký thi đua"
)
@api_guard(VIEW)
@paginate(PageNumbers)
def registration_list(
    request,
    movement_id: int | None = Query(None, ge=1, le=MAX_ID),
    state: Literal["draft", "submitted", "returned", "accepted"] | None = None,
):
    movement = selectors.movement_get(actor=request.auth, movement_id=movement_id) if movement_id else None
    return selectors.registration_search(actor=request.auth, movement=movement, state=state or "")


@router.get(
    "/emulation/registrations/{registration_id}",
    response={200: RegistrationOut, **ERRORS},
    summary="Chi tiết đăng ký thi đua",
)
@api_guard(VIEW)
def registration_detail(request, registration_id: RegistrationId):
    return selectors.registration_get(actor=request.auth, registration_id=registration_id)


@router.post(
    "/emulation/registrations", response={201: RegistrationOut, **ERRORS}, summary="Đăng ký thi đua (nháp)"
)
@api_guard(MANAGE)
def registration_create(request, payload: RegistrationIn):
    actor = request.auth
    movement = selectors.movement_get(actor=actor, movement_id=payload.movement_id)
    registration = services.registration_create(
        actor=actor,
        movement=movement,
        unit=unit_for(request, payload.unit_id),
        targets=payload.targets,
        year=payload.year,
    )
    return Status(201, selectors.registration_get(actor=actor, registration_id=registration.pk))


@router.post(
    "/emulation/registrations/{registration_id}/steps",
    response={200: RegistrationOut, **ERRORS},
    summary="Gửi, duyệt hoặc trả lại đăng ký",
)
@api_guard(MANAGE)
def registration_step(request, registration_id: RegistrationId, payload: StepIn):
    """``submit`` (the registering unit), ``accept`` or ``send_back`` with a ``reason`` (the unit
    directly above it)."""
    actor = request.auth
    registration = selectors.registration_get(actor=actor, registration_id=registration_id)
    services.registration_step(
        actor=actor, registration=registration, step=payload.step, reason=payload.reason
    )
    return selectors.registration_get(actor=actor, registration_id=registration.pk)


# -- blocks ----------------------------------------------------------------------------------------


def _block_detail(block):
    block.members_list = selectors.block_members(block)
    block.officers_list = selectors.block_officers(block)
    block.flags_list = selectors.block_flags(block)
    pledges = selectors.block_pledges(block)
    for pledge in pledges:
        pledge.party_unit_ids = [p.unit_id for p in pledge.parties.all() if p.unit_id]
    return {
        **{
            f: getattr(block, f)
            for f in ("id", "kind", "name", "unit_id", "unit_name", "valid_from", "valid_to", "deputies")
        },
        "members": block.members_list,
        "officers": block.officers_list,
        "flags": block.flags_list,
        "pledges": pledges,
    }


@router.get("/emulation/blocks", response={200: list[BlockOut], **ERRORS}, summary="Khối thi đua")
@api_guard(VIEW)
@paginate(PageNumbers)
def block_list(request, year: int | None = Query(None, ge=1900, le=2100)):
    """Blocks formed by a unit in the actor's reach or with a member unit in it."""
    return selectors.block_search(actor=request.auth, year=year)


@router.get(
    "/emulation/blocks/{block_id}",
    response={200: BlockDetailOut, **ERRORS},
    summary="Khối thi đua: thành viên, khối trưởng, khối phó, cờ luân lưu, giao ước",
)
@api_guard(VIEW)
def block_detail(request, block_id: BlockId):
    return _block_detail(selectors.block_get(actor=request.auth, block_id=block_id))


@router.get("/emulation/pledges", response={200: list[PledgeListOut], **ERRORS}, summary="Giao ước thi đua")
@api_guard(VIEW)
@paginate(PageNumbers)
def pledge_list(request, year: int | None = Query(None, ge=1900, le=2100)):
    """Pledges of a unit in the actor's reach, of a block the actor sees, or signed by a unit in reach
    (``selectors.pledge_search``), latest year first."""
    qs = selectors.pledge_search(actor=request.auth)
    return qs.filter(year=year) if year else qs


@router.get(
    "/emulation/pledges/{pledge_id}",
    response={200: PledgeDetailOut, **ERRORS},
    summary="Giao ước thi đua: nội dung và các bên ký",
)
@api_guard(VIEW)
def pledge_detail(request, pledge_id: PledgeId):
    """A pledge with its targets and its parties in signing order; out of the actor's reach: 404."""
    return pledge_api.pledge_out(request.auth, pledge_id)


@router.post("/emulation/blocks", response={201: BlockDetailOut, **ERRORS}, summary="Thành lập khối thi đua")
@api_guard(MANAGE)
def block_create(request, payload: BlockIn):
    fields = payload.dict(exclude={"unit_id"})
    block = services.block_create(actor=request.auth, unit=unit_for(request, payload.unit_id), **fields)
    return Status(201, _block_detail(selectors.block_get(actor=request.auth, block_id=block.pk)))


# -- scoring ---------------------------------------------------------------------------------------


def _sheet_detail(sheet):
    return {
        **{
            f: getattr(sheet, f)
            for f in ("id", "unit_id", "unit_name", "name", "total", "valid_from", "valid_to")
        },
        "criteria": list(sheet.criteria.all()),
    }


def _pass_points(raw: str | None):
    """A mandatory criterion's pass mark as typed (unreadable: 422 naming ``criteria``)."""
    if raw is None or not raw.strip():
        return None
    value = scoring.parse_points(raw)
    if value is None:
        raise ValidationError(
            {"criteria": _("Tiêu chí: điểm đạt '%(v)s' không phải là số điểm.") % {"v": raw}}
        )
    return value


@router.get("/emulation/sheets", response={200: list[SheetOut], **ERRORS}, summary="Bảng điểm thi đua")
@api_guard(VIEW)
@paginate(PageNumbers)
def sheet_list(request):
    return selectors.sheet_search(actor=request.auth)


@router.get(
    "/emulation/sheets/{sheet_id}", response={200: SheetDetailOut, **ERRORS}, summary="Chi tiết bảng điểm"
)
@api_guard(VIEW)
def sheet_detail(request, sheet_id: SheetId):
    return _sheet_detail(selectors.sheet_get(actor=request.auth, sheet_id=sheet_id))


@router.post(
    "/emulation/sheets", response={201: SheetDetailOut, **ERRORS}, summary="Ban hành bảng điểm thi đua"
)
@api_guard(MANAGE)
def sheet_create(request, payload: SheetIn):
    """Criteria's ``max_points`` must add up to ``total`` (422 naming ``criteria`` otherwise)."""
    unit = unit_for(request, payload.unit_id)
    total = scoring.parse_points(payload.total)
    if total is None:
        raise ValidationError(
            {"total": _("Tổng điểm tối đa: '%(v)s' không phải là số điểm.") % {"v": payload.total}}
        )
    criteria = [
        (c.group, c.name, scoring.parse_points(c.max_points), c.kind, _pass_points(c.pass_points))
        for c in payload.criteria
    ]
    sheet = scoring.sheet_create(
        actor=request.auth,
        unit=unit,
        name=payload.name,
        valid_from=payload.valid_from,
        total=total,
        criteria=criteria,
    )
    return Status(201, _sheet_detail(selectors.sheet_get(actor=request.auth, sheet_id=sheet.pk)))


@router.get(
    "/emulation/blocks/{block_id}/ranking",
    response={200: list[RankOut], **ERRORS},
    summary="Xếp hạng trong khối",
)
@api_guard(VIEW)
@paginate(PageNumbers)
def block_ranking(request, block_id: BlockId, year: int | None = Query(None, ge=1900, le=2100)):
    """The block's members ranked for ``year`` (default: the latest year scored) by total points;
    equal totals share a rank."""
    block = selectors.block_get(actor=request.auth, block_id=block_id)
    years = scoring.scored_years(block)
    return scoring.ranking(block, year or (years[0] if years else 0))


@router.get(
    "/emulation/levels/{unit_id}/ranking",
    response={200: list[LevelRankOut], **ERRORS},
    summary="Xếp hạng toàn cấp",
)
@api_guard(VIEW)
@paginate(PageNumbers)
def level_ranking(request, unit_id: UnitId, year: int | None = Query(None, ge=1900, le=2100)):
    """Every unit scored for ``year`` (default: the latest year scored) in a block formed by the level
    ``unit_id``, ranked together by total points; equal totals share a rank (1, 2, 2, 4). A unit
    scored in two of the level's blocks is one item naming both (its total: their mean)."""
    unit = unit_for(request, unit_id)
    years = scoring.level_years(unit)
    return levels.level_ranking(unit, year or (years[0] if years else 0))


@router.post(
    "/emulation/blocks/{block_id}/scores", response={201: RankOut, **ERRORS}, summary="Chấm điểm một đơn vị"
)
@api_guard(MANAGE)
def block_score(request, block_id: BlockId, payload: ScoreIn):
    """Points per criterion of the sheet in force that year; adjusting recorded points needs a ``note``.
    Errors name ``criterion_<id>``."""
    actor = request.auth
    block = selectors.block_get(actor=actor, block_id=block_id)
    unit = unit_for(request, payload.unit_id)
    points = {p.criterion_id: scoring.parse_points(p.points) for p in payload.points}
    result = scoring.score_record(
        actor=actor, block=block, year=payload.year, unit=unit, points=points, note=payload.note
    )
    # The rank is computed over the whole year's results, then this unit's row is picked.
    return Status(201, next(r for r in scoring.ranking(block, payload.year) if r.pk == result.pk))


# -- block writes ----------------------------------------------------------------------------------


def _managed_block(request, block_id: int):
    block = selectors.block_get(actor=request.auth, block_id=block_id)
    require_block(request.auth, block)
    return block


@router.post(
    "/emulation/blocks/{block_id}/members",
    response={201: BlockDetailOut, **ERRORS},
    summary="Thêm đơn vị thành viên khối",
)
@api_guard(MANAGE)
def block_member_add(request, block_id: BlockId, payload: BlockMemberIn):
    """A unit of the forming level's subtree joins the block from ``valid_from``; a unit already a
    member in that period is refused (422 naming ``unit``)."""
    block = _managed_block(request, block_id)
    services.block_member_add(
        actor=request.auth,
        block=block,
        unit=unit_for(request, payload.unit_id),
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    return Status(201, _block_detail(selectors.block_get(actor=request.auth, block_id=block.pk)))


@router.post(
    "/emulation/blocks/{block_id}/officers",
    response={201: BlockDetailOut, **ERRORS},
    summary="Công nhận khối trưởng, khối phó",
)
@api_guard(MANAGE)
def block_officers(request, block_id: BlockId, payload: OfficersIn):
    block = _managed_block(request, block_id)
    services.block_officers_name(
        actor=request.auth,
        block=block,
        year=payload.year,
        leader=unit_for(request, payload.leader_id),
        deputies=[unit_for(request, u) for u in payload.deputy_ids],
        decision_reference=payload.decision_reference,
        decided_on=payload.decided_on,
    )
    return Status(201, _block_detail(selectors.block_get(actor=request.auth, block_id=block.pk)))


@router.post(
    "/emulation/blocks/{block_id}/flags", response={201: BlockDetailOut, **ERRORS}, summary="Trao cờ luân lưu"
)
@api_guard(MANAGE)
def block_flag(request, block_id: BlockId, payload: FlagIn):
    block = _managed_block(request, block_id)
    services.flag_hand_over(
        actor=request.auth,
        block=block,
        year=payload.year,
        from_unit=unit_for(request, payload.from_unit_id) if payload.from_unit_id else None,
        to_unit=unit_for(request, payload.to_unit_id),
        handed_on=payload.handed_on,
        note=payload.note,
    )
    return Status(201, _block_detail(selectors.block_get(actor=request.auth, block_id=block.pk)))


# -- titles ----------------------------------------------------------------------------------------


@router.get("/emulation/titles", response={200: list[TitleOut], **ERRORS}, summary="Danh hiệu thi đua")
@api_guard(VIEW)
@paginate(PageNumbers)
def title_list(request, on: Date | None = None):
    """The catalogue of emulation titles with their bonus multiples and ``basis`` (the decree and
    article of each period: 91/2017 Điều 69, 98/2023 Điều 54, 152/2025 Điều 50); ``on``: those in
    force that day."""
    qs = Title.objects.order_by("order", "name")
    return qs.active(on) if on else qs


@router.get(
    "/emulation/registrations/{registration_id}/titles",
    response={200: list[EntryOut], **ERRORS},
    summary="Danh hiệu đăng ký",
)
@api_guard(VIEW)
def registration_titles(request, registration_id: RegistrationId):
    registration = selectors.registration_get(actor=request.auth, registration_id=registration_id)
    return selectors.registration_entries(registration)


@router.post(
    "/emulation/registrations/{registration_id}/titles",
    response={201: list[EntryOut], **ERRORS},
    summary="Đăng ký một danh hiệu cho nhiều tập thể, cá nhân",
)
@api_guard(MANAGE)
def registration_titles_add(request, registration_id: RegistrationId, payload: EntriesIn):
    actor = request.auth
    registration = selectors.registration_get(actor=actor, registration_id=registration_id)
    title = Title.objects.filter(pk=payload.title_id).first()
    if title is None:
        raise Http404
    titles.registration_titles_add(
        actor=actor,
        registration=registration,
        title=title,
        units=[unit_for(request, u) for u in payload.unit_ids],
        members=[member_get(actor=actor, person_id=m) for m in payload.member_ids],
    )
    return Status(201, selectors.registration_entries(registration))


# -- ratings of grassroots unions ------------------------------------------------------------------

RatingId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của bản đánh giá xếp loại."}]


def _rating_detail(actor, rating_id: int):
    obj = selectors.rating_get(actor=actor, rating_id=rating_id)
    obj.lines_list = selectors.rating_lines(obj)
    return obj


def _points(items) -> dict:
    return {p.item_id: scoring.parse_points(p.points) for p in items}


@router.get(
    "/emulation/ratings", response={200: list[RatingOut], **ERRORS}, summary="Xếp loại công đoàn cơ sở"
)
@api_guard(VIEW)
@paginate(PageNumbers)
def rating_list(
    request,
    year: int | None = Query(None, ge=1900, le=2100),
    state: Literal["draft", "submitted", "returned", "decided"] | None = None,
):
    return selectors.rating_search(actor=request.auth, year=year, state=state or "")


@router.get(
    "/emulation/ratings/summary",
    response={200: RatingSummaryOut, **ERRORS},
    summary="Tổng hợp xếp loại công đoàn cơ sở của một đơn vị",
)
@api_guard(VIEW)
def rating_summary(
    request,
    unit_id: int | None = Query(None, ge=1, le=MAX_ID),
    year: int | None = Query(None, ge=1900, le=2100),
):
    """ "x of y CĐCS rated": the grassroots unions of the unit's subtree on 31/12 and the count per
    grade. Defaults: the actor's own unit, last year."""
    actor = request.auth
    if unit_id is None and actor.home_unit_id is None:
        raise ValidationError({"unit_id": _("Đơn vị: hãy chọn đơn vị.")})
    unit = unit_for(request, unit_id or actor.home_unit_id)
    year = year or today().year - 1
    counts = selectors.rating_counts(actor=request.auth, unit=unit, year=year)
    return {
        "unit_id": unit.pk,
        "year": year,
        "units": counts["units"],
        "rated": counts["rated"],
        "grades": [{"code": g.code, "name": g.name, "count": n} for g, n in counts["grades"]],
    }


@router.get(
    "/emulation/ratings/{rating_id}",
    response={200: RatingDetailOut, **ERRORS},
    summary="Bản đánh giá xếp loại",
)
@api_guard(VIEW)
def rating_detail(request, rating_id: RatingId):
    return _rating_detail(request.auth, rating_id)


@router.post("/emulation/ratings", response={201: RatingDetailOut, **ERRORS}, summary="Mở bản tự đánh giá")
@api_guard(MANAGE)
def rating_create(request, payload: RatingIn):
    obj = rating.rating_start(actor=request.auth, unit=unit_for(request, payload.unit_id), year=payload.year)
    return Status(201, _rating_detail(request.auth, obj.pk))


@router.post(
    "/emulation/ratings/{rating_id}/assessment",
    response={200: RatingDetailOut, **ERRORS},
    summary="Tự chấm điểm",
)
@api_guard(MANAGE)
def rating_assess(request, rating_id: RatingId, payload: AssessmentIn):
    """Points of the items the union types (those from the records are filled in); errors name
    ``item_<id>``."""
    obj = selectors.rating_get(actor=request.auth, rating_id=rating_id)
    rating.rating_self_assess(
        actor=request.auth,
        rating=obj,
        points=_points(payload.points),
        discipline_case=payload.discipline_case,
    )
    return _rating_detail(request.auth, obj.pk)


@router.post(
    "/emulation/ratings/{rating_id}/steps",
    response={200: RatingDetailOut, **ERRORS},
    summary="Gửi cấp trên hoặc trả lại",
)
@api_guard(MANAGE)
def rating_step(request, rating_id: RatingId, payload: RatingStepIn):
    obj = selectors.rating_get(actor=request.auth, rating_id=rating_id)
    rating.rating_step(actor=request.auth, rating=obj, step=payload.step, reason=payload.reason)
    return _rating_detail(request.auth, obj.pk)


@router.post(
    "/emulation/ratings/{rating_id}/decision",
    response={200: RatingDetailOut, **ERRORS},
    summary="Quyết định xếp loại (công đoàn cấp trên trực tiếp)",
)
@api_guard(MANAGE)
def rating_decide(request, rating_id: RatingId, payload: DecisionIn):
    """Only the directly-superior union on ``decided_on`` decides (422 naming ``reviewer``
    otherwise; a day outside the year-to-today range names ``decided_on``); of two
    decisions at once one is saved, the other answers 422 naming ``state``."""
    actor = request.auth
    obj = selectors.rating_get(actor=actor, rating_id=rating_id)
    reviewer = unit_for(request, payload.reviewer_id) if payload.reviewer_id else None
    rating.rating_decide(
        actor=actor,
        rating=obj,
        reviewer=reviewer,
        points=_points(payload.points),
        note=payload.note,
        on=payload.decided_on,
        discipline_case=payload.discipline_case,
    )
    return _rating_detail(actor, obj.pk)


# -- rubrics ---------------------------------------------------------------------------------------

RubricId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của bảng tiêu chí xếp loại."}]


def _rubric_detail(actor, rubric_id: int):
    obj = selectors.rubric_get(actor=actor, rubric_id=rubric_id)
    obj.items_list = list(obj.items.all())
    return obj


@router.get(
    "/emulation/rubrics/{rubric_id}",
    response={200: RubricOut, **ERRORS},
    summary="Bảng tiêu chí xếp loại công đoàn cơ sở",
)
@api_guard(VIEW)
def rubric_detail(request, rubric_id: RubricId):
    """A rubric the actor may read (of a union in their reach or above it, or the default)."""
    return _rubric_detail(request.auth, rubric_id)


@router.post(
    "/emulation/rubrics/{rubric_id}/adaptations",
    response={201: RubricOut, **ERRORS},
    summary="Điều chỉnh bảng tiêu chí cho một năm",
)
@api_guard(MANAGE)
def rubric_adapt(request, rubric_id: RubricId, payload: RubricAdaptIn):
    """Copy the rubric for ``year`` as ``unit_id``'s new version and adapt what the body gives;
    maxima that do not add up to the total (or the bonus items to the bonus maximum): 422 naming
    the field, nothing written."""
    actor = request.auth
    base = selectors.rubric_get(actor=actor, rubric_id=rubric_id)
    unit = unit_for(request, payload.unit_id)
    changes = payload.dict(exclude={"unit_id", "year"}, exclude_none=True)
    if payload.items is not None:
        changes["items"] = [(i.group, i.name, i.max_points, i.bonus, i.source) for i in payload.items]
    new = rating.rubric_adapt(actor=actor, unit=unit, year=payload.year, base=base, **changes)
    return Status(201, _rubric_detail(actor, new.pk))


# -- evidence of a score ---------------------------------------------------------------------------

EvidenceId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của tệp minh chứng."}]


@router.post(
    "/emulation/evidence/{evidence_id}/withdrawal",
    response={200: ScoreEvidenceOut, **ERRORS},
    summary="Rút minh chứng chấm điểm",
)
@api_guard(MANAGE)
def score_evidence_withdraw(request, evidence_id: EvidenceId):
    """The uploading side takes an evidence file back while the score's year is not decided: the
    file is marked withdrawn (who, when) and kept, not deleted (``scoring.score_evidence_withdraw``).
    Out of reach or withdrawn already: 404; not the uploading side: 403; a decided year: 422."""
    evidence = selectors.evidence_get(actor=request.auth, evidence_id=evidence_id)
    return scoring.score_evidence_withdraw(actor=request.auth, evidence=evidence)


# The scores' review (self-scoring, steps, the leader's adjustment) and the lists of scores,
# rubrics and grades: their own modules, this router.
from . import list_api, score_api  # noqa: E402, F401
