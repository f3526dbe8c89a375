from django.urls import path

from . import views

app_name = "funds"
urlpatterns = [
    path("", views.drive_list, name="list"),
    path("xlsx/", views.drive_export, name="export"),
    path("khoan-ung-ho/", views.contribution_list, name="contributions"),
    path("phat-dong/", views.drive_create, name="create"),
    path("<int:drive_id>/", views.drive_detail, name="detail"),
    path("<int:drive_id>/xlsx/", views.contributors_export, name="contributors_export"),
    path("<int:drive_id>/ung-ho/", views.contribution_create, name="contribution_create"),
    path("<int:drive_id>/theo-cdcs/", views.contribution_grid, name="grid"),
    path("<int:drive_id>/nhap-excel/", views.contribution_import, name="import"),
    path("<int:drive_id>/mau-excel/", views.import_template, name="import_template"),
    path("bien-nhan/<int:contribution_id>/", views.receipt, name="receipt"),
]
