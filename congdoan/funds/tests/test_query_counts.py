"""Every list-like route of the fund drives module takes the same number of queries for 2 and for 10
rows of what it lists (``core.tests.queries.assert_same_count``).

Route (name or API path)                          query count covered by
funds:list                                        LISTS[list] (and test_views)
funds:export (xlsx)                               LISTS[export]
funds:create (GET: funds and documents to choose) LISTS[create]
funds:detail (totals per unit, contributions)     LISTS[detail] (and test_views)
funds:contributors_export (xlsx)                  LISTS[contributors_export]
funds:contribution_create (GET)                   — a form listing no rows (units are searched)
funds:grid (a row per CĐCS)                       LISTS[grid]
funds:contributions (every drive's, a figure's)   LISTS[contributions]
funds:import (GET), funds:import_template         — an upload form, a fixed workbook
funds:receipt (docx)                              — one contribution
GET  /funds/funds                                 LISTS[api_funds]
GET  /funds/drives                                LISTS[api_drives] (and test_api)
GET  /funds/drives/{id} (totals per unit)         LISTS[api_drive]
GET  /funds/drives/{id}/contributions             LISTS[api_contributions] (and test_api)
GET  /funds/contributions/{id}                    — one contribution
POST /funds/drives, …/{id}/contributions          — writes
"""

import itertools
from types import SimpleNamespace

import pytest

from congdoan.core.tests.queries import api, page, route_count_test
from congdoan.documents.tests.factories import issued
from congdoan.funds.catalogue import SHIPPED
from congdoan.funds.models import Fund
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import make_unit

from .factories import drive, give

pytestmark = pytest.mark.django_db

_codes = itertools.count(1)
FUNDS = [code for code, *_rest in SHIPPED]


@pytest.fixture
def world(tree, cdvc_officer):
    """The CĐVC's officer and a drive it launched."""
    return SimpleNamespace(tree=tree, actor=cdvc_officer, drive=drive(tree.cdvc, actor=cdvc_officer))


def _new_unit(w):
    n = next(_codes)
    return make_unit(f"FQ{n}", f"Công đoàn cơ sở số {n}", w.tree.cdvc)


# -- builders: add ``n`` rows of what the route lists, return its address ------------------------------


def drives(w, n: int) -> None:
    """``n`` drives of several funds, launched by the CĐVC, CĐCS A and new CĐCS."""
    for i in range(n):
        unit = (w.tree.cdvc, w.tree.a, _new_unit(w))[i % 3]
        drive(unit, actor=w.actor, code=FUNDS[i % len(FUNDS)], name=f"Đợt {next(_codes)}")


def contributions(w, n: int) -> int:
    """A new drive of the CĐVC with ``n`` contributions: of new CĐCS (collected at themselves), of
    members and of people outside the union (collected at CĐCS A)."""
    made = drive(w.tree.cdvc, actor=w.actor, name=f"Đợt {next(_codes)}")
    for i in range(n):
        if i % 3 == 0:
            give(made, _new_unit(w), 100_000 + i, actor=w.actor)
        elif i % 3 == 1:
            give(made, w.tree.a, 200_000, actor=w.actor, kind="member", person=join(w.tree.a, actor=w.actor))
        else:
            give(made, w.tree.a, 300_000, actor=w.actor, kind="person", contributor_name=f"Ông {i}")
    return made.pk


def reach(w, n: int) -> None:
    """What the launch form offers: ``n`` funds and ``n`` issued documents of the CĐVC."""
    funds(w, n)
    for i in range(n):
        issued(w.actor, w.tree.cdvc, title=f"Kế hoạch vận động {i}")


def funds(w, n: int) -> None:
    for _ in range(n):
        code = next(_codes)
        Fund.objects.create(code=f"quy_{code}", name=f"Quỹ thử {code}", order=100 + code)


def grid(w, n: int) -> int:
    """``n`` more CĐCS below the CĐVC: rows of the drive's grid."""
    for _ in range(n):
        _new_unit(w)
    return w.drive.pk


LISTS = {
    "list": page("funds:list", drives),
    "export": page("funds:export", drives),
    "create": page("funds:create", reach),
    "detail": page("funds:detail", contributions, made=True),
    "contributors_export": page("funds:contributors_export", contributions, made=True),
    "grid": page("funds:grid", grid, made=True),
    "contributions": page(
        "funds:contributions", contributions, query="?unit={w.tree.cdvc.pk}&ky=2022&as_of=2022-12-31"
    ),
    "api_funds": api("/funds/funds", funds),
    "api_drives": api("/funds/drives", drives),
    "api_drive": api("/funds/drives/{}", contributions),
    "api_contributions": api("/funds/drives/{}/contributions", contributions),
}


test_the_query_count_does_not_grow_with_the_rows = route_count_test(LISTS)
