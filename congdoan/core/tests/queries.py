"""Query counts that do not grow with the rows: ``assert_same_count(build, fetch)`` builds the data at
each size (``build(size)`` returns what ``fetch`` takes: a URL, a path) and asserts every size's request
takes the same number of queries; a failure lists the queries the larger size added. The larger size's
answer must be longer (it shows the rows: a builder whose rows the route does not show proves nothing).
``assert_route_same_count`` fetches a page (``client``) or an API path (``call``) as the actor."""

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

SIZES = (2, 10)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def queries_of(fetch: Callable[[], Any]) -> tuple[list[str], int]:
    """The SQL of one ``fetch()`` (a 200 answer) and the answer's length, after a first call fills
    the caches (session, content types, catalogues read once)."""
    fetch()
    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    assert response.status_code == 200, (response.status_code, _body(response)[:300])
    return [q["sql"] for q in ctx.captured_queries], len(_body(response))


def assert_same_count(
    build: Callable[[int], Any], fetch: Callable[[Any], Any], sizes: Sequence[int] = SIZES
) -> int:
    """Build the data at each size, fetch what ``build`` returned, and assert the counts are equal.
    Returns the count."""
    seen = []
    for size in sizes:
        target = build(size)
        seen.append((size, *queries_of(lambda target=target: fetch(target))))
    (small, first, length), *rest = seen
    for size, queries, longer in rest:
        extra = "\n".join(queries[len(first) :][:20])
        assert len(queries) == len(first), (
            f"{len(first)} queries with {small} rows, {len(queries)} with {size}:\n{extra}"
        )
        assert longer > length, f"the answer with {size} rows is not longer than with {small}"
    return len(first)


def assert_route_same_count(build: Callable[[Any, int], str], world, *, api: bool, client, call) -> int:
    """``assert_same_count`` of a page (``build(world, n)`` returns its URL) or, ``api``, of an API path
    (``call(user, method, path)``, the ``call`` fixture), fetched as ``world.actor``."""
    client.force_login(world.actor)

    def fetch(address):
        return call(world.actor, "GET", address) if api else client.get(address)

    return assert_same_count(lambda n: build(world, n), fetch)


def page(name: str, build: Callable[[Any, int], Any], *, made: bool = False, query: str = ""):
    """A route's builder for ``assert_route_same_count``: ``build(world, n)`` adds ``n`` rows (and returns
    the id the URL takes when ``made``); the URL of ``name``, then ``query`` formatted with ``w=world``."""

    def address(world, n: int) -> str:
        pk = build(world, n)
        return reverse(name, args=[pk] if made else []) + query.format(w=world)

    return address


def api(path: str, build: Callable[[Any, int], Any]):
    """An API route's builder: ``path`` formatted with what ``build(world, n)`` returns and ``w=world``."""
    return lambda world, n: path.format(build(world, n), w=world)


def route_count_test(routes: dict):
    """The test of a module's ``routes`` (id → ``page``/``api`` builder; ids of API routes begin with
    ``api_``), one case a route; it needs a ``world`` fixture with the ``actor``."""

    @pytest.mark.parametrize("route", routes)
    def test(route, world, client, call):
        assert_route_same_count(routes[route], world, api=route.startswith("api_"), client=client, call=call)

    return test
