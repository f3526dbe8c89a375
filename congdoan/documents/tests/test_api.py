import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.core.models import AuditEntry
from congdoan.documents.models import Document, DocumentSymbol

from .factories import draft, issued

D = dt.date(2022, 4, 5)


@pytest.fixture
def symbol(tree):
    return DocumentSymbol.objects.create(unit=tree.cdvc, symbol="CĐVC", valid_from=dt.date(2020, 1, 1))


def test_create_issue_returns_the_number(call, cdvc_officer, tree, symbol):
    response = call(
        cdvc_officer,
        "POST",
        "/documents",
        {"unit_id": tree.cdvc.pk, "kind": "ke-hoach", "title": "Kế hoạch khảo sát", "place": "Hà Nội"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["number"], body["number_symbol"]) == ("draft", None, "")
    response = call(
        cdvc_officer, "POST", f"/documents/{body['id']}/issue", {"signed_on": "2022-04-05", "number": 92}
    )
    assert response.status_code == 200, response.content
    assert (response.json()["number"], response.json()["number_symbol"]) == (92, "92/KH-CĐVC")
    second = call(
        cdvc_officer, "POST", "/documents", {"unit_id": tree.cdvc.pk, "kind": "ke-hoach", "title": "Khác"}
    )
    response = call(
        cdvc_officer, "POST", f"/documents/{second.json()['id']}/issue", {"signed_on": "2022-04-05"}
    )
    assert response.json()["number_symbol"] == "93/KH-CĐVC"


def test_issue_with_a_used_number_names_the_field(call, cdvc_officer, tree, symbol):
    issued(cdvc_officer, tree.cdvc, on=D, number=92)
    other = draft(cdvc_officer, tree.cdvc)
    response = call(
        cdvc_officer, "POST", f"/documents/{other.pk}/issue", {"signed_on": "2022-04-05", "number": 92}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "number": ["Số 92 đã được dùng cho kế hoạch năm 2022 của đơn vị ban hành."]
    }


def test_future_signing_date_is_refused(call, cdvc_officer, tree):
    other = draft(cdvc_officer, tree.cdvc)
    future = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    response = call(cdvc_officer, "POST", f"/documents/{other.pk}/issue", {"signed_on": future})
    assert response.status_code == 422 and list(response.json()["errors"]) == ["signed_on"]


def test_cancel_needs_a_reason_and_keeps_the_number(call, cdvc_officer, tree):
    document = issued(cdvc_officer, tree.cdvc, on=D)
    response = call(cdvc_officer, "POST", f"/documents/{document.pk}/cancel", {"reason": " "})
    assert response.status_code == 422 and list(response.json()["errors"]) == ["reason"]
    response = call(cdvc_officer, "POST", f"/documents/{document.pk}/cancel", {"reason": "Nhầm"})
    assert (response.json()["status"], response.json()["number"]) == ("cancelled", 1)


def test_receive_and_update(call, officer_a, tree):
    response = call(
        officer_a,
        "POST",
        "/documents/incoming",
        {
            "unit_id": tree.a.pk,
            "kind": "cong-van",
            "title": "Về việc",
            "sender": "CĐVC tỉnh A",
            "received_on": "2022-04-05",
        },
    )
    assert response.status_code == 201 and response.json()["number"] == 1
    response = call(officer_a, "PATCH", f"/documents/{response.json()['id']}", {"handler": "Nguyễn Văn A"})
    assert response.json()["handler"] == "Nguyễn Văn A"


def test_unknown_kind_names_the_field(call, officer_a, tree):
    response = call(officer_a, "POST", "/documents", {"unit_id": tree.a.pk, "kind": "khong-co", "title": "X"})
    assert response.status_code == 422 and list(response.json()["errors"]) == ["kind"]
    assert not Document.objects.exists()


def test_out_of_scope_is_404_and_read_only_is_403(call, officer_a, officer_b, viewer_a, tree):
    theirs = draft(officer_b, tree.b)
    for method, path, body in [
        ("GET", f"/documents/{theirs.pk}", None),
        ("PATCH", f"/documents/{theirs.pk}", {"title": "X"}),
        ("POST", f"/documents/{theirs.pk}/issue", {}),
        ("POST", f"/documents/{theirs.pk}/cancel", {"reason": "x"}),
        ("POST", "/documents", {"unit_id": tree.b.pk, "kind": "ke-hoach", "title": "X"}),
    ]:
        assert call(officer_a, method, path, body).status_code == 404, (method, path)
    assert call(officer_a, "GET", "/documents").json() == {"items": [], "count": 0}
    response = call(viewer_a, "POST", "/documents", {"unit_id": tree.a.pk, "kind": "ke-hoach", "title": "X"})
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="document.create", unit_id=tree.a.pk).exists()


def test_list_filters_and_query_count(call, cdvc_officer, tree, django_assert_num_queries):
    issued(cdvc_officer, tree.a, on=D, title="Kế hoạch khảo sát")
    path = f"/documents?year=2022&q=khao+sat&unit={tree.cdvc.pk}&descendants=true"
    call(cdvc_officer, "GET", path)
    with CaptureQueriesContext(connection) as small:
        assert call(cdvc_officer, "GET", path).json()["count"] == 1
    for _ in range(15):
        issued(cdvc_officer, tree.a, on=D, title="Kế hoạch khảo sát")
    with django_assert_num_queries(len(small)):
        body = call(cdvc_officer, "GET", path).json()
    assert body["count"] == 16 and len(body["items"]) == 16
    assert body["items"][0]["unit_name"] == "Công đoàn Sở Y tế"
