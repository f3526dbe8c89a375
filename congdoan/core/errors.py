"""Error pages: what a person sees when a page cannot be shown (issue 9).

Every error page is ``core/error.html`` inside the normal layout (the sidebar for a signed-in
user, a plain shell otherwise), in the user's language, with a way back (the previous page when
the browser says which one it was and it is on this site, and the home page). No page shows a
traceback, a URL pattern or any other internal detail; the API keeps answering JSON
(``core.api`` and ``core.middleware.api_errors_as_json``).

- ``bad_request``, ``permission_denied``, ``page_not_found``, ``server_error``: Django's
  ``handler400/403/404/500`` (``config/urls.py``). A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (or
  with too many fields or files) reaches ``handler400`` and is answered 413.
- ``csrf_failure``: ``CSRF_FAILURE_VIEW`` (an expired form), a 403 that says what to do.
- ``core.middleware.error_pages`` gives the same page to an error answered without a body (a 405
  from ``require_POST``).
- The login lockout (429, ``accounts/locked_out.html``) extends the same template.

These answer whatever ``DEBUG`` says only where Django calls them: with ``DEBUG`` on, Django shows
its own debug pages for 404 and 500 instead (``make run`` serves with ``DEBUG`` off, see
``config/settings/run.py``).
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

TEMPLATE = "core/error.html"

# status: (icon, title, what happened and what to do)
PAGES = {
    400: (
        "exclamation-octagon",
        gettext_lazy("Yêu cầu không hợp lệ"),
        gettext_lazy("Trang không đọc được yêu cầu vừa gửi. Hãy quay lại, kiểm tra rồi thử lại."),
    ),
    403: (
        "shield-lock",
        gettext_lazy("Không có quyền truy cập"),
        gettext_lazy(
            "Bạn không có quyền xem trang này hoặc thực hiện thao tác này. Nếu công việc cần, hãy liên hệ "
            "cán bộ quản lý tài khoản của đơn vị."
        ),
    ),
    404: (
        "signpost-split",
        gettext_lazy("Không tìm thấy trang"),
        gettext_lazy(
            "Trang bạn tìm không có, đã bị chuyển đi hoặc không thuộc phạm vi của bạn. Hãy kiểm tra lại "
            "địa chỉ, hoặc tìm từ trang chủ."
        ),
    ),
    405: (
        "exclamation-octagon",
        gettext_lazy("Thao tác không dùng được ở đây"),
        gettext_lazy("Địa chỉ này không nhận kiểu yêu cầu vừa gửi. Hãy dùng các nút trên trang."),
    ),
    413: (
        "file-earmark-x",
        gettext_lazy("Nội dung gửi lên quá lớn"),
        gettext_lazy(
            "Nội dung gửi lên vượt quá giới hạn %(size)s nên chưa được xử lý. Hãy gửi ít dữ liệu hơn, "
            "hoặc chia tệp thành nhiều phần."
        ),
    ),
    429: (
        "hourglass-split",
        gettext_lazy("Quá nhiều yêu cầu"),
        gettext_lazy("Có quá nhiều yêu cầu trong thời gian ngắn. Hãy đợi một lát rồi thử lại."),
    ),
    500: (
        "tools",
        gettext_lazy("Lỗi máy chủ"),
        gettext_lazy(
            "Đã có lỗi ở máy chủ nên yêu cầu chưa được thực hiện. Lỗi đã được ghi lại; hãy thử lại sau "
            "ít phút, và báo cho quản trị hệ thống nếu lỗi còn lặp lại."
        ),
    ),
}
CSRF_MESSAGE = gettext_lazy(
    "Biểu mẫu đã hết hạn hoặc phiên làm việc đã thay đổi (ví dụ sau khi đăng nhập lại ở thẻ khác). Hãy "
    "quay lại, tải lại trang rồi gửi lại."
)
TOO_BIG = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def _message(status: int) -> str:
    message = PAGES[status][2]
    if status == 413:
        return message % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
    return str(message)


def back_url(request: HttpRequest) -> str:
    """The page the user came from (``Referer``) when it is on this site and not this page; else ''."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except Exception:  # a refused Host header is itself what the 400 page is about
        return ""
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return ""
    return "" if referer == request.build_absolute_uri() else referer


def error_context(request: HttpRequest, status: int, message: str = "") -> dict:
    """What ``core/error.html`` shows for ``status`` (one of ``PAGES``)."""
    icon, title, _text = PAGES[status]
    return {
        "status": status,
        "icon": icon,
        "title": title,
        "message": message or _message(status),
        "back": back_url(request),
    }


def render_error(
    request: HttpRequest, status: int, message: str = "", *, template: str = TEMPLATE, extra=None
) -> HttpResponse:
    """The error page for ``status`` in the layout; if the layout itself fails (the database is down,
    say), the same page in the plain shell, rendered without the request."""
    context = {**error_context(request, status, message), **(extra or {})}
    try:
        content = render_to_string(template, context, request=request)
    except Exception:
        logger.exception("The error page %s could not be rendered in the layout", status)
        content = render_to_string(template, context)
    return HttpResponse(content, status=status)


def bad_request(request, exception=None):
    if isinstance(exception, TOO_BIG):
        return render_error(request, 413)
    return render_error(request, 400)


def permission_denied(request, exception=None):
    # Our own refusals carry a sentence written for the user (organizations.permissions.DENIED…).
    return render_error(request, 403, str(exception or "") if exception and exception.args else "")


def page_not_found(request, exception=None):
    # Never the exception: Django's says which URL patterns were tried.
    return render_error(request, 404)


def server_error(request):
    return render_error(request, 500)


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: the reason is for developers (it is logged by Django), not shown."""
    return render_error(request, 403, str(CSRF_MESSAGE))
