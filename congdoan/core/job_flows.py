"""One way for every module to run an Excel import, or build a long report file, as background jobs.

**Imports** (``import_kind``): a module gives its ``check`` and ``write`` and gets two job kinds,
``<name>.check`` and ``<name>.write``, and the standard flow:

    upload page (``upload_page``) → check job (reads, checks, writes nothing) → its page shows the
    errors by row and column with the report file (bad cells red), or a preview of the rows →
    "Ghi" (``job_views.import_confirm``, POST) → write job: reads and checks the same file again
    (the records may have changed), then writes every row or none.

- ``check(*, actor, path, params, progress) -> Checked``: read the file at ``path`` (``core.bulk``),
  check every row against the records and the actor's reach, put each problem on its row and column
  (``Row.error``); file-level problems raise ``ValidationError({"file": ...})``. It must not write:
  the check job rolls back whatever it did (``transaction.set_rollback``), so a check can never
  leave rows behind.
- ``write(*, actor, checked, params, progress) -> int``: write ``checked.plan`` (a clean check) in
  the job's one transaction, through the module's services (permission, audit); the rows written.
- ``allowed(actor, params) -> bool``: whether the actor may still import with these parameters (the
  target still in reach and manageable). Asked when the write is confirmed (403 otherwise) and at
  every download of the error report (the kind's download rule, ``jobs.may_download``).

A file with any bad cell writes nothing: the write job refuses it with "Dòng n, cột 'X': …"
(Vietnamese, ``core.bulk.sheet.cell_message``) and its state is "failed".

**Report files** (``file_kind``): ``build(*, actor, params, progress) -> (bytes, file name)`` runs as
a job whose result is the file; ``may_download(actor, job)`` re-checks the actor's right to the
file's figures at every download (a role that ended since answers 403). Modules keep small files
in the request and send large ones to a job (``inline_or_job``; the size is theirs to measure).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import jobs
from .bulk import report
from .bulk.sheet import ErrorList, Table
from .forms import CleanedForm, render_form
from .models import Job

UPLOAD_NAME = "upload.xlsx"
ERRORS_SHOWN = 200  # problems kept on the job page; the report file has them all
PREVIEW_ROWS = 20
MAX_UPLOAD = 50 * 1024 * 1024
RECENT_JOBS = 5
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class UploadForm(CleanedForm, forms.Form):
    """One .xlsx file of at most ``MAX_UPLOAD`` bytes."""

    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )

    def clean_file(self):
        return check_upload(self.cleaned_data["file"])


def check_upload(upload):
    """``upload`` if it is an .xlsx of at most ``MAX_UPLOAD`` bytes, else ``forms.ValidationError``
    saying what to do."""
    if Path(upload.name).suffix.lower() != ".xlsx":
        raise forms.ValidationError(
            _(
                "'%(name)s' không phải tệp Excel .xlsx. Hãy mở tệp bằng Excel, chọn Lưu thành "
                "(Save As) → Excel Workbook (.xlsx) rồi tải lên lại."
            )
            % {"name": upload.name}
        )
    if upload.size > MAX_UPLOAD:
        raise forms.ValidationError(
            _("Tệp lớn quá %(n)s MB; hãy chia thành nhiều tệp.") % {"n": MAX_UPLOAD // (1024 * 1024)}
        )
    return upload


# -- imports -------------------------------------------------------------------------------------


@dataclass
class Checked:
    """What a module's check found: ``table`` (the rows as read, each with its errors), ``plan``
    (what the write needs; never stored), ``preview`` (up to ``PREVIEW_ROWS`` rows as the write will
    read them: lists of display strings under ``preview_headers``) and ``summary`` (more figures
    for the page, e.g. {"create": 3}: JSON values)."""

    table: Table
    plan: object = None
    preview_headers: list[str] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    @property
    def errors(self) -> ErrorList:
        return ErrorList(self.table.rows, self.table.labels)

    @property
    def error_rows(self) -> int:
        return sum(1 for r in self.table.rows if r.errors)


Check = Callable[..., Checked]
Write = Callable[..., int]
Allowed = Callable[[object, dict], bool]


@dataclass(frozen=True)
class ImportKind:
    """A module's import; see the module docstring. ``upload_url(params)`` and ``done_url(params)``
    are the pages to upload again and to see the written records."""

    name: str
    label: str
    check: Check
    write: Write
    allowed: Allowed
    upload_url: Callable[[dict], str]
    done_url: Callable[[dict], str]

    @property
    def check_job(self) -> str:
        return f"{self.name}.check"

    @property
    def write_job(self) -> str:
        return f"{self.name}.write"


IMPORTS: dict[str, ImportKind] = {}  # by check job name


def import_kind(
    *,
    name: str,
    label,
    check: Check,
    write: Write,
    allowed: Allowed,
    upload_url: Callable[[dict], str],
    done_url: Callable[[dict], str],
) -> ImportKind:
    """Register a module's import as the job kinds ``<name>.check`` and ``<name>.write`` ("app.thing",
    lower case: ``jobs.job_work``'s rule). Call it at import time of a module the app's plugin imports."""
    kind = ImportKind(name, label, check, write, allowed, upload_url, done_url)

    def may_download(actor, job: Job) -> bool:
        return bool(kind.allowed(actor, job.params))

    def check_work(job: Job, progress: jobs.Progress) -> None:
        _check_work(kind, job, progress)

    def write_work(job: Job, progress: jobs.Progress) -> None:
        _write_work(kind, job, progress)

    check_work.__qualname__ = f"check_work[{kind.check_job}]"
    write_work.__qualname__ = f"write_work[{kind.write_job}]"
    jobs.job_work(name=kind.check_job, result_template="core/import_check.html", may_download=may_download)(
        check_work
    )
    jobs.job_work(name=kind.write_job, result_template="core/import_done.html")(write_work)
    IMPORTS[kind.check_job] = kind
    return kind


def _checked(kind: ImportKind, actor, path: Path, params: dict, progress) -> Checked:
    """The module's check, with a target that has left the actor's reach since the upload read as a
    file-level error rather than a system error."""
    try:
        return kind.check(actor=actor, path=path, params=params, progress=progress)
    except (Http404, PermissionDenied):
        raise ValidationError({"file": _("Bạn không còn quyền nhập dữ liệu vào mục này.")}) from None


def _report_name(filename: str) -> str:
    return f"kiem-tra-{Path(filename).stem or 'tep'}.xlsx"


def _check_work(kind: ImportKind, job: Job, progress: jobs.Progress) -> None:
    checked = _checked(kind, job.user, jobs.job_file(job, UPLOAD_NAME), job.params, progress)
    transaction.set_rollback(True)  # a check writes nothing, whatever the module's check did
    rows = checked.table.rows
    errors = checked.errors
    filename = job.params.get("filename", "")
    job.total = len(rows)
    job.result = {
        **checked.summary,
        "rows": len(rows),
        "ok": len(rows) - checked.error_rows,
        "error_rows": checked.error_rows,
        "errors": len(errors),
        "problems": errors.problems(limit=ERRORS_SHOWN),
        "preview_headers": [str(h) for h in checked.preview_headers],
        "preview": [[str(c) for c in r] for r in checked.preview[:PREVIEW_ROWS]],
        "filename": filename,
        "upload_url": kind.upload_url(job.params),
    }
    if checked.error_rows:
        progress.start(_("Ghi báo cáo lỗi"))
        path = jobs.job_file(job, "bao-cao.xlsx")
        report.write_report(path, checked.table)
        jobs.set_result_file(job, path, _report_name(filename))


def _write_work(kind: ImportKind, job: Job, progress: jobs.Progress) -> None:
    source = jobs.job_get(user=job.user, job_id=job.params["source"], kind=kind.check_job)
    actor = job.user
    if not kind.allowed(actor, source.params):
        raise ValidationError({"file": _("Bạn không còn quyền nhập dữ liệu vào mục này.")})
    checked = _checked(kind, actor, jobs.job_file(source, UPLOAD_NAME), source.params, progress)
    if checked.error_rows:
        raise ValidationError(
            {
                "file": [
                    _(
                        "Tệp có %(n)s dòng lỗi nên chưa ghi dòng nào. Hãy sửa theo báo cáo kiểm tra rồi nhập lại."
                    )
                    % {"n": checked.error_rows},
                    *checked.errors.messages(limit=20),
                ]
            }
        )
    progress.start(_("Ghi dữ liệu"), total=len(checked.table.rows))
    written = kind.write(actor=actor, checked=checked, params=source.params, progress=progress)
    job.total = written
    job.result = {
        "written": written,
        "filename": source.params.get("filename", ""),
        "done_url": kind.done_url(source.params),
    }


def import_start(*, actor, kind: ImportKind, params: dict, upload, label=None) -> Job:
    """Store ``upload`` and start its check; ``params`` (JSON: ids, not objects) go to check and write.
    Raises ``PermissionDenied`` if ``kind.allowed`` refuses the actor."""
    if not kind.allowed(actor, params):
        raise PermissionDenied
    name = Path(upload.name).name[:120]
    return jobs.job_start(
        user=actor,
        work=jobs.REGISTRY[kind.check_job].work,
        label=label or _("Kiểm tra tệp %(what)s: %(name)s") % {"what": kind.label, "name": name},
        params={**params, "filename": name},
        files={UPLOAD_NAME: upload},
    )


def import_write_start(*, actor, check: Job) -> tuple[Job, bool]:
    """ "Ghi": start the write of a clean check, at most once (``jobs.job_follow_up``): (the write
    job, whether this call started it). 404 for a job that is not an import's check, 403 when the
    kind's ``allowed`` refuses, ``ValidationError`` for a check that did not pass."""
    kind = IMPORTS.get(check.kind)
    if kind is None:
        raise Http404
    if not kind.allowed(actor, check.params):
        raise PermissionDenied
    if (
        check.state != Job.State.SUCCEEDED
        or check.result.get("error_rows", 1)
        or not check.result.get("rows")
    ):
        raise ValidationError({"file": _("Chỉ ghi được tệp đã kiểm tra không có lỗi.")})
    return jobs.job_follow_up(
        user=actor,
        source=check,
        work=jobs.REGISTRY[kind.write_job].work,
        label=_("Ghi tệp %(what)s: %(name)s")
        % {"what": kind.label, "name": check.params.get("filename", "")},
        params={"source": str(check.pk), "filename": check.params.get("filename", "")},
    )


def upload_page(
    request,
    kind: ImportKind,
    *,
    form: forms.Form,
    params: Callable[[dict], dict] = lambda data: {},
    title,
    template_url: str = "",
    cancel_url: str = "",
    intro="",
    extra: dict | None = None,
) -> HttpResponse:
    """The standard upload page: the form (a ``file`` field and the module's own choices), the link
    to the template, the actor's recent imports of this kind; a valid POST starts the check and
    goes to its job page. ``params(cleaned_data)`` gives the job's parameters."""
    if request.method == "POST" and form.is_valid():
        try:
            check_upload(form.cleaned_data["file"])
        except forms.ValidationError as error:
            form.add_error("file", error)
    if request.method == "POST" and form.is_valid():
        job = import_start(
            actor=request.user, kind=kind, params=params(form.cleaned_data), upload=form.cleaned_data["file"]
        )
        return redirect("jobs:detail", job.pk)
    recent = jobs.user_jobs(user=request.user).filter(kind__in=[kind.check_job, kind.write_job])
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "template_url": template_url,
        "cancel_url": cancel_url,
        "recent": recent[:RECENT_JOBS],
        **(extra or {}),
    }
    return render_form(request, "core/import_upload.html", context, form=form)


# -- report files ----------------------------------------------------------------------------------

Build = Callable[..., tuple[bytes, str]]


@dataclass(frozen=True)
class FileKind:
    name: str
    build: Build
    content_type: str


FILES: dict[str, FileKind] = {}


def file_kind(
    *, name: str, build: Build, may_download: jobs.DownloadRule, content_type: str = XLSX
) -> FileKind:
    """Register a report file as the job kind ``name``: ``build(*, actor, params, progress)`` returns
    (the file's bytes, its download name); ``may_download(actor, job)`` is asked at every download."""
    kind = FileKind(name, build, content_type)

    def work(job: Job, progress: jobs.Progress) -> None:
        body, filename = kind.build(actor=job.user, params=job.params, progress=progress)
        transaction.set_rollback(True)  # a report reads only
        path = jobs.job_file(job, "ket-qua" + Path(filename).suffix)
        write_whole(path, body)
        jobs.set_result_file(job, path, filename)
        job.result = {"size": len(body)}

    work.__qualname__ = f"file_work[{name}]"
    jobs.job_work(name=name, may_download=may_download)(work)
    FILES[name] = kind
    return kind


def write_whole(path: Path, body: bytes) -> None:
    """Write ``body`` to ``path`` whole or not at all: into a temporary file beside it, renamed over
    ``path`` once written (a failure mid-way removes the temporary file and leaves no ``path``)."""
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(body)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def file_response(body: bytes, filename: str, content_type: str = XLSX) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def inline_or_job(request, *, kind: FileKind, params: dict, label, inline: bool) -> HttpResponse:
    """The file at once when ``inline`` (a small unit); else a job: a GET shows what will be built
    with a button (a link never starts a job by itself), the POST starts it and goes to its page.
    ``params`` are JSON (ids, dates as text): the job builds from them, as the request would."""
    if inline:
        body, filename = kind.build(actor=request.user, params=params, progress=None)
        return file_response(body, filename, kind.content_type)
    if request.method != "POST":
        return render(
            request, "core/file_job_confirm.html", {"title": label, "action": request.get_full_path()}
        )
    job = jobs.job_start(user=request.user, work=jobs.REGISTRY[kind.name].work, label=label, params=params)
    return redirect("jobs:detail", job.pk)
