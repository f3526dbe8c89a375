"""The sitemap (django.contrib.sitemaps): the public home, categories and every public article."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Category
from .selectors import public_articles


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 1000

    def items(self):
        return public_articles().select_related(None).only("slug", "day", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", *(c.code for c in Category.objects.all())]

    def location(self, item):
        if item == "home":
            return reverse("portal_public:home")
        return reverse("portal_public:category", args=[item])


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap}
