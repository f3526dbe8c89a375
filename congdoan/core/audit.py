"""The audit trail: every service writes one entry in its own transaction."""

import datetime as dt
import decimal
import uuid

from django.db import models, transaction

from .models import AuditEntry


def _jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of ``obj`` (foreign keys as ids), JSON-ready."""
    names = fields or [f.name for f in obj._meta.concrete_fields]
    data = {}
    for name in names:
        field = obj._meta.get_field(name)
        data[name] = _jsonable(getattr(obj, field.attname))
    return data


def _diff(before: dict, after: dict) -> tuple[dict, dict]:
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    return {k: before[k] for k in changed if k in before}, {k: after[k] for k in changed if k in after}


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    unit_id: int | None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Write one audit entry; must run inside the service's transaction so both commit or neither."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the service's transaction")
    before, after = _diff(before or {}, after or {})
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        unit_id=unit_id,
        before=before,
        after=after,
    )
