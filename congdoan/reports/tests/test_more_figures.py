"""Figures added to the registry for the year-end report (issue 15): congresses held and due, the
initiatives of each round (seed 001's "giai đoạn 1 đạt 906 sáng kiến (127%)"), the members' rate
over the units whose workforce is recorded, percentages of a target not flagged above 100 % and the
word of what a figure counts. Through the API, the catalogue, the report page and its xlsx."""

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from congdoan.core import figures
from congdoan.core.periods import Period
from congdoan.initiatives import services as initiative_services
from congdoan.initiatives.tests import factories as f
from congdoan.meetings.services import term_record
from congdoan.members.tests.factories import join
from congdoan.members.workforce import workforce_record
from congdoan.organizations.tests.factories import make_unit

pytestmark = pytest.mark.django_db
D = dt.date
CONGRESSES = ("congresses.expected", "congresses.held", "congresses.rate_percent")
ROUND_1 = [f"initiatives.by_round.1.{p}" for p in ("registered", "recognised", "target", "percent")]
ROUND_2 = [n.replace(".1.", ".2.") for n in ROUND_1]


def _sheet(content: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def _api(call, user, unit, year: int, names, as_of: str = "") -> dict:
    url = f"/reports/figures?unit={unit.pk}&from={year}-01-01&to={year}-12-31&names={','.join(names)}"
    response = call(user, "GET", url + (f"&as_of={as_of}" if as_of else ""))
    assert response.status_code == 200, response.content
    return response.json()["figures"]


@pytest.fixture
def congresses(tree, admin_user):
    """Terms 2020-2023 of A and B (held 2020); A's 2023-2028 congress held 10/03/2023, B's not yet;
    the CĐVC's planned for 01/11/2023; C brought its 2023-2028 congress forward to 15/12/2022."""
    c = make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc)
    for unit in (tree.a, tree.b, c):
        term_record(actor=admin_user, unit=unit, name="2020-2023", held_on=D(2020, 6, 1))
    term_record(actor=admin_user, unit=tree.a, name="2023-2028", held_on=D(2023, 3, 10), delegates=40)
    term_record(actor=admin_user, unit=tree.cdvc, name="2023-2028", planned_on=D(2023, 11, 1))
    term_record(actor=admin_user, unit=c, name="2023-2028", held_on=D(2022, 12, 15))
    return c


def test_congresses_held_and_due_in_the_year(call, admin_user, tree, congresses):
    got = _api(call, admin_user, tree.cdvc, 2023, CONGRESSES)
    assert got == {"congresses.expected": 3, "congresses.held": 1, "congresses.rate_percent": 33}
    # as of a day before A's congress, none was held yet
    early = _api(call, admin_user, tree.cdvc, 2023, CONGRESSES, as_of="2023-03-01")
    assert (early["congresses.expected"], early["congresses.held"]) == (3, 0)
    # C's congress brought forward counts in 2022, not again in 2023
    assert _api(call, admin_user, tree.cdvc, 2022, CONGRESSES) == {
        "congresses.expected": 1,
        "congresses.held": 1,
        "congresses.rate_percent": 100,
    }
    assert _api(call, admin_user, tree.a, 2023, CONGRESSES)["congresses.held"] == 1
    catalogue = {c["name"] for c in call(admin_user, "GET", "/reports/figures/catalogue").json()}
    assert set(CONGRESSES) <= catalogue


def test_the_year_end_report_shows_the_congresses(as_, admin_user, tree, congresses):
    client = as_(admin_user)
    page = client.get(f"/bao-cao/tong-ket/?unit={tree.cdvc.pk}&nam=2023").content.decode()
    section = page[page.index('data-section="congresses"') :]
    assert 'data-figure="congresses.held"' in section and 'data-figure="congresses.expected"' in section
    rows = _sheet(client.get(f"/bao-cao/tong-ket/xlsx/?unit={tree.cdvc.pk}&nam=2023").content)
    held = next(r for r in rows if r and r[0] == "Đơn vị đã tổ chức đại hội công đoàn")
    assert (held[1], held[2]) == (1, "đơn vị")


@pytest.fixture
def rounds(tree, admin_user):
    """Round 1: the CĐVC's target 713, 906 initiatives of A and B recognised (127 %); round 2: its
    target 800, 3 initiatives of A registered in July 2022, none recognised yet."""
    programme = f.programme(tree.root)
    first, second = programme.rounds.get(number=1), programme.rounds.get(number=2)
    for round_, count in ((first, 713), (second, 800)):
        initiative_services.target_set(
            actor=admin_user, round=round_, given_by=tree.root, unit=tree.prov, count=5000
        )
        initiative_services.target_set(
            actor=admin_user, round=round_, given_by=tree.prov, unit=tree.cdvc, count=count
        )
    f.recognise(f.register(tree.a, 500, round_=first) + f.register(tree.b, 406, round_=first), tree.cdvc)
    f.register(tree.a, 3, round_=second, on=D(2022, 7, 1))
    return programme


def test_initiatives_by_round(call, admin_user, tree, rounds):
    got = _api(call, admin_user, tree.cdvc, 2022, [*ROUND_1, *ROUND_2, "initiatives.percent"])
    assert [got[n] for n in ROUND_1] == [906, 906, 713, 127]
    assert [got[n] for n in ROUND_2] == [3, 0, 800, 0]
    assert got["initiatives.percent"] == 127  # the rounds closing in 2022: round 1's
    # a unit below: its own initiatives of the round, no target of its own
    below = _api(call, admin_user, tree.a, 2022, ROUND_1)
    assert [below[n] for n in ROUND_1] == [500, 500, None, None]
    items = {c["name"]: c for c in call(admin_user, "GET", "/reports/figures/catalogue").json()}
    assert set(ROUND_1 + ROUND_2) <= set(items)
    assert items["initiatives.by_round.1.percent"]["inputs"] == ROUND_1[1:3]
    assert items["initiatives.by_round.1.percent"]["against_target"] is True
    assert items["initiatives.by_round.1.recognised"]["counted"] == "sáng kiến"
    assert items["members.total"]["counted"] == "người"
    assert items["members.rate_percent"]["against_target"] is False
    assert items["awards.collective"]["counted"] == "tập thể"


def test_the_report_shows_rounds_flags_only_shares_over_100_and_counts_in_words(
    as_, admin_user, tree, rounds
):
    join(tree.a, name="Nguyễn Thị An", on=D(2021, 1, 1))
    join(tree.a, name="Trần Văn Bình", on=D(2021, 1, 1))
    workforce_record(actor=admin_user, unit=tree.cdvc, on=D(2022, 1, 1), total=1)  # 5 members of 1: check it
    client = as_(admin_user)
    page = client.get(f"/bao-cao/tong-ket/?unit={tree.cdvc.pk}&nam=2022").content.decode()

    def value_of(name: str) -> str:
        start = page.index(f'data-figure="{name}"')
        return page[start : page.index("</a>", start)]

    assert "127\u00a0%" in value_of("initiatives.by_round.1.percent")
    assert "data-over-full" not in value_of("initiatives.by_round.1.percent")
    assert "data-over-full" not in value_of("initiatives.percent")
    assert "data-over-full" in value_of("members.rate_percent")
    rows = {
        r[0]: r
        for r in _sheet(client.get(f"/bao-cao/tong-ket/xlsx/?unit={tree.cdvc.pk}&nam=2022").content)
        if r
    }
    assert rows["Đợt 1: sáng kiến được công nhận"][1:3] == [906, "sáng kiến"]
    assert rows["Đợt 1: tỷ lệ sáng kiến được công nhận so với chỉ tiêu"][1] == 127
    assert rows["Sáng kiến được công nhận"][2] == "sáng kiến"
    assert rows["Tổng số đoàn viên"][2] == "người"
    # the phase's percentage opens down the units like any figure, unflagged there too
    units = client.get(
        f"/bao-cao/so-lieu/?unit={tree.cdvc.pk}&ky=2022&name=initiatives.by_round.1.percent"
    ).content.decode()
    assert "127\u00a0%" in units and "data-over-full" not in units
    assert figures.get("members.rate_percent").suspicious(150)
    assert not figures.get("initiatives.by_round.1.percent").suspicious(127)


@pytest.fixture
def partial_workforce(tree, admin_user):
    """A: 3 members and a team T under it with 1, workforce 8 (T's staff included); B: 2 members, no
    workforce recorded."""
    team = make_unit("A_T1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
    for name in ("An", "Bình", "Chi"):
        join(tree.a, name=f"Nguyễn Văn {name}", on=D(2021, 1, 1))
    join(team, name="Phạm Văn Giang", on=D(2021, 1, 1))
    for name in ("Dung", "Em"):
        join(tree.b, name=f"Lê Thị {name}", on=D(2021, 1, 1))
    workforce_record(actor=admin_user, unit=tree.a, on=D(2022, 1, 1), total=8)
    return team


NAMES = ["members.total", "workforce.total", "members.rate_percent", "workforce.missing_units"]


def test_the_rate_counts_only_the_members_of_units_with_a_workforce(
    call, admin_user, tree, partial_workforce
):
    team = partial_workforce
    # A's and T's 4 members over A's 8, not all 6 members over 8 (75 %); B lacks a workforce
    got = _api(call, admin_user, tree.cdvc, 2022, NAMES)
    assert got == {
        "members.total": 6,
        "workforce.total": 8,
        "members.rate_percent": 50,
        "workforce.missing_units": 1,
    }
    rows = figures.rows(
        actor=admin_user, unit_id=tree.cdvc.pk, names=NAMES, period=Period.year(2022), as_of=D(2022, 12, 31)
    )
    by_unit = {r.unit.id: r.total for r in rows}
    assert [by_unit[tree.a.pk][n] for n in NAMES] == [4, 8, 50, 0]
    assert [by_unit[team.pk][n] for n in NAMES] == [1, None, None, 1]  # alone, T has no workforce
    assert [by_unit[tree.b.pk][n] for n in NAMES] == [2, None, None, 1]
    # the CĐVC records the workforce of its whole subtree: every member counts, none is missing
    workforce_record(actor=admin_user, unit=tree.cdvc, on=D(2022, 6, 1), total=20)
    got = _api(call, admin_user, tree.cdvc, 2022, NAMES)
    assert (got["workforce.total"], got["members.rate_percent"], got["workforce.missing_units"]) == (
        20,
        30,
        0,
    )
    # as of a day before that record, the rate reads as it was
    before = _api(call, admin_user, tree.cdvc, 2022, NAMES, as_of="2022-05-31")
    assert (before["members.rate_percent"], before["workforce.missing_units"]) == (50, 1)
