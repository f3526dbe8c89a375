"""Pages of the annual rating of grassroots unions (issue 11 §6): the list, the self-assessment
and the superior's decision, the summary of a superior union with its Excel export, and the
rubrics (a rubric's page; copying one for a year and adapting it). Thin, as ``views``: selectors
read, services decide."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from congdoan.core import paging
from congdoan.core.audit_display import audit_rows
from congdoan.core.dates import today
from congdoan.core.forms import FORM_ERRORS, posted
from congdoan.core.labels import localized
from congdoan.organizations.permissions import guarded, policy

from . import exporting, forms, rating, scoring, selectors
from .models import Condition, Rating
from .permissions import MANAGE, VIEW
from .views import PAGE_SIZE, create_page, form_page, history, list_page

# -- ratings of grassroots unions ------------------------------------------------------------------


@guarded(VIEW)
def rating_list(request):
    return list_page(request, forms.RatingFilterForm, selectors.rating_search, "emulation/rating_list.html")


@guarded(MANAGE)
def rating_start(request):
    return create_page(
        request,
        forms.RatingStartForm,
        rating.rating_start,
        title=_("Mở bản tự đánh giá xếp loại công đoàn cơ sở"),
        done=_("Đã mở bản tự đánh giá của %(name)s."),
        detail="emulation:rating",
        cancel="emulation:ratings",
        submit_label=_("Mở"),
    )


def _rating_page(request, obj, *, errors=(), status: int = 200):
    actor = request.user
    lines = selectors.rating_lines(obj)
    groups: dict[str, list] = {}
    for line in lines:
        line.max_text = rating_points(line.item.max_points)
        line.self_text = rating_points(line.self_points)
        line.points_text = rating_points(line.points) if line.points is not None else ""
        groups.setdefault(line.item.group, []).append(line)
    steps = [s for s in rating.RATING_FLOW.available(actor, obj) if s.name in rating.STEPS_BY_PAGE]
    editable = obj.state in (obj.State.DRAFT, obj.State.RETURNED) and policy.can(actor, MANAGE, obj.unit_id)
    decidable = any(s.name == "decide" for s in rating.RATING_FLOW.available(actor, obj))
    context = {
        "rating": obj,
        "groups": groups,
        "self_total": rating_points(obj.self_total),
        "total": rating_points(obj.total) if obj.total is not None else "",
        "steps": steps,
        "can_assess": editable,
        "can_decide": decidable,
        "errors": errors,
        "audit_rows": audit_rows(history(obj), actor=actor),
    }
    return render(request, "emulation/rating_detail.html", context, status=status)


def rating_points(value) -> str:
    return scoring.points_text(value)


@guarded(VIEW)
def rating_detail(request, rating_id: int):
    return _rating_page(request, selectors.rating_get(actor=request.user, rating_id=rating_id))


def _rating_points_page(request, rating_id: int, *, deciding: bool):
    actor = request.user
    obj = selectors.rating_get(actor=actor, rating_id=rating_id)
    detail = reverse("emulation:rating", args=[obj.pk])
    form = forms.RatingPointsForm(
        posted(request), actor=actor, lines=selectors.rating_lines(obj), deciding=deciding
    )

    def run(d):
        if deciding:
            rating.rating_decide(
                actor=actor,
                rating=obj,
                reviewer=d.get("reviewer"),
                points=form.points(),
                note=d["note"],
                on=d.get("decided_on"),
                discipline_case=d.get("discipline_case"),
            )
            obj.refresh_from_db()
            messages.success(request, _("Đã xếp loại: %(grade)s.") % {"grade": obj.grade})
        else:
            rating.rating_self_assess(
                actor=actor, rating=obj, points=form.points(), discipline_case=d["discipline_case"]
            )
            messages.success(request, _("Đã lưu điểm tự chấm."))
        return detail

    title = _("Quyết định xếp loại") if deciding else _("Tự chấm điểm xếp loại")
    intro = _("%(unit)s — năm %(y)s — %(rubric)s") % {
        "unit": obj.unit_name,
        "y": obj.year,
        "rubric": obj.rubric,
    }
    return form_page(request, form, run, title=title, intro=intro, cancel_url=detail)


@guarded(MANAGE)
def rating_assess(request, rating_id: int):
    return _rating_points_page(request, rating_id, deciding=False)


@guarded(MANAGE)
def rating_decide(request, rating_id: int):
    return _rating_points_page(request, rating_id, deciding=True)


@guarded(MANAGE)
def rating_step(request, rating_id: int):
    """POST only; the rating is resolved first, so one out of reach is a 404 whatever the method."""
    actor = request.user
    obj = selectors.rating_get(actor=actor, rating_id=rating_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        rating.rating_step(
            actor=actor, rating=obj, step=request.POST.get("step", ""), reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        obj.refresh_from_db()
        return _rating_page(request, obj, errors=exc.messages, status=FORM_ERRORS)
    messages.success(request, _("Bản đánh giá: %(state)s.") % {"state": obj.get_state_display()})
    return redirect("emulation:rating", obj.pk)


def _summary_choice(request):
    """The summary's unit (the actor's home unit by default), year (last year by default), state."""
    actor = request.user
    data = request.GET.copy()
    data.setdefault("year", str(today().year - 1))
    if not data.get("unit") and actor.home_unit_id:
        data["unit"] = str(actor.home_unit_id)
    form = forms.RatingSummaryForm(data, actor=actor)
    valid = form.is_valid()
    d = form.cleaned_data if valid else {}
    return form, valid, d.get("unit"), d.get("year"), d.get("state", ""), d.get("grade", ""), d.get("as_of")


@guarded(VIEW)
def rating_summary(request):
    """Tổng hợp xếp loại: every grassroots union of a superior union for a year, grade counts."""
    form, valid, unit, year, state, grade, as_of = _summary_choice(request)
    context = {"form": form, "unit": unit, "year": year, "page": None, "counts": None}
    if valid and unit is not None:
        rows = selectors.rating_summary(
            actor=request.user, unit=unit, year=year, state=state, grade=grade, as_of=as_of
        )
        page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
        for row in page.object_list:
            row.self_text = rating_points(row.rating_self) if row.rating_self is not None else ""
            row.total_text = rating_points(row.rating_total) if row.rating_total is not None else ""
            row.state_text = dict(Rating.State.choices).get(row.rating_state, _("Chưa đánh giá"))
            row.grade_text = localized(row.grade_name, row.grade_name_en) if row.grade_name else ""
        context.update(
            page=page,
            counts=selectors.rating_counts(actor=request.user, unit=unit, year=year, as_of=as_of),
            export_query=request.GET.urlencode(),
        )
    status = FORM_ERRORS if form.errors else 200
    return render(request, "emulation/rating_summary.html", context, status=status)


@guarded(VIEW)
def rating_summary_export(request):
    form, valid, unit, year, state, _grade, _as_of = _summary_choice(request)
    if not valid or unit is None:
        return rating_summary(request)
    body = exporting.rating_summary_xlsx(actor=request.user, unit=unit, year=year, state=state)
    response = HttpResponse(body, content_type=exporting.XLSX)
    response["Content-Disposition"] = f'attachment; filename="xep-loai-cdcs-{year}.xlsx"'
    return response


# -- rubrics ---------------------------------------------------------------------------------------


@guarded(VIEW)
def rubric_detail(request, rubric_id: int):
    """Bảng tiêu chí: its items by group with their maxima and sources, and the button to adapt it."""
    obj = selectors.rubric_get(actor=request.user, rubric_id=rubric_id)
    items = list(obj.items.all())
    for item in items:
        item.max_text = rating_points(item.max_points)
    labels = dict(Condition.choices)
    context = {
        "rubric": obj,
        "items": items,
        "total_text": rating_points(obj.total),
        "bonus_text": rating_points(obj.bonus_max) if obj.bonus_max else "",
        "conditions": [str(labels.get(c, c)) for c in obj.conditions],
        "can_adapt": policy.has_anywhere(request.user, MANAGE),
    }
    return render(request, "emulation/rubric_detail.html", context)


@guarded(MANAGE)
def rubric_adapt(request, rubric_id: int):
    """Sao chép và điều chỉnh bảng tiêu chí: an officer of the issuing union copies a rubric for a
    year and adapts its criteria and maxima (``rating.rubric_adapt`` checks the sums; 422 with the
    field named, nothing written)."""
    actor = request.user
    base = selectors.rubric_get(actor=actor, rubric_id=rubric_id)
    form = forms.RubricAdaptForm(posted(request), actor=actor, base=base)

    def run(d):
        new = rating.rubric_adapt(actor=actor, unit=d["unit"], year=d["year"], base=base, **form.changes())
        messages.success(
            request,
            _("Đã ban hành %(rubric)s cho năm %(y)s.") % {"rubric": new, "y": new.year},
        )
        return reverse("emulation:rubric", args=[new.pk])

    return form_page(
        request,
        form,
        run,
        title=_("Sao chép và điều chỉnh bảng tiêu chí"),
        intro=str(base),
        cancel_url=reverse("emulation:rubric", args=[base.pk]),
    )
