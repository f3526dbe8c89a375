from django.urls import path

from . import rating_views, score_views, views

app_name = "emulation"
urlpatterns = [
    path("", views.movement_list, name="movements"),
    path("phat-dong/", views.movement_create, name="movement_create"),
    path("<int:movement_id>/", views.movement_detail, name="movement"),
    path("<int:movement_id>/dang-ky/", views.registration_create, name="registration_create"),
    path("dang-ky/", views.registration_list, name="registrations"),
    path("dang-ky/<int:registration_id>/", views.registration_detail, name="registration"),
    path("dang-ky/<int:registration_id>/sua/", views.registration_edit, name="registration_edit"),
    path("dang-ky/<int:registration_id>/xu-ly/", views.registration_step, name="registration_step"),
    path("khoi/", views.block_list, name="blocks"),
    path("khoi/thanh-lap/", views.block_create, name="block_create"),
    path("khoi/<int:block_id>/", views.block_detail, name="block"),
    path("khoi/<int:block_id>/thanh-vien/", views.block_member_add, name="block_member_add"),
    path("khoi/<int:block_id>/khoi-truong/", views.block_officers, name="block_officers"),
    path("khoi/<int:block_id>/co-luan-luu/", views.block_flag, name="block_flag"),
    path("khoi/<int:block_id>/giao-uoc/", views.block_pledge, name="block_pledge"),
    path("khoi/<int:block_id>/cham-diem/", views.block_score, name="block_score"),
    path("bang-diem/", views.sheet_list, name="sheets"),
    path("bang-diem/ban-hanh/", views.sheet_create, name="sheet_create"),
    path("bang-diem/<int:sheet_id>/", views.sheet_detail, name="sheet"),
    path("khoi/<int:block_id>/xep-hang.xlsx", views.block_ranking_export, name="block_ranking_export"),
    path("cap/<int:unit_id>/xep-hang/", views.level_ranking, name="level_ranking"),
    path("cap/<int:unit_id>/xep-hang.xlsx", views.level_ranking_export, name="level_ranking_export"),
    path("xep-loai/", rating_views.rating_list, name="ratings"),
    path("xep-loai/mo/", rating_views.rating_start, name="rating_start"),
    path("xep-loai/tong-hop/", rating_views.rating_summary, name="rating_summary"),
    path("xep-loai/tong-hop.xlsx", rating_views.rating_summary_export, name="rating_summary_export"),
    path("xep-loai/bang-tieu-chi/<int:rubric_id>/", rating_views.rubric_detail, name="rubric"),
    path(
        "xep-loai/bang-tieu-chi/<int:rubric_id>/dieu-chinh/", rating_views.rubric_adapt, name="rubric_adapt"
    ),
    path("xep-loai/<int:rating_id>/", rating_views.rating_detail, name="rating"),
    path("xep-loai/<int:rating_id>/tu-cham/", rating_views.rating_assess, name="rating_assess"),
    path("xep-loai/<int:rating_id>/quyet-dinh/", rating_views.rating_decide, name="rating_decide"),
    path("xep-loai/<int:rating_id>/xu-ly/", rating_views.rating_step, name="rating_step"),
    path("dang-ky/<int:registration_id>/danh-hieu/", views.registration_titles, name="registration_titles"),
    path(
        "dang-ky/<int:registration_id>/danh-hieu/tep/",
        views.registration_titles_upload,
        name="registration_titles_upload",
    ),
    path("ket-qua/<int:result_id>/", score_views.score_result, name="score_result"),
    path("khoi/<int:block_id>/tu-cham/", score_views.score_self, name="score_self"),
    path("ket-qua/<int:result_id>/xu-ly/", score_views.score_step, name="score_step"),
    path("ket-qua/<int:result_id>/dieu-chinh/", score_views.score_adjust, name="score_adjust"),
    path("ket-qua/<int:result_id>/minh-chung/", score_views.score_evidence_add, name="score_evidence_add"),
    path("minh-chung/<int:evidence_id>/", score_views.score_evidence_download, name="score_evidence"),
    path(
        "minh-chung/<int:evidence_id>/rut/",
        score_views.score_evidence_withdraw,
        name="score_evidence_withdraw",
    ),
    path("giao-uoc/<int:pledge_id>/giao-uoc.docx", views.pledge_docx, name="pledge_docx"),
]
