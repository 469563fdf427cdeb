from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("don-vi/", views.organization_list, name="organizations"),
    path("don-vi/tao-moi/", views.organization_create, name="organization_create"),
    path("don-vi/<int:pk>/sua/", views.organization_edit, name="organization_edit"),
    path("don-vi/<int:pk>/sap-nhap/", views.organization_merge, name="organization_merge"),
    path("tai-khoan/", views.account_list, name="accounts"),
    path("tai-khoan/moi/", views.account_invite, name="account_invite"),
    path("tai-khoan/<int:pk>/khoa/", views.account_deactivate, name="account_deactivate"),
    path("dat-mat-khau/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
]
