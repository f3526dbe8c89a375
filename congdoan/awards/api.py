"""/api/v1/awards/…: the catalogue, nominations (create, submit, review, return), decisions with their
awardees and the award history of a person or a unit. Ids in the path or the body are resolved
through selectors, so anything out of the actor's reach answers 404."""

from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from congdoan.core.api import ERRORS, MAX_ID, Pagination
from congdoan.emulation.models import Title
from congdoan.initiatives.models import Initiative
from congdoan.members.selectors import member_get
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import decisions, selectors, services
from .models import Form
from .permissions import DECIDE, MANAGE, VIEW
from .schemas import (
    AwardDecisionIn,
    AwardOut,
    DecisionDetailOut,
    DecisionOut,
    FormOut,
    NominationDetailOut,
    NominationIn,
    NominationOut,
    NominationStepIn,
)

router = Router(tags=["Khen thưởng"])

NominationId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đề nghị khen thưởng."}]
DecisionId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của quyết định khen thưởng."}]
MemberId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đoàn viên."}]
UnitId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đơn vị."}]


def _form_out(row, kind: str) -> dict:
    return {
        "id": row.pk,
        "kind": kind,
        "code": row.code,
        "name": row.name,
        "issuer_level": row.issuer_level,
        "recipients": row.recipients if kind == "form" else row.recipient,
        "valid_from": row.valid_from,
        "valid_to": row.valid_to,
    }


@router.get(
    "/awards/catalogue", response={200: list[FormOut], **ERRORS}, summary="Danh mục hình thức, danh hiệu"
)
@api_guard(VIEW)
def catalogue(request):
    forms = [_form_out(f, "form") for f in selectors.form_search(actor=request.auth)]
    titles = [_form_out(t, "title") for t in Title.objects.order_by("order", "name")]
    return forms + titles


def _nomination_out(n, *, with_lines: bool = False) -> dict:
    out = {
        **{
            f: getattr(n, f)
            for f in (
                "id",
                "unit_id",
                "unit_name",
                "form_id",
                "title_id",
                "year",
                "occasion",
                "issuer_id",
                "issuer_name",
                "reviewer_id",
                "reviewer_name",
                "council_size",
                "council_present",
                "state",
                "state_reason",
            )
        },
        "award": n.award_name,
    }
    if with_lines:
        out["lines"] = [
            {
                "id": line.pk,
                "person_id": line.person_id,
                "person_name": line.person.full_name if line.person_id else "",
                "unit_id": line.unit_id,
                "unit_name": str(line.unit) if line.unit_id else "",
                "votes_for": line.votes_for,
                "checks": [r.__dict__ for r in results],
            }
            for line, results in services.line_checks(n)
        ]
    return out


@router.get(
    "/awards/nominations", response={200: list[NominationOut], **ERRORS}, summary="Đề nghị khen thưởng"
)
@api_guard(VIEW)
@paginate(Pagination)
def nomination_list(
    request,
    year: int | None = Query(None, ge=1900, le=2100),
    state: Literal["proposed", "reviewing", "passed", "failed", "returned", "decided"] | None = None,
):
    return [
        _nomination_out(n)
        for n in selectors.nomination_search(actor=request.auth, year=year, state=state or "")
    ]


@router.get(
    "/awards/nominations/{nomination_id}",
    response={200: NominationDetailOut, **ERRORS},
    summary="Hồ sơ đề nghị khen thưởng và kết quả kiểm tra điều kiện",
)
@api_guard(VIEW)
def nomination_detail(request, nomination_id: NominationId):
    n = selectors.nomination_get(actor=request.auth, nomination_id=nomination_id)
    return _nomination_out(n, with_lines=True)


def _kind(code: str) -> dict:
    form = Form.objects.filter(code=code).first()
    if form is not None:
        return {"form": form}
    title = Title.objects.filter(code=code).first()
    if title is None:
        raise ValidationError({"code": _("Mã '%(c)s' không có trong danh mục khen thưởng.") % {"c": code}})
    return {"title": title}


@router.post(
    "/awards/nominations", response={201: NominationDetailOut, **ERRORS}, summary="Lập đề nghị khen thưởng"
)
@api_guard(MANAGE)
def nomination_create(request, payload: NominationIn):
    actor = request.auth
    nominating = unit_get(actor=actor, unit_id=payload.unit_id, perm=MANAGE)
    issuer = unit_get(actor=actor, unit_id=payload.issuer_id, perm=VIEW) if payload.issuer_id else None
    lines = []
    for line in payload.lines:  # every id resolved first: out of reach is 404 before any other error
        person = member_get(actor=actor, person_id=line.person_id) if line.person_id else None
        unit = unit_get(actor=actor, unit_id=line.unit_id, perm=VIEW) if line.unit_id else None
        if (person is None) == (unit is None):
            raise ValidationError(
                {"lines": _("Mỗi dòng ghi một người (person_id) hoặc một tập thể (unit_id).")}
            )
        initiatives = list(Initiative.objects.filter(pk__in=line.initiative_ids))
        if len(initiatives) != len(set(line.initiative_ids)):
            raise ValidationError({"initiatives": _("Có mã sáng kiến không tồn tại.")})
        lines.append(
            services.LineIn(
                person=person,
                unit=unit,
                votes_for=line.votes_for,
                achievements=line.achievements,
                initiatives=initiatives,
            )
        )
    n = services.nomination_create(
        actor=actor,
        unit=nominating,
        year=payload.year,
        occasion=payload.occasion,
        issuer=issuer,
        issuer_name=payload.issuer_name,
        report=payload.report,
        council_size=payload.council_size,
        council_present=payload.council_present,
        lines=lines,
        **_kind(payload.code),
    )
    return Status(
        201, _nomination_out(selectors.nomination_get(actor=actor, nomination_id=n.pk), with_lines=True)
    )


@router.post(
    "/awards/nominations/{nomination_id}/steps",
    response={200: NominationOut, **ERRORS},
    summary="Gửi, trình cấp trên, xét đạt, không đạt hoặc trả lại đề nghị",
)
@api_guard(MANAGE)
def nomination_step(request, nomination_id: NominationId, payload: NominationStepIn):
    """``submit`` (the nominating unit), then at the reviewing level ``forward`` (to the level above),
    ``approve`` (đạt, at the issuer's level), ``reject`` or ``send_back`` with a ``reason``."""
    actor = request.auth
    n = selectors.nomination_get(actor=actor, nomination_id=nomination_id)
    services.nomination_step(actor=actor, nomination=n, step=payload.step, reason=payload.reason)
    return _nomination_out(selectors.nomination_get(actor=actor, nomination_id=n.pk))


def _decision_out(d, *, awards=None) -> dict:
    out = {
        "id": d.pk,
        "number_symbol": d.document.number_symbol or d.document.sender_number,
        "title": d.document.title,
        "decided_on": d.decided_on,
        "issuer_id": d.issuer_id,
        "issuer_name": d.issuer_name,
        "unit_id": d.unit_id,
        "base_salary": d.base_salary,
        "document_id": d.document_id,
    }
    if awards is not None:
        out["awards"] = [_award_out(a) for a in awards]
    return out


def _award_out(a) -> dict:
    return {
        "id": a.pk,
        "decision_id": a.decision_id,
        "award": a.award_name,
        "year": a.year,
        "person_id": a.person_id,
        "person_name": a.person.full_name if a.person_id else "",
        "unit_id": a.unit_id,
        "unit_name": a.unit_name or "",
        "home_id": a.home_id,
        "decided_on": a.decided_on,
        "multiple": float(a.multiple),
        "amount": a.amount,
    }


@router.get(
    "/awards/decisions", response={200: list[DecisionOut], **ERRORS}, summary="Quyết định khen thưởng"
)
@api_guard(VIEW)
@paginate(Pagination)
def decision_list(request, year: int | None = Query(None, ge=1900, le=2100)):
    return [_decision_out(d) for d in selectors.decision_search(actor=request.auth, year=year)]


@router.get(
    "/awards/decisions/{decision_id}",
    response={200: DecisionDetailOut, **ERRORS},
    summary="Quyết định và người được khen",
)
@api_guard(VIEW)
def decision_detail(request, decision_id: DecisionId):
    d = selectors.decision_get(actor=request.auth, decision_id=decision_id)
    return _decision_out(d, awards=selectors.decision_awards(actor=request.auth, decision=d))


@router.post(
    "/awards/decisions", response={201: DecisionDetailOut, **ERRORS}, summary="Ghi quyết định khen thưởng"
)
@api_guard(DECIDE)
def decision_create(request, payload: AwardDecisionIn):
    actor = request.auth
    nominations = [selectors.nomination_get(actor=actor, nomination_id=i) for i in payload.nomination_ids]
    d = decisions.decision_record(
        actor=actor, nominations=nominations, **payload.dict(exclude={"nomination_ids"})
    )
    d = selectors.decision_get(actor=actor, decision_id=d.pk)
    return Status(201, _decision_out(d, awards=selectors.decision_awards(actor=actor, decision=d)))


@router.get(
    "/awards/members/{member_id}/awards",
    response={200: list[AwardOut], **ERRORS},
    summary="Khen thưởng của đoàn viên",
)
@api_guard(VIEW)
def person_awards(request, member_id: MemberId):
    person = member_get(actor=request.auth, person_id=member_id)
    return [_award_out(a) for a in selectors.award_search(actor=request.auth, person_id=person.pk)]


@router.get(
    "/awards/units/{unit_id}/awards",
    response={200: list[AwardOut], **ERRORS},
    summary="Khen thưởng của tập thể",
)
@api_guard(VIEW)
def unit_awards(request, unit_id: UnitId):
    unit = unit_get(actor=request.auth, unit_id=unit_id, perm=VIEW)
    return [_award_out(a) for a in selectors.award_search(actor=request.auth, unit_id=unit.pk)]
