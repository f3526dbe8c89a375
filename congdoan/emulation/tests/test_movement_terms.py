"""A movement's criteria (weight or mandatory) and participating units (issue 11 §1): set at the
launch and on the edit page by the launching level, shown on its page and in the API; once a
movement names participants only they and the units below them register."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.emulation import movements, services
from congdoan.emulation.models import MovementCriterion, MovementUnit, Registration
from congdoan.organizations.tests.factories import make_unit

from .factories import movement
from .helpers import queries_of

pytestmark = pytest.mark.django_db
CRITERIA = [("Hoàn thành xuất sắc nhiệm vụ chuyên môn", D(40), False), ("Không vi phạm kỷ luật", None, True)]


def test_launch_with_criteria_and_participants_limits_registration(tree, cdvc_officer, officer_a, officer_b):
    m = movement(tree.cdvc, actor=cdvc_officer, criteria=CRITERIA, units=[tree.a])
    assert [(c.name, c.weight, c.mandatory) for c in m.criteria.all()] == CRITERIA
    assert list(m.participants.values_list("unit_id", flat=True)) == [tree.a.pk]
    services.registration_create(
        actor=officer_a, movement=m, unit=tree.a, targets="Tập thể lao động xuất sắc"
    )
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=officer_b, movement=m, unit=tree.b, targets="x")
    assert exc.value.message_dict == {
        "unit": [
            "Đơn vị đăng ký: Công đoàn Sở Giáo dục và Đào tạo không có trong các đơn vị tham gia phong trào."
        ]
    }
    # A unit below a participant registers through it.
    sub = make_unit("TO-A", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
    services.registration_create(actor=officer_a, movement=m, unit=sub, targets="Lao động tiên tiến")
    assert Registration.objects.filter(movement=m).count() == 2


@pytest.mark.parametrize(
    ("criteria", "units", "message"),
    [
        (
            [("Chuyên môn", None, False)],
            [],
            "Tiêu chí 1 (Chuyên môn): hãy ghi trọng số hoặc đánh dấu bắt buộc.",
        ),
        ([("Chuyên môn", D(0), False)], [], "Tiêu chí 1 (Chuyên môn): trọng số phải lớn hơn 0."),
        ([("  ", D(5), False)], [], "Tiêu chí 1: hãy nhập tên tiêu chí."),
        (CRITERIA + [("không vi phạm kỷ luật", D(5), False)], [], None),
    ],
)
def test_bad_criteria_name_the_field_and_write_nothing(tree, cdvc_officer, criteria, units, message):
    with pytest.raises(ValidationError) as exc:
        movement(tree.cdvc, actor=cdvc_officer, criteria=criteria, units=units)
    assert list(exc.value.message_dict) == ["criteria"]
    if message:
        assert exc.value.message_dict["criteria"] == [message]
    assert not MovementCriterion.objects.exists()


def test_a_participant_outside_the_launching_unit_is_refused(tree, cdvc_officer, admin_user):
    with pytest.raises(ValidationError) as exc:
        movement(tree.cdvc, actor=admin_user, criteria=CRITERIA, units=[tree.other])
    assert exc.value.message_dict == {
        "units": [
            "Đơn vị tham gia: Liên đoàn Lao động tỉnh B không thuộc Công đoàn Viên chức tỉnh A, đơn vị phát động."
        ]
    }
    assert not MovementUnit.objects.exists()


def test_edit_page_changes_terms_audited_and_refuses_others(client, tree, cdvc_officer, officer_a, officer_b):
    m = movement(tree.cdvc, actor=cdvc_officer, criteria=CRITERIA)
    url = reverse("emulation:movement_edit", args=[m.pk])
    client.force_login(cdvc_officer)
    page = client.get(url)
    assert page.status_code == 200
    assert "Không vi phạm kỷ luật | bắt buộc" in page.content.decode()
    bad = client.post(url, {"name": m.name, "criteria": "Chuyên môn | bốn mươi"})
    assert bad.status_code == 422
    assert "Tiêu chí, dòng 1: cần dạng" in bad.content.decode()
    data = {
        "name": m.name,
        "criteria": "Chuyên môn | 40\nKỷ luật | bắt buộc\nSáng kiến | 10 | bắt buộc",
        "units": [tree.a.pk, tree.b.pk],
    }
    assert client.post(url, data).status_code == 302
    assert [(c.name, c.weight, c.mandatory) for c in m.criteria.all()] == [
        ("Chuyên môn", D(40), False),
        ("Kỷ luật", None, True),
        ("Sáng kiến", D(10), True),
    ]
    entry = AuditEntry.objects.get(action="movement.update")
    assert entry.after["criteria"] == ["Chuyên môn | 40", "Kỷ luật | bắt buộc", "Sáng kiến | 10 | bắt buộc"]
    assert entry.before["criteria"] == [
        "Hoàn thành xuất sắc nhiệm vụ chuyên môn | 40",
        "Không vi phạm kỷ luật | bắt buộc",
    ]
    detail = client.get(reverse("emulation:movement", args=[m.pk])).content.decode()
    assert "Sáng kiến" in detail and "Công đoàn Sở Giáo dục và Đào tạo" in detail and url in detail
    # A participating unit's officer reads the movement but may not edit it (403); out of reach: 404.
    client.force_login(officer_a)
    assert url not in client.get(reverse("emulation:movement", args=[m.pk])).content.decode()
    assert client.get(url).status_code == 403
    own_b = movement(tree.b, actor=officer_b, name="Phong trào của B")
    assert client.get(reverse("emulation:movement_edit", args=[own_b.pk])).status_code == 404


def test_api_launch_detail_and_update(call, tree, cdvc_officer, officer_a):
    body = {
        "unit_id": tree.cdvc.pk,
        "name": "Giỏi việc nước, đảm việc nhà",
        "starts_on": "2022-01-01",
        "ends_on": "2022-12-31",
        "criteria": [
            {"name": "Gia đình văn hóa", "weight": "50"},
            {"name": "Không vi phạm", "mandatory": True},
        ],
        "unit_ids": [tree.a.pk],
    }
    created = call(cdvc_officer, "POST", "/emulation/movements", body)
    assert created.status_code == 201, created.content
    out = created.json()
    assert out["criteria"] == [
        {"name": "Gia đình văn hóa", "weight": 50.0, "mandatory": False},
        {"name": "Không vi phạm", "weight": None, "mandatory": True},
    ]
    assert out["participants"] == [{"unit_id": tree.a.pk, "unit_name": "Công đoàn Sở Y tế"}]
    path = f"/emulation/movements/{out['id']}"
    assert call(officer_a, "GET", path).json()["criteria"][0]["name"] == "Gia đình văn hóa"
    edit = {"name": "Giỏi việc nước, đảm việc nhà", "criteria": [{"name": "Gia đình", "weight": "năm mươi"}]}
    bad = call(cdvc_officer, "PUT", path, edit)
    assert bad.status_code == 422 and "criteria" in bad.json()["errors"]
    edit["criteria"][0]["weight"] = "60"
    edit["unit_ids"] = [tree.a.pk, tree.b.pk]
    done = call(cdvc_officer, "PUT", path, edit)
    assert done.status_code == 200
    assert [p["unit_id"] for p in done.json()["participants"]] == sorted(
        [tree.a.pk, tree.b.pk], key=lambda i: i != tree.b.pk
    )
    r = call(officer_a, "PUT", path, {**edit, "unit_ids": [tree.a.pk]})
    assert r.status_code == 403, r.content
    edit["unit_ids"] = [tree.other.pk]
    assert call(cdvc_officer, "PUT", path, edit).status_code == 404


def test_movement_page_query_count_does_not_grow_with_terms(client, tree, cdvc_officer):
    units = [make_unit(f"P{i}", f"Công đoàn cơ sở {i}", tree.cdvc) for i in range(10)]
    few = movement(tree.cdvc, actor=cdvc_officer, criteria=CRITERIA, units=units[:2])
    many = movement(
        tree.cdvc,
        actor=cdvc_officer,
        name="Phong trào lớn",
        criteria=[(f"Tiêu chí {i}", D(i + 1), i % 2 == 0) for i in range(10)],
        units=units,
    )
    client.force_login(cdvc_officer)
    count = queries_of(lambda: client.get(reverse("emulation:movement", args=[few.pk])))
    assert queries_of(lambda: client.get(reverse("emulation:movement", args=[many.pk]))) == count
    movements.movement_update(actor=cdvc_officer, movement=many, name="Phong trào lớn", criteria=[], units=[])
    assert not many.criteria.exists() and not many.participants.exists()
