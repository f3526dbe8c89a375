"""The scheduled-reminder runner (core.reminders) with kinds of its own: one failing send does not
stop the others and is tried again at the next run; the scheduler runs it every morning."""

import datetime as dt

import pytest

from congdoan.core import reminders, tasks
from congdoan.core.dates import today
from congdoan.core.models import ScheduledReminder

pytestmark = pytest.mark.django_db
TOMORROW = today() + dt.timedelta(days=1)


@pytest.fixture
def kinds(monkeypatch):
    sent = []

    def send(actor, unit_id, params):
        if params.get("broken"):
            raise ConnectionError("mail server refused")
        sent.append(unit_id)
        return "ok"

    def check(actor, unit_id, params):
        return "Nhắc thử", params

    monkeypatch.setitem(
        reminders.KINDS,
        "test.kind",
        reminders.ReminderKind("test.kind", "Thử", check, send, lambda u, p: "/"),
    )
    return sent


def _row(user, unit_id, **params):
    return ScheduledReminder.objects.create(
        owner=user,
        kind="test.kind",
        unit_id=unit_id,
        params=params,
        label="x",
        next_run=TOMORROW,
        valid_from=today(),
    )


def test_a_failing_send_is_tried_again_and_does_not_stop_the_others(admin_user, kinds):
    broken, fine = _row(admin_user, 1, broken=True), _row(admin_user, 2)
    outcomes = {o.reminder_id: o.state for o in reminders.reminders_run_due(TOMORROW)}
    assert outcomes == {broken.pk: "failed", fine.pk: "sent"} and kinds == [2]
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.next_run == TOMORROW and fine.next_run == TOMORROW + dt.timedelta(days=7)


def test_a_kind_no_app_registers_any_more_sends_nothing(admin_user):
    row = ScheduledReminder.objects.create(
        owner=admin_user, kind="gone.kind", unit_id=1, label="x", next_run=TOMORROW, valid_from=today()
    )
    (outcome,) = reminders.reminders_run_due(TOMORROW)
    assert outcome.state == "nothing" and "gone.kind" in outcome.text
    row.refresh_from_db()
    assert row.valid_to is None


def test_the_scheduler_runs_the_reminders_every_morning():
    task = tasks.send_scheduled_reminders.task_class()
    assert task.validate_datetime(dt.datetime(2026, 12, 7, 7, 0))
    assert not task.validate_datetime(dt.datetime(2026, 12, 7, 8, 0))
