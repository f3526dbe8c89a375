from django.urls import path, register_converter

from . import feeds, public, views


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(TwoDigits, "dd")

app_name = "portal"
urlpatterns = [
    path("", views.article_list, name="list"),
    path("them/", views.article_create, name="create"),
    path("<int:article_id>/", views.article_detail, name="detail"),
    path("<int:article_id>/sua/", views.article_edit, name="edit"),
    path("<int:article_id>/anh/", views.image_add, name="image_add"),
    path("<int:article_id>/buoc/", views.article_step, name="step"),
    path("anh/<int:image_id>/", views.image_preview, name="image_preview"),
    path("lien-ket/", views.link_choices, name="link_choices"),
    path("so-lieu/", views.figure_choices, name="figure_choices"),
]

public_patterns = (
    [
        path("", public.home, name="home"),
        path("tim-kiem/", public.search, name="search"),
        path("rss/", feeds.site_rss, name="rss"),
        path("atom/", feeds.site_atom, name="atom"),
        path("chuyen-muc/<slug:code>/", public.category_list, name="category"),
        path("chuyen-muc/<slug:code>/rss/", feeds.category_rss, name="category_rss"),
        path("chuyen-muc/<slug:code>/atom/", feeds.category_atom, name="category_atom"),
        path("don-vi/<str:code>/", public.unit_home, name="unit"),
        path("don-vi/<str:code>/rss/", feeds.unit_rss, name="unit_rss"),
        path("don-vi/<str:code>/atom/", feeds.unit_atom, name="unit_atom"),
        path("anh/<int:image_id>/<slug:size>.jpg", public.image, name="image"),
        path("<int:year>/<dd:month>/", public.month_list, name="month"),
        path("<int:year>/<dd:month>/<dd:day>/<slug:slug>/", public.article, name="article"),
    ],
    "portal_public",
)
