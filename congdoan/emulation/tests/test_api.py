"""/api/v1/emulation/: lists {"items", "count"}, details, creation, steps; out of reach 404; bad
input 422 naming the field in Vietnamese."""

import pytest

from congdoan.emulation.models import Registration

from .factories import movement, registration

pytestmark = pytest.mark.django_db


def test_movements_list_detail_create(call, tree, cdvc_officer, officer_a, officer_b):
    m = movement(tree.cdvc, actor=cdvc_officer)
    hidden = movement(tree.b, actor=officer_b, name="Của B")
    body = call(officer_a, "GET", "/emulation/movements").json()
    assert body["count"] == 1 and body["items"][0]["unit_name"] == "Công đoàn Viên chức tỉnh A"
    assert call(officer_a, "GET", f"/emulation/movements/{m.pk}").status_code == 200
    assert call(officer_a, "GET", f"/emulation/movements/{hidden.pk}").status_code == 404
    created = call(
        cdvc_officer,
        "POST",
        "/emulation/movements",
        {
            "unit_id": tree.cdvc.pk,
            "name": "Xanh, sạch, đẹp",
            "starts_on": "2024-01-01",
            "ends_on": "2024-12-31",
        },
    )
    assert created.status_code == 201 and created.json()["name"] == "Xanh, sạch, đẹp"


def test_bad_movement_is_422_on_the_field(call, tree, cdvc_officer):
    response = call(
        cdvc_officer,
        "POST",
        "/emulation/movements",
        {"unit_id": tree.cdvc.pk, "name": "X", "starts_on": "2024-02-01", "ends_on": "2024-01-01"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"ends_on": ["Đến ngày: 01/01/2024 trước ngày bắt đầu 01/02/2024."]}


def test_registration_through_the_api(call, tree, officer_a, cdvc_officer):
    m = movement(tree.cdvc, actor=cdvc_officer)
    created = call(
        officer_a,
        "POST",
        "/emulation/registrations",
        {"movement_id": m.pk, "unit_id": tree.a.pk, "targets": "Lao động tiên tiến"},
    )
    assert created.status_code == 201
    rid = created.json()["id"]
    assert (
        call(officer_a, "POST", f"/emulation/registrations/{rid}/steps", {"step": "submit"}).json()["state"]
        == "submitted"
    )
    assert (
        call(officer_a, "POST", f"/emulation/registrations/{rid}/steps", {"step": "accept"}).status_code
        == 403
    )
    answer = call(cdvc_officer, "POST", f"/emulation/registrations/{rid}/steps", {"step": "send_back"})
    assert answer.status_code == 422 and answer.json()["errors"] == {"reason": ["Hãy ghi lý do."]}
    assert call(cdvc_officer, "GET", "/emulation/registrations?state=submitted").json()["count"] == 1
    assert Registration.objects.get().state == "submitted"


def test_registrations_of_a_sibling_are_404(call, tree, officer_a, officer_b):
    m = movement(tree.cdvc)
    r = registration(m, tree.b, actor=officer_b)
    assert call(officer_a, "GET", f"/emulation/registrations/{r.pk}").status_code == 404
    assert call(officer_a, "GET", "/emulation/registrations").json() == {"items": [], "count": 0}
