import datetime

import pytest
from django.utils import timezone

from accounts.models import Organization
from campaigns.models import AwardForm, Campaign, Extension
from nominations.models import Nomination, NominationError
from tests.factories import (
    AwardFormFactory,
    NominationFactory,
    OrganizationFactory,
)

Status = Nomination.Status


def attach_required(nomination):
    for document in nomination.award_form.required_documents:
        nomination.attachments.create(
            document_type=document, file="nominations/x.pdf", original_name="x.pdf", content_type="application/pdf", size=10
        )


def submitted(**kwargs):
    nomination = NominationFactory(**kwargs)
    nomination.submit(by=None)
    return nomination


def in_review(**kwargs):
    nomination = submitted(**kwargs)
    nomination.appraise(by=None, checklist={"Đủ điều kiện": True})
    nomination.accept_for_review(by=None)
    return nomination


@pytest.mark.django_db
def test_nomination_submit_moves_a_draft_to_submitted_with_history(unit_user):
    nomination = NominationFactory(submitting_unit=unit_user.organization)

    nomination.submit(by=unit_user)

    nomination.refresh_from_db()
    entry = nomination.history.get()
    assert nomination.status == Status.SUBMITTED
    assert nomination.submitted_at is not None
    assert (entry.from_status, entry.to_status, entry.actor) == ("draft", "submitted", unit_user)


@pytest.mark.django_db
def test_nomination_submit_after_deadline_is_refused():
    nomination = NominationFactory(campaign__nomination_deadline=timezone.localdate() - datetime.timedelta(days=1))

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "past_deadline"
    assert Nomination.objects.get().status == Status.DRAFT


@pytest.mark.django_db
def test_nomination_submit_on_the_deadline_day_is_accepted():
    nomination = NominationFactory(campaign__nomination_deadline=timezone.localdate())

    nomination.submit(by=None)

    assert nomination.status == Status.SUBMITTED


@pytest.mark.django_db
def test_nomination_submit_after_deadline_with_an_extension_for_the_unit_is_accepted():
    nomination = NominationFactory(campaign__nomination_deadline=timezone.localdate() - datetime.timedelta(days=3))
    Extension.objects.create(
        campaign=nomination.campaign, organization=nomination.submitting_unit,
        deadline=timezone.localdate() + datetime.timedelta(days=2),
    )

    nomination.submit(by=None)

    assert nomination.status == Status.SUBMITTED


@pytest.mark.django_db
def test_nomination_extension_of_another_unit_does_not_open_the_window():
    nomination = NominationFactory(campaign__nomination_deadline=timezone.localdate() - datetime.timedelta(days=3))
    Extension.objects.create(
        campaign=nomination.campaign, organization=OrganizationFactory(),
        deadline=timezone.localdate() + datetime.timedelta(days=2),
    )

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "past_deadline"


@pytest.mark.django_db
def test_nomination_in_a_campaign_not_launched_is_refused():
    nomination = NominationFactory(campaign__status=Campaign.Status.CLOSED)

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "not_accepting"


@pytest.mark.django_db
def test_nomination_of_an_ineligible_title_is_refused():
    nomination = NominationFactory(nominee_person__title="Chuyên viên", nominee_person__position="Chuyên viên")
    nomination.campaign.subjects.filter(kind="individual").update(position_titles=["Trợ giúp viên pháp lý", "Thẩm phán"])

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "not_eligible"
    assert error.value.message.endswith("Chức danh được tham gia: Thẩm phán; Trợ giúp viên pháp lý.")


@pytest.mark.django_db
def test_nomination_title_match_ignores_case_and_diacritics_spelling():
    nomination = NominationFactory(nominee_person__title="trợ giúp viên pháp lý")
    nomination.campaign.subjects.filter(kind="individual").update(position_titles=["Trợ giúp viên pháp lý"])

    nomination.submit(by=None)

    assert nomination.status == Status.SUBMITTED


@pytest.mark.django_db
def test_nomination_of_a_collective_of_an_ineligible_kind_is_refused():
    unit = OrganizationFactory(kind=Organization.Kind.ASSOCIATION)
    nomination = NominationFactory(submitting_unit=unit, nominee_person=None, nominee_organization=unit)
    nomination.campaign.subjects.filter(kind="collective").update(organization_kinds=["legal_aid_centre", "court"])

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "not_eligible"


@pytest.mark.django_db
def test_nomination_when_the_campaign_has_no_subject_of_that_kind_is_refused():
    nomination = NominationFactory()
    nomination.campaign.subjects.filter(kind="individual").delete()

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "not_eligible"


@pytest.mark.django_db
def test_nomination_of_a_person_for_a_collectives_only_form_is_refused():
    nomination = NominationFactory(award_form__recipients=AwardForm.Recipients.COLLECTIVES)

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "form_not_for_kind"


@pytest.mark.django_db
def test_nomination_of_the_same_person_twice_for_the_same_form_is_refused():
    first = submitted()
    second = NominationFactory(
        campaign=first.campaign, award_form=first.award_form, submitting_unit=first.submitting_unit,
        nominee_person=first.nominee_person,
    )

    with pytest.raises(NominationError) as error:
        second.submit(by=None)

    assert error.value.code == "duplicate"


@pytest.mark.django_db
def test_nomination_after_a_withdrawn_one_for_the_same_person_is_accepted():
    first = NominationFactory()
    first.withdraw(by=None)
    second = NominationFactory(
        campaign=first.campaign, award_form=first.award_form, submitting_unit=first.submitting_unit,
        nominee_person=first.nominee_person,
    )

    second.submit(by=None)

    assert second.status == Status.SUBMITTED


@pytest.mark.django_db
def test_nomination_missing_a_required_document_cannot_be_submitted():
    nomination = NominationFactory(award_form__required_documents=["Tờ trình", "Báo cáo thành tích"])
    nomination.attachments.create(
        document_type="Tờ trình", file="x.pdf", original_name="x.pdf", content_type="application/pdf", size=1
    )

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "missing_documents"
    assert "Báo cáo thành tích" in error.value.message


@pytest.mark.django_db
def test_nomination_without_achievement_report_cannot_be_submitted():
    nomination = NominationFactory(achievement_report="  ")

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "no_report"


@pytest.mark.django_db
def test_nomination_return_needs_reasons_and_records_them(office_user):
    nomination = submitted()

    with pytest.raises(NominationError) as error:
        nomination.return_for_revision(by=office_user, reasons=" ")
    nomination.return_for_revision(by=office_user, reasons="Thiếu biên bản họp xét của đơn vị")

    assert error.value.code == "no_reasons"
    assert nomination.status == Status.RETURNED
    assert nomination.return_reasons == "Thiếu biên bản họp xét của đơn vị"


@pytest.mark.django_db
def test_nomination_returned_can_be_resubmitted():
    nomination = submitted()
    nomination.return_for_revision(by=None, reasons="Bổ sung số liệu")

    nomination.submit(by=None)

    assert list(nomination.history.values_list("to_status", flat=True)) == ["submitted", "returned", "submitted"]


@pytest.mark.django_db
def test_nomination_accept_without_complete_appraisal_is_refused():
    nomination = submitted()
    nomination.appraise(by=None, checklist={"Có tờ trình": True, "Có biên bản": False})

    with pytest.raises(NominationError) as error:
        nomination.accept_for_review(by=None)

    assert error.value.code == "not_appraised"


@pytest.mark.django_db
def test_nomination_appraisal_of_a_draft_is_refused():
    nomination = NominationFactory()

    with pytest.raises(NominationError) as error:
        nomination.appraise(by=None, checklist={"Có tờ trình": True})

    assert error.value.code == "not_appraisable"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "act,code",
    [
        (lambda n: n.submit(by=None), "not_submittable"),
        (lambda n: n.withdraw(by=None), "not_withdrawable"),
        (lambda n: n.return_for_revision(by=None, reasons="x"), "not_returnable"),
        (lambda n: n.accept_for_review(by=None), "not_acceptable"),
        (lambda n: n.mark_awarded(by=None), "not_approved"),
    ],
)
def test_nomination_in_review_refuses_transitions_of_other_states(act, code):
    nomination = in_review()

    with pytest.raises(NominationError) as error:
        act(nomination)

    assert error.value.code == code
    assert Nomination.objects.get(pk=nomination.pk).status == Status.IN_REVIEW


@pytest.mark.django_db
@pytest.mark.parametrize("act", [lambda n: n.approve(by=None), lambda n: n.reject(by=None)])
def test_nomination_approve_or_reject_of_a_draft_is_refused(act):
    nomination = NominationFactory()

    with pytest.raises(NominationError) as error:
        act(nomination)

    assert error.value.code == "not_in_review"


@pytest.mark.django_db
def test_nomination_withdrawn_cannot_be_submitted():
    nomination = NominationFactory()
    nomination.withdraw(by=None)

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "not_submittable"


@pytest.mark.django_db
def test_nomination_transition_loses_cleanly_to_a_concurrent_change():
    nomination = NominationFactory()
    Nomination.objects.filter(pk=nomination.pk).update(status=Status.WITHDRAWN)

    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)

    assert error.value.code == "stale"


@pytest.mark.django_db
def test_nomination_full_flow_ends_awarded():
    nomination = in_review()

    nomination.approve(by=None)
    nomination.mark_awarded(by=None)

    assert Nomination.objects.get(pk=nomination.pk).status == Status.AWARDED


@pytest.mark.django_db
def test_nomination_awarded_before_in_an_earlier_period_is_flagged():
    earlier = in_review()
    earlier.approve(by=None)
    earlier.mark_awarded(by=None)
    later = NominationFactory(
        campaign=earlier.campaign, award_form=earlier.award_form, nominee_person=earlier.nominee_person,
        submitting_unit=earlier.submitting_unit,
    )

    assert later.was_awarded_before()
    assert not NominationFactory(campaign=earlier.campaign, award_form=earlier.award_form).was_awarded_before()


@pytest.mark.django_db
def test_nomination_forward_creates_a_linked_dossier_in_the_higher_campaign(office_user):
    ministry_form = AwardFormFactory(name="Bằng khen của Bộ trưởng Bộ Tư pháp", kind="bang_khen")
    nomination = in_review(campaign__implements=ministry_form.campaign)
    attach_required(nomination)
    nomination.attachments.create(document_type="", file="x.pdf", original_name="minh-chung.pdf", content_type="application/pdf", size=5)
    nomination.approve(by=office_user)

    forwarded = nomination.forward(by=office_user, award_form=ministry_form)

    assert forwarded.campaign == ministry_form.campaign
    assert forwarded.forwarded_from == nomination
    assert forwarded.status == Status.SUBMITTED
    assert forwarded.nominee_person == nomination.nominee_person
    assert list(forwarded.attachments.values_list("original_name", flat=True)) == ["minh-chung.pdf"]
    assert list(nomination.history.values_list("to_status", flat=True)) == ["submitted", "in_review", "approved"]
    assert "Chuyển tiếp từ hồ sơ" in forwarded.history.get().note


@pytest.mark.django_db
def test_nomination_forward_to_a_campaign_it_does_not_implement_is_refused():
    nomination = in_review()
    nomination.approve(by=None)

    with pytest.raises(NominationError) as error:
        nomination.forward(by=None, award_form=AwardFormFactory())

    assert error.value.code == "not_higher_campaign"


@pytest.mark.django_db
def test_nomination_forward_of_a_dossier_not_approved_is_refused():
    ministry_form = AwardFormFactory()
    nomination = in_review(campaign__implements=ministry_form.campaign)

    with pytest.raises(NominationError) as error:
        nomination.forward(by=None, award_form=ministry_form)

    assert error.value.code == "not_forwardable"


@pytest.mark.django_db
def test_nomination_statutory_times_count_working_days_from_submission():
    nomination = submitted()
    # Submitted Monday 16/11/2026: 5 working days → Monday 23/11; 20 → Tuesday 15/12,
    # since 24/11 (Ngày Văn hóa Việt Nam) is a day off from 2026.
    nomination.submitted_at = timezone.make_aware(datetime.datetime(2026, 11, 16, 9, 0))

    assert nomination.processing_deadlines == (datetime.date(2026, 11, 23), datetime.date(2026, 12, 15))


@pytest.mark.django_db
def test_nomination_record_edit_keeps_before_and_after():
    nomination = NominationFactory()

    nomination.record_edit(by=None, changes={"Báo cáo thành tích": ["cũ", "mới"]})

    assert nomination.history.get().changes == {"Báo cáo thành tích": ["cũ", "mới"]}


@pytest.mark.django_db
def test_nomination_visible_to_a_unit_is_only_its_own(unit_user, other_unit_user, office_user):
    own = NominationFactory(submitting_unit=unit_user.organization)
    NominationFactory(submitting_unit=other_unit_user.organization)

    assert list(Nomination.objects.visible_to(unit_user)) == [own]
    assert Nomination.objects.visible_to(office_user).count() == 2


@pytest.mark.django_db
def test_nomination_statutory_times_are_settings(settings):
    settings.RETURN_INCOMPLETE_WORKING_DAYS = 2
    nomination = submitted()
    nomination.submitted_at = timezone.make_aware(datetime.datetime(2026, 11, 16, 9, 0))

    assert nomination.processing_deadlines[0] == datetime.date(2026, 11, 18)


@pytest.mark.django_db
def test_nomination_document_marked_if_any_is_not_required():
    nomination = NominationFactory(award_form__required_documents=["Báo cáo thành tích", "Bản sao quyết định khen thưởng (nếu có)"])
    nomination.attachments.create(document_type="Báo cáo thành tích", file="x.pdf", original_name="x.pdf", content_type="application/pdf", size=1)

    nomination.submit(by=None)

    assert nomination.status == Status.SUBMITTED
