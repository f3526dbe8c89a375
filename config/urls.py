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
    path("cong-viec/", include((job_patterns, "jobs"))),
    path("api/v1/", api.urls),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("quan-tri/", admin.site.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
