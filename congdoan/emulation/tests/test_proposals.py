"""Proposals after a block's ranking (issue 11 §5): the first for the Cờ thi đua, the next two ranks
for the Bằng khen (counts as dated data, core.rules), on the block page and in its Excel file."""

import datetime as dt
import io
import zipfile

import pytest
from django.http import Http404
from django.urls import reverse

from congdoan.core.models import RuleValue
from congdoan.emulation import scoring, selectors
from congdoan.organizations.tests.factories import make_unit

from .factories import block
from .test_scoring import points, sheet

pytestmark = pytest.mark.django_db
NAMES = ["Công đoàn Một", "Công đoàn Hai", "Công đoàn Ba", "Công đoàn Bốn", "Công đoàn Năm"]


@pytest.fixture
def ranked(tree, cdvc_officer):
    """Five units scored 90, 80, 80, 70, 60 in 2022 and again in 2023: ranks 1, 2, 2, 4, 5."""
    s = sheet(tree.cdvc, cdvc_officer)
    units = [make_unit(f"P{i}", name, tree.cdvc) for i, name in enumerate(NAMES)]
    khoi = block(tree.cdvc, units, actor=cdvc_officer)
    for year in (2022, 2023):
        for unit, third in zip(units, (20, 10, 10, 0, 0), strict=True):
            first = 30 if unit.code == "P4" else 40
            scoring.score_record(
                actor=cdvc_officer, block=khoi, year=year, unit=unit, points=points(s, first, 30, third)
            )
    return khoi, units


def test_first_for_the_flag_next_two_ranks_for_the_certificate(cdvc_officer, ranked):
    khoi, units = ranked
    found = [
        (p.unit_name, p.rank, p.form) for p in selectors.proposals(actor=cdvc_officer, block=khoi, year=2022)
    ]
    assert found[0] == ("Công đoàn Một", 1, "co-thi-dua")
    # Rank 2 is shared by two units; both are within the next two ranks. Rank 4 is not proposed.
    assert sorted(found[1:]) == [("Công đoàn Ba", 2, "bang-khen"), ("Công đoàn Hai", 2, "bang-khen")]
    assert selectors.proposals(actor=cdvc_officer, block=khoi, year=2022)[0].form_label == "Cờ thi đua"


def test_the_counts_are_dated_data(cdvc_officer, ranked):
    khoi, _units = ranked
    RuleValue.objects.create(
        key="emulation.block_proposals",
        value={"flag": 1, "certificate": 3},
        valid_from=dt.date(2023, 1, 1),
        source="Hướng dẫn mới (thử)",
    )
    later = selectors.proposals(actor=cdvc_officer, block=khoi, year=2023)
    assert [(p.unit_name, p.form) for p in later][-1] == ("Công đoàn Bốn", "bang-khen")
    assert len(selectors.proposals(actor=cdvc_officer, block=khoi, year=2022)) == 3


def test_out_of_reach_is_not_found(tree, officer_a, ranked):
    khoi, _units = ranked
    other = make_unit("KX", "Liên đoàn khác", tree.other)
    foreign = block(other, [], name="Khối ngoài phạm vi")
    with pytest.raises(Http404):
        selectors.proposals(actor=officer_a, block=foreign, year=2022)


def test_block_page_and_excel_show_the_proposals(client, cdvc_officer, ranked):
    khoi, _units = ranked
    client.force_login(cdvc_officer)
    page = client.get(reverse("emulation:block", args=[khoi.pk]) + "?year=2022")
    rows = {r.unit_name: r.proposal for r in page.context["ranking"]}
    assert rows["Công đoàn Một"] == "Cờ thi đua" and rows["Công đoàn Hai"] == "Bằng khen"
    assert rows["Công đoàn Bốn"] == ""
    assert "Đề nghị khen thưởng" in page.content.decode()
    export = client.get(reverse("emulation:block_ranking_export", args=[khoi.pk]) + "?year=2022")
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    assert "Cờ thi đua" in text and "Bằng khen" in text and "Đề nghị khen thưởng" in text
