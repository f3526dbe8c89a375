"""Links from documents to the records they concern: the registry other modules call.

A module registers each model whose records cite documents, with how such a record reads and
where its page is::

    links.register(SurveyMission, label=lambda m: m.name, url=lambda m: reverse("plans:mission", args=[m.pk]))

and, inside its own service (its transaction, its permission check, its audit row), links::

    links.link(document=plan, obj=mission, role="plan")

``documents_of(obj, role=...)`` gives the linked documents (unscoped: filter them through
``selectors.document_for_link`` for an actor); ``targets_of(document)`` the records a document's
page lists. A link may also name something outside the system by ``label`` alone.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import Document, DocumentLink


@dataclass(frozen=True)
class LinkTarget:
    model: type[models.Model]
    label: Callable[[models.Model], str]
    url: Callable[[models.Model], str] | None = None


_TARGETS: dict[str, LinkTarget] = {}


def register(
    model: type[models.Model], *, label: Callable | None = None, url: Callable | None = None
) -> None:
    """Declare that records of ``model`` may be linked to documents (from the app's plugin.py)."""
    _TARGETS[model._meta.label_lower] = LinkTarget(model, label or str, url)


def registered(model: type[models.Model]) -> bool:
    return model._meta.label_lower in _TARGETS


def targets() -> dict[str, LinkTarget]:
    """Every registered model by its key (``app_label.modelname``), in registration order: what a
    picker of records (the portal's article form) offers as kinds."""
    return dict(_TARGETS)


def _target_of(obj: models.Model) -> LinkTarget:
    try:
        return _TARGETS[obj._meta.label_lower]
    except KeyError:
        raise LookupError(
            f"{obj._meta.label_lower} is not registered with documents.links.register"
        ) from None


def link(
    *, document: Document, obj: models.Model | None = None, role: str = "", label: str = ""
) -> DocumentLink:
    """Link ``document`` to ``obj`` (a registered model's record) or to an outside ``label``; a link
    already there is returned as is. Call it inside the caller's service transaction."""
    if obj is None:
        if not label:
            raise ValueError("a link needs a record or a label")
        found, _created = DocumentLink.objects.get_or_create(
            document=document, content_type=None, object_id="", role=role, defaults={"label": label}
        )
        return found
    target = _target_of(obj)
    found, _created = DocumentLink.objects.get_or_create(
        document=document,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        role=role,
        defaults={"label": str(target.label(obj))[:255]},
    )
    return found


def link_many(*, document: Document, objects: Sequence[models.Model], role: str = "") -> int:
    """``link`` for many records of one registered model at once (a council decision covering
    hundreds of initiatives): the links not already there, in one bulk insert instead of a
    ``get_or_create`` each. Returns how many were added. Call it inside the caller's transaction."""
    if not objects:
        return 0
    model = type(objects[0])
    target = _target_of(objects[0])
    kind = ContentType.objects.get_for_model(model)
    there = set(
        DocumentLink.objects.filter(document=document, content_type=kind, role=role).values_list(
            "object_id", flat=True
        )
    )
    new = [
        DocumentLink(
            document=document,
            content_type=kind,
            object_id=str(obj.pk),
            role=role,
            label=str(target.label(obj))[:255],
        )
        for obj in objects
        if str(obj.pk) not in there
    ]
    DocumentLink.objects.bulk_create(new, batch_size=1000)
    return len(new)


def unlink(*, document: Document, obj: models.Model, role: str = "") -> int:
    return DocumentLink.objects.filter(
        document=document,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        role=role,
    ).delete()[0]


def documents_of(obj: models.Model, role: str | None = None) -> QuerySet[Document]:
    """The documents linked to ``obj`` (unscoped; pages go through ``selectors.document_for_link``)."""
    links = DocumentLink.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )
    if role is not None:
        links = links.filter(role=role)
    return Document.objects.filter(pk__in=links.values("document_id"))


@dataclass(frozen=True)
class LinkedRecord:
    label: str
    role: str
    url: str | None


def targets_of(document: Document) -> list[LinkedRecord]:
    """What a document is linked to, for its page: each record's label (as stored when linked) and,
    when its module gave one and the record still exists, its page."""
    rows = list(DocumentLink.objects.filter(document=document).select_related("content_type").order_by("id"))
    by_type: dict[int, dict[str, models.Model]] = {}
    for row in rows:
        if row.content_type_id and row.content_type.model_class() is not None:
            by_type.setdefault(row.content_type_id, {})[row.object_id] = None
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for obj in model._default_manager.filter(pk__in=list(ids)):
            ids[str(obj.pk)] = obj
    out = []
    for row in rows:
        obj = by_type.get(row.content_type_id, {}).get(row.object_id) if row.content_type_id else None
        target = _TARGETS.get(obj._meta.label_lower) if obj is not None else None
        url = target.url(obj) if target and target.url else None
        out.append(LinkedRecord(row.label, row.role, url))
    return out
