"""Decisions as the issuing body makes them: an entered or imported list, forwarded dossiers, the văn thư's number
and date, the signer named in the draft, the articles the body uses, the reward of Điều 2 and the office's tờ trình."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from accounts.models import Organization, User
from awards.models import Award, Decision, DecisionError, NumberSeries
from awards.printing import decision_context
from awards.services import (
    add_awardees,
    awardees_in_order,
    compute_reward,
    draft_decision,
    issue_proposal_letter,
    sign_decision,
)
from nominations.imports import Entry
from nominations.models import Nomination
from tests.factories import (
    AwardFormFactory,
    CampaignFactory,
    OrganizationFactory,
    UserFactory,
    approved_nomination,
)

FAR = datetime.date(2099, 1, 1)
BODIES = ["Sở Tư pháp", "Sở Nội vụ", "Công an thành phố Cần Thơ", "Tòa án nhân dân thành phố Cần Thơ",
          "Viện kiểm sát nhân dân thành phố Cần Thơ"]


@pytest.fixture
def city(db):
    return OrganizationFactory(name="Ủy ban nhân dân thành phố Cần Thơ", document_code="UBND", kind=Organization.Kind.PEOPLES_COMMITTEE)


@pytest.fixture
def award_form(city):
    return AwardFormFactory(
        name="Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", kind="bang_khen", granting_organization=city,
        signer_title="Chủ tịch Ủy ban nhân dân thành phố Cần Thơ", recipients="both",
        campaign__number="67/KH-UBND", campaign__nomination_deadline=FAR, campaign__award_deadline=FAR,
    )


@pytest.fixture
def chairman(city):
    return UserFactory(username="chutich", full_name="Trần Việt Trường", role=User.Role.LEADER, organization=city)


@pytest.fixture
def entered(award_form, office_user):
    """A Chủ tịch UBND decision for five collectives on the Sở Tư pháp's tờ trình, entered directly."""
    decision = draft_decision(award_form, by=office_user, source=Decision.Source.ENTERED)
    add_awardees(decision, [Entry(False, f"Văn phòng {body}", body) for body in BODIES], by=office_user)
    decision.signer_name = "Trần Việt Trường"
    decision.signing_authority = "CHỦ TỊCH"
    decision.save()
    return decision


def edit(client, decision, **changes):
    data = {
        "reference": decision.symbol, "issue_place": decision.issue_place, "issue_date": "",
        "summary": decision.summary, "authority": decision.authority, "parent_body": decision.parent_body,
        "legal_bases": decision.legal_bases, "article_1": decision.article_1, "list_placement": decision.list_placement,
        "reward_computed": "on", "reward_fund": decision.reward_fund, "article_2": decision.article_2,
        "extra_articles": "", "article_3": decision.article_3, "recipients": decision.recipients,
        "signing_authority": decision.signing_authority, "signer_name": decision.signer_name,
    }
    return client.post(reverse("awards:decision_edit", args=[decision.pk]), data | changes)


def excel(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    handle = io.BytesIO()
    workbook.save(handle)
    return SimpleUploadedFile("danh-sach.xlsx", handle.getvalue())


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# An entered list, the văn thư's number and date, the signer's name, Điều 2

@pytest.mark.django_db
def test_entered_decision_is_a_draft_with_a_blank_number_and_day_and_its_counts_in_article_1(entered):
    assert (entered.number, entered.issue_date, entered.number_symbol) == (None, None, "…/QĐ-UBND")
    assert entered.awardees.filter(nomination=None).count() == 5
    assert "cho 05 tập thể đã có thành tích xuất sắc" in entered.article_1


@pytest.mark.django_db
def test_entered_decision_takes_the_vanthu_number_and_date_and_is_signed_under_the_chairmans_name(client_of, office_user, chairman, entered):
    edit(client_of(office_user), entered, reference="71/2026/QĐ-UBND", issue_date="20/11/2026")

    response = client_of(chairman).post(reverse("awards:decision_sign", args=[entered.pk]))

    entered.refresh_from_db()
    assert response.status_code == 302 and entered.is_signed
    assert entered.number_symbol == "71/2026/QĐ-UBND"
    assert entered.issue_date == datetime.date(2026, 11, 20)
    assert entered.signer_name == "Trần Việt Trường" and entered.signed_by == chairman
    assert NumberSeries.take_next(entered.issuing_organization, 2026) == 72


@pytest.mark.django_db
def test_entered_decision_article_2_computes_the_reward_from_the_base_salary_on_its_date(entered):
    entered.issue_date = datetime.date(2026, 11, 20)

    reward = compute_reward(entered, 5, 0)
    article_2 = decision_context(entered, awardees_in_order(entered), reward)["articles"][1][0]

    assert reward.salary.amount == 2_340_000
    assert reward.lines[0][2] == 4_680_000 and reward.total == 23_400_000
    assert "Mỗi tập thể được tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố được thưởng 4.680.000 đồng (2,0 lần mức lương cơ sở)" in article_2
    assert "Tổng số tiền thưởng: 23.400.000 đồng" in article_2
    assert "Kinh phí khen thưởng chi từ Quỹ thi đua, khen thưởng của Ủy ban nhân dân thành phố Cần Thơ" in article_2


@pytest.mark.django_db
def test_reward_uses_the_base_salary_in_force_on_the_decisions_date(entered):
    entered.issue_date = datetime.date(2024, 3, 1)

    assert compute_reward(entered, 1, 0).salary.amount == 1_800_000


@pytest.mark.django_db
def test_giay_khen_reward_is_rounded_up_to_tens_of_thousands(entered, award_form):
    award_form.kind = "giay_khen"
    award_form.save()

    reward = compute_reward(entered, 0, 1)

    assert reward.lines[0][2] == 710_000  # 0,3 × 2.340.000 = 702.000


@pytest.mark.django_db
def test_entered_awards_fill_the_register_and_the_history_of_each_unit(client_of, office_user, chairman, entered):
    sign_decision(entered, by=chairman)
    collective = Organization.objects.get(name="Văn phòng Sở Nội vụ")

    register = client_of(office_user).get(reverse("awards:register")).content.decode()
    history = client_of(office_user).get(reverse("awards:organization", args=[collective.pk])).content.decode()

    assert Award.objects.filter(decision=entered, nomination=None).count() == 5
    assert "Văn phòng Sở Nội vụ" in register and "01.001/2026" in register
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố" in history


@pytest.mark.django_db
def test_entered_award_is_seen_by_its_own_unit(client_of, chairman, entered):
    sign_decision(entered, by=chairman)
    unit_user = UserFactory(role=User.Role.UNIT, organization=Organization.objects.get(name="Văn phòng Sở Nội vụ"))

    page = client_of(unit_user).get(reverse("awards:register")).content.decode()

    assert "Văn phòng Sở Nội vụ" in page and "Văn phòng Sở Tư pháp" not in page


# Who signs

@pytest.mark.django_db
def test_decision_sign_by_a_leader_of_another_body_is_refused(client_of, leader, entered):
    response = client_of(leader).post(reverse("awards:decision_sign", args=[entered.pk]))

    entered.refresh_from_db()
    assert response.status_code == 403
    assert not entered.is_signed


@pytest.mark.django_db
def test_decision_sign_button_is_hidden_from_a_leader_of_another_body(client_of, leader, chairman, entered):
    other = client_of(leader).get(entered.get_absolute_url()).content.decode()
    own = client_of(chairman).get(entered.get_absolute_url()).content.decode()

    assert 'data-bs-target="#sign-modal"' not in other
    assert 'data-bs-target="#sign-modal"' in own


@pytest.mark.django_db
def test_decision_to_sign_on_the_home_page_are_the_leaders_own_bodys(client_of, leader, chairman, entered):
    assert entered.summary in client_of(chairman).get("/").content.decode()
    assert entered.summary not in client_of(leader).get("/").content.decode()


@pytest.mark.django_db
def test_decision_signing_authority_on_behalf_without_the_signers_title_is_refused(client_of, office_user, entered):
    response = edit(client_of(office_user), entered, signing_authority="KT. CHỦ TỊCH")

    assert response.context["form"].has_error("signing_authority", code="signer_title_missing")


@pytest.mark.django_db
def test_decision_of_a_body_without_a_registered_abbreviation_has_no_guessed_symbol(office_user, chairman):
    body = OrganizationFactory(name="Ủy ban nhân dân huyện Phong Điền", document_code="", short_name="UBND Phong Điền")
    award_form = AwardFormFactory(granting_organization=body, campaign__nomination_deadline=FAR, campaign__award_deadline=FAR)
    decision = draft_decision(award_form, by=office_user, source=Decision.Source.ENTERED)
    add_awardees(decision, [Entry(False, "Phòng Tư pháp huyện Phong Điền", "")], by=office_user)
    decision.signer_name = "Lê Văn Bảy"
    decision.save()

    with pytest.raises(DecisionError) as error:
        sign_decision(decision, by=chairman)

    assert decision.symbol == ""
    assert error.value.code == "bad_symbol"


# Bad numbers and dates

@pytest.mark.django_db
def test_decision_number_already_used_by_the_body_that_year_is_refused(client_of, office_user, chairman, entered, award_form):
    client = client_of(office_user)
    edit(client, entered, reference="71/QĐ-UBND", issue_date="20/11/2026")
    other = draft_decision(award_form, by=office_user, source=Decision.Source.ENTERED)

    refused = edit(client, other, reference="71/QĐ-UBND", issue_date="21/11/2026")
    next_year = edit(client, other, reference="71/QĐ-UBND", issue_date="05/01/2027")

    assert refused.context["form"].has_error("reference", code="number_taken")
    assert "đã dùng cho Quyết định số 71/QĐ-UBND" in refused.content.decode()
    assert next_year.status_code == 302


@pytest.mark.django_db
def test_decision_number_without_a_date_is_refused(client_of, office_user, entered):
    response = edit(client_of(office_user), entered, reference="71/QĐ-UBND")

    assert response.context["form"].has_error("issue_date", code="number_without_date")


@pytest.mark.django_db
def test_decision_reference_in_no_lawful_form_is_refused(client_of, office_user, entered):
    response = edit(client_of(office_user), entered, reference="QĐ số 71")

    assert response.context["form"].has_error("reference", code="bad_reference")


@pytest.mark.django_db
def test_decision_date_before_the_plan_is_refused(client_of, office_user, entered):
    response = edit(client_of(office_user), entered, issue_date="01/03/2025")

    assert response.context["form"].has_error("issue_date", code="before_plan")


# Already awarded the same form in the same year

@pytest.mark.django_db
def test_awardee_already_awarded_the_same_form_that_year_is_warned_with_a_link(client_of, office_user, chairman, entered, award_form):
    sign_decision(entered, by=chairman)
    again = draft_decision(award_form, by=office_user, source=Decision.Source.ENTERED)
    add_awardees(again, [Entry(False, "Văn phòng Sở Nội vụ", "Sở Nội vụ")], by=office_user)

    page = client_of(office_user).get(again.get_absolute_url()).content.decode()

    assert "Số tập thể, cá nhân đã được tặng cùng hình thức khen thưởng trong năm: 1." in page
    assert f'href="{entered.get_absolute_url()}"' in page


# Adding and importing the list

@pytest.mark.django_db
def test_awardee_typed_by_the_office_joins_the_list(client_of, office_user, entered):
    data = {"kind": "individual", "name": "Nguyễn Thị Mai", "unit": "Sở Tư pháp", "gender": "female",
            "position": "Chánh Văn phòng", "date_of_birth": "05/01/1980"}

    response = client_of(office_user).post(reverse("awards:awardee_add", args=[entered.pk]), data)

    entered.refresh_from_db()
    person = entered.awardees.get(person__isnull=False).person
    assert response.status_code == 302
    assert (person.full_name, person.position, person.organization.name) == ("Nguyễn Thị Mai", "Chánh Văn phòng", "Sở Tư pháp")
    assert "05 tập thể và 01 cá nhân" in entered.article_1


@pytest.mark.django_db
def test_awardee_person_without_unit_or_gender_is_refused_keeping_what_was_typed(client_of, office_user, entered):
    response = client_of(office_user).post(reverse("awards:awardee_add", args=[entered.pk]), {"kind": "individual", "name": "Nguyễn Thị Mai"})

    assert response.status_code == 400
    assert response.context["awardee_form"].has_error("gender", code="gender_required")
    assert 'value="Nguyễn Thị Mai"' in response.content.decode()


@pytest.mark.django_db
def test_excel_list_is_imported_whole(client_of, office_user, award_form):
    decision = draft_decision(award_form, by=office_user, source=Decision.Source.ENTERED)
    upload = excel([
        ["STT", "Loại", "Họ và tên / Tên tập thể", "Giới tính", "Ngày sinh", "Chức vụ, chức danh", "Đơn vị"],
        [1, "Tập thể", "Phòng Hành chính tư pháp", None, None, None, "Sở Tư pháp"],
        [2, "Cá nhân", "Lê Văn Tám", "Nam", datetime.datetime(1979, 4, 30), "Trưởng phòng", "Sở Tư pháp"],
        [3, "Cá nhân", "Trần Thị Bích", "Nữ", "12/05/1985", "", "Sở Nội vụ"],
    ])

    response = client_of(office_user).post(reverse("awards:awardee_import", args=[decision.pk]), {"excel": upload})

    assert response.status_code == 302
    assert sorted(str(awardee) for awardee in decision.awardees.all()) == ["Lê Văn Tám", "Phòng Hành chính tư pháp", "Trần Thị Bích"]
    assert decision.awardees.get(person__full_name="Trần Thị Bích").person.date_of_birth == datetime.date(1985, 5, 12)


@pytest.mark.django_db
def test_excel_list_missing_a_column_is_refused_and_nothing_imported_nor_lost(client_of, office_user, entered):
    upload = excel([["STT", "Họ và tên", "Giới tính"], [1, "Lê Văn Tám", "Nam"]])

    response = client_of(office_user).post(reverse("awards:awardee_import", args=[entered.pk]), {"excel": upload})

    assert response.status_code == 400
    assert response.context["list_errors"] == ["Thiếu cột: Loại, Đơn vị."]
    assert entered.awardees.count() == 5


@pytest.mark.django_db
def test_excel_list_with_a_bad_date_row_is_refused_naming_the_row_and_imports_nothing(client_of, office_user, entered):
    upload = excel([
        ["Loại", "Họ và tên", "Giới tính", "Ngày sinh", "Đơn vị"],
        ["Cá nhân", "Lê Văn Tám", "Nam", "30/04/1979", "Sở Tư pháp"],
        ["Cá nhân", "Trần Thị Bích", "Nữ", "31/02/1985", "Sở Nội vụ"],
    ])

    response = client_of(office_user).post(reverse("awards:awardee_import", args=[entered.pk]), {"excel": upload})

    page = response.content.decode()
    assert response.context["list_errors"] == [
        "Dòng 3, cột Ngày sinh: ngày sinh “31/02/1985” không hợp lệ (ghi theo dạng ngày/tháng/năm, ví dụ 05/01/1980)."
    ]
    assert "Chưa nhập dòng nào" in page
    assert entered.awardees.count() == 5
    assert not entered.awardees.filter(person__full_name="Lê Văn Tám").exists()


@pytest.mark.django_db
def test_awardee_removed_from_a_draft_frees_article_1s_count(client_of, office_user, entered):
    awardee = entered.awardees.first()

    client_of(office_user).post(reverse("awards:awardee_remove", args=[entered.pk, awardee.pk]))

    entered.refresh_from_db()
    assert entered.awardees.count() == 4 and "cho 04 tập thể" in entered.article_1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_user", "leader", "council_member"])
def test_list_changes_and_the_proposal_are_refused_to_anyone_but_the_office(client_of, request, role, entered):
    client = client_of(request.getfixturevalue(role))
    awardee = entered.awardees.first()

    answers = [
        client.post(reverse("awards:awardee_add", args=[entered.pk]), {"kind": "collective", "name": "Phòng A"}).status_code,
        client.post(reverse("awards:awardee_import", args=[entered.pk]), {}).status_code,
        client.post(reverse("awards:awardee_remove", args=[entered.pk, awardee.pk])).status_code,
        client.post(reverse("awards:proposal_create", args=[entered.pk])).status_code,
    ]

    assert answers == [403, 403, 403, 403]
    assert entered.awardees.count() == 5


@pytest.mark.django_db
def test_list_of_a_signed_decision_cannot_change(client_of, office_user, chairman, entered):
    sign_decision(entered, by=chairman)

    response = client_of(office_user).post(reverse("awards:awardee_add", args=[entered.pk]), {"kind": "collective", "name": "Phòng A"})

    assert messages_of(response) == ["Quyết định đã ký: không thể sửa."]
    assert entered.awardees.count() == 5


# Articles

@pytest.mark.django_db
def test_short_list_reads_in_article_1_and_a_long_one_goes_to_the_annex(entered, office_user):
    short = decision_context(entered, awardees_in_order(entered))
    add_awardees(entered, [Entry(False, "Văn phòng Sở Xây dựng", "Sở Xây dựng")], by=office_user)
    long = decision_context(entered, awardees_in_order(entered))

    assert short["annex"] is None
    assert short["articles"][0][0].endswith(", gồm:")
    assert short["articles"][0][1] == "1. Văn phòng Công an thành phố Cần Thơ, Công an thành phố Cần Thơ;"
    assert short["articles"][0][-1].endswith(".")
    assert long["annex"]["collectives"][0]["name"] == "Văn phòng Công an thành phố Cần Thơ"
    assert long["articles"][0] == [long["articles"][0][0]] and long["articles"][0][0].endswith("(có danh sách kèm theo).")


@pytest.mark.django_db
def test_office_may_ask_for_an_annex_for_a_short_list(entered):
    entered.list_placement = Decision.ListPlacement.ANNEX

    context = decision_context(entered, awardees_in_order(entered))

    assert context["annex"] is not None and len(context["articles"][0]) == 1


@pytest.mark.django_db
def test_decision_of_two_articles_names_article_2_in_its_recipients(entered):
    entered.reward_computed = False
    entered.article_2 = ""

    context = decision_context(entered, awardees_in_order(entered))

    assert len(context["articles"]) == 2
    assert context["articles"][1][0].startswith("Quyết định này có hiệu lực kể từ ngày ký.")
    assert context["recipients"][0] == "Như Điều 2;"


@pytest.mark.django_db
def test_decision_of_four_articles_keeps_the_execution_last(entered):
    entered.extra_articles = "Giao Sở Nội vụ hướng dẫn thủ tục khen thưởng."

    context = decision_context(entered, awardees_in_order(entered), compute_reward(entered, 5, 0))

    assert len(context["articles"]) == 4
    assert context["articles"][2] == ["Giao Sở Nội vụ hướng dẫn thủ tục khen thưởng."]
    assert context["recipients"][0] == "Như Điều 4;"


# The office's tờ trình

@pytest.mark.django_db
def test_proposal_letter_is_numbered_in_the_offices_register_and_cited_by_the_decision(client_of, office_user, entered):
    office_user.organization.document_code = "STP"
    office_user.organization.save()

    response = client_of(office_user).post(reverse("awards:proposal_create", args=[entered.pk]))

    entered.refresh_from_db()
    assert response.status_code == 302
    assert entered.proposal.number_symbol == "01/TTr-STP"
    assert entered.legal_basis_lines[-1] == (
        "Theo đề nghị của Giám đốc Sở Tư pháp thành phố Cần Thơ tại Tờ trình số 01/TTr-STP ngày 24 tháng 11 năm 2026."
    )
    assert NumberSeries.take_next(office_user.organization, 2026) == 1  # the decisions' register is another one


@pytest.mark.django_db
def test_proposal_letter_pdf_names_the_authority_and_lists_the_awardees(client_of, office_user, entered):
    from pypdf import PdfReader

    office_user.organization.document_code = "STP"
    office_user.organization.save()
    issue_proposal_letter(entered, by=office_user)

    response = client_of(office_user).get(reverse("awards:proposal_pdf", args=[entered.pk]))

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages)
    assert "TỜ TRÌNH" in text and "Số: 01/TTr-STP" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân thành phố Cần Thơ." in text
    assert "Văn phòng Sở Nội vụ" in text


@pytest.mark.django_db
def test_proposal_letter_of_an_office_without_a_registered_abbreviation_is_refused(office_user, entered):
    office_user.organization.document_code = ""
    office_user.organization.save()

    with pytest.raises(DecisionError) as error:
        issue_proposal_letter(entered, by=office_user)

    assert error.value.code == "no_code"


# A Ministry decision from dossiers forwarded by a province

@pytest.fixture
def forwarded(office_user):
    ministry = OrganizationFactory(name="Bộ Tư pháp", document_code="BTP", kind=Organization.Kind.MINISTRY, province="")
    national = CampaignFactory(number="157/QĐ-BTP", issuing_organization=ministry, nomination_deadline=FAR, award_deadline=FAR,
                               issue_date=datetime.date(2022, 3, 1))
    minister_form = AwardFormFactory(campaign=national, name="Bằng khen của Bộ trưởng Bộ Tư pháp", kind="bang_khen",
                                     granting_organization=ministry, signer_title="Bộ trưởng Bộ Tư pháp")
    local_form = AwardFormFactory(campaign__implements=national, campaign__nomination_deadline=FAR, campaign__award_deadline=FAR)
    nomination = approved_nomination(campaign=local_form.campaign, award_form=local_form, nominee_person__full_name="Lê Thị Hoa",
                                     letter_number="45/TTr-STP", letter_date=datetime.date(2026, 6, 10))
    return nomination.forward(by=office_user, award_form=minister_form)


@pytest.fixture
def ministry_office(forwarded):
    """The Ministry's Vụ Thi đua – Khen thưởng, the office that drafts the Minister's decisions."""
    ministry = forwarded.award_form.granting_organization
    vu = OrganizationFactory(name="Vụ Thi đua - Khen thưởng", kind=Organization.Kind.MINISTRY_UNIT, parent=ministry, province="")
    return UserFactory(role=User.Role.STAFF, organization=vu)


@pytest.mark.django_db
def test_ministry_decision_from_forwarded_dossiers_cites_the_lower_bodys_letter_and_awards_them(client_of, ministry_office, forwarded):
    minister = UserFactory(role=User.Role.LEADER, organization=forwarded.award_form.granting_organization)
    client_of(ministry_office).post(reverse("awards:decision_create"), {"award_form": forwarded.award_form.pk, "source": "forwarded"})
    decision = Decision.objects.get()
    decision.signer_name = "Nguyễn Hải Ninh"
    decision.signing_authority = "BỘ TRƯỞNG"
    decision.save()

    response = client_of(minister).post(reverse("awards:decision_sign", args=[decision.pk]))

    decision.refresh_from_db()
    forwarded.refresh_from_db()
    lower_body = forwarded.forwarded_from.campaign.issuing_organization
    assert response.status_code == 302 and decision.number_symbol == "01/QĐ-BTP"
    assert f"Xét đề nghị của {lower_body} tại Tờ trình số 45/TTr-STP ngày 10 tháng 6 năm 2026;" in decision.legal_basis_lines
    assert forwarded.status == Nomination.Status.AWARDED
    assert decision.awards.get().nomination == forwarded


@pytest.mark.django_db
def test_forwarded_dossiers_are_offered_on_the_new_decision_page(client_of, ministry_office, forwarded):
    page = client_of(ministry_office).get(reverse("awards:decision_create")).content.decode()

    assert "Hồ sơ cấp dưới chuyển lên" in page
    assert "Lê Thị Hoa" in page and 'name="source" value="forwarded"' in page


@pytest.mark.django_db
def test_submitted_dossier_not_forwarded_cannot_be_awarded_without_a_vote(unit_user):
    nomination = approved_nomination()
    submitted = Nomination.objects.create(
        campaign=nomination.campaign, award_form=nomination.award_form, nominee_organization=OrganizationFactory(),
        submitting_unit=nomination.submitting_unit, status=Nomination.Status.SUBMITTED,
    )

    with pytest.raises(Exception) as error:
        submitted.mark_awarded(by=None)

    assert error.value.code == "not_approved"
