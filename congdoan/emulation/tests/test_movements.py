"""Movements and registrations (issue 11 §1–2): the rules of the services, the review workflow,
the deadline, and bad input answered in Vietnamese naming the field, nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from congdoan.core.models import AuditEntry
from congdoan.emulation import services
from congdoan.emulation.models import Movement, Registration
from congdoan.emulation.selectors import movement_search, registration_search

from .factories import movement, registration

pytestmark = pytest.mark.django_db


def test_launch_a_movement_is_audited(tree, cdvc_officer):
    m = movement(tree.cdvc, actor=cdvc_officer, deadline=dt.date(2022, 3, 31), plan_reference="92/KH-CĐVC")
    assert (m.unit, m.starts_on, m.deadline, m.plan_reference) == (
        tree.cdvc,
        dt.date(2022, 1, 1),
        dt.date(2022, 3, 31),
        "92/KH-CĐVC",
    )
    assert AuditEntry.objects.filter(
        action="movement.create", object_id=str(m.pk), unit_id=tree.cdvc.pk
    ).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Tên phong trào: hãy nhập tên."),
        (
            {"ends_on": dt.date(2021, 12, 31)},
            "ends_on",
            "Đến ngày: 31/12/2021 trước ngày bắt đầu 01/01/2022.",
        ),
        (
            {"deadline": dt.date(2023, 1, 5)},
            "deadline",
            "Hạn đăng ký: 05/01/2023 nằm ngoài thời gian của phong trào.",
        ),
        ({"kind": "contest"}, "kind", "Loại: 'contest' không phải là phong trào hay cuộc vận động."),
    ],
)
def test_bad_movement_names_the_field_and_writes_nothing(tree, cdvc_officer, changes, field, message):
    data = {
        "name": "Giỏi việc nước, đảm việc nhà",
        "starts_on": dt.date(2022, 1, 1),
        "ends_on": dt.date(2022, 12, 31),
    }
    with pytest.raises(ValidationError) as exc:
        services.movement_create(actor=cdvc_officer, unit=tree.cdvc, **{**data, **changes})
    assert exc.value.message_dict[field] == [message]
    assert not Movement.objects.exists() and not AuditEntry.objects.filter(action="movement.create").exists()


def test_launching_outside_the_reach_is_404(tree, officer_a):
    with pytest.raises(Http404):
        movement(tree.b, actor=officer_a)


def test_registration_goes_up_and_the_level_above_accepts(tree, officer_a, cdvc_officer):
    m = movement(tree.cdvc, actor=cdvc_officer)
    r = services.registration_create(
        actor=officer_a, movement=m, unit=tree.a, targets="Tập thể lao động xuất sắc"
    )
    assert r.state == Registration.State.DRAFT
    services.registration_step(actor=officer_a, registration=r, step="submit")
    assert r.state == Registration.State.SUBMITTED
    # The unit cannot accept its own registration: only the level directly above it.
    with pytest.raises(PermissionDenied):
        services.registration_step(actor=officer_a, registration=r, step="accept")
    services.registration_step(actor=cdvc_officer, registration=r, step="accept")
    r.refresh_from_db()
    assert (r.state, r.state_changed_by) == (Registration.State.ACCEPTED, cdvc_officer)
    actions = list(
        AuditEntry.objects.filter(object_type="emulation.registration").values_list("action", flat=True)
    )
    assert sorted(actions) == ["registration.accept", "registration.create", "registration.submit"]


def test_return_needs_a_reason_and_the_unit_sends_again(tree, officer_a, cdvc_officer):
    m = movement(tree.cdvc, actor=cdvc_officer)
    r = registration(m, tree.a, actor=officer_a, state="submitted")
    with pytest.raises(ValidationError) as exc:
        services.registration_step(actor=cdvc_officer, registration=r, step="send_back", reason=" ")
    assert exc.value.message_dict == {"reason": ["Hãy ghi lý do."]}
    services.registration_step(actor=cdvc_officer, registration=r, step="send_back", reason="Thiếu chỉ tiêu")
    assert (r.state, r.state_reason) == (Registration.State.RETURNED, "Thiếu chỉ tiêu")
    services.registration_update(actor=officer_a, registration=r, targets="Tập thể lao động tiên tiến")
    services.registration_step(actor=officer_a, registration=r, step="submit")
    assert r.state == Registration.State.SUBMITTED


def test_accepting_twice_names_the_state(tree, officer_a, cdvc_officer):
    m = movement(tree.cdvc, actor=cdvc_officer)
    r = registration(m, tree.a, actor=cdvc_officer, state="accepted")
    with pytest.raises(ValidationError) as exc:
        services.registration_step(actor=cdvc_officer, registration=r, step="accept")
    assert exc.value.message_dict["state"] == ["Không thể “Duyệt” khi hồ sơ đang ở trạng thái “Đã duyệt”."]


def test_a_unit_outside_the_launching_subtree_cannot_register(tree, admin_user):
    m = movement(tree.cdvc)
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=admin_user, movement=m, unit=tree.other, targets="x")
    assert exc.value.message_dict["unit"] == [
        "Đơn vị đăng ký: Liên đoàn Lao động tỉnh B không thuộc Công đoàn Viên chức tỉnh A, đơn vị phát động phong trào."
    ]
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=admin_user, movement=m, unit=tree.cdvc, targets="x")
    assert "unit" in exc.value.message_dict


def test_a_unit_registers_once_and_with_targets(tree, officer_a):
    m = movement(tree.cdvc)
    registration(m, tree.a, actor=officer_a)
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=officer_a, movement=m, unit=tree.a, targets="")
    assert exc.value.message_dict == {
        "unit": ["Đơn vị đăng ký: Công đoàn Sở Y tế đã đăng ký phong trào này năm 2022."],
        "targets": ["Chỉ tiêu, danh hiệu đăng ký: hãy ghi nội dung đăng ký."],
    }
    assert Registration.objects.count() == 1


def test_after_the_deadline_a_registration_needs_an_extension(tree, officer_a, cdvc_officer):
    """Past the year's deadline nobody registers, the launching level included, until an extension
    to the unit is on record (tests/test_deadlines.py covers the extension itself)."""
    m = movement(tree.cdvc, actor=cdvc_officer, deadline=dt.date(2022, 3, 31))  # long past
    for actor in (officer_a, cdvc_officer):
        with pytest.raises(ValidationError) as exc:
            services.registration_create(actor=actor, movement=m, unit=tree.a, targets="x")
        assert exc.value.message_dict == {
            "year": [
                "Năm đăng ký 2022: đã quá hạn đăng ký 31/03/2022; đăng ký muộn cần đơn vị phát động hoặc "
                "công đoàn cấp trên gia hạn."
            ]
        }
    assert not Registration.objects.exists()


def test_movements_seen_from_below_and_registrations_only_in_reach(tree, officer_a, officer_b, cdvc_officer):
    higher = movement(tree.cdvc, actor=cdvc_officer)
    own_b = movement(tree.b, name="Phong trào riêng của B", actor=officer_b, year=2023)
    registration(higher, tree.a, actor=officer_a)
    registration(higher, tree.b, actor=officer_b)
    assert list(movement_search(actor=officer_a)) == [higher]
    assert set(movement_search(actor=cdvc_officer)) == {higher, own_b}
    assert [r.unit_id for r in registration_search(actor=officer_a)] == [tree.a.pk]
    assert {r.unit_id for r in registration_search(actor=cdvc_officer)} == {tree.a.pk, tree.b.pk}
    assert list(movement_search(actor=cdvc_officer, year=2023)) == [own_b]


def test_registration_figures_roll_up_the_tree(tree, officer_a, officer_b, cdvc_officer):
    from congdoan.core import figures
    from congdoan.core.periods import Period

    m = movement(tree.cdvc, actor=cdvc_officer)
    registration(m, tree.a, actor=cdvc_officer, state="accepted")
    registration(m, tree.b, actor=cdvc_officer, state="submitted")
    values = figures.compute(
        actor=cdvc_officer,
        unit_id=tree.cdvc.pk,
        names=["emulation.registrations", "emulation.registrations_accepted"],
        period=Period.year(2022),
        as_of=dt.date(2022, 12, 31),
    )
    assert values == {"emulation.registrations": 2, "emulation.registrations_accepted": 1}


def test_registration_figures_count_the_year_registered_for(tree, officer_a, cdvc_officer):
    """A registration for 2024 of a movement running 2023–2025 counts in 2024 only (the
    registration's ``year``, not the movement's period)."""
    from congdoan.core import figures
    from congdoan.core.periods import Period

    m = movement(tree.cdvc, actor=cdvc_officer, starts_on=dt.date(2023, 1, 1), ends_on=dt.date(2025, 12, 31))
    r = services.registration_create(actor=officer_a, movement=m, unit=tree.a, targets="x", year=2024)
    services.registration_step(actor=officer_a, registration=r, step="submit")
    counted = {
        year: figures.compute(
            actor=cdvc_officer,
            unit_id=tree.cdvc.pk,
            names=["emulation.registrations"],
            period=Period.year(year),
            as_of=dt.date(year, 12, 31),
        )["emulation.registrations"]
        for year in (2023, 2024, 2025)
    }
    assert counted == {2023: 0, 2024: 1, 2025: 0}
