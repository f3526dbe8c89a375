from django.urls import reverse

from congdoan.core.navigation import ADMIN_MODULES, MODULES

from .permissions import policy
from .selectors import unit_switcher_choices


def _entries(modules, perms, path):
    entries = []
    for m in modules:
        if m.permission and m.permission not in perms:
            continue
        url = reverse(m.url_name) if m.url_name else None
        active = bool(url) and (path == url if url == "/" else path.startswith(url))
        entries.append({"label": m.label, "icon": m.icon, "url": url, "active": active})
    return entries


def shell(request):
    """Sidebar entries and the unit switcher, limited to what the actor may reach."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    perms = policy.permissions_anywhere(user)
    return {
        "nav_modules": _entries(MODULES, perms, request.path),
        "nav_admin": _entries(ADMIN_MODULES, perms, request.path),
        "switcher_units": unit_switcher_choices(actor=user),
    }
