"""Paging for every list page: the page number read from a query string, and the page itself.

A page number comes from the address bar, so it may be anything: missing, not a number,
negative, or a 19-digit number whose row offset does not fit the database's 64-bit integer
(which used to answer 500). The rule, the same on every list:

- missing, not a whole number, zero or negative: page 1;
- past the end (however large): the last page.

Two shapes:

- ``page_of(rows, raw, per_page)``: a counted list, a Django ``Page`` (``pager.html`` draws it).
- ``window(rows, raw, per_page, count=...)``: a long list that is not counted on every request
  (the member list, the audit log): one row more than a page tells whether there is a next one;
  only a number past the end counts the rows, to find the last page.

Both are drawn by one partial, ``core/partials/pager.html``, through ``{% pager page %}``
(``core/templatetags/ui.py``): previous/next, the page numbers around the current one, the first
and the last when known, and the total. ``Pager`` is what it draws; the page number travels in the
query string (links) or, inside a filter form, as the ``page`` value of the button pressed.

The API's lists bound their inputs in their schemas instead (``page``/``offset`` out of range is
a 422 naming the field, ``core.api``).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator

from .api import MAX_ID


def page_number(raw: Any) -> int:
    """``raw`` (a query-string value, or None) as a page number ≥ 1; anything unreadable is 1.
    Not bounded above: ``page_of``/``window`` bring a number past the end back to the last page."""
    try:
        return max(1, int(str(raw).strip()))
    except (TypeError, ValueError):
        return 1


def page_of(rows, raw: Any, per_page: int) -> Page:
    """Page ``raw`` of ``rows`` (a queryset or a list), counted: past the end is the last page."""
    paginator = Paginator(rows, per_page)
    return paginator.page(min(page_number(raw), paginator.num_pages))


@dataclass(frozen=True)
class Window:
    """One page of an uncounted list: its rows, its number (≥ 1) and whether a next one exists."""

    rows: Sequence
    number: int
    has_next: bool
    per_page: int = 0


def window(rows, raw: Any, per_page: int, *, count: Callable[[], int] | None = None) -> Window:
    """Page ``raw`` of ``rows`` without counting them. A number whose page is empty (past the end)
    counts the rows once (``count()``, by default ``rows.count()``) and gives the last page."""
    # Beyond this the offset would not fit a 64-bit integer: such a page is past any end.
    number = min(page_number(raw), MAX_ID // per_page - 1)
    found = list(rows[(number - 1) * per_page : number * per_page + 1])
    if not found and number > 1:
        total = count() if count is not None else rows.count()
        number = max(1, -(-total // per_page))
        found = list(rows[(number - 1) * per_page : number * per_page + 1])
    return Window(rows=found[:per_page], number=number, has_next=len(found) > per_page, per_page=per_page)


AROUND = 2  # page numbers offered on each side of the current one


@dataclass(frozen=True)
class Pager:
    """What the pager draws: the current number, the last one and the total when known (``None``
    for an uncounted list), and the numbers to offer (``None`` marks a gap)."""

    number: int
    has_next: bool
    pages: int | None
    total: int | None
    exact: bool = True

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def shown(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def links(self) -> list[int | None]:
        last = self.pages if self.pages is not None else self.number + (1 if self.has_next else 0)
        wanted = {1, last, *range(self.number - AROUND, self.number + AROUND + 1)}
        numbers = sorted(n for n in wanted if 1 <= n <= last)
        out: list[int | None] = []
        for n in numbers:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        if self.pages is None and self.has_next:
            out.append(None)  # more pages, not counted
        return out


def pager(page: Page | Window, *, total: int | None = None, exact: bool = True) -> Pager:
    """The ``Pager`` of a counted ``Page`` or of a ``Window`` (``total``: its rows when counted, or
    a lower bound when ``exact`` is false, as the member list's capped count)."""
    if isinstance(page, Window):
        known = total is not None and exact and page.per_page
        pages = max(1, -(-total // page.per_page)) if known else None
        return Pager(page.number, page.has_next, pages, total, exact)
    return Pager(page.number, page.has_next(), page.paginator.num_pages, page.paginator.count)
