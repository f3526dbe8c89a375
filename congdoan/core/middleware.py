"""Middleware that holds one rule for every response.

- ``no_store``: nothing answered to a signed-in user, or by the API, is kept by the browser or
  a proxy (``Cache-Control: no-store``): pages, fragments, API answers and downloads carry
  personal data, and officers share office computers. Static files are served before this
  (WhiteNoise) and stay cacheable.
- ``api_errors_as_json``: an error under the API's prefix that no operation answered (an unknown
  address, a method the address does not take) is still the API's JSON error shape
  (``core.api.ErrorOut``); the operations' own errors are answered by ``core.api``'s handlers.
"""

from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from .api import error_message

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
