"""A user's own background jobs: the list, one job's page with its progress bar, the result file.

Jobs are the user's own, so the guard is ``@authenticated`` and every lookup is by owner: another
user's job (or its file) answers 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import job_flows, jobs, paging
from .guards import authenticated, superuser

PAGE_SIZE = 50


def _status_context(job) -> dict:
    return {
        "job": job,
        "progress": jobs.progress_of(job),
        "result_template": jobs.result_template(job) if job.state == job.State.SUCCEEDED else "",
    }


@authenticated
def job_list(request):
    page = paging.page_of(jobs.user_jobs(user=request.user), request.GET.get("page"), PAGE_SIZE)
    return render(request, "core/job_list.html", {"page": page, "testid": "job-list"})


@authenticated
def job_detail(request, job_id):
    job = jobs.job_get(user=request.user, job_id=job_id)
    return render(request, "core/job_detail.html", _status_context(job))


@authenticated
def job_progress(request, job_id):
    """The status block, polled every second by HTMX; once the job has ended it comes back without
    the polling attributes, which stops the polling."""
    job = jobs.job_get(user=request.user, job_id=job_id)
    return render(request, "core/job_status.html", _status_context(job))


@authenticated
def job_download(request, job_id):
    """The result file of one's own job (else 404), if its kind's ``may_download`` rule still
    allows it (else 403: a personal-data export after the role that allowed it has ended)."""
    job = jobs.job_get(user=request.user, job_id=job_id)
    path = jobs.result_path(job) if job.state == job.State.SUCCEEDED else None
    if path is None:
        raise Http404
    if not jobs.may_download(request.user, job):
        raise PermissionDenied(_("Bạn không còn quyền tải tệp này (quyền đã hết hoặc đã thay đổi)."))
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.result_name or path.name)


@authenticated
def import_confirm(request, job_id):
    """ "Ghi": write the file a module's import check passed (``job_flows.import_write_start``),
    once however often it is pressed. Another user's check, or a job that is not an import's
    check, is a 404; a user who may no longer import there gets 403."""
    source = jobs.job_get(user=request.user, job_id=job_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        job, started = job_flows.import_write_start(actor=request.user, check=source)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("jobs:detail", source.pk)
    if not started:
        messages.info(request, _("Tệp này đã được ghi."))
    return redirect("jobs:detail", job.pk)


# -- failed jobs, for the system administrator -----------------------------------------------------


@superuser
def failed_list(request):
    """Every user's failed jobs with their message, each with a retry button (superusers only)."""
    page = paging.page_of(jobs.failed_jobs(actor=request.user), request.GET.get("page"), PAGE_SIZE)
    return render(request, "core/job_failed.html", {"page": page, "testid": "job-failed"})


@superuser
@require_POST
def retry(request, job_id):
    try:
        job = jobs.job_retry(actor=request.user, job_id=job_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã đưa “%(label)s” trở lại hàng đợi.") % {"label": job.label})
    return redirect("jobs:failed")
