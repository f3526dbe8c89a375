"""The reports' pages: the dashboard of a unit, a figure's drill-down to the units below and the
records behind, the standard reports (page, xlsx, and the signed ones issued through the documents
register), the comparison of units and the filing tracker. Every figure is read through
``selectors`` (the registry), 404 out of reach, 422 for bad input (the form's errors)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congdoan.core import figures, job_flows, plugins
from congdoan.core.dates import today
from congdoan.core.forms import FORM_ERRORS
from congdoan.core.periods import Period
from congdoan.core.reminders import page_schedule
from congdoan.emulation.selectors import block_get
from congdoan.organizations.permissions import guarded, policy

from . import definitions, files, reminders, selectors, services, tracker
from .forms import ComparisonForm, IssueForm, NarrativeForm, ScopeForm, YearForm
from .permissions import MANAGE, VIEW


def _read_scope(request, form, period_of=None):
    """The checked scope of a valid form (its errors added otherwise): ``(scope, ok)``. A unit out
    of the actor's reach is 404, as everywhere (the picker's "out of reach" error)."""
    if not form.is_valid():
        if any(e.code == "out_of_reach" for e in form.errors.as_data().get("unit", ())):
            raise Http404
        return None, False
    data = form.cleaned_data
    unit_id = data["unit"].pk if data.get("unit") else selectors.default_unit_id(actor=request.user)
    if unit_id is None:
        return None, True
    period = period_of(data) if period_of else data["period"]
    try:
        return selectors.scope_read(
            actor=request.user, unit_id=unit_id, period=period, as_of=data.get("as_of")
        ), True
    except ValidationError as error:
        form.apply_errors(error)
        return None, False


def _year_period(report):
    def period_of(data):
        return selectors.report_period(report, data.get("nam") or today().year)

    return period_of


# -- dashboard ---------------------------------------------------------------------------------------


@guarded(VIEW)
def dashboard(request):
    """The registered cards' figures for a unit, period and date, each opening its units below; and
    the charts (data in a JSON block, drawn by reports/charts.js with the vendored Chart.js)."""
    form = ScopeForm(request.GET, actor=request.user)
    scope, ok = _read_scope(request, form)
    cards, charts = [], {}
    if scope is not None:
        values = selectors.figure_values(actor=request.user, scope=scope)
        for card in plugins.cards(request.user):
            shown = [(figures.get(n), values[n]) for n in card.names if n in values]
            if shown:
                cards.append({"card": card, "values": shown})
        charts = selectors.charts(actor=request.user, scope=scope, totals=values)
    context = {
        "form": form,
        "scope": scope,
        "cards": cards,
        "charts": charts,
        "query": urlencode(scope.query()) if scope else "",
    }
    return render(request, "reports/dashboard.html", context, status=200 if ok else FORM_ERRORS)


@guarded(VIEW)
def figure_detail(request):
    """One figure (``?name=``) for every unit of the subtree: its own value and its subtree's, each
    unit opening its own subtree, and the records behind when the figure declares ``records_url``."""
    if not request.GET.get("name"):
        return redirect(reverse("reports:dashboard"))
    form = ScopeForm(request.GET, actor=request.user)
    scope, ok = _read_scope(request, form)
    figure, rows = None, []
    try:
        figure = figures.get(selectors.check_names([request.GET.get("name", "")])[0])
    except (ValidationError, IndexError):
        form.add_error(None, _("Không có số liệu tên '%(n)s'.") % {"n": request.GET.get("name", "")})
        ok = False
    if scope is not None and figure is not None:
        rows = [
            {
                "row": r,
                "own": r.own.get(figure.name),
                "total": r.total.get(figure.name),
                "records": figure.records_url(r.unit.id, scope.period, scope.as_of)
                if figure.records_url
                else "",
            }
            for r in selectors.figure_rows(actor=request.user, scope=scope, names=[figure.name])
        ]
    query = {**scope.query(), "name": figure.name} if scope and figure else {}
    context = {"form": form, "scope": scope, "figure": figure, "rows": rows, "query": query}
    return render(request, "reports/figure.html", context, status=200 if ok else FORM_ERRORS)


# -- the year-end and mid-year reports ---------------------------------------------------------------


def _report_page(request, report, *, narrative_form=None, issue_form=None, already_issued=None, status=200):
    form = YearForm(request.GET, actor=request.user)
    scope, ok = _read_scope(request, form, _year_period(report))
    data = selectors.report_data(actor=request.user, report=report, scope=scope) if scope else None
    may_manage = scope is not None and policy.can(request.user, MANAGE, scope.unit)
    if data is not None and narrative_form is None:
        texts = {s.code: s.narrative for s in data.sections}
        narrative_form = NarrativeForm(report=report, initial_texts=texts)
    query = (
        {"unit": scope.unit.pk, "nam": scope.period.start.year, "as_of": request.GET.get("as_of", "")}
        if scope
        else {}
    )
    context = {
        "report": report,
        "form": form,
        "scope": scope,
        "data": data,
        "may_manage": may_manage,
        "narrative_form": narrative_form,
        "issue_form": issue_form or IssueForm(initial={"signed_on": today()}),
        "already_issued": already_issued,
        "query": urlencode({k: v for k, v in query.items() if v}),
        "url_name": f"reports:{report.code}",
        "figure_query": urlencode(scope.query()) if scope else "",
    }
    return render(request, "reports/report.html", context, status=status if ok else FORM_ERRORS)


def _report_scope(request, report):
    """The checked scope of a report's query string (unit, year, as of), or None (the page then
    answers with the form's errors)."""
    return _read_scope(request, YearForm(request.GET, actor=request.user), _year_period(report))[0]


def _report_views(report):
    @guarded(VIEW)
    def page(request):
        return _report_page(request, report)

    @guarded(VIEW)
    def xlsx(request):
        scope = _report_scope(request, report)
        if scope is None:
            return _report_page(request, report)
        return files.deliver(request, files.REPORTS[report.code], scope, report.title)

    @guarded(VIEW)
    def word(request):
        """The report's draft Word file (``services.draft_docx``); bad filters answer the page, 422."""
        scope = _report_scope(request, report)
        if scope is None:
            return _report_page(request, report)
        body = services.draft_docx(actor=request.user, report=report, scope=scope)
        name = f"du-thao-{report.code}-{scope.period.start.year}.docx"
        return job_flows.file_response(body, name, job_flows.DOCX)

    @guarded(MANAGE)
    @require_POST
    def narrative(request):
        scope = _report_scope(request, report)
        if scope is None:
            return _report_page(request, report)
        posted = NarrativeForm(request.POST, report=report, initial_texts={})
        if posted.is_valid():
            try:
                services.narrative_save(
                    actor=request.user,
                    report=report,
                    unit=scope.unit,
                    year=scope.period.start.year,
                    texts=posted.cleaned_data,
                )
            except ValidationError as error:
                posted.apply_errors(error)
        if posted.errors:
            return _report_page(request, report, narrative_form=posted, status=FORM_ERRORS)
        messages.success(request, _("Đã lưu nội dung báo cáo."))
        return redirect(f"{reverse(f'reports:{report.code}')}?{request.GET.urlencode()}")

    @guarded(MANAGE)
    @require_POST
    def issue(request):
        scope = _report_scope(request, report)
        if scope is None:
            return _report_page(request, report)
        posted = IssueForm(request.POST)
        if posted.is_valid():
            try:
                issued = services.report_issue(
                    actor=request.user, report=report, scope=scope, **posted.cleaned_data
                )
            except services.AlreadyIssued as error:
                return _report_page(
                    request, report, issue_form=posted, already_issued=error, status=FORM_ERRORS
                )
            except ValidationError as error:
                posted.apply_errors(error)
            else:
                messages.success(
                    request, _("Đã ban hành báo cáo số %(n)s.") % {"n": issued.document.number_symbol}
                )
                return redirect(f"{reverse(f'reports:{report.code}')}?{request.GET.urlencode()}")
        return _report_page(request, report, issue_form=posted, status=FORM_ERRORS)

    return page, xlsx, word, narrative, issue


year_end, year_end_xlsx, year_end_word, year_end_narrative, year_end_issue = _report_views(
    definitions.YEAR_END
)
mid_year, mid_year_xlsx, mid_year_word, mid_year_narrative, mid_year_issue = _report_views(
    definitions.MID_YEAR
)
awards_list, awards_list_xlsx, awards_list_word, awards_list_narrative, awards_list_issue = _report_views(
    definitions.COMMENDATION_LIST
)
ratings, ratings_xlsx, ratings_word, ratings_narrative, ratings_issue = _report_views(
    definitions.RATING_SUMMARY
)


# -- tables: membership statistics, comparison of units ---------------------------------------------


def _membership(request):
    form = ScopeForm(request.GET, actor=request.user)
    scope, ok = _read_scope(request, form)
    names, rows, indents, total = definitions.MEMBERSHIP.names(), [], {}, {}
    if scope is not None:
        found = selectors.figure_rows(actor=request.user, scope=scope, names=names)
        names = [n for n in names if found and n in found[0].total]
        for i, r in enumerate(found[1:]):
            rows.append(selectors.ComparisonRow(r.unit.id, r.unit.name, tuple(r.total.get(n) for n in names)))
            indents[i] = r.indent - 1
        total = found[0].total if found else {}
    return form, scope, ok, names, rows, indents, total


def _table(names, rows, total, indents=None) -> dict:
    """A table's context: figures across, each row's cells as (Figure, value), the totals' cells."""
    shown = [figures.get(n) for n in names]
    return {
        "figures": shown,
        "rows": [
            {"row": r, "indent": (indents or {}).get(i, 0), "cells": list(zip(shown, r.values, strict=True))}
            for i, r in enumerate(rows)
        ],
        "total": [(f, total.get(f.name)) for f in shown],
    }


@guarded(VIEW)
def membership(request):
    form, scope, ok, names, rows, indents, total = _membership(request)
    context = {
        "form": form,
        "scope": scope,
        "title": definitions.MEMBERSHIP.title,
        **_table(names, rows, total, indents),
        "query": urlencode(scope.query()) if scope else "",
        "export": "reports:membership_xlsx",
    }
    return render(request, "reports/table.html", context, status=200 if ok else FORM_ERRORS)


@guarded(VIEW)
def membership_xlsx(request):
    """The xlsx at once for a small unit, else by a job (``files.deliver``)."""
    scope, _ok = _read_scope(request, ScopeForm(request.GET, actor=request.user))
    if scope is None:
        return membership(request)
    return files.deliver(request, files.MEMBERSHIP, scope, definitions.MEMBERSHIP.title)


def _comparison(request):
    form = ComparisonForm(request.GET, actor=request.user)
    scope, ok = _read_scope(request, form)
    names, rows, total = [], [], {}
    if scope is not None:
        section = definitions.COMPARABLE.get(form.cleaned_data.get("section") or "organisation")
        depth = form.cleaned_data.get("depth") or 1
        block_id = form.cleaned_data.get("block")
        if block_id:
            block = block_get(actor=request.user, block_id=block_id)
            rows, total = selectors.block_comparison(
                actor=request.user, block=block, scope=scope, names=section.present()
            )
        else:
            rows = selectors.comparison(actor=request.user, scope=scope, names=section.present(), depth=depth)
            total = selectors.figure_values(actor=request.user, scope=scope)
        names = [n for n in section.present() if n in total]
        keep = [i for i, n in enumerate(section.present()) if n in total]
        rows = [selectors.ComparisonRow(r.unit_id, r.name, tuple(r.values[i] for i in keep)) for r in rows]
    return form, scope, ok, names, rows, total


@guarded(VIEW)
def comparison(request):
    form, scope, ok, names, rows, total = _comparison(request)
    query = (
        {**scope.query(), **{k: request.GET[k] for k in ("section", "depth", "block") if request.GET.get(k)}}
        if scope
        else {}
    )
    context = {
        "form": form,
        "scope": scope,
        "title": _("So sánh các đơn vị"),
        **_table(names, rows, total),
        "query": urlencode(query),
        "export": "reports:comparison_xlsx",
    }
    return render(request, "reports/table.html", context, status=200 if ok else FORM_ERRORS)


@guarded(VIEW)
def comparison_xlsx(request):
    """The xlsx at once for a small unit, else by a job (``files.deliver``)."""
    scope, _ok = _read_scope(request, ComparisonForm(request.GET, actor=request.user))
    if scope is None:
        return comparison(request)
    return files.deliver(request, files.COMPARISON, scope, _("So sánh các đơn vị"))


# -- filing tracker ----------------------------------------------------------------------------------


def _filing_scope(request):
    form = YearForm(request.GET, actor=request.user)
    return form, *_read_scope(request, form, lambda data: Period.year(data.get("nam") or today().year))


@guarded(VIEW)
def filing(request, status=200):
    """The tracker (``tracker.filing``): per grassroots union and part, filed, not yet, or not owed;
    per part "filed/owed"; the reminder to those behind for an officer who manages the unit."""
    form, scope, ok = _filing_scope(request)
    found = tracker.filing(actor=request.user, scope=scope) if scope else None
    may_remind = scope is not None and policy.can(request.user, MANAGE, scope.unit)
    context = {
        "form": form,
        "scope": scope,
        "filing": found,
        "parts": found.parts if found else (),
        "rows": found.rows if found else (),
        "behind": len(found.behind) if found else 0,
        "may_remind": may_remind,
        "query": request.GET.urlencode(),
        "schedule": page_schedule(
            actor=request.user,
            kind=reminders.KIND,
            unit_id=scope.unit.pk,
            params={"year": scope.period.start.year},
            back=request.get_full_path(),
        )
        if may_remind
        else None,
    }
    return render(request, "reports/filing.html", context, status=status if ok else FORM_ERRORS)


@guarded(MANAGE)
@require_POST
def filing_remind(request):
    """Send the reminder; the answer names the units e-mailed, those already reminded of the same
    parts and year, and those without an address (422 with those names when nothing was sent)."""
    form, scope, ok = _filing_scope(request)
    if scope is None:
        return filing(request)
    try:
        result = services.filing_remind(actor=request.user, scope=scope)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return filing(request, status=FORM_ERRORS)
    first, *rest = result.lines()
    messages.success(request, first)
    for line in rest:
        messages.warning(request, line)
    return redirect(f"{reverse('reports:filing')}?{request.GET.urlencode()}")
