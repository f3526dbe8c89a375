"""The API lists of a block's scores of a year, the rating rubrics (with items) and the grades (with
thresholds and validity): paged, scoped (a block or a unit out of reach: 404), the same queries for
a short or a long list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.emulation import rating as ratings
from congdoan.emulation.models import Grade

from .factories import block, many_scored_units
from .test_scoring import sheet

pytestmark = pytest.mark.django_db


def _queries(call, user, path) -> int:
    call(user, "GET", path)
    with CaptureQueriesContext(connection) as seen:
        assert call(user, "GET", path).status_code == 200
    return len(seen)


def test_a_blocks_scores_of_a_year_are_paged_scoped_and_constant(call, tree, cdvc_officer, officer_b):
    s = sheet(tree.cdvc, cdvc_officer)
    khoi = block(tree.cdvc, [], actor=cdvc_officer, name="Khối đông")
    many_scored_units(tree.cdvc, khoi, s, year=2022, n=6)
    path = f"/emulation/blocks/{khoi.pk}/scores?year=2022&page_size=100"
    few = _queries(call, cdvc_officer, path)
    many_scored_units(tree.cdvc, khoi, s, year=2022, n=54, start=6)
    assert _queries(call, cdvc_officer, path) == few
    body = call(cdvc_officer, "GET", f"/emulation/blocks/{khoi.pk}/scores?page=2&page_size=50").json()
    assert body["count"] == 60 and len(body["items"]) == 10
    assert {"unit_name", "state", "total", "penalty", "veto"} <= set(body["items"][0])
    assert call(cdvc_officer, "GET", f"/emulation/blocks/{khoi.pk}/scores?year=2021").json()["count"] == 0
    # A block of another unit's level, out of the officer's reach: 404.
    assert call(officer_b, "GET", f"/emulation/blocks/{khoi.pk}/scores").status_code == 404


def test_rubrics_list_with_items_paged_scoped_and_constant(call, tree, cdvc_officer, officer_a, officer_b):
    few = _queries(call, cdvc_officer, "/emulation/rubrics?page_size=100")
    for year in (2023, 2024, 2025):
        ratings.rubric_adapt(actor=cdvc_officer, unit=tree.cdvc, year=year, name=f"Bảng tiêu chí {year}")
    assert _queries(call, cdvc_officer, "/emulation/rubrics?page_size=100") == few
    items = call(cdvc_officer, "GET", "/emulation/rubrics?year=2024").json()["items"]
    assert [(r["name"], r["unit_id"]) for r in items] == [("Bảng tiêu chí 2024", tree.cdvc.pk)]
    assert sum(i["max_points"] for i in items[0]["items"] if not i["bonus"]) == items[0]["total"]
    # B's own rubric: read by B's superior union, not by its sibling A (which reads its superiors').
    ratings.rubric_adapt(actor=officer_b, unit=tree.b, year=2024, name="Bảng tiêu chí của B")

    def names(user):
        return {r["name"] for r in call(user, "GET", "/emulation/rubrics?page_size=100").json()["items"]}

    assert "Bảng tiêu chí của B" in names(cdvc_officer)
    assert "Bảng tiêu chí của B" not in names(officer_a) and "Bảng tiêu chí 2024" in names(officer_a)
    assert call(officer_b, "GET", f"/emulation/rubrics?unit_id={tree.other.pk}").status_code == 404


def test_grades_list_thresholds_and_validity(call, tree, cdvc_officer):
    body = call(cdvc_officer, "GET", "/emulation/grades?year=2023").json()
    assert [g["rank"] for g in body["items"]] == sorted(g["rank"] for g in body["items"])
    top = body["items"][0]
    assert top["name"] == "Hoàn thành xuất sắc nhiệm vụ" and top["min_percent"] > 0 and top["valid_from"]
    older = call(cdvc_officer, "GET", "/emulation/grades?year=2020").json()["items"]
    assert older[0]["name"].lower().startswith("vững mạnh")
    every = call(cdvc_officer, "GET", "/emulation/grades?page_size=100").json()
    assert every["count"] == Grade.objects.count()
