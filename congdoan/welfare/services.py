"""Writes of the welfare module: ``entity_verb(*, actor, ...)``, one transaction, the policy checked on
the deciding unit (today and on the day of the support), field errors collected and raised once in
Vietnamese, one audit row.

Rules and where they come from:

- an amount is whole đồng above zero, typed as officers write it (``core.money.parse_vnd``: "1.000.000",
  "1 000 000 đ"); a decimal, a negative, zero or an unreadable number is refused naming the field;
- the person supported was a member of a unit of the deciding unit's subtree on the day (the register's
  periods, ``Membership``); someone outside the union is named (``beneficiary_name``) without a person;
- the union's funds are those of the deciding unit or of a unit above it on the day; a fund drive or a
  sponsor is named (the agency or employer need not be); a case paid by a fund drive may name the drive
  (``funds.Drive``): only with the source "fund drive", launched by the deciding unit or a unit above it,
  and not started after the day of the support (its name is the source's name when none is written);
- a case of a programme is decided by its unit or a unit below, within the programme's dates; a person
  already supported in the same programme is refused unless the officer confirms (``confirm_repeat``);
- a gift or house recorded by a survey mission (``plans.Gift``) is linked once, with its own count and
  value: typing other numbers for it is refused.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import display, today
from congdoan.core.models import active_on
from congdoan.core.money import MAX_VND, format_vnd, parse_vnd, total_error
from congdoan.documents import links
from congdoan.documents.models import Document
from congdoan.documents.models import Status as DocumentStatus
from congdoan.members.models import Membership, Person
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import policy
from congdoan.organizations.selectors import subtree_units

from .models import (
    HOUSE_KIND,
    GiftItem,
    House,
    HouseKind,
    Programme,
    ProgrammeKind,
    Source,
    SupportCase,
    SupportKind,
)
from .permissions import MANAGE

DECISION = "quyet-dinh"  # the role of a case's decision among a document's links

PROGRAMME_FIELDS = ["unit", "kind", "title", "starts_on", "ends_on", "mission", "note"]
CASE_FIELDS = [
    "unit",
    "programme",
    "kind",
    "person",
    "beneficiary_name",
    "relation",
    "amount",
    "source",
    "source_unit",
    "source_name",
    "drive",
    "decided_on",
    "survey_gift",
    "note",
]
HOUSE_FIELDS = ["kind", "work", "location", "contributors", "handed_over_on"]
ITEM_FIELDS = [
    "programme",
    "kind",
    "description",
    "count",
    "unit_value",
    "given_on",
    "source",
    "source_unit",
    "source_name",
    "survey_gift",
]


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def read_amount(value, field: str, errors: dict, *, label: str | None = None) -> int | None:
    """Whole đồng above zero from ``value`` (an int or text as typed), else an error on ``field``."""
    label = label or _("Số tiền")
    if value is None or value == "":
        errors[field] = _("%(label)s: chưa nhập.") % {"label": label}
        return None
    if isinstance(value, float) and not isinstance(value, bool):
        value = str(value).replace(".", ",")  # a decimal number: refused as one
    try:
        amount = parse_vnd(value)
    except ValidationError as exc:
        errors[field] = _("%(label)s: %(error)s") % {"label": label, "error": exc.messages[0]}
        return None
    if amount < 1:
        errors[field] = _("%(label)s phải lớn hơn 0 đồng.") % {"label": label}
        return None
    if amount > MAX_VND:
        errors[field] = _("%(label)s không được lớn hơn %(limit)s đồng.") % {
            "label": label,
            "limit": format_vnd(MAX_VND),
        }
        return None
    return amount


def _count(value, field: str, errors: dict) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        errors[field] = _("Số suất phải là số nguyên từ 1 trở lên.")
        return None
    return value


def path_on(unit: Unit | int, on: dt.date) -> str | None:
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    return UnitVersion.objects.filter(active_on(on), unit_id=unit_id).values_list("path", flat=True).first()


def member_under(person: Person, unit: Unit, on: dt.date) -> bool:
    """Whether ``person`` was a member of a unit of ``unit``'s subtree on ``on`` (the register's periods)."""
    path = path_on(unit, on)
    if path is None:
        return False
    units = subtree_units(path, on).values("unit_id")
    return Membership.objects.filter(active_on(on), person=person, unit_id__in=units).exists()


def _date(value, field: str, errors: dict, unit: Unit) -> None:
    if value is None:
        errors[field] = _("Chưa nhập ngày.")
    elif value > today():
        errors[field] = _("Ngày %(d)s chưa đến: chỉ ghi hỗ trợ đã trao.") % {"d": display(value)}
    else:
        problem = unit.lifetime_error(value)
        if problem:
            errors[field] = problem


def _source(source: str, source_unit, source_name: str, unit: Unit, on, errors: dict) -> Unit | None:
    """The source checked: the union's funds of ``unit`` or a unit above it (``unit`` when not named);
    a fund drive or a sponsor needs its name."""
    if source not in Source.values:
        errors["source"] = _("Nguồn kinh phí '%(s)s' không có trong danh mục.") % {"s": source}
        return None
    if source != Source.UNION_FUNDS:
        if not source_name and source != Source.EMPLOYER:
            errors["source_name"] = _("Ghi tên quỹ, cuộc vận động hoặc nhà tài trợ.")
        return None
    source_unit = source_unit or unit
    if on is not None and "source" not in errors:
        mine, theirs = path_on(unit, on), path_on(source_unit, on)
        if not (mine and theirs and mine.startswith(theirs)):
            errors["source_unit"] = _(
                "Quỹ công đoàn phải là của đơn vị quyết định hoặc một cấp trên của đơn vị đó."
            )
    return source_unit


def _drive(drive, source: str, unit: Unit, on, errors: dict) -> None:
    """The fund drive a case was paid by: with the source "fund drive", launched by ``unit`` or a unit
    above it on the day ``on``, and started by then (errors on ``drive``)."""
    if source != Source.FUND_DRIVE:
        errors["drive"] = _("Chỉ ghi cuộc vận động chi trả khi nguồn kinh phí là quỹ, cuộc vận động.")
    elif on is not None and on < drive.starts_on:
        errors["drive"] = _("Cuộc vận động “%(n)s” bắt đầu ngày %(d)s, sau ngày hỗ trợ.") % {
            "n": drive.name,
            "d": display(drive.starts_on),
        }
    elif on is not None:
        mine, launcher = path_on(unit, on), path_on(drive.unit_id, on)
        if not (mine and launcher and mine.startswith(launcher)):
            errors["drive"] = _(
                "Cuộc vận động phải do đơn vị quyết định hoặc một cấp trên của đơn vị đó phát động."
            )


def _survey_gift_taken(gift) -> bool:
    return (
        SupportCase.objects.filter(survey_gift=gift).exists()
        or GiftItem.objects.filter(survey_gift=gift).exists()
    )


# -- programmes ------------------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    actor,
    unit: Unit,
    kind: ProgrammeKind,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    mission=None,
    note: str = "",
) -> Programme:
    """A programme of ``unit`` (Tết, 27/7, a survey visit…) that groups cases and gifts; ``mission``: the
    survey mission of ``plans`` it went with (organised by the same unit)."""
    policy.require_dated(actor, MANAGE, unit, starts_on)
    ends_on = ends_on or starts_on
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Chưa nhập tên chương trình.")
    problem = unit.lifetime_error(starts_on)
    if problem:
        errors["starts_on"] = problem
    if ends_on < starts_on:
        errors["ends_on"] = _("Ngày kết thúc (%(e)s) không được trước ngày bắt đầu (%(s)s).") % {
            "e": display(ends_on),
            "s": display(starts_on),
        }
    if mission is not None and mission.unit_id != unit.pk:
        errors["mission"] = _("Đoàn khảo sát phải do chính đơn vị tổ chức chương trình tổ chức.")
    _raise(errors)
    programme = Programme.objects.create(
        unit=unit, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on, mission=mission, note=note
    )
    audit.record(
        actor=actor,
        action="welfare.programme_create",
        obj=programme,
        unit_id=unit.pk,
        after=audit.snapshot(programme, PROGRAMME_FIELDS),
    )
    return programme


@transaction.atomic
def gift_item_add(
    *,
    actor,
    programme: Programme,
    given_on: dt.date,
    source: str,
    kind: SupportKind | None = None,
    description: str = "",
    count: int | None = None,
    unit_value=None,
    source_unit: Unit | None = None,
    source_name: str = "",
    survey_gift=None,
) -> GiftItem:
    """``count`` gifts of ``unit_value`` đồng of ``kind`` (required; not a house, which is recorded with
    its details) given in ``programme``. A gift the programme's survey mission recorded (``survey_gift``)
    is linked with its own count and value."""
    unit = programme.unit
    policy.require_dated(actor, MANAGE, unit, given_on)
    errors: dict[str, str] = {}
    if kind is None:
        errors["kind"] = _("Chọn loại hỗ trợ của quà.")
    elif kind.code == HOUSE_KIND:
        errors["kind"] = _("Hỗ trợ xây, sửa nhà được ghi ở mục Nhà tình nghĩa, nhà tình thương.")
    if survey_gift is not None:
        if programme.mission_id is None or survey_gift.mission_id != programme.mission_id:
            errors["survey_gift"] = _("Quà này không thuộc đoàn khảo sát của chương trình.")
        elif _survey_gift_taken(survey_gift):
            errors["survey_gift"] = _("Quà này của đoàn khảo sát đã được ghi vào công tác chăm lo.")
        else:
            if count not in (None, "") and count != survey_gift.count:
                errors["count"] = _("Đoàn khảo sát đã ghi %(n)s suất: không ghi lại bằng số khác.") % {
                    "n": survey_gift.count
                }
            if unit_value not in (None, ""):
                typed = read_amount(unit_value, "unit_value", errors, label=_("Trị giá mỗi suất"))
                if typed is not None and typed != survey_gift.unit_value:
                    errors["unit_value"] = _(
                        "Đoàn khảo sát đã ghi trị giá mỗi suất %(a)s đồng: không ghi lại bằng số khác."
                    ) % {"a": format_vnd(survey_gift.unit_value)}
            count, unit_value = survey_gift.count, survey_gift.unit_value
            description = description or survey_gift.description or survey_gift.get_kind_display()
    else:
        count = _count(count, "count", errors)
        unit_value = read_amount(unit_value, "unit_value", errors, label=_("Trị giá mỗi suất"))
        if (
            isinstance(count, int)
            and isinstance(unit_value, int)
            and (too_large := total_error(count, unit_value))
        ):
            errors["unit_value"] = too_large
    if not description:
        errors["description"] = _("Ghi quà hoặc khoản hỗ trợ.")
    _date(given_on, "given_on", errors, unit)
    if kind is not None and not {"kind", "given_on"} & set(errors) and (refused := kind.refusal_on(given_on)):
        errors["kind"] = refused
    if (
        given_on is not None
        and "given_on" not in errors
        and not programme.starts_on <= given_on <= programme.ends_on
    ):
        errors["given_on"] = _("Ngày trao phải trong thời gian của chương trình (%(s)s – %(e)s).") % {
            "s": display(programme.starts_on),
            "e": display(programme.ends_on),
        }
    source_unit = _source(
        source, source_unit, source_name, unit, given_on if "given_on" not in errors else None, errors
    )
    _raise(errors)
    item = GiftItem.objects.create(
        programme=programme,
        kind=kind,
        description=description,
        count=count,
        unit_value=unit_value,
        given_on=given_on,
        source=source,
        source_unit=source_unit,
        source_name=source_name,
        survey_gift=survey_gift,
    )
    audit.record(
        actor=actor,
        action="welfare.item_add",
        obj=item,
        unit_id=unit.pk,
        after={**audit.snapshot(item, ITEM_FIELDS), "amount": item.amount},
    )
    return item


# -- support cases ---------------------------------------------------------------------------------


def already_supported(
    programme: Programme | None, person: Person | None, exclude_pk=None
) -> SupportCase | None:
    """The case of ``person`` already recorded in ``programme`` (the warning before saving), or None."""
    if programme is None or person is None:
        return None
    return (
        SupportCase.objects.filter(programme=programme, person=person)
        .exclude(pk=exclude_pk)
        .order_by("decided_on")
        .first()
    )


def _case(
    *,
    actor,
    errors: dict,
    unit: Unit,
    kind: SupportKind,
    amount,
    source: str,
    decided_on: dt.date,
    person: Person | None = None,
    beneficiary_name: str = "",
    relation: str = "",
    source_unit: Unit | None = None,
    source_name: str = "",
    programme: Programme | None = None,
    survey_gift=None,
    drive=None,
    note: str = "",
    confirm_repeat: bool = False,
) -> SupportCase | None:
    """Checks a case (errors into ``errors``) and returns it unsaved. The fields of a support (``unit``
    deciding, ``kind``, ``amount`` in đồng as typed, ``source`` with its ``source_unit`` or ``source_name``,
    ``decided_on``, ``person`` and/or ``beneficiary_name``, ``relation``, ``programme``, ``survey_gift``,
    ``note``) are the keywords of ``case_create`` and ``house_record`` too."""
    policy.require_dated(actor, MANAGE, unit, decided_on)
    if survey_gift is not None:
        if survey_gift.mission.unit_id != unit.pk or (
            programme is not None and programme.mission_id not in (None, survey_gift.mission_id)
        ):
            errors["survey_gift"] = _("Quà, hỗ trợ này không thuộc đoàn khảo sát của đơn vị.")
        elif _survey_gift_taken(survey_gift):
            errors["survey_gift"] = _("Quà, hỗ trợ này của đoàn khảo sát đã được ghi vào công tác chăm lo.")
        elif amount in (None, ""):
            amount = survey_gift.amount
    amount = read_amount(amount, "amount", errors)
    if (
        survey_gift is not None
        and "survey_gift" not in errors
        and amount is not None
        and amount != survey_gift.amount
    ):
        errors["amount"] = _("Đoàn khảo sát đã ghi số tiền %(a)s đồng: không ghi lại bằng số khác.") % {
            "a": format_vnd(survey_gift.amount)
        }
    _date(decided_on, "decided_on", errors, unit)
    on = decided_on if "decided_on" not in errors else None
    if "kind" not in errors and (refused := kind.refusal_on(on)):
        errors["kind"] = refused
    if person is None and not beneficiary_name:
        errors["beneficiary_name"] = _("Chọn đoàn viên hoặc ghi tên người nhận.")
    if person is not None and on is not None and not member_under(person, unit, on):
        errors["person"] = _(
            "%(name)s không phải đoàn viên thuộc phạm vi của đơn vị quyết định vào ngày %(d)s."
        ) % {
            "name": person.full_name,
            "d": display(on),
        }
    if relation and person is None:
        errors["relation"] = _("Quan hệ chỉ ghi khi hỗ trợ người thân của một đoàn viên.")
    if programme is not None and on is not None:
        inside = path_on(unit, on) or ""
        programme_path = path_on(programme.unit_id, on)
        if not programme_path or not inside.startswith(programme_path):
            errors["programme"] = _("Đơn vị quyết định không thuộc đơn vị tổ chức chương trình.")
        elif not programme.starts_on <= on <= programme.ends_on:
            errors["decided_on"] = _("Ngày hỗ trợ phải trong thời gian của chương trình (%(s)s – %(e)s).") % {
                "s": display(programme.starts_on),
                "e": display(programme.ends_on),
            }
    if "person" not in errors and not confirm_repeat:
        earlier = already_supported(programme, person)
        if earlier is not None and relation == earlier.relation:
            errors["person"] = _(
                "%(name)s đã được hỗ trợ trong chương trình này ngày %(d)s (%(a)s đồng). "
                "Đánh dấu “Vẫn ghi” nếu đúng là hỗ trợ thêm."
            ) % {"name": person.full_name, "d": display(earlier.decided_on), "a": format_vnd(earlier.amount)}
    if drive is not None:
        _drive(drive, source, unit, on, errors)
        source_name = source_name or drive.name
    source_unit = _source(source, source_unit, source_name, unit, on, errors)
    if errors:
        return None
    return SupportCase(
        unit=unit,
        programme=programme,
        kind=kind,
        person=person,
        beneficiary_name=beneficiary_name or (person.full_name if person and not relation else ""),
        relation=relation,
        amount=amount,
        source=source,
        source_unit=source_unit,
        source_name=source_name,
        drive=drive,
        decided_on=decided_on,
        survey_gift=survey_gift,
        note=note,
    )


@transaction.atomic
def case_create(*, actor, kind: SupportKind, **support) -> SupportCase:
    """Support of ``kind`` (the keywords of ``_case``; see the module's rules). A house goes through
    ``house_record``."""
    errors: dict[str, str] = {}
    if kind.code == HOUSE_KIND:
        errors["kind"] = _("Hỗ trợ xây, sửa nhà được ghi ở mục Nhà tình nghĩa, nhà tình thương.")
    case = _case(actor=actor, errors=errors, kind=kind, **support)
    _raise(errors)
    case.save()
    audit.record(
        actor=actor,
        action="welfare.case_create",
        obj=case,
        unit_id=case.unit_id,
        after=audit.snapshot(case, CASE_FIELDS),
    )
    return case


@transaction.atomic
def house_record(
    *,
    actor,
    house_kind: HouseKind,
    work: str,
    location: str,
    contributors: str = "",
    handed_over_on: dt.date | None = None,
    **support,
) -> SupportCase:
    """A house built or repaired with the union's support: for a member (``person``) or a household
    outside the union (``beneficiary_name``); a support case of the kind ``nha-o`` (the other keywords
    are ``_case``'s) with its details."""
    errors: dict[str, str] = {}
    if work not in House.Work.values:
        errors["work"] = _("Chọn xây mới hoặc sửa chữa.")
    if not location:
        errors["location"] = _("Chưa ghi địa điểm.")
    decided_on = support.get("decided_on")
    if handed_over_on is not None and decided_on is not None and handed_over_on < decided_on:
        errors["handed_over_on"] = _("Ngày bàn giao không được trước ngày hỗ trợ.")
    kind = SupportKind.objects.get(code=HOUSE_KIND)
    case = _case(actor=actor, errors=errors, kind=kind, confirm_repeat=True, **support)
    if "decided_on" not in errors and (refused := house_kind.refusal_on(decided_on)):
        errors["house_kind"] = refused
    _raise(errors)
    case.save()
    house = House.objects.create(
        case=case,
        kind=house_kind,
        work=work,
        location=location,
        contributors=contributors,
        handed_over_on=handed_over_on,
    )
    house_fields = {f"house_{k}": v for k, v in audit.snapshot(house, HOUSE_FIELDS).items()}
    audit.record(
        actor=actor,
        action="welfare.house_record",
        obj=case,
        unit_id=case.unit_id,
        after={**audit.snapshot(case, CASE_FIELDS), **house_fields},
    )
    return case


@transaction.atomic
def case_link_document(*, actor, case: SupportCase, document: Document) -> Document:
    """Link the numbered decision, an issued document of the deciding unit, to the case (the page offers
    only those; the API may name any document the actor sees): 422 on ``document`` otherwise."""
    policy.require(actor, MANAGE, case.unit_id)
    if document.status != DocumentStatus.ISSUED:
        raise ValidationError({"document": _("Chỉ gắn văn bản đã ban hành (đã có số).")})
    if document.unit_id != case.unit_id:
        raise ValidationError({"document": _("Chỉ gắn văn bản của đơn vị quyết định hỗ trợ.")})
    links.link(document=document, obj=case, role=DECISION)
    audit.record(
        actor=actor,
        action="welfare.document_link",
        obj=case,
        unit_id=case.unit_id,
        after={"document": document.pk, "number": document.number_symbol},
    )
    return document
