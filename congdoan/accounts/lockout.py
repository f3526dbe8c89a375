"""How django-axes counts failed logins (settings ``AXES_USERNAME_CALLABLE``, ``AXES_CLIENT_IP_CALLABLE``).

Attempts are counted per identity and, separately, per client address (``parameters``): after ``AXES_FAILURE_LIMIT`` failures
either one is refused until ``AXES_COOLOFF_TIME`` has passed. Both doors, the login page and
``POST /api/v1/auth/token``, count the same way; the token endpoint also counts requests whose
body cannot be read (issue 8: a multipart body without a boundary was never counted).
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict

from congdoan.core.text import clean_line

from .backends import find_login


def _typed(request, credentials: dict | None) -> str:
    source = credentials if credentials is not None else getattr(request, "POST", {})
    return clean_line(str((source or {}).get("username") or ""))


def parameters(request, credentials: dict | None = None) -> list:
    """``AXES_LOCKOUT_PARAMETERS``: the identity and the address, each on its own; an attempt that
    names nobody (an unreadable body) counts for its address only, so that such attempts from one
    place never lock out everyone else's empty-named ones."""
    return ["username", "ip_address"] if _typed(request, credentials) else ["ip_address"]


def identity(request, credentials: dict | None = None) -> str:
    """The one name under which attempts for an account are counted: what was typed, stripped and
    casefolded, or, when it names an account (by username or email, as
    ``backends.UsernameOrEmailBackend`` finds it), that account's username casefolded. So
    "Officer_A ", "officer_a" and "officer_a@example.vn" are one identity."""
    login = _typed(request, credentials)  # cleaned: no NUL, which PostgreSQL refuses (axes stores it)
    if not login:
        return ""
    user = find_login(login)
    return (user.username if user else login).casefold()


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or, behind ``CLIENT_IP_PROXY_COUNT`` trusted reverse
    proxies (production settings), the address the outermost of them put in X-Forwarded-For
    (each proxy appends the address it received from; entries a client wrote itself lie further
    left and are ignored)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "CLIENT_IP_PROXY_COUNT", 0)
    if not count:
        return remote
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    return forwarded[-count] if len(forwarded) >= count else remote


def is_locked(request, credentials: dict | None = None) -> bool:
    """Whether axes refuses this identity or this address now."""
    return AxesProxyHandler.is_locked(request, credentials or {"username": ""})


def count_failure(request, username: str = "") -> None:
    """Count a failed attempt that never reached ``authenticate`` (an unreadable request)."""
    try:
        request.POST  # noqa: B018 (axes stores the form fields; an unreadable body has none)
    except (MultiPartParserError, BadRequest, SuspiciousOperation):
        request._post, request._files = QueryDict(), MultiValueDict()
    credentials = {"username": clean_line(username)}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)


def retry_after(request) -> str | None:
    """The ``Retry-After`` header (RFC 9110 §10.2.3) of a lockout answer: the cool-off in whole
    seconds, or None when no cool-off is set (locked until an administrator resets it)."""
    cool_off = get_cool_off(request)
    return str(max(1, int(cool_off.total_seconds()))) if cool_off else None
