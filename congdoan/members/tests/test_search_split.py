"""Over a whole tree, PostgreSQL searches split "name contains t" in parts (selectors.SearchQuerySet):
every page must hold exactly what the plain filter gives, in the same order."""

import pytest
from django.db import connection
from django.db.models import Q

from congdoan.core.dates import today
from congdoan.core.text import fold
from congdoan.members import selectors
from congdoan.members.models import IN_UNIT, Person
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit

# "nguyen" at the start, after the first letter, inside a word; short terms; a card number prefix.
NAMES = [
    "Nguyễn Văn An",
    "Lê Nguyễn Văn Bình",
    "Trần Thị Nguyên",
    "An Văn Nguyễn",
    "Nguyễn Thị Ánh",
    "Phạm Anh Tuấn",
    "Ngô Văn Nam",
    "Đặng Thị Ngân",
    "Bùi Văn Nguyện",
]
TERMS = ["nguyen", "NGUYỄN văn", "guyen", "ng", "a", "van b", "T0", "khong ai"]
PAGE = 4
ON_POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def register(tree):
    c = make_unit("CDCS_C", "Công đoàn cơ sở C", tree.other)
    units = [tree.a, tree.b, c]
    return [join(units[i % 3], name=name) for i, name in enumerate(NAMES * 3)]


@pytest.fixture
def root_officer(tree):
    user = UserFactory(username="root_officer", home_unit=tree.root)
    grant(user, tree.root, "chu-tich")
    return user


def expected(q: str, sort: str, scope: Q | None = None) -> list[int]:
    match = Q(name_folded__contains=fold(q)) | Q(card_number__startswith=q.upper())
    order = ("name_folded", "id") if sort == "name" else ("-name_folded", "-id")
    return list(
        Person.objects.filter(match, scope or Q(), status__in=IN_UNIT)
        .order_by(*order)
        .values_list("pk", flat=True)
    )


def pages(qs, total: int) -> list[int]:
    return [p.pk for start in range(0, total + PAGE, PAGE) for p in qs[start : start + PAGE]]


@pytest.mark.parametrize("sort", ["name", "-name"])
@pytest.mark.parametrize("q", TERMS)
@pytest.mark.parametrize("who", ["admin_user", "root_officer"])
def test_whole_tree_pages_are_the_plain_filters(request, register, who, q, sort):
    actor = request.getfixturevalue(who)
    qs = selectors.member_search(actor=actor, filters=selectors.MemberFilters(q=q, sort=sort))
    assert bool(qs.parts) == ON_POSTGRES
    want = expected(q, sort)
    assert pages(qs, len(want)) == want
    assert selectors.capped_count(qs) == (len(want), True)
    assert [p.pk for p in qs[1:3]] == want[1:3]


@pytest.mark.parametrize("q", TERMS)
def test_a_subtree_is_not_split(register, cdvc_officer, admin_user, tree, q):
    for actor, unit in ((cdvc_officer, None), (admin_user, tree.cdvc)):
        qs = selectors.member_search(actor=actor, filters=selectors.MemberFilters(q=q, unit=unit))
        assert not qs.parts
        want = expected(q, "name", Q(unit_path__startswith=tree.cdvc.version_on(today()).path))
        assert pages(qs, len(want)) == want


def test_other_sorts_are_not_split(register, admin_user):
    qs = selectors.member_search(actor=admin_user, filters=selectors.MemberFilters(q="nguyen", sort="card"))
    assert not qs.parts
    assert [p.card_number for p in qs] == sorted(p.card_number for p in qs)
