"""The welfare demo (seeds 000, 001, 003): the seeds' figures come out of the recorded records for the
right units and period, the survey's gifts are linked rather than typed again, loading is idempotent."""

import datetime as dt

import pytest

from congdoan.accounts.models import User
from congdoan.core import figures
from congdoan.core.models import AuditEntry
from congdoan.core.periods import Period
from congdoan.plans.models import Gift
from congdoan.welfare import selectors
from congdoan.welfare.models import GiftItem, Programme, SupportCase

from .conftest import run_load_demo

pytestmark = pytest.mark.django_db
YEAR = Period.year(2022)


def _figures(unit) -> dict:
    admin = User.objects.get(username="admin")
    return selectors.welfare_figures(actor=admin, unit=unit, period=YEAR, as_of=dt.date(2022, 12, 31))


SEED_001_SPLIT = {
    # "trao hỗ trợ cho 100 đoàn viên có hoàn cảnh khó khăn đặc biệt với tổng số tiền 100 triệu đồng"
    "welfare.by_kind.kho-khan.people": 100,
    "welfare.by_kind.kho-khan.amount": 100_000_000,
    # "trao 100 “Túi quà Tết - kết nối yêu thương” trị giá 50 triệu đồng"
    "welfare.by_kind.qua-tet.count": 100,
    "welfare.by_kind.qua-tet.amount": 50_000_000,
}


def _split(unit) -> dict:
    admin = User.objects.get(username="admin")
    return figures.compute(
        actor=admin, unit_id=unit.pk, names=list(SEED_001_SPLIT), period=YEAR, as_of=dt.date(2022, 12, 31)
    )


def test_seed_001_hanoi(demo):
    tet = Programme.objects.get(unit=demo["CDVC-HN"], title__startswith="Chăm lo Tết")
    totals = selectors.programme_totals(tet)
    assert (totals["cases"], totals["case_amount"]) == (100, 100_000_000)
    assert tet.cases.values("person").distinct().count() == 100
    assert all(c.person.hardship for c in tet.cases.select_related("person"))
    bags = tet.items.get(description__startswith="Túi quà Tết - kết nối yêu thương")
    assert (bags.count, bags.amount) == (100, 50_000_000)
    assert tet.items.get(description__contains="Dệt May").amount == 30_000_000
    house = SupportCase.objects.get(unit=demo["CDVC-HN"], kind__code="nha-o")
    assert (house.amount, house.person, house.house.kind.code) == (20_000_000, None, "tinh-thuong")
    assert "Hà Tĩnh" in house.house.location
    figures = _figures(demo["CDVC-HN"])
    assert figures["welfare.cases"] == 101 and figures["welfare.people"] == 101
    assert figures["welfare.amount"] == 200_000_000
    assert _figures(demo["LDLD-HN"])["welfare.amount"] == 200_000_000  # rolled up the tree
    # seed 001's two figures, from the records through the figures split by kind
    assert _split(demo["CDVC-HN"]) == SEED_001_SPLIT
    assert _split(demo["LDLD-HN"]) == SEED_001_SPLIT


def test_seed_003_policy_families(demo):
    programme = Programme.objects.get(unit=demo["CDVC-PY"], kind__code="27-7")
    assert programme.cases.count() == 95
    assert all(c.person.policy_family for c in programme.cases.select_related("person"))
    assert _figures(demo["CDVC-PY"])["welfare.people"] == 95


def test_seed_000_survey_gifts_are_linked(demo):
    programme = Programme.objects.get(unit=demo["CDVCVN"], kind__code="khao-sat")
    assert programme.mission is not None
    item = GiftItem.objects.get(programme=programme)
    assert item.survey_gift.mission_id == programme.mission_id
    assert (item.count, item.unit_value, item.amount) == (30, 1_000_000, 30_000_000)
    house = SupportCase.objects.get(programme=programme, kind__code="nha-o")
    assert house.survey_gift.kind == Gift.Kind.HOUSE and house.amount == 60_000_000
    assert Gift.objects.filter(mission=programme.mission).count() == 2  # nothing recorded twice
    assert _figures(demo["CDVCVN"])["welfare.amount"] == 90_000_000


def test_loading_again_writes_nothing(demo):
    before = AuditEntry.objects.count()
    run_load_demo()
    assert AuditEntry.objects.count() == before
