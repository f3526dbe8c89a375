"""Markers that say how a view is guarded. The route-walking test fails for an unmarked view.

``public`` and ``authenticated`` live here; the permission guard (``guarded``) lives with the
policy in organizations.permissions.
"""

from django.contrib.auth.decorators import login_required


def mark(view, guard: str):
    view.policy_guard = guard
    return view


def public(view):
    """A view that needs no login (login page, health check, language switch)."""
    return mark(view, "public")


def authenticated(view):
    """A view about the actor's own account only (profile, password, tokens)."""
    return mark(login_required(view), "self")
