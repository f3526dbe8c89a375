from django.urls import reverse

from . import plugins


def _entries(section: str, actor, path: str) -> list[dict]:
    entries = []
    for m in plugins.menu(section, actor):
        url = reverse(m.url_name)
        active = path == url if url == "/" else path.startswith(url)
        entries.append({"label": m.label, "icon": m.icon, "url": url, "active": active})
    return entries


def shell(request):
    """The sidebar: the menu entries the installed apps registered, limited to what the actor may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_modules": _entries("main", user, request.path),
        "nav_admin": _entries("admin", user, request.path),
    }
