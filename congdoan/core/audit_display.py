"""One renderer for every audit history: a unit's, a member's, the audit log.

It reads what the apps registered in ``congdoan.core.audit`` (action labels, field labels and
kinds, personal fields and who may read them, resolvers that name ids of other objects) and the
models' own verbose names, and turns entries into rows people read: labels instead of codes,
names instead of ids, dd/mm/yyyy dates, personal values hidden from those who may not see them.

Queries: one per referenced model (resolvers take every id of the page at once) and one per
personal rule, whatever the number of entries.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.timezone import localtime, make_aware
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .dates import display
from .models import AuditEntry
from .plugins import TimelineEvent

HIDDEN = gettext_lazy("(ẩn)")
EMPTY = "—"
UNIT_MODEL = "organizations.unit"  # the resolver registered for it names each entry's unit


class AuditChange(NamedTuple):
    label: str | Promise
    before: object
    after: object


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    action: str | Promise
    kind: str | Promise  # what kind of object the entry is about
    unit: str  # the name of the unit the entry belongs to
    changes: tuple[AuditChange, ...]


def _model_meta(object_type: str):
    try:
        return apps.get_model(object_type)._meta
    except (LookupError, ValueError):
        return None


def _from_model(meta, key: str) -> audit.AuditField | None:
    if meta is None:
        return None
    try:
        f = meta.get_field(key)
    except FieldDoesNotExist:
        return None
    label = capfirst(f.verbose_name)
    if f.is_relation:
        return audit.AuditField(label, "ref", ref=f.related_model._meta.label_lower)
    if f.choices:
        return audit.AuditField(label, "choice", choices=dict(f.flatchoices))
    if isinstance(f, models.DateTimeField):
        return audit.AuditField(label, "datetime")
    if isinstance(f, models.DateField):
        return audit.AuditField(label, "date")
    if isinstance(f, models.BooleanField):
        return audit.AuditField(label, "bool")
    return audit.AuditField(label)


def field_spec(entry: AuditEntry, key: str) -> audit.AuditField:
    """How ``key`` of ``entry`` reads: the action's own fields, then the object's registration,
    then the model field; an unknown key shows under its own name."""
    action = audit.ACTIONS.get(entry.action)
    registered = audit.OBJECTS.get(entry.object_type)
    if action and key in action.fields:
        spec = action.fields[key]
    elif registered and key in registered.fields:
        spec = registered.fields[key]
    else:
        spec = _from_model(_model_meta(entry.object_type), key) or audit.AuditField(key)
    if registered and key in registered.personal and not spec.personal:
        spec = replace(spec, personal=True)
    return spec


def _order(entry: AuditEntry) -> dict[str, int]:
    """Keys in the order a reader expects: the action's fields, the object's, the model's."""
    keys: list[str] = []
    action = audit.ACTIONS.get(entry.action)
    registered = audit.OBJECTS.get(entry.object_type)
    meta = _model_meta(entry.object_type)
    keys += list(action.fields) if action else []
    keys += list(registered.fields) if registered else []
    keys += [f.name for f in meta.get_fields()] if meta else []
    return {k: i for i, k in reversed(list(enumerate(keys)))}


def _blank(value) -> bool:
    return value in (None, "", [], False)


class _Renderer:
    def __init__(self, entries: list[AuditEntry], actor):
        self.actor = actor
        self.refs: dict[str, dict] = {}
        wanted: dict[str, set] = defaultdict(set)
        wanted[UNIT_MODEL] |= {e.unit_id for e in entries if e.unit_id is not None}
        for e in entries:
            for key, before, after in e.changes():
                spec = field_spec(e, key)
                if spec.kind == "ref" and spec.ref:
                    for value in (before, after):
                        wanted[spec.ref] |= set(value) if isinstance(value, list) else {value}
        for model_label, ids in wanted.items():
            resolver = audit.RESOLVERS.get(model_label)
            ids.discard(None)
            self.refs[model_label] = resolver(ids) if resolver and ids else {}
        self._personal: dict[str, object] = {}

    def personal_allowed(self, entry: AuditEntry) -> bool:
        registered = audit.OBJECTS.get(entry.object_type)
        if registered is None or registered.personal_rule is None:
            return False
        if entry.object_type not in self._personal:
            self._personal[entry.object_type] = registered.personal_rule(self.actor)
        return self._personal[entry.object_type](entry.unit_id)

    def value(self, spec: audit.AuditField, value):
        if _blank(value) and not (spec.kind == "bool" and value is False):
            return EMPTY
        if spec.kind == "ref":
            names = self.refs.get(spec.ref, {})
            values = value if isinstance(value, list) else [value]
            return ", ".join(str(names.get(v, f"#{v}")) for v in values)
        if isinstance(value, list):
            return ", ".join(map(str, value))
        try:
            if spec.kind == "date":
                return display(dt.date.fromisoformat(value))
            if spec.kind == "datetime":
                return date_format(localtime(dt.datetime.fromisoformat(value)), "SHORT_DATETIME_FORMAT")
        except (TypeError, ValueError):
            return value
        if spec.kind == "bool":
            return _("Có") if value else _("Không")
        if spec.kind == "choice":
            return spec.choices.get(value, value)
        return value

    def row(self, entry: AuditEntry) -> AuditRow:
        order = _order(entry)
        personal = None
        changes = []
        for key, before, after in sorted(entry.changes(), key=lambda c: (order.get(c[0], len(order)), c[0])):
            spec = field_spec(entry, key)
            if spec.hidden or (_blank(before) and _blank(after)):
                continue
            if spec.personal:
                personal = self.personal_allowed(entry) if personal is None else personal
                if not personal:
                    changes.append(AuditChange(spec.label, HIDDEN, HIDDEN))
                    continue
            shown = (self.value(spec, before), self.value(spec, after))
            if shown[0] != shown[1]:
                changes.append(AuditChange(spec.label, *shown))
        meta = _model_meta(entry.object_type)
        return AuditRow(
            entry=entry,
            action=audit.action_label(entry.action),
            kind=capfirst(meta.verbose_name) if meta else entry.object_type,
            unit=str(self.refs[UNIT_MODEL].get(entry.unit_id, "")),
            changes=tuple(changes),
        )


def audit_rows(entries: Iterable[AuditEntry], *, actor) -> list[AuditRow]:
    """Entries (already scoped by a selector) as rows people read, in the order given."""
    entries = list(entries)
    renderer = _Renderer(entries, actor)
    return [renderer.row(e) for e in entries]


def action_choices(codes: Iterable[str]) -> list[tuple[str, str | Promise]]:
    """(code, label) pairs for a filter of actions, by label."""
    return sorted(((c, audit.action_label(c)) for c in codes), key=lambda pair: str(pair[1]))


@dataclass(frozen=True)
class HistoryItem:
    """A line of a history mixing the object's own changes (``row``) with the dated events other apps
    keep of it (``event``, ``core.plugins.TimelineEvent``); exactly one of the two is set."""

    at: dt.datetime
    row: AuditRow | None = None
    event: TimelineEvent | None = None


def timeline(rows: Iterable[AuditRow], events: Iterable[TimelineEvent]) -> list[HistoryItem]:
    """Audit rows and events in one list, newest first: an event dated a day stands at the start of
    that day, so the changes recorded that day come above it. No query."""
    items = [HistoryItem(at=localtime(r.entry.at), row=r) for r in rows]
    items += [HistoryItem(at=make_aware(dt.datetime.combine(e.on, dt.time.min)), event=e) for e in events]
    return sorted(items, key=lambda i: i.at, reverse=True)
