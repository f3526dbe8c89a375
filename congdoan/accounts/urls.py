from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login, name="login"),
    path("dang-xuat/", views.logout, name="logout"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("toi/", views.profile, name="profile"),
    path("toi/ma-truy-cap/", views.token_issue, name="token_issue"),
    path("toi/ma-truy-cap/<int:token_id>/thu-hoi/", views.token_revoke, name="token_revoke"),
    path("", views.account_list, name="list"),
    path("them/", views.account_create, name="create"),
    path("<int:user_id>/", views.account_detail, name="detail"),
    path("<int:user_id>/sua/", views.account_edit, name="edit"),
    path("<int:user_id>/mat-khau/", views.account_set_password, name="set_password"),
    path("<int:user_id>/cap-vai-tro/", views.role_grant, name="role_grant"),
    path("vai-tro/<int:role_id>/ket-thuc/", views.role_end, name="role_end"),
    path("nhat-ky/", views.audit, name="audit"),
]
