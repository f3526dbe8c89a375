"""The conferences pages: lists with filters in the query string, the conference page, the forms
(bad input answered 422 with the service's Vietnamese message on its field), the compliance table."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.organizations.tests.factories import make_unit

from ..models import Conference, ConferenceKind, DocumentRole, Vote
from ..services import document_add
from .factories import conference, duty

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    conference(tree.a, cdvc_officer)
    url = reverse("meetings:list")
    few = _queries(client, url)
    for i in range(6):
        unit = make_unit(f"MORE{i}", f"Công đoàn cơ sở thêm {i}", tree.cdvc)
        conference(unit, cdvc_officer)
    assert _queries(client, url) == few


def test_list_filters_from_the_query_string(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    first = conference(tree.a, cdvc_officer)
    other_year = conference(tree.b, cdvc_officer, year=2023, held_on=dt.date(2023, 3, 1))
    response = client.get(reverse("meetings:list"), {"year": 2024})
    body = response.content.decode()
    assert f'data-conference="{first.pk}"' in body and f'data-conference="{other_year.pk}"' not in body
    response = client.get(reverse("meetings:list"), {"unit": tree.b.pk})
    body = response.content.decode()
    assert f'data-conference="{other_year.pk}"' in body and f'data-conference="{first.pk}"' not in body


def test_bad_filter_says_which_field(client, tree, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("meetings:list"), {"year": "abc"})
    assert response.status_code == 422
    assert "Nhập một số nguyên." in response.content.decode()  # core.forms.WHOLE_NUMBER, under "Năm"


def test_list_shows_only_the_actors_units(client, tree, officer_a, officer_b):
    mine = conference(tree.a, officer_a)
    theirs = conference(tree.b, officer_b)
    client.force_login(officer_a)
    body = client.get(reverse("meetings:list")).content.decode()
    assert f'data-conference="{mine.pk}"' in body and f'data-conference="{theirs.pk}"' not in body
    assert client.get(reverse("meetings:detail", args=[theirs.pk])).status_code == 404


FORM = {
    "kind": "cbccvc",
    "year": "2024",
    "held_on": "22/02/2024",
    "expected": "30",
    "present": "28",
    "place": "Hội trường cơ quan",
    "agenda": "Báo cáo kiểm điểm\nGóp ý dự thảo",
}


def test_record_a_conference(client, tree, officer_a):
    duty(tree.a, officer_a)
    client.force_login(officer_a)
    response = client.post(reverse("meetings:create"), {**FORM, "unit": tree.a.pk})
    held = Conference.objects.get()
    assert response.status_code == 302 and response.url == reverse("meetings:detail", args=[held.pk])
    assert held.held_on == dt.date(2024, 2, 22) and held.agenda == "Báo cáo kiểm điểm\nGóp ý dự thảo"


def test_form_error_names_the_field(client, tree, officer_a):
    duty(tree.a, officer_a)
    client.force_login(officer_a)
    response = client.post(reverse("meetings:create"), {**FORM, "unit": tree.a.pk, "present": "31"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Số người có mặt (31) không thể lớn hơn số được triệu tập (30)." in body
    assert (
        not Conference.objects.exists() and not AuditEntry.objects.filter(action="conference.record").exists()
    )


def test_bad_date_is_quoted(client, tree, officer_a):
    client.force_login(officer_a)
    response = client.post(reverse("meetings:create"), {**FORM, "unit": tree.a.pk, "held_on": "31/02/2024"})
    assert response.status_code == 422
    assert "&#x27;31/02/2024&#x27; không phải là ngày hợp lệ" in response.content.decode()


def test_read_only_officer_cannot_record(client, tree, viewer_a):
    client.force_login(viewer_a)
    assert client.get(reverse("meetings:create")).status_code == 403
    assert client.get(reverse("meetings:list")).status_code == 200


def test_conference_page_with_documents_and_votes(client, tree, officer_a, django_assert_max_num_queries):
    held = conference(tree.a, officer_a)
    client.force_login(officer_a)
    url = reverse("meetings:detail", args=[held.pk])
    response = client.post(
        reverse("meetings:document_add", args=[held.pk]),
        {"doc-role": DocumentRole.RESOLUTION, "doc-title": "Nghị quyết Hội nghị năm 2024"},
    )
    assert response.status_code == 302
    document = held.documents.get()
    response = client.post(
        reverse("meetings:vote_add", args=[held.pk]),
        {"vote-subject": "Các chỉ tiêu Nghị quyết", "vote-document": document.pk, "vote-votes_for": "28"},
    )
    assert response.status_code == 302
    vote = Vote.objects.get()
    assert vote.adopted and vote.document == document
    for _ in range(3):
        document_add(actor=officer_a, conference=held, role=DocumentRole.OTHER, title="Dự thảo")
    with django_assert_max_num_queries(20):
        body = client.get(url).content.decode()
    assert "Nghị quyết Hội nghị năm 2024" in body and "28 (100\xa0%)" in body and "Được thông qua" in body


def test_vote_over_present_is_refused_on_the_page(client, tree, officer_a):
    held = conference(tree.a, officer_a)
    client.force_login(officer_a)
    response = client.post(
        reverse("meetings:vote_add", args=[held.pk]),
        {"vote-subject": "Nghị quyết", "vote-votes_for": "27", "vote-votes_against": "2"},
    )
    assert response.status_code == 422
    assert "cộng lại là 29, vượt số người có mặt (28)" in response.content.decode()
    assert not Vote.objects.exists()


def test_compliance_page_and_its_units(client, tree, cdvc_officer):
    duty(tree.b, cdvc_officer)
    conference(tree.a, cdvc_officer)
    client.force_login(cdvc_officer)
    url = reverse("meetings:compliance")
    response = client.get(url, {"unit": tree.cdvc.pk, "year": 2024, "kind": ConferenceKind.PUBLIC_EMPLOYEES})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-col="held"' in body and ">1/2<" in body
    response = client.get(url, {"unit": tree.cdvc.pk, "year": 2024, "state": "missing"})
    units = response.content.decode().split('data-testid="units"')[1]
    assert "Công đoàn Sở Giáo dục và Đào tạo" in units and "Công đoàn Sở Y tế" not in units


def test_compliance_of_a_sibling_is_not_found(client, tree, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("meetings:compliance"), {"unit": tree.b.pk, "year": 2024})
    assert response.status_code == 422  # the picker refuses a unit out of reach, naming the field
    assert "Đơn vị: đơn vị đã chọn không có trong danh sách" in response.content.decode()


def test_dashboard_card_reads_the_registry(client, tree, officer_a):
    conference(tree.a, officer_a)
    client.force_login(officer_a)
    body = client.get("/").content.decode()
    assert 'data-testid="card-meetings"' in body
    assert 'data-figure="conferences.cbccvc.held"' in body


def test_pages_read_in_english(client, tree, cdvc_officer, settings):
    from django.utils import translation

    conference(tree.a, cdvc_officer)
    client.force_login(cdvc_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/hoi-nghi/"})
    try:
        body = client.get(
            reverse("meetings:compliance"), {"unit": tree.cdvc.pk, "year": 2024}
        ).content.decode()
        assert "Conference compliance" in body and "Held / required" in body
        assert "Tình hình tổ chức hội nghị" not in body
        body = client.get(reverse("meetings:list")).content.decode()
        assert "Record a conference" in body
        held = Conference.objects.get()
        client.post(
            reverse("meetings:vote_add", args=[held.pk]), {"vote-subject": "X", "vote-votes_for": "28"}
        )
        assert Vote.objects.get().rule.startswith("Tán thành quá 1/2 số có mặt")  # stored in Vietnamese
    finally:
        translation.activate(settings.LANGUAGE_CODE)


def test_compliance_excel_is_the_pages_table(client, tree, cdvc_officer):
    import io

    from python_calamine import CalamineWorkbook

    duty(tree.b, cdvc_officer)
    conference(tree.a, cdvc_officer)
    client.force_login(cdvc_officer)
    response = client.get(reverse("meetings:compliance_export"), {"unit": tree.cdvc.pk, "year": 2024})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "Hội nghị cán bộ, công chức, viên chức năm 2024"
    table = {row[0]: row[2:6] for row in rows[2:]}
    assert table["Công đoàn Viên chức tỉnh A"] == [2, 1, 1, 50]
    assert table["Công đoàn Sở Giáo dục và Đào tạo"] == [1, 0, 1, 0]
    assert table["Công đoàn Sở Y tế"] == [1, 1, 0, 100]


def test_compliance_excel_of_a_sibling_is_refused(client, tree, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("meetings:compliance_export"), {"unit": tree.b.pk, "year": 2024})
    assert response.status_code == 422 and "Công đoàn Sở Giáo dục và Đào tạo" not in response.content.decode()


def test_compliance_year_defaults_to_the_last_complete_year(client, tree, cdvc_officer):
    """The year box is filled: with nothing asked, the page counts the last work year that ended."""
    last = dt.date.today().year - 1
    duty(tree.a, cdvc_officer)
    client.force_login(cdvc_officer)
    response = client.get(reverse("meetings:compliance"))
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(rf'name="year"[^>]*value="{last}"', body)
    assert f"năm {last}" in body
