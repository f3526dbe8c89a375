"""Pages of movements and registrations: lists with filters in the query string and a constant
number of queries, forms answering bad input on the field, the review buttons."""

import datetime as dt

import pytest
from django.urls import reverse

from congdoan.core.dates import today
from congdoan.emulation.models import Registration
from congdoan.organizations.tests.factories import make_unit

from .factories import movement, registration
from .helpers import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def movements(tree, cdvc_officer, officer_a):
    year = today().year  # a deadline still open
    m = movement(tree.cdvc, actor=cdvc_officer, year=year, deadline=dt.date(year, 12, 31))
    movement(tree.cdvc, name="Giỏi việc nước, đảm việc nhà", kind="movement", actor=cdvc_officer, year=2023)
    return m


def test_movement_list_filters_by_query_string(client, officer_a, movements):
    client.force_login(officer_a)
    response = client.get(reverse("emulation:movements"), {"year": 2023})
    assert [m.name for m in response.context["page"].object_list] == ["Giỏi việc nước, đảm việc nhà"]
    response = client.get(reverse("emulation:movements"), {"year": "hai nghìn"})
    assert response.status_code == 422
    assert "Năm: hãy nhập một số, ví dụ 2022." in response.content.decode()


def test_movement_list_and_registrations_keep_their_query_count(client, tree, cdvc_officer, admin_user):
    client.force_login(cdvc_officer)
    units = [make_unit(f"U{i}", f"Công đoàn cơ sở {i}", tree.cdvc) for i in range(6)]
    m = movement(tree.cdvc)
    registration(m, units[0])
    urls = [
        reverse("emulation:movements"),
        reverse("emulation:registrations"),
        reverse("emulation:movement", args=[m.pk]),
    ]
    small = [queries_of(lambda u=u: client.get(u)) for u in urls]
    for i in range(1, 6):
        movement(tree.cdvc, name=f"Phong trào {i}")
        registration(m, units[i], state="submitted")
    assert [queries_of(lambda u=u: client.get(u)) for u in urls] == small


def test_launch_form_names_the_field(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    data = {
        "unit": tree.cdvc.pk,
        "kind": "movement",
        "name": "Tham mưu giỏi, phục vụ tốt",
        "starts_on": "01/01/2022",
        "ends_on": "31/12/2021",
    }
    response = client.post(reverse("emulation:movement_create"), data)
    assert response.status_code == 422
    assert response.context["form"].errors["ends_on"] == [
        "Đến ngày: 31/12/2021 trước ngày bắt đầu 01/01/2022."
    ]
    data["ends_on"] = "31/12/2022"
    response = client.post(reverse("emulation:movement_create"), data)
    assert response.status_code == 302


def test_register_then_review_through_the_pages(client, tree, officer_a, cdvc_officer, movements):
    client.force_login(officer_a)
    response = client.post(
        reverse("emulation:registration_create", args=[movements.pk]),
        {"unit": tree.a.pk, "targets": "Cờ thi đua"},
    )
    r = Registration.objects.get()
    assert response.status_code == 302 and r.unit == tree.a
    page = client.get(reverse("emulation:registration", args=[r.pk])).content.decode()
    assert "Gửi đăng ký" in page and "Duyệt" not in page
    client.post(reverse("emulation:registration_step", args=[r.pk]), {"step": "submit"})
    client.force_login(cdvc_officer)
    response = client.post(reverse("emulation:registration_step", args=[r.pk]), {"step": "send_back"})
    assert response.status_code == 422 and "Hãy ghi lý do." in response.content.decode()
    client.post(reverse("emulation:registration_step", args=[r.pk]), {"step": "accept"})
    r.refresh_from_db()
    assert r.state == Registration.State.ACCEPTED


def test_pages_read_in_english(client, officer_a, movements):
    from django.conf import settings
    from django.utils import translation

    client.force_login(officer_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    try:
        body = client.get(reverse("emulation:movements")).content.decode()
        assert "Emulation movements" in body and "Registration deadline" in body
    finally:
        translation.activate(settings.LANGUAGE_CODE)
