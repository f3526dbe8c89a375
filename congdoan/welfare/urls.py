from django.urls import path

from . import views

app_name = "welfare"
urlpatterns = [
    path("", views.case_list, name="cases"),
    path("xlsx/", views.case_export, name="cases_export"),
    path("them/", views.case_create, name="case_create"),
    path("<int:case_id>/", views.case_detail, name="case"),
    path("<int:case_id>/quyet-dinh/", views.case_document, name="case_document"),
    path("nha/", views.house_list, name="houses"),
    path("nha/xlsx/", views.house_export, name="houses_export"),
    path("nha/them/", views.house_create, name="house_create"),
    path("chuong-trinh/", views.programme_list, name="programmes"),
    path("chuong-trinh/xlsx/", views.programme_export, name="programmes_export"),
    path("chuong-trinh/them/", views.programme_create, name="programme_create"),
    path("chuong-trinh/<int:programme_id>/", views.programme_detail, name="programme"),
    path("chuong-trinh/<int:programme_id>/qua/", views.item_add, name="item_add"),
    path("chuong-trinh/<int:programme_id>/qua/xlsx/", views.items_export, name="items_export"),
    path(
        "chuong-trinh/<int:programme_id>/nguoi-nhan/xlsx/", views.recipients_export, name="recipients_export"
    ),
    path("chuong-trinh/<int:programme_id>/de-xuat/", views.candidates, name="candidates"),
    path("chuong-trinh/<int:programme_id>/de-xuat/xlsx/", views.candidates_export, name="candidates_export"),
    path("tong-hop/", views.totals, name="totals"),
    path("tong-hop/xlsx/", views.totals_export, name="totals_export"),
    path("tong-hop/nguon/xlsx/", views.sources_export, name="sources_export"),
]
