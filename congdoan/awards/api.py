"""/api/v1/awards/…: the catalogue, nominations (create, submit, review, return), decisions with their
awardees and the award history of a person or a unit. Ids in the path or the body are resolved
through selectors, so anything out of the actor's reach answers 404."""

from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from congdoan.core.api import ERRORS, MAX_ID, PageNumbers
from congdoan.core.dates import today
from congdoan.emulation.models import Title
from congdoan.members.selectors import member_get
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import decisions, eligibility, records, selectors, services
from .models import EligibilityRule, Form
from .permissions import DECIDE, MANAGE, VIEW
from .schemas import (
    AwardBlockProposalOut,
    AwardDecisionIn,
    AwardDisciplineEndIn,
    AwardDisciplineIn,
    AwardDisciplineOut,
    AwardEarlierServiceIn,
    AwardEarlierServiceOut,
    AwardOut,
    AwardRatingIn,
    AwardRatingOut,
    DecisionDetailOut,
    DecisionOut,
    FormOut,
    NominationDetailOut,
    NominationDossierIn,
    NominationIn,
    NominationOut,
    NominationStepIn,
)

router = Router(tags=["Khen thưởng"])

NominationId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đề nghị khen thưởng."}]
DecisionId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của quyết định khen thưởng."}]
MemberId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đoàn viên."}]
DisciplineId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của bản ghi kỷ luật."}]
UnitId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của đơn vị."}]
BlockId = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của khối thi đua."}]


def _form_out(row, kind: str, rules=()) -> dict:
    multiples = (
        [
            {
                "recipient": m.recipient,
                "multiple": float(m.multiple),
                "valid_from": m.valid_from,
                "valid_to": m.valid_to,
                "source": m.source,
            }
            for m in row.multiples.all()
        ]
        if kind == "form"
        else [
            {
                "recipient": row.recipient,
                "multiple": float(row.bonus_multiple),
                "valid_from": row.valid_from,
                "valid_to": row.valid_to,
                "source": "",
            }
        ]
        if getattr(row, "bonus_multiple", None) is not None
        else []
    )
    return {
        "multiples": multiples,
        "rules": [
            {
                "rule": r.rule,
                "label": eligibility.describe(r)[0],
                "params": r.params or {},
                "valid_from": r.valid_from,
                "valid_to": r.valid_to,
                "source": r.source,
            }
            for r in rules
            if r.target in (row.code, "*")
        ],
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
    rules = list(EligibilityRule.objects.order_by("target", "rule", "-valid_from"))
    forms = [_form_out(f, "form", rules) for f in selectors.form_search(actor=request.auth)]
    titles = [_form_out(t, "title", rules) for t in Title.objects.order_by("order", "name")]
    return forms + titles


def _nomination_out(n, *, with_lines: bool = False, actor=None) -> dict:
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
        checks = services.line_checks(n)
        behind = selectors.line_initiatives(actor=actor, lines=[line for line, _r in checks])
        out["lines"] = [
            {
                "id": line.pk,
                "person_id": line.person_id,
                "person_name": line.person.full_name if line.person_id else "",
                "unit_id": line.unit_id,
                "unit_name": str(line.unit) if line.unit_id else "",
                "votes_for": line.votes_for,
                "checks": [r.__dict__ for r in results],
                "initiatives": [
                    {"id": i.pk, "title": i.title, "used": i.used_by is not None}
                    for i in behind.get(line.pk, [])
                ],
            }
            for line, results in checks
        ]
    return out


@router.get(
    "/awards/nominations", response={200: list[NominationOut], **ERRORS}, summary="Đề nghị khen thưởng"
)
@api_guard(VIEW)
@paginate(PageNumbers)
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
    return _nomination_out(n, with_lines=True, actor=request.auth)


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
        initiatives = selectors.initiatives_by_id(actor=actor, ids=set(line.initiative_ids))
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
        201,
        _nomination_out(
            selectors.nomination_get(actor=actor, nomination_id=n.pk), with_lines=True, actor=actor
        ),
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


@router.post(
    "/awards/nominations/{nomination_id}/dossier",
    response={200: NominationDetailOut, **ERRORS},
    summary="Sửa hồ sơ đề nghị đang đề xuất hoặc bị trả lại: báo cáo, hội đồng, số phiếu từng dòng",
)
@api_guard(MANAGE)
def nomination_update(request, nomination_id: NominationId, payload: NominationDossierIn):
    """``services.nomination_update``: only while the proposal is proposed or returned (else 422
    naming ``state``); votes above the council's size answer 422 naming ``votes``."""
    actor = request.auth
    n = selectors.nomination_get(actor=actor, nomination_id=nomination_id)
    given = payload.model_fields_set
    services.nomination_update(
        actor=actor,
        nomination=n,
        report=payload.report,
        council_size=payload.council_size if "council_size" in given else n.council_size,
        council_present=payload.council_present if "council_present" in given else n.council_present,
        votes={v.line_id: v.votes_for for v in payload.votes},
    )
    return _nomination_out(
        selectors.nomination_get(actor=actor, nomination_id=n.pk), with_lines=True, actor=actor
    )


@router.get(
    "/awards/blocks/{block_id}/proposals",
    response={200: list[AwardBlockProposalOut], **ERRORS},
    summary="Đề nghị khen thưởng từ xếp hạng khối thi đua",
)
@api_guard(VIEW)
def block_proposals(request, block_id: BlockId, year: int | None = Query(None, ge=1900, le=2100)):
    """The units the block's ranking of ``year`` (default: last year) proposes
    (``emulation.selectors.proposals``: rank 1 the Cờ thi đua, the next the Bằng khen), with the
    catalogue row each becomes at the block's level; a block out of reach answers 404."""
    year = year or today().year - 1
    _block, rows = selectors.block_proposals(actor=request.auth, block_id=block_id, year=year)
    return [
        {
            "unit_id": p.unit_id,
            "unit_name": p.unit_name,
            "rank": p.rank,
            "total": float(p.total or 0),
            "proposal": p.form,
            "proposal_label": str(p.form_label),
            "code": kind.code if kind else "",
            "award": str(kind) if kind else "",
        }
        for p, kind, _key in rows
    ]


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
@paginate(PageNumbers)
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


# -- discipline, task ratings, earlier union work --------------------------------------------------


def _discipline_out(d) -> dict:
    return {
        "id": d.pk,
        "owner_id": d.owner_id,
        "owner_name": d.owner_name or "",
        "person_id": d.person_id,
        "person_name": d.person.full_name if d.person_id else "",
        "unit_id": d.unit_id,
        "unit_name": d.collective_name or "",
        "level": d.level,
        "starts_on": d.starts_on,
        "ends_on": d.ends_on,
        "reference": d.reference,
        "note": d.note,
    }


@router.get(
    "/awards/disciplines",
    response={200: list[AwardDisciplineOut], **ERRORS},
    summary="Kỷ luật, xem xét, điều tra",
)
@api_guard(VIEW)
@paginate(PageNumbers)
def discipline_list(
    request,
    unit_id: int | None = Query(None, ge=1, le=MAX_ID, description="Đơn vị ghi nhận và cấp dưới."),
    person_id: int | None = Query(None, ge=1, le=MAX_ID),
    level: Literal["investigation", "reprimand", "warning", "demotion", "dismissal"] | None = None,
    state: Literal["active", "ended"] | None = None,
    year: int | None = Query(None, ge=1900, le=2100),
):
    if unit_id:
        unit_get(actor=request.auth, unit_id=unit_id, perm=VIEW)
    rows = selectors.discipline_search(
        actor=request.auth,
        unit_id=unit_id,
        person_id=person_id,
        level=level or "",
        state=state or "",
        year=year,
    )
    return [_discipline_out(d) for d in rows]


@router.post("/awards/disciplines", response={201: AwardDisciplineOut, **ERRORS}, summary="Ghi kỷ luật")
@api_guard(MANAGE)
def discipline_create(request, payload: AwardDisciplineIn):
    actor = request.auth
    owner = unit_get(actor=actor, unit_id=payload.owner_id, perm=MANAGE)
    person = member_get(actor=actor, person_id=payload.person_id) if payload.person_id else None
    unit = unit_get(actor=actor, unit_id=payload.unit_id, perm=VIEW) if payload.unit_id else None
    d = records.discipline_record(
        actor=actor,
        owner=owner,
        person=person,
        unit=unit,
        level=payload.level,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        reference=payload.reference,
        note=payload.note,
    )
    return Status(201, _discipline_out(selectors.discipline_get(actor=actor, discipline_id=d.pk)))


@router.post(
    "/awards/disciplines/{discipline_id}/end",
    response={200: AwardDisciplineOut, **ERRORS},
    summary="Kết thúc kỷ luật",
)
@api_guard(MANAGE)
def discipline_end(request, discipline_id: DisciplineId, payload: AwardDisciplineEndIn):
    actor = request.auth
    d = selectors.discipline_get(actor=actor, discipline_id=discipline_id)
    records.discipline_end(actor=actor, record=d, ends_on=payload.ends_on)
    return _discipline_out(selectors.discipline_get(actor=actor, discipline_id=d.pk))


def _rating_out(r) -> dict:
    return {
        "id": r.pk,
        "person_id": r.person_id,
        "person_name": r.person.full_name,
        "unit_id": r.unit_id,
        "unit_name": r.unit_name or "",
        "year": r.year,
        "grade": r.grade,
    }


@router.get(
    "/awards/ratings",
    response={200: list[AwardRatingOut], **ERRORS},
    summary="Xếp loại mức độ hoàn thành nhiệm vụ",
)
@api_guard(VIEW)
@paginate(PageNumbers)
def rating_list(
    request,
    unit_id: int | None = Query(None, ge=1, le=MAX_ID, description="Đơn vị đánh giá và cấp dưới."),
    person_id: int | None = Query(None, ge=1, le=MAX_ID),
    year: int | None = Query(None, ge=1900, le=2100),
    grade: Literal["excellent", "good", "done", "not_done"] | None = None,
):
    if unit_id:
        unit_get(actor=request.auth, unit_id=unit_id, perm=VIEW)
    rows = selectors.rating_search(
        actor=request.auth, unit_id=unit_id, person_id=person_id, year=year, grade=grade or ""
    )
    return [_rating_out(r) for r in rows]


@router.post(
    "/awards/ratings",
    response={201: AwardRatingOut, **ERRORS},
    summary="Ghi xếp loại hoàn thành nhiệm vụ (ghi lại thay xếp loại cũ, lịch sử giữ trong nhật ký)",
)
@api_guard(MANAGE)
def rating_create(request, payload: AwardRatingIn):
    actor = request.auth
    unit = unit_get(actor=actor, unit_id=payload.unit_id, perm=MANAGE)
    person = member_get(actor=actor, person_id=payload.person_id)
    r = records.rating_record(actor=actor, unit=unit, person=person, year=payload.year, grade=payload.grade)
    row = selectors.rating_search(actor=actor).get(pk=r.pk)
    return Status(201, _rating_out(row))


def _service_out(s) -> dict:
    return {
        "id": s.pk,
        "person_id": s.person_id,
        "person_name": s.person.full_name,
        "owner_id": s.owner_id,
        "owner_name": s.owner_name or "",
        "starts_on": s.starts_on,
        "ends_on": s.ends_on,
        "position": s.position,
        "organisation": s.organisation,
    }


@router.get(
    "/awards/earlier-service",
    response={200: list[AwardEarlierServiceOut], **ERRORS},
    summary="Quá trình công tác công đoàn trước đây",
)
@api_guard(VIEW)
@paginate(PageNumbers)
def service_list(
    request,
    unit_id: int | None = Query(None, ge=1, le=MAX_ID, description="Đơn vị ghi nhận và cấp dưới."),
    person_id: int | None = Query(None, ge=1, le=MAX_ID),
):
    if unit_id:
        unit_get(actor=request.auth, unit_id=unit_id, perm=VIEW)
    rows = selectors.earlier_service_search(actor=request.auth, unit_id=unit_id, person_id=person_id)
    return [_service_out(s) for s in rows]


@router.post(
    "/awards/earlier-service",
    response={201: AwardEarlierServiceOut, **ERRORS},
    summary="Ghi quá trình công tác công đoàn trước đây",
)
@api_guard(MANAGE)
def service_create(request, payload: AwardEarlierServiceIn):
    actor = request.auth
    owner = unit_get(actor=actor, unit_id=payload.owner_id, perm=MANAGE)
    person = member_get(actor=actor, person_id=payload.person_id)
    s = records.earlier_service_record(
        actor=actor,
        owner=owner,
        person=person,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        position=payload.position,
        organisation=payload.organisation,
    )
    return Status(201, _service_out(selectors.earlier_service_search(actor=actor).get(pk=s.pk)))
