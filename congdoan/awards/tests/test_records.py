"""Disciplinary records, task ratings and earlier union work through pages and the API (issue 12
leftovers): scope (404), permission (403), bad input (422, Vietnamese, naming the field), history
(an ended record stays; a re-rating keeps the grade before in the audit), constant query counts;
and the "Khen thưởng" section of the member page, registered through core.plugins."""

import datetime as dt
import json
import pathlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.accounts.services import token_issue
from congdoan.awards import records
from congdoan.awards.models import Discipline, EarlierService, TaskRating
from congdoan.core.models import AuditEntry
from congdoan.members.tests.factories import join

from .factories import CSTDCS, LDTT, awarded

pytestmark = pytest.mark.django_db
HEAD = "Giám đốc Sở"


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _sanction(officer, unit, person=None, **kw):
    return records.discipline_record(
        actor=officer,
        owner=unit,
        person=person or join(unit),
        level=kw.pop("level", "reprimand"),
        starts_on=kw.pop("starts_on", dt.date(2023, 3, 1)),
        **kw,
    )


def test_pages_record_filter_and_end_a_discipline(client, tree, officer_a):
    client.force_login(officer_a)
    person = join(tree.a, name="Lê Văn Kỷ Luật")
    page = client.get(f"/khen-thuong/ky-luat/moi/?person={person.card_number}")
    assert page.status_code == 200 and person.card_number in page.content.decode()
    data = {"owner": tree.a.pk, "person": person.card_number, "level": "warning", "starts_on": "01/03/2023"}
    bad = client.post("/khen-thuong/ky-luat/moi/", {**data, "ends_on": "01/02/2023"})
    assert bad.status_code == 422 and "Đến ngày phải sau ngày bắt đầu" in bad.content.decode()
    bad = client.post("/khen-thuong/ky-luat/moi/", {**data, "starts_on": "31/02/2023"})
    assert bad.status_code == 422 and "31/02/2023" in bad.content.decode()
    bad = client.post("/khen-thuong/ky-luat/moi/", {**data, "person": "KHONG-CO"})
    assert bad.status_code == 422 and "Số thẻ KHONG-CO" in bad.content.decode()
    assert not Discipline.objects.exists()
    assert client.post("/khen-thuong/ky-luat/moi/", data).status_code == 302
    record = Discipline.objects.get()
    listed = client.get(f"/khen-thuong/ky-luat/?unit={tree.a.pk}&level=warning&state=active").content.decode()
    assert "Lê Văn Kỷ Luật" in listed
    assert "Lê Văn Kỷ Luật" not in client.get("/khen-thuong/ky-luat/?state=ended").content.decode()
    assert client.get("/khen-thuong/ky-luat/?year=abc").status_code == 422
    # End it through HTMX: the row comes back; a second end is refused, naming the field.
    hx = {"HTTP_HX_REQUEST": "true"}
    early = client.post(f"/khen-thuong/ky-luat/{record.pk}/ket-thuc/", {"ends_on": "01/01/2023"}, **hx)
    assert (
        early.status_code == 422 and "Đến ngày phải sau ngày bắt đầu (01/03/2023)" in early.content.decode()
    )
    done = client.post(f"/khen-thuong/ky-luat/{record.pk}/ket-thuc/", {"ends_on": "01/09/2023"}, **hx)
    assert done.status_code == 200 and "01/09/2023" in done.content.decode()
    again = client.post(f"/khen-thuong/ky-luat/{record.pk}/ket-thuc/", {"ends_on": "01/10/2023"}, **hx)
    assert again.status_code == 422 and "đã kết thúc từ ngày 01/09/2023" in again.content.decode()
    record.refresh_from_db()
    assert record.ends_on == dt.date(2023, 9, 1)
    entry = AuditEntry.objects.get(action="discipline.end")
    assert entry.before == {"ends_on": None} and entry.after == {"ends_on": "2023-09-01"}


def test_scope_and_permission(client, tree, officer_a, officer_b, viewer_a):
    theirs = _sanction(officer_b, tree.b)
    ours = _sanction(officer_a, tree.a)
    client.force_login(officer_a)
    assert (
        client.post(f"/khen-thuong/ky-luat/{theirs.pk}/ket-thuc/", {"ends_on": "01/09/2023"}).status_code
        == 404
    )
    assert "Công đoàn Sở Giáo dục" not in client.get("/khen-thuong/ky-luat/").content.decode()
    client.force_login(viewer_a)  # awards.view only
    assert client.get("/khen-thuong/ky-luat/").status_code == 200
    assert (
        client.post(f"/khen-thuong/ky-luat/{ours.pk}/ket-thuc/", {"ends_on": "01/09/2023"}).status_code == 403
    )
    person = join(tree.a)
    posted = client.post(
        "/khen-thuong/xep-loai/moi/",
        {"owner": tree.a.pk, "person": person.card_number, "year": "2023", "grade": "good"},
    )
    assert posted.status_code == 403 and not TaskRating.objects.exists()
    ours.refresh_from_db()
    assert ours.ends_on is None


def test_rating_and_earlier_service_pages(client, tree, officer_a):
    client.force_login(officer_a)
    person = join(tree.a, name="Đỗ Thị Xếp Loại")
    data = {"owner": tree.a.pk, "person": person.card_number, "year": "2023", "grade": "good"}
    bad = client.post("/khen-thuong/xep-loai/moi/", {**data, "year": "3000"})
    assert bad.status_code == 422 and "Năm" in bad.content.decode()
    assert client.post("/khen-thuong/xep-loai/moi/", data).status_code == 302
    assert client.post("/khen-thuong/xep-loai/moi/", {**data, "grade": "excellent"}).status_code == 302
    rating = TaskRating.objects.get()
    assert rating.grade == "excellent"
    changed = AuditEntry.objects.filter(action="rating.record").order_by("id").last()
    assert changed.before == {"grade": "good"} and changed.after == {"grade": "excellent"}
    listed = client.get("/khen-thuong/xep-loai/?year=2023&grade=excellent").content.decode()
    assert "Đỗ Thị Xếp Loại" in listed
    assert "Đỗ Thị Xếp Loại" not in client.get("/khen-thuong/xep-loai/?grade=good").content.decode()
    service = {
        "owner": tree.a.pk,
        "person": person.card_number,
        "starts_on": "01/01/2000",
        "ends_on": "01/01/2005",
        "position": "Tổ trưởng công đoàn",
        "organisation": "",
    }
    bad = client.post("/khen-thuong/cong-tac-truoc-day/moi/", service)
    assert bad.status_code == 422 and "Tổ chức công đoàn" in bad.content.decode()
    service["organisation"] = "Công đoàn Nhà máy cũ"
    assert client.post("/khen-thuong/cong-tac-truoc-day/moi/", service).status_code == 302
    assert EarlierService.objects.get().organisation == "Công đoàn Nhà máy cũ"
    assert (
        "Công đoàn Nhà máy cũ"
        in client.get(f"/khen-thuong/cong-tac-truoc-day/?unit={tree.a.pk}").content.decode()
    )


def test_record_lists_do_not_grow_with_rows(client, tree, officer_a):
    client.force_login(officer_a)
    urls = ["/khen-thuong/ky-luat/", "/khen-thuong/xep-loai/", "/khen-thuong/cong-tac-truoc-day/"]

    def add(n):
        for _ in range(n):
            person = join(tree.a)
            _sanction(officer_a, tree.a, person)
            records.rating_record(actor=officer_a, unit=tree.a, person=person, year=2023, grade="good")
            records.earlier_service_record(
                actor=officer_a,
                owner=tree.a,
                person=person,
                starts_on=dt.date(2000, 1, 1),
                ends_on=dt.date(2001, 1, 1),
                position="Tổ phó",
                organisation="Công đoàn bộ phận",
            )

    add(1)
    before = [_count(client, u) for u in urls]
    add(4)
    assert [_count(client, u) for u in urls] == before


def test_api_routes(client, tree, officer_a, officer_b):
    _t, raw = token_issue(actor=officer_a, name="a")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def post(url, body):
        return client.post(url, json.dumps(body), content_type="application/json", **auth)

    person = join(tree.a, name="Vũ Văn Api")
    body = {"owner_id": tree.a.pk, "person_id": person.pk, "level": "warning", "starts_on": "2023-03-01"}
    bad = post("/api/v1/awards/disciplines", {**body, "ends_on": "2023-01-01"})
    assert bad.status_code == 422 and "Đến ngày phải sau ngày bắt đầu" in bad.json()["errors"]["ends_on"][0]
    made = post("/api/v1/awards/disciplines", body)
    assert made.status_code == 201 and made.json()["person_name"] == "Vũ Văn Api"
    did = made.json()["id"]
    ended = post(f"/api/v1/awards/disciplines/{did}/end", {"ends_on": "2023-09-01"})
    assert ended.status_code == 200 and ended.json()["ends_on"] == "2023-09-01"
    assert post(f"/api/v1/awards/disciplines/{did}/end", {"ends_on": "2023-10-01"}).status_code == 422
    theirs = _sanction(officer_b, tree.b)
    assert post(f"/api/v1/awards/disciplines/{theirs.pk}/end", {"ends_on": "2023-09-01"}).status_code == 404
    assert post("/api/v1/awards/disciplines", {**body, "owner_id": tree.b.pk}).status_code == 404
    listed = client.get(f"/api/v1/awards/disciplines?unit_id={tree.a.pk}&state=ended", **auth).json()
    assert [d["id"] for d in listed["items"]] == [did]
    assert client.get(f"/api/v1/awards/disciplines?unit_id={tree.b.pk}", **auth).status_code == 404
    rating = {"unit_id": tree.a.pk, "person_id": person.pk, "year": 2023, "grade": "excellent"}
    assert post("/api/v1/awards/ratings", {**rating, "grade": "xuat-sac"}).status_code == 422
    assert post("/api/v1/awards/ratings", rating).status_code == 201
    assert client.get("/api/v1/awards/ratings?year=2023", **auth).json()["items"][0]["grade"] == "excellent"
    service = {
        "owner_id": tree.a.pk,
        "person_id": person.pk,
        "starts_on": "2005-01-01",
        "ends_on": "2001-01-01",
        "position": "Tổ trưởng",
        "organisation": "Công đoàn bộ phận",
    }
    bad = post("/api/v1/awards/earlier-service", service)
    assert bad.status_code == 422 and "Đến ngày phải sau" in bad.json()["errors"]["ends_on"][0]
    service["starts_on"] = "1995-01-01"
    assert post("/api/v1/awards/earlier-service", service).status_code == 201
    assert client.get("/api/v1/awards/earlier-service", **auth).json()["count"] == 1


def test_member_page_shows_the_awards_section_in_constant_queries(client, tree, officer_a, viewer_a):
    person = join(tree.a, name="Hoàng Thị Thành Tích")
    records.rating_record(actor=officer_a, unit=tree.a, person=person, year=2022, grade="excellent")
    awarded(tree.a, LDTT, people=[person], issuer_name=HEAD)
    _sanction(officer_a, tree.a, person, reference="07/QĐ-CĐ", starts_on=dt.date(2023, 5, 1))
    client.force_login(officer_a)
    url = f"/doan-vien/{person.pk}/"
    page = client.get(url).content.decode()
    section = page[page.index('data-testid="awards-section"') :]
    assert "Lao động tiên tiến" in section and "07/QĐ-CĐ" in section and "Hoàn thành xuất sắc" in section
    before = _count(client, url)
    awarded(tree.a, CSTDCS, people=[person], issuer_name=HEAD, council=10, votes=9)
    awarded(tree.a, "giay-khen", people=[person], issuer=tree.cdvc, year=2021)
    records.rating_record(actor=officer_a, unit=tree.a, person=person, year=2021, grade="good")
    _sanction(officer_a, tree.a, person, starts_on=dt.date(2019, 1, 1), ends_on=dt.date(2020, 1, 1))
    assert _count(client, url) == before
    client.force_login(viewer_a)  # awards.view: the awards, not the disciplinary records
    section = client.get(url).content.decode()
    section = section[section.index('data-testid="awards-section"') :]
    assert "Lao động tiên tiến" in section and "07/QĐ-CĐ" not in section


def test_members_never_import_awards():
    members = pathlib.Path(__file__).resolve().parents[2] / "members"
    offenders = [
        str(p)
        for p in members.rglob("*.py")
        if re.search(r"^\s*(from|import)\s+congdoan\.awards", p.read_text(), re.M)
    ]
    assert offenders == []
