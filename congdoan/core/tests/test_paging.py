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
