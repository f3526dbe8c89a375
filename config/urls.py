from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import set_language

from congdoan.core.guards import public
from congdoan.core.urls import job_patterns, reminder_patterns
from congdoan.portal.public import root as portal_root
from congdoan.portal.sitemaps import SITEMAPS
from congdoan.portal.urls import public_patterns as portal_public

from .api import api

urlpatterns = [
    # Anonymous visitors get the public news site at /, signed-in officers their dashboard (docs/architecture.md).
    path("", portal_root, name="home"),
    path("", include("congdoan.core.urls")),
    path("don-vi/", include("congdoan.organizations.urls")),
    path("tai-khoan/", include("congdoan.accounts.urls")),
    path("doan-vien/", include("congdoan.members.urls")),
    path("van-ban/", include("congdoan.documents.urls")),
    path("hoi-nghi/", include("congdoan.meetings.urls")),
    path("thi-dua/", include("congdoan.emulation.urls")),
    path("sang-kien/", include("congdoan.initiatives.urls")),
    path("bao-cao/", include("congdoan.reports.urls")),
    path("quy/", include("congdoan.funds.urls")),
    path("khen-thuong/", include("congdoan.awards.urls")),
    path("khao-sat/", include("congdoan.plans.urls")),
    path("cham-lo/", include("congdoan.welfare.urls")),
    path("bai-viet/", include("congdoan.portal.urls")),
    path("tin-tuc/", include(portal_public)),
    path("sitemap.xml", public(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("cong-viec/", include((job_patterns, "jobs"))),
    path("nhac-tu-dong/", include((reminder_patterns, "reminders"))),
    path("api/v1/", api.urls),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("quan-tri/", admin.site.urls),
]

# Error pages in the layout, in the user's language (core/errors.py); the API answers JSON.
handler400 = "congdoan.core.errors.bad_request"
handler403 = "congdoan.core.errors.permission_denied"
handler404 = "congdoan.core.errors.page_not_found"
handler500 = "congdoan.core.errors.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
