"""Pages of the initiatives module: programmes, their rounds' targets and progress, initiatives, their
review, attachments, the Excel import and exports.

Views read the query string or the form, ask selectors (reads) or services (writes) and render; the
services decide. Every id in a URL is resolved through a selector (out of reach: 404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from congdoan.core import attachments, job_flows, paging
from congdoan.core.audit_display import audit_rows
from congdoan.core.dates import today
from congdoan.core.forms import FORM_ERRORS, apply_errors, form_response, posted, render_form
from congdoan.core.models import AuditEntry
from congdoan.organizations.permissions import get_visible_or_404, guarded, policy

from . import exporting, forms, importing, review, selectors, services
from .models import Initiative
from .permissions import MANAGE, REVIEW, VIEW

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _history(obj) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-at", "-id")
    )


def _form_page(request, form, run, *, title, cancel_url, intro=""):
    context = {"title": title, "cancel_url": cancel_url, "intro": intro}
    return form_response(request, form, run, "initiatives/form.html", context)


def _xlsx(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _open_rounds(actor) -> list:
    """Rounds of the programmes the actor sees (for the registration and import forms)."""
    programmes = selectors.programme_search(actor=actor)
    return [r for p in programmes.prefetch_related("rounds") for r in p.rounds.all()]


# -- programmes ------------------------------------------------------------------------------------


@guarded(VIEW)
def programme_list(request):
    form = forms.ProgrammeFilterForm(request.GET)
    rows = selectors.programme_search(actor=request.user, **form.filters())
    context = {
        "form": form,
        "page": paging.page_of(rows, request.GET.get("page"), PAGE_SIZE),
        "can_manage": policy.has_anywhere(request.user, MANAGE),
        "export_query": request.GET.urlencode(),
    }
    return render_form(request, "initiatives/programme_list.html", context, form=form)


@guarded(VIEW)
def programme_export(request):
    form = forms.ProgrammeFilterForm(request.GET)
    rows = selectors.programme_search(actor=request.user, **form.filters())
    return _xlsx(exporting.programmes_xlsx(rows), "chuong-trinh-sang-kien.xlsx")


@guarded(MANAGE)
def programme_create(request):
    actor = request.user
    form = forms.ProgrammeForm(posted(request), actor=actor)

    def run(_d):
        programme = services.programme_create(actor=actor, **form.arguments())
        messages.success(request, _("Đã phát động %(name)s.") % {"name": programme.name})
        return reverse("initiatives:programme", args=[programme.pk])

    return _form_page(
        request,
        form,
        run,
        title=_("Phát động chương trình sáng kiến"),
        cancel_url=reverse("initiatives:programmes"),
    )


@guarded(VIEW)
def programme_detail(request, programme_id: int):
    actor = request.user
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    context = {
        "programme": programme,
        "rounds": selectors.programme_rounds(programme),
        "documents": selectors.linked_documents(actor=actor, obj=programme),
        "can_manage": policy.has_anywhere(actor, MANAGE),
        "audit_rows": audit_rows(_history(programme), actor=actor),
    }
    return render(request, "initiatives/programme_detail.html", context)


def _progress_choice(request, round_):
    """The unit and day of the progress table (``?unit=&as_of=``): default the launching unit if the
    actor sees it, else the actor's first grant."""
    actor = request.user
    form = forms.ProgressForm(request.GET or None, actor=actor)
    unit, as_of = None, None
    if form.is_bound and form.is_valid():
        unit, as_of = form.cleaned_data.get("unit"), form.cleaned_data.get("as_of")
    if unit is None:
        unit = selectors.default_unit(actor=actor, round=round_)
    return form, unit, as_of or min(today(), round_.programme.ends_on)


@guarded(VIEW)
def round_detail(request, round_id: int):
    actor = request.user
    round_ = selectors.round_get(actor=actor, round_id=round_id)
    form, unit, as_of = _progress_choice(request, round_)
    rows = selectors.round_progress(actor=actor, round=round_, unit=unit, as_of=as_of) if unit else []
    context = {
        "round": round_,
        "programme": round_.programme,
        "form": form,
        "as_of": as_of,
        "rows": rows,
        "targets": list(selectors.target_search(actor=actor, round=round_)),
        "can_manage": policy.has_anywhere(actor, MANAGE),
        "export_query": request.GET.urlencode(),
    }
    return render_form(request, "initiatives/round_detail.html", context, form=form)


@guarded(VIEW)
def round_export(request, round_id: int):
    actor = request.user
    round_ = selectors.round_get(actor=actor, round_id=round_id)
    _form, unit, as_of = _progress_choice(request, round_)
    rows = selectors.round_progress(actor=actor, round=round_, unit=unit, as_of=as_of) if unit else []
    title = _("%(programme)s — %(round)s — tính đến %(d)s") % {
        "programme": round_.programme.name,
        "round": round_,
        "d": as_of.strftime("%d/%m/%Y"),
    }
    return _xlsx(exporting.progress_xlsx(title, rows), f"tien-do-sang-kien-dot-{round_.number}.xlsx")


@guarded(VIEW)
def targets_export(request, round_id: int):
    actor = request.user
    round_ = selectors.round_get(actor=actor, round_id=round_id)
    title = _("%(programme)s — %(round)s — chỉ tiêu") % {"programme": round_.programme.name, "round": round_}
    targets = selectors.target_search(actor=actor, round=round_)
    return _xlsx(exporting.targets_xlsx(title, targets), f"chi-tieu-sang-kien-dot-{round_.number}.xlsx")


@guarded(MANAGE)
def target_set(request, round_id: int):
    actor = request.user
    round_ = selectors.round_get(actor=actor, round_id=round_id)
    form = forms.TargetForm(posted(request), actor=actor)
    detail = reverse("initiatives:round", args=[round_.pk])

    def run(d):
        target = services.target_set(actor=actor, round=round_, **d)
        messages.success(
            request,
            _("Đã giao chỉ tiêu %(count)s cho %(unit)s.") % {"count": target.count, "unit": target.unit},
        )
        return detail

    intro = f"{round_.programme.name} — {round_}"
    return _form_page(request, form, run, title=_("Giao chỉ tiêu sáng kiến"), intro=intro, cancel_url=detail)


# -- initiatives -----------------------------------------------------------------------------------


def _initiatives(request):
    form = forms.InitiativeFilterForm(request.GET, actor=request.user)
    return form, selectors.initiative_search(actor=request.user, **form.filters())


@guarded(VIEW)
def initiative_list(request):
    form, rows = _initiatives(request)
    context = {
        "form": form,
        "page": paging.page_of(rows, request.GET.get("page"), PAGE_SIZE),
        "can_manage": policy.has_anywhere(request.user, MANAGE),
        "export_query": request.GET.urlencode(),
    }
    return render_form(request, "initiatives/initiative_list.html", context, form=form)


@guarded(VIEW)
def initiative_export(request):
    _form, rows = _initiatives(request)
    rows = list(rows)
    text = selectors.authors_text([r.pk for r in rows])
    return _xlsx(exporting.initiatives_xlsx(rows, text), "sang-kien.xlsx")


@guarded(MANAGE)
def initiative_create(request):
    actor = request.user
    form = forms.InitiativeForm(posted(request), actor=actor, rounds=_open_rounds(actor))

    def run(d):
        initiative = services.initiative_create(actor=actor, **d)
        messages.success(request, _("Đã đăng ký sáng kiến %(name)s.") % {"name": initiative.title})
        return reverse("initiatives:detail", args=[initiative.pk])

    return _form_page(
        request, form, run, title=_("Đăng ký sáng kiến"), cancel_url=reverse("initiatives:list")
    )


def _detail_page(request, initiative: Initiative, *, review_form=None, attach_form=None, status: int = 200):
    actor = request.user
    steps = review.INITIATIVE_FLOW.available(actor, initiative)
    can_manage = policy.can(actor, MANAGE, initiative.unit_id)
    context = {
        "initiative": initiative,
        "authors": selectors.initiative_authors(initiative),
        "attachments": selectors.initiative_attachments(initiative),
        "documents": selectors.linked_documents(actor=actor, obj=initiative),
        "steps": steps,
        "review_form": review_form or (forms.ReviewForm(actor=actor) if steps else None),
        "attach_form": attach_form or (forms.AttachForm() if can_manage else None),
        "audit_rows": audit_rows(_history(initiative), actor=actor),
    }
    return render(request, "initiatives/initiative_detail.html", context, status=status)


@guarded(VIEW)
def initiative_detail(request, initiative_id: int):
    initiative = selectors.initiative_get(actor=request.user, initiative_id=initiative_id)
    return _detail_page(request, initiative)


@guarded(REVIEW)
def initiative_review(request, initiative_id: int):
    """POST only; the initiative is resolved first, so one out of reach is a 404 whatever the method."""
    actor = request.user
    initiative = selectors.initiative_get(actor=actor, initiative_id=initiative_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.ReviewForm(request.POST, actor=actor)
    if form.is_valid():
        try:
            review.initiative_review(
                actor=actor, initiative=initiative, step=request.POST.get("step", ""), **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Sáng kiến: %(state)s.") % {"state": initiative.get_state_display()})
            return redirect("initiatives:detail", initiative.pk)
    initiative.refresh_from_db()
    return _detail_page(request, initiative, review_form=form, status=FORM_ERRORS)


@guarded(MANAGE)
def initiative_attach(request, initiative_id: int):
    actor = request.user
    initiative = selectors.initiative_get(actor=actor, initiative_id=initiative_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.AttachForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.initiative_attach(actor=actor, initiative=initiative, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã đính kèm tệp."))
            return redirect("initiatives:detail", initiative.pk)
    return _detail_page(request, initiative, attach_form=form, status=FORM_ERRORS)


@guarded(VIEW)
def attachment_download(request, initiative_id: int, file_id: int):
    initiative = selectors.initiative_get(actor=request.user, initiative_id=initiative_id)
    attachment = get_visible_or_404(initiative.attachments.all(), pk=file_id)
    return attachments.file_response(
        attachment.path, name=attachment.name, content_type=attachment.content_type
    )


# -- Excel import ----------------------------------------------------------------------------------


@guarded(MANAGE)
def initiative_import(request):
    """Upload a file: its check runs as a job (``importing.IMPORT``, ``core.job_flows``)."""
    form = forms.ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        rounds=_open_rounds(request.user),
    )
    return job_flows.upload_page(
        request,
        importing.IMPORT,
        form=form,
        params=lambda d: {"round": d["round"].pk if d.get("round") else None},
        title=_("Nhập sáng kiến từ Excel"),
        intro=_("Mỗi dòng một sáng kiến."),
        template_url=reverse("initiatives:import_template"),
        cancel_url=reverse("initiatives:list"),
    )


@guarded(MANAGE)
def import_template(request):
    return _xlsx(importing.template_xlsx(), "mau-nhap-sang-kien.xlsx")
