"""API of ratings, titles and block writes: the same services and policy (out of reach: 404)."""

import datetime as dt

import pytest

from congdoan.emulation.models import BlockMember, Rating, RegistrationEntry, Title
from congdoan.members.tests.factories import join

from .factories import block, movement, registration

pytestmark = pytest.mark.django_db


def test_a_rating_through_the_api(tree, officer_a, cdvc_officer, call):
    created = call(officer_a, "POST", "/emulation/ratings", {"unit_id": tree.a.pk, "year": 2023})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["rubric_version"] == 1 and any(line["auto"] for line in body["lines"])
    typed = [line for line in body["lines"] if not line["auto"]]
    bad = [{"item_id": typed[0]["item_id"], "points": "99"}]
    response = call(officer_a, "POST", f"/emulation/ratings/{body['id']}/assessment", {"points": bad})
    assert response.status_code == 422 and f"item_{typed[0]['item_id']}" in response.content.decode()
    points = [{"item_id": line["item_id"], "points": str(line["max_points"])} for line in typed]
    assert (
        call(officer_a, "POST", f"/emulation/ratings/{body['id']}/assessment", {"points": points}).status_code
        == 200
    )
    assert (
        call(officer_a, "POST", f"/emulation/ratings/{body['id']}/steps", {"step": "submit"}).status_code
        == 200
    )
    wrong = call(
        cdvc_officer, "POST", f"/emulation/ratings/{body['id']}/decision", {"reviewer_id": tree.b.pk}
    )
    assert wrong.status_code == 422 and "reviewer" in wrong.json()["errors"]
    decided = call(cdvc_officer, "POST", f"/emulation/ratings/{body['id']}/decision", {})
    assert decided.status_code == 200 and decided.json()["grade_code"] == "hoan-thanh-xuat-sac"
    summary = call(cdvc_officer, "GET", f"/emulation/ratings/summary?unit_id={tree.cdvc.pk}&year=2023").json()
    assert (summary["units"], summary["rated"]) == (2, 1)


def test_a_sibling_rating_is_404(tree, officer_a, officer_b, call):
    call(officer_b, "POST", "/emulation/ratings", {"unit_id": tree.b.pk, "year": 2023})
    other = Rating.objects.get(unit=tree.b)
    assert call(officer_a, "GET", f"/emulation/ratings/{other.pk}").status_code == 404
    assert (
        call(officer_a, "POST", f"/emulation/ratings/{other.pk}/steps", {"step": "submit"}).status_code == 404
    )


def test_block_members_officers_and_flag_through_the_api(tree, cdvc_officer, call):
    b = block(tree.cdvc, [tree.a], actor=cdvc_officer)
    path = f"/emulation/blocks/{b.pk}"
    added = call(cdvc_officer, "POST", f"{path}/members", {"unit_id": tree.b.pk, "valid_from": "2021-01-01"})
    assert added.status_code == 201 and len(added.json()["members"]) == 2
    twice = call(cdvc_officer, "POST", f"{path}/members", {"unit_id": tree.b.pk, "valid_from": "2021-06-01"})
    assert twice.status_code == 422 and "unit" in twice.json()["errors"]
    assert BlockMember.objects.filter(block=b).count() == 2
    officers = {"year": 2022, "leader_id": tree.a.pk, "deputy_ids": [tree.b.pk]}
    assert call(cdvc_officer, "POST", f"{path}/officers", officers).status_code == 201
    flag = {"year": 2022, "to_unit_id": tree.a.pk, "handed_on": "2022-03-01"}
    assert call(cdvc_officer, "POST", f"{path}/flags", flag).status_code == 201


def test_an_officer_of_a_member_cannot_write_to_the_block(tree, cdvc_officer, officer_a, call):
    b = block(tree.cdvc, [tree.a], actor=cdvc_officer)
    response = call(
        officer_a,
        "POST",
        f"/emulation/blocks/{b.pk}/members",
        {"unit_id": tree.a.pk, "valid_from": "2023-01-01"},
    )
    assert response.status_code in (403, 404)


def test_titles_through_the_api(tree, officer_a, call):
    catalogue = call(officer_a, "GET", "/emulation/titles").json()
    assert any(t["code"] == "lao-dong-tien-tien" and t["bonus_multiple"] == 0.3 for t in catalogue["items"])
    assert any("98/2023/NĐ-CP Điều 54" in t["basis"] for t in catalogue["items"])
    reg = registration(movement(tree.cdvc, year=2024), tree.a)
    people = [join(tree.a, actor=officer_a, on=dt.date(2022, 1, 1)) for _ in range(2)]
    title = Title.objects.get(code="lao-dong-tien-tien")
    body = {"title_id": title.pk, "member_ids": [p.pk for p in people]}
    response = call(officer_a, "POST", f"/emulation/registrations/{reg.pk}/titles", body)
    assert response.status_code == 201 and len(response.json()) == 2
    assert RegistrationEntry.objects.count() == 2
