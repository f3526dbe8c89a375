"""Reads of the document register, limited to the actor's reach.

A document belongs to its unit (the issuer of an outgoing one, the receiver of an incoming one):
the actor sees it when ``documents.view`` reaches that unit today — by the unit's current path, or
for a closed unit by the path it closed with (``organizations.permissions.path_of_units``).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from congdoan.core.dates import today
from congdoan.core.models import AuditEntry, active_on
from congdoan.core.text import fold
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import get_visible_or_404, policy
from congdoan.organizations.selectors import unit_names

from . import links, readers
from .models import Document, DocumentAttachment, DocumentKind, DocumentSymbol, DocumentTemplate
from .permissions import MANAGE, VIEW

SORTS = {
    "number": ("year", "number", "id"),
    "-number": ("-year", "-number", "-id"),
    "date": ("signed_on", "received_on", "id"),
    "-date": ("-signed_on", "-received_on", "-id"),
}


def _units_in_reach(actor, perm: str, within: Unit | None = None) -> QuerySet[UnitVersion] | None:
    """Ids (``values("unit_id")``) of the units ``perm`` reaches today (closed units by their last
    version), optionally inside ``within``'s subtree; None when every unit is reached."""
    now = today()
    reach = policy.reach(actor, perm, now)
    if reach.unrestricted and within is None:
        return None
    versions = UnitVersion.objects.filter(
        active_on(now) | Q(unit__valid_to__isnull=False, valid_to=F("unit__valid_to"))
    ).filter(reach.q("path"))
    if within is not None:
        path = (within.version_on(now) or within.latest_version).path
        versions = versions.filter(path__startswith=path)
    return versions.values("unit_id")


def documents_in_scope(*, actor, perm: str = VIEW) -> QuerySet[Document]:
    units = _units_in_reach(actor, perm)
    qs = Document.objects.all()
    return qs if units is None else qs.filter(unit_id__in=units)


def documents_readable(*, actor) -> QuerySet[Document]:
    """The documents the actor may open one by one: those in scope (``documents.view``) and those a
    module opens to them (``readers``: a block's decision and plan for its members' officers). The
    register's lists stay ``documents_in_scope``."""
    units = _units_in_reach(actor, VIEW)
    if units is None:
        return Document.objects.all()
    extra = readers.extra_q(actor)
    scope = Q(unit_id__in=units)
    return Document.objects.filter(scope if extra is None else scope | extra)


@dataclass
class DocumentFilters:
    unit: Unit | None = None
    descendants: bool = False
    direction: str = ""
    year: int | None = None
    kind: DocumentKind | None = None
    number: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    signer: str = ""
    q: str = ""
    status: str = ""
    sort: str = "-number"


def document_search(*, actor, filters: DocumentFilters | None = None, **kwargs) -> QuerySet[Document]:
    """The register: documents the actor may see, narrowed by ``filters`` (or the same keywords):
    unit (with its subtree when ``descendants``), outgoing/incoming, year, kind, number (the number
    alone, '92', or as written, '92/KH-CĐVC', also the sender's number), date range (signing date
    of outgoing, arrival date of incoming), signer and words of the title (with or without diacritics, in any order)."""
    f = filters or DocumentFilters(**kwargs)
    if f.unit is not None and not f.descendants:
        qs = documents_in_scope(actor=actor).filter(unit=f.unit)
    elif f.unit is not None:
        qs = Document.objects.filter(unit_id__in=_units_in_reach(actor, VIEW, within=f.unit))
    else:
        qs = documents_in_scope(actor=actor)
    if f.direction:
        qs = qs.filter(direction=f.direction)
    if f.year:
        qs = qs.filter(Q(year=f.year) | Q(year__isnull=True, created_at__year=f.year))
    if f.kind is not None:
        qs = qs.filter(kind=f.kind)
    if f.status:
        qs = qs.filter(status=f.status)
    number = (f.number or "").strip()
    if number.isdigit():
        qs = qs.filter(number=int(number))
    elif number:
        qs = qs.filter(Q(number_symbol__icontains=number) | Q(sender_number__icontains=number))
    if f.date_from:
        qs = qs.filter(
            Q(signed_on__gte=f.date_from, direction="out") | Q(received_on__gte=f.date_from, direction="in")
        )
    if f.date_to:
        qs = qs.filter(
            Q(signed_on__lte=f.date_to, direction="out") | Q(received_on__lte=f.date_to, direction="in")
        )
    if f.signer:
        qs = qs.filter(signer_folded__contains=fold(f.signer))
    if f.q.strip():
        # Every word, in any order, with or without diacritics ('khao sat phu yen').
        words = Q()
        for word in fold(f.q).split():
            words &= Q(title_folded__contains=word)
        qs = qs.filter(words | Q(number_symbol__icontains=f.q.strip()))
    return qs.select_related("kind").order_by(*SORTS.get(f.sort, SORTS["-number"]))


def document_get(*, actor, document_id: int, perm: str = VIEW) -> Document:
    """A document the actor may see, or 404 (reading: also one a module opens to them, ``readers``)."""
    qs = documents_readable(actor=actor) if perm == VIEW else documents_in_scope(actor=actor, perm=perm)
    return get_visible_or_404(qs.select_related("kind", "unit"), pk=document_id)


def document_for_link(*, actor, obj, role: str | None = None) -> QuerySet[Document]:
    """The documents linked to ``obj`` (``links.link``) that the actor may see."""
    return (
        documents_readable(actor=actor)
        .filter(pk__in=links.documents_of(obj, role).values("pk"))
        .select_related("kind")
    )


def document_links(*, document: Document) -> list[links.LinkedRecord]:
    return links.targets_of(document)


def kinds() -> QuerySet[DocumentKind]:
    return DocumentKind.objects.all()


def years_of(*, actor, unit: Unit | None = None) -> list[int]:
    qs = documents_in_scope(actor=actor).filter(year__isnull=False)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return sorted(set(qs.values_list("year", flat=True)) | {today().year}, reverse=True)


def unit_names_of(documents) -> dict[int, str]:
    """Today's (or the nearest) names of the documents' units, in one query."""
    return unit_names(list({d.unit_id for d in documents}), today())


def unit_name(document: Document) -> str:
    return unit_names_of([document]).get(document.unit_id, "")


def document_history(*, actor, document: Document) -> QuerySet[AuditEntry]:
    """The audit entries about a document the actor sees (its page resolved it through
    ``document_get``)."""
    return AuditEntry.objects.filter(
        object_type="documents.document", object_id=str(document.pk)
    ).select_related("actor")


def attachment_get(*, actor, attachment_id: int) -> DocumentAttachment:
    """An attachment of a document the actor may see, else 404: its right is the document's."""
    return get_visible_or_404(
        DocumentAttachment.objects.filter(document__in=documents_readable(actor=actor)), pk=attachment_id
    )


def templates_in_scope(*, actor) -> list[DocumentTemplate]:
    """The Word templates of the units the actor manages, with their unit's name."""
    units = _units_in_reach(actor, MANAGE)
    qs = DocumentTemplate.objects.select_related("kind").order_by("unit_id", "kind__order")
    rows = list(qs if units is None else qs.filter(unit_id__in=units))
    names = unit_names(list({t.unit_id for t in rows}), today())
    for t in rows:
        t.unit_name = names.get(t.unit_id, "")
    return rows


def symbols_in_scope(*, actor) -> list[DocumentSymbol]:
    """The symbols set by the units the actor manages (every period), with their unit's name."""
    units = _units_in_reach(actor, MANAGE)
    qs = DocumentSymbol.objects.filter(unit__isnull=False).order_by("unit_id", "-valid_from")
    rows = list(qs if units is None else qs.filter(unit_id__in=units))
    names = unit_names(list({s.unit_id for s in rows}), today())
    for s in rows:
        s.unit_name = names.get(s.unit_id, "")
    return rows
