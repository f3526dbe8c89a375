from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from congdoan.core.guards import authenticated, public

app_name = "accounts"
_tmp = authenticated(TemplateView.as_view(template_name="base.html"))
urlpatterns = [
    path("dang-nhap/", public(auth_views.LoginView.as_view()), name="login"),
    path("dang-xuat/", authenticated(auth_views.LogoutView.as_view()), name="logout"),
    path("doi-mat-khau/", authenticated(auth_views.PasswordChangeView.as_view()), name="password_change"),
    path("toi/", _tmp, name="profile"),
    path("", _tmp, name="list"),
    path("nhat-ky/", _tmp, name="audit"),
]
