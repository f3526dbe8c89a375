"""``awards.*`` and ``awards.by_form.<code>.*`` lead to the awards they count (issue 15 §3): the page of
the awards given in the unit's subtree over the period up to the date, by recipient and form."""

import datetime as dt

import pytest
from django.urls import reverse

from congdoan.core.periods import Period
from congdoan.core.tests.queries import assert_same_count
from congdoan.core.tests.records import check_records
from congdoan.members.tests.factories import join

from .factories import awarded

pytestmark = pytest.mark.django_db
NAMES = (
    "awards.collective",
    "awards.individual",
    "awards.by_form.giay-khen.collective",
    "awards.by_form.giay-khen.individual",
    "awards.by_form.bk-ldld.collective",
    "awards.by_form.bk-ldld.individual",
)


def test_the_awards_listed_are_those_counted(client, tree, cdvc_officer):
    people = [join(tree.a) for _ in range(3)]
    awarded(tree.cdvc, "giay-khen", people=people, units=[tree.a, tree.b], issuer=tree.cdvc)
    awarded(tree.cdvc, "bk-ldld", units=[tree.b], issuer=tree.prov)
    checked = check_records(
        client,
        cdvc_officer,
        names=NAMES,
        unit_ids=(tree.cdvc.pk, tree.a.pk, tree.b.pk),
        period=Period.year(2022),
        as_of=dt.date(2022, 12, 31),
        listed=lambda name, response: response.context["page"].paginator.count,
    )
    assert ("awards.by_form.giay-khen.individual", tree.a.pk, 3) in checked


def test_bad_filters_are_named_and_a_unit_out_of_reach_lists_nothing(client, tree, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("awards:given"), {"code": "nope", "as_of": "2999-01-01"})
    body = response.content.decode()
    assert response.status_code == 422 and "không được sau hôm nay" in body and "nope" in body
    response = client.get(reverse("awards:given"), {"unit": tree.b.pk})
    assert response.status_code == 422 and not response.context["page"].object_list


def test_the_page_takes_the_same_queries_for_2_and_10_awards(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)

    def build(n: int) -> str:
        awarded(tree.cdvc, "giay-khen", people=[join(tree.a) for _ in range(n)], issuer=tree.cdvc)
        return reverse("awards:given") + f"?unit={tree.cdvc.pk}&ky=2022&as_of=2022-12-31"

    assert_same_count(build, client.get)
