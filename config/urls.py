from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from accounts.forms import LoginForm, NewPasswordForm, PasswordResetRequestForm

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", auth_views.PasswordResetView.as_view(
        form_class=PasswordResetRequestForm, email_template_name="registration/password_reset_email.txt",
    ), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
         name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("phong-trao/", include("campaigns.urls")),
    path("ho-so/", include("nominations.urls")),
    path("hoi-dong/", include("councils.urls")),
    # Links sent before the council had its own app (e-mails, bookmarks) still lead to the page.
    path("ho-so/hoi-dong/<path:rest>", RedirectView.as_view(url="/hoi-dong/%(rest)s", permanent=True, query_string=True)),
    path("ho-so/cuoc-hop/<path:rest>", RedirectView.as_view(url="/hoi-dong/cuoc-hop/%(rest)s", permanent=True, query_string=True)),
    path("khen-thuong/", include("awards.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("thong-ke/", include("dashboards.urls")),
    path("quan-ly/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "config.views.bad_request"
