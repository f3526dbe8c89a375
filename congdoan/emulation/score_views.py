"""Pages of a block member's score and its review (``score_review``): the unit's own points (tự
chấm), the score's page with its steps (send, accept, return), the block leader's adjustment.
Thin, as ``views``: selectors read, services decide; ids out of reach are 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from congdoan.core import attachments
from congdoan.core.audit_display import audit_rows
from congdoan.core.dates import today
from congdoan.core.forms import FORM_ERRORS, posted, submit
from congdoan.organizations.permissions import guarded, policy

from . import forms, score_review, scoring, selectors
from .permissions import MANAGE, VIEW, self_scoring_members
from .views import form_page


def _year(request) -> int:
    form = forms.RegistrationFilterForm({"year": request.GET.get("year") or today().year})
    return form.cleaned_data["year"] if form.is_valid() and form.cleaned_data.get("year") else today().year


@guarded(MANAGE)
def score_self(request, block_id: int):
    """Tự chấm: the points of a member unit the actor manages, for ``?year=``. A block the actor
    sees without managing any of that year's members: 403."""
    actor = request.user
    block = selectors.block_get(actor=actor, block_id=block_id)
    year = _year(request)
    own = self_scoring_members(actor, selectors.block_members(block, year))
    if not own:
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị thành viên khối năm này mới tự chấm điểm được."))
    sheet = scoring.sheet_for(block, year)
    form = forms.ScoreForm(
        posted(request), actor=actor, members=own, criteria=sheet.criteria.all() if sheet else (), note=False
    )

    def run(d):
        result = score_review.score_self_assess(
            actor=actor, block=block, year=year, unit=form.unit(d["unit"]), points=form.points()
        )
        messages.success(
            request,
            _("Đã lưu điểm tự chấm: %(total)s điểm. Hãy đính kèm minh chứng và gửi khối trưởng.")
            % {"total": scoring.points_text(result.total)},
        )
        return reverse("emulation:score_result", args=[result.pk])

    intro = _("%(block)s — năm %(y)s — %(sheet)s") % {
        "block": block.name,
        "y": year,
        "sheet": sheet or _("chưa có bảng điểm áp dụng"),
    }
    cancel = reverse("emulation:block", args=[block.pk])
    return form_page(request, form, run, title=_("Tự chấm điểm thi đua"), intro=intro, cancel_url=cancel)


def score_page(request, result, errors=(), status: int = 200, evidence_errors=()):
    """A score with its lines (the unit's, the leader's and the current points), its evidence, the
    steps the actor may take now, the links to the adjusting and deciding forms, and its history
    (``selectors.score_history``: withdrawn evidence names left out)."""
    actor = request.user
    lines = list(result.lines.select_related("criterion"))
    for line in lines:
        line.terms = scoring.criterion_terms(line.criterion)
        line.texts = [
            scoring.points_text(v) if v is not None else "—"
            for v in (line.self_points, line.review_points, line.points)
        ]
    available = score_review.SCORE_FLOW.available(actor, result)
    names = {s.name for s in available}
    can_attach = policy.can(actor, MANAGE, result.unit_id) or policy.can(actor, MANAGE, result.block.unit_id)
    decide = reverse("emulation:block_score", args=[result.block_id])
    context = {
        "result": result,
        "lines": lines,
        "totals": [
            (label, scoring.points_text(v))
            for label, v in (
                (_("Tổng điểm"), result.total),
                (_("Điểm thưởng"), result.bonus),
                (_("Điểm trừ"), result.penalty),
                (_("Điểm tự chấm"), result.self_total),
                (_("Điểm khối trưởng"), result.review_total),
            )
            if v is not None
        ],
        "steps": [s for s in available if s.name in score_review.STEPS_BY_PAGE],
        "adjust_url": reverse("emulation:score_adjust", args=[result.pk]) if "adjust" in names else "",
        "decide_url": f"{decide}?year={result.year}" if "decide" in names else "",
        "errors": errors,
        **_evidence_context(actor, result, evidence_errors),
        "upload_form": forms.UploadForm() if can_attach else None,
        "audit_rows": audit_rows(selectors.score_history(result), actor=actor),
    }
    return render(request, "emulation/score_result.html", context, status=status)


@guarded(MANAGE)
def score_step(request, result_id: int):
    """POST only; the score is resolved first, so one out of reach is a 404 whatever the method."""
    actor = request.user
    result = selectors.result_get(actor=actor, result_id=result_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        score_review.score_step(
            actor=actor,
            result=result,
            step=request.POST.get("step", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        result.refresh_from_db()
        return score_page(request, result, errors=exc.messages, status=FORM_ERRORS)
    messages.success(request, _("Điểm thi đua: %(state)s.") % {"state": result.get_state_display()})
    return redirect("emulation:score_result", result.pk)


@guarded(MANAGE)
def score_adjust(request, result_id: int):
    """The block leader's points for a sent score, with a reason. Not the leader: 403."""
    actor = request.user
    result = selectors.result_get(actor=actor, result_id=result_id)
    if not score_review.SCORE_FLOW.may(actor, result, score_review.SCORE_FLOW.step("adjust")):
        raise PermissionDenied(_("Chỉ khối trưởng của năm điều chỉnh được điểm tự chấm của đơn vị."))
    form = forms.ReviewForm(
        posted(request), criteria=result.sheet.criteria.all(), initial_points=score_review.self_points(result)
    )

    def run(d):
        score_review.score_review(actor=actor, result=result, points=form.points(), reason=d["reason"])
        messages.success(
            request, _("Đã điều chỉnh điểm: %(total)s.") % {"total": scoring.points_text(result.total)}
        )
        return reverse("emulation:score_result", args=[result.pk])

    intro = f"{result.unit_name} — {result.block.name} — {result.year}"
    cancel = reverse("emulation:score_result", args=[result.pk])
    return form_page(request, form, run, title=_("Điều chỉnh điểm tự chấm"), intro=intro, cancel_url=cancel)


@guarded(VIEW)
def score_result(request, result_id: int):
    return score_page(request, selectors.result_get(actor=request.user, result_id=result_id))


# -- evidence files (minh chứng) -------------------------------------------------------------------


def _evidence_context(actor, result, errors=()) -> dict:
    evidence = selectors.evidence_list(result)
    decided = scoring.score_decided(result)
    # One policy check per uploading side (the scored unit, the block's level), not per file.
    sides = {e.unit_id or result.unit_id for e in evidence}
    allowed = {u for u in sides if not decided and policy.can(actor, MANAGE, u)}
    for e in evidence:
        e.can_withdraw = (e.unit_id or result.unit_id) in allowed
    return {"evidence": evidence, "evidence_errors": list(errors), "result": result}


@guarded(MANAGE)
def score_evidence_add(request, result_id: int):
    actor = request.user
    result = selectors.result_get(actor=actor, result_id=result_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.UploadForm(request.POST, request.FILES)
    if submit(
        request, form, lambda d: scoring.score_evidence_attach(actor=actor, result=result, upload=d["file"])
    ):
        messages.success(request, _("Đã đính kèm minh chứng."))
    else:
        for error in form.errors.get("file", []) + form.non_field_errors():
            messages.error(request, error)
    return redirect("emulation:score_result", result.pk)


@guarded(VIEW)
def score_evidence_download(request, evidence_id: int):
    evidence = selectors.evidence_get(actor=request.user, evidence_id=evidence_id)
    return attachments.file_response(evidence.path, name=evidence.name, content_type=evidence.content_type)


@guarded(MANAGE)
def score_evidence_withdraw(request, evidence_id: int):
    """Rút minh chứng (POST; the HTMX button asks first and gets the evidence list back; a refusal:
    the list with the message, 422)."""
    actor = request.user
    evidence = selectors.evidence_get(actor=actor, evidence_id=evidence_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    result = evidence.result
    errors, status = [], 200
    try:
        scoring.score_evidence_withdraw(actor=actor, evidence=evidence)
    except ValidationError as exc:
        errors, status = exc.messages, FORM_ERRORS
    if not request.htmx:
        if errors:
            return score_page(request, result, status=status, evidence_errors=errors)
        messages.success(request, _("Đã rút minh chứng %(f)s.") % {"f": evidence.name})
        return redirect("emulation:score_result", result.pk)
    context = _evidence_context(actor, result, errors)
    return render(request, "emulation/partials/evidence_list.html", context, status=status)
