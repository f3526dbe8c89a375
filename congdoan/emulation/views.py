"""Pages of the emulation module: movements, registrations and their review.

Views read the query string or the form, ask selectors (reads) or services (writes) and render; the
services decide. Every id in a URL is resolved through a selector (out of reach: 404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import paging
from congdoan.core.audit_display import audit_rows
from congdoan.core.dates import today
from congdoan.core.forms import posted, submit
from congdoan.core.models import AuditEntry
from congdoan.organizations.permissions import guarded, policy

from . import forms, scoring, selectors, services
from .models import Registration
from .permissions import MANAGE, VIEW

PAGE_SIZE = 50
SAVE = gettext_lazy("Lưu")


def form_page(request, form, run, *, title, cancel_url, submit_label=SAVE, intro=""):
    """POST runs ``run(cleaned_data)`` (a service call returning the address to go to); its errors
    land on the form, answered with 400."""
    target = submit(request, form, run)
    if target is not None:
        return redirect(target)
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "submit_label": submit_label,
        "intro": intro,
    }
    return render(request, "emulation/form.html", context, status=400 if form.errors else 200)


def history(obj) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-at", "-id")
    )


# -- movements -------------------------------------------------------------------------------------


@guarded(VIEW)
def movement_list(request):
    form = forms.MovementFilterForm(request.GET)
    rows = selectors.movement_search(actor=request.user, **form.filters())
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    context = {"form": form, "page": page, "can_manage": policy.has_anywhere(request.user, MANAGE)}
    return render(request, "emulation/movement_list.html", context, status=400 if form.errors else 200)


@guarded(MANAGE)
def movement_create(request):
    actor = request.user
    form = forms.MovementForm(posted(request), actor=actor)

    def run(d):
        movement = services.movement_create(actor=actor, **d)
        messages.success(request, _("Đã phát động %(name)s.") % {"name": movement})
        return reverse("emulation:movement", args=[movement.pk])

    return form_page(
        request,
        form,
        run,
        title=_("Phát động phong trào thi đua"),
        cancel_url=reverse("emulation:movements"),
        submit_label=_("Phát động"),
    )


@guarded(VIEW)
def movement_detail(request, movement_id: int):
    actor = request.user
    movement = selectors.movement_get(actor=actor, movement_id=movement_id)
    registrations = list(selectors.registration_search(actor=actor, movement=movement))
    context = {
        "movement": movement,
        "registrations": registrations,
        "can_register": policy.has_anywhere(actor, MANAGE),
        "documents": selectors.linked_documents(actor=actor, obj=movement),
        "audit_rows": audit_rows(history(movement), actor=actor),
    }
    return render(request, "emulation/movement_detail.html", context)


@guarded(MANAGE)
def registration_create(request, movement_id: int):
    actor = request.user
    movement = selectors.movement_get(actor=actor, movement_id=movement_id)
    form = forms.RegistrationForm(posted(request), actor=actor)

    def run(d):
        registration = services.registration_create(
            actor=actor, movement=movement, unit=d["unit"], targets=d["targets"]
        )
        messages.success(request, _("Đã lưu đăng ký của %(unit)s (nháp).") % {"unit": registration.unit})
        return reverse("emulation:registration", args=[registration.pk])

    return form_page(
        request,
        form,
        run,
        title=_("Đăng ký thi đua"),
        intro=movement.name,
        cancel_url=reverse("emulation:movement", args=[movement.pk]),
        submit_label=_("Lưu nháp"),
    )


# -- registrations ---------------------------------------------------------------------------------


@guarded(VIEW)
def registration_list(request):
    form = forms.RegistrationFilterForm(request.GET)
    rows = selectors.registration_search(actor=request.user, **form.filters())
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "emulation/registration_list.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


def _registration_page(request, registration: Registration, *, errors=(), status: int = 200):
    actor = request.user
    context = {
        "registration": registration,
        "steps": services.REGISTRATION_FLOW.available(actor, registration),
        "can_edit": registration.state in (Registration.State.DRAFT, Registration.State.RETURNED)
        and policy.can(actor, MANAGE, registration.unit_id),
        "errors": errors,
        "audit_rows": audit_rows(history(registration), actor=actor),
    }
    return render(request, "emulation/registration_detail.html", context, status=status)


@guarded(VIEW)
def registration_detail(request, registration_id: int):
    registration = selectors.registration_get(actor=request.user, registration_id=registration_id)
    return _registration_page(request, registration)


@guarded(MANAGE)
def registration_edit(request, registration_id: int):
    actor = request.user
    registration = selectors.registration_get(actor=actor, registration_id=registration_id)
    form = forms.RegistrationForm(
        posted(request), actor=actor, with_unit=False, initial={"targets": registration.targets}
    )
    detail = reverse("emulation:registration", args=[registration.pk])

    def run(d):
        services.registration_update(actor=actor, registration=registration, targets=d["targets"])
        messages.success(request, _("Đã lưu đăng ký."))
        return detail

    return form_page(
        request, form, run, title=_("Sửa đăng ký thi đua"), intro=str(registration), cancel_url=detail
    )


@guarded(MANAGE)
def registration_step(request, registration_id: int):
    """POST only; the registration is resolved first, so one out of reach is a 404 whatever the method."""
    actor = request.user
    registration = selectors.registration_get(actor=actor, registration_id=registration_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.registration_step(
            actor=actor,
            registration=registration,
            step=request.POST.get("step", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        registration.refresh_from_db()
        return _registration_page(request, registration, errors=exc.messages, status=400)
    messages.success(request, _("Đăng ký: %(state)s.") % {"state": registration.get_state_display()})
    return redirect("emulation:registration", registration.pk)


# -- blocks ----------------------------------------------------------------------------------------


@guarded(VIEW)
def block_list(request):
    form = forms.BlockFilterForm(request.GET)
    rows = selectors.block_search(actor=request.user, **form.filters())
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    context = {"form": form, "page": page, "can_manage": policy.has_anywhere(request.user, MANAGE)}
    return render(request, "emulation/block_list.html", context, status=400 if form.errors else 200)


@guarded(MANAGE)
def block_create(request):
    actor = request.user
    form = forms.BlockForm(posted(request), actor=actor)

    def run(d):
        block = services.block_create(actor=actor, **d)
        messages.success(request, _("Đã thành lập %(name)s.") % {"name": block})
        return reverse("emulation:block", args=[block.pk])

    return form_page(
        request, form, run, title=_("Thành lập khối thi đua"), cancel_url=reverse("emulation:blocks")
    )


@guarded(VIEW)
def block_detail(request, block_id: int):
    actor = request.user
    block = selectors.block_get(actor=actor, block_id=block_id)
    officers = selectors.block_officers(block)
    years: dict[int, dict] = {}
    for officer in officers:
        entry = years.setdefault(officer.year, {"year": officer.year, "leader": None, "deputies": []})
        if officer.role == officer.Role.LEADER:
            entry["leader"] = officer
        else:
            entry["deputies"].append(officer)
    context = {
        "emulation_block": block,  # not "block": the template's {% block %} tags take that name
        "members": selectors.block_members(block),
        "years": list(years.values()),
        "flags": selectors.block_flags(block),
        "pledges": selectors.block_pledges(block),
        "documents": selectors.linked_documents(actor=actor, obj=block),
        "can_manage": policy.can(actor, MANAGE, block.unit_id),
        "audit_rows": audit_rows(history(block), actor=actor),
    }
    context.update(ranking_context(request, block))
    return render(request, "emulation/block_detail.html", context)


def ranking_context(request, block) -> dict:
    """The ranking part of the block page: the year asked for (``?year=``) or the latest scored."""
    years = scoring.scored_years(block)
    year = (
        paging.page_number(request.GET.get("year"))
        if request.GET.get("year")
        else (years[0] if years else None)
    )
    rows = list(scoring.ranking(block, year)) if year else []
    for row in rows:
        row.total_text = scoring.points_text(row.total)
    manage = policy.can(request.user, MANAGE, block.unit_id)
    return {
        "ranking_year": year,
        "ranking_years": years,
        "ranking": rows,
        "score_url": reverse("emulation:block_score", args=[block.pk]) if manage else "",
    }


def _block_form(request, block_id: int, form_class, run_service, *, title, done):
    """A page of one write on a block the actor may manage: the form lists the block's members."""
    actor = request.user
    block = selectors.block_get(actor=actor, block_id=block_id)
    policy.require(actor, MANAGE, block.unit_id)
    detail = reverse("emulation:block", args=[block.pk])
    kwargs = (
        {"actor": actor}
        if form_class is forms.BlockMemberForm
        else {"members": selectors.block_members(block)}
    )
    form = form_class(posted(request), **kwargs)

    def run(d):
        run_service(actor, block, form, d)
        messages.success(request, done)
        return detail

    return form_page(request, form, run, title=title, intro=block.name, cancel_url=detail)


@guarded(MANAGE)
def block_member_add(request, block_id: int):
    def run(actor, block, form, d):
        services.block_member_add(actor=actor, block=block, **d)

    return _block_form(
        request,
        block_id,
        forms.BlockMemberForm,
        run,
        title=_("Thêm đơn vị thành viên"),
        done=_("Đã thêm đơn vị."),
    )


@guarded(MANAGE)
def block_officers(request, block_id: int):
    def run(actor, block, form, d):
        services.block_officers_name(
            actor=actor,
            block=block,
            year=d["year"],
            leader=form.unit(d["leader"]),
            deputies=[form.unit(u) for u in d["deputies"]],
            decision_reference=d["decision_reference"],
            decided_on=d["decided_on"],
            decision=d["decision"],
        )

    return _block_form(
        request,
        block_id,
        forms.OfficersForm,
        run,
        title=_("Công nhận khối trưởng, khối phó"),
        done=_("Đã lưu."),
    )


@guarded(MANAGE)
def block_flag(request, block_id: int):
    def run(actor, block, form, d):
        services.flag_hand_over(
            actor=actor,
            block=block,
            year=d["year"],
            from_unit=form.unit(d["from_unit"]),
            to_unit=form.unit(d["to_unit"]),
            handed_on=d["handed_on"],
            note=d["note"],
        )

    return _block_form(
        request, block_id, forms.FlagForm, run, title=_("Trao cờ luân lưu"), done=_("Đã ghi việc trao cờ.")
    )


@guarded(MANAGE)
def block_pledge(request, block_id: int):
    def run(actor, block, form, d):
        services.pledge_sign(
            actor=actor,
            block=block,
            year=d["year"],
            title=d["title"],
            signed_on=d["signed_on"],
            place=d["place"],
            targets=d["targets"],
            parties=[form.unit(u) for u in d["parties"]],
            document=d["document"],
        )

    return _block_form(
        request, block_id, forms.PledgeForm, run, title=_("Ký giao ước thi đua"), done=_("Đã ghi giao ước.")
    )


# -- scoring ---------------------------------------------------------------------------------------


@guarded(MANAGE)
def block_score(request, block_id: int):
    """Chấm điểm: a member's points for ``?year=`` on the sheet in force that year."""
    actor = request.user
    block = selectors.block_get(actor=actor, block_id=block_id)
    policy.require(actor, MANAGE, block.unit_id)
    year_form = forms.RegistrationFilterForm({"year": request.GET.get("year") or today().year})
    year = (
        year_form.cleaned_data["year"]
        if year_form.is_valid() and year_form.cleaned_data.get("year")
        else today().year
    )
    sheet = scoring.sheet_for(block, year)
    detail = f"{reverse('emulation:block', args=[block.pk])}?year={year}"
    form = forms.ScoreForm(
        posted(request),
        actor=actor,
        members=selectors.block_members(block, year),
        criteria=sheet.criteria.all() if sheet else (),
    )

    def run(d):
        result = scoring.score_record(
            actor=actor,
            block=block,
            year=year,
            unit=form.unit(d["unit"]),
            points=form.points(),
            note=d["note"],
        )
        messages.success(
            request,
            _("Đã chấm %(unit)s: %(total)s điểm.")
            % {"unit": result.unit, "total": scoring.points_text(result.total)},
        )
        return detail

    intro = _("%(block)s — năm %(y)s — %(sheet)s") % {
        "block": block.name,
        "y": year,
        "sheet": sheet or _("chưa có bảng điểm áp dụng"),
    }
    return form_page(request, form, run, title=_("Chấm điểm thi đua"), intro=intro, cancel_url=detail)


@guarded(VIEW)
def sheet_list(request):
    page = paging.page_of(selectors.sheet_search(actor=request.user), request.GET.get("page"), PAGE_SIZE)
    context = {"page": page, "can_manage": policy.has_anywhere(request.user, MANAGE)}
    return render(request, "emulation/sheet_list.html", context)


@guarded(MANAGE)
def sheet_create(request):
    actor = request.user
    form = forms.SheetForm(posted(request), actor=actor)

    def run(d):
        sheet = scoring.sheet_create(actor=actor, **d)
        messages.success(request, _("Đã ban hành %(name)s.") % {"name": sheet})
        return reverse("emulation:sheet", args=[sheet.pk])

    return form_page(
        request, form, run, title=_("Ban hành bảng điểm thi đua"), cancel_url=reverse("emulation:sheets")
    )


@guarded(VIEW)
def sheet_detail(request, sheet_id: int):
    sheet = selectors.sheet_get(actor=request.user, sheet_id=sheet_id)
    criteria = list(sheet.criteria.all())
    for c in criteria:
        c.max_text = scoring.points_text(c.max_points)
    context = {"sheet": sheet, "criteria": criteria, "total_text": scoring.points_text(sheet.total)}
    return render(request, "emulation/sheet_detail.html", context)
