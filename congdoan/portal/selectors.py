"""Reads of the news portal.

Officers' reads take the actor and start from the policy's reach (``portal.view``). Public reads
take no actor: they read only ``Article.objects.public()`` (published and due), and never a
person's name: an article is signed with its ``byline``.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from congdoan.core import audit, figures
from congdoan.core.dates import today
from congdoan.core.periods import Period
from congdoan.core.text import search_words
from congdoan.documents import links
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import policy
from congdoan.organizations.selectors import subtree_units
from congdoan.organizations.selectors import unit_names as names_of_units

from .models import Article, ArticleImage, Category
from .permissions import VIEW

RELATED = 4
ANNOUNCEMENTS = 5
# How long a figures box computed under one audit entry is kept: it bounds the rare case of two
# writes committing out of their ids' order (``audit.newest_entry_id``).
FIGURES_SECONDS = 60


# -- officers -----------------------------------------------------------------------------------------
def _reach_units(actor, perm: str = VIEW) -> QuerySet:
    return (
        UnitVersion.objects.active(today())
        .filter(policy.reach(actor, perm, today()).q("path"))
        .values("unit_id")
    )


@dataclass(frozen=True)
class ArticleFilters:
    state: str = ""
    q: str = ""
    category: Category | None = None


def article_search(*, actor, filters: ArticleFilters = ArticleFilters()) -> QuerySet[Article]:
    qs = Article.objects.filter(unit_id__in=_reach_units(actor))
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.category is not None:
        qs = qs.filter(category=filters.category)
    for word in search_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs.select_related("unit", "category").order_by("-updated_at", "-id")


def article_get(*, actor, article_id: int) -> Article:
    article = article_search(actor=actor).filter(pk=article_id).first()
    if article is None:
        raise Http404
    return article


def image_get(*, actor, image_id: int) -> ArticleImage:
    image = ArticleImage.objects.filter(pk=image_id, article__unit_id__in=_reach_units(actor)).first()
    if image is None:
        raise Http404
    return image


# -- the article form's pickers ---------------------------------------------------------------------
LINK_CHOICES = 20  # records one search of the link picker lists, newest first


@dataclass(frozen=True)
class LinkKind:
    """A kind of record an article may link: a model registered with ``documents.links`` that has a
    ``unit``, read with its module's ``<app>.view`` permission (``perm``)."""

    key: str  # "meetings.conference"
    label: str
    perm: str


@dataclass(frozen=True)
class LinkChoice:
    key: str  # "meetings.conference:12": what the form posts
    label: str  # as the record's module labels it (``documents.links.register``)
    unit_name: str


def link_kinds(*, actor) -> list[LinkKind]:
    """The kinds this actor may link: registered models with a unit, whose module's view permission
    the actor holds somewhere (the same rule as ``services._visible``)."""
    held = policy.permissions_anywhere(actor)
    out = []
    for key, target in links.targets().items():
        meta = target.model._meta
        perm = f"{meta.app_label}.view"
        if perm in held and any(f.name == "unit" and f.many_to_one for f in meta.fields):
            module = apps.get_app_config(meta.app_label).verbose_name
            out.append(LinkKind(key, f"{str(meta.verbose_name).capitalize()} ({module})", perm))
    return out


def _link_kind(actor, key: str) -> LinkKind:
    for kind in link_kinds(actor=actor):
        if kind.key == key:
            return kind
    raise Http404  # not registered, without a unit, or a module the actor does not read


def _linkable(actor, kind: LinkKind) -> QuerySet:
    """The records of ``kind`` whose unit is in the actor's reach for the module's view permission,
    with what their labels read (every foreign key) joined in."""
    model = links.targets()[kind.key].model
    joined = [f.name for f in model._meta.fields if f.many_to_one]
    return model._default_manager.filter(unit_id__in=_reach_units(actor, kind.perm)).select_related(*joined)


def _word_q(model, word: str) -> Q:
    """A typed word in any of the record's free text fields (as typed: these fields keep no folded
    copy), or a four-digit word as its ``year``."""
    q = Q(pk__in=[])
    for f in model._meta.fields:
        if isinstance(f, models.CharField | models.TextField) and not f.choices:
            q |= Q(**{f"{f.name}__icontains": word})
    if word.isdigit() and len(word) == 4 and any(f.name == "year" for f in model._meta.fields):
        q |= Q(year=int(word))
    return q


def _choices(kind: LinkKind, rows: list) -> list[LinkChoice]:
    """Labels of ``rows`` as their module gives them, their units' names read once for all (a label
    that names the unit reads the version set here, not one query a row)."""
    unit_ids = {r.unit_id for r in rows}
    latest: dict[int, UnitVersion] = {}
    for version in UnitVersion.objects.filter(unit_id__in=unit_ids).order_by("unit_id", "-valid_from"):
        latest.setdefault(version.unit_id, version)
    for r in rows:
        r.unit.__dict__["latest_version"] = latest.get(r.unit_id)  # Unit.latest_version's cache
    target = links.targets()[kind.key]
    return [
        LinkChoice(
            f"{kind.key}:{r.pk}",
            str(target.label(r))[:255],
            latest[r.unit_id].name if r.unit_id in latest else "",
        )
        for r in rows
    ]


def link_choices(*, actor, kind: str, q: str = "", limit: int = LINK_CHOICES) -> list[LinkChoice]:
    """What the link picker offers: records of ``kind`` in the actor's reach holding every word of
    ``q``, newest first, at most ``limit``. 404 for a kind the actor may not link. A constant number
    of queries whatever the count."""
    chosen = _link_kind(actor, kind)
    qs = _linkable(actor, chosen)
    model = qs.model
    for word in q.split()[:8]:
        qs = qs.filter(_word_q(model, word))
    return _choices(chosen, list(qs.order_by("-pk")[:limit]))


def link_records(*, actor, keys, strict: bool = True) -> tuple[list, list[LinkChoice]]:
    """The records the form posted (``"<kind>:<id>"``), each looked up in the actor's reach: the
    records found and their choices. A key of a record out of reach, of no record or of a kind the
    actor may not link raises 404 (``strict=False``: it is left out, for redrawing a form)."""
    by_kind: dict[str, list[str]] = {}
    for key in dict.fromkeys(keys):
        kind, _sep, pk = str(key).partition(":")
        if not pk.isdigit():
            if strict:
                raise Http404
            continue
        by_kind.setdefault(kind, []).append(pk)
    allowed = {kind.key: kind for kind in link_kinds(actor=actor)}
    records, choices = [], []
    for key, ids in by_kind.items():
        kind = allowed.get(key)
        rows = list(_linkable(actor, kind).filter(pk__in=ids)) if kind else []
        if strict and len(rows) != len(ids):
            raise Http404
        records += rows
        choices += _choices(kind, rows) if rows else []
    return records, choices


def article_link_keys(article: Article) -> list[str]:
    """The keys of the records an article links (for its form)."""
    return [f"{link.content_type.app_label}.{link.content_type.model}:{link.object_id}"
            for link in article.links.select_related("content_type")]  # fmt: skip


def figure_choices(*, actor, unit_id: int, year: int) -> "list[FigureLine]":
    """The figures of the catalogue this actor reads for the unit (in its reach) in ``year``, each
    with its value now: what the figures box may show. Figures of modules the actor does not read
    are left out (``core.figures.compute(readable_only=True)``)."""
    names = [f.name for f in figures.catalogue()]
    period = Period.year(year)
    try:
        values = figures.compute(
            actor=actor, unit_id=unit_id, names=names, period=period, as_of=period.as_of(), readable_only=True
        )
    except Http404:
        return []
    return [FigureLine(str(f.label), values[f.name], f.measure, f.name) for f in figures.catalogue()
            if f.name in values]  # fmt: skip


# -- public ----------------------------------------------------------------------------------------------
def public_articles(*, unit: Unit | None = None, category: Category | None = None) -> QuerySet[Article]:
    """Published articles whose time has come, newest first; ``unit``: its own and its units' news
    (its subtree today)."""
    qs = _scoped(Article.objects.public(), unit=unit, category=category)
    return qs.select_related("category", "unit").order_by("-publish_at", "-id")


def _scoped(qs: QuerySet[Article], *, unit: Unit | None, category: Category | None) -> QuerySet[Article]:
    if unit is not None:
        version = unit.version_on(today())
        if version is None:  # a closed unit (merged, dissolved): its own news stay readable
            qs = qs.filter(unit=unit)
        else:
            qs = qs.filter(unit_id__in=subtree_units(version.path, today()))
    if category is not None:
        qs = qs.filter(category=category)
    return qs


def feed_last_modified(*, unit: Unit | None = None, category: Category | None = None):
    """When a feed's content last changed (None for a feed that never had an article): the newest
    publication time of its due articles, or the newest ``updated_at`` of an article of its scope
    that ever had a publication day (an article leaving the feed, unpublished, changes it too, so a
    reader asking ``If-Modified-Since`` is never told a withdrawn article is still current). One query."""
    due = Q(state=Article.State.PUBLISHED, publish_at__lte=timezone.now())
    qs = _scoped(Article.objects.filter(day__isnull=False), unit=unit, category=category)
    newest = qs.aggregate(published=models.Max("publish_at", filter=due), updated=models.Max("updated_at"))
    stamps = [t for t in newest.values() if t is not None]
    return max(stamps) if stamps else None


def public_search(q: str, *, unit: Unit | None = None) -> QuerySet[Article]:
    """Every word typed, without diacritics or with, in any order (``core.text.search_words``)."""
    qs = public_articles(unit=unit)
    words = search_words(q)
    if not words:
        return qs.none()
    for word in words:
        qs = qs.filter(search_text__contains=word)
    return qs


def public_month(year: int, month: int) -> QuerySet[Article]:
    try:
        start = dt.date(year, month, 1)
    except ValueError:
        raise Http404 from None
    end = dt.date(year + (month == 12), month % 12 + 1, 1)
    return public_articles().filter(day__gte=start, day__lt=end)


def public_article(*, day: dt.date, slug: str) -> Article:
    article = (
        Article.objects.public()
        .filter(day=day, slug=slug)
        .select_related("category", "unit", "figures_unit", "state_changed_by")
        .first()
    )
    if article is None:
        raise Http404
    return article


def public_image(image_id: int) -> ArticleImage:
    image = ArticleImage.objects.filter(pk=image_id, article__in=Article.objects.public()).first()
    if image is None:
        raise Http404
    return image


def related(article: Article) -> list[Article]:
    """Other public news of the same category, the ones sharing a tag first, newest first."""
    rows = list(
        public_articles(category=article.category)
        .exclude(pk=article.pk)
        .only("title", "slug", "day", "publish_at", "tags", "category", "unit")[:20]
    )
    tags = set(article.tag_list)
    rows.sort(key=lambda a: (not (tags & set(a.tag_list)), -(a.publish_at.timestamp())))
    return rows[:RELATED]


def announcements() -> list[Article]:
    return list(public_articles().filter(category__code=Category.ANNOUNCEMENTS)[:ANNOUNCEMENTS])


def last_modified(qs: QuerySet[Article] | None = None):
    row = (
        (qs if qs is not None else Article.objects.public())
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    return row or timezone.now().replace(microsecond=0)


def unit_names(unit_ids) -> dict[int, str]:
    """The publishing units' names today (a closed unit's last name): a unit signs its news."""
    return names_of_units(list(set(unit_ids)), today())


@dataclass(frozen=True)
class FigureLine:
    label: str
    value: int | None
    measure: str
    name: str = ""


def has_figures_box(article: Article) -> bool:
    """Whether the article shows figures read live (its page is then kept only under the newest audit
    entry, ``cache.live_page``)."""
    return bool(article.figure_list and article.figures_unit_id and article.figures_year)


def figures_box(article: Article) -> list[FigureLine]:
    """The article's figures, read now from the reports layer for its unit and year, with the
    authority of the officer who published it (the box shows what that reviewer chose to make public;
    if they lose the right to read them, the box is left out)."""
    names = article.figure_list
    if not has_figures_box(article):
        return []
    reader = article.state_changed_by if article.state == Article.State.PUBLISHED else None
    if reader is None:
        return []
    period = Period.year(article.figures_year)
    # Kept under the newest audit entry: any recorded fact moves it, so the box is never stale.
    raw = ":".join(
        str(part)
        for part in (
            article.pk,
            reader.pk,
            article.figures_unit_id,
            article.figures_year,
            ",".join(names),
            today().isoformat(),
            audit.newest_entry_id(),
        )
    )
    key = "portal:figures:" + hashlib.sha256(raw.encode()).hexdigest()  # a dozen names pass 250 characters
    values = cache.get(key)
    if values is None:
        try:
            values = figures.compute(
                actor=reader,
                unit_id=article.figures_unit_id,
                names=names,
                period=period,
                as_of=period.as_of(),
                readable_only=True,
            )
        except (Http404, figures.UnknownFigure):
            values = {}
        cache.set(key, values, FIGURES_SECONDS)
    if not values:
        return []
    return [
        FigureLine(str(figures.get(n).label), values[n], figures.get(n).measure, n)
        for n in names
        if n in values
    ]


def public_units() -> QuerySet[UnitVersion]:
    """Units that have public news (for the unit links on the home page)."""
    ids = Article.objects.public().values("unit_id")
    return UnitVersion.objects.active(today()).filter(unit_id__in=ids).select_related("unit").order_by("path")


def month_archive() -> list[dt.date]:
    days = Article.objects.public().dates("day", "month", order="DESC")
    return list(days[:24])


def category_by_code(code: str) -> Category:
    found = Category.objects.filter(code=code).first()
    if found is None:
        raise Http404
    return found


def unit_by_code(code: str) -> Unit:
    found = Unit.objects.filter(code=code.upper()).first()
    if found is None or not Article.objects.public().filter(unit_id__in=_subtree_or_self(found)).exists():
        raise Http404  # a unit without public news has no public page
    return found


def _subtree_or_self(unit: Unit):
    version = unit.version_on(today())
    return subtree_units(version.path, today()) if version else [unit.pk]
