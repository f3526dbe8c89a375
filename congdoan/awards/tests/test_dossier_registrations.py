"""The dossier reads a registration for the year registered for (``selectors.dossier_facts``): a
movement over 2021–2023 registered for 2022 counts for a 2022 nomination, not for 2023's."""

import datetime as dt

import pytest

from congdoan.awards import selectors
from congdoan.awards.catalogue import TTLDXS
from congdoan.emulation import services as emulation
from congdoan.emulation import titles
from congdoan.emulation.tests.factories import movement

from .factories import nominate, title

pytestmark = pytest.mark.django_db


def test_a_registration_counts_for_its_own_year_only(tree, cdvc_officer, officer_a):
    m = movement(tree.cdvc, actor=cdvc_officer, starts_on=dt.date(2021, 1, 1), ends_on=dt.date(2023, 12, 31))
    r = emulation.registration_create(actor=officer_a, movement=m, unit=tree.a, targets="x", year=2022)
    titles.registration_titles_add(actor=officer_a, registration=r, title=title(TTLDXS), units=[tree.a])
    registered = {}
    for year in (2021, 2022, 2023):
        n = nominate(tree.cdvc, TTLDXS, units=[tree.a], issuer=tree.prov, year=year)
        facts = selectors.dossier_facts(n, list(n.lines.all()))
        registered[year] = [f["registered"] for f in facts.values()]
    assert registered == {2021: ["no"], 2022: ["yes"], 2023: ["no"]}
