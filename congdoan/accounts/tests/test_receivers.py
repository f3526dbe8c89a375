"""Accounts follow mergers: the merged units' accounts are managed from the survivor (issue 8)."""

import datetime as dt

import pytest

from congdoan.accounts.selectors import account_search
from congdoan.core.models import AuditEntry
from congdoan.organizations import services
from congdoan.organizations.tests.factories import UserFactory


def test_a_merger_moves_home_units_to_the_survivor_audited(tree, admin_user, officer_a, officer_b):
    services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=dt.date(2024, 1, 1))
    officer_b.refresh_from_db()
    assert officer_b.home_unit == tree.a
    assert officer_b in account_search(actor=officer_a)
    entry = AuditEntry.objects.get(action="account.merge_move")
    assert (entry.actor, entry.object_id, entry.unit_id) == (admin_user, str(officer_b.pk), tree.a.pk)
    assert (entry.before, entry.after) == ({"home_unit": tree.b.pk}, {"home_unit": tree.a.pk})


def test_a_refused_merger_moves_nobody(tree, admin_user, monkeypatch):
    """The move is in the merger's transaction: a failure after the signal undoes it."""
    other = UserFactory(home_unit=tree.b)
    real = services._unit_audit

    def fail_on_absorb(**kwargs):
        if kwargs["action"] == "unit.absorb":  # written after units_merged was sent
            raise RuntimeError
        return real(**kwargs)

    monkeypatch.setattr(services, "_unit_audit", fail_on_absorb)
    with pytest.raises(RuntimeError):
        services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=dt.date(2024, 1, 1))
    other.refresh_from_db()
    assert other.home_unit == tree.b
