"""One paging shape for every list of the API (issue 13: "views and API routes look alike"):
``?page=&page_size=`` (``core.api.PageQuery``); no list takes ``limit``/``offset``."""

import pytest

from config.api import api

MODULES = ("/api/v1/",)


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
