"""The public news site, without login, under /tin-tuc/ (and at / for anonymous visitors).

Every page reads ``selectors.public_*`` (published and due only), shows units by name and authors
by their byline, and goes through ``cache.cached_page`` (Django's cache, ETag, Last-Modified,
Cache-Control: public). No page carries a CSRF token, a session or a user's data.
"""

import datetime as dt

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from congdoan.core import paging
from congdoan.core.guards import public
from congdoan.core.views import dashboard

from . import cache, content, selectors, services
from .models import Category

PAGE_SIZE = 10


def _page(request, template: str, context: dict, *, last_modified=None):
    def draw():
        return render(request, template, {**_furniture(), **context})

    return cache.cached_page(request, draw, last_modified or selectors.last_modified)


def _furniture() -> dict:
    return {
        "categories": list(Category.objects.all()),
        "announcements": selectors.announcements(),
        "months": selectors.month_archive(),
    }


def _listing(request, rows, *, heading: str, feeds: tuple[str, str] | None = None, unit=None, category=None):
    def draw():
        page = paging.page_of(rows, request.GET.get("page"), PAGE_SIZE)
        names = selectors.unit_names(a.unit_id for a in page.object_list)
        context = {
            "page": page,
            "rows": [(a, names.get(a.unit_id, "")) for a in page.object_list],
            "heading": heading,
            "feeds": feeds,
            "unit": unit,
            "category": category,
            "q": request.GET.get("q", ""),
            "units": list(selectors.public_units()) if unit is None and category is None else [],
            **_furniture(),
        }
        return render(request, "portal/public/list.html", context)

    return cache.cached_page(request, draw, selectors.last_modified)


@public
@require_safe
def root(request):
    """``/``: the officers' dashboard for a signed-in user, the public home for anyone else."""
    if request.user.is_authenticated:
        return dashboard(request)
    return home(request)


@public
@require_safe
def home(request):
    return _listing(
        request,
        selectors.public_articles(),
        heading=_("Tin tức"),
        feeds=(reverse("portal_public:rss"), reverse("portal_public:atom")),
    )


@public
@require_safe
def unit_home(request, code: str):
    unit = selectors.unit_by_code(code)
    return _listing(
        request,
        selectors.public_articles(unit=unit),
        heading=selectors.unit_names([unit.pk]).get(unit.pk, unit.code),
        feeds=(
            reverse("portal_public:unit_rss", args=[unit.code]),
            reverse("portal_public:unit_atom", args=[unit.code]),
        ),
        unit=unit,
    )


@public
@require_safe
def category_list(request, code: str):
    category = selectors.category_by_code(code)
    return _listing(
        request,
        selectors.public_articles(category=category),
        heading=category.label,
        feeds=(
            reverse("portal_public:category_rss", args=[category.code]),
            reverse("portal_public:category_atom", args=[category.code]),
        ),
        category=category,
    )


@public
@require_safe
def month_list(request, year: int, month: str):
    rows = selectors.public_month(year, int(month))
    return _listing(request, rows, heading=_("Tin tháng %(m)s/%(y)s") % {"m": month, "y": year})


@public
@require_safe
def search(request):
    q = request.GET.get("q", "")[:200]
    return _listing(
        request, selectors.public_search(q), heading=_("Tìm kiếm: “%(q)s”") % {"q": q} if q else _("Tìm kiếm")
    )


@public
@require_safe
def article(request, year: int, month: str, day: str, slug: str):
    try:
        published = dt.date(year, int(month), int(day))
    except ValueError:
        raise Http404 from None
    found = selectors.public_article(day=published, slug=slug)  # 404 before the cache

    def draw():
        names = selectors.unit_names([found.unit_id])
        images = list(found.images.all())
        in_body = set(content.image_ids(found.body))
        for i in images:
            i.url = content.public_image_url(i)
        context = {
            "article": found,
            "body": content.public_body(found.body, images),
            "unit_name": names.get(found.unit_id, ""),
            "images": [i for i in images if i.pk not in in_body],  # the body shows the others
            "links": list(found.links.all()),
            "figures": selectors.figures_box(found),
            "related": selectors.related(found),
            "canonical": request.build_absolute_uri(found.get_absolute_url()),
        }
        if images:
            context["og_image"] = request.build_absolute_uri(images[0].url)
        return render(request, "portal/public/article.html", {**_furniture(), **context})

    if selectors.has_figures_box(found):
        return cache.live_page(request, draw)
    return cache.cached_page(request, draw, lambda: found.updated_at)


@public
@require_safe
def image(request, image_id: int, size: str):
    """A published article's image in a web size; ``404`` once the article is not public. Cached for
    ``cache.IMAGE_SECONDS`` and revalidated (``304`` from one query): see ``cache.image_response``."""
    if size not in content.IMAGE_SIZES:
        raise Http404
    found = selectors.public_image(image_id)  # 404 before any conditional answer
    stored = getattr(found, content.IMAGE_SIZES[size])

    def open_file():
        path = services.image_path(stored)
        if not path.is_file():
            raise Http404
        return FileResponse(path.open("rb"), content_type="image/jpeg")

    return cache.image_response(
        request,
        stored=stored,
        modified=found.created_at,
        open_file=open_file,
        versioned=request.GET.get("v") == content.image_version(stored),
    )
