"""Officers' pages of the news portal: the list of the unit's articles, writing, images, review.
Views read through the selectors and write through the services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from congdoan.core import attachments, paging
from congdoan.core.audit_display import audit_rows
from congdoan.core.forms import FORM_ERRORS, apply_errors, posted, submit
from congdoan.core.models import AuditEntry
from congdoan.organizations.permissions import guarded, policy

from . import content, forms, selectors, services
from .permissions import PUBLISH, VIEW, WRITE, may_edit

PAGE_SIZE = 30
RENAME = {"publish_at": "publish_on"}


@guarded(VIEW)
def article_list(request):
    form = forms.ArticleFilterForm(request.GET)
    rows = selectors.article_search(actor=request.user, filters=form.to_filters())
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    listed = list(page.object_list)
    names = selectors.unit_names(a.unit_id for a in listed)
    for article in listed:
        article.unit_name = names.get(article.unit_id, "")
    context = {
        "form": form,
        "page": page,
        "rows": listed,
        "query": urlencode(form.query()),
        "can_write": policy.has_anywhere(request.user, WRITE),
    }
    return render(request, "portal/list.html", context, status=FORM_ERRORS if form.errors else 200)


@guarded(WRITE)
def article_create(request):
    form = forms.ArticleForm(posted(request), actor=request.user)

    def run(_d):
        article = services.article_create(actor=request.user, unit=form.cleaned_data["unit"], **_args(form))
        messages.success(request, _("Đã lưu bản nháp “%(t)s”.") % {"t": article.title})
        return reverse("portal:detail", args=[article.pk])

    target = submit(request, form, run, rename=RENAME)
    if target is not None:
        return redirect(target)
    context = {"title": _("Viết bài"), "cancel_url": reverse("portal:list"), "form": form}
    return render(request, "portal/form.html", context, status=FORM_ERRORS if form.errors else 200)


def _args(form) -> dict:
    args = form.arguments()
    args.pop("unit", None)
    return args


@guarded(WRITE)
def article_edit(request, article_id: int):
    article = selectors.article_get(actor=request.user, article_id=article_id)
    form = forms.ArticleForm(posted(request), actor=request.user, article=article)

    def run(_d):
        services.article_update(actor=request.user, article=article, **_args(form))
        messages.success(request, _("Đã lưu bài “%(t)s”.") % {"t": article.title})
        return reverse("portal:detail", args=[article.pk])

    context = {"title": _("Sửa bài"), "cancel_url": reverse("portal:detail", args=[article.pk])}
    target = submit(request, form, run, rename=RENAME)
    if target is not None:
        return redirect(target)
    return render(
        request, "portal/form.html", {**context, "form": form}, status=FORM_ERRORS if form.errors else 200
    )


def _detail(request, article, *, image_form=None, step_errors=None, status=200):
    actor = request.user
    context = {
        "article": article,
        "body": content.preview_body(article.body),
        "images": list(article.images.all()),
        "links": list(article.links.all()),
        "figures": selectors.figures_box(article) if article.state == article.State.PUBLISHED else [],
        "steps": services.WORKFLOW.available(actor, article),
        "can_edit": may_edit(actor, article),
        "can_publish": policy.can(actor, PUBLISH, article.unit_id),
        "image_form": image_form or forms.ImageForm(),
        "step_errors": step_errors or [],
        "audit_rows": audit_rows(
            AuditEntry.objects.filter(object_type="portal.article", object_id=str(article.pk)).order_by(
                "-at", "-id"
            ),
            actor=actor,
        ),
    }
    return render(request, "portal/detail.html", context, status=status)


@guarded(VIEW)
def article_detail(request, article_id: int):
    return _detail(request, selectors.article_get(actor=request.user, article_id=article_id))


@guarded(WRITE)
def image_add(request, article_id: int):
    article = selectors.article_get(actor=request.user, article_id=article_id)  # 404 first
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.image_add(
                actor=request.user,
                article=article,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
    if form.errors:
        return _detail(request, article, image_form=form, status=FORM_ERRORS)
    messages.success(request, _("Đã thêm ảnh."))
    return redirect("portal:detail", article.pk)


@guarded(WRITE)
def article_step(request, article_id: int):
    """A workflow step; the step's own permission (publish, return, unpublish) is the service's."""
    article = selectors.article_get(actor=request.user, article_id=article_id)  # 404 first
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.StepForm(request.POST)
    form.is_valid()
    try:
        services.article_step(
            actor=request.user,
            article=article,
            step=form.cleaned_data.get("step", ""),
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as exc:
        article.refresh_from_db()
        return _detail(request, article, step_errors=exc.messages, status=FORM_ERRORS)
    messages.success(
        request, _("Bài “%(t)s”: %(s)s.") % {"t": article.title, "s": article.get_state_display()}
    )
    return redirect("portal:detail", article.pk)


@guarded(VIEW)
def image_preview(request, image_id: int):
    """An image as officers see it before publishing (the web size), read through its article."""
    image = selectors.image_get(actor=request.user, image_id=image_id)
    return attachments.file_response(
        image.web, name=f"anh-{image.pk}.jpg", content_type="image/jpeg", inline=True
    )


# -- the article form's pickers (HTMX fragments) -------------------------------------------------------


@guarded(WRITE)
@require_GET
def link_choices(request):
    """The link picker's results: records of the kind asked, in the actor's reach, holding the words
    typed (``selectors.link_choices``); 404 for a kind the actor may not link."""
    kind = request.GET.get("kind", "")
    options = (
        selectors.link_choices(actor=request.user, kind=kind, q=request.GET.get("q", "")[:200])
        if kind
        else None
    )
    return render(request, "portal/partials/link_choices.html", {"options": options})


@guarded(WRITE)
@require_GET
def figure_choices(request):
    """The figure picker's list: the figures the actor reads for the unit and year chosen, with their
    values now; 404 for a unit out of the actor's reach, 422 for a year out of range."""
    form = forms.FigurePickForm(request.GET, actor=request.user)
    if not form.is_valid():
        if form.has_error("figures_unit", "out_of_reach"):
            raise Http404
        errors = [e for field in form.errors.values() for e in field]
        return render(request, "portal/partials/figure_choices.html", {"errors": errors}, status=FORM_ERRORS)
    unit, year = form.cleaned_data["figures_unit"], form.cleaned_data["figures_year"]
    context = {
        "lines": selectors.figure_choices(actor=request.user, unit_id=unit.pk, year=year)
        if unit and year
        else None,
        "chosen": form.cleaned_data["figure_names"],
        "name": "figure_names",
        "loaded": True,
    }
    return render(request, "portal/partials/figure_choices.html", context)
