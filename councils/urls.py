from django.urls import path

from . import views

app_name = "councils"
urlpatterns = [
    path("", views.council_list, name="list"),
    path("tao-moi/", views.council_create, name="create"),
    path("chon-co-quan/", views.organization_picker, name="organization_picker"),
    path("<int:pk>/", views.council_detail, name="detail"),
    path("<int:pk>/ty-le-co-mat/", views.council_quorum, name="quorum"),
    path("<int:pk>/thanh-vien/", views.council_member_add, name="member_add"),
    path("<int:pk>/thanh-vien/chon/", views.member_picker, name="member_picker"),
    path("<int:pk>/thanh-vien/<int:member_pk>/", views.council_member_change, name="member_change"),
    path("<int:pk>/thanh-vien/<int:member_pk>/xoa/", views.council_member_remove, name="member_remove"),
    path("cuoc-hop/", views.meeting_list, name="meetings"),
    path("cuoc-hop/excel/", views.meeting_export, name="meeting_export"),
    path("cuoc-hop/tao-moi/", views.meeting_create, name="meeting_create"),
    path("cuoc-hop/<int:pk>/", views.meeting_detail, name="meeting"),
    path("cuoc-hop/<int:pk>/diem-danh/", views.meeting_attendance, name="meeting_attendance"),
    path("cuoc-hop/<int:pk>/mo-bieu-quyet/", views.meeting_open_round, name="meeting_open_round"),
    path("cuoc-hop/<int:pk>/phieu-van-ban/", views.meeting_written_ballot, name="meeting_written_ballot"),
    path("cuoc-hop/<int:pk>/kiem-phieu/", views.meeting_paper_counts, name="meeting_paper_counts"),
    path("cuoc-hop/<int:pk>/dong-vong/", views.meeting_close_round, name="meeting_close_round"),
    path("cuoc-hop/<int:pk>/cong-bo/", views.meeting_publish_round, name="meeting_publish_round"),
    path("cuoc-hop/<int:pk>/chu-tich-quyet-dinh/<int:tally_pk>/", views.meeting_chair_decides, name="meeting_chair_decides"),
    path("cuoc-hop/<int:pk>/ket-thuc/", views.meeting_close, name="meeting_close"),
    path("cuoc-hop/<int:pk>/bieu-quyet/", views.meeting_vote, name="meeting_vote"),
    path("cuoc-hop/<int:pk>/huy-vong/", views.meeting_void_round, name="meeting_void_round"),
    path("cuoc-hop/<int:pk>/vong/<int:number>/giu-khoa/", views.round_trustee, name="round_trustee"),
    path("cuoc-hop/<int:pk>/vong/<int:number>/hom-phieu/", views.round_ballot_box, name="round_ballot_box"),
    path("cuoc-hop/<int:pk>/vong/<int:number>/hom-phieu.json", views.round_ballot_box_json, name="round_ballot_box_json"),
    path("cuoc-hop/<int:pk>/vong/<int:number>/kiem-lai/", views.round_recount, name="round_recount"),
    path("cuoc-hop/<int:pk>/bien-ban.pdf", views.meeting_minutes, name="meeting_minutes"),
    path("cuoc-hop/<int:pk>/lap-bien-ban/", views.meeting_minutes_generate, name="meeting_minutes_generate"),
    path("cuoc-hop/<int:pk>/ky-so-bien-ban/", views.meeting_minutes_sign, name="meeting_minutes_sign"),
    path("cuoc-hop/<int:pk>/ky-so-bien-ban-token/", views.meeting_minutes_sign_with_token, name="meeting_minutes_sign_with_token"),
]
