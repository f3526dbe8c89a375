"""Pages of missions and programmes: scope, constant query counts, forms writing through the services,
the report downloaded and opened."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from congdoan.core.forms import FORM_ERRORS
from congdoan.core.models import AuditEntry
from congdoan.plans import services
from congdoan.plans.models import ContentArea, Gift, Mission, Visit

from . import factories

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


def _more_missions(tree, actor, n: int) -> None:
    head = factories.officer(tree.a, tree.cdvc)
    for i in range(n):
        mission = factories.mission(tree.cdvc, actor=actor, head=head, plan=factories.issued(tree.cdvc))
        services.visit_add(
            actor=actor, mission=mission, unit=tree.a, on=factories.START, hosts=[(f"Host {i}", "", "")]
        )


def test_mission_list_query_count_does_not_grow(client, tree, cdvc_officer, django_assert_max_num_queries):
    client.force_login(cdvc_officer)
    _more_missions(tree, cdvc_officer, 2)
    client.get(reverse("plans:missions"))  # warm caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("plans:missions")).status_code == 200
    _more_missions(tree, cdvc_officer, 6)
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("plans:missions"))
    assert response.content.decode().count("Đoàn khảo sát thử") == 8


def test_programme_list_query_count_does_not_grow(client, tree, admin_user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    areas = list(ContentArea.objects.all()[:2])

    def add(n):
        for _ in range(n):
            services.programme_create(
                actor=admin_user,
                unit=tree.cdvc,
                title="Chương trình thử",
                document=factories.issued(tree.cdvc),
                parties=[tree.prov],
                areas=areas,
                valid_from=dt.date(2021, 1, 1),
            )

    client.force_login(admin_user)
    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("plans:programmes"))
    add(5)
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("plans:programmes"))
    assert response.content.decode().count("Chương trình thử") == 7


def test_pages_of_a_visited_unit_and_an_outsider(client, survey, tree, cdvc_officer, officer_a, officer_b):
    services.visit_add(actor=cdvc_officer, mission=survey.mission, unit=tree.a, on=factories.START)
    url = reverse("plans:mission", args=[survey.mission.pk])
    client.force_login(officer_a)
    page = client.get(url)
    assert page.status_code == 200 and "Trần Thị Trưởng Đoàn" in page.content.decode()
    assert client.post(reverse("plans:gift_add", args=[survey.mission.pk]), {}).status_code == 403
    client.force_login(officer_b)
    assert client.get(url).status_code == 404
    assert "Đoàn khảo sát thử" not in client.get(reverse("plans:missions")).content.decode()


def test_forms_write_through_the_services(client, survey, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    pk = survey.mission.pk
    response = client.post(
        reverse("plans:visit_add", args=[pk]),
        {"unit": tree.a.pk, "on": "25/07/2022", "hosts": "Võ Văn Đón; Chủ tịch; Công đoàn Sở Y tế"},
    )
    assert response.status_code == 422
    assert "Ngày làm việc: 25/07/2022 nằm ngoài thời gian của đoàn" in response.content.decode()
    assert not Visit.objects.exists()
    response = client.post(
        reverse("plans:visit_add", args=[pk]),
        {"unit": tree.a.pk, "on": "20/07/2022", "hosts": "Võ Văn Đón; Chủ tịch; Công đoàn Sở Y tế"},
    )
    assert response.status_code == 302
    assert Visit.objects.get().hosts.get().position == "Chủ tịch"
    area = ContentArea.objects.get(code="che-do-chinh-sach")
    client.post(reverse("plans:finding_add", args=[pk]), {"area": area.pk, "results": "Bảo đảm quyền lợi."})
    client.post(
        reverse("plans:gift_add", args=[pk]), {"kind": "house", "count": "1", "unit_value": "60.000.000"}
    )
    assert Gift.objects.get().unit_value == 60_000_000
    response = client.post(
        reverse("plans:report_issue", args=[pk]),
        {"signed_on": "29/07/2022", "signer_name": "Trần Thị Trưởng Đoàn", "signer_position": "Phó Chủ tịch"},
    )
    assert response.status_code == 302
    report = Mission.objects.get().report
    detail = client.get(reverse("plans:mission", args=[pk])).content.decode()
    assert report.number_symbol in detail and "60.000.000" in detail
    download = client.get(reverse("plans:report_download", args=[pk]))
    assert download["Content-Type"].endswith("wordprocessingml.document")
    text = _docx_text(download.content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {report.number_symbol}",
        "ngày 29 tháng 7 năm 2022",
        "Bảo đảm quyền lợi.",
        "CÔNG ĐOÀN VIÊN CHỨC TỈNH A",
    ):
        assert expected in text, expected


def test_create_and_edit_pages(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    head = factories.officer(tree.a, tree.cdvc, name="Đỗ Văn Trưởng")
    plan = factories.issued(tree.cdvc)
    assert client.get(reverse("plans:mission_create")).status_code == 200
    response = client.post(
        reverse("plans:mission_create"),
        {
            "title": "Đoàn khảo sát mới",
            "plan": plan.pk,
            "unit": tree.cdvc.pk,
            "starts_on": "19/07/2022",
            "ends_on": "24/07/2022",
            "head": head.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    mission = Mission.objects.get()
    edit = reverse("plans:mission_edit", args=[mission.pk])
    assert client.get(edit).status_code == 200
    client.post(
        edit,
        {"title": "Đoàn khảo sát sửa", "plan": plan.pk, "starts_on": "19/07/2022", "ends_on": "23/07/2022"},
    )
    mission.refresh_from_db()
    assert (mission.title, mission.ends_on) == ("Đoàn khảo sát sửa", dt.date(2022, 7, 23))


# -- a programme edited, a member added ----------------------------------------------------------


def test_programme_edit_page_by_scope(client, pact, cdvc_officer, viewer_a, officer_a, officer_b):
    """200 for the recording unit's officer (with the link on the programme's page), 403 for those who
    see the programme but may not change it, 404 for an officer outside its parties."""
    edit = reverse("plans:programme_edit", args=[pact.pk])
    detail = reverse("plans:programme", args=[pact.pk])
    client.force_login(cdvc_officer)
    page = client.get(edit)
    assert page.status_code == 200
    assert 'value="Chương trình phối hợp thử"' in page.content.decode()
    assert edit in client.get(detail).content.decode()
    for viewer in (viewer_a, officer_a):
        client.force_login(viewer)
        assert client.get(detail).status_code == 200 and edit not in client.get(detail).content.decode()
        assert client.get(edit).status_code == 403
        assert client.post(edit, {"title": "X"}).status_code == 403
    client.force_login(officer_b)
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"title": "X"}).status_code == 404
    assert not AuditEntry.objects.filter(action="programme.update").exists()


def _programme_post(pact, **changes) -> dict:
    return {
        "title": pact.title,
        "document": pact.document_id,
        "parties": [u.pk for u in pact.parties.all() if u.pk != pact.unit_id],
        "areas": [a.pk for a in pact.areas.all()],
        "valid_from": "15/07/2021",
        "valid_to": "",
        **changes,
    }


def test_programme_edit_form_writes_through_the_service(client, pact, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    edit = reverse("plans:programme_edit", args=[pact.pk])
    response = client.post(edit, _programme_post(pact, valid_to="01/07/2021"))
    assert response.status_code == FORM_ERRORS
    assert "Đến ngày: phải sau ngày bắt đầu (15/07/2021)." in response.content.decode()
    assert not AuditEntry.objects.filter(action="programme.update").exists()
    response = client.post(
        edit,
        _programme_post(
            pact, title="Chương trình sửa", parties=[tree.a.pk, tree.b.pk], valid_to="15/07/2026"
        ),
    )
    assert response.status_code == 302 and response["Location"] == reverse("plans:programme", args=[pact.pk])
    pact.refresh_from_db()
    assert (pact.title, pact.valid_to) == ("Chương trình sửa", dt.date(2026, 7, 15))
    assert set(pact.parties.values_list("code", flat=True)) == {"CDVC", "CDCS_A", "CDCS_B"}


def test_member_add_page_by_scope(client, survey, tree, cdvc_officer, viewer_a, officer_a, officer_b):
    services.visit_add(actor=cdvc_officer, mission=survey.mission, unit=tree.a, on=factories.START)
    add = reverse("plans:member_add", args=[survey.mission.pk])
    detail = reverse("plans:mission", args=[survey.mission.pk])
    client.force_login(cdvc_officer)
    page = client.get(add)
    assert page.status_code == 200 and "Lê Văn Thành Viên" in page.content.decode()  # the position picker
    assert add in client.get(detail).content.decode()
    for viewer in (viewer_a, officer_a):  # officer_a: its unit was visited
        client.force_login(viewer)
        assert add not in client.get(detail).content.decode()
        assert client.get(add).status_code == 403
        assert client.post(add, {"position": survey.member.pk}).status_code == 403
    client.force_login(officer_b)
    assert client.get(add).status_code == 404
    assert client.post(add, {"position": survey.member.pk}).status_code == 404


def test_member_add_form_refuses_who_is_not_an_officer_in_scope(client, survey, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    add = reverse("plans:member_add", args=[survey.mission.pk])
    late = factories.officer(tree.b, name="Vũ Thị Muộn", since=dt.date(2022, 7, 21))
    response = client.post(add, {"position": late.pk})
    assert response.status_code == FORM_ERRORS
    body = response.content.decode()
    assert "Thành viên đoàn: Vũ Thị Muộn không phải cán bộ công đoàn của Công đoàn Viên chức tỉnh A" in body
    assert "(19/07/2022 – 24/07/2022)" in body and "is-invalid" in body
    response = client.post(add, {"position": survey.outsider.pk})  # not even offered: another province
    assert response.status_code == FORM_ERRORS
    assert survey.mission.members.count() == 2
    assert not AuditEntry.objects.filter(action="mission.member_add").exists()
    newcomer = factories.officer(tree.b, name="Hoàng Thị Mới")
    assert client.post(add, {"position": newcomer.pk}).status_code == 302
    assert "Hoàng Thị Mới" in client.get(reverse("plans:mission", args=[survey.mission.pk])).content.decode()
