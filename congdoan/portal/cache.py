"""Caching of the public pages.

- **Django's cache** (Redis in production, local memory in development and tests): a public page's
  rendered body is kept under its host (its absolute links), path, query string, language and the
  portal's *generation*, a number every committed write bumps (``bump``), so a change shows at
  once and stale entries are simply never asked for again. Entries also expire after ``PAGE_SECONDS``, which bounds how late a
  scheduled article appears (it is published ahead and filtered by its time, ``Article.objects.public``).
- **HTTP**: ``Cache-Control: public, max-age=PAGE_SECONDS``, an ``ETag`` of the body and
  ``Last-Modified`` (the newest public article), answered ``304`` on a matching conditional request
  (``django.utils.cache.get_conditional_response``).
- **Live figures** (``live_page``): an article with a figures box is kept under the newest audit
  entry as well (drawn again only after a service has recorded something), with ``max-age=0`` and an
  ETag only, so its figures are always the reports' figures now. The figures themselves are kept
  under the same number (``selectors.figures_box``).
- **Images** (``image_response``): at the versioned address the public pages and the API give
  (``?v=``), ``max-age=IMAGE_LONG_SECONDS`` (a year) and ``immutable``; at the bare address (an old
  link), ``max-age=IMAGE_SECONDS`` (10 minutes) and ``must-revalidate``, with an
  ``ETag`` (the stored file's random name: its bytes never change) and ``Last-Modified`` (the image's
  upload). A browser or proxy holding an image asks again after ten minutes and gets ``304`` from one
  query, without the file being opened; once the article is unpublished the image answers ``404``, so
  an unpublished image leaves every cache that obeys HTTP within ``IMAGE_SECONDS``.

Public pages carry no session, CSRF token or user data, so one cached body serves every visitor.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

from congdoan.core import audit
from congdoan.core.dates import today

PAGE_SECONDS = 60
IMAGE_SECONDS = 10 * 60
# The public pages give images at versioned addresses, kept a year (issue 16: "images served with
# long cache lifetimes"). An unpublished article's image answers 404 at once, but a copy a browser
# or proxy already holds under that address may be served until it expires: the page that showed
# it leaves the caches within PAGE_SECONDS, and nothing links the address any more.
IMAGE_LONG_SECONDS = 365 * 24 * 60 * 60
GENERATION = "portal:generation"


def generation() -> int:
    value = cache.get(GENERATION)
    if value is None:
        cache.add(GENERATION, 1, None)
        value = cache.get(GENERATION) or 1
    return value


def bump() -> None:
    """Make every cached public page stale, once the write commits."""

    def run():
        try:
            cache.incr(GENERATION)
        except ValueError:
            cache.set(GENERATION, 2, None)

    transaction.on_commit(run)


def _key(request) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}|{get_language()}|{generation()}"
    return "portal:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _headers(response: HttpResponse, last_modified, *, max_age: int) -> None:
    patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    response["ETag"] = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())


def cached_page(
    request, render: Callable[[], HttpResponse], last_modified: Callable[[], object]
) -> HttpResponse:
    """The page from the cache, or ``render()`` (stored when it answers 200), with the HTTP cache
    headers and a 304 when the client already holds it."""
    key = _key(request)
    stored = cache.get(key)
    if stored is None:
        response = render()
        if response.status_code != 200:
            return response
        modified = last_modified()
        stored = (response.content, response["Content-Type"], modified)
        cache.set(key, stored, PAGE_SECONDS)
    body, content_type, modified = stored
    return _answer(request, HttpResponse(body, content_type=content_type), modified, max_age=PAGE_SECONDS)


def _answer(request, response: HttpResponse, modified, *, max_age: int) -> HttpResponse:
    _headers(response, modified, max_age=max_age)
    conditional = get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=int(modified.timestamp()) if modified else None,
        response=response,
    )
    return conditional


def live_page(request, render: Callable[[], HttpResponse]) -> HttpResponse:
    """A public page that shows live figures (an article's figures box, read from the reports
    figures layer). Its body is kept in Django's cache under the page's key *and* the newest audit
    entry and today's date (``core.audit.newest_entry_id``: every service write records an entry, so
    a fact recorded by any module moves it and the next request draws the page again; a portal write
    also bumps the generation). Entries expire after ``PAGE_SECONDS``, which also bounds two writes
    committing out of their ids' order. ``Cache-Control: public, max-age=0`` makes browsers and
    proxies revalidate every time; the ``ETag`` of the body answers ``304`` only when the figures are
    the same, and there is no ``Last-Modified`` (the figures' facts have no one time), so the news and
    the report can never show different numbers. Cost of a kept page: one query (the audit id)."""
    key = f"{_key(request)}:live:{audit.newest_entry_id()}:{today().isoformat()}"
    stored = cache.get(key)
    if stored is None:
        response = render()
        if response.status_code != 200:
            return response
        stored = (response.content, response["Content-Type"])
        cache.set(key, stored, PAGE_SECONDS)
    body, content_type = stored
    return _answer(request, HttpResponse(body, content_type=content_type), None, max_age=0)


def image_response(
    request, *, stored: str, modified, open_file: Callable[[], HttpResponse], versioned: bool = False
):
    """A public image: ``304`` when the client's copy is current (``If-None-Match`` on the ETag, else
    ``If-Modified-Since``), without calling ``open_file``; otherwise ``open_file()``'s response. Both
    carry the ETag and Last-Modified, and ``Cache-Control: public, max-age=IMAGE_SECONDS,
    must-revalidate``, or, at a ``versioned`` address (the ``?v=`` the public pages and the API give,
    ``content.public_image_url``), ``public, max-age=IMAGE_LONG_SECONDS, immutable``: that address
    always names the same bytes. ``stored``: the file's stored name (random, never reused: the ETag);
    ``modified``: the upload time."""
    etag = quote_etag(hashlib.sha256(stored.encode()).hexdigest()[:32])
    stamp = int(modified.timestamp())
    conditional = get_conditional_response(request, etag=etag, last_modified=stamp)
    response = conditional if conditional is not None else open_file()
    if response.status_code in (200, 304):
        if versioned:
            patch_cache_control(response, public=True, max_age=IMAGE_LONG_SECONDS, immutable=True)
        else:
            patch_cache_control(response, public=True, max_age=IMAGE_SECONDS, must_revalidate=True)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(stamp)
    return response
