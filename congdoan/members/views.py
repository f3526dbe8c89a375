"""Pages of the member register: the list, a member's page, the changes, transfers and statistics.

Views parse input, ask selectors (reads) or services (writes) and render; the services decide.
Personal fields (``services.PERSONAL_FIELDS``) are shown only where the actor holds
``members.view_personal``, and never put in a URL.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congdoan.core import paging, plugins
from congdoan.core.audit_display import audit_rows, timeline
from congdoan.core.dates import display, today
from congdoan.core.forms import posted, render_form, submit
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import guarded, policy

from . import forms, selectors, services
from .models import IN_UNIT, Membership, Person, Status, Transfer
from .permissions import MANAGE, VIEW, VIEW_PERSONAL, may_correct_period, personal_reach
from .workforce import workforce_record

PAGE_SIZE = 50
HIDDEN = gettext_lazy("(ẩn)")


def _until(valid_to: dt.date | None) -> dt.date | None:
    """The last day of a period whose ``valid_to`` is exclusive."""
    return valid_to - dt.timedelta(days=1) if valid_to else None


# -- the list ------------------------------------------------------------------------------------

SORT_COLUMNS = [
    ("name", gettext_lazy("Họ và tên")),
    ("family", gettext_lazy("theo họ")),
    ("card", gettext_lazy("Số thẻ")),
    ("unit", gettext_lazy("Đơn vị")),
]


def _sort_headers(current: str) -> dict[str, dict]:
    """Per sortable column: the sort a click asks for and the icon showing the current one."""
    headers = {}
    for key, label in SORT_COLUMNS:
        active = current.lstrip("-") == key
        descending = active and current.startswith("-")
        headers[key] = {
            "label": label,
            "next": f"-{key}" if active and not descending else key,
            "icon": ("sort-down-alt" if descending else "sort-up") if active else "",
        }
    return headers


@guarded(VIEW)
def member_list(request):
    """Search, filters, sort and page, all in the query string (GET): Back after opening a member
    shows the same list, a filtered list can be bookmarked. A search term that may be an ID or phone
    number (``forms.looks_personal``) is the exception: the page's script posts it (app.js,
    ``data-private-field``) and the address bar gets the other filters only (``HX-Push-Url``), so
    it never enters a URL, the browser's history or the server's logs."""
    actor = request.user
    data = request.POST if request.method == "POST" else request.GET
    form = forms.MemberFilterForm(data, actor=actor)
    filters = form.to_filters()
    results = selectors.member_search(actor=actor, filters=filters)
    total, exact = selectors.capped_count(results)
    # Not counted past the cap: a page past the end is the last page within it.
    page = paging.window(results, data.get("page"), PAGE_SIZE, count=lambda: total)
    rows = page.rows
    names = selectors.unit_names_on([p.unit_id for p in rows if p.unit_id])
    personal = personal_reach(actor)
    for p in rows:
        p.unit_name = names.get(p.unit_id, "")
        p.personal = personal.covers(p.unit_path)
    query = form.query()
    export_url = reverse("members:export")
    context = {
        "form": form,
        "rows": rows,
        "page": page,
        "number": page.number,
        "has_next": page.has_next,
        "total": total,
        "exact": exact,
        "sort": filters.sort,
        "headers": _sort_headers(filters.sort),
        "personal_columns": policy.has_anywhere(actor, VIEW_PERSONAL),
        "can_manage": policy.has_anywhere(actor, MANAGE),
        "export_url": f"{export_url}?{urlencode(query)}" if query else export_url,
        "export_blocked": forms.looks_personal(filters.q),
        "import_url": reverse("members:import"),
        "private_digits": forms.PERSONAL_DIGITS,
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "members/partials/list_results.html" if partial else "members/list.html"
    response = render_form(request, template, context, invalid=bool(form.errors))
    if partial:
        # The address of what is shown, without a personal search term: Back and bookmarks.
        shown = {k: v for k, v in query.items() if (k, v) != ("sort", "name")}
        shown.update({"page": str(page.number)} if page.number > 1 else {})
        response["HX-Push-Url"] = (
            f"{reverse('members:list')}?{urlencode(shown)}" if shown else reverse("members:list")
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


# -- a member's page -----------------------------------------------------------------------------


@guarded(VIEW)
def member_detail(request, member_id: int):
    actor = request.user
    person = selectors.member_get(actor=actor, person_id=member_id)
    history = selectors.member_history(actor=actor, person=person)
    positions, transfers, entries = (list(history[k]) for k in ("positions", "transfers", "entries"))
    names = selectors.unit_names_on(
        {
            person.unit_id,
            *(p.unit_id for p in positions),
            *(t.from_unit_id for t in transfers),
            *(t.to_unit_id for t in transfers),
            *(p.unit_id for p in history["periods"]),
        }
        - {None}
    )
    personal = policy.can(actor, VIEW_PERSONAL, person.unit_id)
    can_manage = policy.can(actor, MANAGE, person.unit_id)
    planned = selectors.planned_changes(history["periods"], names)
    # A planned change closes the open period: further changes wait for its day.
    in_unit = person.status in IN_UNIT and not planned
    for p in history["periods"]:
        p.until = _until(p.valid_to)
        p.can_correct = can_manage and may_correct_period(actor, p)
    for p in positions:
        p.unit_name, p.until = names.get(p.unit_id, ""), _until(p.valid_to)
        p.can_end = p.valid_to is None and policy.can(actor, MANAGE, p.unit_id)
    for t in transfers:
        t.from_name, t.to_name = names.get(t.from_unit_id, ""), names.get(t.to_unit_id, "")
    rows = audit_rows(entries, actor=actor)
    context = {
        "person": person,
        "unit_name": names.get(person.unit_id, ""),
        "in_unit": in_unit,
        "planned": planned,
        "personal": personal,
        "age": person.age_on(today()) if personal else None,
        "can_manage": can_manage,
        "periods": history["periods"],
        "positions": positions,
        "position_form": forms.PositionForm(actor=actor, person=person) if can_manage and in_unit else None,
        "transfers": transfers,
        "audit_rows": rows,
        # The history: the person's own changes and the dated events later apps keep (their awards).
        "timeline": timeline(rows, plugins.person_timeline(actor, person)),
        # Sections of later apps (awards, …), registered in core.plugins: members imports none of them.
        "sections": plugins.member_sections(actor, person),
    }
    return render(request, "members/detail.html", context)


# -- changes: one page per service ---------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change to a member: its form, how to run the service, what to say afterwards."""

    form: type[forms.MemberForm]
    title: Promise
    submit: Promise
    run: Callable[..., str] | None = None  # (actor, person, form) -> the success message
    danger: bool = False
    rename: Callable[[forms.MemberForm], dict[str, str]] = lambda form: {}


def _form_page(request, *, change: Change, form, person: Person | None, cancel_url: str, on_success):
    """POST runs the change; success redirects with a message, errors re-render (``render_form``)."""
    target = submit(request, form, lambda d: on_success(form), lambda: change.rename(form))
    if target is not None:
        return redirect(target)
    context = {"change": change, "form": form, "person": person, "cancel_url": cancel_url}
    return render_form(request, "members/form.html", context, form=form)


def _member_change(request, member_id: int, change: Change):
    actor = request.user
    person = selectors.member_get(actor=actor, person_id=member_id)
    policy.require(actor, MANAGE, person.unit_id)
    personal = policy.can(actor, VIEW_PERSONAL, person.unit_id)
    data = posted(request)
    form = change.form(data, actor=actor, person=person, personal=personal)
    detail_url = reverse("members:detail", args=[person.pk])

    def run(form):
        messages.success(request, change.run(actor, person, form))
        return detail_url

    return _form_page(request, change=change, form=form, person=person, cancel_url=detail_url, on_success=run)


def _edit(actor, person, form) -> str:
    changes = form.changes()
    if not changes:
        raise ValidationError(_("Không có thay đổi nào để lưu."))
    services.member_update(actor=actor, person=person, **changes)
    return _("Đã lưu thông tin của %(name)s.") % {"name": person}


def _transfer(actor, person, form) -> str:
    d = form.cleaned_data
    transfer = services.member_transfer(
        actor=actor, person=person, to_unit=d["to_unit"], on=d["on"], note=d["note"]
    )
    if transfer.state == Transfer.State.ACCEPTED:
        return _("Đã chuyển %(name)s sang %(unit)s.") % {"name": person, "unit": transfer.to_unit}
    return _("Đã gửi đề nghị chuyển sinh hoạt của %(name)s; chờ %(unit)s tiếp nhận.") % {
        "name": person,
        "unit": transfer.to_unit,
    }


def _status_said(person, status: str, on) -> str:
    return _("%(name)s: %(status)s từ ngày %(on)s.") % {
        "name": person,
        "status": Status(status).label,
        "on": display(on),
    }


def _set_status(actor, person, form) -> str:
    d = form.cleaned_data
    services.member_set_status(actor=actor, person=person, status=d["status"], on=d["on"])
    return _status_said(person, d["status"], d["on"])


def _leave(actor, person, form) -> str:
    d = form.cleaned_data
    services.member_leave(actor=actor, person=person, on=d["on"], status=d["status"], note=d["note"])
    return _status_said(person, d["status"], d["on"])


def _rejoin(actor, person, form) -> str:
    d = form.cleaned_data
    services.member_rejoin(
        actor=actor, person=person, unit=d["unit"], on=d["on"], card_number=d["card_number"]
    )
    return _("Đã kết nạp lại %(name)s.") % {"name": person}


def _assign_position(actor, person, form) -> str:
    d = form.cleaned_data
    held = services.position_assign(
        actor=actor,
        person=person,
        position=d["position"],
        unit=d["unit"],
        valid_from=d["valid_from"],
        term=d["term"],
    )
    return _("%(name)s: %(position)s từ ngày %(on)s.") % {
        "name": person,
        "position": held.position,
        "on": display(held.valid_from),
    }


EDIT = Change(forms.EditForm, gettext_lazy("Sửa thông tin đoàn viên"), gettext_lazy("Lưu thay đổi"), _edit)
TRANSFER = Change(
    forms.TransferForm,
    gettext_lazy("Chuyển sinh hoạt"),
    gettext_lazy("Chuyển sinh hoạt"),
    _transfer,
    # A unit typed by code is judged by the service as "to_unit": show its errors next to the code.
    rename=lambda form: {"to_unit": "to_unit_code"} if form.cleaned_data.get("to_unit_code") else {},
)
STATUS = Change(
    forms.StatusForm, gettext_lazy("Miễn sinh hoạt / sinh hoạt trở lại"), gettext_lazy("Lưu"), _set_status
)
LEAVE = Change(
    forms.LeaveForm, gettext_lazy("Ra khỏi tổ chức"), gettext_lazy("Xác nhận"), _leave, danger=True
)
REJOIN = Change(forms.RejoinForm, gettext_lazy("Kết nạp lại"), gettext_lazy("Kết nạp lại"), _rejoin)
JOIN = Change(forms.JoinForm, gettext_lazy("Kết nạp đoàn viên"), gettext_lazy("Thêm đoàn viên"))
POSITION_ASSIGN = Change(
    forms.PositionForm, gettext_lazy("Giao chức vụ công đoàn"), gettext_lazy("Giao chức vụ"), _assign_position
)
POSITION_END = Change(
    forms.PositionEndForm, gettext_lazy("Kết thúc chức vụ công đoàn"), gettext_lazy("Kết thúc"), danger=True
)
CORRECT = Change(forms.CorrectForm, gettext_lazy("Sửa ngày bắt đầu giai đoạn sinh hoạt"), gettext_lazy("Lưu"))


@guarded(MANAGE)
def member_join(request):
    actor = request.user
    personal = policy.has_anywhere(actor, VIEW_PERSONAL)
    form = forms.JoinForm(posted(request), actor=actor, personal=personal)

    def run(form):
        d = form.cleaned_data
        person = services.member_join(
            actor=actor, unit=d["unit"], on=d["on"], card_number=d["card_number"], **form.person_data()
        )
        messages.success(request, _("Đã kết nạp %(name)s.") % {"name": person})
        return reverse("members:detail", args=[person.pk])

    return _form_page(
        request, change=JOIN, form=form, person=None, cancel_url=reverse("members:list"), on_success=run
    )


def _change_view(change: Change, name: str):
    """The page of one change to a member the actor sees, in a unit the actor manages."""

    @guarded(MANAGE)
    def view(request, member_id: int):
        return _member_change(request, member_id, change)

    view.__name__ = view.__qualname__ = name
    return view


member_edit = _change_view(EDIT, "member_edit")
member_transfer = _change_view(TRANSFER, "member_transfer")
member_status = _change_view(STATUS, "member_status")
member_leave = _change_view(LEAVE, "member_leave")
member_rejoin = _change_view(REJOIN, "member_rejoin")
position_assign = _change_view(POSITION_ASSIGN, "position_assign")


@guarded(MANAGE)
def membership_correct(request, membership_id: int):
    """Correct a period's start; the period must belong to a member the actor sees."""
    actor = request.user
    membership = Membership.objects.filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    person = selectors.member_get(actor=actor, person_id=membership.person_id)
    policy.require(actor, MANAGE, membership.unit_id)
    data = posted(request)
    form = forms.CorrectForm(data, actor=actor, person=person, membership=membership)
    detail_url = reverse("members:detail", args=[person.pk])

    def run(form):
        services.membership_correct(
            actor=actor, membership=membership, valid_from=form.cleaned_data["valid_from"]
        )
        messages.success(request, _("Đã sửa ngày bắt đầu giai đoạn sinh hoạt."))
        return detail_url

    return _form_page(
        request, change=CORRECT, form=form, person=person, cancel_url=detail_url, on_success=run
    )


@guarded(MANAGE)
def position_end(request, position_id: int):
    """End a position held by a member the actor sees, in a unit the actor manages."""
    actor = request.user
    held = selectors.position_get(actor=actor, position_id=position_id)
    policy.require(actor, MANAGE, held.unit_id)
    person = held.person
    data = posted(request)
    form = forms.PositionEndForm(data, actor=actor, person=person, held=held)
    detail_url = reverse("members:detail", args=[person.pk])

    def run(form):
        services.position_end(actor=actor, position_held=held, on=form.cleaned_data["on"])
        messages.success(
            request,
            _("%(name)s thôi giữ chức vụ %(position)s từ ngày %(on)s.")
            % {"name": person, "position": held.position, "on": display(held.valid_to)},
        )
        return detail_url

    return _form_page(
        request, change=POSITION_END, form=form, person=person, cancel_url=detail_url, on_success=run
    )


# -- transfers -----------------------------------------------------------------------------------


def _transfers_page(request, *, errors=()):
    actor = request.user
    incoming = list(selectors.incoming_transfers(actor=actor))
    outgoing = paging.page_of(selectors.outgoing_transfers(actor=actor), request.GET.get("page"), PAGE_SIZE)
    shown = [*incoming, *outgoing]
    names = selectors.unit_names_on({i for t in shown for i in (t.from_unit_id, t.to_unit_id)})
    for t in shown:
        t.from_name, t.to_name = names.get(t.from_unit_id, ""), names.get(t.to_unit_id, "")
    context = {"incoming": incoming, "outgoing": outgoing, "errors": errors}
    return render_form(request, "members/transfers.html", context, invalid=bool(errors))


@guarded(VIEW)
def transfers(request):
    """The receiving officer's inbox (pending transfers in) and what left the actor's units."""
    return _transfers_page(request)


def _decide(request, transfer_id: int, decide: Callable[[Transfer], object], done: Promise):
    transfer = selectors.transfer_get(actor=request.user, transfer_id=transfer_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        decide(transfer)
    except ValidationError as exc:
        return _transfers_page(request, errors=exc.messages)
    messages.success(request, done % {"name": transfer.person})
    return redirect("members:transfers")


@guarded(MANAGE)
def transfer_accept(request, transfer_id: int):
    return _decide(
        request,
        transfer_id,
        lambda t: services.transfer_accept(actor=request.user, transfer=t),
        gettext_lazy("Đã tiếp nhận %(name)s."),
    )


@guarded(MANAGE)
def transfer_reject(request, transfer_id: int):
    return _decide(
        request,
        transfer_id,
        lambda t: services.transfer_reject(actor=request.user, transfer=t, note=request.POST.get("note", "")),
        gettext_lazy("Đã từ chối tiếp nhận %(name)s."),
    )


# -- statistics ----------------------------------------------------------------------------------


def _stats_url(unit_id: int, on: dt.date) -> str:
    return f"{reverse('members:stats')}?{urlencode({'unit': unit_id, 'on': on.isoformat()})}"


def _record_workforce(request, form: forms.WorkforceForm):
    """Run ``workforce_record`` from the form: the redirect on success, None with errors on the form."""
    if not form.is_valid():
        return None
    d = form.cleaned_data
    try:
        workforce_record(
            actor=request.user, unit=d["unit"], on=d["on"], total=d["total"], women=d["women"], note=d["note"]
        )
    except ValidationError as exc:
        form.apply_errors(exc)
        return None
    messages.success(request, _("Đã ghi số CBCCVCLĐ của %(unit)s.") % {"unit": d["unit"]})
    return redirect(_stats_url(d["unit"].pk, d["on"]))


def _stats_page(request, workforce_form=None):
    actor = request.user
    form = forms.StatsForm(request.GET, actor=actor)
    valid = form.is_valid()
    unit = form.cleaned_data.get("unit") if valid else None
    on = (form.cleaned_data.get("on") if valid else None) or today()
    if unit is None:
        default = form.default_unit_id()
        unit = Unit.objects.get(pk=default) if default else None
    if workforce_form is None and policy.has_anywhere(actor, MANAGE):
        workforce_form = forms.WorkforceForm(actor=actor, unit_id=unit.pk if unit else None)
    rows = selectors.membership_statistics(actor=actor, unit=unit, on=on) if unit else []
    rows, deeper = selectors.levels_shown(rows)
    context = {
        "form": form,
        "unit": unit,
        "on": on,
        "rows": rows,
        "deeper": deeper,
        "workforce_form": workforce_form,
    }
    return render_form(
        request,
        "members/stats.html",
        context,
        invalid=not valid or bool(workforce_form and workforce_form.errors),
    )


@guarded(VIEW)
def stats(request):
    """Members per unit of a subtree on a date, rolled up; and the workforce figures behind the rate."""
    return _stats_page(request)


@guarded(MANAGE)
@require_POST
def workforce_record_view(request):
    """Record a unit's workforce figure; errors show on the statistics page."""
    form = forms.WorkforceForm(request.POST, actor=request.user)
    done = _record_workforce(request, form)
    return done if done is not None else _stats_page(request, form)
