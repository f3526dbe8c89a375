"""The reports' xlsx files as background jobs (``core.job_flows.file_kind``) for large units.

A file of a unit whose subtree holds more than ``REPORTS_INLINE_UNITS`` units (setting, default
200; counted on the report's "as of" date) is built by a job with progress and downloaded from its
page; a smaller one downloads at once, built by the same function. The job keeps the page's query
string and rebuilds the scope from it as the actor, so the file is what the page shows.

Download rule (every kind, asked at each download by ``core.jobs.may_download``): the owner still
has ``reports.view`` on the report's unit today; a role that ended since answers 403, another
user's job 404 (``core.job_views.job_download``).
"""

from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from congdoan.core import job_flows
from congdoan.core.dates import today
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy
from congdoan.organizations.selectors import subtree_units

from . import definitions, exporting, selectors
from .permissions import VIEW


def inline_units() -> int:
    return int(getattr(settings, "REPORTS_INLINE_UNITS", 200))


def is_small(scope) -> bool:
    """Whether ``scope``'s unit has at most ``inline_units()`` units in its subtree on its date."""
    if not scope.path:
        return True
    return not subtree_units(scope.path, scope.as_of)[inline_units() : inline_units() + 1].exists()


def may_download(actor, job) -> bool:
    unit = Unit.objects.filter(pk=job.params.get("unit")).first()
    return unit is not None and policy.can(actor, VIEW, unit, today())


def _asked(actor, params: dict):
    """What the report views read of a request (its user and query string), rebuilt in a job."""
    return SimpleNamespace(user=actor, GET=QueryDict(params.get("query", "")), method="GET")


def _step(progress, step: str, done: int) -> None:
    """Two steps, figures then file: the bar at 0 % then 50 % (the job ends it at 100 %)."""
    if progress is not None:
        progress.start(step, total=2)
        progress.advance(done)


def _gone() -> ValidationError:
    return ValidationError({"file": _("Các tham số của báo cáo không còn hợp lệ; hãy mở lại trang báo cáo.")})


def _page_read(read, *args):
    """A page's reading of its query string in a job: a unit gone out of the owner's reach since the
    click (the page's 404) ends the job with the message of ``_gone``, not as a system error."""
    try:
        return read(*args)
    except Http404:
        raise _gone() from None


def _report_build(report):
    def build(*, actor, params, progress=None):
        from . import views  # the page's own reading of its query string

        scope = _page_read(views._report_scope, _asked(actor, params), report)
        if scope is None:
            raise _gone()
        _step(progress, _("Tính số liệu"), 0)
        data = selectors.report_data(actor=actor, report=report, scope=scope)
        _step(progress, _("Ghi tệp"), 1)
        return exporting.report_xlsx(data), f"{report.code}-{scope.period.start.year}.xlsx"

    return build


def _membership_build(*, actor, params, progress=None):
    from . import views

    _step(progress, _("Tính số liệu"), 0)
    _form, scope, _ok, names, rows, indents, total = _page_read(views._membership, _asked(actor, params))
    if scope is None:
        raise _gone()
    _step(progress, _("Ghi tệp"), 1)
    body = exporting.table_xlsx(
        title=str(definitions.MEMBERSHIP.title),
        scope=scope,
        names=names,
        rows=rows,
        total=total,
        indents=indents,
    )
    return body, f"thong-ke-doan-vien-{scope.as_of:%Y%m%d}.xlsx"


def _comparison_build(*, actor, params, progress=None):
    from . import views

    _step(progress, _("Tính số liệu"), 0)
    _form, scope, _ok, names, rows, total = _page_read(views._comparison, _asked(actor, params))
    if scope is None:
        raise _gone()
    _step(progress, _("Ghi tệp"), 1)
    body = exporting.table_xlsx(
        title=_("So sánh các đơn vị"), scope=scope, names=names, rows=rows, total=total
    )
    return body, f"so-sanh-{scope.as_of:%Y%m%d}.xlsx"


REPORTS = {
    report.code: job_flows.file_kind(
        name=f"reports.{report.code.replace('-', '_')}.xlsx",
        build=_report_build(report),
        may_download=may_download,
    )
    for report in definitions.PAGES
}
MEMBERSHIP = job_flows.file_kind(
    name="reports.membership.xlsx", build=_membership_build, may_download=may_download
)
COMPARISON = job_flows.file_kind(
    name="reports.comparison.xlsx", build=_comparison_build, may_download=may_download
)


def deliver(request, kind: job_flows.FileKind, scope, label):
    """The file of ``scope`` at once for a small unit, else through a job (``job_flows.inline_or_job``)."""
    params = {"query": request.GET.urlencode(), "unit": scope.unit.pk}
    label = _("%(what)s — %(unit)s") % {"what": label, "unit": scope.name}
    return job_flows.inline_or_job(request, kind=kind, params=params, label=label, inline=is_small(scope))
