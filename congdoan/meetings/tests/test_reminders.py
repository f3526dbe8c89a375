"""Units that have not held their conference by the deadline: listed with their officers' contacts
(personal data only under members.view_personal), e-mailed a reminder through Django's mail backend
(locmem in tests), audited, at most once per unit in the interval, a background job when many."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.core.models import AuditEntry, Job
from congdoan.members.models import PositionKind
from congdoan.members.services import position_assign
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit

from ..models import ConferenceKind, Reminder
from ..reminders import overdue_units, reminders_send, reminders_start
from .factories import conference, duty

pytestmark = pytest.mark.django_db
CBCCVC = ConferenceKind.PUBLIC_EMPLOYEES


@pytest.fixture
def overdue(tree, cdvc_officer, officer_a, officer_b):
    """CĐCS A held its 2024 conference, CĐCS B did not; B's chair is in the register."""
    duty(tree.a, cdvc_officer)
    duty(tree.b, cdvc_officer)
    conference(tree.a, cdvc_officer)
    chair = join(
        tree.b, name="Phạm Thị Chủ Tịch B", actor=officer_b, phone="0912345678", email="chutich.b@example.vn"
    )
    position_assign(
        actor=officer_b,
        person=chair,
        position=PositionKind.objects.get(code="chu-tich"),
        unit=tree.b,
        valid_from=dt.date(2022, 1, 1),
    )
    return chair


def test_overdue_units_with_their_officers(tree, cdvc_officer, overdue):
    (unit,) = overdue_units(actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=CBCCVC)
    assert unit.unit_id == tree.b.pk
    (contact,) = unit.contacts
    assert (contact.full_name, contact.phone, contact.email) == (
        "Phạm Thị Chủ Tịch B",
        "0912345678",
        "chutich.b@example.vn",
    )


def test_contacts_hide_personal_data_without_the_permission(tree, overdue):
    office = UserFactory(username="office_cdvc", home_unit=tree.cdvc)
    grant(office, tree.cdvc, "can-bo-van-phong")
    (unit,) = overdue_units(actor=office, unit=tree.cdvc, year=2024, kind=CBCCVC)
    assert [(c.full_name, c.phone, c.email) for c in unit.contacts] == [("Phạm Thị Chủ Tịch B", "", "")]


def test_nothing_is_overdue_before_the_deadline(tree, cdvc_officer, overdue):
    assert overdue_units(actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=CBCCVC, on=dt.date(2024, 4, 1))
    assert (
        overdue_units(actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=CBCCVC, on=dt.date(2024, 3, 31))
        == []
    )


def test_reminder_sent_audited_and_rate_limited(tree, cdvc_officer, officer_b, overdue):
    result = reminders_send(actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=CBCCVC)
    assert result.sent == [tree.b.pk]
    (message,) = mail.outbox
    assert sorted(message.to) == ["chutich.b@example.vn", officer_b.email]
    assert "Hội nghị cán bộ, công chức, viên chức năm 2024" in message.subject
    assert "Công đoàn Sở Giáo dục và Đào tạo" in message.body and "31/03/2024" in message.body
    assert "0912345678" not in message.body
    entry = AuditEntry.objects.get(action="conference.remind")
    assert (entry.unit_id, entry.after["sent"]) == (tree.cdvc.pk, 1)
    again = reminders_send(actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=CBCCVC)
    assert (again.sent, again.recent) == ([], [tree.b.pk])
    assert len(mail.outbox) == 1 and Reminder.objects.count() == 1


def test_a_unit_without_an_address_is_skipped(tree, cdvc_officer, overdue, officer_b, settings):
    officer_b.email = ""
    officer_b.save()
    overdue.email = ""
    overdue.save()
    result = reminders_send(actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=CBCCVC)
    assert result.no_address == [tree.b.pk] and mail.outbox == []


def test_nothing_to_remind_is_refused(tree, cdvc_officer, overdue):
    with pytest.raises(ValidationError):
        reminders_send(actor=cdvc_officer, unit=tree.a, year=2024, kind=CBCCVC)
    assert not AuditEntry.objects.filter(action="conference.remind").exists()


def test_a_cdcs_cannot_remind_its_sibling(tree, officer_a, overdue):
    from django.http import Http404

    with pytest.raises(Http404):
        reminders_send(actor=officer_a, unit=tree.cdvc, year=2024, kind=CBCCVC)


def test_many_units_are_reminded_by_a_job(
    tree, cdvc_officer, overdue, settings, django_capture_on_commit_callbacks
):
    settings.MEETINGS_REMINDERS_INLINE = 1
    late = make_unit("CDCS_C", "Công đoàn Sở Tư pháp", tree.cdvc)
    duty(late, cdvc_officer)
    officer_c = UserFactory(username="officer_c", home_unit=late)
    grant(officer_c, late, "chu-tich")
    with django_capture_on_commit_callbacks(execute=True):
        result = reminders_start(actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=CBCCVC)
    job = Job.objects.get(pk=result.job.pk)
    assert job.state == Job.State.SUCCEEDED, job.error if hasattr(job, "error") else job
    assert job.result["sent"] == 2 and len(mail.outbox) == 2


def test_overdue_query_count_does_not_grow(tree, cdvc_officer, overdue):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            overdue_units(actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=CBCCVC)
        return len(ctx.captured_queries)

    count()  # the rules' and policy's caches filled
    first = count()
    for i in range(4):
        unit = make_unit(f"LATE{i}", f"Công đoàn trễ {i}", tree.cdvc)
        duty(unit, cdvc_officer)
        member = join(unit, actor=cdvc_officer, email=f"cd{i}@example.vn")
        position_assign(
            actor=cdvc_officer,
            person=member,
            position=PositionKind.objects.get(code="chu-tich"),
            unit=unit,
            valid_from=dt.date(2022, 1, 1),
        )
    assert len(overdue_units(actor=cdvc_officer, unit=tree.cdvc, year=2024, kind=CBCCVC)) == 5
    assert count() == first


def test_page_lists_contacts_and_sends(client, tree, cdvc_officer, overdue):
    client.force_login(cdvc_officer)
    query = {"unit": tree.cdvc.pk, "year": 2024, "kind": CBCCVC, "state": "missing"}
    body = client.get(reverse("meetings:compliance"), query).content.decode()
    assert "Phạm Thị Chủ Tịch B" in body and "0912345678" in body and 'data-testid="remind"' in body
    response = client.post(reverse("meetings:remind"), {"unit": tree.cdvc.pk, "year": 2024, "kind": CBCCVC})
    assert response.status_code == 302 and len(mail.outbox) == 1
    response = client.post(reverse("meetings:remind"), {"unit": tree.cdvc.pk, "year": "x", "kind": CBCCVC})
    assert response.status_code == 422


def test_api(call, tree, cdvc_officer, officer_a, overdue):
    answer = call(cdvc_officer, "GET", f"/meetings/compliance/overdue?unit={tree.cdvc.pk}&year=2024")
    assert answer.status_code == 200
    (unit,) = answer.json()["units"]
    assert unit["contacts"][0]["full_name"] == "Phạm Thị Chủ Tịch B"
    answer = call(
        cdvc_officer, "POST", "/meetings/compliance/reminders", {"unit_id": tree.cdvc.pk, "year": 2024}
    )
    assert answer.status_code == 201 and answer.json()["sent"] == 1
    assert (
        call(
            officer_a, "POST", "/meetings/compliance/reminders", {"unit_id": tree.b.pk, "year": 2024}
        ).status_code
        == 404
    )
