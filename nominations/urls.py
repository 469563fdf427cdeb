from django.urls import path

from . import views

app_name = "nominations"
urlpatterns = [
    path("", views.nomination_list, name="list"),
    path("excel/", views.nomination_export, name="export"),
    path("chon-don-vi/", views.unit_picker, name="unit_picker"),
    path("hang-loat/", views.nomination_bulk, name="bulk"),
    path("tao-moi/<int:campaign_pk>/", views.nomination_create, name="create"),
    path("nhap-excel/<int:campaign_pk>/", views.nomination_import, name="import"),
    path("nhap-excel/<int:campaign_pk>/xac-nhan/", views.nomination_import_confirm, name="import_confirm"),
    path("nhap-excel/<int:campaign_pk>/tien-do/<str:job>/", views.nomination_import_progress, name="import_progress"),
    path("nhap-excel/mau.xlsx", views.nomination_import_template, name="import_template"),
    path("<int:pk>/", views.nomination_detail, name="detail"),
    path("<int:pk>/sua/", views.nomination_edit, name="edit"),
    path("<int:pk>/tep/", views.attachment_upload, name="upload"),
    path("<int:pk>/tep/<int:attachment_pk>/xoa/", views.attachment_delete, name="delete_attachment"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.attachment_download, name="download"),
    path("<int:pk>/nop/", views.nomination_submit, name="submit"),
    path("<int:pk>/rut/", views.nomination_withdraw, name="withdraw"),
    path("<int:pk>/tra-lai/", views.nomination_return, name="return"),
    path("<int:pk>/tham-dinh/", views.nomination_appraise, name="appraise"),
    path("<int:pk>/cham-diem/", views.nomination_score, name="score"),
    path("xep-hang/<int:award_form_pk>/", views.award_form_ranking, name="ranking"),
    path("<int:pk>/dua-vao-xet/", views.nomination_accept, name="accept"),
    path("lay-y-kien/hinh-thuc/<int:award_form_pk>/", views.consultation_publish, name="consultation_publish"),
    path("lay-y-kien/<int:pk>/", views.consultation_page, name="consultation"),
    path("lay-y-kien/y-kien/<int:pk>/tra-loi/", views.consultation_answer, name="consultation_answer"),
]
