from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("xlsx/", views.initiative_export, name="export"),
    path("dang-ky/", views.initiative_create, name="create"),
    path("nhap-excel/", views.initiative_import, name="import"),
    path("nhap-excel/mau.xlsx", views.import_template, name="import_template"),
    path("<int:initiative_id>/", views.initiative_detail, name="detail"),
    path("<int:initiative_id>/xet/", views.initiative_review, name="review"),
    path("<int:initiative_id>/dinh-kem/", views.initiative_attach, name="attach"),
    path("<int:initiative_id>/tep/<int:file_id>/", views.attachment_download, name="attachment"),
    path("chuong-trinh/", views.programme_list, name="programmes"),
    path("chuong-trinh/xlsx/", views.programme_export, name="programme_export"),
    path("chuong-trinh/phat-dong/", views.programme_create, name="programme_create"),
    path("chuong-trinh/<int:programme_id>/", views.programme_detail, name="programme"),
    path("dot/<int:round_id>/", views.round_detail, name="round"),
    path("dot/<int:round_id>/xlsx/", views.round_export, name="round_export"),
    path("dot/<int:round_id>/chi-tieu/xlsx/", views.targets_export, name="targets_export"),
    path("dot/<int:round_id>/giao-chi-tieu/", views.target_set, name="target_set"),
]
