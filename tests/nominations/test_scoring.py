"""Scoring: criteria carry points, units self-score, appraisers score, and the plan's tie-break chain ranks."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from nominations.forms import AssessmentForm
from nominations.models import CriterionAssessment, Nomination, rank_by_score
from tests.factories import (
    CampaignFactory,
    CommitteeFactory,
    CriterionFactory,
    MeetingFactory,
    NominationFactory,
    OfficeFactory,
    UserFactory,
)


def scored(campaign, appraisal, self_score, **kwargs):
    nomination = NominationFactory(campaign=campaign, **kwargs)
    nomination.add_missing_assessments()
    CriterionAssessment.objects.filter(nomination=nomination).update(appraisal_score=appraisal, self_score=self_score)
    return nomination


@pytest.fixture
def campaign(db):
    campaign = CampaignFactory()
    CriterionFactory(campaign=campaign, number="1", max_points=50)
    return campaign


def test_scoring_ranks_by_appraisal_then_self_score_then_women(campaign):
    best = scored(campaign, 48, 45)
    tied_on_appraisal_higher_self = scored(campaign, 45, 47, nominee_person__gender="male")
    woman = scored(campaign, 45, 44, nominee_person__gender="female")
    man = scored(campaign, 45, 44, nominee_person__gender="male")

    ranking = [(rank, nomination) for rank, nomination, *_rest in rank_by_score([man, woman, best, tied_on_appraisal_higher_self])]

    assert ranking == [(1, best), (2, tied_on_appraisal_higher_self), (3, woman), (4, man)]


def test_scoring_tie_through_the_whole_chain_goes_to_the_council(campaign):
    first = scored(campaign, 45, 44, nominee_person__gender="male")
    second = scored(campaign, 45, 44, nominee_person__gender="male")
    below = scored(campaign, 40, 44)

    ranking = {nomination: (rank, tied) for rank, nomination, _appraisal, _self, tied in rank_by_score([below, first, second])}

    assert ranking == {first: (1, True), second: (1, True), below: (3, False)}


def test_scoring_self_score_above_the_criterions_points_is_refused(campaign):
    nomination = NominationFactory(campaign=campaign)
    nomination.add_missing_assessments()
    assessment = nomination.assessments.get()

    form = AssessmentForm({"self_score": "51"}, instance=assessment)

    assert form.has_error("self_score", code="bad_score")


def assessment_data(nomination, prefix, **values):
    """The POST of a dossier's criterion formset, one row per assessment, with `values` on every row."""
    rows = list(nomination.assessments.order_by("criterion__pk"))
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)}
    for index, assessment in enumerate(rows):
        data[f"{prefix}-{index}-id"] = assessment.pk
        data |= {f"{prefix}-{index}-{name}": value for name, value in values.items()}
    return data


def test_scoring_self_score_needs_evidence_a_file_or_a_note(campaign):
    nomination = NominationFactory(campaign=campaign)
    nomination.add_missing_assessments()
    assessment = nomination.assessments.get()
    proof = nomination.attachments.create(file="x.pdf", original_name="bien-ban.pdf", content_type="application/pdf", size=1)
    elsewhere = NominationFactory(campaign=campaign).attachments.create(
        file="y.pdf", original_name="khac.pdf", content_type="application/pdf", size=1,
    )

    bare = AssessmentForm({"self_score": "40"}, instance=assessment)
    with_note = AssessmentForm({"self_score": "40", "remarks": "Báo cáo năm 2025, trang 3"}, instance=assessment)
    with_file = AssessmentForm({"self_score": "40", "evidence": proof.pk}, instance=assessment)
    with_foreign_file = AssessmentForm({"self_score": "40", "evidence": elsewhere.pk}, instance=assessment)

    assert bare.has_error("evidence", code="no_evidence")
    assert "cần minh chứng" in bare.errors["evidence"][0]
    assert with_note.is_valid() and with_file.is_valid()
    assert with_foreign_file.has_error("evidence", code="invalid_choice")


@pytest.fixture
def submitted(campaign, unit_user):
    nomination = NominationFactory(campaign=campaign, submitting_unit=unit_user.organization, status=Nomination.Status.SUBMITTED)
    nomination.add_missing_assessments()
    nomination.assessments.update(self_score=45, remarks="Báo cáo thành tích")
    return nomination


def test_scoring_appraiser_enters_the_appraisal_score_beside_the_self_score(client_of, office_user, submitted):
    client = client_of(office_user)
    page = client.get(reverse("nominations:score", args=[submitted.pk]))

    response = client.post(reverse("nominations:score", args=[submitted.pk]), assessment_data(submitted, "score", appraisal_score="42.5"))

    assert "Báo cáo thành tích" in page.content.decode()
    assert response.status_code == 302
    assert submitted.assessments.get().appraisal_score == Decimal("42.5")
    assert submitted.history.last().note == "Chấm điểm thẩm định: tổng 42,50 điểm."


def test_scoring_appraisal_score_above_the_points_is_refused_and_kept(client_of, office_user, submitted):
    response = client_of(office_user).post(
        reverse("nominations:score", args=[submitted.pk]), assessment_data(submitted, "score", appraisal_score="55"),
    )

    assert response.status_code == 200
    assert "Điểm phải từ 0 đến 50" in response.content.decode()
    assert 'value="55"' in response.content.decode()
    assert submitted.assessments.get().appraisal_score is None


def test_scoring_a_draft_cannot_be_appraisal_scored(client_of, office_user, campaign):
    draft = NominationFactory(campaign=campaign)
    draft.add_missing_assessments()

    response = client_of(office_user).post(
        reverse("nominations:score", args=[draft.pk]), assessment_data(draft, "score", appraisal_score="10"), follow=True,
    )

    assert "Chỉ chấm điểm thẩm định được hồ sơ đã nộp hoặc đang xét." in response.content.decode()
    assert draft.assessments.get().appraisal_score is None


def test_scoring_a_unit_cannot_appraisal_score(client_of, unit_user, submitted):
    response = client_of(unit_user).get(reverse("nominations:score", args=[submitted.pk]))

    assert response.status_code == 403


def test_scoring_ranking_page_hands_the_tie_to_the_council(client_of, office_user, campaign):
    first = scored(campaign, 45, 44, nominee_person__gender="male", status=Nomination.Status.SUBMITTED)
    second = scored(campaign, 45, 44, nominee_person__gender="male", status=Nomination.Status.SUBMITTED, award_form=first.award_form)
    scored(campaign, 30, 30, status=Nomination.Status.DRAFT, award_form=first.award_form)
    meeting = MeetingFactory(campaign=campaign)
    meeting.agenda.add(first)

    response = client_of(office_user).get(reverse("nominations:ranking", args=[first.award_form_id]))

    page = response.content.decode()
    assert {nomination: (rank, tied) for rank, nomination, _a, _s, tied in response.context["page"]} == {
        first: (1, True), second: (1, True),
    }
    assert "Hội đồng Thi đua – Khen thưởng biểu quyết" in page
    assert reverse("councils:meeting", args=[meeting.pk]) in page
    assert f'{reverse("councils:meeting_create")}?campaign={campaign.pk}' in page


def test_scoring_ranking_search_ignores_diacritics(client_of, office_user, campaign):
    found = scored(campaign, 45, 44, nominee_person__full_name="Nguyễn Thị Hoa", status=Nomination.Status.SUBMITTED)
    scored(campaign, 48, 44, nominee_person__full_name="Trần Văn Nam", status=Nomination.Status.SUBMITTED, award_form=found.award_form)

    response = client_of(office_user).get(reverse("nominations:ranking", args=[found.award_form_id]), {"q": "nguyen thi"})

    assert [(rank, nomination) for rank, nomination, *_rest in response.context["page"]] == [(2, found)]


@pytest.mark.parametrize("rows", [1, 6])
def test_scoring_ranking_query_count_does_not_grow_with_rows(client_of, office_user, campaign, rows, django_assert_max_num_queries):
    award_form = scored(campaign, 40, 40, status=Nomination.Status.SUBMITTED).award_form
    for points in range(rows - 1):
        scored(campaign, points, 40, status=Nomination.Status.SUBMITTED, award_form=award_form)
    client = client_of(office_user)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("nominations:ranking", args=[award_form.pk]))

    assert len(response.context["page"]) == rows


def test_scoring_ranking_of_another_body_is_forbidden(client_of, campaign):
    award_form = scored(campaign, 40, 40, status=Nomination.Status.SUBMITTED).award_form
    an_giang = CommitteeFactory(name="Ủy ban nhân dân tỉnh An Giang", province="An Giang")
    stranger = UserFactory(role=User.Role.STAFF, organization=OfficeFactory(name="Sở Tư pháp tỉnh An Giang", parent=an_giang, province="An Giang"))

    response = client_of(stranger).get(reverse("nominations:ranking", args=[award_form.pk]))

    assert response.status_code == 403
