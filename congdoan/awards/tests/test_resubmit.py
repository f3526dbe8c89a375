"""A nomination returned by the reviewing level: its dossier edited and sent again from its own page
(``awards:nomination_edit``), by the nominating side only, only while proposed or returned."""

import pytest

from congdoan.awards import services
from congdoan.awards.models import Nomination
from congdoan.core.models import AuditEntry
from congdoan.members.tests.factories import join

from .factories import nominate

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(tree, officer_a, cdvc_officer):
    person = join(tree.a, actor=officer_a, name="Lê Thị Trả Lại")
    n = nominate(tree.a, "giay-khen", people=[person], issuer=tree.cdvc, actor=officer_a, council=5, votes=4)
    services.nomination_step(actor=officer_a, nomination=n, step="submit")
    services.nomination_step(actor=cdvc_officer, nomination=n, step="send_back", reason="Thiếu báo cáo")
    n.refresh_from_db()
    assert n.state == Nomination.State.RETURNED
    return n


def _url(n) -> str:
    return f"/khen-thuong/de-nghi/{n.pk}/sua/"


def test_returned_dossier_is_edited_and_sent_again(client, returned, officer_a):
    client.force_login(officer_a)
    page = client.get(_url(returned))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Thiếu báo cáo" in body and "Lưu và gửi lại" in body
    assert "Sửa hồ sơ và gửi lại" in client.get(f"/khen-thuong/de-nghi/{returned.pk}/").content.decode()
    line = returned.lines.get()
    response = client.post(
        _url(returned),
        {
            "report": "Báo cáo thành tích năm 2022",
            "council_size": "5",
            "council_present": "5",
            f"votes_{line.pk}": "5",
            f"achievements_{line.pk}": "Hoàn thành xuất sắc",
            "resubmit": "1",
        },
    )
    assert response.status_code == 302
    returned.refresh_from_db()
    line.refresh_from_db()
    assert returned.state == Nomination.State.REVIEWING and returned.report == "Báo cáo thành tích năm 2022"
    assert line.votes_for == 5 and line.achievements == "Hoàn thành xuất sắc"
    actions = list(
        AuditEntry.objects.filter(object_type="awards.nomination", object_id=str(returned.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["nomination.update", "nomination.submit"]


def test_save_without_sending_keeps_it_returned(client, returned, officer_a):
    client.force_login(officer_a)
    response = client.post(_url(returned), {"report": "Bổ sung", "council_size": "5", "council_present": "5"})
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.state == Nomination.State.RETURNED and returned.report == "Bổ sung"


def test_votes_above_the_council_are_refused_and_nothing_is_written(client, returned, officer_a):
    client.force_login(officer_a)
    line = returned.lines.get()
    before = AuditEntry.objects.count()
    response = client.post(
        _url(returned),
        {
            "report": "X",
            "council_size": "5",
            "council_present": "5",
            f"votes_{line.pk}": "9",
            "resubmit": "1",
        },
    )
    assert response.status_code == 422
    assert "nhiều hơn số thành viên hội đồng" in response.content.decode()
    returned.refresh_from_db()
    assert returned.state == Nomination.State.RETURNED and returned.report == ""
    assert AuditEntry.objects.count() == before


def test_a_dossier_under_review_is_not_edited(client, returned, officer_a):
    client.force_login(officer_a)
    services.nomination_step(actor=officer_a, nomination=returned, step="submit")
    assert client.get(_url(returned)).status_code == 422
    response = client.post(_url(returned), {"report": "Sửa khi đang xét", "council_size": "5"})
    assert response.status_code == 422 and "Chỉ sửa được đề nghị" in response.content.decode()
    returned.refresh_from_db()
    assert returned.report == ""


def test_only_the_nominating_side_within_reach(client, returned, officer_b, viewer_a):
    client.force_login(officer_b)  # a sibling CĐCS: the nomination does not exist for them
    assert client.get(_url(returned)).status_code == 404
    assert client.post(_url(returned), {"report": "x"}).status_code == 404
    client.force_login(viewer_a)  # sees it, may not change it
    assert client.get(_url(returned)).status_code == 403
    assert client.post(_url(returned), {"report": "x"}).status_code == 403


def test_the_service_refuses_a_reader_of_the_reviewing_level(returned, tree, cdvc_officer):
    from django.core.exceptions import PermissionDenied

    from congdoan.organizations.tests.factories import UserFactory, grant

    reader = UserFactory(username="doc_cdvc", home_unit=tree.cdvc)
    grant(reader, tree.cdvc, "can-bo-van-phong")
    with pytest.raises(PermissionDenied):
        services.nomination_update(actor=reader, nomination=returned, report="x", resubmit=True)
