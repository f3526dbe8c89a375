"""Pages of missions and programmes: scope, constant query counts, forms writing through the services,
the report downloaded and opened."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

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
