from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.conference_list, name="list"),
    path("them/", views.conference_create, name="create"),
    path("tinh-hinh/", views.compliance, name="compliance"),
    path("tinh-hinh/xlsx/", views.compliance_export, name="compliance_export"),
    path("tinh-hinh/nhac/", views.remind, name="remind"),
    path("so-ket-tong-ket/", views.review_list, name="reviews"),
    path("so-ket-tong-ket/them/", views.review_create, name="review_create"),
    path("so-ket-tong-ket/<int:review_id>/", views.review_detail, name="review"),
    path("so-ket-tong-ket/<int:review_id>/khen-thuong/", views.review_award_add, name="review_award_add"),
    path("so-ket-tong-ket/<int:review_id>/van-ban/", views.review_link, name="review_link"),
    path("dai-hoi/", views.term_list, name="terms"),
    path("dai-hoi/them/", views.term_create, name="term_create"),
    path("dai-hoi/<int:term_id>/", views.term_detail, name="term"),
    path("dai-hoi/<int:term_id>/bau/", views.committee_elect, name="committee_elect"),
    path("dai-hoi/<int:term_id>/thay-doi/", views.committee_change, name="committee_change"),
    path("<int:conference_id>/", views.conference_detail, name="detail"),
    path("<int:conference_id>/tai-lieu/", views.document_add, name="document_add"),
    path("<int:conference_id>/bieu-quyet/", views.vote_add, name="vote_add"),
    path("<int:conference_id>/nghi-quyet/", views.resolution_link, name="resolution_link"),
    path("<int:conference_id>/ban-thanh-tra/", views.inspection_board, name="inspection_board"),
]
