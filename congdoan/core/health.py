"""Probes for the load balancer and the process supervisor.

``/healthz``: the process answers (liveness; touches nothing, so a database outage does not get
every app server restarted). ``/readyz``: this process can serve (readiness): the database answers,
no migration is left unapplied (read from the database until it is true once: a new release is a
new process), the cache stores and reads back, the queue's Redis answers. 200 with
``{"status": "ok", "checks": {...}}``, else 503 with the failed checks named (no error text: it
may name hosts or users).
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)


def _database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


_migrated: list[bool] = []  # once all are applied, they stay applied for this process's code


def _migrations() -> None:
    if _migrated:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("unapplied migrations")
    _migrated.append(True)


def _cache() -> None:
    key, value = f"readyz:{uuid.uuid4().hex}", "1"
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not keep a value")
    cache.delete(key)


def _queue() -> None:
    from huey.contrib.djhuey import HUEY

    HUEY.pending_count()  # a round trip to the queue's storage (Redis in production)


CHECKS = {"database": _database, "migrations": _migrations, "cache": _cache, "queue": _queue}


def readiness() -> dict[str, bool]:
    """Each check's outcome, all run (one failing does not hide another)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = True
        except Exception as exc:
            logger.warning("readiness check %s failed: %s", name, type(exc).__name__)
            results[name] = False
    return results
