"""Pages of the conferences module: the list (filters in the query string), recording a
conference, the conference page with its documents and votes, and the compliance table of a
superior union for a year (a count opens the units behind it). Views read through the selectors
and write through the services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from congdoan.core import paging
from congdoan.core.dates import display, today
from congdoan.core.forms import FORM_ERRORS, posted, submit
from congdoan.core.reminders import page_schedule
from congdoan.organizations.permissions import guarded, policy

from . import exporting, forms, reminders, reviews, rules, selectors, services
from .models import ConferenceKind
from .permissions import MANAGE, VIEW

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _list_page(request, form, rows, template: str):
    """A list page: ``rows`` (a queryset) a page at a time with their units' names; filters in the
    query string, a bad one answered 422 next to its field."""
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    context = {
        "form": form,
        "page": page,
        "rows": selectors.with_unit_names(page.object_list),
        "query": urlencode(form.query()) if hasattr(form, "query") else "",
        "can_manage": policy.has_anywhere(request.user, MANAGE),
    }
    return render(request, template, context, status=FORM_ERRORS if form.errors else 200)


@guarded(VIEW)
def conference_list(request):
    form = forms.ConferenceFilterForm(request.GET, actor=request.user)
    results = selectors.conference_search(actor=request.user, filters=form.to_filters())
    return _list_page(request, form, results, "meetings/list.html")


def _create_page(request, form, *, record, detail: str, cancel: str, title):
    """A form that records something new through ``record(actor=, **cleaned_data)``: on success a
    message and its page (``detail``), else the form again (422 with the service's errors)."""

    def run(d):
        created = record(actor=request.user, **d)
        messages.success(request, _("Đã ghi %(t)s của %(unit)s.") % {"t": created, "unit": created.unit})
        return reverse(detail, args=[created.pk])

    target = submit(request, form, run)
    if target is not None:
        return redirect(target)
    context = {"form": form, "cancel_url": reverse(cancel), "title": title}
    return render(request, "meetings/form.html", context, status=FORM_ERRORS if form.errors else 200)


@guarded(MANAGE)
def conference_create(request):
    return _create_page(
        request,
        forms.ConferenceForm(posted(request), actor=request.user),
        record=services.conference_record,
        detail="meetings:detail",
        cancel="meetings:list",
        title=_("Ghi hội nghị đã tổ chức"),
    )


def _detail_page(
    request,
    conference,
    *,
    document_form=None,
    vote_form=None,
    resolution_form=None,
    board_form=None,
    status=200,
):
    actor = request.user
    detail = selectors.conference_detail(actor=actor, conference=conference)
    board = selectors.inspection_board(conference=conference)
    can_manage = policy.can(actor, MANAGE, conference.unit_id)
    if can_manage:
        if board is None and conference.kind in services.BOARD_KINDS:
            board_form = board_form or forms.BoardForm()
        document_form = document_form or forms.DocumentForm()
        vote_form = vote_form or forms.VoteForm(documents=conference.documents.all())
        if detail["resolution_document"] is None and resolution_form is None:
            choices = selectors.resolution_choices(actor=actor, conference=conference)
            resolution_form = forms.ResolutionForm(choices=choices)
    selectors.with_unit_names([conference])
    context = {
        "conference": conference,
        **detail,
        "late": conference.held_on > detail["deadline"],
        "can_manage": can_manage,
        "document_form": document_form if can_manage else None,
        "vote_form": vote_form if can_manage else None,
        "resolution_form": resolution_form if can_manage else None,
        "board": board,
        "board_form": board_form if can_manage else None,
    }
    return render(request, "meetings/detail.html", context, status=status)


@guarded(VIEW)
def conference_detail(request, conference_id: int):
    conference = selectors.conference_get(actor=request.user, conference_id=conference_id)
    return _detail_page(request, conference)


def _write_on(request, obj, *, detail: str, page, slot: str, make_form, run):
    """A write on a record's page (a conference, a review): 403 without ``meetings.manage`` on its
    unit, POST only; ``run(actor, obj, cleaned_data)`` calls the service and gives the message;
    errors re-render ``page`` with the form in ``slot``, 422."""
    policy.require(request.user, MANAGE, obj.unit_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = make_form(request.user, obj)

    def done(d):
        messages.success(request, run(request.user, obj, d))
        return reverse(detail, args=[obj.pk])

    target = submit(request, form, done)
    if target is not None:
        return redirect(target)
    return page(request, obj, status=FORM_ERRORS, **{slot: form})


def _conference_write(request, conference_id: int, **kwargs):
    """A write on the conference page (404 out of reach: ``conference_get``)."""
    conference = selectors.conference_get(actor=request.user, conference_id=conference_id)
    return _write_on(request, conference, detail="meetings:detail", page=_detail_page, **kwargs)


def _document_added(actor, conference, d) -> str:
    services.document_add(actor=actor, conference=conference, **d)
    return _("Đã thêm tài liệu %(t)s.") % {"t": d["title"]}


def _vote_recorded(actor, conference, d) -> str:
    vote = services.vote_record(actor=actor, conference=conference, **d)
    return (
        _("Đã ghi biểu quyết: được thông qua.")
        if vote.adopted
        else _("Đã ghi biểu quyết: không được thông qua.")
    )


def _resolution_linked(actor, conference, d) -> str:
    document = services.resolution_link(actor=actor, conference=conference, document=d["document"])
    return _("Đã gắn nghị quyết %(n)s với hội nghị.") % {"n": document.number_symbol}


def _board_elected(actor, conference, d) -> str:
    services.inspection_board_elect(
        actor=actor, conference=conference, members=forms.board_members(d), note=d.get("note", "")
    )
    return _("Đã ghi Ban thanh tra nhân dân.")


@guarded(MANAGE)
def inspection_board(request, conference_id: int):
    return _conference_write(
        request,
        conference_id,
        slot="board_form",
        make_form=lambda actor, conference: forms.BoardForm(request.POST),
        run=_board_elected,
    )


@guarded(MANAGE)
def document_add(request, conference_id: int):
    return _conference_write(
        request,
        conference_id,
        slot="document_form",
        make_form=lambda actor, conference: forms.DocumentForm(request.POST),
        run=_document_added,
    )


@guarded(MANAGE)
def vote_add(request, conference_id: int):
    return _conference_write(
        request,
        conference_id,
        slot="vote_form",
        make_form=lambda actor, conference: forms.VoteForm(
            request.POST, documents=conference.documents.all()
        ),
        run=_vote_recorded,
    )


@guarded(MANAGE)
def resolution_link(request, conference_id: int):
    def make_form(actor, conference):
        choices = selectors.resolution_choices(actor=actor, conference=conference)
        return forms.ResolutionForm(request.POST, choices=choices)

    return _conference_write(
        request, conference_id, slot="resolution_form", make_form=make_form, run=_resolution_linked
    )


# -- compliance ------------------------------------------------------------------------------------


def compliance_choice(request):
    """The unit, year and kind asked for (the actor's first unit and the last complete year by
    default: the year box shows it, so the page says which year it counts)."""
    actor = request.user
    data = request.GET
    if not data.get("year"):
        data = data.copy()
        data["year"] = str(rules.last_complete_year(today()))
    form = forms.ComplianceForm(data, actor=actor)
    valid = form.is_valid()
    d = form.cleaned_data if valid else {}
    unit = d.get("unit")
    if unit is None:
        unit = selectors.first_unit(actor=actor)
    year = d.get("year") or rules.last_complete_year(today())
    kind = d.get("kind") or ConferenceKind.PUBLIC_EMPLOYEES
    return form, valid, unit, year, kind, d.get("state") or "", d.get("as_of")


@guarded(VIEW)
def compliance(request):
    """Held/due per unit of a subtree for a year; a count opens the units behind it."""
    form, valid, unit, year, kind, state, as_of = compliance_choice(request)
    reading = {"actor": request.user, "unit": unit, "year": year, "kind": kind, "as_of": as_of}
    rows = selectors.compliance_rows(**reading) if unit else []
    units = selectors.compliance_units(**reading, state=state) if unit and state else None
    overdue = {}
    if unit and state == "missing":
        overdue = {
            o.unit_id: o for o in reminders.overdue_units(actor=request.user, unit=unit, year=year, kind=kind)
        }
    query = {"year": year, "kind": kind, **({"as_of": as_of.isoformat()} if as_of else {})}
    may_remind = unit is not None and policy.can(request.user, MANAGE, unit)
    context = {
        "overdue": overdue,
        "units": [(u, overdue.get(u.unit_id)) for u in units] if units is not None else None,
        "can_remind": bool(overdue) and may_remind,
        "schedule": page_schedule(
            actor=request.user,
            kind=reminders.SCHEDULED,
            unit_id=unit.pk,
            params={"kind": kind, "year": year},
            back=request.get_full_path(),
        )
        if may_remind
        else None,
        "form": form,
        "unit": unit,
        "year": year,
        "kind": ConferenceKind(kind),
        "rows": rows,
        "state": state,
        "query": urlencode(query),
        "export_query": urlencode({**query, "unit": unit.pk}) if unit else "",
    }
    return render(request, "meetings/compliance.html", context, status=200 if valid else FORM_ERRORS)


# -- congresses ------------------------------------------------------------------------------------


@guarded(VIEW)
def term_list(request):
    form = forms.TermFilterForm(request.GET, actor=request.user)
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    return _list_page(
        request, form, selectors.term_search(actor=request.user, unit=unit), "meetings/terms.html"
    )


@guarded(MANAGE)
def term_create(request):
    return _create_page(
        request,
        forms.TermForm(posted(request), actor=request.user),
        record=services.term_record,
        detail="meetings:term",
        cancel="meetings:terms",
        title=_("Ghi nhiệm kỳ đại hội"),
    )


def _change_form(term, data=None):
    return forms.ChangeForm(
        data,
        positions=selectors.open_positions(term=term),
        candidates=selectors.unit_candidates(unit=term.unit, on=today()),
    )


def _term_page(request, term, *, elect_form=None, change_form=None, status=200):
    actor = request.user
    can_manage = policy.can(actor, MANAGE, term.unit_id)
    if can_manage and term.held_on is not None:
        elect_form = elect_form or forms.ElectForm(candidates=selectors.committee_candidates(term=term))
        change_form = change_form or _change_form(term)
    selectors.with_unit_names([term])
    context = {
        "term": term,
        "seats": selectors.committee(term=term),
        "changes": selectors.committee_changes(term=term),
        "now": selectors.committee_now(term=term),
        "warnings": selectors.lower_levels_first(term=term),
        "elect_form": elect_form if can_manage else None,
        "change_form": change_form if can_manage else None,
    }
    return render(request, "meetings/term.html", context, status=status)


@guarded(VIEW)
def term_detail(request, term_id: int):
    return _term_page(request, selectors.term_get(actor=request.user, term_id=term_id))


@guarded(MANAGE)
def committee_elect(request, term_id: int):
    term = selectors.term_get(actor=request.user, term_id=term_id)
    policy.require(request.user, MANAGE, term.unit_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.ElectForm(request.POST, candidates=selectors.committee_candidates(term=term))

    def run(d):
        seat = services.committee_elect(actor=request.user, term=term, **d)
        messages.success(request, _("Đã ghi %(p)s.") % {"p": seat.position_held})
        return reverse("meetings:term", args=[term.pk])

    target = submit(request, form, run)
    if target is not None:
        return redirect(target)
    return _term_page(request, term, elect_form=form, status=FORM_ERRORS)


@guarded(MANAGE)
def committee_change(request, term_id: int):
    """A mid-term change of the committee (a chair replaced): the register's positions, dated."""
    term = selectors.term_get(actor=request.user, term_id=term_id)
    policy.require(request.user, MANAGE, term.unit_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = _change_form(term, request.POST)

    def run(d):
        services.committee_change(actor=request.user, term=term, **d)
        messages.success(request, _("Đã ghi thay đổi Ban Chấp hành ngày %(d)s.") % {"d": display(d["on"])})
        return reverse("meetings:term", args=[term.pk])

    target = submit(request, form, run)
    if target is not None:
        return redirect(target)
    return _term_page(request, term, change_form=form, status=FORM_ERRORS)


@guarded(MANAGE)
def remind(request):
    """Send the e-mail reminders to the units of the compliance table that are overdue."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.RemindForm(request.POST, actor=request.user)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}"
            )
        response = compliance(request)
        response.status_code = FORM_ERRORS
        return response
    d = form.cleaned_data
    query = urlencode({"unit": d["unit"].pk, "year": d["year"], "kind": d["kind"], "state": "missing"})
    try:
        sent = reminders.reminders_start(actor=request.user, unit=d["unit"], year=d["year"], kind=d["kind"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(f"{reverse('meetings:compliance')}?{query}")
    messages.success(request, sent.message())
    if sent.job is not None:
        return redirect(reverse("jobs:detail", args=[sent.job.pk]))
    return redirect(f"{reverse('meetings:compliance')}?{query}")


# -- mid-year and year-end reviews -------------------------------------------------------------------


@guarded(VIEW)
def review_list(request):
    form = forms.ReviewFilterForm(request.GET, actor=request.user)
    results = selectors.review_search(actor=request.user, filters=form.to_filters())
    return _list_page(request, form, results, "meetings/reviews.html")


@guarded(MANAGE)
def review_create(request):
    return _create_page(
        request,
        forms.ReviewForm(posted(request), actor=request.user),
        record=reviews.review_record,
        detail="meetings:review",
        cancel="meetings:reviews",
        title=_("Ghi hội nghị sơ kết, tổng kết"),
    )


def _review_page(request, review, *, award_form=None, link_form=None, status=200):
    actor = request.user
    can_manage = policy.can(actor, MANAGE, review.unit_id)
    if can_manage:
        award_form = award_form or forms.AwardForm()
        link_form = link_form or forms.ReviewLinkForm(
            choices=selectors.review_document_choices(actor=actor, review=review)
        )
    selectors.with_unit_names([review])
    context = {
        "review": review,
        **selectors.review_detail(actor=actor, review=review),
        "award_form": award_form if can_manage else None,
        "link_form": link_form if can_manage else None,
    }
    return render(request, "meetings/review.html", context, status=status)


@guarded(VIEW)
def review_detail(request, review_id: int):
    return _review_page(request, selectors.review_get(actor=request.user, review_id=review_id))


def _review_write(request, review_id: int, **kwargs):
    """A write on the review page (404 out of reach: ``review_get``)."""
    review = selectors.review_get(actor=request.user, review_id=review_id)
    return _write_on(request, review, detail="meetings:review", page=_review_page, **kwargs)


def _award_added(actor, review, d) -> str:
    award = reviews.review_award_add(actor=actor, review=review, **d)
    return _("Đã ghi khen thưởng: %(f)s.") % {"f": award.form}


def _review_linked(actor, review, d) -> str:
    document = reviews.review_link(actor=actor, review=review, **d)
    return _("Đã gắn văn bản %(n)s với hội nghị.") % {"n": document.number_symbol}


@guarded(MANAGE)
def review_award_add(request, review_id: int):
    return _review_write(
        request,
        review_id,
        slot="award_form",
        make_form=lambda actor, review: forms.AwardForm(request.POST),
        run=_award_added,
    )


@guarded(MANAGE)
def review_link(request, review_id: int):
    def make_form(actor, review):
        choices = selectors.review_document_choices(actor=actor, review=review)
        return forms.ReviewLinkForm(request.POST, choices=choices)

    return _review_write(request, review_id, slot="link_form", make_form=make_form, run=_review_linked)


@guarded(VIEW)
def compliance_export(request):
    """The compliance table of the page's unit, year and kind as an Excel file."""
    form, valid, unit, year, kind, _state, _as_of = compliance_choice(request)
    if not valid or unit is None:
        return compliance(request)
    body = exporting.compliance_xlsx(actor=request.user, unit=unit, year=year, kind=kind)
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="hoi-nghi-{kind}-{year}.xlsx"'
    return response
