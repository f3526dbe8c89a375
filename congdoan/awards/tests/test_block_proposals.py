"""Awards reads emulation's block proposals (``emulation.selectors.proposals``): the page listing a
block's proposed units with a one-click nomination pre-filled, the block rank in the collective
nomination's dossier, and ``GET /api/v1/awards/blocks/{id}/proposals``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.awards.models import Nomination
from congdoan.emulation import scoring
from congdoan.emulation.models import Title
from congdoan.emulation.tests.factories import block
from congdoan.emulation.tests.test_scoring import points, sheet
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def prov_officer(tree):
    user = UserFactory(username="prov_officer", home_unit=tree.prov)
    grant(user, tree.prov, "chu-tich")
    return user


def _ranked(tree, actor, n, prefix, s=None):
    s = s or sheet(tree.prov, actor)
    units = [make_unit(f"{prefix}{i}", f"Công đoàn {prefix} {i}", tree.prov) for i in range(n)]
    for u in units:
        join(u)
    khoi = block(tree.prov, units, actor=actor, name=f"Khối {prefix}")
    for i, unit in enumerate(units):
        scoring.score_record(actor=actor, block=khoi, year=2022, unit=unit, points=points(s, 40, 30, 20 - i))
    return khoi, units


def test_proposals_page_prefills_a_nomination_with_the_block_rank(client, tree, admin_user, prov_officer):
    khoi, units = _ranked(tree, admin_user, 4, "K")
    client.force_login(prov_officer)
    page = client.get(f"/khen-thuong/de-nghi-tu-khoi/?block={khoi.pk}&year=2022")
    assert page.status_code == 200
    body = page.content.decode()
    flag = Title.objects.get(code="co-thi-dua-ldld-tinh")
    assert "Công đoàn K 0" in body and f"kind=t{flag.pk}" in body and f"units={units[0].pk}" in body
    assert body.count('data-testid="propose"') == 3  # rank 1 the flag, ranks 2–3 the Bằng khen
    prefilled = client.get(
        f"/khen-thuong/de-nghi/?unit={tree.prov.pk}&issuer={tree.prov.pk}&kind=t{flag.pk}&year=2022"
        f"&units={units[0].pk}&block={khoi.pk}"
    )
    assert prefilled.status_code == 200 and f'value="{khoi.pk}"' in prefilled.content.decode()
    response = client.post(
        "/khen-thuong/de-nghi/",
        {
            "unit": tree.prov.pk,
            "issuer": tree.prov.pk,
            "kind": f"t{flag.pk}",
            "year": "2022",
            "occasion": "yearly",
            "units": [units[0].pk],
            "block": khoi.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    n = Nomination.objects.get()
    assert n.block_id == khoi.pk
    dossier = client.get(f"/khen-thuong/de-nghi/{n.pk}/").content.decode()
    assert "Khối K: hạng 1 (đề nghị Cờ thi đua)" in dossier


def test_proposals_page_and_api_do_not_grow(client, call, tree, admin_user, prov_officer):
    client.force_login(prov_officer)
    counts = []
    s = sheet(tree.prov, admin_user)
    for n, prefix in ((3, "S"), (6, "L")):
        khoi, _units = _ranked(tree, admin_user, n, prefix, s)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/khen-thuong/de-nghi-tu-khoi/?block={khoi.pk}&year=2022").status_code == 200
        page = len(ctx.captured_queries)
        call(prov_officer, "GET", f"/awards/blocks/{khoi.pk}/proposals?year=2022")
        with CaptureQueriesContext(connection) as ctx:
            response = call(prov_officer, "GET", f"/awards/blocks/{khoi.pk}/proposals?year=2022")
            assert response.status_code == 200
        counts.append((page, len(ctx.captured_queries)))
        rows = response.json()
        assert [r["rank"] for r in rows] == [1, 2, 3]
        assert rows[0]["code"] == "co-thi-dua-ldld-tinh" and rows[1]["code"] == "bk-ldld"
    assert counts[0] == counts[1]


def test_a_block_out_of_reach_is_404_and_a_bad_year_422(client, call, tree, admin_user, officer_b):
    khoi, _units = _ranked(tree, admin_user, 2, "X")
    client.force_login(officer_b)  # a CĐCS officer: the province's block is not theirs
    assert client.get(f"/khen-thuong/de-nghi-tu-khoi/?block={khoi.pk}&year=2022").status_code == 422
    assert call(officer_b, "GET", f"/awards/blocks/{khoi.pk}/proposals?year=2022").status_code == 404
    assert call(officer_b, "GET", "/awards/blocks/999999/proposals").status_code == 404
    client.force_login(admin_user)
    assert client.get(f"/khen-thuong/de-nghi-tu-khoi/?block={khoi.pk}&year=abc").status_code == 422
    assert call(admin_user, "GET", f"/awards/blocks/{khoi.pk}/proposals?year=99").status_code == 422
