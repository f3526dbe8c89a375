"""Pages of the awards module: the catalogue, nominations and their review, decisions with their
files, a person's or a unit's awards and the year's counts.

Views read the query string or the form, ask selectors (reads) or services (writes) and render; the
services decide. Every id in a URL is resolved through a selector (out of reach: 404).
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from congdoan.core import attachments, paging
from congdoan.core.audit_display import audit_rows
from congdoan.core.dates import today
from congdoan.core.forms import FORM_ERRORS, form_response, posted, render_form, submit
from congdoan.core.models import AuditEntry
from congdoan.members.selectors import member_get
from congdoan.organizations.permissions import get_visible_or_404, guarded, policy
from congdoan.organizations.selectors import unit_get

from . import decisions, eligibility, forms, importing, outputs, records, selectors, services
from .catalogue import NAMES
from .models import Nomination
from .permissions import DECIDE, MANAGE, VIEW, deciding_unit, may_edit, require_edit

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _history(obj) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-at", "-id")
    )


def _list(request, filter_form, search, template: str, extra=None):
    form = filter_form(request.GET)
    rows = search(actor=request.user, **form.filters())
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    context = {
        "form": form,
        "page": page,
        "can_manage": policy.has_anywhere(request.user, MANAGE),
        **(extra or {}),
    }
    return render(request, template, context, status=FORM_ERRORS if form.errors else 200)


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@guarded(VIEW)
def catalogue(request):
    on = today()
    from congdoan.emulation.models import Title

    catalogue_names = {**NAMES, "*": _("Mọi hình thức, danh hiệu")}
    context = {
        "forms": list(selectors.form_search(actor=request.user)),
        "titles": list(Title.objects.active(on).order_by("order", "name")),
        "rules": [
            (rule, catalogue_names.get(rule.target, rule.target), *eligibility.describe(rule))
            for rule in eligibility.EligibilityRule.objects.active(on).order_by("target", "rule")
        ],
    }
    return render(request, "awards/catalogue.html", context)


# -- nominations -----------------------------------------------------------------------------------


@guarded(VIEW)
def nomination_list(request):
    return _list(
        request, forms.NominationFilterForm, selectors.nomination_search, "awards/nomination_list.html"
    )


def _lines_from(actor, d) -> list[services.LineIn]:
    lines = []
    if d.get("file"):
        lines += importing.read_lines(actor=actor, upload=d["file"])
    cards = [c.strip() for c in (d.get("cards") or "").splitlines() if c.strip()]
    if cards:
        from congdoan.members.selectors import members_in_scope

        found = {p.card_number: p for p in members_in_scope(actor=actor).filter(card_number__in=cards)}
        missing = [c for c in cards if c not in found]
        if missing:
            raise ValidationError(
                {"cards": _("Không tìm thấy số thẻ: %(c)s.") % {"c": ", ".join(missing[:10])}}
            )
        lines += [services.LineIn(person=found[c]) for c in cards]
    lines += [services.LineIn(unit=getattr(u, "unit", u)) for u in d.get("units") or []]
    for line in lines:
        if line.votes_for is None:
            line.votes_for = d.get("votes_for")
    _put_initiatives(actor, lines, d.get("initiatives") or [], d["year"])
    return lines


def _put_initiatives(actor, lines, chosen: list[int], year: int) -> None:
    """Each chosen initiative behind the proposed people who are among its authors (recognised
    that year, in the actor's reach); one behind none of them is refused, naming the field."""
    if not chosen:
        return
    found = {i.pk: i for i in selectors.initiatives_by_id(actor=actor, ids=chosen)}
    people = {ln.person.pk for ln in lines if ln.person is not None}
    theirs = selectors.initiatives_within_reach(actor=actor, person_ids=people, year=year)
    placed = set()
    for line in lines:
        if line.person is None:
            continue
        for pk, _title in theirs.get(line.person.pk, []):
            if pk in found and pk in chosen:
                line.initiatives.append(found[pk])
                placed.add(pk)
    missing = [found[pk].title if pk in found else str(pk) for pk in chosen if pk not in placed]
    if missing:
        raise ValidationError(
            {
                "initiatives": _(
                    "Sáng kiến %(i)s không phải sáng kiến được công nhận năm %(y)s của người được đề nghị."
                )
                % {"i": ", ".join(f"“{m}”" for m in missing), "y": year}
            }
        )


PREFILL = ("unit", "issuer", "kind", "year", "occasion", "block")


@guarded(MANAGE)
def nomination_create(request):
    """The nomination form; from a block's proposals (``?unit=&issuer=&kind=&year=&units=&block=``)
    it comes pre-filled."""
    actor = request.user
    initial = {k: request.GET[k] for k in PREFILL if request.GET.get(k)}
    if request.GET.getlist("units"):
        initial["units"] = request.GET.getlist("units")
    form = forms.NominationForm(posted(request), request.FILES or None, actor=actor, initial=initial)

    def run(d):
        from congdoan.emulation.selectors import block_get

        block = block_get(actor=actor, block_id=d["block"]) if d.get("block") else None
        nomination = services.nomination_create(
            block=block,
            actor=actor,
            unit=d["unit"],
            year=d["year"],
            occasion=d["occasion"],
            issuer=d.get("issuer"),
            issuer_name=d.get("issuer_name") or "",
            lines=_lines_from(actor, d),
            report=d.get("report") or "",
            council_size=d.get("council_size"),
            council_present=d.get("council_present"),
            **forms.read_kind(d["kind"]),
        )
        messages.success(request, _("Đã lập đề nghị khen thưởng."))
        return reverse("awards:nomination", args=[nomination.pk])

    context = {
        "title": _("Đề nghị khen thưởng"),
        "cancel_url": reverse("awards:nominations"),
        "multipart": True,
    }
    return form_response(request, form, run, "awards/form.html", context)


@guarded(MANAGE)
def block_proposals(request):
    """Đề nghị từ khối thi đua: the units a block's ranking of the year proposes (rank 1 the Cờ thi
    đua, the next the Bằng khen: ``emulation.selectors.proposals``), each with a link to the
    nomination form pre-filled (the block's level nominating and issuing, the collective, the year)."""
    actor = request.user
    form = forms.ProposalFilterForm(request.GET or None, actor=actor)
    block, rows = None, []
    if form.is_bound and form.is_valid():
        block, rows = selectors.block_proposals(
            actor=actor, block_id=form.cleaned_data["block"], year=form.cleaned_data["year"]
        )
    context = {
        "form": form,
        "block": block,
        "rows": rows,
        "year": form.cleaned_data.get("year") if block else None,
    }
    return render_form(request, "awards/block_proposals.html", context, form=form)


def _nomination_page(request, nomination: Nomination, *, errors=(), status: int = 200):
    actor = request.user
    checks = services.line_checks(nomination)
    ranking = {
        line.pk: note
        for line, note in eligibility.ranked(
            [line for line, _r in checks], on=services.reference_day(nomination.year)
        )
    }
    facts = selectors.dossier_facts(nomination, [line for line, _r in checks])
    initiatives = selectors.line_initiatives(actor=actor, lines=[line for line, _r in checks])
    ranks = selectors.block_ranks(actor=actor, nomination=nomination)
    for line, _r in checks:
        line.put_forward = initiatives.get(line.pk, [])
        line.block_rank = ranks.get(line.unit_id) if line.unit_id else None
    context = {
        "nomination": nomination,
        "checks": [
            (line, results, ranking.get(line.pk, ""), facts.get(line.pk, {})) for line, results in checks
        ],
        "files": list(nomination.files.all()),
        "steps": services.NOMINATION_FLOW.available(actor, nomination),
        "can_attach": may_edit(actor, nomination),
        "can_decide": nomination.state == Nomination.State.PASSED
        and policy.can(actor, DECIDE, deciding_unit(nomination)),
        "attach_form": forms.AttachForm(),
        "errors": errors,
        "audit_rows": audit_rows(_history(nomination), actor=actor),
    }
    return render(request, "awards/nomination_detail.html", context, status=status)


@guarded(VIEW)
def nomination_detail(request, nomination_id: int):
    nomination = selectors.nomination_get(actor=request.user, nomination_id=nomination_id)
    return _nomination_page(request, nomination)


@guarded(MANAGE)
def nomination_step(request, nomination_id: int):
    actor = request.user
    nomination = selectors.nomination_get(actor=actor, nomination_id=nomination_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.nomination_step(
            actor=actor,
            nomination=nomination,
            step=request.POST.get("step", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        nomination.refresh_from_db()
        return _nomination_page(request, nomination, errors=exc.messages, status=FORM_ERRORS)
    messages.success(request, _("Đề nghị: %(state)s.") % {"state": nomination.get_state_display()})
    return redirect("awards:nomination", nomination.pk)


@guarded(MANAGE)
def nomination_attach(request, nomination_id: int):
    actor = request.user
    nomination = selectors.nomination_get(actor=actor, nomination_id=nomination_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.AttachForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("file") or _("Hãy chọn tệp."))
        services.nomination_attach(actor=actor, nomination=nomination, upload=form.cleaned_data["file"])
    except ValidationError as exc:
        return _nomination_page(request, nomination, errors=exc.messages, status=FORM_ERRORS)
    messages.success(request, _("Đã thêm tệp vào hồ sơ."))
    return redirect("awards:nomination", nomination.pk)


@guarded(MANAGE)
def nomination_edit(request, nomination_id: int):
    """The dossier of a proposal not yet sent, or returned by the reviewing level: the report, the
    council, each line's votes, achievements and initiatives; "Lưu và gửi lại" sends it again."""
    actor = request.user
    nomination = selectors.nomination_get(actor=actor, nomination_id=nomination_id)
    require_edit(actor, nomination)
    lines = list(nomination.lines.select_related("person", "unit"))
    people = {line.person_id for line in lines if line.person_id}
    in_reach = selectors.initiatives_within_reach(actor=actor, person_ids=people, year=nomination.year)
    chosen = {k: [i.pk for i in v] for k, v in selectors.line_initiatives(actor=actor, lines=lines).items()}
    choices = {line.pk: in_reach.get(line.person_id, []) for line in lines if line.person_id}
    for line in lines:  # an initiative already chosen stays offered (the service checks it again)
        known = {pk for pk, _t in choices.get(line.pk, [])}
        choices.get(line.pk, []).extend((pk, str(pk)) for pk in chosen.get(line.pk, []) if pk not in known)
    form = forms.NominationEditForm(
        posted(request), nomination=nomination, lines=lines, initiative_choices=choices, chosen=chosen
    )
    state_error = ""
    if not may_edit(actor, nomination):
        state_error = _("Chỉ sửa được đề nghị đang đề xuất hoặc bị trả lại (đang: %(s)s).") % {
            "s": nomination.get_state_display()
        }

    def run(d):
        picked = {
            line_id: selectors.initiatives_by_id(actor=actor, ids=[int(i) for i in ids])
            for line_id, ids in form.per_line("initiatives").items()
        }
        resubmit = "resubmit" in request.POST
        services.nomination_update(
            actor=actor,
            nomination=nomination,
            report=d.get("report") or "",
            council_size=d.get("council_size"),
            council_present=d.get("council_present"),
            votes=form.per_line("votes"),
            achievements=form.per_line("achievements"),
            initiatives=picked,
            resubmit=resubmit,
        )
        messages.success(request, _("Đã gửi lại đề nghị.") if resubmit else _("Đã lưu hồ sơ đề nghị."))
        return reverse("awards:nomination", args=[nomination.pk])

    target = None if state_error else submit(request, form, run)
    if target is not None:
        return redirect(target)
    context = {
        "form": form,
        "state_error": state_error,
        "nomination": nomination,
        "can_resubmit": nomination.state == Nomination.State.RETURNED,
        "cancel_url": reverse("awards:nomination", args=[nomination.pk]),
    }
    return render_form(
        request, "awards/nomination_edit.html", context, invalid=bool(state_error or form.errors)
    )


@guarded(VIEW)
def nomination_file(request, nomination_id: int, file_id: int):
    nomination = selectors.nomination_get(actor=request.user, nomination_id=nomination_id)
    stored = get_visible_or_404(nomination.files.all(), pk=file_id)
    known = attachments.TYPES.get(stored.name.rsplit(".", 1)[-1].lower())
    content_type = known.content_type if known else "application/octet-stream"
    return attachments.file_response(stored.path, name=stored.name, content_type=content_type)


@guarded(DECIDE)
def decision_create(request, nomination_id: int):
    actor = request.user
    nomination = selectors.nomination_get(actor=actor, nomination_id=nomination_id)
    form = forms.DecisionForm(
        posted(request),
        initial={
            "title": _("Về việc khen thưởng năm %(y)s") % {"y": nomination.year},
            "signed_on": today(),
        },
    )

    def run(d):
        decision = decisions.decision_record(actor=actor, nominations=[nomination], **d)
        messages.success(request, _("Đã ghi quyết định %(d)s.") % {"d": decision})
        return reverse("awards:decision", args=[decision.pk])

    context = {
        "title": _("Quyết định khen thưởng"),
        "intro": f"{nomination.award_name} {nomination.year}",
        "cancel_url": reverse("awards:nomination", args=[nomination.pk]),
    }
    return form_response(request, form, run, "awards/form.html", context)


# -- decisions -------------------------------------------------------------------------------------


@guarded(VIEW)
def decision_list(request):
    return _list(request, forms.YearFilterForm, selectors.decision_search, "awards/decision_list.html")


@guarded(VIEW)
def decision_detail(request, decision_id: int):
    decision = selectors.decision_get(actor=request.user, decision_id=decision_id)
    awards = selectors.decision_awards(actor=request.user, decision=decision)
    context = {"decision": decision, "awards": awards, "total": sum(a.amount for a in awards)}
    return render(request, "awards/decision_detail.html", context)


@guarded(VIEW)
def decision_docx(request, decision_id: int):
    decision = selectors.decision_get(actor=request.user, decision_id=decision_id)
    return _download(outputs.decision_docx(decision), outputs.decision_file_name(decision), DOCX)


@guarded(VIEW)
def decision_certificates(request, decision_id: int):
    decision = selectors.decision_get(actor=request.user, decision_id=decision_id)
    awards = selectors.decision_awards(actor=request.user, decision=decision)
    return _download(outputs.certificates_docx(decision, awards), "giay-chung-nhan.docx", DOCX)


@guarded(VIEW)
def decision_xlsx(request, decision_id: int):
    decision = selectors.decision_get(actor=request.user, decision_id=decision_id)
    awards = selectors.decision_awards(actor=request.user, decision=decision)
    return _download(outputs.awardees_xlsx(decision, awards), "danh-sach-khen-thuong.xlsx", XLSX)


# -- records and counts ----------------------------------------------------------------------------


@guarded(VIEW)
def person_awards(request, member_id: int):
    person = member_get(actor=request.user, person_id=member_id)
    rows = selectors.award_search(actor=request.user, person_id=person.pk)
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    return render(request, "awards/record.html", {"subject": person.full_name, "page": page})


@guarded(VIEW)
def unit_awards(request, unit_id: int):
    unit = unit_get(actor=request.user, unit_id=unit_id, perm=VIEW)
    rows = selectors.award_search(actor=request.user, unit_id=unit.pk)
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    return render(request, "awards/record.html", {"subject": str(unit), "page": page})


@guarded(VIEW)
def given(request):
    """The awards given in a unit's subtree over a period, as of a date, by recipient and form: the
    records behind the ``awards.*`` figures (``selectors.awards_given``)."""
    form = forms.GivenFilterForm(request.GET, actor=request.user)
    found = form.filters()
    rows = selectors.awards_given(actor=request.user, **found) if found else selectors.Award.objects.none()
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    return render_form(request, "awards/given.html", {"form": form, "page": page}, form=form)


@guarded(VIEW)
def counts(request):
    actor = request.user
    form = forms.CountsForm(request.GET or None, actor=actor)
    rows, unit = [], None
    if form.is_bound and form.is_valid():
        unit, year = form.cleaned_data["unit"], form.cleaned_data["year"]
        on = min(today(), dt.date(year, 12, 31))
        version = unit.version_on(on) or unit.latest_version
        rows = selectors.year_counts(actor=actor, unit_id=unit.pk, path=version.path, year=year)
    context = {"form": form, "rows": rows, "unit": unit}
    return render_form(request, "awards/counts.html", context, form=form)


# -- discipline, task ratings, earlier union work (the records the checks read) ----------------------


def _records(request, filter_form, search, template: str):
    """A list of records with its filters in the query string (422 on a bad filter)."""
    form = filter_form(request.GET, actor=request.user)
    rows = search(actor=request.user, **form.filters())
    page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
    context = {"form": form, "page": page, "can_manage": policy.has_anywhere(request.user, MANAGE)}
    return render(request, template, context, status=FORM_ERRORS if form.errors else 200)


@guarded(VIEW)
def discipline_list(request):
    return _records(
        request, forms.DisciplineFilterForm, selectors.discipline_search, "awards/discipline_list.html"
    )


def _initial(request, form_class, actor):
    """A GET form pre-filled from the query string (``?person=<card>`` from the member page)."""
    if request.method == "POST":
        return form_class(request.POST, actor=actor)
    return form_class(initial={"person": request.GET.get("person", "")}, actor=actor)


@guarded(MANAGE)
def discipline_create(request):
    actor = request.user
    form = _initial(request, forms.DisciplineForm, actor)

    def run(d):
        records.discipline_record(
            actor=actor,
            owner=d["owner"],
            person=d.get("person"),
            unit=d.get("collective"),
            level=d["level"],
            starts_on=d["starts_on"],
            ends_on=d.get("ends_on"),
            reference=d.get("reference") or "",
            note=d.get("note") or "",
        )
        messages.success(request, _("Đã ghi kỷ luật."))
        return reverse("awards:disciplines")

    target = submit(request, form, run, rename={"unit": "collective"})
    if target is not None:
        return redirect(target)
    context = {"form": form, "title": _("Ghi kỷ luật"), "cancel_url": reverse("awards:disciplines")}
    return render_form(request, "awards/form.html", context, form=form)


@guarded(MANAGE)
def discipline_end(request, discipline_id: int):
    """End a record (POST). From the list's row through HTMX: the row comes back, with the error
    (422) or ended; without HTMX: back to the list."""
    actor = request.user
    record = selectors.discipline_get(actor=actor, discipline_id=discipline_id)  # out of reach: 404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.DisciplineEndForm(request.POST)
    done = submit(
        request,
        form,
        lambda d: records.discipline_end(actor=actor, record=record, ends_on=d["ends_on"]) and True,
    )
    if request.headers.get("HX-Request"):
        row = selectors.discipline_get(actor=actor, discipline_id=discipline_id)
        context = {"d": row, "end_form": form if not done else None, "can_manage": True}
        return render_form(request, "awards/partials/discipline_row.html", context, form=form)
    if done:
        messages.success(request, _("Đã ghi ngày kết thúc kỷ luật."))
        return redirect("awards:disciplines")
    context = {"form": form, "title": _("Kết thúc kỷ luật"), "cancel_url": reverse("awards:disciplines")}
    return render_form(request, "awards/form.html", context, form=form)


@guarded(VIEW)
def rating_list(request):
    return _records(request, forms.RatingFilterForm, selectors.rating_search, "awards/rating_list.html")


@guarded(MANAGE)
def rating_create(request):
    actor = request.user
    form = _initial(request, forms.RatingForm, actor)

    def run(d):
        records.rating_record(
            actor=actor, unit=d["owner"], person=d["person"], year=d["year"], grade=d["grade"]
        )
        messages.success(request, _("Đã ghi xếp loại hoàn thành nhiệm vụ."))
        return reverse("awards:ratings")

    target = submit(request, form, run)
    if target is not None:
        return redirect(target)
    context = {
        "form": form,
        "title": _("Ghi xếp loại hoàn thành nhiệm vụ"),
        "cancel_url": reverse("awards:ratings"),
    }
    return render_form(request, "awards/form.html", context, form=form)


@guarded(VIEW)
def service_list(request):
    return _records(
        request, forms.ServiceFilterForm, selectors.earlier_service_search, "awards/service_list.html"
    )


@guarded(MANAGE)
def service_create(request):
    actor = request.user
    form = _initial(request, forms.EarlierServiceForm, actor)

    def run(d):
        records.earlier_service_record(
            actor=actor,
            owner=d["owner"],
            person=d["person"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            position=d["position"],
            organisation=d["organisation"],
        )
        messages.success(request, _("Đã ghi quá trình công tác công đoàn trước đây."))
        return reverse("awards:services")

    target = submit(request, form, run)
    if target is not None:
        return redirect(target)
    context = {
        "form": form,
        "title": _("Ghi quá trình công tác công đoàn trước đây"),
        "cancel_url": reverse("awards:services"),
    }
    return render_form(request, "awards/form.html", context, form=form)
