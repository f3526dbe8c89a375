"""Reports read from a replica when the deployment has one (``REPLICA_DATABASE_URL``).

``reporting()`` marks a block of report reads (the figures of the dashboard and of the statistics
page, ``core.figures``): inside it ``ReplicaRouter`` sends reads to the ``replica`` alias when
``DATABASES`` has it. Every write goes to ``default``, inside a block too, and so does every read
outside one, and every read while a transaction is open on ``default`` (it must see its own
writes). Without a replica everything stays on ``default``. Migrations run on ``default`` only: a
replica is a copy of it.
"""

import contextlib
import contextvars

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_reporting: contextvars.ContextVar[bool] = contextvars.ContextVar("reporting", default=False)


@contextlib.contextmanager
def reporting():
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


def read_alias() -> str:
    """Where a read made now goes."""
    if (
        _reporting.get()
        and REPLICA in connections.settings
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    ):
        return REPLICA
    return DEFAULT_DB_ALIAS


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
