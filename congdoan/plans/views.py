"""Pages of programmes and survey missions: list, detail (members, visits, findings, gifts), create and
edit, the additions, the report's issue and its Word download. Views ask selectors and services."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import paging
from congdoan.core.dates import display
from congdoan.core.forms import form_response, posted
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import guarded, policy

from . import documents_bridge, forms, reporting, selectors, services
from .models import Mission, Visit
from .permissions import MANAGE, VIEW

PAGE_SIZE = 50


def _mission_rows(missions) -> None:
    """Organising units' names and each mission's head, without a query per row."""
    names = selectors.names_on({m.unit_id: m.starts_on for m in missions})
    visited = selectors.names_on({v.unit_id: v.on for m in missions for v in m.visits.all()})
    for m in missions:
        m.unit_name = names.get(m.unit_id, "")
        m.visited = [visited.get(v.unit_id, "") for v in m.visits.all()]
        head = next(iter(m.members.all()), None)
        m.head_name = head.position.person.full_name if head else ""


@guarded(VIEW)
def mission_list(request):
    actor = request.user
    q = (request.GET.get("q") or "").strip()[:100]
    page = paging.page_of(selectors.mission_search(actor=actor, q=q), request.GET.get("page"), PAGE_SIZE)
    _mission_rows(page.object_list)
    context = {"page": page, "q": q, "can_manage": policy.has_anywhere(actor, MANAGE)}
    return render(request, "plans/mission_list.html", context)


def _visit_choices(mission) -> list[tuple[int, str]]:
    return [(v.pk, f"{display(v.on)} — {v.unit_name}") for v in mission.visit_rows]


@guarded(VIEW)
def mission_detail(request, mission_id: int):
    actor = request.user
    mission = selectors.mission_detail(selectors.mission_get(actor=actor, mission_id=mission_id))
    manage = selectors.may_manage(actor, mission)
    visits = _visit_choices(mission)
    context = {
        "mission": mission,
        "can_manage": manage,
        "gift_total": sum(g.amount for g in mission.gift_rows),
        "visit_form": forms.VisitForm(actor=actor, mission=mission) if manage else None,
        "finding_form": forms.FindingForm(visits=visits) if manage else None,
        "gift_form": forms.GiftForm(visits=visits) if manage else None,
        # Issued once; offered again only when the report in force was cancelled (documents.issuing).
        "report_form": forms.ReportForm()
        if manage and not documents_bridge.in_force(mission.report)
        else None,
    }
    return render(request, "plans/mission_detail.html", context)


def _form_page(request, form, run, *, title, cancel_url, mission=None, programme=None):
    """POST runs the service; success redirects with a message, errors re-render with ``FORM_ERRORS``."""
    context = {"title": title, "cancel_url": cancel_url, "mission": mission, "programme": programme}
    return form_response(request, form, run, "plans/form.html", context)


@guarded(MANAGE)
def mission_create(request):
    actor = request.user
    form = forms.MissionForm(posted(request), actor=actor)

    def run(data):
        mission = services.mission_create(
            actor=actor,
            unit=data["unit"],
            title=data["title"],
            plan=data["plan"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            head=data["head"],
            members=list(data["members"]),
        )
        messages.success(request, _("Đã lập đoàn khảo sát."))
        return reverse("plans:mission", args=[mission.pk])

    return _form_page(request, form, run, title=_("Lập đoàn khảo sát"), cancel_url=reverse("plans:missions"))


def _managed(request, mission_id: int) -> Mission:
    mission = selectors.mission_get(actor=request.user, mission_id=mission_id)
    services.require_manage(request.user, mission)
    return mission


@guarded(MANAGE)
def mission_edit(request, mission_id: int):
    actor = request.user
    mission = _managed(request, mission_id)
    form = forms.MissionForm(posted(request), actor=actor, mission=mission)
    url = reverse("plans:mission", args=[mission.pk])

    def run(data):
        services.mission_update(
            actor=actor, mission=mission, **{k: data[k] for k in services.MISSION_CHANGEABLE}
        )
        messages.success(request, _("Đã lưu đoàn khảo sát."))
        return url

    return _form_page(request, form, run, title=_("Sửa đoàn khảo sát"), cancel_url=url, mission=mission)


def _addition(request, mission_id: int, make_form, run_service, done: str, title):
    """One of the additions to a mission (a visit, a finding, a gift, the report): a form on the
    mission's page, its own page when it has errors."""
    actor = request.user
    mission = selectors.mission_detail(_managed(request, mission_id))
    form = make_form(actor, mission)
    url = reverse("plans:mission", args=[mission.pk])

    def run(data):
        run_service(actor, mission, form, data)
        messages.success(request, done)
        return url

    return _form_page(request, form, run, title=title, cancel_url=url, mission=mission)


def _visit(mission, data) -> Visit | None:
    return next((v for v in mission.visit_rows if v.pk == data.get("visit")), None)


@guarded(MANAGE)
def member_add(request, mission_id: int):
    return _addition(
        request,
        mission_id,
        lambda actor, mission: forms.MemberForm(posted(request), actor=actor),
        lambda actor, mission, form, data: services.mission_member_add(
            actor=actor, mission=mission, position=data["position"]
        ),
        _("Đã thêm thành viên đoàn."),
        gettext_lazy("Thêm thành viên đoàn"),
    )


@guarded(MANAGE)
def visit_add(request, mission_id: int):
    return _addition(
        request,
        mission_id,
        lambda actor, mission: forms.VisitForm(posted(request), actor=actor, mission=mission),
        lambda actor, mission, form, data: services.visit_add(
            actor=actor,
            mission=mission,
            unit=Unit.objects.get(pk=data["unit"]),
            on=data["on"],
            hosts=form.host_rows(),
            note=data["note"],
        ),
        _("Đã ghi buổi làm việc."),
        gettext_lazy("Ghi buổi làm việc"),
    )


def _part(request, mission_id: int, form_class, service, fields: tuple[str, ...], done: str, title):
    """A finding or a gift: at one of the mission's visits or for the whole mission."""
    return _addition(
        request,
        mission_id,
        lambda actor, mission: form_class(posted(request), visits=_visit_choices(mission)),
        lambda actor, mission, form, data: service(
            actor=actor, mission=mission, visit=_visit(mission, data), **{k: data[k] for k in fields}
        ),
        done,
        title,
    )


@guarded(MANAGE)
def finding_add(request, mission_id: int):
    fields = ("area", "results", "shortcomings", "proposals")
    done, title = _("Đã ghi kết quả khảo sát."), gettext_lazy("Ghi kết quả khảo sát")
    return _part(request, mission_id, forms.FindingForm, services.finding_add, fields, done, title)


@guarded(MANAGE)
def gift_add(request, mission_id: int):
    fields = ("kind", "description", "count", "unit_value")
    done, title = _("Đã ghi quà, hỗ trợ."), gettext_lazy("Ghi quà, hỗ trợ")
    return _part(request, mission_id, forms.GiftForm, services.gift_add, fields, done, title)


@guarded(MANAGE)
def report_issue(request, mission_id: int):
    return _addition(
        request,
        mission_id,
        lambda actor, mission: forms.ReportForm(posted(request)),
        lambda actor, mission, form, data: services.report_issue(actor=actor, mission=mission, **data),
        _("Đã ban hành báo cáo kết quả khảo sát."),
        gettext_lazy("Ban hành báo cáo kết quả khảo sát"),
    )


@guarded(VIEW)
def report_download(request, mission_id: int):
    mission = selectors.mission_get(actor=request.user, mission_id=mission_id)
    if mission.report_id is None:
        messages.error(request, _("Đoàn chưa có báo cáo kết quả."))
        return redirect("plans:mission", mission.pk)
    content = reporting.report_docx(mission)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    name = mission.report.number_symbol.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{name}.docx"'
    return response


# -- programmes ----------------------------------------------------------------------------------


def _programme_rows(programmes) -> None:
    names = selectors.names_on({u.pk: p.valid_from for p in programmes for u in p.parties.all()})
    for p in programmes:
        p.party_names = [names.get(u.pk, "") for u in p.parties.all()]


@guarded(VIEW)
def programme_list(request):
    actor = request.user
    page = paging.page_of(selectors.programme_search(actor=actor), request.GET.get("page"), PAGE_SIZE)
    _programme_rows(page.object_list)
    context = {"page": page, "can_manage": policy.has_anywhere(actor, MANAGE)}
    return render(request, "plans/programme_list.html", context)


@guarded(VIEW)
def programme_detail(request, programme_id: int):
    programme = selectors.programme_get(actor=request.user, programme_id=programme_id)
    _programme_rows([programme])
    missions = list(selectors.mission_search(actor=request.user).filter(programmes=programme))
    context = {
        "programme": programme,
        "missions": missions,
        "can_manage": selectors.may_manage(request.user, programme),
    }
    return render(request, "plans/programme_detail.html", context)


def _programme_fields(data) -> dict:
    """The programme form's values as ``programme_create``/``programme_update`` take them."""
    return {
        "title": data["title"],
        "document": data["document"],
        "parties": list(Unit.objects.filter(pk__in=data["parties"])),
        "areas": list(data["areas"]),
        "valid_from": data["valid_from"],
        "valid_to": data["valid_to"],
    }


@guarded(MANAGE)
def programme_create(request):
    actor = request.user
    form = forms.ProgrammeForm(posted(request), actor=actor)

    def run(data):
        programme = services.programme_create(actor=actor, unit=data["unit"], **_programme_fields(data))
        messages.success(request, _("Đã ghi chương trình phối hợp."))
        return reverse("plans:programme", args=[programme.pk])

    return _form_page(
        request, form, run, title=_("Ghi chương trình phối hợp"), cancel_url=reverse("plans:programmes")
    )


@guarded(MANAGE)
def programme_edit(request, programme_id: int):
    actor = request.user
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    services.require_programme_manage(actor, programme)
    form = forms.ProgrammeForm(posted(request), actor=actor, programme=programme)
    url = reverse("plans:programme", args=[programme.pk])

    def run(data):
        services.programme_update(actor=actor, programme=programme, **_programme_fields(data))
        messages.success(request, _("Đã lưu chương trình phối hợp."))
        return url

    title = _("Sửa chương trình phối hợp")
    return _form_page(request, form, run, title=title, cancel_url=url, programme=programme)
