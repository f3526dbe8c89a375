"""Pages of the organisation tree: the dashboard, the tree browser, a unit's page and its changes.

Views parse input, ask selectors (reads) or services (writes) and render; the services decide.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from congdoan.core import paging, plugins
from congdoan.core.audit_display import audit_rows
from congdoan.core.dates import parse_date, today
from congdoan.core.forms import posted, render_form, submit

from . import forms, selectors, services
from .models import Unit
from .permissions import DENIED, UNITS_MANAGE, UNITS_VIEW, guarded, policy, unit_abilities

SEARCH_PAGE_SIZE = 50

# -- shared bits ---------------------------------------------------------------------------------


def _as_of(request) -> tuple[dt.date, str | None]:
    """The ``as_of`` query parameter (default today) and the error to show if it is not a date."""
    try:
        return parse_date(request.GET.get("as_of"), default=today()), None
    except ValidationError as exc:
        return today(), exc.message_dict["as_of"][0]


def _unit_url(unit_id: int, as_of: dt.date | None = None) -> str:
    url = reverse("organizations:detail", args=[unit_id])
    return f"{url}?{urlencode({'as_of': as_of.isoformat()})}" if as_of else url


# -- the tree browser ----------------------------------------------------------------------------


def _within(request, as_of: dt.date) -> tuple[Unit | None, str | None]:
    """``?unit=`` (a subtree to list, 404 out of reach) and the error to show if it is not an id."""
    raw = request.GET.get("unit", "").strip()
    if not raw:
        return None, None
    if not raw.isdigit():
        message = gettext_lazy("%(field)s: '%(value)s' không phải là mã số đơn vị.")
        return None, str(message) % {"field": gettext_lazy("Đơn vị"), "value": raw}
    return selectors.unit_get(actor=request.user, unit_id=int(raw), as_of=as_of), None


@guarded(UNITS_VIEW)
def tree(request):
    """The tree on ``as_of``; ``q`` searches it by name; ``unit`` lists that unit's subtree
    (``grassroots=1``: its grassroots unions, what ``units.grassroots`` counts) in tree order."""
    as_of, date_error = _as_of(request)
    q = request.GET.get("q", "").strip()
    within, unit_error = _within(request, as_of)
    grassroots = request.GET.get("grassroots") == "1"
    context = {"as_of": as_of, "q": q, "date_error": date_error, "unit_error": unit_error}
    context.update(within=within, grassroots=grassroots)
    if q or within is not None:
        results = selectors.unit_search(
            actor=request.user, as_of=as_of, q=q, within=within, grassroots=grassroots
        )
        page = paging.page_of(results, request.GET.get("page"), SEARCH_PAGE_SIZE)
        refs = selectors.unit_refs(
            actor=request.user, unit_ids={i for v in page for i in v.ancestor_ids()}, as_of=as_of
        )
        for v in page:
            v.trail = [refs[i].name for i in v.ancestor_ids() if i in refs]
        context["page"] = page
    else:
        context["roots"] = selectors.tree_roots(actor=request.user, as_of=as_of)
    # A history restore asks for the whole page even though it comes from HTMX.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "organizations/partials/tree_results.html" if partial else "organizations/tree.html"
    response = render_form(request, template, context, invalid=bool(date_error or unit_error))
    patch_vary_headers(response, ["HX-Request"])
    return response


@guarded(UNITS_VIEW)
def children(request, unit_id: int):
    """The child rows of one tree node, loaded when it is expanded."""
    as_of, date_error = _as_of(request)
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id, as_of=as_of)
    context = {
        "as_of": as_of,
        "date_error": date_error,
        "children": selectors.tree_children(actor=request.user, unit=unit, as_of=as_of),
    }
    return render_form(request, "organizations/partials/tree_children.html", context, invalid=date_error)


# -- a unit's page -------------------------------------------------------------------------------


@guarded(UNITS_VIEW)
def detail(request, unit_id: int):
    as_of, date_error = _as_of(request)
    actor = request.user
    unit = selectors.unit_get(actor=actor, unit_id=unit_id, as_of=as_of)
    version = selectors.unit_version_for_display(unit, as_of)
    versions, entries = selectors.unit_history(actor=actor, unit=unit)
    entries = list(entries)
    absorbed = list(unit.absorbed.all())
    refs = selectors.unit_refs(
        actor=actor,
        as_of=as_of,
        unit_ids={
            *version.ancestor_ids(),
            version.parent_id,
            version.guidance_parent_id,
            unit.successor_id,
            *(u.pk for u in absorbed),
        },
    )
    context = {
        "as_of": as_of,
        "date_error": date_error,
        "unit": unit,
        "last_day": unit.valid_to - dt.timedelta(days=1) if unit.valid_to else None,
        "version": version,
        "shown_elsewhere": not (
            version.valid_from <= as_of and (version.valid_to is None or as_of < version.valid_to)
        ),
        "trail": [refs[i] for i in version.ancestor_ids() if i in refs],
        "parent": refs.get(version.parent_id),
        "guidance": refs.get(version.guidance_parent_id),
        "successor": refs.get(unit.successor_id),
        "absorbed": [(refs[u.pk], u) for u in absorbed if u.pk in refs],
        "children": selectors.tree_children(actor=actor, unit=unit, as_of=as_of),
        "versions": versions,
        "planned": selectors.unit_planned_changes(unit, versions),
        "audit_rows": audit_rows(entries, actor=actor),
        "can": unit_abilities(actor, unit, version),
        "links": plugins.unit_links(actor, unit.pk, lambda perm: policy.can(actor, perm, unit)),
        "sections": plugins.unit_sections(actor, unit),
    }
    return render_form(request, "organizations/detail.html", context, invalid=date_error)


# -- changes: one page per service ---------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One kind of change: its form, the ability it needs, how to run the service, what to say."""

    form: type[forms.UnitActionForm]
    ability: str
    title: Promise
    submit: Promise
    run: Callable[..., Unit]  # (actor, unit, cleaned_data) -> the unit to show afterwards
    done: Promise  # message, formatted with %(unit)s
    danger: bool = False


def _choice_date(request, field: str) -> dt.date:
    """The date the unit pickers are listed for: the change date typed in, else today."""
    try:
        return parse_date(request.POST.get(field), field=field, default=today())
    except ValidationError:
        return today()


def _change_page(request, unit_id: int, change: Change):
    """GET shows the form; POST runs the service and returns to the unit page, or shows its errors."""
    actor = request.user
    unit = selectors.unit_get(actor=actor, unit_id=unit_id)
    version = selectors.unit_version_for_display(unit, today())
    if not unit_abilities(actor, unit, version).get(change.ability):
        raise PermissionDenied(DENIED)
    date_field = change.form.date_field
    form = change.form(posted(request), actor=actor, version=version, as_of=_choice_date(request, date_field))
    target = submit(request, form, lambda d: change.run(actor, unit, d))
    if target is not None:
        messages.success(request, change.done % {"unit": target})
        return redirect(_unit_url(target.pk, form.cleaned_data[date_field]))
    context = {"unit": unit, "version": version, "form": form, "change": change}
    return render_form(request, "organizations/change.html", context, form=form)


CREATE = Change(
    forms.UnitCreateForm,
    "create",
    gettext_lazy("Thêm đơn vị trực thuộc"),
    gettext_lazy("Thêm đơn vị"),
    lambda actor, unit, d: services.unit_create(
        actor=actor,
        parent=unit,
        code=d["code"],
        name=d["name"],
        short_name=d["short_name"],
        kind=d["kind"],
        address=d["address"],
        guidance_parent=d["guidance_parent"],
        valid_from=d["valid_from"],
    ),
    gettext_lazy("Đã thêm đơn vị %(unit)s."),
)
EDIT = Change(
    forms.UnitEditForm,
    "edit",
    gettext_lazy("Sửa thông tin, đổi tên đơn vị"),
    gettext_lazy("Lưu thay đổi"),
    lambda actor, unit, d: (
        services.unit_update(
            actor=actor,
            unit=unit,
            on=d["on"],
            **{k: d[k] for k in services.EDITABLE_FIELDS},
        ).unit
    ),
    gettext_lazy("Đã lưu thông tin đơn vị %(unit)s."),
)
MOVE = Change(
    forms.UnitMoveForm,
    "move",
    gettext_lazy("Chuyển sang đơn vị cấp trên khác"),
    gettext_lazy("Chuyển đơn vị"),
    lambda actor, unit, d: (
        services.unit_move(actor=actor, unit=unit, new_parent=d["parent"], on=d["on"]).unit
    ),
    gettext_lazy("Đã chuyển đơn vị %(unit)s."),
)
GUIDANCE = Change(
    forms.UnitGuidanceForm,
    "guidance",
    gettext_lazy("Đơn vị chỉ đạo chuyên môn"),
    gettext_lazy("Lưu thay đổi"),
    lambda actor, unit, d: (
        services.unit_set_guidance(
            actor=actor, unit=unit, guidance_parent=d["guidance_parent"], on=d["on"]
        ).unit
    ),
    gettext_lazy("Đã cập nhật đơn vị chỉ đạo chuyên môn của %(unit)s."),
)
MERGE = Change(
    forms.UnitMergeForm,
    "merge",
    gettext_lazy("Sáp nhập đơn vị khác vào đơn vị này"),
    gettext_lazy("Sáp nhập"),
    lambda actor, unit, d: services.unit_merge(
        actor=actor, survivor=unit, merged=list(d["merged"]), on=d["on"]
    ),
    gettext_lazy("Đã sáp nhập các đơn vị đã chọn vào %(unit)s."),
    danger=True,
)
DISSOLVE = Change(
    forms.UnitDissolveForm,
    "dissolve",
    gettext_lazy("Giải thể đơn vị"),
    gettext_lazy("Giải thể"),
    lambda actor, unit, d: services.unit_dissolve(actor=actor, unit=unit, on=d["on"]),
    gettext_lazy("Đã giải thể đơn vị %(unit)s."),
    danger=True,
)


def _change_view(change: Change):
    """The page of one change, guarded by ``units.manage``; the unit's abilities decide the rest."""

    @guarded(UNITS_MANAGE)
    def view(request, unit_id: int):
        return _change_page(request, unit_id, change)

    view.__name__ = view.__qualname__ = f"unit_{change.ability}"
    return view


unit_create = _change_view(CREATE)
unit_edit = _change_view(EDIT)
unit_move = _change_view(MOVE)
unit_guidance = _change_view(GUIDANCE)
unit_merge = _change_view(MERGE)
unit_dissolve = _change_view(DISSOLVE)


# -- the unit picker's results -------------------------------------------------------------------


@guarded(UNITS_VIEW)
@require_GET
def unit_choices(request):
    """The unit picker's results (an HTML fragment for HTMX): units the actor may use ``perm`` on."""
    options = selectors.picker_options(actor=request.user, params=request.GET)
    return render(request, "organizations/partials/unit_choices.html", {"options": options})
