"""/api/v1/emulation/… lists the module's pages show and the API lacked (issue 11 "API"): a block's
scores of a year, the rating rubrics with their items, the grades with their thresholds and validity.
Paged like every list (``core.api.PageNumbers``: ``?page=&page_size=``); added to the module's
router (``api.router``); ids resolved through selectors, so a block or a unit out of reach answers
404. Each list costs the same queries whatever its length."""

import datetime as dt

from django.db.models import Prefetch
from ninja import Query
from ninja.pagination import paginate

from congdoan.core.api import ERRORS, MAX_ID, PageNumbers
from congdoan.organizations.permissions import api_guard

from . import scoring, selectors
from .api import BlockId, router, unit_for
from .models import Grade, RubricItem
from .permissions import VIEW
from .schemas import GradeOut, RubricOut, ScoreOut

Year = Query(None, ge=1900, le=2100)


@router.get(
    "/emulation/blocks/{block_id}/scores",
    response={200: list[ScoreOut], **ERRORS},
    summary="Điểm thi đua của khối",
)
@api_guard(VIEW)
@paginate(PageNumbers)
def block_scores(request, block_id: BlockId, year: int | None = Year):
    """The block's scores for ``year`` (default: the latest year scored), in every state, that the
    actor may open (the scored unit's own, the forming level's, the block leader's of that year:
    ``selectors.result_search``), by unit name. The ranking of the decided ones:
    ``/emulation/blocks/{block_id}/ranking``."""
    block = selectors.block_get(actor=request.auth, block_id=block_id)
    years = scoring.scored_years(block)
    return selectors.result_search(actor=request.auth, block=block, year=year or (years[0] if years else 0))


@router.get("/emulation/rubrics", response={200: list[RubricOut], **ERRORS}, summary="Bảng tiêu chí xếp loại")
@api_guard(VIEW)
@paginate(PageNumbers)
def rubric_list(
    request,
    year: int | None = Year,
    unit_id: int | None = Query(None, ge=1, le=MAX_ID, description="Công đoàn ban hành."),
):
    """The rubrics the actor may read (the default, those of unions in their reach or above it),
    latest year and version first, each with its items (two queries whatever the number)."""
    qs = selectors.rubric_search(actor=request.auth)
    if year:
        qs = qs.filter(year=year)
    if unit_id:
        qs = qs.filter(unit=unit_for(request, unit_id))
    return qs.prefetch_related(
        Prefetch("items", queryset=RubricItem.objects.order_by("order", "id"), to_attr="items_list")
    )


@router.get("/emulation/grades", response={200: list[GradeOut], **ERRORS}, summary="Thang xếp loại")
@api_guard(VIEW)
@paginate(PageNumbers)
def grade_list(request, year: int | None = Year):
    """The grades of the rating (rules as data): with ``year``, those in force on 31/12 of that year
    (top first), else every grade ever in force (latest first), each with its threshold (% of the
    rubric's total) and its validity."""
    if year:
        return Grade.objects.active(dt.date(year, 12, 31)).order_by("rank", "id")
    return Grade.objects.order_by("-valid_from", "rank", "id")
