from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("chon/", views.unit_choices, name="choices"),
    path("<int:unit_id>/", views.detail, name="detail"),
    path("<int:unit_id>/con/", views.children, name="children"),
    path("<int:unit_id>/them/", views.unit_create, name="create"),
    path("<int:unit_id>/sua/", views.unit_edit, name="edit"),
    path("<int:unit_id>/chuyen/", views.unit_move, name="move"),
    path("<int:unit_id>/chi-dao/", views.unit_guidance, name="guidance"),
    path("<int:unit_id>/sap-nhap/", views.unit_merge, name="merge"),
    path("<int:unit_id>/giai-the/", views.unit_dissolve, name="dissolve"),
]
