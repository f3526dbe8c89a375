from django.urls import path

from . import views

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
]
