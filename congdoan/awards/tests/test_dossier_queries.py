"""The dossier pages cost the same number of queries for 1 line as for 5 (DEVELOPERS.md: lists do
not grow): the eligibility checks, the women ranking and the emulation facts read their records
once per page (``eligibility.Facts``, ``eligibility.women_shares``, ``selectors.dossier_facts``)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.accounts.services import token_issue
from congdoan.awards.catalogue import CSTDCS, TTLDXS
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import make_unit

from .factories import awarded, nominate

pytestmark = pytest.mark.django_db


def _count(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
        assert response.status_code == 200, response.content[:2000]
    return len(ctx.captured_queries)


def _people(tree, n):
    people = [join(tree.a, sex="M" if i % 2 else "F") for i in range(n)]
    awarded(tree.cdvc, "giay-khen", people=people[:1], issuer=tree.cdvc, year=2021)
    return people


def _units(tree, n, start):
    units = [make_unit(f"CDCS_Q{start + i}", f"Công đoàn thử {start + i}", tree.cdvc) for i in range(n)]
    for u in units:
        join(u)
        join(u, sex="M")
    return units


@pytest.mark.parametrize("kind", ["people", "units"])
def test_dossier_pages_do_not_grow_with_lines(client, tree, cdvc_officer, kind):
    client.force_login(cdvc_officer)
    _token, raw = token_issue(actor=cdvc_officer, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client.get("/api/v1/awards/nominations", **auth)  # the token's first use writes its "last used"
    counts = []
    for size, start in ((1, 0), (5, 10)):
        if kind == "people":
            n = nominate(tree.cdvc, CSTDCS, people=_people(tree, size), issuer=tree.cdvc, council=5, votes=5)
        else:
            n = nominate(
                tree.cdvc, TTLDXS, units=_units(tree, size, start), issuer=tree.prov, council=5, votes=3
            )
        assert n.lines.count() == size
        counts.append(
            (
                _count(client, f"/khen-thuong/de-nghi/{n.pk}/"),
                _count(client, f"/api/v1/awards/nominations/{n.pk}", **auth),
            )
        )
    assert counts[0] == counts[1]


def test_decision_page_does_not_grow_with_awardees(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    _token, raw = token_issue(actor=cdvc_officer, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client.get("/api/v1/awards/nominations", **auth)  # the token's first use writes its "last used"
    counts = []
    for size, year in ((1, 2021), (5, 2022)):
        d = awarded(
            tree.cdvc, "giay-khen", people=[join(tree.a) for _ in range(size)], issuer=tree.cdvc, year=year
        )
        counts.append(
            (
                _count(client, f"/khen-thuong/quyet-dinh/{d.pk}/"),
                _count(client, f"/api/v1/awards/decisions/{d.pk}", **auth),
            )
        )
    assert counts[0] == counts[1]
