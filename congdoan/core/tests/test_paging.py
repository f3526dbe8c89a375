"""core.paging: page numbers from the address bar and the pages they give."""

import pytest

from congdoan.core import paging
from congdoan.core.api import MAX_ID


@pytest.mark.parametrize(
    ("raw", "number"),
    [(None, 1), ("", 1), ("abc", 1), ("1.5", 1), ("1e3", 1), ("-4", 1), ("0", 1), (" 3 ", 3), ("7", 7)],
)
def test_page_number(raw, number):
    assert paging.page_number(raw) == number


def test_page_number_is_not_bounded_above():
    assert paging.page_number(str(MAX_ID)) == MAX_ID


ROWS = list(range(1, 124))  # three pages of 50: 50, 50, 23


@pytest.mark.parametrize(("raw", "number"), [("2", 2), (str(MAX_ID), 3), ("10" * 20, 3), ("-1", 1), ("x", 1)])
def test_page_of_a_number_past_the_end_is_the_last_page(raw, number):
    page = paging.page_of(ROWS, raw, 50)
    assert page.number == number


def test_page_of_an_empty_list_is_page_one():
    assert paging.page_of([], str(MAX_ID), 50).number == 1


@pytest.mark.parametrize(
    ("raw", "number", "first", "has_next"),
    [
        ("1", 1, 1, True),
        ("2", 2, 51, True),
        ("3", 3, 101, False),
        ("4", 3, 101, False),
        (str(MAX_ID), 3, 101, False),
    ],
)
def test_window(raw, number, first, has_next):
    page = paging.window(ROWS, raw, 50, count=lambda: len(ROWS))
    assert (page.number, page.rows[0], page.has_next) == (number, first, has_next)
    assert len(page.rows) == (23 if number == 3 else 50)


def test_window_counts_only_past_the_end():
    counted = []

    def count():
        counted.append(1)
        return len(ROWS)

    paging.window(ROWS, "2", 50, count=count)
    assert not counted
    paging.window(ROWS, "9", 50, count=count)
    assert counted == [1]


def test_window_of_nothing_is_an_empty_page_one():
    page = paging.window([], "5", 50, count=lambda: 0)
    assert (page.number, list(page.rows), page.has_next) == (1, [], False)


# -- the pager every list draws (issue 9: page numbers and the total, not only "Trang sau") -------------


@pytest.mark.parametrize(
    ("number", "pages", "links"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 20, [1, 2, 3, None, 20]),
        (10, 20, [1, None, 8, 9, 10, 11, 12, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
        (4, 20, [1, 2, 3, 4, 5, 6, None, 20]),
    ],
)
def test_pager_offers_the_numbers_around_the_page_and_both_ends(number, pages, links):
    assert paging.Pager(number, number < pages, pages, pages * 50).links == links


def test_pager_of_an_uncounted_window_offers_the_next_and_a_gap():
    window = paging.Window(rows=list(range(50)), number=7, has_next=True, per_page=50)
    pager = paging.pager(window)
    assert pager.pages is None and pager.links == [1, None, 5, 6, 7, 8, None]


def test_pager_of_a_counted_window_and_of_a_page():
    window = paging.window(ROWS, "2", 50)
    assert paging.pager(window, total=123).pages == 3 and paging.pager(window, total=123).links == [1, 2, 3]
    assert paging.pager(window, total=10_000, exact=False).pages is None  # "more than 10.000"
    page = paging.page_of(ROWS, "9223372036854775807", 50)
    assert (paging.pager(page).number, paging.pager(page).pages, paging.pager(page).total) == (3, 3, 123)


def test_pager_partial_draws_numbers_links_keeping_filters_and_the_total(rf):
    from django.template import RequestContext, Template

    request = rf.get("/x/", {"q": "lan", "page": "2"})
    html = Template("{% load ui %}{% pager page %}").render(
        RequestContext(request, {"page": paging.page_of(ROWS, "2", 50)})
    )
    assert 'href="?q=lan&amp;page=3"' in html and 'href="?q=lan&amp;page=1"' in html
    assert 'aria-current="page"' in html and "Trang 2/3" in html and "123 dòng" in html
    in_form = Template("{% load ui %}{% pager page in_form=True %}").render(
        RequestContext(request, {"page": paging.page_of(ROWS, "2", 50)})
    )
    assert (
        '<button type="submit" class="page-link" name="page" value="3">' in in_form and "href" not in in_form
    )


def test_pager_in_english(rf):
    from django.template import RequestContext, Template
    from django.utils import translation

    request = rf.get("/x/")
    with translation.override("en"):
        html = Template("{% load ui %}{% pager page %}").render(
            RequestContext(request, {"page": paging.page_of(ROWS, "1", 50)})
        )
        window = paging.window(ROWS, "1", 50)
        more = Template("{% load ui %}{% pager page total=10000 exact=False %}").render(
            RequestContext(request, {"page": window})
        )
    assert "Page 1 of 3" in html and "123 rows" in html and "Next page" in html
    assert "more than 10.000 rows" in more  # one number format in both languages
