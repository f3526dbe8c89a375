"""The member figures lead to the people they count (issue 15 §3): the register as it was on the
date (``members.total``/``.female``) or the joins and leavers of the period, for a unit's subtree."""

import datetime as dt

import pytest
from django.urls import reverse

from congdoan.core.tests.queries import assert_same_count
from congdoan.core.tests.records import check_records
from congdoan.members.tests.factories import join
from congdoan.members.tests.test_figures import MID_2024, Y2024, members  # noqa: F401 (fixture)

NAMES = ("members.total", "members.female", "members.joined", "members.left")


def test_each_member_figure_lists_what_it_counts(client, tree, cdvc_officer, members):  # noqa: F811
    units = (tree.cdvc.pk, tree.a.pk, members.pk, tree.b.pk)
    checked = check_records(
        client,
        cdvc_officer,
        names=NAMES,
        unit_ids=units,
        period=Y2024,
        as_of=MID_2024,
        listed=lambda name, response: response.context["total"],
    )
    assert ("members.left", tree.a.pk, 1) in checked  # Bình, who has left since, is listed


def test_the_link_names_the_filters(tree):
    from congdoan.core import figures

    url = figures.get("members.joined").records_url(tree.a.pk, Y2024, MID_2024)
    assert url.startswith(reverse("members:list") + "?")
    assert (
        f"unit={tree.a.pk}" in url and "ky=2024" in url and "as_of=2024-06-30" in url and "flow=joined" in url
    )


@pytest.mark.parametrize(
    "params, message",
    [
        ({"as_of": "31/02/2024"}, "không phải là ngày hợp lệ"),
        ({"as_of": "01/01/2999"}, "không được sau hôm nay"),
        ({"ky": "2024-x9", "as_of": "2024-06-30"}, ""),
        ({"unit": "abc", "as_of": "2024-06-30"}, "không phải là mã số đơn vị"),
    ],
)
def test_bad_values_are_named_not_a_500(client, cdvc_officer, params, message):
    client.force_login(cdvc_officer)
    response = client.get(reverse("members:list"), params)
    assert response.status_code == 422
    assert message in response.content.decode()


def test_the_workforce_leads_to_the_statistics_that_show_it(client, tree, cdvc_officer, members):  # noqa: F811
    check_records(
        client,
        cdvc_officer,
        names=("workforce.total",),
        unit_ids=(tree.cdvc.pk, tree.a.pk, members.pk, tree.b.pk),
        period=Y2024,
        as_of=MID_2024,
        listed=lambda name, response: response.context["rows"][0].total.workforce,
    )


def test_the_register_as_it_was_takes_the_same_queries_for_2_and_10(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)

    def build(n: int) -> str:
        for i in range(n):
            join(tree.a, name=f"Ngô Văn {i}", on=dt.date(2024, 3, 1))
        return (
            reverse("members:list")
            + f"?unit={tree.cdvc.pk}&descendants=on&ky=2024&as_of=2024-06-30&flow=joined"
        )

    assert_same_count(build, client.get)
