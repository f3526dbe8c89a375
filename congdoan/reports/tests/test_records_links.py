"""Every additive figure the issue names leads from the figure page to the records it counts (issue
15 §3): the figure page links each unit's row to its module's list, which lists that many."""

import datetime as dt
import re

import pytest

from congdoan.core import figures
from congdoan.core.periods import Period

pytestmark = pytest.mark.django_db

# The figures of issue 15 §2 that add up (the computed ones, percentages, have no records) and the
# figures of a form's family, each opening its module's list.
ADDITIVE = (
    "members.total",
    "members.female",
    "members.joined",
    "members.left",
    "workforce.total",
    "units.grassroots",
    "conferences.cbccvc.held",
    "conferences.cbccvc.expected",
    "conferences.workers.held",
    "conferences.workers.expected",
    "dialogues.held",
    "dialogues.expected",
    "initiatives.registered",
    "initiatives.recognised",
    "welfare.cases",
    "welfare.people",
    "welfare.amount",
    "funds.amount",
    "awards.collective",
    "awards.individual",
    "ratings.total",
    "ratings.excellent",
)


def test_every_additive_figure_has_its_records_and_the_computed_none():
    missing = [name for name in ADDITIVE if figures.get(name).records_url is None]
    assert not missing, missing
    by_form = [f for f in figures.catalogue() if f.name.startswith("awards.by_form.")]
    assert by_form and all(f.records_url is not None for f in by_form)
    computed = [f for f in figures.catalogue() if f.rule == figures.Rollup.COMPUTED]
    assert computed and all(f.records_url is None for f in computed)


def test_the_figure_page_links_each_unit_to_the_people_counted(as_, cdvc_officer, year_2022):
    tree = year_2022
    client = as_(cdvc_officer)
    page = client.get(f"/bao-cao/so-lieu/?unit={tree.cdvc.pk}&ky=2022&name=members.joined")
    html = page.content.decode()
    links = [a.replace("&amp;", "&") for a in re.findall(r'href="([^"]+)" data-col="records"', html)]
    assert len(links) == 3  # the CĐVC, CĐCS A and CĐCS B
    listed = [client.get(link).context["total"] for link in links]
    assert listed == [2, 1, 1]


def test_a_unit_out_of_reach_shows_nothing_on_every_records_page(client, tree, officer_a):
    """CĐCS A's officer following a link to its sibling B's records: the list pages' rule for a unit
    out of reach in their filters (422 naming the field, as their tests hold) or 404 (the tree, whose
    unit is an object of the address); never a 200 and never B's name."""
    client.force_login(officer_a)
    period, day = Period.year(2022), dt.date(2022, 12, 31)
    wrong = {}
    for name in ADDITIVE:
        response = client.get(figures.get(name).records_url(tree.b.pk, period, day))
        if (
            response.status_code not in (404, 422)
            or "Công đoàn Sở Giáo dục và Đào tạo" in response.content.decode()
        ):
            wrong[name] = response.status_code
    assert wrong == {}
