"""/api/v1/meetings/: list {"items", "count"}, detail, record, documents, votes, compliance;
out of reach 404; bad input 422 with Vietnamese messages naming the field."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.organizations.tests.factories import make_unit

from ..models import Conference, Vote
from .factories import conference, duty

pytestmark = pytest.mark.django_db

BODY = {"kind": "cbccvc", "year": 2024, "held_on": "2024-02-22", "expected": 30, "present": 28}


def test_list_and_detail(call, tree, officer_a, officer_b):
    mine = conference(tree.a, officer_a, place="Hội trường")
    conference(tree.b, officer_b)
    answer = call(officer_a, "GET", "/meetings/conferences").json()
    assert answer["count"] == 1 and [c["id"] for c in answer["items"]] == [mine.pk]
    assert answer["items"][0]["unit_name"] == "Công đoàn Sở Y tế"
    detail = call(officer_a, "GET", f"/meetings/conferences/{mine.pk}").json()
    assert detail["place"] == "Hội trường" and detail["deadline"] == "2024-03-31"


def test_list_query_count_does_not_grow(call, tree, cdvc_officer):
    conference(tree.a, cdvc_officer)
    call(cdvc_officer, "GET", "/meetings/conferences")  # the token is issued once

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert call(cdvc_officer, "GET", "/meetings/conferences").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(5):
        conference(make_unit(f"API{i}", f"Công đoàn cơ sở {i}", tree.cdvc), cdvc_officer)
    assert count() == few


def test_sibling_conference_is_not_found(call, tree, officer_a, officer_b):
    theirs = conference(tree.b, officer_b)
    assert call(officer_a, "GET", f"/meetings/conferences/{theirs.pk}").status_code == 404
    vote = {"subject": "X", "votes_for": 1}
    assert call(officer_a, "POST", f"/meetings/conferences/{theirs.pk}/votes", vote).status_code == 404
    assert call(officer_a, "POST", "/meetings/conferences", {**BODY, "unit_id": tree.b.pk}).status_code == 404
    assert call(officer_a, "GET", f"/meetings/compliance?unit={tree.b.pk}&year=2024").status_code == 404


def test_record_documents_and_votes(call, tree, officer_a):
    duty(tree.a, officer_a)
    answer = call(officer_a, "POST", "/meetings/conferences", {**BODY, "unit_id": tree.a.pk})
    assert answer.status_code == 201
    pk = answer.json()["id"]
    document = call(
        officer_a,
        "POST",
        f"/meetings/conferences/{pk}/documents",
        {"role": "nghi-quyet", "title": "Nghị quyết"},
    )
    assert document.status_code == 201
    vote = call(
        officer_a,
        "POST",
        f"/meetings/conferences/{pk}/votes",
        {"subject": "Các chỉ tiêu", "votes_for": 28, "document_id": document.json()["id"]},
    )
    assert vote.status_code == 201
    assert vote.json()["adopted"] is True and vote.json()["percent_for"] == 100


def test_bad_input_names_the_field(call, tree, officer_a):
    duty(tree.a, officer_a)
    answer = call(officer_a, "POST", "/meetings/conferences", {**BODY, "unit_id": tree.a.pk, "present": 31})
    assert answer.status_code == 422
    assert answer.json()["errors"]["present"] == [
        "Số người có mặt (31) không thể lớn hơn số được triệu tập (30)."
    ]
    assert not Conference.objects.exists()
    held = conference(tree.a, officer_a)
    answer = call(
        officer_a,
        "POST",
        f"/meetings/conferences/{held.pk}/votes",
        {"subject": "X", "votes_for": 20, "votes_against": 5, "abstained": 4},
    )
    assert answer.status_code == 422
    assert "vượt số người có mặt (28)" in answer.json()["errors"]["votes_for"][0]
    assert not Vote.objects.exists()


def test_compliance(call, tree, cdvc_officer):
    duty(tree.b, cdvc_officer)
    conference(tree.a, cdvc_officer)
    answer = call(cdvc_officer, "GET", f"/meetings/compliance?unit={tree.cdvc.pk}&year=2024").json()
    top = answer["rows"][0]
    assert (top["unit_id"], top["held"], top["due"], top["rate"]) == (tree.cdvc.pk, 1, 2, 50)
