"""/api/v1/initiatives/: lists {"items", "count"}, detail, create, review; out of scope is 404."""

import pytest

from congdoan.initiatives.models import Initiative
from congdoan.members.tests.factories import join

from . import factories as f

pytestmark = pytest.mark.django_db


def test_list_detail_and_scope(call, tree, officer_a):
    (mine,) = f.register(tree.a, actor=officer_a)
    (theirs,) = f.register(tree.b)
    listed = call(officer_a, "GET", "/initiatives").json()
    assert listed["count"] == 1 and [i["id"] for i in listed["items"]] == [mine]
    detail = call(officer_a, "GET", f"/initiatives/{mine}").json()
    assert detail["authors"][0]["share"] == "100.00" or float(detail["authors"][0]["share"]) == 100
    assert call(officer_a, "GET", f"/initiatives/{theirs}").status_code == 404


def test_create_refuses_shares_not_adding_to_100_and_then_creates(call, tree, officer_a):
    one, two = join(tree.a, actor=officer_a), join(tree.a, actor=officer_a)
    body = {
        "unit_id": tree.a.pk,
        "title": "Quy trình số hóa văn bản",
        "field_id": f.field().pk,
        "applied_on": "2022-03-01",
        "registered_on": "2022-03-01",
        "benefit": 3_000_000,
        "authors": [{"person_id": one.pk, "share": "60"}, {"person_id": two.pk, "share": "30"}],
    }
    refused = call(officer_a, "POST", "/initiatives", body)
    assert refused.status_code == 422 and "authors" in refused.json()["errors"]
    assert not Initiative.objects.exists()
    body["authors"][1]["share"] = "40"
    created = call(officer_a, "POST", "/initiatives", body)
    assert created.status_code == 201, created.content
    assert created.json()["benefit"] == 3_000_000 and len(created.json()["authors"]) == 2
    body["unit_id"] = tree.b.pk
    assert call(officer_a, "POST", "/initiatives", body).status_code == 404


def test_review_and_progress(call, tree, admin_user, cdvc_officer):
    programme = f.programme(tree.cdvc, actor=cdvc_officer, goal=10)
    round_ = programme.rounds.get(number=1)
    target = call(
        cdvc_officer,
        "POST",
        f"/initiatives/rounds/{round_.pk}/targets",
        {"given_by_id": tree.cdvc.pk, "unit_id": tree.a.pk, "count": 4},
    )
    assert target.status_code == 201 and target.json()["count"] == 4
    ids = f.register(tree.a, 3, round_=round_)
    for pk in ids:
        assert (
            call(cdvc_officer, "POST", f"/initiatives/{pk}/review", {"step": "start_review"}).status_code
            == 200
        )
        answer = call(
            cdvc_officer,
            "POST",
            f"/initiatives/{pk}/review",
            {"step": "recognise", "unit_id": tree.cdvc.pk, "on": "2022-06-30"},
        )
        assert answer.status_code == 200 and answer.json()["state"] == "recognised"
    page = call(
        cdvc_officer, "GET", f"/initiatives/rounds/{round_.pk}/progress?unit_id={tree.cdvc.pk}"
    ).json()
    assert page["count"] == len(page["items"]) > 1
    top = {r["unit_id"]: r for r in page["items"]}
    # The launcher holds no target of its own for the round: what it gave down stands for it.
    launcher = top[tree.cdvc.pk]
    assert (launcher["recognised"], launcher["target"], launcher["percent"]) == (3, 4, 75)
    assert (top[tree.a.pk]["target"], top[tree.a.pk]["percent"]) == (4, 75)
    programmes = call(cdvc_officer, "GET", "/initiatives/programmes").json()
    assert programmes["count"] == 1
    assert len(call(cdvc_officer, "GET", f"/initiatives/programmes/{programme.pk}").json()["rounds"]) == 2


def test_the_fields_list_gives_the_ids_a_registration_takes(call, tree, officer_a):
    made = f.field()
    answer = call(officer_a, "GET", "/initiatives/fields?page_size=200")
    assert answer.status_code == 200, answer.content
    rows = {r["code"]: r for r in answer.json()["items"]}
    assert answer.json()["count"] == len(rows) and rows[made.code]["id"] == made.pk
    assert rows[made.code]["name"] == made.name
    assert call(officer_a, "GET", "/initiatives/fields?page_size=0").status_code == 422
