from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("", views.nomination_list, name="nominations"),
    path("danh-muc/", views.catalogue, name="catalogue"),
    path("de-nghi/", views.nomination_create, name="nomination_create"),
    path("de-nghi-tu-khoi/", views.block_proposals, name="block_proposals"),
    path("de-nghi/<int:nomination_id>/", views.nomination_detail, name="nomination"),
    path("de-nghi/<int:nomination_id>/sua/", views.nomination_edit, name="nomination_edit"),
    path("de-nghi/<int:nomination_id>/xu-ly/", views.nomination_step, name="nomination_step"),
    path("de-nghi/<int:nomination_id>/tep/", views.nomination_attach, name="nomination_attach"),
    path("de-nghi/<int:nomination_id>/tep/<int:file_id>/", views.nomination_file, name="nomination_file"),
    path("de-nghi/<int:nomination_id>/quyet-dinh/", views.decision_create, name="decision_create"),
    path("quyet-dinh/", views.decision_list, name="decisions"),
    path("quyet-dinh/<int:decision_id>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:decision_id>/van-ban.docx", views.decision_docx, name="decision_docx"),
    path(
        "quyet-dinh/<int:decision_id>/giay-chung-nhan.docx",
        views.decision_certificates,
        name="decision_certificates",
    ),
    path("quyet-dinh/<int:decision_id>/danh-sach.xlsx", views.decision_xlsx, name="decision_xlsx"),
    path("doan-vien/<int:member_id>/", views.person_awards, name="person"),
    path("don-vi/<int:unit_id>/", views.unit_awards, name="unit"),
    path("thong-ke/", views.counts, name="counts"),
    path("da-khen-thuong/", views.given, name="given"),
    path("ky-luat/", views.discipline_list, name="disciplines"),
    path("ky-luat/moi/", views.discipline_create, name="discipline_create"),
    path("ky-luat/<int:discipline_id>/ket-thuc/", views.discipline_end, name="discipline_end"),
    path("xep-loai/", views.rating_list, name="ratings"),
    path("xep-loai/moi/", views.rating_create, name="rating_create"),
    path("cong-tac-truoc-day/", views.service_list, name="services"),
    path("cong-tac-truoc-day/moi/", views.service_create, name="service_create"),
]
