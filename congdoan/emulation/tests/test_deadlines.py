"""Registration deadlines per movement and year, and extensions past them (issue 11 §2: "a deadline
per movement and year, after which registration needs the superior's permission"): a late
registration refused naming the year and the deadline, the extension recorded (who, until, why)
through the service, the page and the API, with the module's policy (404 / 403 / 422)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from congdoan.core.models import AuditEntry
from congdoan.emulation import deadlines, services
from congdoan.emulation.models import DeadlineExtension, Registration, RegistrationDeadline

from .factories import movement, registration

pytestmark = pytest.mark.django_db

LATE_2024 = (
    "Năm đăng ký 2024: đã quá hạn đăng ký 31/03/2024; đăng ký muộn cần đơn vị phát động hoặc công đoàn "
    "cấp trên gia hạn."
)


@pytest.fixture
def on(monkeypatch):
    """``on(day)``: make ``day`` today for the services (``core.dates.today``)."""

    def set_day(day: dt.date):
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)

    set_day(dt.date(2024, 4, 15))
    return set_day


@pytest.fixture
def running(tree, cdvc_officer, on):
    """A movement of CĐVC tỉnh A over 2023–2025: 2023's deadline set at launch, 2024's set later."""
    on(dt.date(2023, 1, 5))
    m = movement(
        tree.cdvc,
        actor=cdvc_officer,
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        deadline=dt.date(2023, 3, 31),
    )
    on(dt.date(2024, 1, 10))
    deadlines.deadline_set(
        actor=cdvc_officer, movement=m, year=2024, deadline=dt.date(2024, 3, 31), note="CV 5"
    )
    on(dt.date(2024, 4, 15))
    return m


def test_each_year_has_its_deadline_and_a_late_registration_names_the_year_and_the_deadline(
    running, tree, officer_a, cdvc_officer
):
    assert deadlines.deadline_for(running, 2023).deadline == dt.date(2023, 3, 31)
    assert deadlines.deadline_for(running, 2024).deadline == dt.date(2024, 3, 31)
    assert deadlines.deadline_for(running, 2025) is None
    for actor in (officer_a, cdvc_officer):  # the launching level too: it records an extension
        with pytest.raises(ValidationError) as exc:
            services.registration_create(actor=actor, movement=running, unit=tree.a, targets="x", year=2024)
        assert exc.value.message_dict == {"year": [LATE_2024]}
    assert not Registration.objects.exists()
    # 2025 has no deadline yet; a year outside the movement is named.
    r = services.registration_create(actor=officer_a, movement=running, unit=tree.a, targets="x", year=2025)
    assert r.year == 2025
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=officer_a, movement=running, unit=tree.a, targets="x", year=2026)
    assert exc.value.message_dict["year"] == [
        "Năm đăng ký: 2026 nằm ngoài thời gian của phong trào (2023–2025)."
    ]


def test_a_changed_deadline_keeps_the_one_before(running, cdvc_officer, on):
    on(dt.date(2024, 4, 20))
    deadlines.deadline_set(actor=cdvc_officer, movement=running, year=2024, deadline=dt.date(2024, 4, 30))
    rows = list(RegistrationDeadline.objects.filter(movement=running, year=2024).order_by("valid_from"))
    assert [(r.deadline, r.valid_from, r.valid_to) for r in rows] == [
        (dt.date(2024, 3, 31), dt.date(2024, 1, 10), dt.date(2024, 4, 20)),
        (dt.date(2024, 4, 30), dt.date(2024, 4, 20), None),
    ]
    assert deadlines.deadline_for(running, 2024, dt.date(2024, 4, 15)).deadline == dt.date(2024, 3, 31)
    entry = AuditEntry.objects.filter(action="registration.deadline_set").latest("id")
    assert entry.before["deadline"] == "2024-03-31" and entry.after["deadline"] == "2024-04-30"
    with pytest.raises(ValidationError) as exc:
        deadlines.deadline_set(actor=cdvc_officer, movement=running, year=2024, deadline=dt.date(2025, 1, 31))
    assert exc.value.message_dict == {"deadline": ["Hạn đăng ký: 31/01/2025 không thuộc năm 2024."]}


def test_an_extension_lets_the_unit_register_late_and_is_recorded(
    running, tree, officer_a, officer_b, cdvc_officer, on
):
    ext = deadlines.extension_grant(
        actor=cdvc_officer,
        movement=running,
        unit=tree.a,
        year=2024,
        until=dt.date(2024, 4, 30),
        reason="Đơn vị mới kiện toàn Ban Chấp hành",
    )
    assert (ext.granted_by, ext.until, ext.reason) == (cdvc_officer, dt.date(2024, 4, 30), ext.reason)
    entry = AuditEntry.objects.get(action="registration.extend")
    assert entry.actor == cdvc_officer and entry.object_id == str(running.pk)
    assert entry.after == {
        "year": 2024,
        "extension_unit": tree.a.pk,
        "until": "2024-04-30",
        "reason": "Đơn vị mới kiện toàn Ban Chấp hành",
        "deadline": "2024-03-31",
    }
    r = services.registration_create(actor=officer_a, movement=running, unit=tree.a, targets="x", year=2024)
    services.registration_step(actor=officer_a, registration=r, step="submit")
    assert r.state == Registration.State.SUBMITTED
    # The extension is the unit's: B is still late; after the extension A is late again.
    with pytest.raises(ValidationError):
        services.registration_create(actor=officer_b, movement=running, unit=tree.b, targets="x", year=2024)
    on(dt.date(2024, 5, 2))
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=officer_a, movement=running, unit=tree.a, targets="y", year=2023)
    assert "31/03/2023" in exc.value.message_dict["year"][0]


def test_a_draft_sent_after_the_deadline_needs_an_extension(running, tree, officer_a, cdvc_officer, on):
    on(dt.date(2024, 3, 1))
    r = registration(running, tree.a, actor=officer_a)
    on(dt.date(2024, 4, 15))
    with pytest.raises(ValidationError) as exc:
        services.registration_step(actor=officer_a, registration=r, step="submit")
    assert exc.value.message_dict == {"year": [LATE_2024]}
    deadlines.extension_grant(
        actor=cdvc_officer, movement=running, unit=tree.a, year=2024, until=dt.date(2024, 4, 20), reason="Ốm"
    )
    services.registration_step(actor=officer_a, registration=r, step="submit")
    assert r.state == Registration.State.SUBMITTED


def test_an_extension_is_the_launching_or_superior_levels_and_bad_input_is_named(
    running, tree, officer_a, cdvc_officer
):
    with pytest.raises(PermissionDenied):  # a union does not extend its own deadline
        deadlines.extension_grant(
            actor=officer_a, movement=running, unit=tree.a, year=2024, until=dt.date(2024, 4, 30), reason="x"
        )
    with pytest.raises(ValidationError) as exc:
        deadlines.extension_grant(
            actor=cdvc_officer,
            movement=running,
            unit=tree.a,
            year=2024,
            until=dt.date(2024, 3, 20),
            reason=" ",
        )
    assert exc.value.message_dict == {
        "until": ["Gia hạn đến ngày: 20/03/2024 phải sau hạn đăng ký 31/03/2024 của năm 2024."],
        "reason": ["Lý do gia hạn: hãy ghi lý do cho đăng ký muộn."],
    }
    with pytest.raises(ValidationError) as exc:
        deadlines.extension_grant(
            actor=cdvc_officer,
            movement=running,
            unit=tree.a,
            year=2025,
            until=dt.date(2025, 4, 30),
            reason="x",
        )
    assert exc.value.message_dict == {
        "year": ["Năm đăng ký 2025: phong trào không có hạn đăng ký năm này, không cần gia hạn."]
    }
    with pytest.raises(ValidationError) as exc:
        deadlines.extension_grant(
            actor=cdvc_officer,
            movement=running,
            unit=tree.cdvc,
            year=2024,
            until=dt.date(2024, 4, 30),
            reason="x",
        )
    assert list(exc.value.message_dict) == ["unit"]
    assert not DeadlineExtension.objects.exists()
    assert not AuditEntry.objects.filter(action="registration.extend").exists()


def test_extension_page_404_403_422_then_granted(running, tree, client, officer_a, officer_b, cdvc_officer):
    url = reverse("emulation:extension_grant", args=[running.pk])
    data = {"unit": tree.a.pk, "year": "2024", "until": "30/04/2024", "reason": "Đơn vị mới thành lập"}
    own_b = movement(tree.b, name="Phong trào riêng của B", actor=officer_b, year=2024)
    client.force_login(officer_a)
    assert client.get(reverse("emulation:extension_grant", args=[own_b.pk])).status_code == 404
    assert client.post(url, data).status_code == 403  # sees the movement, may not extend for itself
    client.force_login(cdvc_officer)
    page = client.get(url)
    assert page.status_code == 200 and "Gia hạn đến ngày" in page.content.decode()
    response = client.post(url, {**data, "until": "15/03/2024"})
    assert response.status_code == 422
    assert response.context["form"].errors["until"] == [
        "Gia hạn đến ngày: 15/03/2024 phải sau hạn đăng ký 31/03/2024 của năm 2024."
    ]
    assert client.post(url, data).status_code == 302
    assert DeadlineExtension.objects.get().unit == tree.a
    detail = client.get(reverse("emulation:movement", args=[running.pk])).content.decode()
    assert "Đơn vị mới thành lập" in detail and "30/04/2024" in detail and "31/03/2024" in detail


def test_deadline_page_is_the_launching_levels(running, client, officer_a, cdvc_officer):
    url = reverse("emulation:deadline_set", args=[running.pk])
    client.force_login(officer_a)
    assert client.post(url, {"year": "2025", "deadline": "31/03/2025"}).status_code == 403
    client.force_login(cdvc_officer)
    response = client.post(url, {"year": "2025", "deadline": "31/03/2026"})
    assert response.status_code == 422
    assert response.context["form"].errors["deadline"] == [
        "Hạn đăng ký: 31/03/2026 nằm ngoài thời gian của phong trào."
    ]
    assert client.post(url, {"year": "2025", "deadline": "31/03/2025"}).status_code == 302
    assert deadlines.deadline_for(running, 2025).deadline == dt.date(2025, 3, 31)


def test_extension_and_deadline_api(running, tree, call, officer_a, officer_b, cdvc_officer):
    path = f"/emulation/movements/{running.pk}/extensions"
    body = {"unit_id": tree.a.pk, "year": 2024, "until": "2024-04-30", "reason": "Đơn vị mới thành lập"}
    own_b = movement(tree.b, name="Phong trào riêng của B", actor=officer_b, year=2024)
    assert call(officer_a, "POST", f"/emulation/movements/{own_b.pk}/extensions", body).status_code == 404
    assert call(officer_a, "POST", path, body).status_code == 403
    bad = call(cdvc_officer, "POST", path, {**body, "reason": ""})
    assert bad.status_code == 422 and "reason" in bad.content.decode()
    done = call(cdvc_officer, "POST", path, body)
    assert done.status_code == 201
    assert done.json()["until"] == "2024-04-30" and done.json()["granted_by_id"] == cdvc_officer.pk
    made = call(
        officer_a,
        "POST",
        "/emulation/registrations",
        {"movement_id": running.pk, "unit_id": tree.a.pk, "year": 2024, "targets": "Cờ thi đua"},
    )
    assert made.status_code == 201 and made.json()["year"] == 2024
    late = call(
        officer_b,
        "POST",
        "/emulation/registrations",
        {"movement_id": running.pk, "unit_id": tree.b.pk, "year": 2024, "targets": "Cờ thi đua"},
    )
    assert late.status_code == 422 and "31/03/2024" in late.content.decode()
    deadline = call(
        cdvc_officer,
        "POST",
        f"/emulation/movements/{running.pk}/deadlines",
        {"year": 2025, "deadline": "2025-03-31"},
    )
    assert deadline.status_code == 201
    assert {(d["year"], d["deadline"]) for d in deadline.json()["deadlines"]} >= {
        (2024, "2024-03-31"),
        (2025, "2025-03-31"),
    }
    assert (
        call(
            officer_a,
            "POST",
            f"/emulation/movements/{running.pk}/deadlines",
            {"year": 2025, "deadline": "2025-03-31"},
        ).status_code
        == 403
    )


def test_a_paper_registration_recorded_later_is_checked_against_the_deadline_of_its_day(
    running, tree, officer_a, cdvc_officer
):
    """``on``: the day a unit registered and sent on paper, recorded later (the demo's 2022 records):
    in time on that day is accepted and the day kept in the audit row; late on that day, in the
    future or before the movement's start is refused naming the field."""
    r = services.registration_create(
        actor=officer_a, movement=running, unit=tree.a, targets="x", year=2024, on=dt.date(2024, 3, 20)
    )
    services.registration_step(actor=officer_a, registration=r, step="submit", on=dt.date(2024, 3, 25))
    assert Registration.objects.get(pk=r.pk).state == Registration.State.SUBMITTED
    entry = AuditEntry.objects.get(action="registration.create", object_id=str(r.pk))
    assert entry.after["registered_on"] == "2024-03-20"
    for day, field in (
        (dt.date(2024, 4, 2), "year"),
        (dt.date(2024, 4, 16), "on"),
        (dt.date(2022, 12, 1), "on"),
    ):
        with pytest.raises(ValidationError) as exc:
            services.registration_create(
                actor=cdvc_officer, movement=running, unit=tree.b, targets="x", year=2024, on=day
            )
        assert list(exc.value.message_dict) == [field]
    late = services.registration_create(
        actor=cdvc_officer, movement=running, unit=tree.b, targets="x", year=2025
    )
    with pytest.raises(ValidationError) as exc:
        services.registration_step(
            actor=cdvc_officer, registration=late, step="submit", on=dt.date(2024, 4, 16)
        )
    assert list(exc.value.message_dict) == ["on"]
