"""The replica router: a report's reads go to the ``replica`` alias when there is one (here a
second alias on the same test database: the same PostgreSQL server, or the same SQLite database),
never a write; without one, and inside a transaction, everything stays on ``default``."""

import copy

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from congdoan.core import routers
from congdoan.core.models import AuditEntry
from congdoan.core.routers import REPLICA, ReplicaRouter, read_alias, reporting
from congdoan.members.tests.factories import join


@pytest.fixture(scope="module", autouse=True)
def replica(django_db_setup, django_db_blocker):
    """A ``replica`` alias on the test database (the same server, or the same SQLite database),
    added once the test databases exist; removed after this module."""
    connections.settings[REPLICA] = copy.deepcopy(connections["default"].settings_dict)
    yield
    connections[REPLICA].close()
    del connections.settings[REPLICA]
    if hasattr(connections._connections, REPLICA):
        delattr(connections._connections, REPLICA)


@pytest.fixture
def no_replica():
    held = connections.settings.pop(REPLICA)
    yield
    connections.settings[REPLICA] = held


BOTH = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


def _sql(context) -> list[str]:
    return [q["sql"] for q in context.captured_queries]


def test_without_a_replica_reports_read_the_primary(no_replica):
    with reporting():
        assert read_alias() == "default"


@BOTH
def test_the_dashboards_figures_are_read_from_the_replica_and_agree_with_the_primary(client, tree, officer_a):
    join(tree.a, actor=officer_a)
    join(tree.a, actor=officer_a)
    client.force_login(officer_a)
    held = connections.settings.pop(REPLICA)
    with CaptureQueriesContext(connections["default"]) as primary_only:
        on_primary = client.get("/").content.decode()
    connections.settings[REPLICA] = held
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        from_replica = client.get("/").content.decode()
    assert any("members_" in sql for sql in _sql(on_replica)), "no figure was read from the replica"
    figure_reads = [sql for sql in _sql(primary_only) if "members_membership" in sql]
    assert figure_reads, "the figures are read on the primary when there is no replica"
    assert not any(
        sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for sql in _sql(on_replica)
    )
    assert from_replica == on_primary.replace(*_csrf_pair(on_primary, from_replica))


def _csrf_pair(a: str, b: str) -> tuple[str, str]:
    """The pages differ only by their CSRF tokens (if any): the pair to replace."""
    import re

    found_a, found_b = (
        re.findall(r'value="([A-Za-z0-9]{64})"', a),
        re.findall(r'value="([A-Za-z0-9]{64})"', b),
    )
    return (found_a[0], found_b[0]) if found_a and found_b else ("", "")


@BOTH
def test_a_write_inside_a_report_block_goes_to_the_primary(admin_user):
    with CaptureQueriesContext(connections[REPLICA]) as on_replica, reporting():
        assert read_alias() == REPLICA
        with transaction.atomic():
            AuditEntry.objects.create(actor=admin_user, action="x", object_type="x", object_id="1")
    assert _sql(on_replica) == []
    assert AuditEntry.objects.filter(action="x").count() == 1


@BOTH
def test_inside_a_transaction_reports_read_the_primary():
    with transaction.atomic(), reporting():
        assert read_alias() == "default"


def test_the_router_never_writes_or_migrates_the_replica():
    router = ReplicaRouter()
    with reporting():
        assert router.db_for_write(AuditEntry) == "default"
    assert router.allow_migrate("default", "core") is True
    assert router.allow_migrate(REPLICA, "core") is False
    assert routers.read_alias() == "default"  # outside a report block
