"""Scoring: criteria carry points, units self-score, appraisers score, and the plan's tie-break chain ranks."""

import pytest

from nominations.forms import AssessmentForm
from nominations.models import CriterionAssessment, rank_by_score
from tests.factories import CampaignFactory, CriterionFactory, NominationFactory


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
