"""The demo's fund drives: seed 001's three results come out of the recorded contributions."""

import datetime as dt

import pytest

from congdoan.accounts.models import User
from congdoan.core import figures
from congdoan.core.periods import Period
from congdoan.demo.funds import DRIVES, split
from congdoan.funds.catalogue import TOTAL, figure_name
from congdoan.funds.models import Contribution, Drive
from congdoan.funds.selectors import drive_totals

from .conftest import run_load_demo


def _amounts(admin, unit) -> dict:
    names = [TOTAL, *(figure_name(code) for code in DRIVES)]
    return figures.compute(
        actor=admin, unit_id=unit.pk, names=names, period=Period.year(2022), as_of=dt.date(2022, 12, 31)
    )


def test_seed_001_fund_totals_from_the_records(demo):
    admin = User.objects.get(username="admin")
    values = _amounts(admin, demo["CDVC-HN"])
    sea, social, gratitude, poor = (values[figure_name(c)] for c in DRIVES)
    assert sea == 2_087_500_000 and round(sea / 1e9, 1) == 2.1 and sea < 2_100_000_000  # "gần 2,1 tỷ"
    assert social + gratitude == 697_200_000 and social + gratitude < 700_000_000  # "gần 700 triệu"
    assert round((social + gratitude) / 1e8) == 7
    assert poor == 1_304_200_000 and round(poor / 1e9, 1) == 1.3  # "khoảng 1,3 tỷ"
    assert values[TOTAL] == sea + social + gratitude + poor
    # The same amounts roll up to the LĐLĐ above it, and every contribution came from a CĐCS.
    assert _amounts(admin, demo["LDLD-HN"])[TOTAL] == values[TOTAL]
    assert Contribution.objects.filter(drive__unit=demo["CDVC-HN"]).count() == 4 * 58
    drive = Drive.objects.get(unit=demo["CDVC-HN"], fund__code="bien_dao")
    rows = drive_totals(actor=admin, drive=drive)
    assert rows[0].total.amount == 2_087_500_000 and rows[0].own.amount == 0


def test_loading_again_adds_nothing(demo):
    before = Contribution.objects.count()
    run_load_demo()
    assert Contribution.objects.count() == before


@pytest.mark.parametrize("total", [total for _name, total, _p in DRIVES.values()])
def test_the_split_adds_up_exactly(total):
    amounts = split(total, 58)
    assert sum(amounts) == total and all(a > 0 and a % 100_000 == 0 for a in amounts)
