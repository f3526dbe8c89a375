"""One paging shape for the work modules' API lists (issue 13): ``?page=&page_size=`` as the register's
(members, documents), ``core.api.PageQuery``; no list of initiatives, welfare or funds takes
``limit``/``offset`` any more."""

import pytest

from config.api import api

MODULES = ("/api/v1/initiatives", "/api/v1/welfare", "/api/v1/funds", "/api/v1/members", "/api/v1/documents")


def _lists():
    spec = api.get_openapi_schema()
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if not path.startswith(MODULES) or get is None:
            continue
        content = get["responses"].get(200, {}).get("content", {})
        if "application/json" not in content:
            continue
        ok = content["application/json"]["schema"]
        if "$ref" in ok:
            ok = spec["components"]["schemas"][ok["$ref"].rsplit("/", 1)[1]]
        if {"items", "count"} <= set(ok.get("properties", {})):
            yield path, {p["name"] for p in get.get("parameters", [])}


def test_there_are_lists_to_check():
    assert len(list(_lists())) >= 10


@pytest.mark.parametrize(("path", "names"), list(_lists()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_list_is_paged_by_page_and_page_size(path, names):
    assert {"page", "page_size"} <= names and not {"limit", "offset"} & names, (path, names)
