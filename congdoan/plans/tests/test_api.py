"""/api/v1/plans/: list {"items","count"}, detail, create, additions, report issue; 404 out of scope."""

import datetime as dt

import pytest

from congdoan.plans.models import Mission

from . import factories

pytestmark = pytest.mark.django_db


def test_mission_api_end_to_end(call, tree, cdvc_officer, officer_b):
    head = factories.officer(tree.a, tree.cdvc, name="Trần Thị Trưởng Đoàn")
    plan = factories.issued(tree.cdvc, number=92)
    body = {
        "unit_id": tree.cdvc.pk,
        "title": "Đoàn khảo sát API",
        "plan_id": plan.pk,
        "starts_on": "2022-07-19",
        "ends_on": "2022-07-24",
        "head_position_id": head.pk,
    }
    created = call(cdvc_officer, "POST", "/plans/missions", body)
    assert created.status_code == 201, created.content
    mission = created.json()
    assert mission["plan"]["number_symbol"] == plan.number_symbol
    assert mission["members"][0] == {
        "position_id": head.pk,
        "full_name": "Trần Thị Trưởng Đoàn",
        "position": "Phó Chủ tịch",
        "unit_name": "Công đoàn Viên chức tỉnh A",
        "is_head": True,
    }
    pk = mission["id"]
    refused = call(
        cdvc_officer, "POST", f"/plans/missions/{pk}/visits", {"unit_id": tree.a.pk, "on": "2022-07-25"}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"]["on"][0].startswith("Ngày làm việc: 25/07/2022 nằm ngoài")
    visit = call(
        cdvc_officer,
        "POST",
        f"/plans/missions/{pk}/visits",
        {
            "unit_id": tree.a.pk,
            "on": "2022-07-20",
            "hosts": [{"full_name": "Võ Văn Đón", "position": "Chủ tịch"}],
        },
    )
    assert visit.status_code == 201 and visit.json()["visits"][0]["hosts"][0]["full_name"] == "Võ Văn Đón"
    finding = call(
        cdvc_officer, "POST", f"/plans/missions/{pk}/findings", {"area": "an-sinh-xa-hoi", "results": "Tốt."}
    )
    assert finding.status_code == 201
    gifts = call(
        cdvc_officer,
        "POST",
        f"/plans/missions/{pk}/gifts",
        {"kind": "gift", "count": 30, "unit_value": 1_000_000},
    )
    assert gifts.json()["gift_total"] == 30_000_000
    report = call(
        cdvc_officer,
        "POST",
        f"/plans/missions/{pk}/report",
        {"signed_on": "2022-07-29", "signer_name": "Trần Thị Trưởng Đoàn", "signer_position": "Phó Chủ tịch"},
    )
    assert report.status_code == 201
    assert report.json()["report"]["number_symbol"] == Mission.objects.get().report.number_symbol
    listed = call(cdvc_officer, "GET", "/plans/missions").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == pk
    assert call(officer_b, "GET", f"/plans/missions/{pk}").status_code == 404
    assert call(officer_b, "GET", "/plans/missions").json() == {"items": [], "count": 0}
    assert (
        call(
            officer_b, "POST", f"/plans/missions/{pk}/gifts", {"kind": "gift", "count": 1, "unit_value": 1}
        ).status_code
        == 404
    )


def test_mission_list_api_query_count(call, tree, cdvc_officer, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    head = factories.officer(tree.a, tree.cdvc)
    factories.mission(tree.cdvc, actor=cdvc_officer, head=head)
    call(cdvc_officer, "GET", "/plans/missions")
    with CaptureQueriesContext(connection) as few:
        call(cdvc_officer, "GET", "/plans/missions")
    for _ in range(5):
        factories.mission(tree.cdvc, actor=cdvc_officer, head=head)
    with django_assert_max_num_queries(len(few)):
        assert call(cdvc_officer, "GET", "/plans/missions").json()["count"] == 6


def test_programme_api(call, tree, admin_user, officer_b):
    document = factories.issued(tree.cdvc, kind="chuong-trinh-phoi-hop")
    body = {
        "unit_id": tree.cdvc.pk,
        "title": "Chương trình phối hợp API",
        "document_id": document.pk,
        "party_ids": [tree.prov.pk],
        "areas": ["an-sinh-xa-hoi"],
        "valid_from": "2021-07-15",
    }
    created = call(admin_user, "POST", "/plans/programmes", body)
    assert created.status_code == 201, created.content
    assert created.json()["party_names"] and created.json()["areas"] == ["Hoạt động an sinh xã hội, từ thiện"]
    assert call(admin_user, "GET", "/plans/programmes").json()["count"] == 1
    assert call(officer_b, "GET", f"/plans/programmes/{created.json()['id']}").status_code == 404


def test_programme_patch(call, pact, tree, cdvc_officer, officer_a, officer_other):
    path = f"/plans/programmes/{pact.pk}"
    refused = call(cdvc_officer, "PATCH", path, {"valid_to": "2021-07-01"})
    assert refused.status_code == 422
    assert refused.json()["errors"]["valid_to"] == ["Đến ngày: phải sau ngày bắt đầu (15/07/2021)."]
    changed = call(
        cdvc_officer,
        "PATCH",
        path,
        {"title": "Chương trình API", "party_ids": [tree.a.pk, tree.b.pk], "areas": ["an-sinh-xa-hoi"]},
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "Chương trình API"
    assert changed.json()["areas"] == ["Hoạt động an sinh xã hội, từ thiện"]
    assert len(changed.json()["party_names"]) == 3 and changed.json()["valid_to"] is None
    assert call(officer_a, "PATCH", path, {"title": "X"}).status_code == 403  # a party: reads only
    assert call(officer_other, "PATCH", path, {"title": "X"}).status_code == 404
    assert call(cdvc_officer, "PATCH", path, {"party_ids": [tree.a.pk, tree.other.pk]}).status_code == 404


def test_member_add_api(call, survey, tree, cdvc_officer, officer_b):
    path = f"/plans/missions/{survey.mission.pk}/members"
    late = factories.officer(tree.b, name="Vũ Thị Muộn", since=dt.date(2022, 7, 21))
    refused = call(cdvc_officer, "POST", path, {"position_id": late.pk})
    assert refused.status_code == 422
    assert refused.json()["errors"]["position"][0].startswith("Thành viên đoàn: Vũ Thị Muộn không phải")
    assert call(cdvc_officer, "POST", path, {"position_id": survey.outsider.pk}).status_code == 404
    newcomer = factories.officer(tree.b, name="Hoàng Thị Mới")
    added = call(cdvc_officer, "POST", path, {"position_id": newcomer.pk})
    assert added.status_code == 201
    assert [m["full_name"] for m in added.json()["members"]][-1] == "Hoàng Thị Mới"
    assert call(officer_b, "POST", path, {"position_id": newcomer.pk}).status_code == 404
    assert survey.mission.members.count() == 3
