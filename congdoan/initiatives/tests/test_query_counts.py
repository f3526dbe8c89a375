"""Every list-like route of the initiatives module takes the same number of queries for 2 and for 10
rows of what it lists (``core.tests.queries.assert_same_count``).

Route (name or API path)                         query count covered by
initiatives:list                                 LISTS[list] (and test_pages)
initiatives:export (xlsx)                        LISTS[export]
initiatives:create (GET, rounds to choose)       LISTS[create]
initiatives:import (GET, rounds to choose)       LISTS[import]
initiatives:import_template                      — a fixed workbook, no rows
initiatives:detail (authors, files, documents)   LISTS[detail]
initiatives:review, initiatives:attach           — POST writes; their 422 page is detail's
initiatives:attachment                           — one file
initiatives:programmes                           LISTS[programmes] (and test_pages)
initiatives:programme_export (xlsx)              LISTS[programme_export]
initiatives:programme_create, target_set (GET)  — forms listing no rows (units are searched)
initiatives:programme (rounds, documents)        LISTS[programme]
initiatives:round (progress, targets)            LISTS[round] (and test_pages)
initiatives:round_export (xlsx)                  LISTS[round_export]
initiatives:targets_export (xlsx)                LISTS[targets_export]
GET  /initiatives/fields                         LISTS[api_fields] (and test_api)
GET  /initiatives/programmes                     LISTS[api_programmes]
GET  /initiatives/programmes/{id}                LISTS[api_programme]
GET  /initiatives/rounds/{id}/progress           LISTS[api_progress]
GET  /initiatives/rounds/{id}/targets            LISTS[api_targets]
GET  /initiatives                                LISTS[api_initiatives]
GET  /initiatives/{id}                           LISTS[api_initiative]
POST /initiatives, …/{id}/review, …/targets      — writes
"""

import datetime as dt
import itertools
from decimal import Decimal
from types import SimpleNamespace

import pytest

from congdoan.core.tests.queries import api, page, route_count_test
from congdoan.documents import links
from congdoan.documents.tests.factories import issued
from congdoan.initiatives import services
from congdoan.initiatives.models import Initiative, InitiativeAttachment, InitiativeField
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import make_unit

from . import factories as f

pytestmark = pytest.mark.django_db

_codes = itertools.count(1)


@pytest.fixture
def world(tree, cdvc_officer):
    """The CĐVC's officer, a programme it launched, two authors (of CĐCS A and B)."""
    programme = f.programme(tree.cdvc, actor=cdvc_officer, name="Chương trình chung")
    authors = [
        (join(tree.a, actor=cdvc_officer), Decimal(60)),
        (join(tree.b, actor=cdvc_officer), Decimal(40)),
    ]
    return SimpleNamespace(
        tree=tree, actor=cdvc_officer, round=programme.rounds.get(number=1), authors=authors
    )


def _new_unit(w):
    n = next(_codes)
    return make_unit(f"QC{n}", f"Công đoàn cơ sở số {n}", w.tree.cdvc)


def _programme(w, name: str, rounds=f.ROUNDS):
    return services.programme_create(
        actor=w.actor, unit=w.tree.cdvc, name=name, starts_on=f.LAUNCHED, ends_on=f.ENDS, rounds=rounds
    )


def _link_documents(w, obj, n: int, role: str) -> None:
    for i in range(n):
        links.link(document=issued(w.actor, w.tree.cdvc, title=f"Văn bản {i}"), obj=obj, role=role)


# -- builders: add ``n`` rows of what the route lists, return its address ------------------------------


def initiatives(w, n: int) -> None:
    """``n`` initiatives with two authors each: half of CĐCS A, recognised by the CĐVC, half of new
    CĐCS, one each."""
    ids = f.register(w.tree.a, n // 2, actor=w.actor, round_=w.round, authors=w.authors)
    f.recognise(ids, w.tree.cdvc, actor=w.actor)
    for _ in range(n - n // 2):
        f.register(_new_unit(w), 1, actor=w.actor, round_=w.round, authors=w.authors)


def fields(w, n: int) -> None:
    for _ in range(n):
        code = next(_codes)
        InitiativeField.objects.create(code=f"linh-vuc-{code}", name=f"Lĩnh vực thử {code}", order=100 + code)


def programmes(w, n: int) -> None:
    for _ in range(n):
        _programme(w, f"Chương trình {next(_codes)}")


def progress(w, n: int) -> int:
    """A new programme's first round with ``n`` new CĐCS, each given a target and one initiative."""
    round_ = _programme(w, f"Chương trình {next(_codes)}").rounds.get(number=1)
    for _ in range(n):
        unit = _new_unit(w)
        services.target_set(actor=w.actor, round=round_, given_by=w.tree.cdvc, unit=unit, count=5)
        f.register(unit, 1, actor=w.actor, round_=round_)
    return round_.pk


def programme(w, n: int) -> int:
    """A programme with ``n`` rounds (a month each) and ``n`` linked documents."""
    rounds = [
        (f.LAUNCHED + dt.timedelta(days=31 * i), f.LAUNCHED + dt.timedelta(days=31 * i + 20))
        for i in range(n)
    ]
    made = _programme(w, f"Chương trình {next(_codes)}", rounds)
    _link_documents(w, made, n, "plan")
    return made.pk


def initiative(w, n: int) -> int:
    """An initiative with ``n`` authors of equal shares, ``n`` files and ``n`` decisions linked."""
    authors = [(join(w.tree.a, actor=w.actor), Decimal(100) / n) for _ in range(n)]
    (pk,) = f.register(w.tree.a, 1, actor=w.actor, round_=w.round, authors=authors)
    f.recognise([pk], w.tree.cdvc, actor=w.actor)
    for i in range(n):
        InitiativeAttachment.objects.create(
            initiative_id=pk,
            path=f"attachments/test/qc-{pk}-{i}.pdf",
            name=f"{i}.pdf",
            size=1,
            content_type="application/pdf",
        )
    _link_documents(w, Initiative.objects.get(pk=pk), n, "decision")
    return pk


LISTS = {
    "list": page("initiatives:list", initiatives),
    "export": page("initiatives:export", initiatives),
    "create": page("initiatives:create", programmes),
    "import": page("initiatives:import", programmes),
    "detail": page("initiatives:detail", initiative, made=True),
    "programmes": page("initiatives:programmes", programmes),
    "programme_export": page("initiatives:programme_export", programmes),
    "programme": page("initiatives:programme", programme, made=True),
    "round": page("initiatives:round", progress, made=True, query="?as_of=01/09/2023"),
    "round_export": page("initiatives:round_export", progress, made=True, query="?as_of=01/09/2023"),
    "targets_export": page("initiatives:targets_export", progress, made=True),
    "api_fields": api("/initiatives/fields", fields),
    "api_programmes": api("/initiatives/programmes", programmes),
    "api_programme": api("/initiatives/programmes/{}", programme),
    "api_progress": api("/initiatives/rounds/{}/progress?as_of=2023-09-01", progress),
    "api_targets": api("/initiatives/rounds/{}/targets", progress),
    "api_initiatives": api("/initiatives", initiatives),
    "api_initiative": api("/initiatives/{}", initiative),
}


test_the_query_count_does_not_grow_with_the_rows = route_count_test(LISTS)
