"""The initiatives demo (seeds 001 and 003): the figures come out of the recorded initiatives."""

import datetime as dt

import pytest

from congdoan.accounts.models import User
from congdoan.core import figures
from congdoan.core.periods import Period
from congdoan.demo import initiatives as demo_initiatives
from congdoan.demo.data import SEED_003_CDVC
from congdoan.initiatives.models import Initiative, Programme
from congdoan.initiatives.selectors import round_progress

pytestmark = pytest.mark.django_db
NAMES = ["initiatives.registered", "initiatives.recognised", "initiatives.target", "initiatives.percent"]
AS_OF = dt.date(2023, 9, 1)


def test_906_initiatives_are_127_percent_of_the_hanoi_target(demo):
    admin = User.objects.get(username="admin")
    programme = Programme.objects.get(name=demo_initiatives.NAME)
    assert programme.unit == demo["TLD"] and programme.goal == 1_000_000
    phase_1 = Period.custom(*demo_initiatives.ROUNDS[0])
    values = figures.compute(
        actor=admin, unit_id=demo["CDVC-HN"].pk, names=NAMES, period=phase_1, as_of=AS_OF
    )
    assert (
        values["initiatives.recognised"],
        values["initiatives.target"],
        values["initiatives.percent"],
    ) == (
        906,
        713,
        127,
    )
    assert values["initiatives.registered"] == 906 + demo_initiatives.HN_REFUSED
    (top, *_below) = round_progress(
        actor=admin, round=programme.rounds.get(number=1), unit=demo["CDVC-HN"], as_of=AS_OF
    )
    assert (top.total.recognised, top.total.target, top.total.percent) == (906, 713, 127)


def test_seed_003_cdvc_exceeded_both_phases(demo):
    admin = User.objects.get(username="admin")
    programme = Programme.objects.get(name=demo_initiatives.NAME)
    for round_ in programme.rounds.all():
        (top, *_below) = round_progress(actor=admin, round=round_, unit=demo[SEED_003_CDVC], as_of=AS_OF)
        assert top.total.recognised > top.total.target > 0


def test_loading_again_adds_no_initiative(demo):
    before = Initiative.objects.count()
    assert demo_initiatives.load_initiatives(admin=User.objects.get(username="admin")) == 0
    assert Initiative.objects.count() == before
