"""/api/v1/auth/token (get and revoke a bearer token) and /api/v1/me (who the token is)."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from ninja import Router, Status

from congdoan.core.api import ERRORS, ErrorOut
from congdoan.core.dates import today
from congdoan.core.guards import public
from congdoan.organizations.selectors import unit_names

from . import selectors, services
from .api_auth import api_self
from .schemas import MeOut, TokenIn, TokenOut

auth_router = Router(tags=["Xác thực"])
me_router = Router(tags=["Tài khoản"])


def _error(status: int, message: str) -> Status:
    return Status(status, {"message": message, "errors": {}})


@auth_router.post(
    "/token",
    auth=None,
    response={201: TokenOut, (400, 401, 422, 429): ErrorOut},
    summary="Lấy mã truy cập",
)
@public
def token_create(request, payload: TokenIn):
    """Exchange a username (or email) and password for a bearer token, shown this once.

    Throttled like the login form: after repeated failures for a username from one address the
    answer is 429 until the cool-off ends."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # Answered here, in JSON: the flag would make AxesMiddleware swap in the HTML lockout page.
        request.axes_locked_out = False
        return _error(429, _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút."))
    if user is None:
        return _error(401, _("Tên đăng nhập hoặc mật khẩu không đúng."))
    _token, raw = services.token_issue(actor=user, name=payload.name or "API")
    return Status(201, {"token": raw})


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
