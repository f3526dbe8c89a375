"""/api/v1/emulation/scores/…: a block member's score and its review (``score_review``): the unit's
own points, the steps (send, accept, return), the block leader's adjustment. Added to the module's
router (``api.router``); ids resolved through selectors, so one out of reach answers 404; a unit or
a leader that may not act answers 403; bad points 422 naming ``criterion_<id>``."""

from ninja import Path, Status

from congdoan.core.api import ERRORS, MAX_ID
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import score_review, scoring, selectors
from .api import BlockId, router
from .permissions import MANAGE, VIEW
from .schemas import ScoreDetailOut, ScoreReviewIn, ScoreStepIn, SelfScoreIn

ScoreId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của kết quả chấm điểm."}]


def _detail(actor, result_id: int):
    result = selectors.result_get(actor=actor, result_id=result_id)
    result.lines_list = list(result.lines.select_related("criterion"))
    return {
        **{f: getattr(result, f) for f in ScoreDetailOut.model_fields if f != "lines"},
        "lines": result.lines_list,
    }


@router.get("/emulation/scores/{result_id}", response={200: ScoreDetailOut, **ERRORS}, summary="Điểm thi đua")
@api_guard(VIEW)
def score_detail(request, result_id: ScoreId):
    """A score with its lines: the unit's own points, the leader's and the current ones."""
    return _detail(request.auth, result_id)


@router.post(
    "/emulation/blocks/{block_id}/self-scores",
    response={201: ScoreDetailOut, **ERRORS},
    summary="Đơn vị tự chấm điểm thi đua",
)
@api_guard(MANAGE)
def score_self(request, block_id: BlockId, payload: SelfScoreIn):
    """The member unit's own points (a new score, or a draft or returned one); only its officers."""
    actor = request.auth
    block = selectors.block_get(actor=actor, block_id=block_id)
    unit = unit_get(actor=actor, unit_id=payload.unit_id, perm=VIEW)
    points = {p.criterion_id: scoring.parse_points(p.points) for p in payload.points}
    result = score_review.score_self_assess(
        actor=actor, block=block, year=payload.year, unit=unit, points=points
    )
    return Status(201, _detail(actor, result.pk))


@router.post(
    "/emulation/scores/{result_id}/steps",
    response={200: ScoreDetailOut, **ERRORS},
    summary="Xử lý điểm thi đua",
)
@api_guard(MANAGE)
def score_step(request, result_id: ScoreId, payload: ScoreStepIn):
    """Send (the unit), accept or return with a reason (the block's leader; the level on a reviewed
    score). A state the step does not start from: 422 naming ``state``."""
    actor = request.auth
    result = selectors.result_get(actor=actor, result_id=result_id)
    score_review.score_step(actor=actor, result=result, step=payload.step, reason=payload.reason)
    return _detail(actor, result.pk)


@router.post(
    "/emulation/scores/{result_id}/review",
    response={200: ScoreDetailOut, **ERRORS},
    summary="Khối trưởng điều chỉnh điểm",
)
@api_guard(MANAGE)
def score_review_adjust(request, result_id: ScoreId, payload: ScoreReviewIn):
    """The block leader's points for a sent score, with the reason; not the leader: 403."""
    actor = request.auth
    result = selectors.result_get(actor=actor, result_id=result_id)
    points = {p.criterion_id: scoring.parse_points(p.points) for p in payload.points}
    score_review.score_review(actor=actor, result=result, points=points, reason=payload.reason)
    return _detail(actor, result.pk)
