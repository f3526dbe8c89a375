"""Pages of the document register: the registers (outgoing and incoming) with search and export,
a document's page, drafting, recording an incoming document, editing, issuing, cancelling, the
Word file, attachments and a unit's Word templates.

Views parse input, ask selectors (reads) or services (writes) and render; every id from the URL
is resolved through a selector (404 outside the actor's reach), and the services check again.
"""

from django.contrib import messages
from django.http import FileResponse, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _

from congdoan.core import attachments, paging
from congdoan.core.audit_display import audit_rows
from congdoan.core.forms import FORM_ERRORS, posted, submit
from congdoan.organizations.permissions import guarded, policy

from . import exporting, forms, selectors, services, word
from .models import Direction, DocumentAttachment
from .permissions import MANAGE, VIEW, editable

PAGE_SIZE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# -- the registers ---------------------------------------------------------------------------------


def _register_form(request):
    return forms.RegisterFilterForm(request.GET or None, actor=request.user)


@guarded(VIEW)
def register(request):
    """Sổ văn bản đi/đến: filters in the query string (a link keeps them), HTMX refreshes the results."""
    actor = request.user
    form = _register_form(request)
    filters = form.to_filters()
    page = paging.page_of(
        selectors.document_search(actor=actor, filters=filters), request.GET.get("page"), PAGE_SIZE
    )
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "form": form,
        "page": page,
        "rows": page.object_list,
        "incoming": filters.direction == Direction.INCOMING,
        "can_manage": policy.has_anywhere(actor, MANAGE),
        "export_url": f"{reverse('documents:export')}?{urlencode(query)}",
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "documents/partials/register_results.html" if partial else "documents/register.html"
    status = FORM_ERRORS if form.errors and not partial else 200
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@guarded(VIEW)
def export(request):
    filters = _register_form(request).to_filters()
    documents = selectors.document_search(actor=request.user, filters=filters)
    direction = filters.direction or Direction.OUTGOING
    name = "so-van-ban-den" if direction == Direction.INCOMING else "so-van-ban-di"
    year = f"-{filters.year}" if filters.year else ""
    return FileResponse(
        exporting.register_xlsx(documents, direction), as_attachment=True, filename=f"{name}{year}.xlsx"
    )


# -- one document ----------------------------------------------------------------------------------


@guarded(VIEW)
def detail(request, document_id: int):
    actor = request.user
    document = selectors.document_get(actor=actor, document_id=document_id)
    can_manage = policy.can(actor, MANAGE, document.unit_id)
    context = {
        "document": document,
        "can_manage": can_manage,
        "can_edit": can_manage and editable(document),
        "attachments": list(document.attachments.all()),
        "links": selectors.document_links(document=document),
        "issue_form": forms.IssueForm(document=document) if can_manage else None,
        "cancel_form": forms.CancelForm() if can_manage else None,
        "attachment_form": forms.AttachmentForm() if can_manage else None,
        "audit_rows": audit_rows(selectors.document_history(actor=actor, document=document), actor=actor),
        "unit_name": selectors.unit_name(document),
    }
    return render(request, "documents/detail.html", context)


def _form_page(request, form, *, title, cancel_url, run, status_ok=200):
    target = submit(request, form, run)
    if target is not None:
        return redirect(target)
    context = {"form": form, "title": title, "cancel_url": cancel_url}
    return render(request, "documents/form.html", context, status=FORM_ERRORS if form.errors else status_ok)


@guarded(MANAGE)
def create(request):
    actor = request.user
    form = forms.DocumentForm(posted(request), actor=actor)

    def run(d):
        document = services.document_create(actor=actor, unit=d["unit"], **form.values())
        messages.success(request, _("Đã tạo dự thảo văn bản."))
        return reverse("documents:detail", args=[document.pk])

    return _form_page(
        request, form, title=_("Dự thảo văn bản đi"), cancel_url=reverse("documents:register"), run=run
    )


@guarded(MANAGE)
def receive(request):
    actor = request.user
    form = forms.DocumentForm(posted(request), actor=actor, incoming=True)

    def run(d):
        document = services.document_receive(
            actor=actor, unit=d["unit"], number=d.get("number"), **form.values()
        )
        messages.success(
            request, _("Đã vào sổ văn bản đến, số đến %(number)s.") % {"number": document.number}
        )
        return reverse("documents:detail", args=[document.pk])

    cancel = f"{reverse('documents:register')}?direction={Direction.INCOMING}"
    return _form_page(request, form, title=_("Vào sổ văn bản đến"), cancel_url=cancel, run=run)


def _managed(request, document_id: int):
    document = selectors.document_get(actor=request.user, document_id=document_id)
    policy.require(request.user, MANAGE, document.unit_id)
    return document


@guarded(MANAGE)
def edit(request, document_id: int):
    actor = request.user
    document = _managed(request, document_id)
    detail_url = reverse("documents:detail", args=[document.pk])
    if not editable(document):
        messages.warning(request, services.not_editable_reason(document))
        return redirect(detail_url)
    form = forms.DocumentForm(posted(request), actor=actor, document=document)

    def run(d):
        services.document_update(actor=actor, document=document, **form.changes())
        messages.success(request, _("Đã lưu văn bản."))
        return detail_url

    return _form_page(request, form, title=_("Sửa văn bản"), cancel_url=detail_url, run=run)


@guarded(MANAGE)
def issue(request, document_id: int):
    actor = request.user
    document = _managed(request, document_id)
    form = forms.IssueForm(posted(request), document=document)
    detail_url = reverse("documents:detail", args=[document.pk])

    def run(d):
        done = services.document_issue(
            actor=actor, document=document, signed_on=d["signed_on"], number=d["number"]
        )
        messages.success(request, _("Đã ban hành văn bản số %(number)s.") % {"number": done.number_symbol})
        return detail_url

    return _form_page(request, form, title=_("Ban hành văn bản"), cancel_url=detail_url, run=run)


@guarded(MANAGE)
def cancel(request, document_id: int):
    actor = request.user
    document = _managed(request, document_id)
    form = forms.CancelForm(posted(request))
    detail_url = reverse("documents:detail", args=[document.pk])

    def run(d):
        services.document_cancel(actor=actor, document=document, reason=d["reason"])
        messages.success(request, _("Đã hủy văn bản."))
        return detail_url

    return _form_page(request, form, title=_("Hủy văn bản"), cancel_url=detail_url, run=run)


@guarded(VIEW)
def docx(request, document_id: int):
    document = selectors.document_get(actor=request.user, document_id=document_id)
    response = HttpResponse(word.document_docx(document), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, word.file_name(document))
    return response


# -- attachments -----------------------------------------------------------------------------------


@guarded(MANAGE)
def attach(request, document_id: int):
    actor = request.user
    document = _managed(request, document_id)  # 404 outside the reach, whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.AttachmentForm(request.POST, request.FILES)
    if submit(
        request, form, lambda d: services.document_attach(actor=actor, document=document, upload=d["file"])
    ):
        messages.success(request, _("Đã đính kèm tệp."))
    else:
        for error in form.errors.get("file", []) + form.non_field_errors():
            messages.error(request, error)
    return redirect("documents:detail", document.pk)


def _attachment(request, attachment_id: int) -> DocumentAttachment:
    """An attachment of a document the actor may see (the document decides), else 404."""
    attachment = selectors.attachment_get(actor=request.user, attachment_id=attachment_id)
    return attachment


@guarded(VIEW)
def attachment_download(request, attachment_id: int):
    attachment = _attachment(request, attachment_id)
    return attachments.file_response(
        attachment.path, name=attachment.name, content_type=attachment.content_type
    )


@guarded(MANAGE)
def detach(request, attachment_id: int):
    attachment = _attachment(request, attachment_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document_id = attachment.document_id
    try:
        services.document_detach(actor=request.user, attachment=attachment)
        messages.success(request, _("Đã gỡ tệp đính kèm."))
    except services.ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("documents:detail", document_id)


# -- a unit's Word templates -----------------------------------------------------------------------


def _settings_page(request, form, *, run, done, template: str, rows):
    """A unit's setting (template, symbol): the form runs ``run(cleaned_data)``, then back to the
    page with ``done``; errors re-render with status 422 under the list ``rows``."""

    def act(d):
        run(d)
        messages.success(request, done)
        return request.path

    target = submit(request, form, act)
    if target is not None:
        return redirect(target)
    return render(request, template, {"form": form, "rows": rows}, status=FORM_ERRORS if form.errors else 200)


@guarded(MANAGE)
def templates(request):
    actor = request.user
    return _settings_page(
        request,
        forms.TemplateForm(posted(request), request.FILES or None, actor=actor),
        run=lambda d: services.template_set(actor=actor, unit=d["unit"], kind=d["kind"], upload=d["file"]),
        done=_("Đã lưu mẫu văn bản."),
        template="documents/templates.html",
        rows=selectors.templates_in_scope(actor=actor),
    )


@guarded(MANAGE)
def symbols(request):
    """The symbol each unit writes in its numbers ("CĐVC" in "92/KH-CĐVC"), from a date."""
    actor = request.user
    return _settings_page(
        request,
        forms.SymbolForm(posted(request), actor=actor),
        run=lambda d: services.document_symbol_set(
            actor=actor, unit=d["unit"], symbol=d["symbol"], valid_from=d["valid_from"]
        ),
        done=_("Đã lưu ký hiệu đơn vị ban hành."),
        template="documents/symbols.html",
        rows=selectors.symbols_in_scope(actor=actor),
    )
