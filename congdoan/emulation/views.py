"""Pages of the emulation module: movements, registrations and their review.

Views read the query string or the form, ask selectors (reads) or services (writes) and render; the
services decide. Every id in a URL is resolved through a selector (out of reach: 404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import job_flows, paging
from congdoan.core.audit_display import audit_rows
from congdoan.core.dates import today
from congdoan.core.forms import FORM_ERRORS, form_response, posted
from congdoan.core.models import AuditEntry
from congdoan.organizations.permissions import guarded, policy
from congdoan.organizations.selectors import unit_get

from . import exporting, forms, levels, pledging, ranks, scoring, selectors, services, titles
from .models import Registration
from .permissions import MANAGE, VIEW, may_manage_block, require_block, self_scoring_members

PAGE_SIZE = 50
SAVE = gettext_lazy("Lưu")


def form_page(request, form, run, *, title, cancel_url, submit_label=SAVE, intro=""):
    """POST runs ``run(cleaned_data)`` (a service call returning the address to go to); its errors
    land on the form, answered with 422."""
    context = {"title": title, "cancel_url": cancel_url, "submit_label": submit_label, "intro": intro}
    return form_response(request, form, run, "emulation/form.html", context)


def history(obj) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-at", "-id")
    )


def list_page(request, filter_form, search, template: str, extra: dict | None = None):
    """A counted list whose filters are in the query string (a bad filter: 422, its field named)."""
    form = filter_form(request.GET) if filter_form else None
    rows = search(actor=request.user, **(form.filters() if form else {}))
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    context = {"form": form, "page": page, "can_manage": policy.has_anywhere(request.user, MANAGE)}
    context.update(extra or {})
    return render(request, template, context, status=FORM_ERRORS if form is not None and form.errors else 200)


def create_page(request, form_class, service, *, title, done, detail: str, cancel: str, submit_label=SAVE):
    """A form whose service creates a record, then the record's page with ``done`` % its name."""
    actor = request.user
    form = form_class(posted(request), actor=actor)

    def run(d):
        created = service(actor=actor, **d)
        messages.success(request, done % {"name": created})
        return reverse(detail, args=[created.pk])

    return form_page(request, form, run, title=title, cancel_url=reverse(cancel), submit_label=submit_label)


# -- movements -------------------------------------------------------------------------------------


@guarded(VIEW)
def movement_list(request):
    return list_page(
        request, forms.MovementFilterForm, selectors.movement_search, "emulation/movement_list.html"
    )


@guarded(MANAGE)
def movement_create(request):
    return create_page(
        request,
        forms.MovementForm,
        services.movement_create,
        title=_("Phát động phong trào thi đua"),
        done=_("Đã phát động %(name)s."),
        detail="emulation:movement",
        cancel="emulation:movements",
        submit_label=_("Phát động"),
    )


@guarded(VIEW)
def movement_detail(request, movement_id: int):
    actor = request.user
    movement = selectors.movement_get(actor=actor, movement_id=movement_id)
    registrations = list(selectors.registration_search(actor=actor, movement=movement))
    criteria = selectors.movement_criteria(movement)
    for c in criteria:
        c.weight_text = scoring.points_text(c.weight) if c.weight is not None else ""
    context = {
        "movement": movement,
        "registrations": registrations,
        "criteria": criteria,
        "participants": selectors.movement_participants(movement),
        "deadlines": selectors.movement_deadlines(movement),
        "extensions": selectors.movement_extensions(actor=actor, movement=movement),
        "can_edit": policy.can(actor, MANAGE, movement.unit_id),
        "can_register": policy.has_anywhere(actor, MANAGE),
        "documents": selectors.linked_documents(actor=actor, obj=movement),
        "audit_rows": audit_rows(history(movement), actor=actor),
    }
    return render(request, "emulation/movement_detail.html", context)


@guarded(MANAGE)
def registration_create(request, movement_id: int):
    actor = request.user
    movement = selectors.movement_get(actor=actor, movement_id=movement_id)
    form = forms.RegistrationForm(posted(request), actor=actor, movement=movement)

    def run(d):
        registration = services.registration_create(
            actor=actor, movement=movement, unit=d["unit"], targets=d["targets"], year=d["year"]
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
    return list_page(
        request,
        forms.RegistrationFilterForm,
        selectors.registration_search,
        "emulation/registration_list.html",
    )


def _registration_page(request, registration: Registration, *, errors=(), status: int = 200):
    actor = request.user
    context = {
        "registration": registration,
        "steps": services.REGISTRATION_FLOW.available(actor, registration),
        "can_edit": registration.state in (Registration.State.DRAFT, Registration.State.RETURNED)
        and policy.can(actor, MANAGE, registration.unit_id),
        "errors": errors,
        "entries": selectors.registration_entries(registration),
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
        return _registration_page(request, registration, errors=exc.messages, status=FORM_ERRORS)
    messages.success(request, _("Đăng ký: %(state)s.") % {"state": registration.get_state_display()})
    return redirect("emulation:registration", registration.pk)


# -- blocks ----------------------------------------------------------------------------------------


@guarded(VIEW)
def block_list(request):
    """The blocks the actor sees, and a link to the ranking of each level whose blocks they read
    (``selectors.level_search``: the forming units in the actor's reach)."""
    levels_seen = list(selectors.level_search(actor=request.user))
    return list_page(
        request,
        forms.BlockFilterForm,
        selectors.block_search,
        "emulation/block_list.html",
        {"levels": levels_seen},
    )


@guarded(MANAGE)
def block_create(request):
    return create_page(
        request,
        forms.BlockForm,
        services.block_create,
        title=_("Thành lập khối thi đua"),
        done=_("Đã thành lập %(name)s."),
        detail="emulation:block",
        cancel="emulation:blocks",
    )


@guarded(VIEW)
def block_detail(request, block_id: int):
    actor = request.user
    block = selectors.block_get(actor=actor, block_id=block_id)
    officers = selectors.block_officers(block)
    years: dict[int, dict] = {}
    for officer in officers:
        entry = years.setdefault(
            officer.year, {"year": officer.year, "leader": None, "deputies": [], "replaced": []}
        )
        if officer.valid_to is not None:  # replaced by a later decision, kept as history
            entry["replaced"].append(officer)
        elif officer.role == officer.Role.LEADER:
            entry["leader"] = officer
        else:
            entry["deputies"].append(officer)
    context = {
        "emulation_block": block,  # not "block": the template's {% block %} tags take that name
        "members": selectors.block_members(block),
        "years": list(years.values()),
        "flags": selectors.block_flags(block),
        "pledges": selectors.block_pledges(block),
        "meetings": selectors.block_meetings(block),
        "plans": selectors.block_plans(block),
        "documents": selectors.linked_documents(actor=actor, obj=block),
        "can_manage": may_manage_block(actor, block),
        "audit_rows": audit_rows(history(block), actor=actor),
    }
    context.update(ranking_context(request, block))
    context.update(scores_context(request, block))
    return render(request, "emulation/block_detail.html", context)


def scores_context(request, block) -> dict:
    """The scores of ``?year=`` (this year by default) the actor may open, whatever their state (the
    unit its own, the leader its block's that year, the level all), and where to self-score."""
    year = paging.page_number(request.GET.get("year")) if request.GET.get("year") else today().year
    scores = list(selectors.result_search(actor=request.user, block=block, year=year))
    for score in scores:
        score.total_text = scoring.points_text(score.total)
    self_score = ""
    # Offered exactly when the self-scoring page would open (the same rule; else it answers 403).
    if self_scoring_members(request.user, selectors.block_members(block, year)):
        self_score = reverse("emulation:score_self", args=[block.pk]) + f"?year={year}"
    return {"scores_year": year, "scores": scores, "self_score_url": self_score}


def ranked_rows(rows) -> list:
    """Ranked rows (``scoring.ranking``, ``levels.level_ranking``) with their rank and points as
    shown (``partials/ranked_points.html``)."""
    rows = list(rows)
    for row in rows:
        row.rank_text = scoring.rank_text(row)
        row.total_text, row.bonus_text, row.penalty_text = (
            scoring.points_text(v) for v in (row.total, row.bonus, row.penalty)
        )
    return rows


def ranking_context(request, block) -> dict:
    """The ranking part of the block page: the year asked for (``?year=``) or the latest scored."""
    years = scoring.scored_years(block)
    year = (
        paging.page_number(request.GET.get("year"))
        if request.GET.get("year")
        else (years[0] if years else None)
    )
    rows = ranked_rows(scoring.ranking(block, year)) if year else []
    form = selectors.proposal_forms(year) if rows else None
    for row in rows:
        proposed = None if row.vetoed else form(row.rank)
        row.proposal = proposed[1] if proposed else ""
    manage = may_manage_block(request.user, block)
    # The level's ranking is the forming level's: linked for those who read that level (else 404).
    level = policy.can(request.user, VIEW, block.unit_id)
    return {
        "level_url": reverse("emulation:level_ranking", args=[block.unit_id]) if level else "",
        "ranking_year": year,
        "ranking_years": years,
        "ranking": rows,
        "ranking_rule": ranks.RULE,
        "score_url": reverse("emulation:block_score", args=[block.pk]) if manage else "",
    }


def _members_choice(block) -> dict:
    return {"members": selectors.block_members(block)}


def block_write(form_class, service, *, title, done, name: str, choices=_members_choice, on_block=True):
    """The page of one write on a block the actor may manage (members, leaders, flag, pledge, the
    block's records): the form gets ``choices(block)`` (by default the block's members);
    ``service(actor=, block=, **form.arguments())`` (without ``block=`` when not ``on_block``: the
    chosen row names it)."""

    @guarded(MANAGE)
    def view(request, block_id: int):
        actor = request.user
        block = selectors.block_get(actor=actor, block_id=block_id)
        require_block(actor, block)
        detail = reverse("emulation:block", args=[block.pk])
        form = form_class(posted(request), actor=actor, **choices(block))

        def run(d):
            service(actor=actor, **({"block": block} if on_block else {}), **form.arguments())
            messages.success(request, done)
            return detail

        return form_page(request, form, run, title=title, intro=block.name, cancel_url=detail)

    view.__name__ = view.__qualname__ = name
    return view


block_member_add = block_write(
    forms.BlockMemberForm,
    services.block_member_add,
    title=gettext_lazy("Thêm đơn vị thành viên"),
    done=gettext_lazy("Đã thêm đơn vị."),
    name="block_member_add",
    choices=lambda block: {},
)
block_officers = block_write(
    forms.OfficersForm,
    services.block_officers_name,
    title=gettext_lazy("Công nhận khối trưởng, khối phó"),
    done=gettext_lazy("Đã lưu."),
    name="block_officers",
)
block_flag = block_write(
    forms.FlagForm,
    services.flag_hand_over,
    title=gettext_lazy("Trao cờ luân lưu"),
    done=gettext_lazy("Đã ghi việc trao cờ."),
    name="block_flag",
)
block_pledge = block_write(
    forms.PledgeForm,
    services.pledge_sign,
    title=gettext_lazy("Ký giao ước thi đua"),
    done=gettext_lazy("Đã ghi giao ước."),
    name="block_pledge",
)


# -- scoring ---------------------------------------------------------------------------------------


@guarded(MANAGE)
def block_score(request, block_id: int):
    """Chấm điểm: a member's points for ``?year=`` on the sheet in force that year."""
    actor = request.user
    block = selectors.block_get(actor=actor, block_id=block_id)
    require_block(actor, block)
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
    return list_page(request, None, selectors.sheet_search, "emulation/sheet_list.html")


@guarded(MANAGE)
def sheet_create(request):
    return create_page(
        request,
        forms.SheetForm,
        scoring.sheet_create,
        title=_("Ban hành bảng điểm thi đua"),
        done=_("Đã ban hành %(name)s."),
        detail="emulation:sheet",
        cancel="emulation:sheets",
    )


@guarded(VIEW)
def sheet_detail(request, sheet_id: int):
    sheet = selectors.sheet_get(actor=request.user, sheet_id=sheet_id)
    criteria = list(sheet.criteria.all())
    for c in criteria:
        c.max_text = scoring.points_text(c.max_points)
    context = {"sheet": sheet, "criteria": criteria, "total_text": scoring.points_text(sheet.total)}
    return render(request, "emulation/sheet_detail.html", context)


@guarded(VIEW)
def block_ranking_export(request, block_id: int):
    """The block's ranking for ``?year=`` (the latest scored year by default) as an Excel file."""
    block = selectors.block_get(actor=request.user, block_id=block_id)
    context = ranking_context(request, block)
    year = context["ranking_year"] or today().year
    response = HttpResponse(exporting.ranking_xlsx(block=block, year=year), content_type=exporting.XLSX)
    response["Content-Disposition"] = f'attachment; filename="xep-hang-khoi-{block.pk}-{year}.xlsx"'
    return response


def _level_year(request, unit) -> tuple[int | None, list[int]]:
    years = scoring.level_years(unit)
    if request.GET.get("year"):
        return paging.page_number(request.GET.get("year")), years
    return (years[0] if years else None), years


@guarded(VIEW)
def level_ranking(request, unit_id: int):
    """Xếp hạng toàn cấp: every unit scored in the level's blocks for ``?year=`` (default: the
    latest scored), ranked together, each unit once with its blocks (``levels.level_ranking``).
    Out of scope: 404."""
    unit = unit_get(actor=request.user, unit_id=unit_id, perm=VIEW)
    year, years = _level_year(request, unit)
    rows = ranked_rows(levels.level_ranking(unit, year)) if year else []
    for row in rows:
        for b in row.blocks:
            b.total_text = scoring.points_text(b.total)
    context = {
        "unit": unit,
        "ranking_year": year,
        "ranking_years": years,
        "ranking": rows,
        "ranking_rule": ranks.RULE,
    }
    return render(request, "emulation/level_ranking.html", context)


@guarded(VIEW)
def level_ranking_export(request, unit_id: int):
    """The level's ranking for ``?year=`` (the latest scored year by default) as an Excel file."""
    unit = unit_get(actor=request.user, unit_id=unit_id, perm=VIEW)
    year, _years = _level_year(request, unit)
    year = year or today().year
    response = HttpResponse(exporting.level_ranking_xlsx(unit=unit, year=year), content_type=exporting.XLSX)
    response["Content-Disposition"] = f'attachment; filename="xep-hang-cap-{unit.pk}-{year}.xlsx"'
    return response


# -- titles of a registration ----------------------------------------------------------------------


@guarded(MANAGE)
def registration_titles(request, registration_id: int):
    """Đăng ký danh hiệu: one title for many units and people of the registering unit at once."""
    actor = request.user
    registration = selectors.registration_get(actor=actor, registration_id=registration_id)
    detail = reverse("emulation:registration", args=[registration.pk])
    form = forms.TitlesForm(posted(request), registration=registration)

    def run(d):
        created = titles.registration_titles_add(
            actor=actor,
            registration=registration,
            title=d["title"],
            units=list(d["units"]),
            members=list(d["members"]),
        )
        messages.success(request, _("Đã đăng ký %(n)s danh hiệu.") % {"n": len(created)})
        return detail

    return form_page(
        request, form, run, title=_("Đăng ký danh hiệu thi đua"), intro=str(registration), cancel_url=detail
    )


@guarded(MANAGE)
def registration_titles_upload(request, registration_id: int):
    """The titles from an Excel list (columns Danh hiệu, Họ và tên, Số thẻ đoàn viên, Mã đơn vị),
    checked then written by jobs (``titles.IMPORT``, ``core.job_flows``)."""
    registration = selectors.registration_get(actor=request.user, registration_id=registration_id)
    policy.require(request.user, MANAGE, registration.unit_id)
    detail = reverse("emulation:registration", args=[registration.pk])
    form = job_flows.UploadForm(request.POST or None, request.FILES or None)
    intro = _("Cột: Danh hiệu*, Họ và tên, Số thẻ đoàn viên hoặc Mã đơn vị (tập thể), một trong hai.")
    return job_flows.upload_page(
        request,
        titles.IMPORT,
        form=form,
        params=lambda d: {"registration": registration.pk},
        title=_("Đăng ký danh hiệu từ tệp Excel"),
        intro=f"{registration} — {intro}",
        cancel_url=detail,
    )


@guarded(VIEW)
def pledge_docx(request, pledge_id: int):
    """The pledge as a Word file: Decree 30's layout, one signature block per party."""
    pledge = selectors.pledge_get(actor=request.user, pledge_id=pledge_id)
    response = HttpResponse(
        pledging.pledge_docx(pledge),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{pledging.pledge_file_name(pledge)}"'
    return response
