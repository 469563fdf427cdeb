import datetime

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Person, User
from nominations.models import Nomination
from tests.factories import (
    AwardFormFactory,
    CouncilMemberFactory,
    CriterionFactory,
    MeetingFactory,
    NominationFactory,
    OfficeFactory,
    OrganizationFactory,
    QuotaRuleFactory,
    UserFactory,
)
from tests.files import ONE_PAGE_PDF, pdf_with

Status = Nomination.Status
PDF = ONE_PAGE_PDF


@pytest.fixture
def draft(unit_user):
    return NominationFactory(submitting_unit=unit_user.organization, award_form__required_documents=["Tờ trình"])


def submitted_by(nomination, user):
    nomination.attachments.create(document_type="Tờ trình", file="x.pdf", original_name="x.pdf", content_type="application/pdf", size=1)
    nomination.submit(by=user)
    return nomination


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_nomination_list_query_count_does_not_grow_with_rows(client_of, office_user, django_assert_num_queries, rows):
    for _ in range(rows):
        NominationFactory(status=Status.SUBMITTED)
    client = client_of(office_user)

    with django_assert_num_queries(15):
        response = client.get(reverse("nominations:list"))

    assert len(response.context["page"]) == rows


@pytest.mark.django_db
def test_nomination_list_of_a_unit_shows_only_its_own(client_of, unit_user, other_unit_user):
    own = NominationFactory(submitting_unit=unit_user.organization)
    NominationFactory(submitting_unit=other_unit_user.organization)

    response = client_of(unit_user).get(reverse("nominations:list"))

    assert list(response.context["page"]) == [own]


@pytest.mark.django_db
def test_nomination_list_search_ignores_diacritics_and_filters_by_kind(client_of, office_user):
    wanted = NominationFactory(nominee_person__full_name="Lê Thị Ngọc Hà", status=Status.SUBMITTED)
    NominationFactory(nominee_person__full_name="Phạm Văn Đông", status=Status.SUBMITTED)

    response = client_of(office_user).get(reverse("nominations:list"), {"q": "ngoc ha", "kind": "individual"})

    assert list(response.context["page"]) == [wanted]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status", [("unit", 200), ("other_unit", 403), ("office", 200), ("council", 403), ("leader", 200)]
)
def test_nomination_detail_per_role(client_of, draft, unit_user, other_unit_user, office_user, council_member, leader, role, status):
    user = {"unit": unit_user, "other_unit": other_unit_user, "office": office_user, "council": council_member, "leader": leader}[role]

    response = client_of(user).get(draft.get_absolute_url())

    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("role,status", [("office", 200), ("leader", 200), ("other_office", 403), ("other_leader", 403)])
def test_nomination_submitted_is_seen_by_the_office_it_is_sent_to_only(client_of, draft, unit_user, office_user, leader, role, status):
    province_b = OrganizationFactory(name="Sở Tư pháp tỉnh An Giang", kind="justice_department", province="An Giang")
    user = {
        "office": office_user, "leader": leader,
        "other_office": UserFactory(role=User.Role.STAFF, organization=province_b),
        "other_leader": UserFactory(role=User.Role.LEADER, organization=province_b),
    }[role]
    submitted_by(draft, unit_user)

    response = client_of(user).get(draft.get_absolute_url())

    assert response.status_code == status


@pytest.mark.django_db
def test_nomination_of_another_province_cannot_be_returned_by_its_office(client_of, draft, unit_user):
    other_office = UserFactory(role=User.Role.STAFF, organization=OrganizationFactory(province="An Giang"))
    submitted_by(draft, unit_user)

    response = client_of(other_office).post(reverse("nominations:return", args=[draft.pk]), {"reasons": "Thiếu tờ trình"})

    draft.refresh_from_db()
    assert (response.status_code, draft.status) == (403, Status.SUBMITTED)


@pytest.mark.django_db
def test_nomination_bulk_with_another_provinces_dossier_is_refused_whole(client_of, draft, unit_user, office_user):
    own = submitted_by(NominationFactory(submitting_unit=unit_user.organization), unit_user)
    foreign = NominationFactory(campaign__issuing_organization=OrganizationFactory(province="An Giang"))
    foreign.submit(by=None)

    response = client_of(office_user).post(
        reverse("nominations:bulk"), {"action": "return", "reasons": "Thiếu", "selected": [own.pk, foreign.pk]}
    )

    own.refresh_from_db()
    assert (response.status_code, own.status) == (403, Status.SUBMITTED)


@pytest.mark.django_db
def test_nomination_on_the_agenda_is_seen_by_the_councils_members_only(client_of, draft, unit_user):
    submitted_by(draft, unit_user)
    seat = CouncilMemberFactory()
    other_seat = CouncilMemberFactory()
    MeetingFactory(council=seat.council, campaign=draft.campaign).agenda.add(draft)

    answers = [client_of(user).get(draft.get_absolute_url()).status_code for user in (seat.user, other_seat.user)]

    assert answers == [200, 403]


@pytest.mark.django_db
def test_nomination_create_for_a_new_person_makes_a_draft(client_of, unit_user):
    campaign = NominationFactory().campaign
    data = {
        "award_form": campaign.award_forms.get().pk, "nominee_kind": "individual", "full_name": "Võ Thị Thu Trang",
        "gender": "female", "position": "Trợ giúp viên pháp lý", "title": "Trợ giúp viên pháp lý",
    }

    response = client_of(unit_user).post(reverse("nominations:create", args=[campaign.pk]), data)

    nomination = Nomination.objects.get(nominee_person__full_name="Võ Thị Thu Trang")
    assert response.url == reverse("nominations:edit", args=[nomination.pk])
    assert nomination.status == Status.DRAFT
    assert nomination.submitting_unit == unit_user.organization
    assert nomination.nominee_person.organization == unit_user.organization


@pytest.mark.django_db
def test_nomination_create_of_an_ineligible_person_shows_the_reason_and_keeps_the_form(client_of, unit_user):
    campaign = NominationFactory().campaign
    campaign.subjects.filter(kind="individual").update(position_titles=["Thẩm phán"])
    data = {
        "award_form": campaign.award_forms.get().pk, "nominee_kind": "individual", "full_name": "Võ Thị Thu Trang",
        "gender": "female", "title": "Chuyên viên",
    }

    response = client_of(unit_user).post(reverse("nominations:create", args=[campaign.pk]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "không thuộc đối tượng thi đua" in page
    assert "Võ Thị Thu Trang" in page
    assert not Person.objects.filter(full_name="Võ Thị Thu Trang").exists()


@pytest.mark.django_db
def test_nomination_create_without_a_nominee_is_refused_with_its_code(client_of, unit_user):
    campaign = NominationFactory().campaign

    response = client_of(unit_user).post(
        reverse("nominations:create", args=[campaign.pk]),
        {"award_form": campaign.award_forms.get().pk, "nominee_kind": "individual"},
    )

    assert response.context["form"].has_error("nominee_person", code="no_nominee")


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.STAFF, User.Role.COUNCIL_MEMBER, User.Role.LEADER])
def test_nomination_create_is_for_units_only(client_of, role):
    campaign = NominationFactory().campaign

    response = client_of(UserFactory(role=role)).get(reverse("nominations:create", args=[campaign.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_nomination_edit_saves_report_and_self_assessment(client_of, unit_user, draft):
    criterion = CriterionFactory(campaign=draft.campaign, number="4", target="Từ khá trở lên")
    draft.add_missing_assessments()
    client = client_of(unit_user)
    assessment = draft.assessments.get(criterion=criterion)
    data = {
        "dossier-achievement_report": "Tham gia 52 vụ việc tố tụng.", "dossier-letter_number": "15/TTr-TTTGPL",
        "dossier-letter_date": "2025-10-20", "dossier-letter_signer": "Nguyễn Văn An",
        "assessment-TOTAL_FORMS": "1", "assessment-INITIAL_FORMS": "1",
        "assessment-0-id": assessment.pk, "assessment-0-is_met": "True", "assessment-0-figure": "52",
    }

    client.post(reverse("nominations:edit", args=[draft.pk]), data)

    draft.refresh_from_db()
    assessment.refresh_from_db()
    assert draft.achievement_report == "Tham gia 52 vụ việc tố tụng."
    assert draft.letter_date == datetime.date(2025, 10, 20)
    assert (assessment.is_met, assessment.figure) == (True, 52)


@pytest.mark.django_db
def test_nomination_edit_of_a_returned_dossier_records_before_and_after(client_of, unit_user, office_user, draft):
    submitted_by(draft, unit_user).return_for_revision(by=office_user, reasons="Bổ sung số liệu")
    data = {
        "dossier-achievement_report": "Báo cáo đã bổ sung số liệu.", "dossier-letter_number": "",
        "assessment-TOTAL_FORMS": "0", "assessment-INITIAL_FORMS": "0",
    }

    client_of(unit_user).post(reverse("nominations:edit", args=[draft.pk]), data)

    edit = draft.history.exclude(changes={}).get()
    assert edit.changes["Báo cáo thành tích"] == [NominationFactory.achievement_report, "Báo cáo đã bổ sung số liệu."]
    assert edit.actor == unit_user


@pytest.mark.django_db
def test_nomination_edit_by_another_unit_is_forbidden(client_of, other_unit_user, draft):
    response = client_of(other_unit_user).get(reverse("nominations:edit", args=[draft.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_nomination_edit_by_the_office_is_forbidden(client_of, office_user, draft):
    response = client_of(office_user).get(reverse("nominations:edit", args=[draft.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_nomination_upload_of_a_real_pdf_is_attached(client_of, unit_user, draft):
    upload = SimpleUploadedFile("to-trinh.pdf", PDF, content_type="application/pdf")

    client_of(unit_user).post(reverse("nominations:upload", args=[draft.pk]), {"document_type": "Tờ trình", "file": upload})

    attachment = draft.attachments.get()
    assert (attachment.original_name, attachment.document_type, attachment.content_type) == ("to-trinh.pdf", "Tờ trình", "application/pdf")


@pytest.mark.django_db
def test_nomination_upload_of_a_disguised_file_is_refused_with_a_message(client_of, unit_user, draft):
    upload = SimpleUploadedFile("to-trinh.pdf", b"#!/bin/sh\necho khong phai pdf\n", content_type="application/pdf")

    response = client_of(unit_user).post(
        reverse("nominations:upload", args=[draft.pk]), {"document_type": "Tờ trình", "file": upload}, follow=True
    )

    assert not draft.attachments.exists()
    assert "alert-danger" in response.content.decode()


@pytest.mark.django_db
def test_nomination_upload_of_a_pdf_that_runs_javascript_is_refused_with_the_reason(client_of, unit_user, draft):
    def javascript_on_open(pdf):
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))

    upload = SimpleUploadedFile("to-trinh.pdf", pdf_with(javascript_on_open), content_type="application/pdf")

    response = client_of(unit_user).post(
        reverse("nominations:upload", args=[draft.pk]), {"document_type": "Tờ trình", "file": upload}, follow=True
    )

    assert not draft.attachments.exists()
    assert "Tệp “to-trinh.pdf” chứa mã lệnh, hành động tự chạy hoặc tệp đính kèm bên trong" in response.content.decode()


@pytest.mark.django_db
def test_nomination_upload_to_another_units_dossier_is_forbidden(client_of, other_unit_user, draft):
    upload = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")

    response = client_of(other_unit_user).post(reverse("nominations:upload", args=[draft.pk]), {"file": upload})

    assert response.status_code == 403
    assert not draft.attachments.exists()


@pytest.mark.django_db
def test_nomination_submit_without_the_required_document_shows_what_is_missing(client_of, unit_user, draft):
    response = client_of(unit_user).post(reverse("nominations:submit", args=[draft.pk]), follow=True)

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert "Hồ sơ còn thiếu: Tờ trình." in response.content.decode()


@pytest.mark.django_db
def test_nomination_submit_by_another_unit_is_forbidden(client_of, other_unit_user, draft):
    response = client_of(other_unit_user).post(reverse("nominations:submit", args=[draft.pk]))

    draft.refresh_from_db()
    assert response.status_code == 403
    assert draft.status == Status.DRAFT


@pytest.mark.django_db
def test_nomination_return_by_the_office_shows_reasons_to_the_unit(client_of, unit_user, office_user, draft):
    submitted_by(draft, unit_user)
    client_of(office_user).post(reverse("nominations:return", args=[draft.pk]), {"reasons": "Thiếu biên bản họp xét"})

    page = client_of(unit_user).get(draft.get_absolute_url()).content.decode()

    draft.refresh_from_db()
    assert draft.status == Status.RETURNED
    assert "Thiếu biên bản họp xét" in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit", "council", "leader"])
def test_nomination_return_outside_the_office_is_forbidden(client_of, unit_user, council_member, leader, draft, role):
    submitted_by(draft, unit_user)
    user = {"unit": unit_user, "council": council_member, "leader": leader}[role]

    response = client_of(user).post(reverse("nominations:return", args=[draft.pk]), {"reasons": "x"})

    assert response.status_code == 403


@pytest.mark.django_db
def test_nomination_appraise_then_accept_puts_it_in_review(client_of, unit_user, office_user, draft):
    submitted_by(draft, unit_user)
    client = client_of(office_user)
    form = client.get(reverse("nominations:appraise", args=[draft.pk])).context["form"]
    ticked = {name: "on" for name in form.fields if name.startswith("item_")}

    client.post(reverse("nominations:appraise", args=[draft.pk]), ticked | {"remarks": "Hồ sơ đầy đủ"})
    client.post(reverse("nominations:accept", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert draft.appraisals.get().is_complete


@pytest.mark.django_db
def test_nomination_accept_without_appraisal_shows_the_reason(client_of, unit_user, office_user, draft):
    submitted_by(draft, unit_user)

    response = client_of(office_user).post(reverse("nominations:accept", args=[draft.pk]), follow=True)

    assert "chưa được thẩm định" in response.content.decode()


@pytest.mark.django_db
def test_nomination_appraise_by_a_unit_is_forbidden(client_of, unit_user, draft):
    response = client_of(unit_user).get(reverse("nominations:appraise", args=[draft.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_nomination_bulk_return_returns_each_selected_dossier(client_of, unit_user, office_user, draft):
    other = NominationFactory(campaign=draft.campaign, award_form=draft.award_form, submitting_unit=unit_user.organization)
    for nomination in (draft, other):
        submitted_by(nomination, unit_user)

    client_of(office_user).post(
        reverse("nominations:bulk"), {"selected": [draft.pk, other.pk], "action": "return", "reasons": "Thiếu chữ ký"}
    )

    assert set(Nomination.objects.values_list("status", flat=True)) == {Status.RETURNED}


@pytest.mark.django_db
def test_nomination_bulk_by_a_unit_is_forbidden(client_of, unit_user, draft):
    response = client_of(unit_user).post(reverse("nominations:bulk"), {"selected": [draft.pk], "action": "accept"})

    assert response.status_code == 403


@pytest.mark.django_db
def test_nomination_withdraw_by_the_unit(client_of, unit_user, draft):
    client_of(unit_user).post(reverse("nominations:withdraw", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN


@pytest.mark.django_db
def test_nomination_attachment_download_by_another_unit_is_forbidden(client_of, unit_user, other_unit_user, draft):
    client_of(unit_user).post(
        reverse("nominations:upload", args=[draft.pk]),
        {"document_type": "Tờ trình", "file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")},
    )
    attachment = draft.attachments.get()

    response = client_of(other_unit_user).get(reverse("nominations:download", args=[draft.pk, attachment.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_nomination_create_page_shows_the_units_quota_used_and_left(client_of, unit_user):
    nomination = NominationFactory(submitting_unit=unit_user.organization)
    QuotaRuleFactory(award_form=nomination.award_form, per="unit", amount=3)
    nomination.submit(by=unit_user)

    page = client_of(unit_user).get(reverse("nominations:create", args=[nomination.campaign_id])).content.decode()

    assert "<strong>1/3</strong>, còn 2" in page


@pytest.mark.django_db
def test_nomination_create_in_a_draft_campaign_is_forbidden_to_a_unit(client_of, unit_user):
    from campaigns.models import Campaign

    campaign = NominationFactory().campaign
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)

    response = client_of(unit_user).get(reverse("nominations:create", args=[campaign.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_nomination_list_filters_offer_a_unit_neither_draft_campaigns_nor_other_units(client_of, unit_user, other_unit_user):
    from campaigns.models import Campaign

    draft_campaign = NominationFactory(campaign__status=Campaign.Status.DRAFT, campaign__number="99/KH-NHAP").campaign
    other = NominationFactory(submitting_unit=other_unit_user.organization)
    other.submit(by=other_unit_user)

    page = client_of(unit_user).get(reverse("nominations:list")).content.decode()

    assert draft_campaign.number not in page
    assert other_unit_user.organization.name not in page


@pytest.mark.django_db
def test_nomination_bulk_never_redirects_to_another_site(client_of, office_user):
    response = client_of(office_user).post(
        reverse("nominations:bulk"), {"selected": [], "action": "accept", "next": "https://evil.example/"}
    )

    assert response.url == reverse("nominations:list")


@pytest.mark.django_db
def test_nomination_create_after_the_units_deadline_says_so_before_any_typing(client_of, unit_user):
    import datetime

    from campaigns.models import Campaign

    campaign = NominationFactory().campaign
    Campaign.objects.filter(pk=campaign.pk).update(nomination_deadline=datetime.date(2025, 1, 1))

    response = client_of(unit_user).get(reverse("nominations:create", args=[campaign.pk]), follow=True)

    assert "Đã quá hạn nộp hồ sơ (01/01/2025)." in response.content.decode()
    assert "Tạo hồ sơ đề nghị" not in response.content.decode().split("</nav>", 1)[1]


@pytest.mark.django_db
def test_nomination_created_by_a_unit_has_one_self_assessment_row_per_criterion(client_of, unit_user):
    campaign = NominationFactory().campaign
    for number in ("1", "2"):
        CriterionFactory(campaign=campaign, number=number)
    data = {"award_form": campaign.award_forms.get().pk, "nominee_kind": "individual", "full_name": "Đỗ Thị Lan", "gender": "female"}

    client_of(unit_user).post(reverse("nominations:create", args=[campaign.pk]), data)

    nomination = Nomination.objects.get(nominee_person__full_name="Đỗ Thị Lan")
    assert sorted(nomination.assessments.values_list("criterion__number", flat=True)) == ["1", "2"]


@pytest.mark.django_db
def test_nomination_withdraw_asks_for_confirmation_in_a_dialog(client_of, unit_user, draft):
    page = client_of(unit_user).get(draft.get_absolute_url()).content.decode()

    assert 'data-bs-target="#withdraw-modal"' in page
    assert f'action="{reverse("nominations:withdraw", args=[draft.pk])}"' in page
    assert "Xác nhận rút hồ sơ" in page


# The unit filter: searched as the user types, not a select of every unit

@pytest.mark.django_db
def test_nomination_unit_picker_finds_units_without_diacritics(client_of, office_user):
    NominationFactory(submitting_unit__name="Tòa án nhân dân huyện Phong Điền")
    NominationFactory(submitting_unit__name="Công an thành phố Cần Thơ")

    response = client_of(office_user).get(reverse("nominations:unit_picker"), {"name": "submitting_unit", "id": "id_unit", "term": "phong dien"})

    assert "Tòa án nhân dân huyện Phong Điền" in response.content.decode()
    assert "Công an thành phố Cần Thơ" not in response.content.decode()


@pytest.mark.django_db
def test_nomination_unit_picker_leaves_out_units_that_sent_no_dossier(client_of, office_user):
    UserFactory(organization__name="Tòa án nhân dân huyện Phong Điền")

    response = client_of(office_user).get(reverse("nominations:unit_picker"), {"name": "submitting_unit", "id": "id_unit", "term": "phong"})

    assert "Phong Điền" not in response.content.decode()


@pytest.mark.django_db
def test_nomination_unit_picker_keeps_the_chosen_unit_and_reloads_the_list(client_of, office_user):
    nomination = NominationFactory(submitting_unit__name="Tòa án nhân dân huyện Phong Điền")

    response = client_of(office_user).get(
        reverse("nominations:unit_picker"), {"name": "submitting_unit", "id": "id_unit", "chosen": nomination.submitting_unit_id}
    )

    assert f'name="submitting_unit" value="{nomination.submitting_unit_id}"' in response.content.decode()
    assert "Tòa án nhân dân huyện Phong Điền" in response.content.decode()
    assert response.headers["HX-Trigger-After-Settle"] == "picked"


@pytest.mark.django_db
def test_nomination_unit_picker_is_refused_to_a_unit(client_of, unit_user):
    response = client_of(unit_user).get(reverse("nominations:unit_picker"), {"name": "submitting_unit", "id": "id_unit", "term": "a"})

    assert response.status_code == 403


@pytest.mark.django_db
def test_nomination_list_filters_by_the_picked_unit_without_listing_every_unit(client_of, office_user):
    picked = NominationFactory(submitting_unit__name="Tòa án nhân dân huyện Phong Điền", nominee_person__full_name="Lê Văn Chọn")
    NominationFactory(nominee_person__full_name="Phạm Thị Khác")

    page = client_of(office_user).get(reverse("nominations:list"), {"submitting_unit": picked.submitting_unit_id}).content.decode()

    assert "Lê Văn Chọn" in page and "Phạm Thị Khác" not in page
    assert "<option" not in page.split('id="id_submitting_unit_picker"')[1].split("</div>")[0]


@pytest.mark.django_db
def test_nomination_list_says_more_than_the_cap_instead_of_counting_every_dossier(client_of, office_user, monkeypatch):
    monkeypatch.setattr("core.pagination.CappedPaginator.cap", 2)
    NominationFactory.create_batch(3)

    page = client_of(office_user).get(reverse("nominations:list")).content.decode()

    assert "Hơn 2 kết quả" in page


@pytest.mark.django_db
def test_the_higher_body_follows_sent_dossiers_of_plans_carrying_out_its_own_but_cannot_select_them(client_of, unit_user):
    ministry = OfficeFactory(name="Vụ Thi đua – Khen thưởng", parent=OrganizationFactory(name="Bộ Tư pháp"))
    ministry_staff = UserFactory(role=User.Role.STAFF, organization=ministry)
    ministry_plan = AwardFormFactory(campaign__issuing_organization=ministry_staff.organization).campaign
    sent = NominationFactory(status=Status.SUBMITTED, campaign__implements=ministry_plan, submitting_unit=unit_user.organization)
    NominationFactory(status=Status.DRAFT, campaign=sent.campaign, submitting_unit=unit_user.organization)

    page = client_of(ministry_staff).get(reverse("nominations:list"))

    assert list(page.context["page"]) == [sent]
    assert f'name="selected" value="{sent.pk}"' not in page.content.decode()
