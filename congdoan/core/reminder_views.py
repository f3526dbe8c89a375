"""Scheduled reminders: the actor's own list, the form that schedules one (opened from a follow-up
page with what it reminds of in the query string) and stopping one. Another user's schedule is 404;
whether the actor may send the reminder at all is the kind's check (403/404, as the page it comes
from)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import paging, reminders
from .dates import today
from .forms import FORM_ERRORS, DateField, StyledForm, apply_errors
from .guards import authenticated

PAGE_SIZE = 50
PARAM = "p_"  # query/form keys carrying the kind's parameters: p_year=2026&p_kind=...


class ScheduleForm(StyledForm):
    every_days = forms.IntegerField(
        label=gettext_lazy("Nhắc lại sau (ngày)"), min_value=1, max_value=reminders.MAX_EVERY_DAYS, initial=7
    )
    until = DateField(label=gettext_lazy("Đến hết ngày"), required=False)


def _target(request) -> tuple[str, int | None, dict]:
    """The kind, unit and parameters the form is about (the query string, or the posted form)."""
    data = {**request.GET.dict(), **request.POST.dict()}  # the form posts them back as hidden fields
    try:
        unit_id = int(data.get("unit", ""))
    except ValueError:
        unit_id = None
    params = {k[len(PARAM) :]: v for k, v in data.items() if k.startswith(PARAM)}
    return data.get("kind", ""), unit_id, params


def _next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@authenticated
def reminder_list(request):
    page = paging.page_of(reminders.scheduled(actor=request.user), request.GET.get("page"), PAGE_SIZE)
    now = today()
    for r in page.object_list:
        r.running = r.valid_to is None or r.valid_to > now
        r.page = reminders.KINDS[r.kind].page(r.unit_id, r.params) if r.kind in reminders.KINDS else ""
    return render(request, "core/reminder_list.html", {"page": page, "testid": "reminders"})


@authenticated
def reminder_schedule(request):
    kind, unit_id, params = _target(request)
    if request.method != "POST" and not kind and unit_id is None:
        return redirect("reminders:list")  # opened without a reminder: schedules start from a follow-up page
    form = ScheduleForm(request.POST if request.method == "POST" else None)
    label, error = "", None
    try:
        if unit_id is None:
            raise ValidationError({"unit": _("Chưa chọn đơn vị được nhắc.")})
        label, _params = reminders.kind_of(kind).check(request.user, unit_id, params)
    except ValidationError as exc:
        error = exc
    if error is None and request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            reminders.reminder_schedule(
                actor=request.user,
                kind=kind,
                unit_id=unit_id,
                params=params,
                every_days=d["every_days"],
                until=d["until"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã đặt lịch nhắc tự động: %(l)s.") % {"l": label})
            return redirect(_next(request, reverse("reminders:list")))
    if error is not None:
        if not form.is_bound:  # a GET naming a wrong reminder: the form shows why, with its defaults
            form = ScheduleForm({"every_days": form.fields["every_days"].initial})
            form.is_valid()
        apply_errors(form, error)
    context = {
        "title": _("Đặt lịch nhắc tự động"),
        "form": form,
        "label": label,
        "kind": kind,
        "unit_id": unit_id,
        "params": {PARAM + k: v for k, v in params.items()},
        "next": _next(request, ""),
        "cancel_url": _next(request, reverse("reminders:list")),
    }
    return render(request, "core/reminder_form.html", context, status=FORM_ERRORS if form.errors else 200)


@authenticated
def reminder_end(request, reminder_id: int):
    reminders.scheduled_get(
        actor=request.user, reminder_id=reminder_id
    )  # another's: 404, whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        reminder = reminders.reminder_end(actor=request.user, reminder_id=reminder_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã dừng lịch nhắc: %(l)s.") % {"l": reminder.label})
    return redirect(_next(request, reverse("reminders:list")))
