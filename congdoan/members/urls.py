from django.urls import include, path

from . import views

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
    # Excel import/export and background jobs live in their own module.
    path("nhap-xuat/", include("congdoan.members.io_urls")),
]
