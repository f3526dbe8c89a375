"""Pages of the fund drives module: the drives list (filters in the query string, Excel export),
launching a drive, a drive's page (totals per unit rolled up, its contributions a page at a time,
the contributor list as xlsx), recording one contribution, the grid of a unit's CĐCS, an Excel
file of contributions, and a contribution's receipt (docx). Views read through the selectors and
write through the services; a drive or a contribution out of reach is 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from congdoan.core import job_flows, paging
from congdoan.core.forms import FORM_ERRORS, posted, render_form, submit
from congdoan.organizations.fields import UnitPickerField
from congdoan.organizations.permissions import guarded, policy

from . import exporting, forms, importing, payouts, selectors, services
from .models import Contribution
from .permissions import MANAGE, VIEW

PAGE_SIZE = 50


def _download(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@guarded(VIEW)
def drive_list(request):
    form = forms.DriveFilterForm(request.GET, actor=request.user)
    drives = selectors.drive_search(actor=request.user, filters=form.to_filters())
    page = paging.page_of(drives, request.GET.get("page"), PAGE_SIZE)
    query = urlencode(form.query())
    context = {
        "form": form,
        "page": page,
        "rows": selectors.with_unit_names(page.object_list),
        "query": query,
        "can_manage": policy.has_anywhere(request.user, MANAGE),
    }
    return render(request, "funds/list.html", context, status=FORM_ERRORS if form.errors else 200)


@guarded(VIEW)
def contribution_list(request):
    """The contributions of every drive in a unit's subtree over a period, as of a date, by fund:
    the records behind the ``funds.*`` figures (``selectors.contributions_given``)."""
    form = forms.ContributionFilterForm(request.GET, actor=request.user)
    found = form.filters()
    rows = (
        selectors.contributions_given(actor=request.user, **found) if found else Contribution.objects.none()
    )
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    context = {"form": form, "page": page, "rows": selectors.with_unit_names(page.object_list)}
    return render(request, "funds/contributions.html", context, status=FORM_ERRORS if form.errors else 200)


@guarded(VIEW)
def drive_export(request):
    form = forms.DriveFilterForm(request.GET, actor=request.user)
    drives = selectors.drive_search(actor=request.user, filters=form.to_filters())
    return _download(exporting.drives_xlsx(drives), exporting.XLSX, "dot-van-dong.xlsx")


@guarded(MANAGE)
def drive_create(request):
    form = forms.DriveForm(posted(request), actor=request.user)

    def run(d):
        drive = services.drive_launch(actor=request.user, **d)
        messages.success(request, _("Đã phát động %(d)s.") % {"d": drive})
        return reverse("funds:detail", args=[drive.pk])

    target = submit(request, form, run)
    if target is not None:
        return redirect(target)
    context = {
        "form": form,
        "cancel_url": reverse("funds:list"),
        "title": _("Phát động đợt vận động ủng hộ quỹ"),
    }
    return render_form(request, "funds/form.html", context, form=form)


@guarded(VIEW)
def drive_detail(request, drive_id: int):
    actor = request.user
    drive = selectors.drive_get(actor=actor, drive_id=drive_id)
    contributions = selectors.contribution_search(actor=actor, drive=drive)
    page = paging.page_of(contributions, request.GET.get("page"), PAGE_SIZE)
    as_of = selectors.drive_as_of(drive)
    selectors.with_unit_names([drive], as_of)
    context = {
        "drive": drive,
        "totals": selectors.drive_totals(actor=actor, drive=drive),
        "total": selectors.drive_total(actor=actor, drive=drive),
        "page": page,
        "rows": selectors.with_unit_names(page.object_list, as_of),
        "document": selectors.launch_document(actor=actor, drive=drive),
        "can_manage": selectors.may_manage(actor, drive),
        "payouts": payouts.payouts_of(actor=actor, drive=drive),
    }
    return render(request, "funds/detail.html", context)


@guarded(VIEW)
def contributors_export(request, drive_id: int):
    drive = selectors.drive_get(actor=request.user, drive_id=drive_id)
    body = exporting.contributors_xlsx(actor=request.user, drive=drive)
    return _download(body, exporting.XLSX, f"danh-sach-ung-ho-{drive.pk}.xlsx")


def _drive_to_change(request, drive_id: int):
    """The drive (404 out of sight) the actor may record contributions to (403 otherwise)."""
    drive = selectors.drive_get(actor=request.user, drive_id=drive_id)
    selectors.require_manage(request.user, drive)
    return drive


@guarded(MANAGE)
def contribution_create(request, drive_id: int):
    drive = _drive_to_change(request, drive_id)
    form = forms.ContributionForm(posted(request), actor=request.user)

    def run(d):
        contribution = services.contribution_record(actor=request.user, drive=drive, **form.values())
        messages.success(request, _("Đã ghi nhận khoản ủng hộ %(c)s.") % {"c": contribution})
        return reverse("funds:detail", args=[drive.pk])

    target = submit(request, form, run, rename={"contributor_unit": "unit", "person": "card"})
    if target is not None:
        return redirect(target)
    context = {
        "form": form,
        "drive": drive,
        "cancel_url": reverse("funds:detail", args=[drive.pk]),
        "title": _("Ghi nhận khoản ủng hộ: %(d)s") % {"d": drive},
    }
    return render_form(request, "funds/form.html", context, form=form)


@guarded(MANAGE)
def contribution_grid(request, drive_id: int):
    """Amounts of the CĐCS below a unit in one form (the unit picked in the query string)."""
    actor = request.user
    drive = _drive_to_change(request, drive_id)
    picker = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị"), required=False)
    try:
        parent = picker.clean(request.GET.get("unit") or None)
    except ValidationError:  # an id out of reach in the address: the launching unit instead
        parent = None
    parent = parent or drive.unit
    on = selectors.drive_as_of(drive)
    units = selectors.grid_units(actor=actor, drive=drive, parent=parent, on=on)
    form = forms.GridForm(posted(request), units=units, initial={"contributed_on": on})
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        entries = [
            services.Entry(
                {
                    "kind": "unit",
                    "unit": v.unit_id,
                    "contributor_unit": v.unit_id,
                    "amount": form.cleaned_data[f"amount_{v.unit_id}"],
                    "receipt_no": form.cleaned_data[f"receipt_{v.unit_id}"],
                    "contributed_on": form.cleaned_data["contributed_on"],
                },
                number=n,
            )
            for n, v in enumerate(units, start=1)
            if form.cleaned_data.get(f"amount_{v.unit_id}") is not None
        ]
        names = {n: v.name for n, v in enumerate(units, start=1)}

        def message(entry, key, text):
            return f"{names.get(entry.number, entry.number)}: {text}"

        try:
            ids = services.contributions_record_many(
                actor=actor, drive=drive, entries=entries, message=message
            )
        except ValidationError as exc:  # EntryErrors (per CĐCS), or a receipt taken meanwhile
            problems = exc.messages
            for entry in getattr(exc, "entries", ()):
                unit_id = entry.values["unit"]
                for key, text in entry.errors:
                    field = f"receipt_{unit_id}" if key == "receipt_no" else f"amount_{unit_id}"
                    form.add_error(field if key in ("receipt_no", "amount") else None, text)
        else:
            messages.success(request, _("Đã ghi nhận %(n)s khoản ủng hộ.") % {"n": len(ids)})
            return redirect(reverse("funds:detail", args=[drive.pk]))
    context = {
        "drive": drive,
        "form": form,
        "parent": parent,
        "problems": problems,
        "title": _("Nhập số ủng hộ theo công đoàn cơ sở"),
    }
    return render_form(request, "funds/grid.html", context, form=form, invalid=bool(form.errors or problems))


@guarded(MANAGE)
def contribution_import(request, drive_id: int):
    """Upload a file: its check runs as a job (``importing.IMPORT``, ``core.job_flows``)."""
    drive = _drive_to_change(request, drive_id)
    form = job_flows.UploadForm(request.POST or None, request.FILES or None)
    return job_flows.upload_page(
        request,
        importing.IMPORT,
        form=form,
        params=lambda d: {"drive": drive.pk},
        title=_("Nhập khoản ủng hộ từ tệp Excel"),
        intro=drive.name,
        template_url=reverse("funds:import_template", args=[drive.pk]),
        cancel_url=reverse("funds:detail", args=[drive.pk]),
    )


@guarded(MANAGE)
def import_template(request, drive_id: int):
    drive = _drive_to_change(request, drive_id)
    return _download(importing.template_xlsx(), exporting.XLSX, f"mau-ung-ho-{drive.pk}.xlsx")


@guarded(VIEW)
def receipt(request, contribution_id: int):
    contribution = selectors.contribution_get(actor=request.user, contribution_id=contribution_id)
    return _download(
        exporting.receipt_docx(contribution), exporting.DOCX, exporting.receipt_file_name(contribution)
    )
