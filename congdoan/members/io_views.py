"""Excel import and export pages of the member register. Each starts a background job and sends the
officer to its page (``core.job_views``), which shows the progress and then the result.

Import, in two steps: the upload starts the check (``importing.validate_work``); its page shows the
report and, when the file has no error, a "Ghi vào sổ" button that starts the write
(``import_write.apply_work``) on the same uploaded file, once however often it is pressed. Exports are confirmed by a POST: a link
(the list page's "Xuất Excel") never starts a job by itself.
"""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from congdoan.core import jobs
from congdoan.core.dates import display, today
from congdoan.core.forms import render_form
from congdoan.core.job_flows import UploadForm
from congdoan.organizations.permissions import guarded

from . import exporting, import_write, importing, selectors
from .forms import MemberFilterForm, StatsForm, looks_personal

RECENT_JOBS = 5
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload_name(upload) -> str:
    return Path(upload.name).name[:120]


@guarded("members.manage")
def import_page(request):
    """The template to download, the upload form and the officer's recent imports."""
    actor = request.user
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = _upload_name(upload)
        job = jobs.job_start(
            user=actor,
            work=importing.validate_work,
            label=_("Kiểm tra tệp nhập đoàn viên %(name)s") % {"name": name},
            params={"filename": name},
            files={importing.UPLOAD_NAME: upload},
        )
        return redirect("jobs:detail", job.pk)
    kinds = [importing.CHECK_JOB, importing.WRITE_JOB]
    context = {
        "form": form,
        "recent": jobs.user_jobs(user=actor).filter(kind__in=kinds)[:RECENT_JOBS],
        "max_rows": importing.MAX_ROWS,
    }
    return render_form(request, "members/io/import.html", context, form=form)


@guarded("members.manage")
def import_template(request):
    """The template with the units the officer may import into; small, so built in memory."""
    response = HttpResponse(content_type=XLSX)
    importing.write_template(response, actor=request.user)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-doan-vien.xlsx"'
    return response


@guarded("members.manage")
def import_apply(request, job_id):
    """ "Ghi vào sổ": write the file a check job passed. Another user's check is a 404."""
    source = jobs.job_get(user=request.user, job_id=job_id, kind=importing.CHECK_JOB)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        job, started = import_write.import_write_start(actor=request.user, check=source)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("jobs:detail", source.pk)
    if not started:
        messages.info(request, _("Tệp này đã được ghi vào sổ."))
    return redirect("jobs:detail", job.pk)


def _filter_summary(form: MemberFilterForm, query: dict[str, str]) -> list[tuple[str, str]]:
    """The filters of an export as people read them: (label, value)."""
    summary = []
    for name, value in query.items():
        field = form.fields[name]
        if name == "descendants":
            shown = _("Có")
        elif getattr(field, "choices", None):
            shown = str({str(k): v for k, v in field.choices}.get(value, value)).strip("\u00a0")
        else:
            shown = value
        summary.append((str(field.label or name), shown))
    return summary


@guarded("members.view")
def export_list(request):
    """GET: what the export will hold (the list page's filters, from its "Xuất Excel" link);
    POST: start it."""
    actor = request.user
    data = request.POST if request.method == "POST" else request.GET
    form = MemberFilterForm(data or None, actor=actor)
    filters = form.to_filters()
    blocked = looks_personal(filters.q)
    if request.method == "POST" and not blocked:
        job = jobs.job_start(
            user=actor,
            work=exporting.members_export_work,
            label=_("Xuất danh sách đoàn viên"),
            params={"filters": form.query()},
        )
        return redirect("jobs:detail", job.pk)
    query = form.query()
    total, exact = selectors.capped_count(selectors.member_search(actor=actor, filters=filters))
    context = {
        "form": form,
        "query": query,
        "summary": _filter_summary(form, query),
        "total": total,
        "exact": exact,
        "blocked": blocked,
        "personal": any(c.key in exporting.PERSONAL_FIELDS for c in exporting.export_columns(actor)),
    }
    return render_form(request, "members/io/export.html", context, invalid=blocked)


@guarded("members.view")
def export_stats(request):
    """GET: choose the unit and the date (the statistics page's, from its link); POST: start it."""
    actor = request.user
    form = StatsForm(request.POST if request.method == "POST" else request.GET, actor=actor)
    valid = form.is_valid()
    if request.method == "POST" and valid:
        unit = form.cleaned_data.get("unit")
        unit_id = unit.pk if unit else form.default_unit_id()
        on = form.cleaned_data.get("on") or today()
        if unit_id is not None:
            job = jobs.job_start(
                user=actor,
                work=exporting.stats_export_work,
                label=_("Xuất thống kê đoàn viên ngày %(d)s") % {"d": display(on)},
                params={"unit": unit_id, "on": on.isoformat()},
            )
            return redirect("jobs:detail", job.pk)
        form.add_error("unit", _("Bạn chưa được phân quyền ở đơn vị nào."))
    context = {"form": form, "on": (form.cleaned_data.get("on") if valid else None) or today()}
    return render_form(request, "members/io/export_stats.html", context, form=form)
