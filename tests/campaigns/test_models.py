import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Campaign, CampaignError, UnitGroup, validate_number_symbol
from tests.factories import AwardFormFactory, CampaignFactory, CriterionFactory, QuotaRuleFactory


@pytest.mark.parametrize(
    "number",
    ["67/KH-UBND", "157/QĐ-BTP", "08/KH-UBND", "78/KH-STP", "234/KH-HĐPH", "71/2025/QĐ-UBND", "11/2023/TT-BTP", "05/CT-TTg"],
)
def test_campaign_number_symbol_accepts_the_usual_forms(number):
    validate_number_symbol(number)


@pytest.mark.parametrize("number", ["67 /KH-UBND", "KH-UBND", "67/KH", "67-KH-UBND", "67/kh-ubnd", "71/25/QĐ-UBND", ""])
def test_campaign_number_symbol_refuses_other_forms(number):
    with pytest.raises(ValidationError) as error:
        validate_number_symbol(number)

    assert error.value.code == "bad_number_symbol"


@pytest.mark.django_db
def test_campaign_ending_before_it_starts_is_refused():
    campaign = CampaignFactory.build(starts_on=datetime.date(2025, 5, 1), ends_on=datetime.date(2025, 4, 30))

    with pytest.raises(ValidationError) as error:
        campaign.clean()

    assert error.value.error_dict["ends_on"][0].code == "ends_before_start"


@pytest.mark.django_db
def test_campaign_award_deadline_before_nomination_deadline_is_refused():
    campaign = CampaignFactory.build(
        nomination_deadline=datetime.date(2025, 11, 30), award_deadline=datetime.date(2025, 11, 1)
    )

    with pytest.raises(ValidationError) as error:
        campaign.clean()

    assert error.value.error_dict["award_deadline"][0].code == "award_before_nomination"


@pytest.mark.django_db
def test_quota_rule_negative_amount_is_refused():
    rule = QuotaRuleFactory.build(award_form=AwardFormFactory(), amount=-1)

    with pytest.raises(ValidationError) as error:
        rule.clean()

    assert error.value.error_dict["amount"][0].code == "negative_quota"


@pytest.mark.django_db
def test_quota_rule_share_over_100_percent_is_refused():
    rule = QuotaRuleFactory.build(award_form=AwardFormFactory(), amount=120, is_share=True)

    with pytest.raises(ValidationError) as error:
        rule.clean()

    assert error.value.error_dict["amount"][0].code == "share_over_100"


@pytest.mark.django_db
def test_quota_rule_reads_as_the_plan_writes_it():
    award_form = AwardFormFactory()
    group = UnitGroup.objects.create(campaign=award_form.campaign, name="Các xã")

    rule = QuotaRuleFactory(award_form=award_form, group=group, per="unit", counts="either", amount=2)

    assert rule.label == "Mỗi đơn vị – nhóm “Các xã”: không quá 2 trường hợp (tập thể hoặc cá nhân), cả kế hoạch"


@pytest.mark.django_db
def test_award_form_threshold_label_reads_more_than_half():
    award_form = AwardFormFactory(vote_threshold_percent=50, vote_threshold_exclusive=True)

    assert str(award_form.threshold_label) == "trên 50%"


@pytest.mark.django_db
def test_campaign_launch_records_history(office_user):
    campaign = AwardFormFactory(campaign__status=Campaign.Status.DRAFT).campaign

    campaign.launch(by=office_user)

    campaign.refresh_from_db()
    entry = campaign.history.get()
    assert campaign.status == Campaign.Status.LAUNCHED
    assert (entry.from_status, entry.to_status, entry.actor) == ("draft", "launched", office_user)


@pytest.mark.django_db
def test_campaign_launch_without_award_form_is_refused(office_user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)

    with pytest.raises(CampaignError) as error:
        campaign.launch(by=office_user)

    assert error.value.code == "no_award_form"
    assert not campaign.history.exists()


@pytest.mark.django_db
def test_campaign_launched_twice_is_refused(office_user):
    campaign = AwardFormFactory(campaign__status=Campaign.Status.LAUNCHED).campaign

    with pytest.raises(CampaignError) as error:
        campaign.launch(by=office_user)

    assert error.value.code == "not_draft"


@pytest.mark.django_db
def test_campaign_launch_loses_cleanly_to_a_concurrent_change(office_user):
    campaign = AwardFormFactory(campaign__status=Campaign.Status.DRAFT).campaign
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.LAUNCHED)

    with pytest.raises(CampaignError) as error:
        campaign.launch(by=office_user)

    assert error.value.code == "stale"


@pytest.mark.django_db
def test_campaign_closed_for_nominations_then_reopened_then_concluded_is_in_the_history(office_user):
    campaign = CampaignFactory(status=Campaign.Status.LAUNCHED)

    campaign.close_nominations(by=office_user)
    campaign.reopen_nominations(by=office_user)
    campaign.conclude(by=office_user)

    assert list(campaign.history.order_by("pk").values_list("from_status", "to_status", "actor")) == [
        ("launched", "closed", office_user.pk), ("closed", "launched", office_user.pk),
        ("launched", "concluded", office_user.pk),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Campaign.Status.DRAFT, Campaign.Status.CONCLUDED])
def test_campaign_concluded_from_draft_or_twice_is_refused(office_user, status):
    campaign = CampaignFactory(status=status)

    with pytest.raises(CampaignError) as error:
        campaign.conclude(by=office_user)

    assert error.value.code == "not_launched"
    assert not campaign.history.exists()


@pytest.mark.django_db
def test_campaign_move_off_the_transition_table_is_refused_by_the_flow_itself(office_user):
    campaign = CampaignFactory(status=Campaign.Status.CONCLUDED)

    with pytest.raises(CampaignError) as error:
        campaign._move_to(Campaign.Status.LAUNCHED, by=office_user)

    campaign.refresh_from_db()
    assert error.value.code == "not_allowed"
    assert error.value.message == "Không thể chuyển từ “Đã kết thúc” sang “Đã phát động”."
    assert campaign.status == Campaign.Status.CONCLUDED


@pytest.mark.django_db
def test_criteria_sort_by_their_numbers_as_integers():
    campaign = CampaignFactory()
    for number in ["1.10", "2", "1.9", "1"]:
        CriterionFactory(campaign=campaign, number=number)

    numbers = [c.number for c in sorted(campaign.criteria.all(), key=lambda c: c.sort_key)]

    assert numbers == ["1", "1.9", "1.10", "2"]


@pytest.mark.django_db
def test_criteria_lettered_items_sort_in_vietnamese_letter_order():
    campaign = CampaignFactory()
    for number in ("g", "đ", "e", "d", "a"):
        CriterionFactory(campaign=campaign, number=number)

    numbers = [criterion.number for criterion in sorted(campaign.criteria.all(), key=lambda criterion: criterion.sort_key)]

    assert numbers == ["a", "d", "đ", "e", "g"]
