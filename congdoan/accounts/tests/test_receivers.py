"""Accounts follow mergers: the merged units' accounts are managed from the survivor, from the
merger's day (issue 8)."""

import datetime as dt

import pytest

from congdoan.accounts import maintenance, tasks
from congdoan.accounts.maintenance import move_accounts_of_merged_units
from congdoan.accounts.selectors import account_search
from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.organizations import services
from congdoan.organizations.tests.factories import UserFactory, make_unit


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


def test_a_merger_dated_in_the_future_moves_the_accounts_on_its_day(tree, admin_user, officer_a, officer_b):
    """Issue 8: the accounts moved when the merger was recorded, before it took effect; they must
    move on its day, like members (the daily task)."""
    day = today() + dt.timedelta(days=10)
    services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=day)
    officer_b.refresh_from_db()
    assert officer_b.home_unit == tree.b  # B still exists and manages its accounts until then
    assert officer_b not in account_search(actor=officer_a)
    assert not AuditEntry.objects.filter(action="account.merge_move").exists()
    assert move_accounts_of_merged_units(on=day - dt.timedelta(days=1)) == 0

    assert move_accounts_of_merged_units(on=day) == 1
    officer_b.refresh_from_db()
    assert officer_b.home_unit == tree.a
    entry = AuditEntry.objects.get(action="account.merge_move")
    assert (entry.actor, entry.object_id, entry.unit_id) == (None, str(officer_b.pk), tree.a.pk)
    assert (entry.before, entry.after) == ({"home_unit": tree.b.pk}, {"home_unit": tree.a.pk})
    assert move_accounts_of_merged_units(on=day + dt.timedelta(days=1)) == 0  # once


def test_the_daily_task_moves_accounts_of_mergers_whose_day_has_come(
    tree, admin_user, officer_b, monkeypatch
):
    day = today() + dt.timedelta(days=3)
    services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=day)
    tasks.move_accounts_daily.call_local()
    officer_b.refresh_from_db()
    assert officer_b.home_unit == tree.b
    monkeypatch.setattr(maintenance, "today", lambda: day)
    tasks.move_accounts_daily.call_local()
    officer_b.refresh_from_db()
    assert officer_b.home_unit == tree.a


def test_accounts_follow_a_chain_of_mergers_to_the_unit_that_exists(tree, admin_user, officer_b):
    """B merged into A, A later merged into CDVC's other CĐCS: on the last day B's accounts belong there."""
    first, second = today() + dt.timedelta(days=5), today() + dt.timedelta(days=20)
    c = make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc)
    services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=first)
    services.unit_merge(actor=admin_user, survivor=c, merged=[tree.a], on=second)
    assert move_accounts_of_merged_units(on=second) == 1
    officer_b.refresh_from_db()
    assert officer_b.home_unit == c
