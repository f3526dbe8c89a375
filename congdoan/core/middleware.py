"""Middleware that holds one rule for every response.

- ``no_store``: nothing answered to a signed-in user, or by the API, is kept by the browser or
  a proxy (``Cache-Control: no-store``): pages, fragments, API answers and downloads carry
  personal data, and officers share office computers. Static files are served before this
  (WhiteNoise) and stay cacheable.
- ``api_errors_as_json``: an error under the API's prefix that no operation answered (an unknown
  address, a method the address does not take) is still the API's JSON error shape
  (``core.api.ErrorOut``); the operations' own errors are answered by ``core.api``'s handlers.
- ``error_pages``: an error answered on a page without a body (a 405 from ``require_POST``) is
  the error page of its status (``core.errors``), as Django's error handlers answer the others.
"""

from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from .api import error_message
from .errors import PAGES, render_error

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def no_store(get_response):
    """``Cache-Control: no-store`` (and the older equivalents) on every answer to a signed-in
    session or to the API (where the token, not the session, says who asks)."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if _is_api(request) or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response

    return middleware


def api_errors_as_json(get_response):
    """Error answers under ``/api/`` that are not JSON become ``{"message", "errors"}`` with the
    same status (and headers such as ``Allow``); JSON answers pass unchanged."""

    def middleware(request):
        response = get_response(request)
        if not _is_api(request) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        # Django's HTML pages (its debug pages too, tracebacks included) are never the API's answer.
        answer = JsonResponse({"message": str(error_message(response.status_code)), "errors": {}})
        answer.status_code = response.status_code
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                answer[header] = response[header]
        return answer

    return middleware


def error_pages(get_response):
    """Pages (not the API) that answer an error with an empty body get the error page of that status,
    or of its class (another 4xx as 400, 5xx as 500), keeping the status and ``Allow``."""

    def middleware(request):
        response = get_response(request)
        if response.status_code < 400 or response.streaming or response.content or _is_api(request):
            return response
        status = response.status_code
        page = render_error(request, status if status in PAGES else (500 if status >= 500 else 400))
        page.status_code = status
        for header in ("Allow", "Retry-After"):
            if header in response:
                page[header] = response[header]
        return page

    return middleware
