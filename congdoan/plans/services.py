"""Writes of programmes and survey missions: ``entity_verb(*, actor, ...)``, atomic, checked by the policy,
audited in the same transaction. Bad input raises ``ValidationError({field: message})`` in Vietnamese and
writes nothing.

Rules (issue 10, seed 000):
- a programme binds two or more units, each existing on its first day, under a document that is not a
  draft or cancelled;
- a mission's head and members are union officers: a position (``members.OfficerPosition``) held over
  the whole mission in a unit of the organising unit's subtree as the tree stood on the mission's first
  day (a 2022 mission reads the 2022 tree);
- a visit is dated inside the mission's dates, at a unit that existed on that day;
- gifts are counts of items with a value in integer đồng;
- the report is issued once, as a numbered document of the organising unit (``report``).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import check_effective, display, today
from congdoan.core.money import total_error
from congdoan.members.models import OfficerPosition
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import DENIED, policy

from . import documents_bridge, selectors
from .models import ContentArea, Finding, Gift, Host, Mission, MissionMember, Programme, Visit
from .permissions import MANAGE
from .reporting import recipients, report_text

PROGRAMME_AUDITED = ["unit", "title", "document", "valid_from", "valid_to"]
PROGRAMME_FIELDS = ("title", "document", "valid_from", "valid_to")
PROGRAMME_CHANGEABLE = (*PROGRAMME_FIELDS, "parties", "areas")
MISSION_AUDITED = ["unit", "title", "plan", "starts_on", "ends_on"]
MISSION_CHANGEABLE = ("title", "plan", "starts_on", "ends_on")
VISIT_AUDITED = ["unit", "on", "note"]
FINDING_AUDITED = ["area", "visit", "results", "shortcomings", "proposals"]
GIFT_AUDITED = ["kind", "description", "count", "unit_value", "visit"]


def _span(mission_or_start, end: dt.date | None = None) -> str:
    start = getattr(mission_or_start, "starts_on", mission_or_start)
    end = getattr(mission_or_start, "ends_on", end)
    return f"{display(start)} – {display(end)}"


def _require_partners(actor, units, on: dt.date, programmes=()) -> None:
    """Units named as parties or destinations must be ones the actor may name (``selectors.
    partner_unit_q``, on the date or today) or parties of the mission's programmes; any other is unknown
    to them (404)."""
    ids = {u.pk for u in units}
    partners = selectors.partner_unit_q(actor=actor, on=on) | selectors.partner_unit_q(
        actor=actor, on=today()
    )
    known = set(Unit.objects.filter(partners, pk__in=ids).values_list("pk", flat=True))
    known |= set(
        Programme.parties.through.objects.filter(programme__in=programmes, unit_id__in=ids).values_list(
            "unit_id", flat=True
        )
    )
    if ids - known:
        raise Http404


def _require_manage_of(actor, obj, unit_id: int, on: dt.date, visible) -> None:
    """``plans.manage`` over ``unit_id``, today and on ``on``. Who sees ``obj`` through ``visible``
    (the actor's selector) without it gets 403; anyone else 404."""
    if policy.can_dated(actor, MANAGE, unit_id, on):
        return
    if visible.filter(pk=obj.pk).exists():
        raise PermissionDenied(DENIED)
    policy.require_dated(actor, MANAGE, unit_id, on)


def require_manage(actor, mission: Mission) -> None:
    """``plans.manage`` over the organising unit, today and on the mission's first day. Who sees the
    mission without it (a unit visited, a member) gets 403; anyone else 404."""
    _require_manage_of(
        actor, mission, mission.unit_id, mission.starts_on, selectors.mission_search(actor=actor)
    )


def require_programme_manage(actor, programme: Programme) -> None:
    """``plans.manage`` over the recording unit, today and on the programme's first day. A party's
    officer who sees the programme without it gets 403; anyone else 404."""
    _require_manage_of(
        actor, programme, programme.unit_id, programme.valid_from, selectors.programme_search(actor=actor)
    )


def _check_document(document, field: str, errors: dict, label: str, kind: str | None = None) -> None:
    reason = documents_bridge.unusable(document, kind)
    if reason:
        errors[field] = _("%(label)s: %(reason)s") % {"label": label, "reason": reason}


# -- programmes ----------------------------------------------------------------------------------


def _check_programme(
    errors: dict, unit: Unit, title: str, parties: list[Unit], areas: list[ContentArea], valid_from, valid_to
) -> dict[int, Unit]:
    """The rules of a programme's fields (the signing document aside); returns its parties by id, the
    recording unit among them."""
    if not title.strip():
        errors["title"] = _("Tên chương trình: chưa nhập.")
    units = {u.pk: u for u in [unit, *parties]}
    if len(units) < 2:
        errors["parties"] = _("Các bên phối hợp: cần ít nhất hai đơn vị.")
    else:
        missing = [u for u in units.values() if not u.exists_on(valid_from)]
        if missing:
            errors["parties"] = _("Các bên phối hợp: %(names)s không tồn tại vào ngày %(d)s.") % {
                "names": ", ".join(map(str, missing)),
                "d": display(valid_from),
            }
    if not areas:
        errors["areas"] = _("Nội dung phối hợp: chọn ít nhất một nội dung.")
    if valid_to is not None and valid_to <= valid_from:
        errors["valid_to"] = _("Đến ngày: phải sau ngày bắt đầu (%(d)s).") % {"d": display(valid_from)}
    return units


def _programme_state(programme: Programme, parties, areas) -> dict:
    """What the audit log keeps of a programme: its fields, its parties' and areas' names."""
    return {
        **audit.snapshot(programme, PROGRAMME_AUDITED),
        "parties": sorted(audit.stored_name(u) for u in parties),
        "areas": sorted(audit.stored_name(a) for a in areas),
    }


def _record_programme(actor, action: str, programme: Programme, parties, areas, before=None) -> None:
    after = _programme_state(programme, parties, areas)
    audit.record(
        actor=actor, action=action, obj=programme, unit_id=programme.unit_id, before=before, after=after
    )


@transaction.atomic
def programme_create(
    *,
    actor,
    unit: Unit,
    title: str,
    document,
    parties: list[Unit],
    areas: list[ContentArea],
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> Programme:
    """Chương trình phối hợp recorded by ``unit`` (one of the ``parties``)."""
    check_effective(valid_from, field="valid_from")
    policy.require_dated(actor, MANAGE, unit, valid_from)
    _require_partners(actor, parties, valid_from)
    errors: dict[str, str] = {}
    _check_document(document, "document", errors, _("Văn bản ký kết"))
    units = _check_programme(errors, unit, title, parties, areas, valid_from, valid_to)
    if errors:
        raise ValidationError(errors)
    programme = Programme.objects.create(
        unit=unit, title=title, document=document, valid_from=valid_from, valid_to=valid_to
    )
    programme.parties.set(units.values())
    programme.areas.set(areas)
    _record_programme(actor, "programme.create", programme, units.values(), areas)
    documents_bridge.link(document, programme, "signing")
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, **changes) -> Programme:
    """Change a programme's title, signing document, parties, content areas or period, under the rules
    of ``programme_create``; the recording unit stays. Parties added must be ones the actor may name."""
    unknown = set(changes) - set(PROGRAMME_CHANGEABLE)
    if unknown:
        raise ValueError(f"unknown programme fields: {sorted(unknown)}")
    require_programme_manage(actor, programme)
    old_parties, old_areas = list(programme.parties.all()), list(programme.areas.all())
    new = {name: getattr(programme, name) for name in PROGRAMME_FIELDS}
    new = {**new, "parties": old_parties, "areas": old_areas, **changes}
    new["parties"], new["areas"] = list(new["parties"]), list(new["areas"])
    check_effective(new["valid_from"], field="valid_from")
    policy.require_dated(actor, MANAGE, programme.unit, new["valid_from"])
    known = {u.pk for u in old_parties}
    _require_partners(actor, [u for u in new["parties"] if u.pk not in known], new["valid_from"])
    errors: dict[str, str] = {}
    if new["document"] != programme.document:
        _check_document(new["document"], "document", errors, _("Văn bản ký kết"))
    units = _check_programme(
        errors, programme.unit, *(new[k] for k in ("title", "parties", "areas", "valid_from", "valid_to"))
    )
    if errors:
        raise ValidationError(errors)
    old_document = programme.document
    before = _programme_state(programme, old_parties, old_areas)
    for name in PROGRAMME_FIELDS:
        setattr(programme, name, new[name])
    programme.save(update_fields=list(PROGRAMME_FIELDS))
    programme.parties.set(units.values())
    programme.areas.set(new["areas"])
    _record_programme(actor, "programme.update", programme, units.values(), new["areas"], before)
    if programme.document != old_document:
        documents_bridge.relink(old_document, programme.document, programme, "signing")
    return programme


# -- missions ------------------------------------------------------------------------------------


def _officer_error(position: OfficerPosition, unit: Unit, starts_on: dt.date, ends_on: dt.date) -> str | None:
    """Why ``position`` does not make its holder an officer of ``unit``'s subtree over the mission."""
    held = position.valid_from <= starts_on and (position.valid_to is None or position.valid_to > ends_on)
    paths = dict(
        UnitVersion.objects.active(starts_on)
        .filter(unit_id__in=[unit.pk, position.unit_id])
        .values_list("unit_id", "path")
    )
    top, own = paths.get(unit.pk), paths.get(position.unit_id)
    if held and top and own and own.startswith(top):
        return None
    return _(
        "%(name)s không phải cán bộ công đoàn của %(unit)s hoặc đơn vị trực thuộc trong thời gian của đoàn "
        "(%(span)s)."
    ) % {"name": position.person, "unit": unit, "span": _span(starts_on, ends_on)}


def _check_members(unit, starts_on, ends_on, head, members, errors: dict) -> None:
    if head is None:
        errors["head"] = _("Trưởng đoàn: chưa chọn.")
    else:
        problem = _officer_error(head, unit, starts_on, ends_on)
        if problem:
            errors["head"] = _("Trưởng đoàn: %(problem)s") % {"problem": problem}
    problems = [p for p in (_officer_error(m, unit, starts_on, ends_on) for m in members) if p]
    if problems:
        errors["members"] = _("Thành viên đoàn: %(problems)s") % {"problems": " ".join(problems)}


def _check_dates(unit: Unit, starts_on: dt.date, ends_on: dt.date, errors: dict) -> None:
    if ends_on < starts_on:
        errors["ends_on"] = _("Đến ngày: không thể trước ngày bắt đầu (%(d)s).") % {"d": display(starts_on)}
    elif not unit.exists_on(starts_on):
        errors["unit"] = _("Đơn vị tổ chức: %(unit)s không tồn tại vào ngày %(d)s.") % {
            "unit": unit,
            "d": display(starts_on),
        }


@transaction.atomic
def mission_create(
    *,
    actor,
    unit: Unit,
    title: str,
    plan,
    starts_on: dt.date,
    ends_on: dt.date,
    head: OfficerPosition | None,
    members: list[OfficerPosition] = (),
    programmes: list[Programme] = (),
    accounts: dict[int, object] | None = None,
) -> Mission:
    """Đoàn khảo sát of ``unit`` under ``plan``; ``accounts`` maps a position id to the member's login."""
    check_effective(starts_on, field="starts_on")
    check_effective(ends_on, field="ends_on")
    policy.require_dated(actor, MANAGE, unit, starts_on)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Tên đoàn, nội dung khảo sát: chưa nhập.")
    _check_document(plan, "plan", errors, _("Kế hoạch"), documents_bridge.PLAN_KIND)
    _check_dates(unit, starts_on, ends_on, errors)
    members = [m for m in members if head is None or m.pk != head.pk]
    if "ends_on" not in errors:
        _check_members(unit, starts_on, ends_on, head, members, errors)
    if errors:
        raise ValidationError(errors)
    mission = Mission.objects.create(unit=unit, title=title, plan=plan, starts_on=starts_on, ends_on=ends_on)
    mission.programmes.set(programmes)
    accounts = accounts or {}
    for position, is_head in [(head, True), *((m, False) for m in dict.fromkeys(members))]:
        MissionMember.objects.create(
            mission=mission, position=position, is_head=is_head, account=accounts.get(position.pk)
        )
    audit.record_created(
        actor=actor,
        action="mission.create",
        obj=mission,
        unit_id=unit.pk,
        fields=MISSION_AUDITED,
        extra={
            "head": audit.stored_name(head),
            "members": [audit.stored_name(m) for m in members],
            "programmes": [audit.stored_name(p) for p in programmes],
        },
    )
    documents_bridge.link(plan, mission, "plan")
    return mission


@transaction.atomic
def mission_update(*, actor, mission: Mission, **changes) -> Mission:
    """Change the title, plan or dates; the members and visits must still fit the new dates."""
    unknown = set(changes) - set(MISSION_CHANGEABLE)
    if unknown:
        raise ValueError(f"unknown mission fields: {sorted(unknown)}")
    require_manage(actor, mission)
    new = {name: changes.get(name, getattr(mission, name)) for name in MISSION_CHANGEABLE}
    check_effective(new["starts_on"], field="starts_on")
    check_effective(new["ends_on"], field="ends_on")
    policy.require_dated(actor, MANAGE, mission.unit, new["starts_on"])
    errors: dict[str, str] = {}
    if not new["title"].strip():
        errors["title"] = _("Tên đoàn, nội dung khảo sát: chưa nhập.")
    if new["plan"] != mission.plan:
        _check_document(new["plan"], "plan", errors, _("Kế hoạch"), documents_bridge.PLAN_KIND)
    _check_dates(mission.unit, new["starts_on"], new["ends_on"], errors)
    if not errors:
        team = list(mission.members.select_related("position__person"))
        head = next((m.position for m in team if m.is_head), None)
        _check_members(
            mission.unit,
            new["starts_on"],
            new["ends_on"],
            head,
            [m.position for m in team if not m.is_head],
            errors,
        )
        outside = [v for v in mission.visits.all() if not new["starts_on"] <= v.on <= new["ends_on"]]
        if outside:
            errors["starts_on"] = _(
                "Từ ngày, đến ngày: các buổi làm việc ngày %(days)s sẽ nằm ngoài thời gian của đoàn."
            ) % {"days": ", ".join(display(v.on) for v in outside)}
    if errors:
        raise ValidationError(errors)
    audit.record_change(
        actor=actor, action="mission.update", obj=mission, unit_id=mission.unit_id, changes=new
    )
    return mission


@transaction.atomic
def mission_member_add(*, actor, mission: Mission, position: OfficerPosition, account=None) -> MissionMember:
    require_manage(actor, mission)
    problem = _officer_error(position, mission.unit, mission.starts_on, mission.ends_on)
    if problem:
        raise ValidationError({"position": _("Thành viên đoàn: %(problem)s") % {"problem": problem}})
    if mission.members.filter(position=position).exists():
        raise ValidationError(
            {"position": _("Thành viên đoàn: %(name)s đã có trong đoàn.") % {"name": position.person}}
        )
    member = MissionMember.objects.create(mission=mission, position=position, account=account)
    audit.record_created(
        actor=actor,
        action="mission.member_add",
        obj=mission,
        unit_id=mission.unit_id,
        fields=[],
        extra={"position": audit.stored_name(position), "account": getattr(account, "pk", None)},
    )
    return member


@transaction.atomic
def visit_add(
    *,
    actor,
    mission: Mission,
    unit: Unit,
    on: dt.date,
    hosts: list[tuple[str, str, str]] = (),
    note: str = "",
) -> Visit:
    """A working session at ``unit`` on ``on``; ``hosts``: (name, position, unit) of who received it."""
    require_manage(actor, mission)
    _require_partners(actor, [unit], mission.starts_on, mission.programmes.all())
    errors: dict[str, str] = {}
    if not mission.starts_on <= on <= mission.ends_on:
        errors["on"] = _("Ngày làm việc: %(d)s nằm ngoài thời gian của đoàn (%(span)s).") % {
            "d": display(on),
            "span": _span(mission),
        }
    if not unit.exists_on(on):
        errors["unit"] = _("Đơn vị đến làm việc: %(unit)s không tồn tại vào ngày %(d)s.") % {
            "unit": unit,
            "d": display(on),
        }
    rows = [tuple(part.strip() for part in host) for host in hosts]
    if any(not name for name, *_rest in rows):
        errors["hosts"] = _("Người đón tiếp: mỗi người cần có họ và tên.")
    if errors:
        raise ValidationError(errors)
    visit = _add_part(
        actor,
        Visit(mission=mission, unit=unit, on=on, note=note),
        "mission.visit_add",
        VISIT_AUDITED,
        {"hosts": [" — ".join(filter(None, r)) for r in rows]},
    )
    Host.objects.bulk_create(
        [
            Host(visit=visit, full_name=name, position=position, unit_name=where)
            for name, position, where in rows
        ]
    )
    return visit


def _add_part(actor, part, action: str, audited: list[str], extra: dict | None = None):
    """Save a part of a mission (a visit, a finding, a gift) and audit it on the mission."""
    part.save()
    audit.record_created(
        actor=actor,
        action=action,
        obj=part.mission,
        unit_id=part.mission.unit_id,
        fields=[],
        extra={**audit.snapshot(part, audited), **(extra or {})},
    )
    return part


def _visit_of(mission: Mission, visit: Visit | None) -> None:
    if visit is not None and visit.mission_id != mission.pk:
        raise ValidationError({"visit": _("Buổi làm việc: không thuộc đoàn khảo sát này.")})


@transaction.atomic
def finding_add(
    *,
    actor,
    mission: Mission,
    area: ContentArea,
    results: str = "",
    shortcomings: str = "",
    proposals: str = "",
    visit: Visit | None = None,
) -> Finding:
    require_manage(actor, mission)
    _visit_of(mission, visit)
    if not (results.strip() or shortcomings.strip() or proposals.strip()):
        raise ValidationError({"results": _("Kết quả: nhập ít nhất một trong kết quả, hạn chế, đề xuất.")})
    return _add_part(
        actor,
        Finding(
            mission=mission,
            area=area,
            visit=visit,
            results=results,
            shortcomings=shortcomings,
            proposals=proposals,
        ),
        "mission.finding_add",
        FINDING_AUDITED,
    )


@transaction.atomic
def gift_add(
    *,
    actor,
    mission: Mission,
    kind: str,
    count: int,
    unit_value: int,
    description: str = "",
    visit: Visit | None = None,
) -> Gift:
    """Gifts or support given during the mission: ``count`` items worth ``unit_value`` đồng each."""
    require_manage(actor, mission)
    _visit_of(mission, visit)
    errors: dict[str, str] = {}
    if kind not in Gift.Kind.values:
        errors["kind"] = _("Loại quà, hỗ trợ: không hợp lệ.")
    if not isinstance(count, int) or count < 1:
        errors["count"] = _("Số lượng: phải là số nguyên từ 1 trở lên.")
    if not isinstance(unit_value, int) or unit_value < 0:
        errors["unit_value"] = _("Trị giá mỗi suất: phải là số đồng nguyên, không âm.")
    elif isinstance(count, int) and (too_large := total_error(count, unit_value)):
        errors["unit_value"] = too_large
    if errors:
        raise ValidationError(errors)
    return _add_part(
        actor,
        Gift(
            mission=mission,
            visit=visit,
            kind=kind,
            count=count,
            unit_value=unit_value,
            description=description,
        ),
        "mission.gift_add",
        GIFT_AUDITED,
    )


@transaction.atomic
def report_issue(
    *,
    actor,
    mission: Mission,
    signed_on: dt.date,
    signer_name: str,
    signer_position: str,
    place: str = "",
    number: int | None = None,
) -> Mission:
    """Issue the mission's report (báo cáo) as a numbered document of the organising unit, its body
    written from the recorded visits, findings and gifts. ``number``: a report issued on paper before
    the system, recorded with the number it carries.

    The issue-once rule of reports (``documents.issuing``, as ``reports.services.report_issue``): one
    report per mission, frozen as the document's body. While it stands a second issue is refused
    (``AlreadyIssued``, 422 naming it); once it is cancelled in the register an issue replaces it:
    the new document names the cancelled one, ``mission.report`` passes to it (audited before and
    after) and both stay linked to the mission in the register."""
    Mission.objects.select_for_update().filter(pk=mission.pk).first()  # two officers issuing at once
    mission.refresh_from_db(fields=["report"])
    require_manage(actor, mission)
    current = mission.report
    if documents_bridge.in_force(current):
        raise documents_bridge.AlreadyIssued(current)
    errors: dict[str, str] = {}
    if signed_on < mission.ends_on:
        errors["signed_on"] = _("Ngày ký: báo cáo ký sau khi đoàn kết thúc (%(d)s).") % {
            "d": display(mission.ends_on)
        }
    elif signed_on > today():
        errors["signed_on"] = _("Ngày ký: không thể sau hôm nay.")
    elif current is not None and signed_on < current.signed_on:
        errors["signed_on"] = _("Ngày ký: báo cáo thay thế không thể ký trước báo cáo đã hủy (%(d)s).") % {
            "d": display(current.signed_on)
        }
    if not mission.findings.exists():
        errors["report"] = _("Báo cáo: chưa ghi kết quả khảo sát nào.")
    if errors:
        raise ValidationError(errors)
    with translation.override(
        settings.LANGUAGE_CODE
    ):  # a document is written in Vietnamese whoever issues it
        title = _("Báo cáo kết quả %(title)s") % {"title": mission.title[:1].lower() + mission.title[1:]}
        body, sent_to = report_text(mission), recipients(mission)
    report = documents_bridge.issue_report(
        actor=actor,
        unit=mission.unit,
        title=title,
        body=body,
        recipients=sent_to,
        signed_on=signed_on,
        signer_name=signer_name,
        signer_position=signer_position,
        place=place,
        number=number,
        current=current,
    )
    audit.record_change(
        actor=actor,
        action="mission.report_issue",
        obj=mission,
        unit_id=mission.unit_id,
        changes={"report": report},
    )
    documents_bridge.link(report, mission, "report")
    return mission
