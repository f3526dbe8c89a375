"""/api/v1/welfare/: a programme's candidates from the register (the page's personal-data rule) and a
decision linked to a case (shown on its detail): 404 out of reach, 403 without ``welfare.manage``, 422
naming the field."""

import pytest

from congdoan.documents.links import documents_of
from congdoan.members.tests.factories import join
from congdoan.plans.tests.factories import issued
from congdoan.welfare.services import DECISION

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(tree, officer_a):
    """A Tết programme of CĐCS A that already supported one member in hardship."""
    made = factories.programme(tree.a, officer_a)
    helped = join(tree.a, actor=officer_a, name="Trần Thị Khó Khăn", hardship=True)
    factories.case(tree.a, officer_a, person=helped, programme=made, amount=500_000)
    join(tree.a, actor=officer_a, name="Lê Văn Chính Sách", policy_family=True)
    join(tree.a, actor=officer_a, name="Đỗ Văn Bình Thường")
    return made


def test_candidates_are_a_paged_list_marking_those_supported(call, officer_a, programme):
    url = f"/welfare/programmes/{programme.pk}/candidates"
    answer = call(officer_a, "GET", url).json()
    assert answer["count"] == 2
    rows = {r["full_name"]: r for r in answer["items"]}
    assert rows["Trần Thị Khó Khăn"]["supported"] and rows["Trần Thị Khó Khăn"]["hardship"]
    assert not rows["Lê Văn Chính Sách"]["supported"] and rows["Lê Văn Chính Sách"]["policy_family"]
    only = call(officer_a, "GET", url + "?flag=policy_family").json()
    assert [r["full_name"] for r in only["items"]] == ["Lê Văn Chính Sách"]
    page = call(officer_a, "GET", url + "?page=2&page_size=1").json()
    assert page["count"] == 2 and len(page["items"]) == 1
    refused = call(officer_a, "GET", url + "?flag=khac")
    assert refused.status_code == 422 and "flag" in refused.json()["errors"]


def test_candidates_follow_the_personal_data_rule_and_the_reach(
    call, tree, officer_a, officer_b, viewer_a, programme
):
    """As the page and its xlsx: no flagged person for one without ``members.view_personal``."""
    assert call(viewer_a, "GET", f"/welfare/programmes/{programme.pk}/candidates").json() == {
        "items": [],
        "count": 0,
    }
    theirs = factories.programme(tree.b, officer_b)
    assert call(officer_a, "GET", f"/welfare/programmes/{theirs.pk}/candidates").status_code == 404


def test_a_decision_is_linked_and_shown_on_the_detail(call, tree, officer_a):
    case = factories.case(tree.a, officer_a)
    decision = issued(tree.a, kind="quyet-dinh", title="Quyết định hỗ trợ đoàn viên ốm đau")
    assert call(officer_a, "GET", f"/welfare/cases/{case.pk}").json()["decisions"] == []
    linked = call(officer_a, "POST", f"/welfare/cases/{case.pk}/decisions", {"document_id": decision.pk})
    assert linked.status_code == 201, linked.content
    (shown,) = linked.json()["decisions"]
    assert shown["id"] == decision.pk and shown["number_symbol"] == decision.number_symbol
    assert shown["kind"] == "quyet-dinh"
    assert call(officer_a, "GET", f"/welfare/cases/{case.pk}").json()["decisions"] == [shown]
    assert list(documents_of(case, DECISION)) == [decision]


def test_linking_a_decision_needs_reach_the_permission_and_an_issued_document_of_the_unit(
    call, tree, officer_a, officer_b, viewer_a, cdvc_officer
):
    from congdoan.documents.tests.factories import draft

    case = factories.case(tree.a, officer_a)
    decision = issued(tree.a, kind="quyet-dinh", title="Quyết định hỗ trợ")
    theirs = factories.case(tree.b, officer_b)
    their_document = issued(tree.b, kind="quyet-dinh", title="Quyết định của đơn vị khác")

    def link(actor, case_id, document_id):
        return call(actor, "POST", f"/welfare/cases/{case_id}/decisions", {"document_id": document_id})

    assert link(officer_a, theirs.pk, decision.pk).status_code == 404
    assert link(officer_a, case.pk, their_document.pk).status_code == 404
    assert link(viewer_a, case.pk, decision.pk).status_code == 403
    above = issued(tree.cdvc, kind="quyet-dinh", title="Quyết định của cấp trên")
    refused = link(cdvc_officer, case.pk, above.pk)
    assert refused.status_code == 422 and "document" in refused.json()["errors"]
    unissued = draft(officer_a, tree.a, kind_code="quyet-dinh", title="Dự thảo quyết định")
    refused = link(officer_a, case.pk, unissued.pk)
    assert refused.status_code == 422 and "document" in refused.json()["errors"]
    assert not documents_of(case, DECISION).exists()
