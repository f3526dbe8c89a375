"""Ranking within a level (issue 11 §5): every unit scored in the blocks a level formed, ranked
together with the tie rule of a block's ranking, once per unit (a unit in two of the level's blocks
is one row naming both, at the mean of its totals); the page, its Excel file, the API route and the
links to the page from the block list and the block page (for those who read the level)."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from congdoan.emulation import levels, scoring, services
from congdoan.organizations.tests.factories import make_unit

from .factories import block
from .helpers import queries_of
from .test_scoring import points, sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def level(tree, cdvc_officer):
    """Two blocks of CĐVC: A (70) and B (80) in the first, C (80) in the second; a block of another
    level whose unit scored 99 stays out."""
    s = sheet(tree.cdvc, cdvc_officer)
    c = make_unit("C-LVL", "Công đoàn cơ sở Cục Lưu trữ", tree.cdvc)
    first = block(tree.cdvc, [tree.a, tree.b], actor=cdvc_officer, name="Khối thi đua I")
    second = block(tree.cdvc, [c], actor=cdvc_officer, name="Khối thi đua II")
    for b, unit, pts in (
        (first, tree.a, (30, 30, 10)),
        (first, tree.b, (40, 30, 10)),
        (second, c, (40, 30, 10)),
    ):
        scoring.score_record(actor=cdvc_officer, block=b, year=2022, unit=unit, points=points(s, *pts))
    return s, first, second, c


def test_units_of_every_block_are_ranked_together_with_ties(tree, cdvc_officer, level):
    _s, first, second, c = level
    rows = [(r.rank, r.unit_name, r.block_names) for r in levels.level_ranking(tree.cdvc, 2022)]
    # B and C share the first rank (in Vietnamese alphabetical order: "cơ sở" before "Sở"), A is third.
    assert rows == [
        (1, "Công đoàn cơ sở Cục Lưu trữ", "Khối thi đua II"),
        (1, "Công đoàn Sở Giáo dục và Đào tạo", "Khối thi đua I"),
        (3, "Công đoàn Sở Y tế", "Khối thi đua I"),
    ]
    assert scoring.level_years(tree.cdvc) == [2022]
    # A block's own ranking is unchanged: C is first of its block alone.
    assert [r.rank for r in scoring.ranking(second, 2022)] == [1]


def test_level_page_and_excel(client, tree, cdvc_officer, level):
    client.force_login(cdvc_officer)
    url = reverse("emulation:level_ranking", args=[tree.cdvc.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert [r.rank for r in response.context["ranking"]] == [1, 1, 3]
    assert "Khối thi đua II" in response.content.decode()
    export = client.get(reverse("emulation:level_ranking_export", args=[tree.cdvc.pk]) + "?year=2022")
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    assert "Công đoàn cơ sở Cục Lưu trữ" in text and "Khối thi đua II" in text and ">80<" in text
    assert "xếp hạng toàn cấp năm 2022" in text


def test_level_page_keeps_its_query_count_from_6_to_60_units(client, tree, cdvc_officer):
    s = sheet(tree.cdvc, cdvc_officer)
    khoi = block(tree.cdvc, [], actor=cdvc_officer, name="Khối đông")

    def add(n, start):
        for i in range(start, start + n):
            unit = make_unit(f"Q{i}", f"Công đoàn cơ sở số {i}", tree.cdvc)
            services.block_member_add(
                actor=cdvc_officer, block=khoi, unit=unit, valid_from=dt.date(2021, 1, 1)
            )
            scoring.score_record(
                actor=cdvc_officer, block=khoi, year=2022, unit=unit, points=points(s, 30, 30, i % 20)
            )

    add(6, 0)
    client.force_login(cdvc_officer)
    url = reverse("emulation:level_ranking", args=[tree.cdvc.pk]) + "?year=2022"
    few = queries_of(lambda: client.get(url))
    add(54, 6)
    assert queries_of(lambda: client.get(url)) == few
    assert len(client.get(url).context["ranking"]) == 60


def test_level_ranking_api_and_scope(call, tree, cdvc_officer, officer_a, level):
    answer = call(cdvc_officer, "GET", f"/emulation/levels/{tree.cdvc.pk}/ranking?year=2022")
    assert answer.status_code == 200
    items = answer.json()["items"]
    assert [r["rank"] for r in items] == [1, 1, 3]
    assert {b["block_name"] for r in items for b in r["blocks"]} == {"Khối thi đua I", "Khối thi đua II"}
    # A unit out of the actor's reach is not found.
    assert call(officer_a, "GET", f"/emulation/levels/{tree.other.pk}/ranking").status_code == 404


def test_a_unit_in_two_blocks_of_the_level_is_one_row_naming_both(client, call, tree, cdvc_officer, level):
    """A (70 in Khối I) also joins Khối II in 2022 and scores 75 there: one row, total 72,5 (the
    mean), naming both blocks with their totals, on the page, in the Excel file and in the API."""
    s, _first, second, c = level
    services.block_member_add(actor=cdvc_officer, block=second, unit=tree.a, valid_from=dt.date(2022, 3, 1))
    scoring.score_record(
        actor=cdvc_officer, block=second, year=2022, unit=tree.a, points=points(s, 35, 30, 10)
    )
    rows = levels.level_ranking(tree.cdvc, 2022)
    assert [(r.rank, r.unit_name, str(r.total)) for r in rows][-1] == (3, "Công đoàn Sở Y tế", "72.5")
    assert len(rows) == 3
    a = rows[-1]
    assert [(b.block_name, str(b.total)) for b in a.blocks] == [
        ("Khối thi đua I", "70.0"),
        ("Khối thi đua II", "75.0"),
    ]
    assert a.block_names == "Khối thi đua I; Khối thi đua II"
    # Each block's own ranking keeps the unit's own score there.
    assert [(r.unit_id, r.rank) for r in scoring.ranking(second, 2022)] == [(c.pk, 1), (tree.a.pk, 2)]

    client.force_login(cdvc_officer)
    page = client.get(reverse("emulation:level_ranking", args=[tree.cdvc.pk]) + "?year=2022")
    assert [r.unit_id for r in page.context["ranking"]].count(tree.a.pk) == 1
    assert "72,5" in page.content.decode()
    export = client.get(reverse("emulation:level_ranking_export", args=[tree.cdvc.pk]) + "?year=2022")
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    assert text.count("Công đoàn Sở Y tế") == 1 and "Khối thi đua I; Khối thi đua II" in text
    items = call(cdvc_officer, "GET", f"/emulation/levels/{tree.cdvc.pk}/ranking?year=2022").json()["items"]
    assert len(items) == 3
    assert items[-1]["total"] == 72.5
    assert [b["block_name"] for b in items[-1]["blocks"]] == ["Khối thi đua I", "Khối thi đua II"]


def test_the_block_list_and_block_page_link_the_level_ranking_for_its_readers(
    client, tree, cdvc_officer, officer_a, level
):
    _s, first, _second, _c = level
    url = reverse("emulation:level_ranking", args=[tree.cdvc.pk])
    client.force_login(cdvc_officer)
    blocks = client.get(reverse("emulation:blocks"))
    assert [lv["unit_id"] for lv in blocks.context["levels"]] == [tree.cdvc.pk]
    assert url in blocks.content.decode()
    assert url in client.get(reverse("emulation:block", args=[first.pk])).content.decode()
    # A member's officer reads the block, not the level (whose page would answer 404): no link.
    client.force_login(officer_a)
    blocks = client.get(reverse("emulation:blocks"))
    assert blocks.status_code == 200 and list(blocks.context["levels"]) == []
    assert url not in blocks.content.decode()
    assert url not in client.get(reverse("emulation:block", args=[first.pk])).content.decode()
    assert client.get(url).status_code == 404


def test_block_list_query_count_does_not_grow_with_levels(client, tree, cdvc_officer, admin_user):
    block(tree.cdvc, [], actor=cdvc_officer, name="Khối 1")
    client.force_login(cdvc_officer)
    url = reverse("emulation:blocks")
    few = queries_of(lambda: client.get(url))
    for i in range(2, 8):
        block(tree.cdvc, [], actor=cdvc_officer, name=f"Khối {i}")
    block(tree.a, [], actor=admin_user, name="Cụm của A")
    assert queries_of(lambda: client.get(url)) == few
