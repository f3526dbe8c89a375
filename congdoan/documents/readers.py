"""Readers of a document beyond its unit's subtree: a registry the work modules fill.

A document is read by whoever ``documents.view`` reaches its unit (``selectors.documents_in_scope``).
Some records are shared across the tree: an emulation block's decision and plan are the level's or
the leader unit's documents, and the officers of the block's other member units read them though
the issuing unit is outside their subtree (issue 11 §4). A module registers, from its plugin.py, a
function giving for an actor the ids of the issued documents it opens to them (a subquery)::

    readers.register("emulation.block", block_documents_for)

The documents module knows no module: it ORs the registered subqueries into the documents an actor
may open one by one (``selectors.document_get``, ``document_for_link``, attachments), never into
the register's lists, which stay the unit's own. Only issued or received documents are opened this
way (a draft stays its unit's).
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

_READERS: dict[str, Callable] = {}


def register(key: str, documents_for: Callable) -> None:
    """``documents_for(actor)`` returns ``values("pk")``-like subquery of document ids it opens to
    ``actor`` (or ``None`` when none)."""
    _READERS[key] = documents_for


def extra_q(actor) -> Q | None:
    """A filter on ``Document``: the documents the registered readers open to ``actor``, issued or
    received only; None when no reader opens any."""
    from .models import Status

    found = Q()
    any_ = False
    for documents_for in _READERS.values():
        ids: QuerySet | None = documents_for(actor)
        if ids is not None:
            found |= Q(pk__in=ids)
            any_ = True
    if not any_:
        return None
    return found & Q(status__in=[Status.ISSUED, Status.RECEIVED])
