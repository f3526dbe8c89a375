"""Search that matches every word typed, and Vietnamese alphabetical order (issue 9, "Search and
order"): on SQLite and on PostgreSQL alike, over a subtree and over the whole tree (where
PostgreSQL reads the trigram index for the words)."""

import io
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from python_calamine import CalamineWorkbook

from congdoan.members import exporting, selectors
from congdoan.members.importing import SHEET
from congdoan.members.models import IN_UNIT, Person, name_keys
from congdoan.members.selectors import MemberFilters, member_search
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import UserFactory, grant

D_LIST = ["Đào", "Đinh", "Đỗ", "Doãn", "Dư", "Dương"]
D_ORDER = ["Doãn", "Dư", "Dương", "Đào", "Đinh", "Đỗ"]


@pytest.fixture
def root_officer(tree):
    user = UserFactory(username="root_officer", home_unit=tree.root)
    grant(user, tree.root, "chu-tich")
    return user


ACTORS = ["admin_user", "root_officer", "cdvc_officer"]  # whole tree (twice) and a subtree


def names(actor, **filters) -> list[str]:
    return [p.full_name for p in member_search(actor=actor, filters=MemberFilters(**filters))]


# -- every word, in any order -------------------------------------------------------------------


@pytest.fixture
def lans(tree):
    return [
        join(tree.a, name="Nguyễn Thị Lan", card_number="C000001"),
        join(tree.b, name="Nguyễn Lan Anh", card_number="C000002"),
        join(tree.a, name="Trần Thị Lan", card_number="C000003"),
        join(tree.b, name="Nguyễn Văn Bình", card_number="C000004"),
    ]


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("q", ["nguyen lan", "lan nguyen", "NGUYỄN  lan", "lan ngu"])
def test_every_word_in_any_order(request, lans, who, q):
    actor = request.getfixturevalue(who)
    assert set(names(actor, q=q)) == {"Nguyễn Thị Lan", "Nguyễn Lan Anh"}


@pytest.mark.parametrize("who", ACTORS)
def test_a_word_not_in_the_name_finds_nothing(request, lans, who):
    actor = request.getfixturevalue(who)
    assert names(actor, q="nguyen lan hoa") == []
    assert names(actor, q="thi lan") == ["Nguyễn Thị Lan", "Trần Thị Lan"]  # given name, then family


@pytest.mark.parametrize("who", ACTORS)
def test_a_whole_number_still_matches_as_one_term(request, tree, lans, who):
    actor = request.getfixturevalue(who)
    join(tree.a, name="Lê Văn Số", card_number="C001 234".replace(" ", ""), phone="0912345678")
    assert names(actor, q="C000003") == ["Trần Thị Lan"]  # a card number, not the words 'c000003'
    assert names(actor, q="+84 912 345 678") == ["Lê Văn Số"]  # a phone typed any way: one number
    assert names(actor, q="0912 345 678") == ["Lê Văn Số"]


def expected(words: list[str], sort: str) -> list[int]:
    match = Q()
    for w in words:
        match &= Q(name_folded__contains=w)
    order = selectors.SORTS[sort]
    return list(
        Person.objects.filter(match, status__in=IN_UNIT).order_by(*order).values_list("pk", flat=True)
    )


@pytest.mark.parametrize("cap", [10_000, 2])  # a match within the cap is sorted, a broader one walked
@pytest.mark.parametrize("sort", ["name", "-name", "family", "-family", "card"])
@pytest.mark.parametrize("q", ["nguyen", "van nguyen", "ng", "a", "thi l", "khong ai"])
def test_pages_are_the_plain_filter(admin_user, cdvc_officer, tree, monkeypatch, q, sort, cap):
    monkeypatch.setattr(selectors, "COUNT_CAP", cap)
    for i, name in enumerate(["Nguyễn Văn An", "Lê Nguyễn Văn Bình", "Trần Thị Nguyên", "An Văn Nguyễn"] * 3):
        join((tree.a, tree.b)[i % 2], name=name)
    want = expected(q.split(), sort)
    for actor in (admin_user, cdvc_officer):
        qs = member_search(actor=actor, filters=MemberFilters(q=q, sort=sort))
        n, exact = selectors.capped_count(qs, selectors.COUNT_CAP)
        assert (n, exact) == (min(len(want), cap), len(want) <= cap)
        assert [p.pk for start in range(0, len(want) + 4, 4) for p in qs[start : start + 4]] == want
        fresh = member_search(actor=actor, filters=MemberFilters(q=q, sort=sort))  # not counted first
        assert [p.pk for p in fresh[1:6]] == want[1:6]


def test_trigram_index_serves_long_words_over_the_whole_tree(admin_user, cdvc_officer, lans):
    """On PostgreSQL words of 3 letters or more are tests the trigram index serves over the whole
    tree (``name_folded LIKE``), and tests no index serves (``COLLATE "C"``) below the root."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's indexes")
    whole = str(member_search(actor=admin_user, filters=MemberFilters(q="nguyen la")).query)
    assert '"name_folded"::text LIKE %nguyen%' in whole and 'COLLATE "C"::text LIKE %la%' in whole
    below = str(member_search(actor=cdvc_officer, filters=MemberFilters(q="nguyen la")).query)
    assert 'COLLATE "C"::text LIKE %nguyen%' in below


# -- Vietnamese order ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ACTORS)
def test_d_and_dd_by_family_name(request, tree, who):
    for family in D_LIST:
        join(tree.a, name=f"{family} Văn An")
    actor = request.getfixturevalue(who)
    assert names(actor, sort="family") == [f"{f} Văn An" for f in D_ORDER]
    assert names(actor, sort="-family") == [f"{f} Văn An" for f in reversed(D_ORDER)]


@pytest.mark.parametrize("who", ACTORS)
def test_d_and_dd_by_given_name(request, tree, who):
    for given in D_LIST:
        join(tree.b, name=f"Nguyễn Thị {given}")
    actor = request.getfixturevalue(who)
    assert names(actor) == [f"Nguyễn Thị {g}" for g in D_ORDER]
    assert names(actor, sort="-name") == [f"Nguyễn Thị {g}" for g in reversed(D_ORDER)]


@pytest.mark.parametrize(
    "first, second",
    [("Hoàng Văn Nam", "Hồ Văn Nam"), ("Dương Văn Nam", "Đặng Văn Nam"), ("Hồ Văn Nam", "Hổ Văn Nam")],
)
def test_letters_first_then_tones(tree, admin_user, first, second):
    join(tree.a, name=second)
    join(tree.a, name=first)
    assert names(admin_user, sort="family") == [first, second]


def test_given_name_order_and_family_name_order(tree, admin_user, cdvc_officer):
    for name in ["Nguyễn Thị Lan", "Trần Văn An", "Lê Thị Lan", "Đỗ Bình", "Nguyễn An"]:
        join(tree.a, name=name)
    for actor in (admin_user, cdvc_officer):
        assert names(actor) == ["Nguyễn An", "Trần Văn An", "Đỗ Bình", "Lê Thị Lan", "Nguyễn Thị Lan"]
        assert names(actor, sort="family") == [
            "Đỗ Bình",
            "Lê Thị Lan",
            "Nguyễn An",
            "Nguyễn Thị Lan",
            "Trần Văn An",
        ]
        assert names(actor, sort="unit") == names(actor)  # one unit: by name within it


def test_a_renamed_member_moves_in_the_order(tree, admin_user):
    from congdoan.members import services

    zoe = join(tree.a, name="Nguyễn Văn Yên")
    join(tree.a, name="Nguyễn Văn Bình")
    services.member_update(actor=admin_user, person=zoe, full_name="Nguyễn Văn An")
    zoe.refresh_from_db()
    assert (zoe.sort_key, zoe.family_sort_key) == tuple(
        name_keys("Nguyễn Văn An")[k] for k in ("sort_key", "family_sort_key")
    )
    assert names(admin_user) == ["Nguyễn Văn An", "Nguyễn Văn Bình"]


def test_the_list_page_and_its_family_order(client, tree, cdvc_officer):
    for family in D_LIST:
        join(tree.a, name=f"{family} Văn An")
    client.force_login(cdvc_officer)
    page = client.get(reverse("members:list"), {"sort": "family"}).content.decode()
    assert [page.index(f"{f} Văn An") for f in D_ORDER] == sorted(page.index(f"{f} Văn An") for f in D_ORDER)
    assert 'data-testid="sort-family"' in page and 'value="-family"' in page


def test_the_list_query_count_is_the_same_in_either_order(
    client, tree, cdvc_officer, django_assert_num_queries
):
    for i in range(3):
        join(tree.a, name=f"Đỗ Văn {i}")
    client.force_login(cdvc_officer)
    client.get(reverse("members:list"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("members:list"), {"sort": "family"})
    for i in range(20):
        join(tree.b, name=f"Dương Thị {i}")
    for sort in ("name", "family", "-family"):
        with django_assert_num_queries(len(small)):
            assert client.get(reverse("members:list"), {"sort": sort, "q": "van"}).status_code == 200


def test_the_export_in_the_lists_order(tree, cdvc_officer):
    for family in D_LIST:
        join(tree.a, name=f"Nguyễn Văn {family}")
    out = io.BytesIO()
    exporting.write_members_xlsx(out, actor=cdvc_officer, filters=MemberFilters())
    out.seek(0)
    cells = CalamineWorkbook.from_filelike(out).get_sheet_by_name(SHEET).to_python()
    column = cells[0].index("Họ và tên*")
    assert [row[column] for row in cells[1:]] == [f"Nguyễn Văn {g}" for g in D_ORDER]


def test_the_api_sorts_by_family_name(call, tree, cdvc_officer):
    for family in D_LIST:
        join(tree.a, name=f"{family} Văn An")
    rows = call(cdvc_officer, "GET", "/members?sort=family").json()
    items = rows["items"] if isinstance(rows, dict) else rows
    assert [r["full_name"] for r in items] == [f"{f} Văn An" for f in D_ORDER]


def test_the_migration_fills_the_keys_of_people_already_stored(tree):
    people = [join(tree.a, name=f"{f} Văn An") for f in D_LIST]
    Person.objects.update(sort_key="", family_sort_key="")
    import_module("congdoan.members.migrations.0012_person_sort_keys").fill(apps, None)
    for p in people:
        p.refresh_from_db()
        assert (p.sort_key, p.family_sort_key) == (
            name_keys(p.full_name)["sort_key"],
            name_keys(p.full_name)["family_sort_key"],
        )
