from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("", views.decision_list, name="decisions"),
    path("du-thao/", views.decision_create, name="decision_create"),
    path("du-thao/khong-theo-ke-hoach/", views.decision_create_outside_plans, name="decision_create_outside_plans"),
    path("<int:pk>/", views.decision_detail, name="decision"),
    path("<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("<int:pk>/danh-sach/them/", views.awardee_add, name="awardee_add"),
    path("<int:pk>/danh-sach/nhap-excel/", views.awardee_import, name="awardee_import"),
    path("<int:pk>/danh-sach/<int:awardee_pk>/bo/", views.awardee_remove, name="awardee_remove"),
    path("<int:pk>/to-trinh/", views.proposal_create, name="proposal_create"),
    path("<int:pk>/to-trinh.pdf", views.proposal_pdf, name="proposal_pdf"),
    path("<int:pk>/ky/", views.decision_sign, name="decision_sign"),
    path("<int:pk>/tao-van-ban/", views.decision_documents, name="decision_documents"),
    path("<int:pk>/ky-so/", views.decision_sign_digitally, name="decision_sign_digitally"),
    path("<int:pk>/ky-so-token/", views.decision_sign_with_token, name="decision_sign_with_token"),
    path("kiem-tra-chu-ky-so/", views.signature_check, name="signature_check"),
    path("<int:pk>/quyet-dinh.pdf", views.decision_pdf, name="decision_pdf"),
    path("<int:pk>/bang-khen.pdf", views.certificates_pdf, name="certificates_pdf"),
    path("<int:pk>/bang-dien-tu/<int:award_pk>.pdf", views.award_certificate, name="award_certificate"),
    path("<int:pk>/danh-sach.xlsx", views.decision_export, name="decision_export"),
    path("<int:pk>/ho-so.zip", views.decision_packet_download, name="decision_packet"),
    path("chuyen-len/ke-hoach/<int:pk>/", views.forward_dossiers, name="forward"),
    path("ho-so-chuyen-len/<int:pk>.zip", views.nomination_packet_download, name="nomination_packet"),
    path("so-khen-thuong/", views.register, name="register"),
    path("so-khen-thuong/excel/", views.register_export, name="register_export"),
    path("ca-nhan/<int:pk>/", views.person_awards, name="person"),
    path("don-vi/<int:pk>/", views.organization_awards, name="organization"),
    path("xac-minh/", views.verify_award, name="verify_lookup"),
    path("xac-minh/<slug:code>/", views.verify_award, name="verify"),
    path("so-khen-thuong/<int:pk>/thu-hoi/", views.award_revoke, name="revoke"),
    path("so-khen-thuong/<int:pk>/dinh-chinh/", views.award_correct, name="correct"),
]
