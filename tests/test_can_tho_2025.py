"""The Cần Thơ 2025 plan (seed 000) from dossiers to signed decision, with the demo's people and council."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from accounts.models import Organization, Person, User
from awards.models import Award
from awards.services import draft_decision, sign_decision
from awards.tasks import generate_decision_documents
from campaigns.models import Campaign
from councils.models import Council, Meeting, Tally
from councils.services import publish_round
from nominations.models import Nomination
from tests.councils.ballots import close_and_open, make_round_key, vote

CENTRE = "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"


def pdf_text(field_file):
    with field_file.open("rb") as handle:
        return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages).split())


@pytest.fixture
def can_tho(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())
    return Campaign.objects.get(number="67/KH-UBND")


def dossiers_in_review(campaign, count):
    """`count` legal aid officers of the centre proposed for the city's Bằng khen, through appraisal."""
    unit, office = User.objects.get(username="trungtam"), User.objects.get(username="sotuphap")
    centre = Organization.objects.get(name=CENTRE)
    award_form = campaign.award_forms.get(kind="bang_khen")
    nominations = []
    for number in range(count):
        person = Person.objects.create(
            full_name=f"Nguyễn Thị Trợ Giúp {number:02d}", gender="female", title="Trợ giúp viên pháp lý", organization=centre
        )
        nomination = Nomination.objects.create(
            campaign=campaign, award_form=award_form, nominee_person=person, submitting_unit=centre,
            achievement_report="Tham gia 60 vụ việc tố tụng năm 2025.",
        )
        for document in award_form.required_documents:
            nomination.attachments.create(document_type=document, file="x.pdf", original_name="x.pdf", content_type="application/pdf", size=1)
        nomination.submit(by=unit)
        nomination.appraise(by=office, checklist={"Đủ điều kiện": True})
        nomination.accept_for_review(by=office)
        nominations.append(nomination)
    return nominations


def test_can_tho_council_meets_votes_and_its_minutes_show_a_quota_cut_and_a_failed_threshold(
    can_tho, django_capture_on_commit_callbacks
):
    nominations = dossiers_in_review(can_tho, 10)
    council = Council.objects.get(name__startswith="Hội đồng phối hợp liên ngành")
    secretary = council.members.get(user__username="hoidong5")
    meeting = Meeting.objects.create(council=council, campaign=can_tho, title="Họp xét Bằng khen năm 2025", starts_at="2026-11-25T08:00+07:00", place="Sở Tư pháp")
    meeting.agenda.set(nominations)
    meeting.record_attendance(by=secretary.user, present_members=council.members.all())
    voting_round = make_round_key(meeting.open_round(by=secretary.user))  # the chair and the secretary hold the key
    # hoidong5 works at the centre: recused. The others: 8 dossiers 4 for, one 3 for, one 2 for.
    voters = [council.members.get(user__username=f"hoidong{n}") for n in range(1, 5)]
    vote(voting_round, voters, dict(zip(nominations, [4] * 8 + [3, 2], strict=True)))

    close_and_open(voting_round, by=secretary.user)
    publish_round(voting_round, by=secretary.user)
    with django_capture_on_commit_callbacks(execute=True):
        meeting.close(by=secretary.user)

    outcomes = [Tally.objects.get(nomination=nomination).outcome for nomination in nominations]
    meeting.refresh_from_db()
    minutes = pdf_text(meeting.minutes_pdf)
    # 5% of the 165 individuals taking part: 8 Bằng khen.
    assert outcomes == ["passed"] * 8 + ["over_quota", "below_threshold"]
    assert Nomination.objects.filter(status="approved").count() == 8
    assert "Đạt tỷ lệ nhưng vượt chỉ tiêu" in minutes
    assert "Không đạt tỷ lệ phiếu" in minutes
    assert "Có mặt 5/5 thành viên có quyền biểu quyết" in minutes


def test_can_tho_approved_dossiers_become_a_signed_decision_with_certificates_and_register(can_tho):
    nominations = dossiers_in_review(can_tho, 2)
    office, leader = User.objects.get(username="sotuphap"), User.objects.get(username="lanhdao")
    for nomination in nominations:
        nomination.approve(by=office)
    decision = draft_decision(nominations[0].award_form, by=office)
    decision.signing_authority = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.save()

    sign_decision(decision, by=leader)
    generate_decision_documents(decision_id=decision.pk)

    decision.refresh_from_db()
    text = pdf_text(decision.pdf)
    with decision.certificates_pdf.open("rb") as handle:
        certificates = PdfReader(io.BytesIO(handle.read())).pages
    assert f"Số: {decision.number_symbol}" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" in text
    assert "Nguyễn Thị Trợ Giúp 00" in text and "Nguyễn Ngọc Hè" in text and leader.get_full_name() not in text
    assert len(certificates) == 2
    assert list(Award.objects.values_list("person__full_name", flat=True)) == ["Nguyễn Thị Trợ Giúp 00", "Nguyễn Thị Trợ Giúp 01"]
    assert set(Nomination.objects.values_list("status", flat=True)) == {"awarded"}
