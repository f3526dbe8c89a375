"""Excel import and export of the register, mounted at /doan-vien/nhap-xuat/ (names in "members")."""

from django.urls import path

from . import io_views

urlpatterns = [
    path("", io_views.import_page, name="import"),
    path("mau/", io_views.import_template, name="import_template"),
    path("<uuid:job_id>/ghi/", io_views.import_apply, name="import_apply"),
    path("xuat/", io_views.export_list, name="export"),
    path("xuat/thong-ke/", io_views.export_stats, name="export_stats"),
]
