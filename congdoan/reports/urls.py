from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("so-lieu/", views.figure_detail, name="figure"),
    path("tong-ket/", views.year_end, name="tong-ket"),
    path("tong-ket/xlsx/", views.year_end_xlsx, name="tong-ket_xlsx"),
    path("tong-ket/word/", views.year_end_word, name="tong-ket_word"),
    path("tong-ket/noi-dung/", views.year_end_narrative, name="tong-ket_narrative"),
    path("tong-ket/ban-hanh/", views.year_end_issue, name="tong-ket_issue"),
    path("so-ket/", views.mid_year, name="so-ket"),
    path("so-ket/xlsx/", views.mid_year_xlsx, name="so-ket_xlsx"),
    path("so-ket/word/", views.mid_year_word, name="so-ket_word"),
    path("so-ket/noi-dung/", views.mid_year_narrative, name="so-ket_narrative"),
    path("so-ket/ban-hanh/", views.mid_year_issue, name="so-ket_issue"),
    path("khen-thuong/", views.awards_list, name="khen-thuong"),
    path("khen-thuong/xlsx/", views.awards_list_xlsx, name="khen-thuong_xlsx"),
    path("khen-thuong/word/", views.awards_list_word, name="khen-thuong_word"),
    path("khen-thuong/noi-dung/", views.awards_list_narrative, name="khen-thuong_narrative"),
    path("khen-thuong/ban-hanh/", views.awards_list_issue, name="khen-thuong_issue"),
    path("xep-loai/", views.ratings, name="xep-loai"),
    path("xep-loai/xlsx/", views.ratings_xlsx, name="xep-loai_xlsx"),
    path("xep-loai/word/", views.ratings_word, name="xep-loai_word"),
    path("xep-loai/noi-dung/", views.ratings_narrative, name="xep-loai_narrative"),
    path("xep-loai/ban-hanh/", views.ratings_issue, name="xep-loai_issue"),
    path("thong-ke-doan-vien/", views.membership, name="membership"),
    path("thong-ke-doan-vien/xlsx/", views.membership_xlsx, name="membership_xlsx"),
    path("so-sanh/", views.comparison, name="comparison"),
    path("so-sanh/xlsx/", views.comparison_xlsx, name="comparison_xlsx"),
    path("nop-so-lieu/", views.filing, name="filing"),
    path("nop-so-lieu/nhac/", views.filing_remind, name="filing_remind"),
]
