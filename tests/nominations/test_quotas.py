"""Quota rules of every shape: who × what × how many × over what, each refusing the over-quota case and accepting the boundary."""

import datetime

import pytest

from campaigns.models import AwardTitle, Participation, QuotaRule, UnitGroup
from nominations.models import Nomination, NominationError, QuotaCounter

from ..factories import (
    AwardFormFactory,
    CampaignFactory,
    CampaignPeriodFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
    QuotaRuleFactory,
)

Status = Nomination.Status
OPEN = {"nomination_deadline": datetime.date(2099, 12, 31), "award_deadline": datetime.date(2099, 12, 31)}


@pytest.fixture
def award_form(db):
    return AwardFormFactory(campaign=CampaignFactory(**OPEN))


def dossier(award_form, unit, *, collective=False, **kwargs):
    """A draft of `unit` for one of its people, or for the unit itself as a collective."""
    if collective:
        kwargs |= {"nominee_person": None, "nominee_organization": kwargs.get("nominee_organization", unit)}
    return NominationFactory(campaign=award_form.campaign, award_form=award_form, submitting_unit=unit, **kwargs)


def submitted(award_form, unit, **kwargs):
    nomination = dossier(award_form, unit, **kwargs)
    nomination.submit(by=None)
    return nomination


def approved(award_form, unit, **kwargs):
    nomination = in_review(award_form, unit, **kwargs)
    nomination.approve(by=None)
    return nomination


def in_review(award_form, unit, **kwargs):
    nomination = submitted(award_form, unit, **kwargs)
    nomination.appraise(by=None, checklist={"Đủ điều kiện": True})
    nomination.accept_for_review(by=None)
    return nomination


def group_of(campaign, name, *units):
    group = UnitGroup.objects.create(campaign=campaign, name=name)
    group.organizations.set(units)
    return group


def refusal(act):
    with pytest.raises(NominationError) as error:
        act()
    return error.value.code


# Who: each unit.

def test_quota_each_unit_one_collective_and_three_individuals_accepts_the_third_refuses_the_fourth(award_form):
    unit = OrganizationFactory()
    QuotaRuleFactory(award_form=award_form, per="unit", counts="collectives", amount=1)
    QuotaRuleFactory(award_form=award_form, per="unit", counts="individuals", amount=3)
    submitted(award_form, unit, collective=True)
    for _ in range(2):
        submitted(award_form, unit)

    third = submitted(award_form, unit)

    assert third.status == Status.SUBMITTED
    assert refusal(lambda: dossier(award_form, unit).submit(by=None)) == "over_unit_quota"
    assert refusal(lambda: dossier(award_form, unit, collective=True, nominee_organization=OrganizationFactory(parent=unit)).submit(by=None)) == "over_unit_quota"


def test_quota_each_unit_does_not_count_another_units_dossiers(award_form):
    QuotaRuleFactory(award_form=award_form, per="unit", counts="individuals", amount=1)
    submitted(award_form, OrganizationFactory())

    other = submitted(award_form, OrganizationFactory())

    assert other.status == Status.SUBMITTED


# Who: a named group of units, each unit with the group's own cap (the group loophole).

def test_quota_of_a_units_group_holds_even_when_another_group_allows_more(award_form):
    capped, generous = OrganizationFactory(), OrganizationFactory()
    QuotaRuleFactory(award_form=award_form, group=group_of(award_form.campaign, "Các sở", capped), amount=3)
    QuotaRuleFactory(award_form=award_form, group=group_of(award_form.campaign, "Các xã", generous), amount=5)
    for _ in range(3):
        submitted(award_form, capped)

    assert refusal(lambda: dossier(award_form, capped).submit(by=None)) == "over_unit_quota"
    assert [submitted(award_form, generous).status for _ in range(5)] == [Status.SUBMITTED] * 5
    assert refusal(lambda: dossier(award_form, generous).submit(by=None)) == "over_unit_quota"


def test_quota_of_a_group_together_is_cut_at_approval(award_form):
    first, second, outside = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    group = group_of(award_form.campaign, "Khối nội chính", first, second)
    QuotaRuleFactory(award_form=award_form, group=group, per="all", amount=1)
    approved(award_form, first)
    late = in_review(award_form, second)

    assert refusal(lambda: late.approve(by=None)) == "over_quota"
    assert approved(award_form, outside).status == Status.APPROVED


# Who: all units together.

def test_quota_of_all_units_together_accepts_the_boundary_and_refuses_beyond(award_form):
    QuotaRuleFactory(award_form=award_form, per="all", amount=2)
    approved(award_form, OrganizationFactory())

    boundary = approved(award_form, OrganizationFactory())
    beyond = in_review(award_form, OrganizationFactory())

    assert boundary.status == Status.APPROVED
    assert refusal(lambda: beyond.approve(by=None)) == "over_quota"
    assert Nomination.objects.get(pk=beyond.pk).status == Status.IN_REVIEW


# Who: each sub-body ("01 cá nhân mỗi ban").

def test_quota_each_sub_body_counts_the_nominees_own_body(award_form):
    unit = OrganizationFactory()
    first_board, second_board = OrganizationFactory(parent=unit), OrganizationFactory(parent=unit)
    QuotaRuleFactory(award_form=award_form, per="sub_body", amount=1)
    submitted(award_form, unit, nominee_person=PersonFactory(organization=first_board))

    other_board = submitted(award_form, unit, nominee_person=PersonFactory(organization=second_board))

    assert other_board.status == Status.SUBMITTED
    same_board = dossier(award_form, unit, nominee_person=PersonFactory(organization=first_board))
    assert refusal(lambda: same_board.submit(by=None)) == "over_unit_quota"


# What: collectives or individuals counted together.

def test_quota_either_kind_counts_collectives_and_individuals_together(award_form):
    unit = OrganizationFactory()
    QuotaRuleFactory(award_form=award_form, per="unit", counts="either", amount=2)
    submitted(award_form, unit, collective=True)

    second = submitted(award_form, unit)

    assert second.status == Status.SUBMITTED
    assert refusal(lambda: dossier(award_form, unit).submit(by=None)) == "over_unit_quota"


def test_quota_of_collectives_leaves_individuals_free(award_form):
    unit = OrganizationFactory()
    QuotaRuleFactory(award_form=award_form, per="unit", counts="collectives", amount=0)

    assert submitted(award_form, unit).status == Status.SUBMITTED
    assert refusal(lambda: dossier(award_form, unit, collective=True).submit(by=None)) == "over_unit_quota"


# Over: the plan (the period loophole), a period, a calendar year across plans of one title.

def test_quota_over_the_plan_counts_every_period(award_form):
    unit = OrganizationFactory()
    yearly, summary = CampaignPeriodFactory(campaign=award_form.campaign), CampaignPeriodFactory(campaign=award_form.campaign, name="Tổng kết")
    QuotaRuleFactory(award_form=award_form, per="unit", amount=1, over="plan")
    submitted(award_form, unit, period=yearly)

    assert refusal(lambda: dossier(award_form, unit, period=summary).submit(by=None)) == "over_unit_quota"


def test_quota_over_a_period_starts_again_in_the_next_period(award_form):
    unit = OrganizationFactory()
    first, second = CampaignPeriodFactory(campaign=award_form.campaign), CampaignPeriodFactory(campaign=award_form.campaign)
    QuotaRuleFactory(award_form=award_form, per="unit", amount=1, over="period")
    submitted(award_form, unit, period=first)

    assert submitted(award_form, unit, period=second).status == Status.SUBMITTED
    assert refusal(lambda: dossier(award_form, unit, period=first).submit(by=None)) == "over_unit_quota"


def test_quota_over_a_year_counts_the_same_title_in_another_plan(db):
    title = AwardTitle.objects.create(name="Bằng khen của Chủ tịch UBND thành phố")
    earlier = AwardFormFactory(campaign=CampaignFactory(**OPEN), award_title=title)
    later = AwardFormFactory(campaign=CampaignFactory(**OPEN), award_title=title)
    next_year = AwardFormFactory(campaign=CampaignFactory(**OPEN, ends_on=datetime.date(2026, 6, 30)), award_title=title)
    for form in (earlier, later, next_year):
        QuotaRuleFactory(award_form=form, per="all", amount=1, over="year")
    approved(earlier, OrganizationFactory())

    same_year = in_review(later, OrganizationFactory())

    assert refusal(lambda: same_year.approve(by=None)) == "over_quota"
    assert approved(next_year, OrganizationFactory()).status == Status.APPROVED


def test_quota_over_a_year_needs_a_shared_title(award_form):
    rule = QuotaRule(campaign=award_form.campaign, award_form=award_form, per="all", amount=1, over="year")

    with pytest.raises(Exception) as error:
        rule.full_clean()

    assert error.value.error_dict["over"][0].code == "year_needs_title"


# How many: a share of the declared participants, rounded as the rule says.

@pytest.mark.parametrize(("rounding", "places"), [("down", 1), ("up", 2), ("nearest", 2)])
def test_quota_share_of_declared_participants_is_rounded_as_the_rule_says(award_form, rounding, places):
    unit = OrganizationFactory()
    rule = QuotaRuleFactory(award_form=award_form, per="unit", amount=5, is_share=True, rounding=rounding)
    Participation.objects.create(campaign=award_form.campaign, organization=unit, individual_count=30)

    assert QuotaCounter(award_form).limit(rule, dossier(award_form, unit)) == places


def test_quota_share_of_all_participants_refuses_the_place_beyond_it(award_form):
    QuotaRuleFactory(award_form=award_form, per="all", counts="collectives", amount=10, is_share=True)
    for count in (9, 10):
        Participation.objects.create(campaign=award_form.campaign, organization=OrganizationFactory(), collective_count=count)
    approved(award_form, OrganizationFactory(), collective=True)

    beyond = in_review(award_form, OrganizationFactory(), collective=True)

    assert refusal(lambda: beyond.approve(by=None)) == "over_quota"


def test_quota_share_reads_the_participation_declared_for_the_dossiers_period(award_form):
    unit = OrganizationFactory()
    period = CampaignPeriodFactory(campaign=award_form.campaign)
    rule = QuotaRuleFactory(award_form=award_form, per="unit", amount=10, is_share=True)
    Participation.objects.create(campaign=award_form.campaign, organization=unit, individual_count=10)
    Participation.objects.create(campaign=award_form.campaign, period=period, organization=unit, individual_count=40)

    assert QuotaCounter(award_form).limit(rule, dossier(award_form, unit, period=period)) == 4
    assert QuotaCounter(award_form).limit(rule, dossier(award_form, unit)) == 1


def test_quota_share_without_declared_participants_is_refused_with_a_clear_message(award_form):
    unit = OrganizationFactory()
    QuotaRuleFactory(award_form=award_form, per="unit", amount=5, is_share=True)

    with pytest.raises(NominationError) as error:
        dossier(award_form, unit).submit(by=None)

    assert error.value.code == "no_participation"
    assert "hãy khai báo số tham gia" in error.value.message


# Warned on the draft.

def test_quota_overrun_is_warned_on_the_draft(award_form):
    unit = OrganizationFactory()
    QuotaRuleFactory(award_form=award_form, per="unit", amount=1)
    submitted(award_form, unit)

    warnings = dossier(award_form, unit).quota_warnings()

    assert warnings == ["Vượt chỉ tiêu “Mỗi đơn vị: không quá 1 cá nhân, cả kế hoạch”: đã có 1/1."]
