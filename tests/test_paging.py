"""Every list, page or API, answers any page number it is given: never a 500.

The routes are those of the route-scope walk (``tests/test_route_scope.py``), so a new list is
walked the moment it exists. The rule itself lives in ``congdoan.core.paging`` (pages) and in the
API's input schemas (``core.api``: out-of-range numbers are a 422 naming the field).
"""

import json
import re

import pytest
from django.urls import reverse

from congdoan.accounts.services import token_issue
from congdoan.members.tests.factories import join
from tests import test_route_scope as scope
from tests.test_route_scope import _fill, api_operations, ui_routes

own = scope.own  # the fixture: objects of CĐCS A, which officer_a sees

BAD_PAGES = ["9223372036854775807", "99999999999999999999999", "-1", "0", "abc", "1e3", ""]


@pytest.mark.parametrize(("route", "pattern"), ui_routes())
def test_every_page_answers_any_page_number(route, pattern, client, officer_a, own):
    client.force_login(officer_a)
    url = _fill(route, {**own, "token_id": token_issue(actor=officer_a, name="a")[0].pk})
    for value in BAD_PAGES:
        response = client.get(url, {"page": value})  # a server error raises here
        assert response.status_code < 500, f"GET {url}?page={value} answered {response.status_code}"


@pytest.mark.parametrize(("method", "path", "op"), [p for p in api_operations() if p.values[0] == "GET"])
def test_every_api_list_answers_any_page_number(method, path, op, client, officer_a, own):
    _, raw = token_issue(actor=officer_a, name="a")
    url = re.sub(r"\{(?P<name>\w+)\}", lambda m: str(own.get(m.group("name"), own["unit_id"])), path)
    for name, value in [(n, v) for n in ("page", "offset", "limit", "page_size") for v in BAD_PAGES]:
        response = client.get(url, {name: value}, HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert response.status_code < 500, f"GET {url}?{name}={value} answered {response.status_code}"
        assert response["Content-Type"].startswith("application/json"), f"GET {url}?{name}={value}"
        if response.status_code == 422:
            assert name in json.loads(response.content)["errors"]


@pytest.mark.parametrize("name", ["members:list", "accounts:audit"])
def test_a_page_past_the_end_of_a_long_list_is_its_last_page(name, client, officer_a, tree):
    for _ in range(3):
        join(tree.a, actor=officer_a)  # three members, three audit rows
    client.force_login(officer_a)
    response = client.get(reverse(name), {"page": "9223372036854775807"})
    assert response.status_code == 200
    assert response.context["number"] == 1 and response.context["rows"]


def test_every_list_draws_the_one_core_pager():
    """Issue 9: one pager (``{% pager %}``: numbers and the total) for every list, so a later module
    gets it by using the tag; no template draws a pagination of its own."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "congdoan"
    own = [
        str(p.relative_to(root))
        for p in root.rglob("templates/**/*.html")
        if "pagination" in p.read_text() and p.name != "pager.html"
    ]
    assert own == []
    assert [str(p.relative_to(root)) for p in root.rglob("templates/**/pager.html")] == [
        "core/templates/core/partials/pager.html"
    ]


@pytest.mark.parametrize("name", ["members:list", "accounts:audit"])
def test_a_huge_page_under_production_settings(name, client, officer_a, tree, settings):
    """The example also failed under production settings (DEBUG off, the error page answering): the
    page, and the member API list, answer as under the test settings (the audit log has no API)."""
    settings.DEBUG = False
    client.raise_request_exception = False
    join(tree.a, actor=officer_a)
    client.force_login(officer_a)
    response = client.get(reverse(name), {"page": "9223372036854775807"})
    assert response.status_code == 200 and response.context["number"] == 1
    _, raw = token_issue(actor=officer_a, name="a")
    answer = client.get(
        "/api/v1/members", {"page": "9223372036854775807"}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert answer.status_code in (200, 422) and answer["Content-Type"].startswith("application/json")
