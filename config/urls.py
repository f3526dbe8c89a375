from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from congdoan.core.guards import public
from congdoan.core.urls import job_patterns
from congdoan.core.views import dashboard

from .api import api

urlpatterns = [
    path("", dashboard, name="home"),
    path("", include("congdoan.core.urls")),
    path("don-vi/", include("congdoan.organizations.urls")),
    path("tai-khoan/", include("congdoan.accounts.urls")),
    path("doan-vien/", include("congdoan.members.urls")),
    path("van-ban/", include("congdoan.documents.urls")),
    path("hoi-nghi/", include("congdoan.meetings.urls")),
    path("thi-dua/", include("congdoan.emulation.urls")),
    path("sang-kien/", include("congdoan.initiatives.urls")),
    path("khen-thuong/", include("congdoan.awards.urls")),
    path("khao-sat/", include("congdoan.plans.urls")),
    path("cong-viec/", include((job_patterns, "jobs"))),
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
