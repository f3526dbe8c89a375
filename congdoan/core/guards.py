"""Markers that say how a view is guarded. The route-walking test fails for an unmarked view.

``public``, ``authenticated`` and ``superuser`` live here; the permission guard (``guarded``) lives with the
policy in organizations.permissions.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def mark(view, guard: str):
    view.policy_guard = guard
    return view


def public(view):
    """A view that needs no login (login page, health check, language switch)."""
    return mark(view, "public")


def authenticated(view):
    """A view about the actor's own account only (profile, password, tokens)."""
    return mark(login_required(view), "self")


def superuser(view):
    """A system administrator's page (the failed jobs of everyone): anyone else gets 404, as for
    something that does not exist for them."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_superuser):
            raise Http404
        return view(request, *args, **kwargs)

    return mark(login_required(wrapper), "superuser")
