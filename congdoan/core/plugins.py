"""Plug-in points of the page shell: menu entries, dashboard cards and to-do items, registered by
each app in its ``plugin.py`` (imported at start-up by ``CoreConfig.ready``). Core knows no app.

- ``register_menu(MenuEntry(...))``: a sidebar entry, shown to actors holding its permission
  somewhere (``permission=None``: every logged-in actor).
- ``register_card(DashboardCard(...))``: a card on the dashboard. ``names`` are figures of the
  registry (``core.figures``) the card shows, computed for the scope's unit, period and date in
  one pass for every card (``template`` gets them as ``values``: ``(Figure, value)`` pairs, through
  ``core/partials/figure_list.html``); ``figures(actor, scope)``, if given, is one selector call
  for anything else the card shows (as ``figures``). ``scope`` is what the registered dashboard
  scope gives: ``unit_id``, ``period`` and ``as_of`` the dashboard is read for.
- ``register_todo(provider)``: ``provider(actor)`` returns ``TodoItem``s — work waiting for the
  actor (a transfer to accept, an import to write).
- ``register_dashboard_scope(resolve)``: ``resolve(request)`` → the scope object the cards get
  (the organisations app registers it: the unit chosen, by default the actor's own).
- ``register_member_section(PageSection(...))``: a section of the member page (members'
  ``member_detail``) contributed by a later app, which the members app cannot import:
  ``selector(actor, person)`` is one read returning the template's context (``None``: nothing for
  this actor — the selector checks the policy on the person's unit); shown to actors holding
  ``permission`` somewhere, in ``order``. A selector must read in a constant number of queries.
- ``register_unit_section(PageSection(...))``: the same for the unit page (organizations'
  ``unit_detail``): ``selector(actor, unit)`` (the unit's awards…).
- ``register_person_timeline(PersonTimeline(...))``: dated events of a person that a later app keeps
  (their awards…), shown in the member page's history among the person's own changes (members cannot
  import that app): ``events(actor, person)`` returns ``TimelineEvent``s, only those the app's own
  selectors let the actor read, in a constant number of queries; asked for actors holding
  ``permission`` somewhere. ``person_timeline(actor, person)`` gathers them.
- ``register_authority(fn)``: ``fn(actor)`` → the permission codes the actor holds anywhere (the
  policy's owner registers it), which decides the menu, the cards and the to-do list.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.functional import Promise

from . import permissions


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    icon: str  # a Bootstrap Icons name
    url_name: str
    permission: str | None = None
    order: int = 100
    section: str = "main"  # "main" or "admin"


@dataclass(frozen=True)
class DashboardCard:
    key: str
    title: str | Promise
    template: str
    figures: Callable[[Any, Any], Any] | None = None
    permission: str | None = None
    order: int = 100
    names: tuple[str, ...] = ()  # figures of core.figures shown on the card


@dataclass(frozen=True)
class TodoItem:
    label: str | Promise
    url: str
    count: int = 1
    icon: str = "check2-square"


@dataclass(frozen=True)
class PageSection:
    """A section a later app adds to a page of a lower one (the member page, the unit page)."""

    key: str
    title: str | Promise
    template: str
    selector: Callable[[Any, Any], dict | None]
    permission: str | None = None
    order: int = 100


@dataclass(frozen=True)
class UnitLink:
    """A link from a unit's page to a later app's records of that unit (its awards…): ``url_name``
    takes the unit's id as its one argument; shown to actors with ``permission`` on the unit."""

    key: str
    label: str | Promise
    url_name: str
    permission: str
    icon: str = "box-arrow-up-right"
    order: int = 100


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event of a person's history kept by a later app (an award): ``on`` its date,
    ``action`` what happened, ``by`` who did it (the issuing level), ``details`` (label, value) lines,
    ``url`` the record behind it ("" for none)."""

    on: dt.date
    action: str | Promise
    by: str
    details: tuple[tuple[str | Promise, str], ...] = ()
    url: str = ""


@dataclass(frozen=True)
class PersonTimeline:
    """A source of ``TimelineEvent``s of a person: ``events(actor, person)``."""

    key: str
    events: Callable[[Any, Any], list[TimelineEvent]]
    permission: str | None = None
    order: int = 100


MENU: list[MenuEntry] = []
PERSON_TIMELINES: list[PersonTimeline] = []
MEMBER_SECTIONS: list[PageSection] = []
UNIT_SECTIONS: list[PageSection] = []
UNIT_LINKS: list[UnitLink] = []
CARDS: list[DashboardCard] = []
TODOS: list[Callable[[Any], list[TodoItem]]] = []
_scope: list[Callable] = []
_authority: list[Callable[[Any], set[str]]] = []


def _checked(code: str | None) -> None:
    if code is not None:
        permissions.check(code)


def register_menu(entry: MenuEntry) -> None:
    _checked(entry.permission)
    MENU.append(entry)


def register_card(card: DashboardCard) -> None:
    _checked(card.permission)
    if any(c.key == card.key for c in CARDS):
        raise ImproperlyConfigured(f"dashboard card {card.key!r} is registered twice")
    CARDS.append(card)


def _register_section(registry: list[PageSection], section: PageSection, page: str) -> None:
    _checked(section.permission)
    if any(s.key == section.key for s in registry):
        raise ImproperlyConfigured(f"{page} page section {section.key!r} is registered twice")
    registry.append(section)


def _sections(registry: list[PageSection], actor, subject) -> list[tuple[PageSection, dict]]:
    out = []
    for section in _allowed(registry, authority(actor)):
        data = section.selector(actor, subject)
        if data is not None:
            out.append((section, data))
    return out


def register_member_section(section: PageSection) -> None:
    _register_section(MEMBER_SECTIONS, section, "member")


def member_sections(actor, person) -> list[tuple[PageSection, dict]]:
    """The member page's sections from other apps the actor may read for ``person``, each with the
    context its selector returned, in their order."""
    return _sections(MEMBER_SECTIONS, actor, person)


def register_unit_section(section: PageSection) -> None:
    _register_section(UNIT_SECTIONS, section, "unit")


def unit_sections(actor, unit) -> list[tuple[PageSection, dict]]:
    """The unit page's sections from other apps the actor may read for ``unit``, as ``member_sections``."""
    return _sections(UNIT_SECTIONS, actor, unit)


def register_person_timeline(source: PersonTimeline) -> None:
    _checked(source.permission)
    if any(x.key == source.key for x in PERSON_TIMELINES):
        raise ImproperlyConfigured(f"person timeline {source.key!r} is registered twice")
    PERSON_TIMELINES.append(source)


def person_timeline(actor, person) -> list[TimelineEvent]:
    """The dated events of ``person`` from every registered source the actor may read (each source's
    selectors decide which), newest first."""
    events = [e for s in _allowed(PERSON_TIMELINES, authority(actor)) for e in s.events(actor, person)]
    return sorted(events, key=lambda e: e.on, reverse=True)


def register_unit_link(link: UnitLink) -> None:
    _checked(link.permission)
    if any(x.key == link.key for x in UNIT_LINKS):
        raise ImproperlyConfigured(f"unit page link {link.key!r} is registered twice")
    UNIT_LINKS.append(link)


def unit_links(actor, unit_id: int, can: Callable[[str], bool]) -> list[tuple[UnitLink, str]]:
    """The unit page's links the actor may follow, with their addresses, in their order; ``can(perm)``
    answers for the unit (the page's policy: core knows no tree)."""
    return [
        (link, reverse(link.url_name, args=[unit_id]))
        for link in _allowed(UNIT_LINKS, authority(actor))
        if can(link.permission)
    ]


def register_todo(provider: Callable[[Any], list[TodoItem]]) -> None:
    TODOS.append(provider)


def register_dashboard_scope(resolve: Callable) -> None:
    _scope[:] = [resolve]


def register_authority(fn: Callable[[Any], set[str]]) -> None:
    _authority[:] = [fn]


def authority(actor) -> set[str]:
    """Permission codes ``actor`` holds somewhere; none before an authority is registered."""
    return _authority[0](actor) if _authority else set()


def dashboard_scope(request):
    return _scope[0](request) if _scope else None


def _allowed(items, perms: set[str]) -> list:
    return sorted((i for i in items if i.permission is None or i.permission in perms), key=lambda i: i.order)


def menu(section: str, actor) -> list[MenuEntry]:
    """The entries of ``section`` the actor may open, in their order."""
    return _allowed((m for m in MENU if m.section == section), authority(actor))


def cards(actor) -> list[DashboardCard]:
    return _allowed(CARDS, authority(actor))


def todos(actor) -> list[TodoItem]:
    """Work waiting for the actor, from every registered provider; empty items are left out."""
    return [item for provider in TODOS for item in provider(actor) if item.count]
