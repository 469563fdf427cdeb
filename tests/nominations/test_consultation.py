"""Public consultation (lấy ý kiến nhân dân): the approved list on a public page for N working days, then signing."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from awards.services import draft_decision, sign_decision
from nominations.models import Consultation, NominationError
from tests.factories import AwardFormFactory, approved_nomination

HANOI = datetime.timezone(datetime.timedelta(hours=7))
# Friday 28/08/2026: Mon 31/08 (a day off), 01/09 and 02/09 (National Day) fall inside the window.
PUBLISHED = datetime.datetime(2026, 8, 28, 9, 0, tzinfo=HANOI)


def on(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), tzinfo=HANOI), tick=False)


@pytest.fixture
def award_form(db):
    form = AwardFormFactory(
        consultation_working_days=7, campaign__nomination_deadline=datetime.date(2099, 1, 1),
        campaign__award_deadline=datetime.date(2099, 1, 1),
    )
    approved_nomination(campaign=form.campaign, award_form=form, nominee_person__full_name="Nguyễn Thị Ngọc Hà")
    return form


@pytest.fixture
def consultation(award_form, office_user):
    with on(PUBLISHED.date()):
        return Consultation.publish(award_form, by=office_user)


def test_consultation_window_of_7_working_days_skips_the_national_day_holiday(consultation):
    assert (consultation.opens_on, consultation.closes_on) == (datetime.date(2026, 8, 28), datetime.date(2026, 9, 11))


def test_consultation_public_page_lists_the_approved_dossiers_without_signing_in(client, consultation):
    with on(datetime.date(2026, 9, 3)):
        page = client.get(reverse("nominations:consultation", args=[consultation.pk])).content.decode()

    assert "Nguyễn Thị Ngọc Hà" in page
    assert "nhận ý kiến đến hết ngày 11/09/2026" in page


def test_consultation_comment_with_name_and_contact_is_received_on_the_last_day(client, consultation):
    data = {"name": "Lê Văn Tư", "contact": "0912 345 678", "text": "Đề nghị làm rõ số vụ việc năm 2025."}

    with on(datetime.date(2026, 9, 11)):
        client.post(reverse("nominations:consultation", args=[consultation.pk]), data)

    assert list(consultation.comments.values_list("name", "contact")) == [("Lê Văn Tư", "0912 345 678")]


def test_consultation_comment_without_contact_is_refused(client, consultation):
    with on(datetime.date(2026, 9, 3)):
        response = client.post(reverse("nominations:consultation", args=[consultation.pk]), {"name": "Lê Văn Tư", "text": "Ý kiến"})

    assert response.context["form"].has_error("contact", code="required")
    assert not consultation.comments.exists()


def test_consultation_comment_after_the_window_is_refused(consultation):
    with on(datetime.date(2026, 9, 14)), pytest.raises(NominationError) as error:
        consultation.receive(name="Lê Văn Tư", contact="0912 345 678", text="Ý kiến muộn")

    assert error.value.code == "consultation_closed"


def test_consultation_contact_is_shown_to_the_office_not_the_public(client, client_of, consultation, office_user):
    consultation.comments.create(name="Lê Văn Tư", contact="0912 345 678", text="Ý kiến")
    url = reverse("nominations:consultation", args=[consultation.pk])

    public = client.get(url).content.decode()
    office = client_of(office_user).get(url).content.decode()

    assert "0912 345 678" not in public
    assert "0912 345 678" in office


def test_consultation_office_answers_a_comment(client_of, consultation, office_user):
    comment = consultation.comments.create(name="Lê Văn Tư", contact="0912 345 678", text="Ý kiến")

    client_of(office_user).post(reverse("nominations:consultation_answer", args=[comment.pk]), {"answer": "Đã xác minh: số liệu đúng."})

    comment.refresh_from_db()
    assert (comment.answer, comment.answered_by) == ("Đã xác minh: số liệu đúng.", office_user)


def test_consultation_answer_by_a_unit_is_forbidden(client_of, consultation, unit_user):
    comment = consultation.comments.create(name="Lê Văn Tư", contact="0912 345 678", text="Ý kiến")

    response = client_of(unit_user).post(reverse("nominations:consultation_answer", args=[comment.pk]), {"answer": "x"})

    assert response.status_code == 403


def test_consultation_publishing_by_a_unit_is_forbidden(client_of, award_form, unit_user):
    response = client_of(unit_user).post(reverse("nominations:consultation_publish", args=[award_form.pk]))

    assert response.status_code == 403
    assert not Consultation.objects.exists()


def test_consultation_for_a_form_that_does_not_need_it_is_refused(office_user, db):
    form = AwardFormFactory(consultation_working_days=0)

    with pytest.raises(NominationError) as error:
        Consultation.publish(form, by=office_user)

    assert error.value.code == "no_consultation"


def test_decision_cannot_be_signed_before_the_consultation_closes(consultation, award_form, office_user, leader):
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.save()

    with on(datetime.date(2026, 9, 11)), pytest.raises(NominationError) as error:
        sign_decision(decision, by=leader)

    assert error.value.code == "consultation_not_over"
    assert error.value.message == "Chưa hết thời gian lấy ý kiến nhân dân (đến hết ngày 11/09/2026)."


def test_decision_is_signed_once_the_consultation_has_closed(consultation, award_form, office_user, leader):
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.save()

    with on(datetime.date(2026, 9, 14)):
        sign_decision(decision, by=leader)

    assert decision.is_signed


def test_decision_of_a_form_needing_consultation_without_one_is_refused(award_form, office_user, leader):
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.save()

    with pytest.raises(NominationError) as error:
        sign_decision(decision, by=leader)

    assert error.value.message == "Danh sách chưa được công khai lấy ý kiến nhân dân đủ 7 ngày làm việc."


def test_consultation_on_an_award_form_outside_any_plan_is_refused_with_a_message(client_of, office_user):
    planless = AwardFormFactory(campaign=None, granting_organization=office_user.organization, consultation_working_days=7)

    response = client_of(office_user).post(reverse("nominations:consultation_publish", args=[planless.pk]), follow=True)

    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]] == ["Chưa có hồ sơ nào được phê duyệt để công khai."]
