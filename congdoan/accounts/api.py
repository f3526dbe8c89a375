"""/api/v1/auth/token (get and revoke a bearer token) and /api/v1/me (who the token is)."""

import json

from django.contrib.auth import authenticate
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError, ValidationError
from pydantic import ValidationError as PydanticError

from congdoan.core.api import ERRORS, ErrorOut
from congdoan.core.dates import today
from congdoan.core.guards import public
from congdoan.organizations.selectors import unit_names

from . import lockout, selectors, services
from .api_auth import api_self
from .schemas import MeOut, TokenIn, TokenOut

auth_router = Router(tags=["Xác thực"])
me_router = Router(tags=["Tài khoản"])


def _error(status: int, message: str) -> Status:
    return Status(status, {"message": message, "errors": {}})


def _credentials(request) -> TokenIn:
    """The JSON body as ``TokenIn``. An unreadable or invalid body is counted as a failed login
    (per client address: it names nobody for sure) and answered 400 / 422 naming the field."""
    try:
        data = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        lockout.count_failure(request)
        raise HttpError(400, "unreadable body")
    try:
        return TokenIn.model_validate(data)
    except PydanticError as exc:
        username = data.get("username")
        lockout.count_failure(request, username if isinstance(username, str) else "")
        raise ValidationError([{**e, "loc": ("body", "payload", *e["loc"])} for e in exc.errors()]) from exc


@auth_router.post(
    "/token",
    auth=None,
    response={201: TokenOut, (400, 401, 422, 429): ErrorOut},
    summary="Lấy mã truy cập",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": TokenIn.model_json_schema()}},
        }
    },
)
@public
def token_create(request, response: HttpResponse):
    """Exchange a username (or email) and password for a bearer token, shown this once.

    Body: JSON ``{"username", "password", "name"?}``. Throttled like the login form
    (``accounts/lockout.py``): after ``AXES_FAILURE_LIMIT`` failures for one identity (however it is
    spelled) or from one address the answer is 429 until the cool-off ends; unreadable bodies
    count as failures too."""
    if lockout.is_locked(request):  # the address alone, before reading anything
        return _locked(request, response)
    payload = _credentials(request)
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        return _locked(request, response)
    if user is None:
        return _error(401, _("Tên đăng nhập hoặc mật khẩu không đúng."))
    _token, raw = services.token_issue(actor=user, name=payload.name or "API")
    return Status(201, {"token": raw})


def _locked(request, response: HttpResponse) -> Status:
    # Answered here, in JSON: the flag would make AxesMiddleware swap in the HTML lockout page.
    request.axes_locked_out = False
    if seconds := lockout.retry_after(request):
        response["Retry-After"] = seconds
    return _error(429, _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút."))


@auth_router.delete("/token", response={204: None, **ERRORS}, summary="Thu hồi mã truy cập đang dùng")
@api_self
def token_delete(request):
    services.token_revoke(actor=request.auth, token=request.api_token)
    return Status(204, None)


@me_router.get("/me", response={200: MeOut, **ERRORS}, summary="Tài khoản đang dùng API")
@api_self
def me(request):
    """The token's user and the roles they hold today (role, unit, period, permissions)."""
    user = request.auth
    roles = list(selectors.account_roles(actor=user, user=user).active(today()))
    names = unit_names([r.unit_id for r in roles], today())
    for role in roles:
        role.unit_name = names.get(role.unit_id, "")
    user.current_roles = roles
    return user
