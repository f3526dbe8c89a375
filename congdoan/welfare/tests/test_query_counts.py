"""Every list-like route of the welfare module takes the same number of queries for 2 and for 10 rows
of what it lists (``core.tests.queries.assert_same_count``).

Route (name or API path)                          query count covered by
welfare:cases                                     LISTS[cases] (and test_views)
welfare:cases_export (xlsx)                       LISTS[cases_export]
welfare:case_create (GET: programmes to choose)   LISTS[case_create]
welfare:case (decisions linked, to choose)        LISTS[case]
welfare:case_document                             — a POST write; its 422 page is case's
welfare:houses                                    LISTS[houses] (and test_views)
welfare:houses_export (xlsx)                      LISTS[houses_export]
welfare:house_create (GET)                        LISTS[house_create]
welfare:programmes                                LISTS[programmes] (and test_views)
welfare:programmes_export (xlsx)                  LISTS[programmes_export]
welfare:programme_create (GET: missions)          LISTS[programme_create]
welfare:programme (gifts, survey gifts, cases)    LISTS[programme] (and test_views)
welfare:item_add                                  — a POST write; its 422 page is programme's
welfare:items_export (xlsx, a programme's gifts)  LISTS[items_export]
welfare:recipients_export (xlsx, its cases)       LISTS[recipients_export]
welfare:candidates                                LISTS[candidates] (and test_views)
welfare:candidates_export (xlsx)                  LISTS[candidates_export]
welfare:totals (units of the subtree)             LISTS[totals]
welfare:totals_export (xlsx)                      LISTS[totals_export]
welfare:sources_export (xlsx, totals by source)   LISTS[sources_export]
GET  /welfare/cases                               LISTS[api_cases] (and test_api)
GET  /welfare/cases?houses=true                   LISTS[api_houses]
GET  /welfare/cases/{id} (decisions linked)       LISTS[api_case] (and test_api_links)
POST /welfare/cases/{id}/decisions                — a write; answers the detail, as api_case
GET  /welfare/programmes                          LISTS[api_programmes] (and test_api)
GET  /welfare/programmes/{id} (gift items)        LISTS[api_programme]
GET  /welfare/programmes/{id}/candidates          LISTS[api_candidates] (and test_api_links)
GET  /welfare/totals                              LISTS[api_totals]
GET  /welfare/kinds (support and house kinds)      LISTS[api_kinds] (and test_api)
POST /welfare/cases, /houses, /programmes, …/items — writes
"""

import itertools
from types import SimpleNamespace

import pytest

from congdoan.core.tests.queries import api, page, route_count_test
from congdoan.documents.tests.factories import issued
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import make_unit
from congdoan.plans import services as plans
from congdoan.plans.models import Gift
from congdoan.plans.tests import factories as plans_factories
from congdoan.welfare import services
from congdoan.welfare.models import Source, SupportKind

from . import factories

pytestmark = pytest.mark.django_db

_codes = itertools.count(1)


@pytest.fixture
def world(tree, cdvc_officer):
    """The CĐVC's officer and a Tết programme of CĐCS A."""
    return SimpleNamespace(tree=tree, actor=cdvc_officer, programme=factories.programme(tree.a, cdvc_officer))


def _gift_item(w, programme, *, survey_gift=None, unit_value=500_000) -> None:
    services.gift_item_add(
        actor=w.actor,
        programme=programme,
        kind=factories.kind("qua-tet"),
        description="Túi quà Tết",
        count=None if survey_gift else 2,
        unit_value=None if survey_gift else unit_value,
        given_on=programme.starts_on,
        source=Source.UNION_FUNDS,
        survey_gift=survey_gift,
    )


def _mission(w):
    head = plans_factories.officer(w.tree.a, w.tree.cdvc)
    return plans_factories.mission(
        w.tree.cdvc, actor=w.actor, head=head, plan=plans_factories.issued(w.tree.cdvc)
    )


# -- builders: add ``n`` rows of what the route lists, return its address ------------------------------


def _new_unit(w):
    code = next(_codes)
    return make_unit(f"WQ{code}", f"Công đoàn cơ sở số {code}", w.tree.cdvc)


def cases(w, n: int) -> None:
    """``n`` cases: members of CĐCS A in the programme, and outsiders supported (a personal kind: who
    they are is shown by the deciding unit's reach) by new CĐCS, one each."""
    for i in range(n):
        if i % 3 == 0:
            person = join(w.tree.a, actor=w.actor, hardship=True)
            factories.case(w.tree.a, w.actor, person=person, programme=w.programme)
        else:
            kind = factories.kind("kho-khan" if i % 3 == 1 else "hieu-hy")
            factories.case(_new_unit(w), w.actor, beneficiary_name=f"Người nhận {i}", kind=kind)


def houses(w, n: int) -> None:
    for i in range(n):
        factories.house(w.tree.a if i % 2 else _new_unit(w), w.actor, beneficiary_name=f"Hộ {next(_codes)}")


def case(w, n: int) -> int:
    """A case with ``n`` issued documents of its unit linked as decisions (and offered to link)."""
    made = factories.case(w.tree.a, w.actor)
    for i in range(n):
        document = issued(w.actor, w.tree.a, title=f"Quyết định hỗ trợ {i}")
        services.case_link_document(actor=w.actor, case=made, document=document)
    return made.pk


def programmes(w, n: int) -> None:
    """``n`` programmes of CĐCS A and of new CĐCS, each with a case and a gift item."""
    for i in range(n):
        unit = w.tree.a if i % 2 else _new_unit(w)
        programme = factories.programme(unit, w.actor, title=f"Chương trình {next(_codes)}")
        factories.case(unit, w.actor, programme=programme)
        _gift_item(w, programme)


def reach(w, n: int) -> None:
    """What the forms offer: ``n`` programmes of CĐCS A and ``n`` survey missions of the CĐVC."""
    programmes(w, n)
    for _ in range(n):
        _mission(w)


def programme(w, n: int) -> int:
    """A survey programme of the CĐVC: its mission recorded ``2n`` gifts, ``n`` of them given as the
    programme's items (the others offered), ``n`` items of its own and ``n`` cases."""
    mission = _mission(w)
    gifts = [
        plans.gift_add(actor=w.actor, mission=mission, kind=Gift.Kind.GIFT, count=3, unit_value=100_000)
        for _ in range(2 * n)
    ]
    made = factories.programme(
        w.tree.cdvc,
        w.actor,
        code="khao-sat",
        title=f"Khảo sát {next(_codes)}",
        mission=mission,
        starts_on=mission.starts_on,
        ends_on=mission.ends_on,
    )
    for gift in gifts[:n]:
        _gift_item(w, made, survey_gift=gift)
        _gift_item(w, made)
        factories.case(
            w.tree.cdvc,
            w.actor,
            person=join(w.tree.a, actor=w.actor),
            programme=made,
            decided_on=made.starts_on,
        )
    return made.pk


def candidates(w, n: int) -> int:
    """A programme of CĐCS A and ``n`` members flagged there, every other one supported already."""
    made = factories.programme(w.tree.a, w.actor, title=f"Chương trình {next(_codes)}")
    for i in range(n):
        person = join(w.tree.a, actor=w.actor, hardship=bool(i % 2), policy_family=not i % 2)
        if i % 2:
            factories.case(w.tree.a, w.actor, person=person, programme=made)
    return made.pk


def totals(w, n: int) -> None:
    """``n`` new CĐCS below the CĐVC, each with a case and a programme that gave gifts."""
    for _ in range(n):
        unit = _new_unit(w)
        factories.case(
            unit,
            w.actor,
            beneficiary_name=f"Hộ {unit.code}",
            source=Source.SPONSOR,
            source_name="Doanh nghiệp A",
        )
        _gift_item(w, factories.programme(unit, w.actor))


def kinds(w, n: int) -> None:
    for _ in range(n):
        code = next(_codes)
        SupportKind.objects.create(code=f"loai-{code}", name=f"Loại thử {code}", order=100 + code)


TOTALS = "?unit={w.tree.cdvc.pk}&year=2022"
LISTS = {
    "cases": page("welfare:cases", cases),
    "cases_export": page("welfare:cases_export", cases),
    "case_create": page("welfare:case_create", reach),
    "case": page("welfare:case", case, made=True),
    "houses": page("welfare:houses", houses),
    "houses_export": page("welfare:houses_export", houses),
    "house_create": page("welfare:house_create", reach),
    "programmes": page("welfare:programmes", programmes),
    "programmes_export": page("welfare:programmes_export", programmes),
    "programme_create": page("welfare:programme_create", reach),
    "programme": page("welfare:programme", programme, made=True),
    "items_export": page("welfare:items_export", programme, made=True),
    "recipients_export": page("welfare:recipients_export", programme, made=True),
    "candidates": page("welfare:candidates", candidates, made=True),
    "candidates_export": page("welfare:candidates_export", candidates, made=True),
    "totals": page("welfare:totals", totals, query=TOTALS),
    "totals_export": page("welfare:totals_export", totals, query=TOTALS),
    "sources_export": page("welfare:sources_export", totals, query=TOTALS),
    "api_cases": api("/welfare/cases", cases),
    "api_houses": api("/welfare/cases?houses=true", houses),
    "api_programmes": api("/welfare/programmes", programmes),
    "api_programme": api("/welfare/programmes/{}", programme),
    "api_case": api("/welfare/cases/{}", case),
    "api_candidates": api("/welfare/programmes/{}/candidates", candidates),
    "api_totals": api("/welfare/totals" + TOTALS, totals),
    "api_kinds": api("/welfare/kinds", kinds),
}


test_the_query_count_does_not_grow_with_the_rows = route_count_test(LISTS)
