from django.urls import path

from . import registration_views, views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("tao-moi/", views.campaign_create, name="create"),
    path("doc-van-ban/", views.campaign_import, name="import"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/sua/", views.campaign_edit, name="edit"),
    path("<int:pk>/phat-dong/", views.campaign_act, {"act": "launch"}, name="launch"),
    path("<int:pk>/dong-nhan-ho-so/", views.campaign_act, {"act": "close_nominations"}, name="close_nominations"),
    path("<int:pk>/mo-lai-nhan-ho-so/", views.campaign_act, {"act": "reopen_nominations"}, name="reopen_nominations"),
    path("<int:pk>/ket-thuc/", views.campaign_act, {"act": "conclude"}, name="conclude"),
    path("<int:pk>/sua/<slug:part>/", views.campaign_parts, name="parts"),
    path("hinh-thuc/<int:pk>/mau-in/", views.certificate_layout, name="certificate_layout"),
    path("<int:pk>/nhac-viec/", views.campaign_reminders, name="reminders"),
    path("<int:pk>/bao-cao/", views.report_tracking, name="reports"),
    path("<int:pk>/bao-cao/excel/", views.report_export, name="report_export"),
    path("<int:pk>/bao-cao/chon-don-vi/", views.report_unit_picker, name="report_unit_picker"),
    path("<int:pk>/bao-cao/yeu-cau/", views.request_reports, name="request_reports"),
    path("<int:pk>/gia-han/", views.grant_extension, name="grant_extension"),
    path("<int:pk>/tham-gia/", views.participation, name="participation"),
    path("<int:pk>/tham-gia/nhap-excel/", views.participation_import, name="participation_import"),
    path("bao-cao/", views.my_reports, name="my_reports"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/nop/", views.report_submit, name="report_submit"),
    path("bao-cao/<int:pk>/tep/", views.report_attachment, name="report_attachment"),
    path("bao-cao/<int:pk>/danh-gia/", views.report_evaluate, name="report_evaluate"),
    path("<int:pk>/dang-ky-thi-dua/", registration_views.registration, name="registration"),
    path("<int:pk>/dang-ky-thi-dua/danh-sach/", registration_views.registration_list, name="registrations"),
    path("dang-ky-thi-dua/<int:pk>/xet/", registration_views.registration_review, name="registration_review"),
]
