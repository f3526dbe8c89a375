"""The overdue-conference reminder sent again on a schedule (core.reminders): scheduled from the
compliance page, sent by the morning run as the officer who asked with that day's permissions,
ended when the role has ended, refused with field messages on bad input, 404 for another's."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.core import mail

from congdoan.core.dates import today
from congdoan.core.models import AuditEntry, ScheduledReminder
from congdoan.core.reminders import reminder_schedule, reminders_run_due
from congdoan.organizations.models import RoleAssignment

from ..models import ConferenceKind
from ..reminders import SCHEDULED
from .test_reminders import overdue  # noqa: F401  (the fixture: CĐCS B has not held its 2024 conference)

pytestmark = pytest.mark.django_db
CBCCVC = ConferenceKind.PUBLIC_EMPLOYEES
TOMORROW = today() + dt.timedelta(days=1)


def _form_url(unit, **params) -> str:
    query = {"kind": SCHEDULED, "unit": unit.pk, "p_kind": CBCCVC, "p_year": 2024, **params}
    return f"/nhac-tu-dong/dat/?{urlencode(query)}"


def _schedule(actor, unit, **kwargs) -> ScheduledReminder:
    return reminder_schedule(
        actor=actor,
        kind=SCHEDULED,
        unit_id=unit.pk,
        params={"kind": CBCCVC, "year": 2024},
        every_days=7,
        **kwargs,
    )


def test_scheduled_from_the_page_and_sent_by_the_morning_run(client, tree, cdvc_officer, officer_b, overdue):  # noqa: F811
    client.force_login(cdvc_officer)
    page = client.get(f"/hoi-nghi/tinh-hinh/?unit={tree.cdvc.pk}&year=2024&kind={CBCCVC}&state=missing")
    link = page.context["schedule"].link
    assert page.context["schedule"].running == [] and link.startswith("/nhac-tu-dong/dat/?")
    form = client.get(link)
    assert form.status_code == 200
    assert "chưa tổ chức Hội nghị cán bộ, công chức, viên chức năm 2024" in form.context["label"]
    back = "/hoi-nghi/tinh-hinh/?state=missing"
    response = client.post(
        "/nhac-tu-dong/dat/",
        {
            "kind": SCHEDULED,
            "unit": tree.cdvc.pk,
            "p_kind": CBCCVC,
            "p_year": "2024",
            "every_days": "7",
            "next": back,
        },
    )
    assert response.status_code == 302 and response["Location"] == back
    reminder = ScheduledReminder.objects.get()
    assert (reminder.owner, reminder.params, reminder.next_run) == (
        cdvc_officer,
        {"kind": CBCCVC, "year": 2024},
        TOMORROW,
    )
    assert AuditEntry.objects.filter(action="reminder.schedule", unit_id=tree.cdvc.pk).count() == 1
    again = client.get(f"/hoi-nghi/tinh-hinh/?unit={tree.cdvc.pk}&year=2024&kind={CBCCVC}&state=missing")
    assert again.context["schedule"].running == [reminder]

    assert reminders_run_due(today()) == []  # not due before tomorrow
    (outcome,) = reminders_run_due(TOMORROW)
    assert outcome.state == "sent" and "Đã gửi nhắc 1 đơn vị" in outcome.text
    (message,) = mail.outbox
    assert sorted(message.to) == ["chutich.b@example.vn", officer_b.email]
    reminder.refresh_from_db()
    assert reminder.next_run == TOMORROW + dt.timedelta(days=7) and reminder.last_run_at is not None
    assert AuditEntry.objects.filter(action="conference.remind", actor=cdvc_officer).count() == 1
    assert reminders_run_due(TOMORROW) == []  # once a run


def test_nobody_behind_sends_nothing_and_says_so(tree, cdvc_officer, overdue):  # noqa: F811
    reminder = _schedule(cdvc_officer, tree.a)  # CĐCS A held its conference
    (outcome,) = reminders_run_due(TOMORROW)
    assert outcome.state == "nothing" and "Không có đơn vị nào quá hạn" in outcome.text
    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.valid_to is None and reminder.next_run == TOMORROW + dt.timedelta(days=7)


def test_a_role_that_has_ended_ends_the_schedule(tree, cdvc_officer, overdue):  # noqa: F811
    reminder = _schedule(cdvc_officer, tree.cdvc)
    RoleAssignment.objects.filter(user=cdvc_officer).update(valid_to=today())
    (outcome,) = reminders_run_due(TOMORROW)
    assert outcome.state == "ended" and mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.valid_to == TOMORROW and "không còn quyền" in reminder.ended_reason
    assert AuditEntry.objects.filter(action="reminder.end", object_id=str(reminder.pk)).count() == 1
    assert reminders_run_due(TOMORROW + dt.timedelta(days=30)) == []


def test_the_schedule_stops_on_its_last_day(tree, cdvc_officer, overdue):  # noqa: F811
    _schedule(cdvc_officer, tree.cdvc, until=TOMORROW)
    assert [o.state for o in reminders_run_due(TOMORROW)] == ["sent"]
    assert reminders_run_due(TOMORROW + dt.timedelta(days=7)) == []


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"every_days": "0"}, "every_days", "1"),
        ({"every_days": "7", "until": "01/01/2020"}, "until", "phải sau hôm nay"),
        ({"every_days": "7", "until": "31/02/2027"}, "until", ""),
        ({"every_days": "7", "p_year": "năm nay"}, None, "Năm 'năm nay' không hợp lệ"),
        ({"every_days": "7", "p_kind": "khong-co"}, None, "'khong-co' không có trong danh mục"),
    ],
)
def test_bad_input_is_422_naming_the_field_and_writes_nothing(
    client,
    tree,
    cdvc_officer,
    overdue,  # noqa: F811
    posted,
    field,
    message,
):
    client.force_login(cdvc_officer)
    data = {"kind": SCHEDULED, "unit": tree.cdvc.pk, "p_kind": CBCCVC, "p_year": "2024", **posted}
    response = client.post("/nhac-tu-dong/dat/", data)
    assert response.status_code == 422
    form = response.context["form"]
    errors = " ".join(form.errors.get(field or "__all__", []))
    assert errors and message in errors
    assert not ScheduledReminder.objects.exists()
    assert not AuditEntry.objects.filter(action="reminder.schedule").exists()


def test_the_same_reminder_twice_is_refused(client, tree, cdvc_officer, overdue):  # noqa: F811
    _schedule(cdvc_officer, tree.cdvc)
    client.force_login(cdvc_officer)
    response = client.post(_form_url(tree.cdvc), {"every_days": "3"})
    assert response.status_code == 422 and "đã có lịch" in response.content.decode()
    assert ScheduledReminder.objects.count() == 1


def test_outside_the_subtree_404_read_only_403(client, tree, officer_a, viewer_a, overdue):  # noqa: F811
    client.force_login(officer_a)
    assert client.get(_form_url(tree.b)).status_code == 404
    assert client.post(_form_url(tree.b), {"every_days": "7"}).status_code == 404
    client.force_login(viewer_a)
    assert client.get(_form_url(tree.a)).status_code == 403
    assert not ScheduledReminder.objects.exists()


def test_only_the_owner_sees_and_stops_a_schedule(client, tree, cdvc_officer, officer_b, overdue):  # noqa: F811
    reminder = _schedule(cdvc_officer, tree.cdvc)
    client.force_login(officer_b)
    assert client.post(f"/nhac-tu-dong/{reminder.pk}/dung/").status_code == 404
    assert reminder.label not in client.get("/nhac-tu-dong/").content.decode()
    client.force_login(cdvc_officer)
    listing = client.get("/nhac-tu-dong/")
    assert reminder.label in listing.content.decode()
    assert client.post(f"/nhac-tu-dong/{reminder.pk}/dung/").status_code == 302
    reminder.refresh_from_db()
    assert reminder.valid_to == today() and reminder.ended_reason
    assert AuditEntry.objects.filter(action="reminder.end", actor=cdvc_officer).count() == 1
    assert reminders_run_due(TOMORROW) == []


def test_the_list_runs_a_constant_number_of_queries(
    client,
    tree,
    cdvc_officer,
    overdue,  # noqa: F811
    django_assert_num_queries,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cdvc_officer)
    counts = []
    for unit in (tree.cdvc, tree.a, tree.b):
        _schedule(cdvc_officer, unit)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/nhac-tu-dong/").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2]
