"""Writes to the organisation tree. Each service: one transaction, permission checked, audited.

Every change takes effect on a date ``on`` and keeps history: the current version is closed
the day before and a new one opened, so the tree as of any earlier date reads as it did.
Changes are appended to history: a change dated before the unit's latest change is refused.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import check_effective, display
from congdoan.core.numbers import format_number
from congdoan.core.text import clean_identifier, clean_line, clean_text

from .models import RoleAssignment, Unit, UnitKind, UnitVersion, path_segment
from .permissions import UNITS_MANAGE, UNITS_VIEW, policy, require_restructure
from .signals import subtree_moved, unit_dissolving, units_closing, units_merged

VERSION_FIELDS = ["name", "short_name", "kind", "address", "parent", "guidance_parent", "path", "depth"]
EDITABLE_FIELDS = ("name", "short_name", "kind", "address")


def _unit_audit(*, actor, action: str, unit: Unit, before: dict, after: dict) -> None:
    audit.record(actor=actor, action=action, obj=unit, unit_id=unit.pk, before=before, after=after)


def _state(unit: Unit, version: UnitVersion | None) -> dict:
    """What the audit shows of a unit: its identity fields and its version on the change date."""
    data = audit.snapshot(unit, ["code", "valid_from", "valid_to", "end_reason", "successor", "note"])
    if version is not None:
        data.update(audit.snapshot(version, VERSION_FIELDS))
    return data


def _version_on(unit: Unit, on: dt.date, *, field: str = "on", actor=None) -> UnitVersion:
    """The unit's version on ``on``; a date outside its lifetime (or the horizon) is refused.

    With ``actor``, a unit they cannot see today is not found (404) before any message names it
    (issue 8: a move or dissolution dated before a unit outside the scope existed answered with
    its name and founding date)."""
    if actor is not None:
        policy.require(actor, UNITS_VIEW, unit)
    check_effective(on, field=field)
    version = unit.version_on(on)
    if version is None and unit.lifetime_error(on):
        raise ValidationError({field: unit.lifetime_error(on)})
    if version is None:
        raise ValidationError(
            {
                field: _("Đơn vị %(unit)s không có hiệu lực vào ngày %(on)s.")
                % {"unit": unit, "on": display(on)}
            }
        )
    return version


def _check_after_last_change(units: list[Unit], on: dt.date, *, field: str = "on") -> None:
    """History is appended, never rewritten: no change may be dated before a later recorded one."""
    for unit in units:
        last = unit.versions.order_by("-valid_from").values_list("valid_from", flat=True).first()
        if last is not None and on < last:
            raise ValidationError(
                {
                    field: _(
                        "Đơn vị %(unit)s đã có thay đổi từ ngày %(last)s; ngày hiệu lực phải từ ngày đó trở đi."
                    )
                    % {"unit": unit, "last": display(last)}
                }
            )


def _reopen(version: UnitVersion, on: dt.date, **changes) -> UnitVersion:
    """Close ``version`` at ``on`` and open a copy with ``changes``; same-day changes edit in place."""
    if version.valid_from == on:
        for key, value in changes.items():
            setattr(version, key, value)
        version.save()
        return version
    end = version.valid_to
    version.valid_to = on
    version.save(update_fields=["valid_to"])
    new = UnitVersion(
        unit_id=version.unit_id,
        valid_from=on,
        valid_to=end,
        **{f: getattr(version, f) for f in VERSION_FIELDS},
    )
    for key, value in changes.items():
        setattr(new, key, value)
    new.save()
    return new


def _relocate(version: UnitVersion, new_parent: UnitVersion, on: dt.date) -> UnitVersion:
    """Move a unit and its whole subtree under ``new_parent`` from ``on``: paths are rewritten."""
    old_path = version.path
    new_path = new_parent.path + path_segment(version.unit_id)
    shift = new_parent.depth + 1 - version.depth
    if new_parent.path.startswith(old_path):
        raise ValidationError(
            {"parent": _("Không thể chuyển đơn vị vào chính nó hoặc một đơn vị trực thuộc của nó.")}
        )
    later = (
        UnitVersion.objects.filter(path__startswith=old_path, valid_from__gt=on)
        .exclude(unit_id=version.unit_id)
        .select_related("unit")
        .first()
    )
    if later is not None:
        raise ValidationError(
            {
                "on": _(
                    "Đơn vị trực thuộc %(unit)s đã có thay đổi từ ngày %(last)s; hãy chọn ngày từ đó trở đi."
                )
                % {"unit": later.name, "last": display(later.valid_from)}
            }
        )
    parent_moves = (
        UnitVersion.objects.filter(unit_id=new_parent.unit_id, valid_from__gt=on)
        .exclude(path=new_parent.path)
        .first()
    )
    if parent_moves is not None:
        # The subtree would keep a path under the parent's old place after the parent moved.
        raise ValidationError(
            {
                "on": _(
                    "Đơn vị cấp trên mới đã đổi vị trí trong cơ cấu từ ngày %(d)s; hãy chọn ngày từ đó trở đi."
                )
                % {"d": display(parent_moves.valid_from)}
            }
        )
    moved = _reopen(version, on, parent_id=new_parent.unit_id, path=new_path, depth=new_parent.depth + 1)
    descendants = list(
        UnitVersion.objects.active(on).filter(path__startswith=old_path).exclude(unit_id=version.unit_id)
    )
    in_place, closed, opened = [], [], []
    for d in descendants:
        rewritten = new_path + d.path[len(old_path) :]
        if d.valid_from == on:
            d.path, d.depth = rewritten, d.depth + shift
            in_place.append(d)
            continue
        opened.append(
            UnitVersion(
                unit_id=d.unit_id,
                valid_from=on,
                valid_to=d.valid_to,
                name_folded=d.name_folded,
                sort_key=d.sort_key,
                **{f: getattr(d, f) for f in VERSION_FIELDS if f not in ("path", "depth")},
                path=rewritten,
                depth=d.depth + shift,
            )
        )
        d.valid_to = on
        closed.append(d)
    UnitVersion.objects.bulk_update(in_place, ["path", "depth"], batch_size=500)
    UnitVersion.objects.bulk_update(closed, ["valid_to"], batch_size=500)
    UnitVersion.objects.bulk_create(opened, batch_size=500)
    subtree_moved.send(sender=Unit, old_path=old_path, new_path=new_path, on=on)
    return moved


def _placements(parent: Unit | None, start: dt.date) -> list[tuple[dt.date, dt.date | None, str, int]]:
    """Where a child of ``parent`` sits from ``start`` on: ``(from, to, parent path, child depth)``
    for each stretch over which the parent's path stays the same (a move of the parent opens a new
    stretch). The top of the tree has one stretch with an empty prefix."""
    if parent is None:
        return [(start, None, "", 0)]
    stretches: list[list] = []
    for v in parent.versions.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start)).order_by("valid_from"):
        begin = max(v.valid_from, start)
        if stretches and stretches[-1][2] == v.path and stretches[-1][1] == begin:
            stretches[-1][1] = v.valid_to
        else:
            stretches.append([begin, v.valid_to, v.path, v.depth + 1])
    return [tuple(s) for s in stretches]


def _clean_text(
    value: str | None, field: str, *, required: bool = True, max_length: int = 255, clean=clean_line
) -> str:
    """``value`` as stored (``clean``, a ``core.text`` function), refused by field if required and
    empty (a zero-width space is nothing) or longer than ``max_length``."""
    value = clean(value or "")
    if required and not value:
        raise ValidationError({field: _("Trường này là bắt buộc.")})
    if len(value) > max_length:
        raise ValidationError({field: _("Tối đa %(n)s ký tự.") % {"n": max_length}})
    return value


@transaction.atomic
def unit_create(
    *,
    actor,
    code: str,
    name: str,
    kind: UnitKind,
    parent: Unit | None,
    valid_from: dt.date,
    short_name: str = "",
    address: str = "",
    guidance_parent: Unit | None = None,
    note: str = "",
) -> Unit:
    """A new unit under ``parent`` from ``valid_from``. Dated in the past, it follows every later
    move of its parent (one version per path the parent had), so its path never disagrees with its
    parent's on any date; a parent that has since closed takes no new unit."""
    code = _clean_text(code, "code", max_length=32, clean=clean_identifier)
    name = _clean_text(name, "name")
    check_effective(valid_from, field="valid_from")
    if parent is None:
        if not policy.is_unrestricted(actor):
            raise ValidationError({"parent": _("Hãy chọn đơn vị cấp trên.")})
    else:
        policy.require_dated(actor, UNITS_MANAGE, parent, valid_from)
        _version_on(parent, valid_from, field="parent")
        if parent.valid_to is not None:
            raise ValidationError(
                {"parent": _("Đơn vị cấp trên đã chấm dứt từ ngày %(d)s.") % {"d": display(parent.valid_to)}}
            )
    if Unit.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Mã đơn vị '%(code)s' đã được dùng.") % {"code": code}})
    if guidance_parent is not None:
        policy.require_dated(actor, UNITS_VIEW, guidance_parent, valid_from)
        _version_on(guidance_parent, valid_from, field="guidance_parent")
    unit = Unit.objects.create(code=code, valid_from=valid_from, note=clean_text(note))
    fields = {
        "name": name,
        "short_name": clean_line(short_name),
        "kind": kind,
        "address": clean_line(address),
        "parent": parent,
        "guidance_parent": guidance_parent,
    }
    versions = [
        UnitVersion(
            unit=unit,
            valid_from=start,
            valid_to=end,
            path=path + path_segment(unit.pk),
            depth=depth,
            **fields,
        )
        for start, end, path, depth in _placements(parent, valid_from)
    ]
    for v in versions:
        v.save()
    version = versions[0]
    _unit_audit(actor=actor, action="unit.create", unit=unit, before={}, after=_state(unit, version))
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, on: dt.date, **changes) -> UnitVersion:
    """Rename or re-describe a unit from ``on`` (name, short name, kind, address)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    policy.require_dated(actor, UNITS_MANAGE, unit, on)
    version = _version_on(unit, on)
    _check_after_last_change([unit], on)
    if "name" in changes:
        changes["name"] = _clean_text(changes["name"], "name")
    for field in ("short_name", "address"):
        if field in changes:
            changes[field] = _clean_text(changes[field], field, required=False)
    changes = {k: v for k, v in changes.items() if getattr(version, k) != v}
    if not changes:
        raise ValidationError(_("Không có thay đổi nào để lưu."))
    before = _state(unit, version)
    new = _reopen(version, on, **changes)
    _unit_audit(actor=actor, action="unit.update", unit=unit, before=before, after=_state(unit, new))
    return new


@transaction.atomic
def unit_move(*, actor, unit: Unit, new_parent: Unit, on: dt.date) -> UnitVersion:
    version = _version_on(unit, on, actor=actor)
    require_restructure(actor, version, on)
    policy.require_dated(actor, UNITS_MANAGE, new_parent, on)
    if new_parent.pk == version.parent_id:
        raise ValidationError({"parent": _("Đơn vị đã trực thuộc đơn vị này.")})
    parent_version = _version_on(new_parent, on, field="parent")
    _check_after_last_change([unit], on)
    before = _state(unit, version)
    moved = _relocate(version, parent_version, on)
    _unit_audit(actor=actor, action="unit.move", unit=unit, before=before, after=_state(unit, moved))
    return moved


@transaction.atomic
def unit_set_guidance(*, actor, unit: Unit, guidance_parent: Unit | None, on: dt.date) -> UnitVersion:
    """Set or clear the professional-guidance link (e.g. CĐVC tỉnh guided by CĐVC Việt Nam)."""
    policy.require_dated(actor, UNITS_MANAGE, unit, on)
    version = _version_on(unit, on)
    _check_after_last_change([unit], on)
    if guidance_parent is not None:
        policy.require_dated(actor, UNITS_VIEW, guidance_parent, on)
        if guidance_parent.pk == unit.pk:
            raise ValidationError({"guidance_parent": _("Một đơn vị không thể tự chỉ đạo chính nó.")})
        _version_on(guidance_parent, on, field="guidance_parent")
    new_id = guidance_parent.pk if guidance_parent else None
    if new_id == version.guidance_parent_id:
        raise ValidationError({"guidance_parent": _("Không có thay đổi nào để lưu.")})
    before = _state(unit, version)
    new = _reopen(version, on, guidance_parent_id=new_id)
    _unit_audit(actor=actor, action="unit.set_guidance", unit=unit, before=before, after=_state(unit, new))
    return new


def _close_unit(unit: Unit, version: UnitVersion, on: dt.date, reason: str, successor: Unit | None) -> None:
    if on == version.valid_from and unit.valid_from < on:
        # A version opened on the closing day (e.g. by a move in the same merger) never held:
        # drop it; the version before it already ends that day.
        version.delete()
    elif on <= version.valid_from:
        raise ValidationError(
            {
                "on": _("Ngày chấm dứt phải sau ngày bắt đầu hiệu lực (%(d)s).")
                % {"d": display(version.valid_from)}
            }
        )
    else:
        version.valid_to = on
        version.save(update_fields=["valid_to"])
    unit.valid_to, unit.end_reason, unit.successor = on, reason, successor
    unit.save(update_fields=["valid_to", "end_reason", "successor"])
    # Units guided by the closed one lose (or, on a merger, transfer) that link from the same day.
    for guided in UnitVersion.objects.active(on).filter(guidance_parent=unit):
        _reopen(guided, on, guidance_parent=successor)


ROLE_FIELDS = ["user", "role", "unit", "valid_from", "valid_to"]


def _close_roles(actor, unit: Unit, on: dt.date, successor: Unit | None) -> None:
    """Roles on a closed unit end that day; on a merger the same people hold them on the survivor.
    Each change is audited against its unit."""
    for role in RoleAssignment.objects.active(on).filter(unit=unit):
        end = role.valid_to
        audit.record_change(
            actor=actor, action="role.close", obj=role, unit_id=unit.pk, changes={"valid_to": on}
        )
        if (
            successor is not None
            and not RoleAssignment.objects.active(on)
            .filter(user_id=role.user_id, role_id=role.role_id, unit=successor)
            .exists()
        ):
            carried = RoleAssignment.objects.create(
                user_id=role.user_id,
                role_id=role.role_id,
                unit=successor,
                valid_from=on,
                valid_to=end,
                granted_by=role.granted_by,
            )
            audit.record_created(
                actor=actor,
                action="role.carry_over",
                obj=carried,
                unit_id=successor.pk,
                fields=ROLE_FIELDS,
                extra={"from_unit": unit.pk},
            )


def _check_closing(actor, units: list[Unit], on: dt.date) -> None:
    """A unit closes after everything recorded in it: no role starting (or ending) later than the
    closing date, nor later records of other apps (their ``units_closing`` receivers refuse)."""
    later = (
        RoleAssignment.objects.filter(unit__in=units).filter(valid_from__gt=on).order_by("valid_from").first()
    )
    if later is not None:
        raise ValidationError(
            {
                "on": _("Đơn vị có vai trò người dùng bắt đầu từ ngày %(d)s, sau ngày chấm dứt này.")
                % {"d": display(later.valid_from)}
            }
        )
    units_closing.send(sender=Unit, actor=actor, units=units, on=on)


@transaction.atomic
def unit_merge(*, actor, survivor: Unit, merged: list[Unit], on: dt.date) -> Unit:
    """Merge ``merged`` into ``survivor`` from ``on``: children, roles and open work move; they close."""
    merged = list(dict.fromkeys(merged))
    if not merged:
        raise ValidationError({"merged": _("Hãy chọn ít nhất một đơn vị để sáp nhập.")})
    if any(m.pk == survivor.pk for m in merged):
        raise ValidationError({"merged": _("Đơn vị tiếp nhận không thể sáp nhập vào chính nó.")})
    policy.require_dated(actor, UNITS_MANAGE, survivor, on)
    check_effective(on)  # on the date field, before the survivor's and merged units' lifetimes
    if not survivor.exists_on(on):
        raise ValidationError(
            {
                "survivor": _(
                    "Không thể sáp nhập vào %(unit)s: đơn vị này không còn (hoặc chưa có) hiệu lực vào ngày %(on)s."
                )
                % {"unit": survivor, "on": display(on)}
            }
        )
    survivor_version = _version_on(survivor, on, field="survivor")
    versions = []
    for unit in merged:
        version = _version_on(unit, on, field="merged", actor=actor)
        require_restructure(actor, version, on)
        if survivor_version.path.startswith(version.path):
            raise ValidationError(
                {
                    "survivor": _("Đơn vị tiếp nhận không được trực thuộc đơn vị bị sáp nhập (%(unit)s).")
                    % {"unit": version.name}
                }
            )
        versions.append(version)
    _check_after_last_change([survivor, *merged], on)
    _check_closing(actor, merged, on)
    for unit, version in zip(merged, versions, strict=True):
        before = _state(unit, version)
        for child in UnitVersion.objects.active(on).filter(parent=unit).order_by("path"):
            survivor_version.refresh_from_db()
            _relocate(child, survivor_version, on)
        version.refresh_from_db()
        _close_unit(unit, version, on, Unit.EndReason.MERGED, survivor)
        _close_roles(actor, unit, on, survivor)
        _unit_audit(actor=actor, action="unit.merge", unit=unit, before=before, after=_state(unit, version))
    units_merged.send(sender=Unit, actor=actor, survivor=survivor, merged=merged, on=on)
    _unit_audit(
        actor=actor,
        action="unit.absorb",
        unit=survivor,
        before={},
        after={"merged": [u.code for u in merged], "on": on.isoformat()},
    )
    return survivor


@transaction.atomic
def unit_dissolve(*, actor, unit: Unit, on: dt.date) -> Unit:
    version = _version_on(unit, on, actor=actor)
    require_restructure(actor, version, on)
    _check_after_last_change([unit], on)
    _check_closing(actor, [unit], on)
    children = UnitVersion.objects.active(on).filter(parent=unit).count()
    if children:
        raise ValidationError(
            {
                "on": _(
                    "Đơn vị còn %(n)s đơn vị trực thuộc vào ngày này; hãy chuyển, sáp nhập hoặc giải thể các đơn vị đó trước."
                )
                % {"n": format_number(children)}
            }
        )
    before = _state(unit, version)
    unit_dissolving.send(sender=Unit, actor=actor, unit=unit, on=on)
    _close_unit(unit, version, on, Unit.EndReason.DISSOLVED, None)
    _close_roles(actor, unit, on, None)
    _unit_audit(actor=actor, action="unit.dissolve", unit=unit, before=before, after=_state(unit, version))
    return unit
