"""Mid-year and year-end reviews (sơ kết 6 tháng, tổng kết năm): recorded once per unit, kind and
work year inside their window; the awards handed out; the report, award decisions and the plan
launching the next year's emulation linked as numbered documents, the movement reached through the
plan (documents.links) without this module importing emulation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.documents.tests.factories import draft, issued
from congdoan.emulation.services import movement_create

from ..models import Review, ReviewAward, ReviewKind, ReviewLink
from ..reviews import review_award_add, review_link
from ..selectors import review_detail
from .factories import review

pytestmark = pytest.mark.django_db


def _refused(field, words, run):
    before = (AuditEntry.objects.count(), Review.objects.count(), ReviewAward.objects.count())
    with pytest.raises(ValidationError) as caught:
        run()
    assert field in caught.value.message_dict, caught.value.message_dict
    assert words in " ".join(caught.value.message_dict[field]), caught.value.message_dict
    assert (AuditEntry.objects.count(), Review.objects.count(), ReviewAward.objects.count()) == before


def test_year_end_review_recorded_with_audit(tree, cdvc_officer):
    held = review(tree.cdvc, cdvc_officer, place="Hội trường", launched="Phong trào thi đua năm 2023")
    assert (held.year, held.held_on, held.attendees) == (2022, dt.date(2023, 1, 5), 120)
    entry = AuditEntry.objects.get(action="review.record")
    assert entry.unit_id == tree.cdvc.pk and entry.after["attendees"] == 120


def test_mid_year_review_in_july(tree, cdvc_officer):
    held = review(tree.cdvc, cdvc_officer, kind=ReviewKind.MID_YEAR, held_on=dt.date(2022, 7, 20))
    assert held.get_kind_display() == "Hội nghị sơ kết 6 tháng đầu năm"


FUTURE = dt.date.today() + dt.timedelta(days=5)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"attendees": 0}, "attendees", "Số đại biểu dự phải từ 1 trở lên"),
        ({"year": FUTURE.year, "held_on": FUTURE}, "held_on", "chưa đến"),
        ({"year": 2018, "held_on": dt.date(2019, 1, 5)}, "held_on", "chưa thành lập"),
        ({"held_on": dt.date(2023, 5, 5)}, "held_on", "từ ngày 01/11/2022 đến ngày 31/03/2023"),
        (
            {"kind": ReviewKind.MID_YEAR, "held_on": dt.date(2022, 12, 20)},
            "held_on",
            "từ ngày 01/06/2022 đến ngày 30/09/2022",
        ),
        ({"kind": "khac"}, "kind", "không có trong danh mục"),
    ],
    ids=["nobody", "future", "before-the-unit", "year-end-outside", "mid-year-outside", "kind"],
)
def test_bad_review_is_refused(tree, cdvc_officer, changes, field, words):
    _refused(field, words, lambda: review(tree.cdvc, cdvc_officer, **changes))


def test_second_review_of_a_kind_in_a_year_is_refused(tree, cdvc_officer):
    review(tree.cdvc, cdvc_officer)
    _refused("year", "đã ghi Hội nghị tổng kết năm 2022", lambda: review(tree.cdvc, cdvc_officer))


def test_another_units_review_is_out_of_reach(tree, officer_a):
    from django.http import Http404

    with pytest.raises(Http404):
        review(tree.b, officer_a)


def test_awards_handed_out(tree, cdvc_officer):
    held = review(tree.cdvc, cdvc_officer)
    review_award_add(actor=cdvc_officer, review=held, form="Bằng khen của Tổng LĐLĐ Việt Nam", collectives=1)
    review_award_add(
        actor=cdvc_officer, review=held, form="Giấy khen của Công đoàn", collectives=6, individuals=69
    )
    detail = review_detail(actor=cdvc_officer, review=held)
    assert (detail["collectives"], detail["individuals"]) == (7, 69)
    assert AuditEntry.objects.filter(action="review.award_add").count() == 2
    _refused(
        "collectives",
        "Hãy nhập số tập thể hoặc số cá nhân",
        lambda: review_award_add(actor=cdvc_officer, review=held, form="Giấy khen"),
    )
    _refused(
        "form",
        "Hãy nhập hình thức",
        lambda: review_award_add(actor=cdvc_officer, review=held, form=" ", individuals=1),
    )


def test_report_and_launch_are_numbered_documents_and_the_movement_is_reached(tree, cdvc_officer):
    held = review(tree.cdvc, cdvc_officer)
    report = issued(
        cdvc_officer, tree.cdvc, kind_code="bao-cao", title="Báo cáo tổng kết 2022", on=dt.date(2023, 1, 5)
    )
    plan = issued(
        cdvc_officer, tree.cdvc, title="Kế hoạch phát động thi đua năm 2023", on=dt.date(2023, 1, 5)
    )
    review_link(actor=cdvc_officer, review=held, document=report, role=ReviewLink.REPORT)
    review_link(actor=cdvc_officer, review=held, document=plan, role=ReviewLink.LAUNCH)
    movement_create(
        actor=cdvc_officer,
        unit=tree.cdvc,
        name="Phong trào thi đua năm 2023",
        starts_on=dt.date(2023, 1, 5),
        ends_on=dt.date(2023, 12, 31),
        plan_document=plan,
    )
    detail = review_detail(actor=cdvc_officer, review=held)
    assert detail["report"] == [report]
    (launch,) = detail["launch"]
    assert [t.label for t in launch.elsewhere] == ["Phong trào thi đua năm 2023"]
    assert launch.elsewhere[0].url.startswith("/")
    assert AuditEntry.objects.filter(action="review.link").count() == 2


def test_bad_links_are_refused(tree, cdvc_officer, officer_a):
    held = review(tree.cdvc, cdvc_officer)
    unissued = draft(cdvc_officer, tree.cdvc, kind_code="bao-cao", title="Dự thảo báo cáo")
    _refused(
        "document",
        "chưa ban hành",
        lambda: review_link(actor=cdvc_officer, review=held, document=unissued, role=ReviewLink.REPORT),
    )
    other = issued(officer_a, tree.a, kind_code="bao-cao", title="Báo cáo của CĐCS", on=dt.date(2023, 1, 4))
    _refused(
        "document",
        "phải là văn bản của chính đơn vị",
        lambda: review_link(actor=cdvc_officer, review=held, document=other, role=ReviewLink.REPORT),
    )
    # an award decision may be another level's document
    review_link(actor=cdvc_officer, review=held, document=other, role=ReviewLink.AWARDS)
    _refused(
        "document",
        "đã được gắn",
        lambda: review_link(actor=cdvc_officer, review=held, document=other, role=ReviewLink.AWARDS),
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow(client, tree, cdvc_officer):
    review(tree.cdvc, cdvc_officer)
    client.force_login(cdvc_officer)
    url = reverse("meetings:reviews")
    first = _queries(client, url)
    review(tree.a, cdvc_officer, kind=ReviewKind.MID_YEAR, held_on=dt.date(2022, 7, 1))
    review(tree.b, cdvc_officer)
    review(tree.a, cdvc_officer)
    assert _queries(client, url) == first


def test_pages(client, tree, cdvc_officer, officer_a):
    client.force_login(cdvc_officer)
    response = client.post(
        reverse("meetings:review_create"),
        {
            "unit": tree.cdvc.pk,
            "kind": ReviewKind.YEAR_END,
            "year": "2022",
            "held_on": "05/01/2023",
            "attendees": "0",
        },
    )
    assert response.status_code == 422 and "Số đại biểu dự" in response.content.decode()
    response = client.post(
        reverse("meetings:review_create"),
        {
            "unit": tree.cdvc.pk,
            "kind": ReviewKind.YEAR_END,
            "year": "2022",
            "held_on": "05/01/2023",
            "attendees": "150",
        },
    )
    held = Review.objects.get()
    assert response.status_code == 302 and response.url == reverse("meetings:review", args=[held.pk])
    url = reverse("meetings:review_award_add", args=[held.pk])
    response = client.post(
        url, {"award-form": "Bằng khen", "award-collectives": "3", "award-individuals": "12"}
    )
    assert response.status_code == 302
    response = client.post(url, {"award-form": "Bằng khen"})
    assert response.status_code == 422 and "Hãy nhập số tập thể hoặc số cá nhân" in response.content.decode()
    body = client.get(reverse("meetings:review", args=[held.pk])).content.decode()
    assert 'data-award="total"' in body and "Bằng khen" in body
    assert "Hội nghị tổng kết năm 2022" in client.get(reverse("meetings:reviews")).content.decode()
    client.force_login(officer_a)
    assert client.get(reverse("meetings:review", args=[held.pk])).status_code == 404
    assert f'data-review="{held.pk}"' not in client.get(reverse("meetings:reviews")).content.decode()


def test_api(call, tree, cdvc_officer, officer_b):
    answer = call(
        cdvc_officer,
        "POST",
        "/meetings/reviews",
        {
            "unit_id": tree.cdvc.pk,
            "kind": "tong-ket",
            "year": 2022,
            "held_on": "2023-01-05",
            "attendees": 150,
        },
    )
    assert answer.status_code == 201, answer.content
    review_id = answer.json()["id"]
    answer = call(
        cdvc_officer,
        "POST",
        f"/meetings/reviews/{review_id}/awards",
        {"form": "Giấy khen", "individuals": 69},
    )
    assert answer.status_code == 201 and answer.json()["individuals"] == 69
    plan = issued(
        cdvc_officer, tree.cdvc, title="Kế hoạch phát động thi đua năm 2023", on=dt.date(2023, 1, 5)
    )
    answer = call(
        cdvc_officer,
        "POST",
        f"/meetings/reviews/{review_id}/documents",
        {"document_id": plan.pk, "role": "phat-dong-thi-dua"},
    )
    assert answer.status_code == 201 and answer.json()["launch"][0]["number_symbol"] == plan.number_symbol
    assert call(cdvc_officer, "GET", "/meetings/reviews").json()["count"] == 1
    assert call(officer_b, "GET", f"/meetings/reviews/{review_id}").status_code == 404
    assert call(officer_b, "GET", "/meetings/reviews").json()["count"] == 0
    bad = call(
        cdvc_officer,
        "POST",
        "/meetings/reviews",
        {
            "unit_id": tree.cdvc.pk,
            "kind": "tong-ket",
            "year": 2022,
            "held_on": "2023-01-06",
            "attendees": 150,
        },
    )
    assert bad.status_code == 422 and "đã ghi" in bad.json()["errors"]["year"][0]


def test_api_list_query_count_does_not_grow(call, tree, cdvc_officer):
    review(tree.cdvc, cdvc_officer)
    call(cdvc_officer, "GET", "/meetings/reviews")  # the token is issued once

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert call(cdvc_officer, "GET", "/meetings/reviews").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for unit in (tree.a, tree.b):
        review(unit, cdvc_officer)
        review(unit, cdvc_officer, kind=ReviewKind.MID_YEAR, held_on=dt.date(2022, 7, 1))
    assert count() == few
