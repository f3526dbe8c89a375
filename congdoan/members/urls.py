from django.urls import path

from . import io_views, views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("them/", views.member_join, name="join"),
    path("thong-ke/", views.stats, name="stats"),
    path("thong-ke/cbccvcld/", views.workforce_record_view, name="workforce_record"),
    path("chuyen-sinh-hoat/", views.transfers, name="transfers"),
    path("chuyen-sinh-hoat/<int:transfer_id>/nhan/", views.transfer_accept, name="transfer_accept"),
    path("chuyen-sinh-hoat/<int:transfer_id>/tu-choi/", views.transfer_reject, name="transfer_reject"),
    path("qua-trinh/<int:membership_id>/sua/", views.membership_correct, name="membership_correct"),
    path("chuc-vu/<int:position_id>/ket-thuc/", views.position_end, name="position_end"),
    path("<int:member_id>/", views.member_detail, name="detail"),
    path("<int:member_id>/sua/", views.member_edit, name="edit"),
    path("<int:member_id>/chuyen/", views.member_transfer, name="transfer"),
    path("<int:member_id>/ra-khoi/", views.member_leave, name="leave"),
    path("<int:member_id>/trang-thai/", views.member_status, name="status"),
    path("<int:member_id>/ket-nap-lai/", views.member_rejoin, name="rejoin"),
    path("<int:member_id>/chuc-vu/", views.position_assign, name="position_assign"),
    # Excel import and export of the register.
    path("nhap-xuat/", io_views.import_page, name="import"),
    path("nhap-xuat/mau/", io_views.import_template, name="import_template"),
    path("nhap-xuat/<uuid:job_id>/ghi/", io_views.import_apply, name="import_apply"),
    path("nhap-xuat/xuat/", io_views.export_list, name="export"),
    path("nhap-xuat/xuat/thong-ke/", io_views.export_stats, name="export_stats"),
]
