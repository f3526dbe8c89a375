"""Query counts that do not grow with the rows: ``assert_same_count(build, fetch)`` builds the data at
each size (``build(size)`` returns what ``fetch`` takes: a URL, a path) and asserts every size's request
takes the same number of queries; a failure lists the queries the larger size added."""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

SIZES = (2, 10)


def queries_of(fetch: Callable[[], Any]) -> list[str]:
    """The SQL of one ``fetch()`` (a 200 answer), after a first call fills the caches (session,
    content types, catalogues read once)."""
    fetch()
    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return [q["sql"] for q in ctx.captured_queries]


def assert_same_count(
    build: Callable[[int], Any], fetch: Callable[[Any], Any], sizes: Sequence[int] = SIZES
) -> int:
    """Build the data at each size, fetch what ``build`` returned, and assert the counts are equal.
    Returns the count."""
    seen = []
    for size in sizes:
        target = build(size)
        seen.append((size, queries_of(lambda target=target: fetch(target))))
    (small, first), *rest = seen
    for size, queries in rest:
        extra = "\n".join(queries[len(first) :][:20]) if len(queries) > len(first) else ""
        assert len(queries) == len(first), (
            f"{len(first)} queries with {small} rows, {len(queries)} with {size}:\n{extra}"
        )
    return len(first)
