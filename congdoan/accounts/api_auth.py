"""How API requests authenticate: ``Authorization: Bearer <token>`` from ``POST /api/v1/auth/token``."""

import datetime as dt

from django.utils import timezone
from ninja.security import HttpBearer

from congdoan.core.guards import mark
from congdoan.organizations.permissions import check_api_permission

from .models import ApiToken

# ``last_used_at`` tells an officer whether a token is still in use; minute precision is plenty
# and spares a write on every request.
TOUCH_EVERY = dt.timedelta(minutes=1)


class BearerAuth(HttpBearer):
    """The token's user becomes ``request.auth`` (and the token ``request.api_token``).

    Unknown, revoked and inactive users' tokens authenticate nobody: the API answers 401. The
    permission an operation declares with ``api_guard`` is asked here, before its body is read.
    """

    def authenticate(self, request, token: str):
        found = ApiToken.lookup(token.strip())
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= TOUCH_EVERY:
            # Bookkeeping of the token itself, not an action of the user: no service, no audit.
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
            found.last_used_at = now
        request.api_token = found
        check_api_permission(request, found.user)
        return found.user


def api_self(func):
    """Guard marker for operations about the token's own user (``/me``, revoking the token):
    BearerAuth is the whole check, no permission is involved."""
    return mark(func, "self")
