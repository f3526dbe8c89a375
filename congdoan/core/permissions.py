"""The registry of permission codes. Each app declares its own in ``<app>/permissions.py``.

A permission code is ``area.action`` (``members.manage``). An app declares each code once with
its Vietnamese label::

    # congdoan/members/permissions.py
    VIEW = permission("members.view", _("Xem đoàn viên"))

``permission`` returns the code itself (a ``str``), so it can be used wherever a code is
expected. Using a code that nobody declared is a programming error: ``check`` raises
``UnknownPermission`` for every actor, superusers included, so a misspelt code fails the first
test that reaches it instead of silently granting or refusing.

Core knows no app: every installed app's ``permissions`` module is imported at start-up by
``CoreConfig.ready`` (``autodiscover``), so the registry is complete before any request.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise


class UnknownPermission(ImproperlyConfigured):
    """A permission code that no app declared."""


@dataclass(frozen=True)
class PermissionInfo:
    code: str
    label: str | Promise
    app: str


_REGISTRY: dict[str, PermissionInfo] = {}


def permission(code: str, label: str | Promise) -> str:
    """Declare ``code`` with its label; returns the code. Declaring a code twice is refused."""
    area, sep, action = code.partition(".")
    if not (area and sep and action):
        raise ImproperlyConfigured(f"permission code {code!r} is not of the form 'area.action'")
    if code in _REGISTRY:
        raise ImproperlyConfigured(f"permission {code!r} is declared twice")
    _REGISTRY[code] = PermissionInfo(code, label, area)
    return code


def check(code: str) -> str:
    """``code`` if declared; else ``UnknownPermission``."""
    if code not in _REGISTRY:
        raise UnknownPermission(f"permission {code!r} is not declared by any app")
    return code


def is_declared(code: str) -> bool:
    return code in _REGISTRY


def label(code: str) -> str | Promise:
    return _REGISTRY[check(code)].label


def declared() -> dict[str, PermissionInfo]:
    """Every declared permission, in declaration order (app order, then the app's own order)."""
    return dict(_REGISTRY)


def view_permission(code: str) -> str | None:
    """The permission that makes an area visible at all ('units.manage' -> 'units.view'), if
    declared. Decides between 403 (visible, not allowed) and 404 (not visible)."""
    view = code.split(".", 1)[0] + ".view"
    return view if view in _REGISTRY else None
