import datetime
import html
import io
import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organization, User
from awards.models import Award, Decision
from awards.printing import certificate_contexts
from awards.services import draft_decision, sign_decision
from awards.tasks import fail_stuck_documents, generate_decision_documents
from tests.factories import (
    AwardFormFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    approved_nomination,
)

FAR = datetime.date(2099, 1, 1)


@pytest.fixture
def award_form(db):
    city = OrganizationFactory(name="Ủy ban nhân dân thành phố Cần Thơ", short_name="UBND TP Cần Thơ", document_code="UBND", kind=Organization.Kind.PEOPLES_COMMITTEE)
    return AwardFormFactory(
        name="Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", kind="bang_khen", granting_organization=city,
        signer_title="Chủ tịch Ủy ban nhân dân thành phố Cần Thơ",
        campaign__nomination_deadline=FAR, campaign__award_deadline=FAR, campaign__number="67/KH-UBND",
    )


def nominate(award_form, unit, **kwargs):
    return approved_nomination(campaign=award_form.campaign, award_form=award_form, submitting_unit=unit, **kwargs)


@pytest.fixture
def leader(award_form):
    """The city Chairman: the Bằng khen of the Chairman is signed by a leader of the committee, not of the Sở."""
    return UserFactory(username="chutich_test", full_name="Trần Việt Trường", role=User.Role.LEADER, organization=award_form.granting_organization)


@pytest.fixture
def draft(award_form, office_user, unit_user):
    """A draft granting the form to a person and a collective of the unit."""
    nominate(award_form, unit_user.organization, nominee_person__full_name="Nguyễn Thị Ngọc Hà", nominee_person__position="Phó Giám đốc")
    collective = OrganizationFactory(name="Phòng Nghiệp vụ 1", parent=unit_user.organization)
    nominate(award_form, unit_user.organization, nominee_person=None, nominee_organization=collective)
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.signing_authority = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    decision.save()
    return decision


@pytest.fixture
def signed(draft, leader):
    return sign_decision(draft, by=leader)


def make_decisions(count, office_user, unit):
    for number in range(count):
        award_form = AwardFormFactory(campaign__nomination_deadline=FAR, campaign__award_deadline=FAR)
        nominate(award_form, unit, nominee_person__full_name=f"Lê Văn Đạt {number}")
        draft_decision(award_form, by=office_user)


def edit_data(decision, **changes):
    data = {
        "reference": decision.number_symbol if decision.number else decision.symbol, "issue_place": decision.issue_place,
        "issue_date": decision.issue_date.strftime("%d/%m/%Y") if decision.issue_date else "", "summary": decision.summary, "authority": decision.authority, "parent_body": decision.parent_body,
        "legal_bases": decision.legal_bases, "article_1": decision.article_1, "article_2": decision.article_2,
        "article_3": decision.article_3, "recipients": decision.recipients, "list_placement": decision.list_placement,
        "reward_computed": "on" if decision.reward_computed else "", "reward_fund": decision.reward_fund,
        "extra_articles": decision.extra_articles,
        "signing_authority": decision.signing_authority, "signer_name": decision.signer_name,
    }
    return data | changes


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# The list of decisions

@pytest.mark.django_db
def test_decision_list_shows_the_office_drafts_with_number_status_and_documents_state(client_of, office_user, draft):
    page = client_of(office_user).get(reverse("awards:decisions")).content.decode()

    assert "…/QĐ-UBND" in page
    assert "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố" in page
    assert "67/KH-UBND" in page
    assert "Dự thảo" in page
    assert "Chưa tạo" in page


@pytest.mark.django_db
def test_decision_list_of_a_unit_holds_only_signed_decisions_granting_its_dossiers(client_of, unit_user, other_unit_user, signed, award_form, office_user):
    nominate(award_form, other_unit_user.organization)
    other = draft_decision(award_form, by=office_user)

    unit_page = client_of(unit_user).get(reverse("awards:decisions")).content.decode()
    other_page = client_of(other_unit_user).get(reverse("awards:decisions")).content.decode()

    assert signed.number_symbol in unit_page and other.number_symbol not in unit_page
    assert "Không có quyết định nào." in other_page


@pytest.mark.django_db
def test_decision_list_search_ignores_diacritics(client_of, office_user, draft):
    found = client_of(office_user).get(reverse("awards:decisions"), {"q": "bang khen chu tich"}).content.decode()
    missed = client_of(office_user).get(reverse("awards:decisions"), {"q": "giay khen"}).content.decode()

    assert "…/QĐ-UBND" in found
    assert "…/QĐ-UBND" not in missed


@pytest.mark.django_db
def test_decision_list_filters_by_status_and_year(client_of, leader, signed):
    signed_page = client_of(leader).get(reverse("awards:decisions"), {"status": "signed", "year": signed.year}).content.decode()
    drafts_page = client_of(leader).get(reverse("awards:decisions"), {"status": "draft"}).content.decode()
    other_year = client_of(leader).get(reverse("awards:decisions"), {"year": signed.year - 1}).content.decode()

    assert "01/QĐ-UBND" in signed_page
    assert "01/QĐ-UBND" not in drafts_page
    assert "01/QĐ-UBND" not in other_year


@pytest.mark.django_db
def test_decision_list_htmx_request_gets_only_the_rows(client_of, office_user, draft):
    response = client_of(office_user).get(reverse("awards:decisions"), HTTP_HX_REQUEST="true")

    assert "<html" not in response.content.decode()
    assert "…/QĐ-UBND" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_decision_list_query_count_does_not_grow_with_rows(client_of, office_user, unit_user, django_assert_num_queries, rows):
    make_decisions(rows, office_user, unit_user.organization)
    client = client_of(office_user)

    with django_assert_num_queries(9):
        response = client.get(reverse("awards:decisions"))

    assert response.status_code == 200


# Drafting a decision from the council's approvals

@pytest.mark.django_db
def test_decision_create_lists_the_approved_dossiers_awaiting_a_decision_per_award_form(client_of, office_user, unit_user, award_form):
    nominate(award_form, unit_user.organization, nominee_person__full_name="Trần Văn Đức")
    nominate(award_form, unit_user.organization, nominee_person__full_name="Lê Thị Thu")

    page = client_of(office_user).get(reverse("awards:decision_create")).content.decode()

    assert "67/KH-UBND" in page
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố" in page
    assert "Trần Văn Đức" in page and "Lê Thị Thu" in page
    assert "2 hồ sơ" in page


@pytest.mark.django_db
def test_decision_create_leaves_out_dossiers_already_in_a_draft(client_of, office_user, draft):
    page = client_of(office_user).get(reverse("awards:decision_create")).content.decode()

    assert "Nguyễn Thị Ngọc Hà" not in page
    assert "Không có hồ sơ nào đang chờ quyết định khen thưởng." in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_user", "council_member", "leader"])
def test_decision_create_is_refused_to_anyone_but_the_office(client_of, request, role, award_form):
    client = client_of(request.getfixturevalue(role))

    assert client.get(reverse("awards:decision_create")).status_code == 403
    assert client.post(reverse("awards:decision_create"), {"award_form": award_form.pk}).status_code == 403


@pytest.mark.django_db
def test_decision_create_drafts_a_decision_and_opens_it(client_of, office_user, unit_user, award_form):
    nomination = nominate(award_form, unit_user.organization)

    response = client_of(office_user).post(reverse("awards:decision_create"), {"award_form": award_form.pk})

    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == decision.get_absolute_url()
    assert decision.status == Decision.Status.DRAFT
    assert [awardee.nomination for awardee in decision.awardees.all()] == [nomination]


@pytest.mark.django_db
def test_decision_create_without_approved_dossiers_says_why(client_of, office_user, award_form):
    response = client_of(office_user).post(reverse("awards:decision_create"), {"award_form": award_form.pk})

    assert response.status_code == 302 and response.url == reverse("awards:decision_create")
    assert message_texts(response) == ["Chưa có hồ sơ nào được phê duyệt cho hình thức này."]
    assert not Decision.objects.exists()


# The decision page, per role

@pytest.mark.django_db
@pytest.mark.parametrize("role", ["office_user", "leader"])
def test_decision_page_shows_a_draft_to_the_office_and_the_leader(client_of, request, role, draft):
    page = client_of(request.getfixturevalue(role)).get(draft.get_absolute_url()).content.decode()

    assert "Số: …/QĐ-UBND" in page
    assert "Chưa có số và ngày" in page
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" in page
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in page
    assert "Nguyễn Ngọc Hè" in page


@pytest.mark.django_db
def test_decision_page_lists_collectives_and_individuals_separately(client_of, office_user, draft):
    page = client_of(office_user).get(draft.get_absolute_url()).content.decode()
    page = page[page.index('id="danh-sach"'):]

    assert page.index("I. Tập thể") < page.index("Phòng Nghiệp vụ 1") < page.index("II. Cá nhân") < page.index("Nguyễn Thị Ngọc Hà")
    assert "Phó Giám đốc" in page


@pytest.mark.django_db
def test_decision_page_shows_who_drafted_and_who_signed(client_of, office_user, leader, signed):
    page = client_of(office_user).get(signed.get_absolute_url()).content.decode()

    assert "Lập dự thảo" in page and str(office_user) in page
    assert "Ký quyết định" in page and str(leader) in page


@pytest.mark.django_db
def test_decision_page_of_a_signed_decision_opens_to_the_unit_whose_dossier_it_grants(client_of, unit_user, signed):
    response = client_of(unit_user).get(signed.get_absolute_url())

    assert response.status_code == 200
    assert "Sửa dự thảo" not in response.content.decode()


@pytest.mark.django_db
def test_decision_page_of_a_draft_is_refused_to_the_unit(client_of, unit_user, draft):
    assert client_of(unit_user).get(draft.get_absolute_url()).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["other_unit_user", "council_member"])
def test_decision_page_is_refused_to_another_unit_and_to_council_members(client_of, request, role, signed):
    client = client_of(request.getfixturevalue(role))

    assert client.get(signed.get_absolute_url()).status_code == 403
    assert client.get(reverse("awards:decision_export", args=[signed.pk])).status_code == 403


# Editing a draft

@pytest.mark.django_db
def test_decision_edit_saves_the_draft_and_records_who(client_of, office_user, draft):
    data = edit_data(draft, summary="Về việc tặng Bằng khen cho tập thể, cá nhân có thành tích xuất sắc", issue_date="20/11/2026")

    response = client_of(office_user).post(reverse("awards:decision_edit", args=[draft.pk]), data)

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.summary == "Về việc tặng Bằng khen cho tập thể, cá nhân có thành tích xuất sắc"
    assert draft.issue_date == datetime.date(2026, 11, 20)
    assert draft.history.last().actor == office_user


@pytest.mark.django_db
def test_decision_edit_of_an_unnumbered_draft_offers_the_symbol_to_complete(client_of, office_user, draft):
    page = client_of(office_user).get(reverse("awards:decision_edit", args=[draft.pk])).content.decode()

    assert 'name="reference" value="QĐ-UBND"' in page


@pytest.mark.django_db
def test_decision_edit_shows_the_issue_date_day_month_year(client_of, office_user, draft):
    draft.issue_date = datetime.date(2026, 11, 5)
    draft.save()

    page = client_of(office_user).get(reverse("awards:decision_edit", args=[draft.pk])).content.decode()

    assert 'value="05/11/2026"' in page


@pytest.mark.django_db
def test_decision_edit_with_a_bad_date_keeps_what_was_typed(client_of, office_user, draft):
    data = edit_data(draft, summary="Về việc tặng Bằng khen năm 2025 (bản sửa)", issue_date="31/02/2025")

    response = client_of(office_user).post(reverse("awards:decision_edit", args=[draft.pk]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].has_error("issue_date", code="invalid")
    assert "Ngày ban hành không hợp lệ" in page
    assert "Về việc tặng Bằng khen năm 2025 (bản sửa)" in page
    assert 'value="31/02/2025"' in page
    draft.refresh_from_db()
    assert draft.summary != "Về việc tặng Bằng khen năm 2025 (bản sửa)"


@pytest.mark.django_db
def test_decision_edit_with_a_date_outside_the_numbers_year_is_refused(client_of, office_user, draft):
    data = edit_data(draft, reference="71/2025/QĐ-UBND", issue_date="15/01/2026")

    response = client_of(office_user).post(reverse("awards:decision_edit", args=[draft.pk]), data)

    assert response.context["form"].has_error("reference", code="other_year")


@pytest.mark.django_db
def test_decision_edit_without_a_summary_says_so_in_vietnamese(client_of, office_user, draft):
    response = client_of(office_user).post(reverse("awards:decision_edit", args=[draft.pk]), edit_data(draft, summary=""))

    assert "Hãy nhập trích yếu." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["leader", "unit_user"])
def test_decision_edit_is_refused_to_anyone_but_the_office(client_of, request, role, draft):
    response = client_of(request.getfixturevalue(role)).post(reverse("awards:decision_edit", args=[draft.pk]), edit_data(draft, summary="Sửa trái phép"))

    assert response.status_code == 403


@pytest.mark.django_db
def test_decision_edit_of_a_signed_decision_is_refused(client_of, office_user, signed):
    client = client_of(office_user)

    opened = client.get(reverse("awards:decision_edit", args=[signed.pk]))
    posted = client.post(reverse("awards:decision_edit", args=[signed.pk]), edit_data(signed, summary="Sửa sau khi ký"))

    signed.refresh_from_db()
    assert opened.status_code == 302 and posted.status_code == 302
    assert message_texts(posted)[-1] == "Quyết định đã ký: không thể sửa."
    assert signed.summary != "Sửa sau khi ký"


# Signing

@pytest.mark.django_db
def test_decision_sign_button_is_shown_to_the_leader_only(client_of, office_user, leader, draft):
    leader_page = client_of(leader).get(draft.get_absolute_url()).content.decode()
    office_page = client_of(office_user).get(draft.get_absolute_url()).content.decode()

    assert reverse("awards:decision_sign", args=[draft.pk]) in leader_page
    assert reverse("awards:decision_sign", args=[draft.pk]) not in office_page


@pytest.mark.django_db
def test_decision_signed_by_the_leader_fills_the_register_and_queues_the_documents(client_of, leader, draft):
    response = client_of(leader).post(reverse("awards:decision_sign", args=[draft.pk]))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == Decision.Status.SIGNED and draft.signed_by == leader
    assert Award.objects.count() == 2
    assert draft.documents_state == Decision.DocumentsState.PENDING


@pytest.mark.django_db
def test_decision_sign_by_the_office_is_refused(client_of, office_user, draft):
    response = client_of(office_user).post(reverse("awards:decision_sign", args=[draft.pk]))

    draft.refresh_from_db()
    assert response.status_code == 403
    assert draft.status == Decision.Status.DRAFT


@pytest.mark.django_db
def test_decision_signed_twice_is_refused_and_registers_once(client_of, leader, draft):
    client = client_of(leader)
    client.post(reverse("awards:decision_sign", args=[draft.pk]))

    response = client.post(reverse("awards:decision_sign", args=[draft.pk]))

    assert message_texts(response)[-1] == "Quyết định đã được ký."
    assert Award.objects.count() == 2


@pytest.mark.django_db
def test_decision_sign_without_a_signer_named_in_the_draft_is_refused(client_of, leader, draft):
    draft.signer_name = ""
    draft.save()

    response = client_of(leader).post(reverse("awards:decision_sign", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.status == Decision.Status.DRAFT
    assert message_texts(response) == ["Dự thảo chưa ghi người ký: hãy ghi họ tên người có thẩm quyền ký."]


@pytest.mark.django_db
def test_decision_signed_is_read_only_for_everybody(client_of, office_user, leader, signed):
    for user in (office_user, leader):
        page = client_of(user).get(signed.get_absolute_url()).content.decode()

        assert reverse("awards:decision_edit", args=[signed.pk]) not in page
        assert reverse("awards:decision_sign", args=[signed.pk]) not in page


# Documents

@pytest.mark.django_db
def test_documents_panel_while_pending_shows_a_progress_bar_that_polls(client_of, office_user, draft):
    Decision.objects.filter(pk=draft.pk).update(documents_state="running", documents_progress=30)

    page = client_of(office_user).get(draft.get_absolute_url()).content.decode()

    assert '<progress class="documents-progress mb-2"' in page and 'value="30" max="100"' in page
    assert f'hx-get="{draft.get_absolute_url()}"' in page
    assert 'hx-trigger="every 2s"' in page and 'hx-swap="outerHTML"' in page


@pytest.mark.django_db
def test_documents_panel_polled_by_htmx_is_rendered_alone(client_of, office_user, draft):
    Decision.objects.filter(pk=draft.pk).update(documents_state="pending")

    response = client_of(office_user).get(draft.get_absolute_url(), HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert "<html" not in page
    assert page.strip().startswith('<div id="documents-panel"')
    assert 'hx-trigger="every 2s"' in page


@pytest.mark.django_db
def test_documents_panel_when_done_offers_the_downloads_and_stops_polling(client_of, office_user, signed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    generate_decision_documents(decision_id=signed.pk)

    page = client_of(office_user).get(signed.get_absolute_url()).content.decode()

    assert reverse("awards:decision_pdf", args=[signed.pk]) in page
    assert reverse("awards:certificates_pdf", args=[signed.pk]) in page
    award = signed.awards.first()
    assert reverse("awards:award_certificate", args=[signed.pk, award.pk]) in page
    assert "every 2s" not in page
    assert "/media/" not in page


@pytest.mark.django_db
def test_documents_panel_when_failed_shows_the_error_and_a_retry(client_of, office_user, draft):
    Decision.objects.filter(pk=draft.pk).update(documents_state="failed", documents_error="Không tạo được văn bản: đĩa đầy")

    page = client_of(office_user).get(draft.get_absolute_url()).content.decode()

    assert "Không tạo được văn bản: đĩa đầy" in page
    assert "Thử lại" in page
    assert "every 2s" not in page


@pytest.mark.django_db
def test_documents_panel_of_a_job_lost_in_a_crash_shows_the_error_and_a_retry_once_swept(client_of, office_user, draft):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Decision.objects.filter(pk=draft.pk).update(documents_state="running", documents_progress=5, documents_updated_at=long_ago)

    fail_stuck_documents()
    page = client_of(office_user).get(draft.get_absolute_url()).content.decode()

    assert "Quá thời gian tạo văn bản (máy chủ có thể đã khởi động lại giữa chừng)." in page
    assert "Thử lại" in page
    assert "every 2s" not in page


@pytest.mark.django_db
def test_documents_generate_queues_the_task_and_answers_htmx_with_the_panel(client_of, office_user, draft):
    response = client_of(office_user).post(reverse("awards:decision_documents", args=[draft.pk]), HTTP_HX_REQUEST="true")

    draft.refresh_from_db()
    assert draft.documents_state == Decision.DocumentsState.PENDING
    assert 'hx-trigger="every 2s"' in response.content.decode()


@pytest.mark.django_db
def test_documents_generate_renders_the_draft_pdf_after_commit(client_of, office_user, draft, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path

    with django_capture_on_commit_callbacks(execute=True):
        client_of(office_user).post(reverse("awards:decision_documents", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.documents_state == Decision.DocumentsState.DONE
    assert draft.pdf.name.endswith(f"du-thao-{draft.pk}.pdf")
    assert not draft.certificates_pdf


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_user", "council_member"])
def test_documents_generate_is_refused_to_units_and_council_members(client_of, request, role, signed):
    response = client_of(request.getfixturevalue(role)).post(reverse("awards:decision_documents", args=[signed.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_documents_download_serves_the_pdf_as_an_attachment(client_of, unit_user, signed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    generate_decision_documents(decision_id=signed.pk)

    response = client_of(unit_user).get(reverse("awards:decision_pdf", args=[signed.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_documents_download_of_certificates_is_refused_to_another_unit(client_of, other_unit_user, signed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    generate_decision_documents(decision_id=signed.pk)
    client = client_of(other_unit_user)

    assert client.get(reverse("awards:decision_pdf", args=[signed.pk])).status_code == 403
    assert client.get(reverse("awards:certificates_pdf", args=[signed.pk])).status_code == 403
    assert client.get(reverse("awards:award_certificate", args=[signed.pk, signed.awards.first().pk])).status_code == 403


@pytest.mark.django_db
def test_documents_download_before_generation_is_not_found(client_of, office_user, draft):
    assert client_of(office_user).get(reverse("awards:decision_pdf", args=[draft.pk])).status_code == 404


@pytest.mark.django_db
def test_award_certificate_is_one_framed_page_for_e_mail(client_of, office_user, signed):
    from pypdf import PdfReader

    award = signed.awards.first()
    response = client_of(office_user).get(reverse("awards:award_certificate", args=[signed.pk, award.pk]))

    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert response["Content-Disposition"].startswith("attachment;")
    assert len(pdf.pages) == 1
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf.pages[0].extract_text()


@pytest.mark.django_db
def test_award_certificate_of_another_decision_is_not_found(client_of, office_user, signed):
    response = client_of(office_user).get(reverse("awards:award_certificate", args=[signed.pk, 999999]))

    assert response.status_code == 404


# The register

@pytest.mark.django_db
def test_register_lists_every_award_with_its_decision_and_register_number(client_of, office_user, signed):
    page = client_of(office_user).get(reverse("awards:register")).content.decode()

    assert "Nguyễn Thị Ngọc Hà" in page and "Phòng Nghiệp vụ 1" in page
    assert f"01.001/{signed.year}" in page and f"01.002/{signed.year}" in page
    assert signed.issue_date.strftime("%d/%m/%Y") in page


@pytest.mark.django_db
def test_register_search_ignores_diacritics(client_of, office_user, signed):
    page = client_of(office_user).get(reverse("awards:register"), {"q": "nguyen thi ngoc ha"}).content.decode()

    assert "Nguyễn Thị Ngọc Hà" in page
    assert "Phòng Nghiệp vụ 1" not in page


@pytest.mark.django_db
def test_register_filters_by_collective_or_individual_form_kind_year_and_decision(client_of, office_user, signed):
    client = client_of(office_user)

    collectives = client.get(reverse("awards:register"), {"kind": "collective"}).content.decode()
    merit = client.get(reverse("awards:register"), {"award_kind": "bang_khen", "year": signed.year, "decision": signed.pk}).content.decode()
    commendations = client.get(reverse("awards:register"), {"award_kind": "giay_khen"}).content.decode()

    assert "Phòng Nghiệp vụ 1" in collectives and "Nguyễn Thị Ngọc Hà" not in collectives
    assert "Nguyễn Thị Ngọc Hà" in merit
    assert "Chưa có khen thưởng nào." in commendations


@pytest.mark.django_db
def test_register_of_a_unit_holds_only_its_own_awards(client_of, unit_user, other_unit_user, council_member, signed):
    own = client_of(unit_user).get(reverse("awards:register")).content.decode()
    other = client_of(other_unit_user).get(reverse("awards:register")).content.decode()
    council = client_of(council_member).get(reverse("awards:register")).content.decode()

    assert "Nguyễn Thị Ngọc Hà" in own
    assert "Nguyễn Thị Ngọc Hà" not in other
    assert "Nguyễn Thị Ngọc Hà" not in council


@pytest.mark.django_db
def test_register_offers_the_excel_export_to_the_office_only(client_of, office_user, unit_user, signed):
    office_page = client_of(office_user).get(reverse("awards:register")).content.decode()
    unit_page = client_of(unit_user).get(reverse("awards:register")).content.decode()

    assert reverse("awards:register_export") in office_page
    assert reverse("awards:register_export") not in unit_page


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_register_query_count_does_not_grow_with_rows(client_of, office_user, leader, unit_user, award_form, django_assert_num_queries, rows):
    for number in range(rows):
        nominate(award_form, unit_user.organization, nominee_person__full_name=f"Phạm Thị Mai {number}")
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    sign_decision(decision, by=leader)
    client = client_of(office_user)

    with django_assert_num_queries(11):
        response = client.get(reverse("awards:register"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_register_pages_by_sorting_awards_and_decisions_alone_then_reads_the_page_s_people(
    client_of, office_user, leader, unit_user, award_form,
):
    for number in range(25):
        nominate(award_form, unit_user.organization, nominee_person__full_name=f"Phạm Thị Mai {number:02d}")
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    sign_decision(decision, by=leader)

    with CaptureQueriesContext(connection) as queries:
        second = client_of(office_user).get(reverse("awards:register"), {"page": 2}).content.decode()

    paging = [query["sql"] for query in queries.captured_queries if "LIMIT 5 OFFSET 20" in query["sql"]]
    assert len(paging) == 1 and "accounts_person" not in paging[0]
    names = [award.person.full_name for award in Award.objects.order_by("position")]
    assert [name in second for name in names] == [False] * 20 + [True] * 5


# The history of one person and of one organization

@pytest.mark.django_db
@pytest.mark.parametrize("role", ["office_user", "leader", "unit_user"])
def test_person_history_lists_the_awards_of_the_person(client_of, request, role, signed):
    person = Award.objects.get(person__isnull=False).person

    page = client_of(request.getfixturevalue(role)).get(reverse("awards:person", args=[person.pk])).content.decode()

    assert "Nguyễn Thị Ngọc Hà" in page
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố" in page
    assert signed.number_symbol in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["other_unit_user", "council_member"])
def test_person_history_of_another_unit_is_refused(client_of, request, role, signed):
    person = Award.objects.get(person__isnull=False).person

    assert client_of(request.getfixturevalue(role)).get(reverse("awards:person", args=[person.pk])).status_code == 403


@pytest.mark.django_db
def test_organization_history_lists_its_own_and_its_people_awards(client_of, unit_user, signed):
    PersonFactory(full_name="Người chưa được khen", organization=unit_user.organization)

    page = client_of(unit_user).get(reverse("awards:organization", args=[unit_user.organization.pk])).content.decode()

    assert "Nguyễn Thị Ngọc Hà" in page
    assert "Người chưa được khen" not in page


@pytest.mark.django_db
def test_organization_history_of_another_unit_is_refused(client_of, other_unit_user, unit_user, signed):
    response = client_of(other_unit_user).get(reverse("awards:organization", args=[unit_user.organization.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_register_links_the_awardee_to_the_history(client_of, office_user, signed):
    person = Award.objects.get(person__isnull=False).person

    page = client_of(office_user).get(reverse("awards:register")).content.decode()

    assert reverse("awards:person", args=[person.pk]) in page
    assert reverse("awards:organization", args=[person.organization_id]) in page


# Navigation and admin

@pytest.mark.django_db
def test_navigation_links_the_decisions_and_the_register(client_of, unit_user):
    page = client_of(unit_user).get(reverse("home")).content.decode()

    assert f'href="{reverse("awards:decisions")}"' in page
    assert f'href="{reverse("awards:register")}"' in page


@pytest.mark.django_db
def test_admin_shows_a_decision_with_its_history(client_of, administrator, signed):
    client = client_of(administrator)

    assert client.get(reverse("admin:awards_decision_change", args=[signed.pk])).status_code == 200
    assert client.get(reverse("admin:awards_award_changelist")).status_code == 200
    assert client.get(reverse("admin:awards_numberseries_changelist")).status_code == 200


@pytest.mark.django_db
def test_admin_keeps_a_signed_decision_read_only(client_of, administrator, signed):
    response = client_of(administrator).get(reverse("admin:awards_decision_change", args=[signed.pk]))

    assert 'name="summary"' not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["office_user", "unit_user", "other_unit_user", "council_member", "leader"])
def test_decision_list_and_register_open_for_every_role(client_of, request, role, signed):
    client = client_of(request.getfixturevalue(role))

    assert client.get(reverse("awards:decisions")).status_code == 200
    assert client.get(reverse("awards:register")).status_code == 200


@pytest.mark.django_db
def test_register_htmx_request_gets_only_the_rows(client_of, office_user, signed):
    response = client_of(office_user).get(reverse("awards:register"), {"q": "ngoc ha"}, HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert "<html" not in page
    assert "Nguyễn Thị Ngọc Hà" in page
    assert f'{reverse("awards:register_export")}?q=ngoc+ha' in page


@pytest.mark.django_db
def test_award_certificate_of_another_units_awardee_is_refused(client_of, other_unit_user, signed, award_form):
    other_awardee = nominate(award_form, other_unit_user.organization, nominee_person__full_name="Lê Văn Khác")
    other_award = signed.awards.create(
        nomination=other_awardee, award_form=award_form, person=other_awardee.nominee_person, position=99,
        register_number="01.099/2026",
    )
    own = signed.awards.exclude(pk=other_award.pk).first()
    client = client_of(other_unit_user)

    refused = client.get(reverse("awards:award_certificate", args=[signed.pk, own.pk]))
    allowed = client.get(reverse("awards:award_certificate", args=[signed.pk, other_award.pk]))

    assert refused.status_code == 403
    assert allowed.status_code == 200


@pytest.mark.django_db
def test_certificates_to_print_on_blanks_are_for_the_office_not_units(client_of, unit_user, office_user, signed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    generate_decision_documents(decision_id=signed.pk)

    unit_response = client_of(unit_user).get(reverse("awards:certificates_pdf", args=[signed.pk]))
    office_response = client_of(office_user).get(reverse("awards:certificates_pdf", args=[signed.pk]))

    assert unit_response.status_code == 403
    assert office_response.status_code == 200


@pytest.mark.django_db
def test_decision_sign_asks_the_leader_to_confirm_in_a_dialog(client_of, leader, draft):
    page = client_of(leader).get(draft.get_absolute_url()).content.decode()

    assert 'id="sign-modal"' in page
    assert f'action="{reverse("awards:decision_sign", args=[draft.pk])}"' in page
    assert leader.get_full_name() in page


def test_verification_page_opens_to_anyone_with_the_award_and_its_decision(client, signed):
    award = signed.awards.get(person__full_name="Nguyễn Thị Ngọc Hà")

    response = client.get(award.get_verification_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Thị Ngọc Hà" in page
    assert f"Số {signed.number_symbol} ngày {signed.issue_date:%d/%m/%Y}" in page
    assert award.register_number in page


def test_verification_url_of_an_award_is_stable_and_unguessable(signed):
    award = signed.awards.first()

    assert award.get_verification_url() == f"/khen-thuong/xac-minh/{award.verification_code}/"
    assert len(award.verification_code) == 12
    assert signed.awards.values("verification_code").distinct().count() == signed.awards.count()


def test_verification_page_of_an_unknown_code_is_not_found(client, db):
    assert client.get(reverse("awards:verify", args=["ABCDEFGHJKLM"])).status_code == 404


def test_framed_certificate_points_its_qr_code_at_the_verification_page(signed, settings):
    settings.SITE_URL = "https://thidua.example.gov.vn/"
    award = signed.awards.first()

    context = certificate_contexts(signed, awards=signed.awards.filter(pk=award.pk))[0]

    assert context["verification_url"] == f"https://thidua.example.gov.vn/khen-thuong/xac-minh/{award.verification_code}/"


def approve_many(award_form, unit, count, name):
    """`count` dossiers of people named "<name> 00", "<name> 01"…, made approved at once: a long list, quickly."""
    for n in range(count):
        approved = PersonFactory(full_name=f"{name} {n:02d}", organization=unit)
        NominationFactory(campaign=award_form.campaign, award_form=award_form, submitting_unit=unit,
                          nominee_person=approved, status="approved")


@pytest.mark.django_db
def test_decision_create_pages_a_long_list_of_approvals(client_of, office_user, unit_user, award_form):
    approve_many(award_form, unit_user.organization, 25, "Nguyễn Văn Duyệt")
    client = client_of(office_user)

    first = client.get(reverse("awards:decision_create")).content.decode()
    second = client.get(reverse("awards:decision_create"), {"form": award_form.pk, "page": 2}).content.decode()

    assert "25 hồ sơ" in first and "Trang 1/2" in first
    assert "Nguyễn Văn Duyệt 19" in first and "Nguyễn Văn Duyệt 20" not in first
    assert "Nguyễn Văn Duyệt 24" in second and "Nguyễn Văn Duyệt 19" not in second


# Searching what awaits a decision

@pytest.mark.django_db
def test_decision_create_search_ignores_diacritics(client_of, office_user, unit_user, award_form):
    nominate(award_form, unit_user.organization, nominee_person__full_name="Nguyễn Văn Hùng")
    nominate(award_form, unit_user.organization, nominee_person__full_name="Trần Thị Lan")

    page = client_of(office_user).get(reverse("awards:decision_create"), {"q": "nguyen van"}).content.decode()

    assert "Nguyễn Văn Hùng" in page and "Trần Thị Lan" not in page
    assert 'value="nguyen van"' in page


@pytest.mark.django_db
def test_decision_create_search_still_counts_every_dossier_a_draft_would_list(client_of, office_user, unit_user, award_form):
    nominate(award_form, unit_user.organization, nominee_person__full_name="Nguyễn Văn Hùng")
    nominate(award_form, unit_user.organization, nominee_person__full_name="Trần Thị Lan")

    page = client_of(office_user).get(reverse("awards:decision_create"), {"q": "nguyen van"}).content.decode()

    assert "1 hồ sơ khớp tìm kiếm" in page and "2 hồ sơ</span>" in page
    assert "vẫn đưa vào dự thảo mọi hồ sơ đang chờ của hình thức" in page


@pytest.mark.django_db
def test_decision_create_search_keeps_the_query_when_paging_a_card(client_of, office_user, unit_user, award_form):
    approve_many(award_form, unit_user.organization, 25, "Nguyễn Văn Duyệt")
    nominate(award_form, unit_user.organization, nominee_person__full_name="Trần Thị Lan")
    client = client_of(office_user)

    first = client.get(reverse("awards:decision_create"), {"q": "nguyen van"}).content.decode()
    next_page = html.unescape(re.search(r'href="(\?[^"]*)">Sau<', first).group(1))
    second = client.get(reverse("awards:decision_create") + next_page).content.decode()

    assert "Trang 2/2" in second and 'value="nguyen van"' in second
    assert "Nguyễn Văn Duyệt 24" in second and "Trần Thị Lan" not in second


@pytest.mark.django_db
def test_decision_create_search_says_when_a_card_has_no_matching_dossier(client_of, office_user, unit_user, award_form):
    nominate(award_form, unit_user.organization, nominee_person__full_name="Trần Thị Lan")

    page = client_of(office_user).get(reverse("awards:decision_create"), {"q": "nguyen van"}).content.decode()

    assert "Không tìm thấy hồ sơ nào." in page
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố" in page and "Lập dự thảo quyết định" in page


@pytest.mark.django_db
def test_decision_create_search_offers_to_clear_it(client_of, office_user, award_form):
    client = client_of(office_user)

    searched = client.get(reverse("awards:decision_create"), {"q": "nguyen van"}).content.decode()
    unsearched = client.get(reverse("awards:decision_create")).content.decode()

    assert f'<a href="{reverse("awards:decision_create")}">Bỏ tìm kiếm</a>' in searched
    assert "Bỏ tìm kiếm" not in unsearched


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [5, 40])
def test_decision_create_search_query_count_does_not_grow_with_rows(
    client_of, office_user, unit_user, award_form, django_assert_num_queries, rows,
):
    approve_many(award_form, unit_user.organization, rows, "Nguyễn Văn Duyệt")
    client = client_of(office_user)

    with django_assert_num_queries(15):
        response = client.get(reverse("awards:decision_create"), {"q": "nguyen van"})

    assert response.status_code == 200
