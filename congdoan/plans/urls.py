from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.mission_list, name="missions"),
    path("them/", views.mission_create, name="mission_create"),
    path("<int:mission_id>/", views.mission_detail, name="mission"),
    path("<int:mission_id>/sua/", views.mission_edit, name="mission_edit"),
    path("<int:mission_id>/thanh-vien/", views.member_add, name="member_add"),
    path("<int:mission_id>/buoi-lam-viec/", views.visit_add, name="visit_add"),
    path("<int:mission_id>/ket-qua/", views.finding_add, name="finding_add"),
    path("<int:mission_id>/qua/", views.gift_add, name="gift_add"),
    path("<int:mission_id>/bao-cao/", views.report_issue, name="report_issue"),
    path("<int:mission_id>/bao-cao/tai-ve/", views.report_download, name="report_download"),
    path("chuong-trinh/", views.programme_list, name="programmes"),
    path("chuong-trinh/them/", views.programme_create, name="programme_create"),
    path("chuong-trinh/<int:programme_id>/", views.programme_detail, name="programme"),
    path("chuong-trinh/<int:programme_id>/sua/", views.programme_edit, name="programme_edit"),
]
