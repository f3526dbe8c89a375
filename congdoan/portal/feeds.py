"""RSS 2.0 and Atom 1.0 feeds (django.contrib.syndication): the whole site, per unit (its own and its
units' news) and per category; published and due articles only, newest first."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from congdoan.core.guards import public

from . import cache, selectors

ITEMS = 30


class _Base(Feed):
    feed_type = Rss201rev2Feed

    def items(self, obj):
        return list(self._rows(obj)[:ITEMS])

    def _rows(self, obj):
        return selectors.public_articles()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.title

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline

    def item_categories(self, item):
        return [item.category.name, *item.tag_list]

    def link(self, obj):
        return "/tin-tuc/"

    def title(self, obj):
        return _("Tin tức công đoàn")

    def description(self, obj):
        return _("Tin hoạt động của các cấp công đoàn")

    def last_modified(self, obj):
        return selectors.feed_last_modified()

    def __call__(self, request, *args, **kwargs):
        """The feed through the public pages' cache (``cache.cached_page``): ``Cache-Control: public``,
        an ``ETag`` of the body, ``Last-Modified`` when the feed's content last changed
        (``selectors.feed_last_modified``), and ``304`` to a matching ``If-None-Match`` or
        ``If-Modified-Since``."""
        render = super().__call__

        def draw():
            return render(request, *args, **kwargs)

        def modified():
            return self.last_modified(self.get_object(request, *args, **kwargs))

        return cache.cached_page(request, draw, modified)


class SiteRss(_Base):
    pass


class SiteAtom(SiteRss):
    feed_type = Atom1Feed
    subtitle = _Base.description


class UnitRss(_Base):
    def get_object(self, request, code):
        return selectors.unit_by_code(code)

    def _rows(self, obj):
        return selectors.public_articles(unit=obj)

    def last_modified(self, obj):
        return selectors.feed_last_modified(unit=obj)

    def title(self, obj):
        return selectors.unit_names([obj.pk]).get(obj.pk, obj.code)

    def link(self, obj):
        from django.urls import reverse

        return reverse("portal_public:unit", args=[obj.code])


class UnitAtom(UnitRss):
    feed_type = Atom1Feed
    subtitle = _Base.description


class CategoryRss(_Base):
    def get_object(self, request, code):
        return selectors.category_by_code(code)

    def _rows(self, obj):
        return selectors.public_articles(category=obj)

    def last_modified(self, obj):
        return selectors.feed_last_modified(category=obj)

    def title(self, obj):
        return obj.name

    def link(self, obj):
        from django.urls import reverse

        return reverse("portal_public:category", args=[obj.code])


class CategoryAtom(CategoryRss):
    feed_type = Atom1Feed
    subtitle = _Base.description


site_rss = public(SiteRss())
site_atom = public(SiteAtom())
unit_rss = public(UnitRss())
unit_atom = public(UnitAtom())
category_rss = public(CategoryRss())
category_atom = public(CategoryAtom())
