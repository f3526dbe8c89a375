"""Pages of the welfare module: support cases, houses and programmes (lists with filters in the query
string and their Excel files, pages, forms), a programme's candidates from the register, and the totals of
a unit's subtree for a year. Views read through the selectors and write through the services."""

from django.contrib import messages
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from congdoan.core import paging
from congdoan.core.dates import today
from congdoan.core.forms import FORM_ERRORS, posted, submit
from congdoan.core.periods import Period
from congdoan.organizations.permissions import guarded, policy

from . import exporting, forms, selectors, services
from .permissions import MANAGE, VIEW

PAGE_SIZE = 50


def _xlsx(body, name: str) -> FileResponse:
    return FileResponse(body, as_attachment=True, filename=f"{name}.xlsx")


def _status(form) -> int:
    return FORM_ERRORS if form.errors else 200


# -- cases and houses ------------------------------------------------------------------------------


def _case_list(request, *, houses: bool):
    form = forms.CaseFilterForm(request.GET, actor=request.user)
    cases = selectors.case_search(actor=request.user, filters=form.to_filters(houses=houses))
    page = paging.page_of(cases, request.GET.get("page"), PAGE_SIZE)
    d, gifts = form.values(), None
    if not houses and d.get("gifts") and form.period is not None:
        gifts = selectors.gift_items_given(
            actor=request.user, unit=d.get("unit"), period=form.period, as_of=d.get("as_of") or today()
        )
    context = {
        "form": form,
        "page": page,
        "rows": selectors.shown(actor=request.user, cases=page.object_list),
        "gifts": list(gifts) if gifts is not None else None,
        "houses": houses,
        "query": urlencode(form.query()),
        "can_manage": policy.has_anywhere(request.user, MANAGE),
    }
    return render(request, "welfare/cases.html", context, status=_status(form))


@guarded(VIEW)
def case_list(request):
    return _case_list(request, houses=False)


@guarded(VIEW)
def house_list(request):
    return _case_list(request, houses=True)


def _case_export(request, *, houses: bool):
    form = forms.CaseFilterForm(request.GET, actor=request.user)
    cases = selectors.case_search(actor=request.user, filters=form.to_filters(houses=houses))
    body = exporting.cases_xlsx(actor=request.user, cases=cases, houses=houses)
    return _xlsx(body, "nha-tinh-nghia" if houses else "ho-tro-doan-vien")


@guarded(VIEW)
def case_export(request):
    return _case_export(request, houses=False)


@guarded(VIEW)
def house_export(request):
    return _case_export(request, houses=True)


def _create(request, form, *, record, detail: str, cancel: str, title, args=None):
    """A form that records something new through ``record(actor=, **cleaned_data)``."""

    def run(d):
        created = record(actor=request.user, **d)
        messages.success(request, _("Đã ghi %(t)s.") % {"t": created})
        return reverse(detail, args=[created.pk])

    target = submit(request, form, run)
    if target is not None:
        return redirect(target)
    context = {"form": form, "cancel_url": reverse(cancel), "title": title}
    return render(request, "welfare/form.html", context, status=_status(form))


def _initial(request) -> dict:
    """A case form opened from a programme's candidates: the programme and the person chosen."""
    return {k: request.GET[k] for k in ("programme", "person") if request.GET.get(k, "").isdigit()}


@guarded(MANAGE)
def case_create(request):
    form = forms.CaseForm(posted(request), actor=request.user, initial=_initial(request))
    return _create(
        request,
        form,
        record=services.case_create,
        detail="welfare:case",
        cancel="welfare:cases",
        title=_("Ghi hỗ trợ đoàn viên"),
    )


@guarded(MANAGE)
def house_create(request):
    form = forms.HouseForm(posted(request), actor=request.user, initial=_initial(request))
    return _create(
        request,
        form,
        record=services.house_record,
        detail="welfare:case",
        cancel="welfare:houses",
        title=_("Ghi nhà tình nghĩa, nhà tình thương, Mái ấm Công đoàn"),
    )


def _case_page(request, case, *, decision_form=None, status=200):
    actor = request.user
    can_manage = policy.can(actor, MANAGE, case.unit_id)
    if can_manage and decision_form is None:
        decision_form = forms.DecisionForm(choices=selectors.decision_choices(actor=actor, case=case))
    context = {
        "case": selectors.shown(actor=actor, cases=[case])[0],
        **selectors.case_detail(actor=actor, case=case),
        "decision_form": decision_form if can_manage else None,
    }
    return render(request, "welfare/case.html", context, status=status)


@guarded(VIEW)
def case_detail(request, case_id: int):
    return _case_page(request, selectors.case_get(actor=request.user, case_id=case_id))


def _write_on_page(request, unit_id: int, make_form, run, page):
    """A write from a record's page: 403 without ``welfare.manage`` on its unit, POST only; on success
    ``run(cleaned_data)`` gives the message and the page to go back to, else ``page(form)`` (422)."""
    policy.require(request.user, MANAGE, unit_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = make_form()

    def done(d):
        message, target = run(d)
        messages.success(request, message)
        return target

    target = submit(request, form, done)
    return redirect(target) if target is not None else page(form)


@guarded(MANAGE)
def case_document(request, case_id: int):
    case = selectors.case_get(actor=request.user, case_id=case_id)

    def run(d):
        document = services.case_link_document(actor=request.user, case=case, document=d["document"])
        return _("Đã gắn văn bản %(n)s.") % {"n": document.number_symbol}, reverse(
            "welfare:case", args=[case.pk]
        )

    return _write_on_page(
        request,
        case.unit_id,
        lambda: forms.DecisionForm(
            request.POST, choices=selectors.decision_choices(actor=request.user, case=case)
        ),
        run,
        lambda form: _case_page(request, case, decision_form=form, status=FORM_ERRORS),
    )


# -- programmes ------------------------------------------------------------------------------------


@guarded(VIEW)
def programme_list(request):
    form = forms.ProgrammeFilterForm(request.GET, actor=request.user)
    programmes = selectors.programme_search(actor=request.user, filters=form.to_filters())
    page = paging.page_of(programmes, request.GET.get("page"), PAGE_SIZE)
    rows = list(page.object_list)
    names = selectors.unit_names([p.unit_id for p in rows], today())
    for p in rows:
        p.unit_name = names.get(p.unit_id, "")
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": urlencode(form.query()),
        "can_manage": policy.has_anywhere(request.user, MANAGE),
    }
    return render(request, "welfare/programmes.html", context, status=_status(form))


@guarded(VIEW)
def programme_export(request):
    form = forms.ProgrammeFilterForm(request.GET, actor=request.user)
    programmes = selectors.programme_search(actor=request.user, filters=form.to_filters())
    return _xlsx(exporting.programmes_xlsx(programmes=programmes), "chuong-trinh-cham-lo")


@guarded(MANAGE)
def programme_create(request):
    return _create(
        request,
        forms.ProgrammeForm(posted(request), actor=request.user),
        record=services.programme_create,
        detail="welfare:programme",
        cancel="welfare:programmes",
        title=_("Ghi chương trình chăm lo"),
    )


def _programme_page(request, programme, *, item_form=None, status=200):
    actor = request.user
    detail = selectors.programme_detail(actor=actor, programme=programme)
    can_manage = policy.can(actor, MANAGE, programme.unit_id)
    if can_manage and item_form is None:
        item_form = forms.GiftItemForm(gifts=selectors.survey_gift_choices(actor=actor, programme=programme))
    page = paging.page_of(detail.pop("cases"), request.GET.get("page"), PAGE_SIZE)
    context = {
        "programme": programme,
        "unit_name": selectors.unit_names([programme.unit_id], today()).get(programme.unit_id, ""),
        **detail,
        "page": page,
        "rows": selectors.shown(actor=actor, cases=page.object_list),
        "can_manage": can_manage,
        "item_form": item_form if can_manage else None,
    }
    return render(request, "welfare/programme.html", context, status=status)


@guarded(VIEW)
def programme_detail(request, programme_id: int):
    return _programme_page(request, selectors.programme_get(actor=request.user, programme_id=programme_id))


@guarded(MANAGE)
def item_add(request, programme_id: int):
    programme = selectors.programme_get(actor=request.user, programme_id=programme_id)

    def run(d):
        item = services.gift_item_add(actor=request.user, programme=programme, **d)
        return _("Đã ghi %(t)s.") % {"t": item}, reverse("welfare:programme", args=[programme.pk])

    return _write_on_page(
        request,
        programme.unit_id,
        lambda: forms.GiftItemForm(
            request.POST, gifts=selectors.survey_gift_choices(actor=request.user, programme=programme)
        ),
        run,
        lambda form: _programme_page(request, programme, item_form=form, status=FORM_ERRORS),
    )


@guarded(VIEW)
def recipients_export(request, programme_id: int):
    """The programme's cases as xlsx: who received what (a personal case's beneficiary only where the
    page shows it)."""
    programme = selectors.programme_get(actor=request.user, programme_id=programme_id)
    cases = selectors.programme_recipients(actor=request.user, programme=programme)
    body = exporting.cases_xlsx(actor=request.user, cases=cases, title=_("Người nhận trong chương trình"))
    return _xlsx(body, f"nguoi-nhan-cham-lo-{programme_id}")


@guarded(VIEW)
def items_export(request, programme_id: int):
    """The programme's gift items as xlsx."""
    programme = selectors.programme_get(actor=request.user, programme_id=programme_id)
    items = selectors.programme_items(programme)
    return _xlsx(exporting.gift_items_xlsx(items=items), f"qua-cham-lo-{programme_id}")


def _candidates(request, programme_id: int):
    programme = selectors.programme_get(actor=request.user, programme_id=programme_id)
    flag = request.GET.get("flag", "")
    flag = flag if flag in ("hardship", "policy_family") else ""
    return programme, flag, selectors.candidates(actor=request.user, programme=programme, flag=flag)


@guarded(VIEW)
def candidates_export(request, programme_id: int):
    _programme, _flag, people = _candidates(request, programme_id)
    return _xlsx(exporting.candidates_xlsx(people=people), f"de-xuat-cham-lo-{programme_id}")


@guarded(VIEW)
def candidates(request, programme_id: int):
    """Members flagged in hardship or of a policy family, for the officer to pick (personal data:
    ``members.view_personal``); those already supported in the programme are marked."""
    programme, flag, people = _candidates(request, programme_id)
    page = paging.page_of(people, request.GET.get("page"), PAGE_SIZE)
    context = {
        "programme": programme,
        "page": page,
        "rows": list(page.object_list),
        "flag": flag,
        "query": urlencode({"flag": flag} if flag else {}),
        "can_manage": policy.can(request.user, MANAGE, programme.unit_id),
    }
    return render(request, "welfare/candidates.html", context)


# -- totals ----------------------------------------------------------------------------------------


def _totals_choice(request):
    form = forms.TotalsForm(request.GET, actor=request.user)
    valid = form.is_valid()
    d = form.cleaned_data if valid else {}
    unit = d.get("unit") or selectors.first_unit(actor=request.user)
    return form, valid, unit, form.period or Period.year(today().year)


@guarded(VIEW)
def totals(request):
    form, valid, unit, period = _totals_choice(request)
    rows = selectors.totals_rows(actor=request.user, unit=unit, period=period) if unit else []
    parts = selectors.breakdowns(actor=request.user, unit=unit, period=period) if unit else {}
    by_source = selectors.source_rows(actor=request.user, unit=unit, period=period) if unit else []
    context = {
        "form": form,
        "unit": unit,
        "period": period,
        "rows": rows,
        "by_source": by_source,
        "source_labels": [c.label for c in by_source[0].total.cells] if by_source else [],
        **parts,
        "export_query": urlencode({"unit": unit.pk, **period.query()}) if unit else "",
    }
    return render(request, "welfare/totals.html", context, status=200 if valid else FORM_ERRORS)


@guarded(VIEW)
def totals_export(request):
    form, valid, unit, period = _totals_choice(request)
    if not valid or unit is None:
        return totals(request)
    rows = selectors.totals_rows(actor=request.user, unit=unit, period=period)
    return _xlsx(exporting.totals_xlsx(rows=rows), f"tong-hop-cham-lo-{period.key or period.start.year}")


@guarded(VIEW)
def sources_export(request):
    """The support by source of each unit of the subtree in the period, rolled up, as xlsx."""
    form, valid, unit, period = _totals_choice(request)
    if not valid or unit is None:
        return totals(request)
    rows = selectors.source_rows(actor=request.user, unit=unit, period=period)
    name = f"cham-lo-theo-nguon-{period.key or period.start.year}"
    return _xlsx(exporting.sources_xlsx(rows=rows), name)
