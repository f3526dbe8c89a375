"""The ranking rule (``ranks``: total, then fewer penalty points, then more bonus points; still equal:
a shared rank listed by name in Vietnamese order; vetoed last), stated on the pages and in the Excel
files; scoring and ranking keep one query per list: a block of 6 or 60 units, a level of 60 or 600
(units generated in bulk, ``factories.many_scored_units``)."""

import io
import zipfile
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.emulation import levels, ranks, scoring

from .factories import block, many_scored_units
from .helpers import queries_of
from .test_scoring import sheet

pytestmark = pytest.mark.django_db
D = Decimal


def _row(name, total, penalty=0, bonus=0, veto="", unit_id=0):
    return SimpleNamespace(
        unit_name=name, unit_id=unit_id, total=D(total), penalty=D(penalty), bonus=D(bonus), veto=veto
    )


def test_ties_are_broken_by_penalty_then_bonus_and_a_full_tie_shares_the_rank():
    rows = ranks.ranked(
        [
            _row("Công đoàn Đài Tiếng nói Việt Nam", 90, -1, 2, unit_id=1),
            _row("Công đoàn Bảo hiểm xã hội Việt Nam", 90, 0, 1, unit_id=2),
            _row("Công đoàn Thông tấn xã Việt Nam", 90, 0, 3, unit_id=3),
            _row("Công đoàn Dầu khí", 85, unit_id=4),
            _row("Công đoàn Ánh Dương", 85, unit_id=5),
            _row("Công đoàn Ban Dân vận", 99, veto="Không tổ chức hội nghị", unit_id=6),
            _row("Công đoàn Y tế", 80, unit_id=7),
        ]
    )
    assert [(r.rank, r.unit_name) for r in rows] == [
        (1, "Công đoàn Thông tấn xã Việt Nam"),  # no penalty, more bonus
        (2, "Công đoàn Bảo hiểm xã hội Việt Nam"),  # no penalty
        (3, "Công đoàn Đài Tiếng nói Việt Nam"),  # one penalty point
        (4, "Công đoàn Ánh Dương"),  # a full tie: one rank, listed in Vietnamese order (A, Ă, Â, B… D, Đ)
        (4, "Công đoàn Dầu khí"),
        (6, "Công đoàn Y tế"),
        (0, "Công đoàn Ban Dân vận"),  # vetoed: no rank, last
    ]


@pytest.fixture
def big(tree, cdvc_officer):
    """A sheet and a block of CĐVC to fill with generated units."""
    return sheet(tree.cdvc, cdvc_officer), block(tree.cdvc, [], actor=cdvc_officer, name="Khối đông")


def _count(fn) -> int:
    fn()
    with CaptureQueriesContext(connection) as seen:
        fn()
    return len(seen)


def test_the_rule_is_on_the_pages_and_in_the_excel_files(client, tree, cdvc_officer, big):
    s, khoi = big
    many_scored_units(tree.cdvc, khoi, s, year=2022, n=6)
    client.force_login(cdvc_officer)
    rule = str(ranks.RULE)
    for url in (
        reverse("emulation:block", args=[khoi.pk]) + "?year=2022",
        reverse("emulation:level_ranking", args=[tree.cdvc.pk]) + "?year=2022",
    ):
        assert rule in client.get(url).content.decode(), url
    for url in (
        reverse("emulation:block_ranking_export", args=[khoi.pk]) + "?year=2022",
        reverse("emulation:level_ranking_export", args=[tree.cdvc.pk]) + "?year=2022",
    ):
        with zipfile.ZipFile(io.BytesIO(client.get(url).content)) as archive:
            text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
        assert "Quy tắc xếp hạng: " + rule in text, url


def test_a_block_of_6_or_60_units_is_scored_and_ranked_in_the_same_queries(
    client, call, tree, cdvc_officer, big
):
    s, khoi = big
    many_scored_units(tree.cdvc, khoi, s, year=2022, n=6)
    client.force_login(cdvc_officer)
    page = reverse("emulation:block", args=[khoi.pk]) + "?year=2022"
    export = reverse("emulation:block_ranking_export", args=[khoi.pk]) + "?year=2022"
    api = f"/emulation/blocks/{khoi.pk}/ranking?year=2022&page_size=100"
    before = (
        _count(lambda: scoring.ranking(khoi, 2022)),
        queries_of(lambda: client.get(page)),
        queries_of(lambda: client.get(export)),
        queries_of(lambda: call(cdvc_officer, "GET", api)),
    )
    assert before[0] == 1
    many_scored_units(tree.cdvc, khoi, s, year=2022, n=54, start=6)
    after = (
        _count(lambda: scoring.ranking(khoi, 2022)),
        queries_of(lambda: client.get(page)),
        queries_of(lambda: client.get(export)),
        queries_of(lambda: call(cdvc_officer, "GET", api)),
    )
    assert after == before
    assert len(scoring.ranking(khoi, 2022)) == 60


def test_a_level_of_60_or_600_units_is_ranked_in_the_same_queries(client, call, tree, cdvc_officer, big):
    s, first = big
    blocks = [first, *(block(tree.cdvc, [], actor=cdvc_officer, name=f"Khối {i}") for i in range(2, 11))]
    for n, khoi in enumerate(blocks):
        many_scored_units(tree.cdvc, khoi, s, year=2022, n=6, start=n * 60)
    client.force_login(cdvc_officer)
    page = reverse("emulation:level_ranking", args=[tree.cdvc.pk]) + "?year=2022"
    export = reverse("emulation:level_ranking_export", args=[tree.cdvc.pk]) + "?year=2022"
    api = f"/emulation/levels/{tree.cdvc.pk}/ranking?year=2022&page_size=100"
    before = (
        _count(lambda: levels.level_ranking(tree.cdvc, 2022)),
        queries_of(lambda: client.get(page)),
        queries_of(lambda: client.get(export)),
        queries_of(lambda: call(cdvc_officer, "GET", api)),
    )
    assert before[0] == 1
    for n, khoi in enumerate(blocks):
        many_scored_units(tree.cdvc, khoi, s, year=2022, n=54, start=n * 60 + 6)
    after = (
        _count(lambda: levels.level_ranking(tree.cdvc, 2022)),
        queries_of(lambda: client.get(page)),
        queries_of(lambda: client.get(export)),
        queries_of(lambda: call(cdvc_officer, "GET", api)),
    )
    assert after == before
    assert len(levels.level_ranking(tree.cdvc, 2022)) == 600
