"""Reads of the news portal.

Officers' reads take the actor and start from the policy's reach (``portal.view``). Public reads
take no actor: they read only ``Article.objects.public()`` (published and due), and never a
person's name: an article is signed with its ``byline``.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from congdoan.core import figures
from congdoan.core.dates import today
from congdoan.core.periods import Period
from congdoan.core.text import search_words
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import policy
from congdoan.organizations.selectors import subtree_units
from congdoan.organizations.selectors import unit_names as names_of_units

from .models import Article, ArticleImage, Category
from .permissions import VIEW

RELATED = 4
ANNOUNCEMENTS = 5


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


# -- public ----------------------------------------------------------------------------------------------
def public_articles(*, unit: Unit | None = None, category: Category | None = None) -> QuerySet[Article]:
    """Published articles whose time has come, newest first; ``unit``: its own and its units' news
    (its subtree today)."""
    qs = Article.objects.public()
    if unit is not None:
        version = unit.version_on(today())
        if version is None:  # a closed unit (merged, dissolved): its own news stay readable
            qs = qs.filter(unit=unit)
        else:
            qs = qs.filter(unit_id__in=subtree_units(version.path, today()))
    if category is not None:
        qs = qs.filter(category=category)
    return qs.select_related("category", "unit").order_by("-publish_at", "-id")


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


def figures_box(article: Article) -> list[FigureLine]:
    """The article's figures, read now from the reports layer for its unit and year, with the
    authority of the officer who published it (the box shows what that reviewer chose to make public;
    if they lose the right to read them, the box is left out)."""
    names = article.figure_list
    if not names or article.figures_unit_id is None or not article.figures_year:
        return []
    reader = article.state_changed_by if article.state == Article.State.PUBLISHED else None
    if reader is None:
        return []
    period = Period.year(article.figures_year)
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
        return []
    return [
        FigureLine(str(figures.get(n).label), values[n], figures.get(n).measure) for n in names if n in values
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
