"""The audit trail: every service writes one entry in its own transaction.

Each app registers the actions it writes (``register_action``) and how the recorded fields of
its objects read (``register_object``), in its ``plugin.py``. ``record`` refuses an action that
no app registered, so an unlabelled action cannot reach the log; ``congdoan.core.audit_display``
draws every history panel and the audit log from these registrations.
"""

import contextlib
import contextvars
import datetime as dt
import decimal
import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from .bulk.insert import bulk_insert
from .labels import localized
from .models import AuditEntry, Catalogue

# -- registrations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditField:
    """How one recorded field reads.

    ``kind``: "text", "date" (ISO in the entry, dd/mm/yyyy on screen), "datetime", "bool",
    "choice" (``choices`` maps stored values to labels), "ref" (an id of a ``ref`` model, shown by
    the name its app's resolver gives), "list". ``personal`` values are shown only where the
    object's ``personal_rule`` allows; ``hidden`` fields are bookkeeping never shown.
    """

    label: str | Promise
    kind: str = "text"
    ref: str = ""
    choices: Mapping = field(default_factory=dict)
    personal: bool = False
    hidden: bool = False


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: str | Promise
    description: str | Promise  # what the entry records, for the module's documentation and the admin
    fields: Mapping[str, AuditField] = field(default_factory=dict)  # fields beyond the model's own
    read: bool = False  # logs a read (an export of personal data), not a change


# rule(actor) -> predicate(unit_id) -> whether the actor may read the personal fields of objects of that unit
PersonalRule = Callable[[object], Callable[[int | None], bool]]
# resolver(ids) -> {id: name} for ids of one model, named on someone's page
Resolver = Callable[[set], dict]


@dataclass
class AuditObject:
    model_label: str
    fields: dict[str, AuditField]
    personal: frozenset[str] = frozenset()
    personal_rule: PersonalRule | None = None


ACTIONS: dict[str, AuditAction] = {}
OBJECTS: dict[str, AuditObject] = {}
RESOLVERS: dict[str, Resolver] = {}


def register_action(
    code: str,
    label: str | Promise,
    description: str | Promise,
    fields: Mapping[str, AuditField] | None = None,
    *,
    read: bool = False,
) -> str:
    """Declare an audit action with its label and what it records; returns the code. ``read``
    marks an action that logs a read (an export of personal data) rather than a change."""
    if code in ACTIONS:
        raise ImproperlyConfigured(f"audit action {code!r} is registered twice")
    ACTIONS[code] = AuditAction(code, label, description, dict(fields or {}), read)
    return code


def change_actions() -> list[str]:
    """The registered actions that record a change (not a logged read)."""
    return [code for code, action in ACTIONS.items() if not action.read]


def register_object(
    model_label: str,
    fields: Mapping[str, AuditField] | None = None,
    *,
    personal: Iterable[str] = (),
    personal_rule: PersonalRule | None = None,
) -> None:
    """How the recorded fields of ``model_label`` ("app.model") read where the model's own
    verbose names and field types are not enough (bookkeeping, ids of other models). ``personal``
    names the fields shown only where ``personal_rule(actor)(entry.unit_id)`` allows."""
    OBJECTS[model_label] = AuditObject(model_label, dict(fields or {}), frozenset(personal), personal_rule)


def register_resolver(model_label: str, resolver: Resolver) -> None:
    """Names for ids of ``model_label`` recorded in other objects' entries (a unit, a position kind)."""
    RESOLVERS[model_label] = resolver


def names_of(model, field: str = "name") -> Resolver:
    """A resolver naming ids of ``model`` by one of its fields, in one query; a catalogue's
    names (``core.models.Catalogue``) in the active language."""
    if field == "name" and issubclass(model, Catalogue):
        return lambda ids: {
            pk: localized(name, name_en)
            for pk, name, name_en in model.objects.filter(pk__in=ids).values_list("pk", "name", "name_en")
        }
    return lambda ids: dict(model.objects.filter(pk__in=ids).values_list("pk", field))


def action_label(code: str) -> str | Promise:
    action = ACTIONS.get(code)
    return action.label if action else code


# -- writing -------------------------------------------------------------------------------------


def _jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict:
    """The concrete field values of ``obj`` (foreign keys as ids), JSON-ready."""
    names = fields or [f.name for f in obj._meta.concrete_fields]
    data = {}
    for name in names:
        model_field = obj._meta.get_field(name)
        data[name] = _jsonable(getattr(obj, model_field.attname))
    return data


def _diff(before: dict, after: dict) -> tuple[dict, dict]:
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    return {k: before[k] for k in changed if k in before}, {k: after[k] for k in changed if k in after}


def _check_write(caller: str, action: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{caller} must be called inside the service's transaction")
    if action not in ACTIONS:
        raise ImproperlyConfigured(
            f"audit action {action!r} is not registered: add it to the app's plugin.py"
        )


def stored_name(obj) -> str:
    """The object's name as the entry keeps it: in the deployment's language (``LANGUAGE_CODE``)
    whoever writes, so a catalogue's English label (``Catalogue.label``) never lands in the log."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(obj)[:255]


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    unit_id: int | None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Write one audit entry; must run inside the service's transaction so both commit or neither.

    Raises ``RuntimeError`` outside a transaction and ``ImproperlyConfigured`` for an action no
    app registered.
    """
    _check_write("audit.record", action)
    before, after = _diff(before or {}, after or {})
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=stored_name(obj),
        unit_id=unit_id,
        before=before,
        after=after,
    )


def record_created(
    *,
    actor,
    action: str,
    obj: models.Model,
    unit_id: int | None,
    fields: Iterable[str],
    extra: dict | None = None,
) -> AuditEntry:
    """Audit a row the service has just created: ``fields`` of ``obj`` (plus ``extra``) as "after"."""
    return record(
        actor=actor, action=action, obj=obj, unit_id=unit_id, after={**snapshot(obj, fields), **(extra or {})}
    )


def record_change(*, actor, action: str, obj: models.Model, unit_id: int | None, changes: dict) -> AuditEntry:
    """Set ``changes`` (field name -> value) on ``obj``, save only those columns, and audit the ones
    whose value changed, before and after, in the caller's transaction."""
    fields = list(changes)
    before = snapshot(obj, fields)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(changes))
    return record(
        actor=actor, action=action, obj=obj, unit_id=unit_id, before=before, after=snapshot(obj, fields)
    )


class Change(NamedTuple):
    """One object's entry in a bulk write (``record_many``): the object's id and name, the unit it
    is filed under, and its recorded fields before and after (JSON-ready; only changed keys are kept)."""

    object_id: int | str
    object_repr: str
    unit_id: int | None
    before: dict
    after: dict


ENTRY_COLUMNS = (
    "at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "unit_id",
    "before",
    "after",
)


def record_many(
    *, actor, action: str, model: type[models.Model], changes: Iterable[Change], at=None, advance=None
) -> int:
    """Write one audit entry per ``changes`` item, all of one ``action`` on objects of ``model``, in
    one bulk insert (``core.bulk.insert``: a constant number of statements whatever their number);
    return how many. For a bulk write (an import) that has ids, not model instances.

    As ``record``: must run inside the writer's transaction (``RuntimeError`` otherwise), refuses
    an action no app registered (``ImproperlyConfigured``) before writing anything, and keeps only
    the keys that changed between ``before`` and ``after``. ``at`` defaults to now, the same for all.
    ``advance``: a job's ``Progress.advance``, called as the rows are written (``core.bulk.insert``).
    """
    _check_write("audit.record_many", action)
    at = at or timezone.now()
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    object_type = model._meta.label_lower
    rows = [
        (
            at,
            actor_id,
            action,
            object_type,
            str(c.object_id),
            str(c.object_repr)[:255],
            c.unit_id,
            *_diff(c.before, c.after),
        )
        for c in changes
    ]
    bulk_insert(AuditEntry, ENTRY_COLUMNS, rows, returning=False, advance=advance)
    return len(rows)


def record_created_from(
    *,
    actor,
    action: str,
    model: type[models.Model],
    source: str,
    params: Sequence = (),
    object_id: str,
    object_repr: str,
    unit_id: str,
    after: Mapping[str, str],
    extra: Mapping | None = None,
    at=None,
) -> int:
    """PostgreSQL only: what ``record_created`` writes, for every row of ``source`` at once, in one
    ``INSERT … SELECT``, so that rows a bulk write has just stored (an import's new members) are not
    read back into Python; return how many entries.

    ``source`` is SQL from ``FROM`` on (its ``%s`` filled from ``params``); ``object_id``,
    ``object_repr``, ``unit_id`` and the values of ``after`` (recorded key -> expression) are SQL
    expressions over it, without placeholders. As ``record``'s diff against nothing, a NULL value
    leaves its key out; values are JSON as PostgreSQL writes them (dates ISO, as ``snapshot``);
    ``extra`` (JSON-ready constants, e.g. ``{"via": "import"}``) is added to every entry. The
    stored text is written as selected (already clean), the name cut to 255 characters. Same checks
    as ``record_many`` (``RuntimeError`` outside a transaction, ``ImproperlyConfigured`` for an
    unregistered action)."""
    _check_write("audit.record_created_from", action)
    quote = connection.ops.quote_name
    names = ", ".join(quote(AuditEntry._meta.get_field(c).column) for c in ENTRY_COLUMNS)
    pairs = ", ".join(f"'{key}', {expression}" for key, expression in after.items())
    sql = (
        f"INSERT INTO {quote(AuditEntry._meta.db_table)} ({names}) "
        f"SELECT %s, %s, %s, %s, ({object_id})::text, left({object_repr}, 255), {unit_id}, '{{}}'::jsonb, "
        f"jsonb_strip_nulls(jsonb_build_object({pairs})) || %s::jsonb FROM {source}"
    )
    head = [
        at or timezone.now(),
        actor.pk if getattr(actor, "pk", None) else None,
        action,
        model._meta.label_lower,
        json.dumps(dict(extra or {})),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*head, *params])
        return cursor.rowcount


# -- audit rows that must outlive a refused write --------------------------------------------------
# A refusal rolls its transaction back, audit rows included; a few rows must stay even then (who
# asked whether an ID number exists). ``after_rollback`` runs such a write once every enclosing
# write scope has ended: at once outside any, else when the outermost ``write_scope`` exits.

_deferred: contextvars.ContextVar[list | None] = contextvars.ContextVar("audit_deferred", default=None)


def after_rollback(write: Callable[[], object]) -> None:
    """Run ``write`` (its own transaction) now, or after the open ``write_scope`` has ended."""
    pending = _deferred.get()
    if pending is None:
        write()
    else:
        pending.append(write)


@contextlib.contextmanager
def write_scope():
    """Around a request's transaction (the API's writes): deferred audit writes run after it."""
    if _deferred.get() is not None:
        yield
        return
    pending: list = []
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
        for write in pending:
            write()


def newest_entry_id() -> int:
    """The id of the newest audit entry (0 when there is none): one backward read of the primary key.

    Every service write records an entry in its own transaction, so a value computed from recorded
    facts is still current while this number has not moved. Readers that keep such values (the
    news portal's figures box) key them on it. Two writes may commit out of their ids' order, so
    those readers also give their entries a short expiry."""
    newest = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    return newest or 0
