from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import LoginForm

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("phong-trao/", include("campaigns.urls")),
    path("ho-so/", include("nominations.urls")),
    path("khen-thuong/", include("awards.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("admin/", admin.site.urls),
]
