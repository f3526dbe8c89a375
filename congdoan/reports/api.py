"""/api/v1/reports/: the figures of a unit's subtree for a period as of a date, and the catalogue of
figure names. The same registry (``core.figures``, through ``selectors``) as the pages and files."""

from django.http import Http404
from ninja import Query, Router

from congdoan.core import figures
from congdoan.core.api import ERRORS
from congdoan.core.periods import period_between
from congdoan.organizations.permissions import api_guard

from . import selectors
from .permissions import VIEW
from .schemas import CatalogueItemOut, FiguresOut, FiguresQuery

router = Router(tags=["Báo cáo"])


@router.get(
    "/reports/figures",
    response={200: FiguresOut, **ERRORS},
    summary="Số liệu của một đơn vị trong một kỳ",
    by_alias=True,
)
@api_guard(VIEW)
def figure_values(request, query: Query[FiguresQuery]):
    """Every figure the actor may read (or those of ``names``) for the unit and its subtree, over the
    period ``from``–``to``, read as of ``as_of``. 404 outside the actor's reach; 422 for a period ending
    before it starts, beginning after today or in a year outside 1900–2100
    (``core.periods.period_between``), an ``as_of`` in the future, an unknown name, a unit that did not exist then."""
    period = period_between(query.from_, query.to, fields=("from", "to"), started=True)
    unit_id = query.unit or selectors.default_unit_id(actor=request.auth)
    if unit_id is None:
        raise Http404
    scope = selectors.scope_read(actor=request.auth, unit_id=unit_id, period=period, as_of=query.as_of)
    names = query.names.split(",") if query.names is not None else None
    values = selectors.figure_values(actor=request.auth, scope=scope, names=names)
    return {
        "unit": scope.unit_id,
        "unit_name": scope.name,
        "from": period.start,
        "to": period.end,
        "as_of": scope.as_of,
        "figures": values,
    }


@router.get(
    "/reports/figures/catalogue", response={200: list[CatalogueItemOut], **ERRORS}, summary="Danh mục số liệu"
)
@api_guard(VIEW)
def figure_catalogue(request):
    """Every registered figure: name, label, measure (people, units, vnd, percent), the word of what
    it counts ("sáng kiến", "người", "đồng"), whether a percentage is of a target (above 100 % is not
    a figure to check), roll-up rule and, for a computed one, the figures it is computed from."""
    return [
        {
            "name": f.name,
            "label": str(f.label),
            "measure": f.measure,
            "counted": f.word,
            "against_target": f.against_target,
            "rollup": f.rule,
            "inputs": list(f.inputs),
        }
        for f in figures.catalogue()
    ]
