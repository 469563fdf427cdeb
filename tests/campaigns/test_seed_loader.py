import datetime
import io
import re
import shutil
import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organization, Person, User
from campaigns.models import (
    AwardForm,
    Campaign,
    CampaignHistory,
    CampaignPeriod,
    Criterion,
    EligibleSubject,
    Report,
    Task,
)
from campaigns.seed import SEED_DIR, create_demo, load_campaign, load_seed_data

SEEDED_MODELS = [
    Organization, Campaign, CampaignHistory, CampaignPeriod, Criterion, EligibleSubject, AwardForm, Task, Report,
]

SMALL_ORGANIZATIONS = """\
- name: Ủy ban nhân dân thành phố Cần Thơ
  kind: peoples_committee
  province: Cần Thơ
- name: Sở Tư pháp thành phố Cần Thơ
  kind: justice_department
  parent: Ủy ban nhân dân thành phố Cần Thơ
  province: Cần Thơ
"""

SMALL_CAMPAIGN = """\
number: 12/KH-STP
title: Phong trào thi đua thử
kind: annual
status: launched
issuing_organization: Sở Tư pháp thành phố Cần Thơ
issue_place: Cần Thơ
issue_date: 2025-01-02
starts_on: 2025-01-01
ends_on: 2025-12-31
criteria:
  - number: "1"
    text: Nội dung một
award_forms:
  - name: Giấy khen của Giám đốc Sở Tư pháp
    kind: giay_khen
    granting_organization: Sở Tư pháp thành phố Cần Thơ
    signer_title: Giám đốc Sở Tư pháp
"""


@pytest.fixture
def seeded(db):
    """The five real plans, loaded, by number."""
    return {campaign.number: campaign for campaign, _created in load_seed_data()}


@pytest.fixture
def small_seed(tmp_path):
    """A seed folder with two organizations and one campaign file, to be rewritten by a test."""
    (tmp_path / "organizations.yaml").write_text(SMALL_ORGANIZATIONS, encoding="utf-8")
    (tmp_path / "campaigns").mkdir()
    campaign_file = tmp_path / "campaigns" / "000_small.yaml"
    campaign_file.write_text(SMALL_CAMPAIGN, encoding="utf-8")
    return tmp_path


def row_counts():
    return {model.__name__: model.objects.count() for model in SEEDED_MODELS}


def test_seed_sources_are_kept_beside_their_campaign_files():
    sources = sorted(path.stem for path in (SEED_DIR / "sources").glob("*.txt"))

    campaigns = sorted(path.stem for path in (SEED_DIR / "campaigns").glob("*.yaml"))

    assert sources == campaigns
    assert len(campaigns) == 5


def test_seed_loads_the_five_plans_by_number(seeded):
    assert sorted(seeded) == ["08/KH-UBND", "157/QĐ-BTP", "67/KH-UBND", "78/KH-STP", "962/KH-UBND"]


def test_seed_000_can_tho_is_issued_by_the_city_on_28_march_2025(seeded):
    campaign = seeded["67/KH-UBND"]

    assert campaign.issuing_organization.name == "Ủy ban nhân dân thành phố Cần Thơ"
    assert campaign.issue_date == datetime.date(2025, 3, 28)
    assert campaign.signing_authority_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert campaign.signer_name == "Nguyễn Ngọc Hè"
    assert len(campaign.legal_basis_lines) == 4


def test_seed_000_can_tho_runs_january_to_october_with_awards_before_30_november(seeded):
    campaign = seeded["67/KH-UBND"]

    assert (campaign.starts_on, campaign.ends_on) == (datetime.date(2025, 1, 1), datetime.date(2025, 10, 31))
    assert campaign.nomination_deadline == datetime.date(2025, 10, 31)
    assert campaign.award_deadline == datetime.date(2025, 11, 30)
    assert campaign.status == Campaign.Status.LAUNCHED


def test_seed_000_can_tho_has_two_award_forms_with_their_authorities(seeded):
    forms = seeded["67/KH-UBND"].award_forms.order_by("pk")

    assert [(form.kind, form.granting_organization.name) for form in forms] == [
        (AwardForm.Kind.CERTIFICATE_OF_MERIT, "Ủy ban nhân dân thành phố Cần Thơ"),
        (AwardForm.Kind.COMMENDATION, "Sở Tư pháp thành phố Cần Thơ"),
    ]


def test_seed_000_can_tho_certificate_of_merit_is_capped_at_10_percent_of_collectives_and_5_of_individuals(seeded):
    form = seeded["67/KH-UBND"].award_forms.get(kind=AwardForm.Kind.CERTIFICATE_OF_MERIT)

    assert [rule.label for rule in form.quota_rules.all()] == [
        "Các đơn vị cộng chung: không quá 10% số tập thể tham gia (làm tròn xuống), cả kế hoạch",
        "Các đơn vị cộng chung: không quá 5% số cá nhân tham gia (làm tròn xuống), cả kế hoạch",
    ]
    assert (form.vote_threshold_percent, form.vote_threshold_exclusive) == (Decimal(50), True)


def test_seed_000_can_tho_has_criteria_1_to_4_and_criterion_4_targets_kha_or_better(seeded):
    criteria = seeded["67/KH-UBND"].criteria.order_by("pk")

    assert [criterion.number for criterion in criteria] == ["1", "2", "3", "4"]
    assert criteria.get(number="4").target == "Đạt mức chỉ tiêu từ khá trở lên"


def test_seed_000_can_tho_individuals_include_legal_aid_officers_judges_and_prosecutors(seeded):
    individuals = seeded["67/KH-UBND"].subjects.get(kind=EligibleSubject.Kind.INDIVIDUAL)

    assert {"Trợ giúp viên pháp lý", "Luật sư ký hợp đồng thực hiện trợ giúp pháp lý", "Điều tra viên",
            "Thẩm phán", "Kiểm sát viên"} <= set(individuals.position_titles)


def test_seed_001_ministry_plan_is_concluded_with_awards_done_before_30_august_2022(seeded):
    campaign = seeded["157/QĐ-BTP"]

    assert campaign.issue_date == datetime.date(2022, 2, 8)
    assert (campaign.starts_on, campaign.ends_on) == (datetime.date(2022, 1, 1), datetime.date(2022, 6, 30))
    assert campaign.award_deadline == datetime.date(2022, 8, 30)
    assert campaign.status == Campaign.Status.CONCLUDED


def test_seed_001_ministry_offers_only_the_ministers_certificate_of_merit(seeded):
    forms = seeded["157/QĐ-BTP"].award_forms.all()

    assert [(form.kind, form.granting_organization.name) for form in forms] == [
        (AwardForm.Kind.CERTIFICATE_OF_MERIT, "Bộ Tư pháp")
    ]


def test_seed_001_criterion_1_2_is_nested_under_criterion_1(seeded):
    criterion = seeded["157/QĐ-BTP"].criteria.get(number="1.2")

    assert criterion.parent.number == "1"
    assert seeded["157/QĐ-BTP"].criteria.count() == 5


def test_seed_002_an_giang_multi_year_campaign_has_three_yearly_periods(seeded):
    campaign = seeded["78/KH-STP"]

    periods = [(period.name, period.starts_on, period.ends_on) for period in campaign.periods.all()]

    assert campaign.kind == Campaign.Kind.MULTI_YEAR
    assert periods == [
        ("Năm 2023", datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)),
        ("Năm 2024", datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        ("Năm 2025", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
    ]


def test_seed_002_an_giang_criterion_2_2_targets_100_percent_mediation(seeded):
    criterion = seeded["78/KH-STP"].criteria.get(number="2.2")

    assert (criterion.parent.number, criterion.target_value, criterion.target_unit) == ("2", Decimal(100), "%")
    assert "Phấn đấu 100% hòa giải thành" in criterion.text


def test_seed_002_an_giang_summaries_fall_in_2025_from_the_units_and_the_office(seeded):
    reports = seeded["78/KH-STP"].reports.filter(kind=Report.Kind.SUMMARY)

    assert {report.period.name for report in reports} == {"Năm 2025"}
    assert {report.organization.name for report in reports} == {
        "Sở Tư pháp tỉnh An Giang", "Trung tâm Trợ giúp pháp lý nhà nước tỉnh An Giang",
        "Phòng Tư pháp thành phố Long Xuyên", "Phòng Tư pháp thành phố Châu Đốc",
    }


def test_seed_002_an_giang_units_owe_their_2023_and_2024_yearly_results(seeded):
    yearly = seeded["78/KH-STP"].reports.filter(kind=Report.Kind.YEARLY, organization__name="Phòng Tư pháp thành phố Long Xuyên")

    assert sorted((report.period.name, report.due_date) for report in yearly) == [
        ("Năm 2023", datetime.date(2023, 12, 15)), ("Năm 2024", datetime.date(2024, 12, 15)),
    ]


def test_seed_002_an_giang_is_closed_with_its_dated_history(seeded):
    campaign = seeded["78/KH-STP"]

    moves = [(entry.to_status, timezone.localtime(entry.created_at).date()) for entry in campaign.history.order_by("created_at")]

    assert campaign.status == Campaign.Status.CLOSED
    assert moves == [(Campaign.Status.LAUNCHED, datetime.date(2023, 4, 27)), (Campaign.Status.CLOSED, datetime.date(2025, 12, 31))]


def test_seed_003_cao_bang_asks_each_body_for_a_report_on_each_period(seeded):
    reports = seeded["962/KH-UBND"].reports.filter(organization__name="Công an tỉnh Cao Bằng")

    assert sorted(report.period.name for report in reports) == ["Giai đoạn 1", "Giai đoạn 2", "Giai đoạn 3"]
    assert {report.kind for report in reports} == {Report.Kind.PERIOD}


def test_seed_003_cao_bang_review_has_its_three_periods(seeded):
    campaign = seeded["962/KH-UBND"]

    periods = [(period.starts_on, period.ends_on) for period in campaign.periods.all()]

    assert campaign.kind == Campaign.Kind.REVIEW
    assert periods == [
        (datetime.date(2011, 6, 1), datetime.date(2015, 5, 31)),
        (datetime.date(2015, 6, 1), datetime.date(2017, 12, 31)),
        (datetime.date(2018, 1, 1), datetime.date(2024, 12, 31)),
    ]


def test_seed_003_cao_bang_home_affairs_department_drafts_criteria_and_proposes_awards(seeded):
    task = seeded["962/KH-UBND"].tasks.get(number="2")

    assert task.lead_organization.name == "Sở Nội vụ tỉnh Cao Bằng"
    assert [unit.name for unit in task.coordinating_organizations.all()] == ["Sở Tư pháp tỉnh Cao Bằng"]


def test_seed_004_tra_vinh_implementation_plan_has_five_tasks(seeded):
    campaign = seeded["08/KH-UBND"]

    assert campaign.tasks.count() == 5
    assert campaign.issue_date == datetime.date(2023, 2, 7)
    assert campaign.award_forms.count() == 0


def test_seed_004_tra_vinh_task_1_has_its_lead_and_coordinating_units_and_is_ongoing(seeded):
    task = seeded["08/KH-UBND"].tasks.get(number="1")

    assert task.lead_organization.name == "Hội Luật gia tỉnh Trà Vinh"
    assert {unit.name for unit in task.coordinating_organizations.all()} == {
        "Sở Tư pháp tỉnh Trà Vinh", "Sở Nội vụ tỉnh Trà Vinh", "Sở Thông tin và Truyền thông tỉnh Trà Vinh",
    }
    assert task.coordinating_text.startswith("Ủy ban nhân dân các huyện")
    assert (task.is_ongoing, task.timing_text) == (True, "Thường xuyên")


def test_seed_004_tra_vinh_task_4_states_no_timing(seeded):
    task = seeded["08/KH-UBND"].tasks.get(number="4")

    assert (task.is_ongoing, task.due_date, task.timing_text) == (False, None, "")


def test_seed_004_tra_vinh_each_task_is_reported_each_year_by_its_lead_and_coordinating_units(seeded):
    campaign = seeded["08/KH-UBND"]
    task = campaign.tasks.get(number="1")

    reports_2024 = task.reports.filter(period__name="Năm 2024")

    assert {report.organization.name for report in reports_2024} == {
        "Hội Luật gia tỉnh Trà Vinh", "Sở Tư pháp tỉnh Trà Vinh", "Sở Nội vụ tỉnh Trà Vinh",
        "Sở Thông tin và Truyền thông tỉnh Trà Vinh",
    }
    assert reports_2024.get(organization__name="Hội Luật gia tỉnh Trà Vinh").title.endswith("(đơn vị chủ trì)")
    assert {report.due_date for report in reports_2024} == {datetime.date(2024, 12, 15)}
    assert sorted(campaign.periods.values_list("name", flat=True)) == ["Năm 2023", "Năm 2024", "Năm 2025", "Năm 2026"]
    assert campaign.reports.filter(kind=Report.Kind.SUMMARY, organization__name="Sở Tư pháp tỉnh Trà Vinh").count() == 4


def test_seed_launched_campaign_records_one_history_row_from_draft(seeded):
    history = seeded["67/KH-UBND"].history.get()

    assert (history.from_status, history.to_status, history.actor, history.note) == (
        Campaign.Status.DRAFT, Campaign.Status.LAUNCHED, None, "Nhập từ văn bản gốc",
    )


def test_seed_organizations_have_their_parents(seeded):
    centre = Organization.objects.get(name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ")

    assert centre.kind == Organization.Kind.LEGAL_AID_CENTRE
    assert centre.parent.name == "Sở Tư pháp thành phố Cần Thơ"
    assert centre.parent.parent.name == "Ủy ban nhân dân thành phố Cần Thơ"


def test_seed_loaded_text_is_nfc_with_the_mistaken_letters_mended(db, small_seed):
    campaign_file = small_seed / "campaigns" / "000_small.yaml"
    decomposed = unicodedata.normalize("NFD", "Phong trào thi đua thử ƣu tú")
    campaign_file.write_text(SMALL_CAMPAIGN.replace("Phong trào thi đua thử", decomposed), encoding="utf-8")

    [(campaign, _created)] = load_seed_data(small_seed)

    assert campaign.title == "Phong trào thi đua thử ưu tú"
    assert unicodedata.is_normalized("NFC", campaign.title)


def test_seed_loading_twice_adds_no_rows_and_no_history(seeded):
    counts = row_counts()

    results = load_seed_data()

    assert row_counts() == counts
    assert [created for _campaign, created in results] == [False] * 5


def test_seed_reload_updates_a_changed_value_in_place(db, tmp_path):
    shutil.copytree(SEED_DIR, tmp_path / "seed")
    load_seed_data(tmp_path / "seed")
    counts = row_counts()
    campaign_file = tmp_path / "seed" / "campaigns" / "000_can_tho_67_kh_ubnd.yaml"
    campaign_file.write_text(
        campaign_file.read_text(encoding="utf-8").replace("award_deadline: 2025-11-30", "award_deadline: 2025-11-28"),
        encoding="utf-8",
    )

    load_seed_data(tmp_path / "seed")

    assert Campaign.objects.get(number="67/KH-UBND").award_deadline == datetime.date(2025, 11, 28)
    assert row_counts() == counts


def test_seed_reload_keeps_a_status_moved_in_the_portal(seeded):
    campaign = seeded["67/KH-UBND"]
    campaign.close_nominations(by=None)

    load_seed_data()

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED


def test_seed_reload_sets_exactly_the_coordinating_units_of_the_file(seeded):
    task = seeded["08/KH-UBND"].tasks.get(number="1")
    task.coordinating_organizations.add(Organization.objects.get(name="Bộ Tư pháp"))

    load_seed_data()

    assert task.coordinating_organizations.count() == 3


def test_seed_file_with_a_bad_number_symbol_is_refused(db, small_seed):
    campaign_file = small_seed / "campaigns" / "000_small.yaml"
    campaign_file.write_text(SMALL_CAMPAIGN.replace("12/KH-STP", "12 /KH-STP"), encoding="utf-8")

    with pytest.raises(ValidationError) as error:
        load_seed_data(small_seed)

    assert error.value.error_dict["number"][0].code == "bad_number_symbol"
    assert Campaign.objects.count() == 0


def test_seed_file_ending_before_it_starts_is_refused(db, small_seed):
    campaign_file = small_seed / "campaigns" / "000_small.yaml"
    campaign_file.write_text(SMALL_CAMPAIGN.replace("ends_on: 2025-12-31", "ends_on: 2024-12-31"), encoding="utf-8")

    with pytest.raises(ValidationError) as error:
        load_seed_data(small_seed)

    assert error.value.error_dict["ends_on"][0].code == "ends_before_start"
    assert Campaign.objects.count() == 0


def test_seed_file_failing_after_the_campaign_leaves_no_partial_campaign(db, small_seed):
    campaign_file = small_seed / "campaigns" / "000_small.yaml"
    campaign_file.write_text(
        SMALL_CAMPAIGN.replace("    granting_organization: Sở Tư pháp", "    granting_organization: Sở Tài chính"),
        encoding="utf-8",
    )

    with pytest.raises(ValidationError):
        load_seed_data(small_seed)

    assert (Campaign.objects.count(), Criterion.objects.count(), CampaignHistory.objects.count()) == (0, 0, 0)
    assert Organization.objects.count() == 2


def test_seed_criterion_without_its_parent_is_refused(db, small_seed):
    campaign_file = small_seed / "campaigns" / "000_small.yaml"
    campaign_file.write_text(SMALL_CAMPAIGN.replace('number: "1"', 'number: "2.1"'), encoding="utf-8")

    with pytest.raises(ValidationError):
        load_seed_data(small_seed)

    assert Campaign.objects.count() == 0


def test_seed_misspelt_field_is_refused(db, small_seed):
    campaign_file = small_seed / "campaigns" / "000_small.yaml"
    campaign_file.write_text(SMALL_CAMPAIGN + "nomination_deadine: 2025-12-31\n", encoding="utf-8")

    with pytest.raises(ValidationError):
        load_seed_data(small_seed)

    assert Campaign.objects.count() == 0


def test_seed_campaign_may_implement_a_higher_campaign_by_number(db, small_seed):
    load_seed_data(small_seed)
    lower_file = small_seed / "campaigns" / "001_lower.yaml"
    lower_file.write_text(
        SMALL_CAMPAIGN.replace("12/KH-STP", "13/KH-STP") + "implements: 12/KH-STP\n", encoding="utf-8"
    )

    campaign, _created = load_campaign(lower_file)

    assert campaign.implements.number == "12/KH-STP"


def test_load_seed_campaigns_command_prints_one_line_per_campaign(db):
    output = io.StringIO()

    call_command("load_seed_campaigns", stdout=output)

    lines = output.getvalue().splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("67/KH-UBND (Ủy ban nhân dân thành phố Cần Thơ): created")


DEMO_ROLES = [
    ("admin", User.Role.ADMINISTRATOR, None),
    ("sotuphap", User.Role.STAFF, "Sở Tư pháp thành phố Cần Thơ"),
    ("trungtam", User.Role.UNIT, "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"),
    ("hoidong1", User.Role.COUNCIL_MEMBER, "Sở Tư pháp thành phố Cần Thơ"),
    ("hoidong2", User.Role.COUNCIL_MEMBER, "Công an thành phố Cần Thơ"),
    ("hoidong3", User.Role.COUNCIL_MEMBER, "Tòa án nhân dân thành phố Cần Thơ"),
    ("hoidong4", User.Role.COUNCIL_MEMBER, "Viện kiểm sát nhân dân thành phố Cần Thơ"),
    ("hoidong5", User.Role.COUNCIL_MEMBER, "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"),
    ("lanhdao", User.Role.LEADER, "Sở Tư pháp thành phố Cần Thơ"),
]


@pytest.mark.parametrize(("username", "role", "organization"), DEMO_ROLES)
def test_seed_demo_creates_each_account_with_its_role_and_organization(
    seeded, username, role, organization
):
    create_demo()

    user = User.objects.get(username=username)
    assert user.role == role
    assert (user.organization.name if user.organization else None) == organization
    assert user.full_name


def test_seed_demo_administrator_is_staff_and_superuser(seeded):
    create_demo()

    admin = User.objects.get(username="admin")
    assert (admin.is_staff, admin.is_superuser) == (True, True)
    assert User.objects.filter(is_superuser=True).count() == 1


def test_seed_demo_accounts_log_in_with_password_demo(seeded, client):
    create_demo()

    assert client.post(reverse("login"), {"username": "trungtam", "password": "demo"}).status_code == 302


def test_seed_demo_run_again_keeps_a_changed_password_and_adds_nobody(seeded):
    create_demo()
    user = User.objects.get(username="sotuphap")
    user.set_password("mật khẩu mới")
    user.save()

    create_demo()

    user.refresh_from_db()
    assert user.check_password("mật khẩu mới")
    assert (User.objects.count(), Person.objects.count()) == (15, 8)


def test_seed_demo_people_of_both_genders_work_in_can_tho_units(seeded):
    create_demo()

    people = Person.objects.all()
    assert {person.gender for person in people} == {Person.Gender.FEMALE, Person.Gender.MALE}
    assert {person.organization.province for person in people} == {"Cần Thơ"}
    assert {"Trợ giúp viên pháp lý", "Thẩm phán", "Kiểm sát viên", "Điều tra viên"} <= {p.title for p in people}


def test_seed_demo_command_prints_the_accounts_and_the_address(db):
    output = io.StringIO()

    call_command("seed_demo", stdout=output)

    printed = output.getvalue()
    assert "mật khẩu của mọi tài khoản: demo" in printed
    assert [bool(re.search(rf"^  {username} ", printed, re.MULTILINE)) for username in ("hoidong1", "vutdkt", "botruong")] == [True] * 3
    assert "angiang_longxuyen" in printed and "travinh_hoiluatgia" in printed
    assert "Kế hoạch 962/KH-UBND (Cao Bằng)" in printed
    assert "http://127.0.0.1:8000/" in printed.splitlines()[-1]


def test_seed_demo_prints_the_address_of_the_host_it_is_given(db):
    output = io.StringIO()

    call_command("seed_demo", "--host", "0.0.0.0:8021", stdout=output)

    assert "http://127.0.0.1:8021/" in output.getvalue().splitlines()[-1]
