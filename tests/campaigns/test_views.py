import datetime

import pytest
from django import forms
from django.urls import reverse

from accounts.models import User
from campaigns.models import Campaign, UnitGroup
from core.forms import LinesField
from tests.factories import (
    AwardFormFactory,
    CampaignFactory,
    CriterionFactory,
    EligibleSubjectFactory,
    OfficeFactory,
    OrganizationFactory,
    TaskFactory,
    UserFactory,
)

ALL_ROLES = [User.Role.STAFF, User.Role.UNIT, User.Role.COUNCIL_MEMBER, User.Role.LEADER, User.Role.ADMINISTRATOR]


def campaign_data(campaign=None, **changes):
    organization = campaign.issuing_organization if campaign else CampaignFactory().issuing_organization
    data = {
        "number": "12/KH-STP", "title": "Phát động phong trào thi đua năm 2026", "kind": "annual",
        "issuing_organization": organization.pk, "issue_place": "Cần Thơ", "issue_date": "2026-01-05",
        "starts_on": "2026-01-01", "ends_on": "2026-10-31", "nomination_deadline": "2026-11-10",
        "award_deadline": "2026-11-30", "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    }
    return data | changes


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_campaign_list_query_count_does_not_grow_with_rows(client_of, office_user, django_assert_num_queries, rows):
    for _ in range(rows):
        AwardFormFactory()
    client = client_of(office_user)

    with django_assert_num_queries(10):
        response = client.get(reverse("campaigns:list"))

    assert len(response.context["page"]) == rows


@pytest.mark.django_db
def test_campaign_list_search_ignores_diacritics(client_of, unit_user):
    CampaignFactory(title="Phong trào thi đua về Trợ giúp pháp lý trong hoạt động tố tụng")
    CampaignFactory(title="Ngành Tư pháp chung tay vì người nghèo")

    response = client_of(unit_user).get(reverse("campaigns:list"), {"q": "tro giup phap ly to tung"})

    assert [c.title for c in response.context["page"]] == ["Phong trào thi đua về Trợ giúp pháp lý trong hoạt động tố tụng"]


@pytest.mark.django_db
def test_campaign_list_filters_by_status_year_and_issuing_body(client_of, office_user):
    wanted = CampaignFactory(status=Campaign.Status.LAUNCHED)
    CampaignFactory(status=Campaign.Status.DRAFT, issuing_organization=wanted.issuing_organization)
    CampaignFactory(status=Campaign.Status.LAUNCHED, issue_date=wanted.issue_date.replace(year=2022))

    response = client_of(office_user).get(
        reverse("campaigns:list"),
        {"status": "launched", "year": wanted.issue_date.year, "issuing_organization": wanted.issuing_organization_id},
    )

    assert list(response.context["page"]) == [wanted]


@pytest.mark.django_db
def test_campaign_list_paginates_and_keeps_the_search_on_the_next_page(client_of, unit_user):
    for _ in range(25):
        CampaignFactory(title="Phong trào trợ giúp pháp lý")

    response = client_of(unit_user).get(reverse("campaigns:list"), {"q": "tro giup"})

    assert len(response.context["page"]) == 20
    assert "q=tro+giup&amp;page=2" in response.content.decode()


@pytest.mark.django_db
def test_campaign_list_htmx_request_renders_only_the_rows(client_of, unit_user):
    CampaignFactory()

    response = client_of(unit_user).get(reverse("campaigns:list"), HTTP_HX_REQUEST="true")

    assert [t.name for t in response.templates][0] == "campaigns/_campaign_rows.html"


@pytest.mark.django_db
def test_campaign_list_hides_drafts_from_units(client_of, unit_user):
    CampaignFactory(status=Campaign.Status.DRAFT)

    response = client_of(unit_user).get(reverse("campaigns:list"))

    assert list(response.context["page"]) == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_campaign_detail_shows_the_plan_to_every_role(client_of, role):
    award_form = AwardFormFactory(name="Bằng khen của Chủ tịch UBND thành phố", signer_title="Chủ tịch UBND thành phố")
    CriterionFactory(campaign=award_form.campaign, number="4", target="Đạt mức chỉ tiêu từ khá trở lên")
    TaskFactory(campaign=award_form.campaign, lead_text="Sở Tư pháp", title="Tổ chức tuyên truyền")

    page = client_of(UserFactory(role=role, organization=OfficeFactory())).get(award_form.campaign.get_absolute_url()).content.decode()

    assert "Bằng khen của Chủ tịch UBND thành phố" in page
    assert "Đạt mức chỉ tiêu từ khá trở lên" in page
    assert "Tổ chức tuyên truyền" in page
    assert "31/10/2025" in page


@pytest.mark.django_db
def test_campaign_detail_of_a_draft_is_forbidden_to_a_unit(client_of, unit_user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)

    response = client_of(unit_user).get(campaign.get_absolute_url())

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status", [(User.Role.STAFF, 302), (User.Role.ADMINISTRATOR, 302), (User.Role.UNIT, 403),
                    (User.Role.COUNCIL_MEMBER, 403), (User.Role.LEADER, 403)],
)
def test_campaign_create_is_for_the_office_only(client_of, role, status):
    response = client_of(UserFactory(role=role, organization=OfficeFactory())).post(reverse("campaigns:create"), campaign_data())

    assert response.status_code == status
    assert Campaign.objects.filter(number="12/KH-STP").exists() == (status == 302)


@pytest.mark.django_db
def test_campaign_create_form_creates_a_draft(client_of, office_user):
    response = client_of(office_user).post(reverse("campaigns:create"), campaign_data())

    campaign = Campaign.objects.get(number="12/KH-STP")
    assert response.url == campaign.get_absolute_url()
    assert campaign.status == Campaign.Status.DRAFT


@pytest.mark.django_db
def test_campaign_form_with_bad_dates_shows_the_message_and_keeps_what_was_typed(client_of, office_user):
    data = campaign_data(ends_on="2025-12-01", award_deadline="2026-11-01", title="Tiêu đề đã gõ")

    response = client_of(office_user).post(reverse("campaigns:create"), data)

    form = response.context["form"]
    assert response.status_code == 200
    assert form.has_error("ends_on", code="ends_before_start")
    assert form.has_error("award_deadline", code="award_before_nomination")
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert "Tiêu đề đã gõ" in response.content.decode()


@pytest.mark.django_db
def test_campaign_form_with_bad_number_symbol_is_refused(client_of, office_user):
    response = client_of(office_user).post(reverse("campaigns:create"), campaign_data(number="12 KH STP"))

    assert response.context["form"].has_error("number", code="bad_number_symbol")
    assert not Campaign.objects.exists() or not Campaign.objects.filter(number="12 KH STP").exists()


@pytest.mark.django_db
def test_campaign_edit_is_forbidden_to_a_unit(client_of, unit_user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)

    response = client_of(unit_user).post(reverse("campaigns:edit", args=[campaign.pk]), campaign_data(campaign))

    assert response.status_code == 403


@pytest.mark.django_db
def test_campaign_edit_saves_changes(client_of, office_user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)

    client_of(office_user).post(
        reverse("campaigns:edit", args=[campaign.pk]), campaign_data(campaign, title="Tiêu đề mới")
    )

    campaign.refresh_from_db()
    assert campaign.title == "Tiêu đề mới"


@pytest.mark.django_db
def test_campaign_launch_by_the_office_shows_success(client_of, office_user):
    campaign = AwardFormFactory(campaign__status=Campaign.Status.DRAFT).campaign

    response = client_of(office_user).post(reverse("campaigns:launch", args=[campaign.pk]), follow=True)

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.LAUNCHED
    assert "Đã phát động phong trào." in response.content.decode()


@pytest.mark.django_db
def test_campaign_launch_without_award_form_shows_the_reason(client_of, office_user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)

    response = client_of(office_user).post(reverse("campaigns:launch", args=[campaign.pk]), follow=True)

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT
    assert "Phong trào chưa có hình thức khen thưởng nào" in response.content.decode()


@pytest.mark.django_db
def test_campaign_closed_for_nominations_by_the_office_refuses_new_dossiers(client_of, office_user, unit_user):
    campaign = AwardFormFactory(campaign__status=Campaign.Status.LAUNCHED).campaign

    response = client_of(office_user).post(reverse("campaigns:close_nominations", args=[campaign.pk]), follow=True)

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED
    assert "Đã đóng nhận hồ sơ: đơn vị không nộp thêm được hồ sơ." in response.content.decode()
    assert not campaign.is_open_to(unit_user.organization_id)


@pytest.mark.django_db
def test_campaign_concluded_by_the_office_offers_no_more_acts(client_of, office_user):
    campaign = AwardFormFactory(campaign__status=Campaign.Status.CLOSED).campaign

    response = client_of(office_user).post(reverse("campaigns:conclude", args=[campaign.pk]), follow=True)

    campaign.refresh_from_db()
    page = response.content.decode()
    assert campaign.status == Campaign.Status.CONCLUDED
    assert "Đã kết thúc phong trào." in page
    assert reverse("campaigns:conclude", args=[campaign.pk]) not in page
    assert reverse("campaigns:reopen_nominations", args=[campaign.pk]) not in page


@pytest.mark.django_db
def test_campaign_reopened_from_draft_shows_the_refusal(client_of, office_user):
    campaign = AwardFormFactory(campaign__status=Campaign.Status.DRAFT).campaign

    response = client_of(office_user).post(reverse("campaigns:reopen_nominations", args=[campaign.pk]), follow=True)

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT
    assert "Chỉ mở lại được phong trào đã đóng nhận hồ sơ." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("act", ["close_nominations", "reopen_nominations", "conclude"])
@pytest.mark.parametrize("role", [User.Role.UNIT, User.Role.COUNCIL_MEMBER, User.Role.LEADER])
def test_campaign_status_acts_are_forbidden_outside_the_office(client_of, role, act):
    campaign = AwardFormFactory(campaign__status=Campaign.Status.LAUNCHED).campaign

    response = client_of(UserFactory(role=role, organization=OfficeFactory())).post(reverse(f"campaigns:{act}", args=[campaign.pk]))

    campaign.refresh_from_db()
    assert response.status_code == 403
    assert campaign.status == Campaign.Status.LAUNCHED


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.UNIT, User.Role.COUNCIL_MEMBER, User.Role.LEADER])
def test_campaign_launch_is_forbidden_outside_the_office(client_of, role):
    campaign = AwardFormFactory(campaign__status=Campaign.Status.DRAFT).campaign

    response = client_of(UserFactory(role=role, organization=OfficeFactory())).post(reverse("campaigns:launch", args=[campaign.pk]))

    campaign.refresh_from_db()
    assert response.status_code == 403
    assert campaign.status == Campaign.Status.DRAFT


@pytest.mark.django_db
def test_campaign_launch_by_get_is_not_allowed(client_of, office_user):
    campaign = AwardFormFactory(campaign__status=Campaign.Status.DRAFT).campaign

    response = client_of(office_user).get(reverse("campaigns:launch", args=[campaign.pk]))

    assert response.status_code == 405


@pytest.mark.django_db
def test_campaign_form_reads_reminder_days_as_the_office_writes_them(client_of, office_user):
    client_of(office_user).post(reverse("campaigns:create"), campaign_data(reminder_days="3, 7,1"))

    assert Campaign.objects.get(number="12/KH-STP").reminder_days == [7, 3, 1]


@pytest.mark.django_db
def test_campaign_form_refuses_reminder_days_that_are_not_whole_numbers(client_of, office_user):
    response = client_of(office_user).post(reverse("campaigns:create"), campaign_data(reminder_days="7, ba"))

    assert response.context["form"].has_error("reminder_days", code="bad_days")
    assert "7, ba" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_campaign_reminders_list_who_was_reminded_with_constant_queries(client_of, office_user, django_assert_num_queries, rows):
    from notifications.services import notify

    campaign = CampaignFactory()
    for _ in range(rows):
        user = UserFactory(full_name="Trần Quốc Bảo")
        notify(user, key=f"test:{user.pk}", subject="Nhắc hạn nộp hồ sơ", body="…", scope=f"campaign:{campaign.pk}")
    client = client_of(office_user)

    with django_assert_num_queries(9):
        response = client.get(reverse("campaigns:reminders", args=[campaign.pk]), {"q": "tran quoc bao"})

    assert len(response.context["page"]) == rows
    assert "Nhắc hạn nộp hồ sơ" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.UNIT, User.Role.COUNCIL_MEMBER])
def test_campaign_reminders_are_forbidden_outside_the_office_and_leaders(client_of, role):
    campaign = CampaignFactory()

    response = client_of(UserFactory(role=role, organization=OfficeFactory())).get(reverse("campaigns:reminders", args=[campaign.pk]))

    assert response.status_code == 403


def part_data(**fields):
    """One new row of a plan-part formset."""
    data = {"part-TOTAL_FORMS": "1", "part-INITIAL_FORMS": "0", "part-MIN_NUM_FORMS": "0", "part-MAX_NUM_FORMS": "1000"}
    return data | {f"part-0-{name}": value for name, value in fields.items()}


@pytest.mark.django_db
def test_campaign_parts_office_adds_an_award_form_then_the_campaign_can_launch(client_of, office_user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)
    data = part_data(
        name="Giấy khen của Giám đốc Sở Tư pháp", kind="giay_khen", authority="body", granting_organization=office_user.organization_id,
        signer_title="Giám đốc Sở Tư pháp", recipients="both", vote_threshold_percent="50", vote_threshold_exclusive="on",
        consultation_working_days="0",
        required_documents="Tờ trình\nBáo cáo thành tích",
    )

    client_of(office_user).post(reverse("campaigns:parts", args=[campaign.pk, "hinh-thuc"]), data)
    campaign.launch(by=office_user)

    award_form = campaign.award_forms.get()
    assert award_form.required_documents == ["Tờ trình", "Báo cáo thành tích"]
    assert campaign.status == Campaign.Status.LAUNCHED


@pytest.mark.django_db
def test_campaign_parts_negative_quota_is_refused_next_to_the_field(client_of, office_user):
    award_form = AwardFormFactory(campaign=CampaignFactory(status=Campaign.Status.DRAFT))
    data = part_data(award_form=award_form.pk, per="unit", counts="individuals", amount="-1", rounding="down", over="plan")

    response = client_of(office_user).post(reverse("campaigns:parts", args=[award_form.campaign_id, "chi-tieu"]), data)

    assert response.context["formset"].forms[0].has_error("amount", code="negative_quota")
    assert "Chỉ tiêu không được âm." in response.content.decode()
    assert not award_form.quota_rules.exists()


@pytest.mark.django_db
def test_campaign_parts_office_caps_a_group_of_units(client_of, office_user):
    award_form = AwardFormFactory(campaign=CampaignFactory(status=Campaign.Status.DRAFT))
    communes = [OrganizationFactory(), OrganizationFactory()]
    client = client_of(office_user)
    client.post(
        reverse("campaigns:parts", args=[award_form.campaign_id, "nhom-don-vi"]),
        part_data(name="Các xã", organizations=[unit.pk for unit in communes]),
    )
    group = award_form.campaign.unit_groups.get()

    client.post(
        reverse("campaigns:parts", args=[award_form.campaign_id, "chi-tieu"]),
        part_data(award_form=award_form.pk, group=group.pk, per="unit", counts="either", amount="2", rounding="down", over="plan"),
    )

    assert list(group.organizations.all()) == sorted(communes, key=lambda unit: unit.name)
    assert [rule.label for rule in award_form.quota_rules.all()] == [
        "Mỗi đơn vị – nhóm “Các xã”: không quá 2 trường hợp (tập thể hoặc cá nhân), cả kế hoạch"
    ]


@pytest.mark.django_db
def test_campaign_parts_cap_cannot_name_another_plans_group(client_of, office_user):
    award_form = AwardFormFactory(campaign=CampaignFactory(status=Campaign.Status.DRAFT))
    elsewhere = UnitGroup.objects.create(campaign=CampaignFactory(), name="Các xã")
    data = part_data(award_form=award_form.pk, group=elsewhere.pk, per="unit", counts="either", amount="2", rounding="down", over="plan")

    response = client_of(office_user).post(reverse("campaigns:parts", args=[award_form.campaign_id, "chi-tieu"]), data)

    assert response.context["formset"].forms[0].has_error("group", code="invalid_choice")


@pytest.mark.django_db
def test_campaign_parts_criterion_under_a_missing_number_is_refused(client_of, office_user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)

    response = client_of(office_user).post(
        reverse("campaigns:parts", args=[campaign.pk, "noi-dung"]), part_data(number="2.1", text="Tham gia tố tụng")
    )

    assert response.context["formset"].forms[0].has_error("number", code="no_parent")


@pytest.mark.django_db
def test_campaign_parts_criterion_is_nested_under_its_number(client_of, office_user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)
    parent = CriterionFactory(campaign=campaign, number="2")

    client_of(office_user).post(
        reverse("campaigns:parts", args=[campaign.pk, "noi-dung"]), part_data(number="2.1", text="Tham gia tố tụng")
    )

    assert campaign.criteria.get(number="2.1").parent == parent


@pytest.mark.django_db
def test_campaign_parts_award_form_with_dossiers_cannot_be_deleted(client_of, office_user):
    from tests.factories import NominationFactory

    nomination = NominationFactory()
    award_form = nomination.award_form
    data = {
        "part-TOTAL_FORMS": "1", "part-INITIAL_FORMS": "1", "part-MIN_NUM_FORMS": "0", "part-MAX_NUM_FORMS": "1000",
        "part-0-id": award_form.pk, "part-0-DELETE": "on", "part-0-name": award_form.name, "part-0-kind": award_form.kind,
        "part-0-granting_organization": award_form.granting_organization_id, "part-0-signer_title": award_form.signer_title,
        "part-0-recipients": "both", "part-0-vote_threshold_percent": "50",
    }

    response = client_of(office_user).post(reverse("campaigns:parts", args=[award_form.campaign_id, "hinh-thuc"]), data)

    assert award_form.campaign.award_forms.exists()
    assert "Không thể xóa mục đã được dùng" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.UNIT, User.Role.COUNCIL_MEMBER, User.Role.LEADER])
def test_campaign_parts_are_edited_by_the_office_only(client_of, role):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)

    response = client_of(UserFactory(role=role, organization=OfficeFactory())).get(reverse("campaigns:parts", args=[campaign.pk, "nhiem-vu"]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_campaign_parts_unknown_part_is_not_found(client_of, office_user):
    campaign = CampaignFactory()

    response = client_of(office_user).get(reverse("campaigns:parts", args=[campaign.pk, "khong-co"]))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("part", ["hinh-thuc", "noi-dung", "doi-tuong", "giai-doan", "nhiem-vu"])
def test_campaign_parts_pages_render_for_the_office(client_of, office_user, part):
    campaign = CampaignFactory()

    response = client_of(office_user).get(reverse("campaigns:parts", args=[campaign.pk, part]))

    assert response.status_code == 200


@pytest.mark.django_db
def test_campaigns_of_another_province_are_not_shown_to_a_unit(client_of, unit_user):
    from accounts.models import Organization

    own = CampaignFactory(title="Kế hoạch của Cần Thơ")
    ministry = OrganizationFactory(name="Bộ Tư pháp", province="", kind=Organization.Kind.MINISTRY)
    national = CampaignFactory(title="Kế hoạch của Bộ", issuing_organization=ministry)
    an_giang = OrganizationFactory(name="Ủy ban nhân dân tỉnh An Giang", province="An Giang", kind=Organization.Kind.PEOPLES_COMMITTEE)
    other = CampaignFactory(title="Kế hoạch của An Giang", issuing_organization=an_giang)
    client = client_of(unit_user)

    listed = list(client.get(reverse("campaigns:list")).context["page"])
    response = client.get(other.get_absolute_url())

    assert set(listed) == {own, national}
    assert response.status_code == 403


def browser_data(formset):
    """What a browser sends for the formset as rendered, every row untouched."""
    data = {f"part-{key}": value for key, value in formset.management_form.initial.items()}
    for form in formset.forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field.widget, forms.CheckboxInput):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif isinstance(value, list | tuple) and not isinstance(field, LinesField):
                data[form.add_prefix(name)] = [str(item) for item in value]
            elif value is not None:
                data[form.add_prefix(name)] = field.widget.format_value(field.prepare_value(value)) or ""
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("part", ["hinh-thuc", "doi-tuong", "noi-dung", "giai-doan", "nhom-don-vi", "chi-tieu"])
def test_campaign_parts_save_with_the_blank_extra_rows_left_blank(client_of, office_user, part):
    award_form = AwardFormFactory(campaign=CampaignFactory(status=Campaign.Status.DRAFT), required_documents=["Tờ trình"])
    EligibleSubjectFactory(campaign=award_form.campaign, position_titles=["Thẩm phán"])
    client = client_of(office_user)
    url = reverse("campaigns:parts", args=[award_form.campaign_id, part])

    response = client.post(url, browser_data(client.get(url).context["formset"]))

    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "countdown"), [(Campaign.Status.LAUNCHED, True), (Campaign.Status.CONCLUDED, False)])
def test_a_concluded_plan_shows_its_past_deadlines_without_counting_days_overdue(client_of, office_user, status, countdown):
    campaign = CampaignFactory(issuing_organization=office_user.organization, status=status,
                               nomination_deadline=datetime.date(2026, 11, 10), award_deadline=datetime.date(2026, 11, 20))

    page = client_of(office_user).get(campaign.get_absolute_url()).content.decode()

    assert "10/11/2026" in page
    assert ("quá hạn 14 ngày" in page) is countdown
    assert ("quá hạn 4 ngày" in page) is countdown
