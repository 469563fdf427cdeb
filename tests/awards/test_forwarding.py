"""The Sở forwards its best dossiers to the Minister's award with its own tờ trình, and sees what became of them."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Organization, User
from awards.models import Decision, NumberSeries, ProposalLetter
from awards.services import draft_decision, sign_decision
from nominations.models import Nomination
from notifications.models import Notification
from tests.factories import (
    AwardFormFactory,
    CampaignFactory,
    NominationFactory,
    OrganizationFactory,
    UserFactory,
    approved_nomination,
)

FAR = datetime.date(2099, 1, 1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def minister_form(db):
    ministry = OrganizationFactory(name="Bộ Tư pháp", document_code="BTP", kind=Organization.Kind.MINISTRY, province="")
    national = CampaignFactory(number="157/QĐ-BTP", issuing_organization=ministry, nomination_deadline=FAR, award_deadline=FAR,
                               issue_date=datetime.date(2022, 3, 1), issue_place="Hà Nội")
    return AwardFormFactory(campaign=national, name="Bằng khen của Bộ trưởng Bộ Tư pháp", kind="bang_khen",
                            granting_organization=ministry, signer_title="Bộ trưởng Bộ Tư pháp")


@pytest.fixture
def local_form(minister_form):
    return AwardFormFactory(campaign__implements=minister_form.campaign, campaign__number="67/KH-UBND",
                            campaign__nomination_deadline=FAR, campaign__award_deadline=FAR)


@pytest.fixture
def approved(local_form):
    return [
        approved_nomination(campaign=local_form.campaign, award_form=local_form, nominee_person__full_name=name)
        for name in ("Lê Thị Hoa", "Trần Văn Đức")
    ]


def forward_url(campaign):
    return reverse("awards:forward", args=[campaign.pk])


def approved_dossiers(local_form, count, name="Nguyễn Văn Duyệt"):
    """Approved dossiers of the plan named "<name> 00", "<name> 01"…: the page lists them in that order."""
    return [NominationFactory(campaign=local_form.campaign, award_form=local_form, status=Nomination.Status.APPROVED,
                              nominee_person__full_name=f"{name} {n:02d}") for n in range(count)]


def carried(page):
    """The ids of the dossiers ticked on other pages, which the page sends along with its own ticks."""
    return [int(pk) for pk in re.findall(r'<input type="hidden" name="nominations" value="(\d+)">', page)]


@pytest.mark.django_db
def test_office_forwards_with_a_numbered_tờ_trình_attached_to_each_forwarded_dossier(client_of, office_user, minister_form, approved):
    NumberSeries.objects.create(organization=office_user.organization, kind=NumberSeries.Kind.PROPOSAL, year=2026, last_number=6)

    response = client_of(office_user).post(forward_url(approved[0].campaign), {
        "nominations": [n.pk for n in approved], "award_form": minister_form.pk, "signer_name": "Nguyễn Văn Sơn",
    }, follow=True)

    letter = ProposalLetter.objects.get()
    copies = Nomination.objects.filter(forwarded_from__in=approved).order_by("pk")
    attachment = copies[0].attachments.get(document_type="Tờ trình đề nghị khen thưởng")
    text = " ".join(PdfReader(io.BytesIO(attachment.file.read())).pages[0].extract_text().split())
    assert letter.number_symbol == "07/TTr-STP" and letter.decision is None
    assert "Đã chuyển 2 hồ sơ lên 157/QĐ-BTP kèm Tờ trình số 07/TTr-STP." in response.content.decode()
    assert [(c.campaign, c.status, c.letter_number, c.letter_signer) for c in copies] == [
        (minister_form.campaign, Nomination.Status.SUBMITTED, "07/TTr-STP", "Nguyễn Văn Sơn")] * 2
    assert set(letter.forwarded.all()) == set(copies)
    assert copies[1].attachments.get(document_type="Tờ trình đề nghị khen thưởng").file.name == attachment.file.name
    assert "Số: 07/TTr-STP" in text and "Kính gửi: Bộ trưởng Bộ Tư pháp" in text


@pytest.mark.django_db
def test_ministry_office_finds_the_dossiers_with_the_letter_and_cites_it_in_the_decision(client_of, office_user, minister_form, approved):
    client_of(office_user).post(forward_url(approved[0].campaign), {"nominations": [approved[0].pk], "award_form": minister_form.pk})
    vu = OrganizationFactory(name="Vụ Thi đua - Khen thưởng", kind=Organization.Kind.MINISTRY_UNIT,
                             parent=minister_form.granting_organization, province="")
    ministry_office = UserFactory(role=User.Role.STAFF, organization=vu)
    copy = Nomination.objects.get(forwarded_from=approved[0])

    page = client_of(ministry_office).get(copy.get_absolute_url()).content.decode()
    decision = draft_decision(minister_form, by=ministry_office, source=Decision.Source.FORWARDED)

    assert "01/TTr-STP" in page and "to-trinh-01-TTr-STP.pdf" in page
    assert any(line.startswith("Xét đề nghị của Sở Tư pháp thành phố Cần Thơ tại Tờ trình số 01/TTr-STP ngày 24 tháng 11 năm 2026")
               for line in decision.legal_basis_lines)


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "message"), [
    ("nothing", "Hãy chọn ít nhất một hồ sơ để chuyển lên cấp trên."),
    ("not_approved", "Chỉ chuyển lên cấp trên hồ sơ đã được phê duyệt; chưa được phê duyệt: Phạm Thị Lan."),
    ("no_code", "Cơ quan của bạn chưa đăng ký chữ viết tắt trên ký hiệu văn bản: không thể cấp số tờ trình."),
])
def test_bad_forwarding_is_refused_in_vietnamese_and_keeps_what_was_chosen(client_of, office_user, minister_form, approved, case, message):
    chosen = [approved[0].pk]
    if case == "not_approved":
        chosen.append(NominationFactory(campaign=approved[0].campaign, award_form=approved[0].award_form,
                                        nominee_person__full_name="Phạm Thị Lan", status=Nomination.Status.SUBMITTED).pk)
    if case == "nothing":
        chosen = []
    if case == "no_code":
        Organization.objects.filter(pk=office_user.organization_id).update(document_code="")
        office_user.refresh_from_db()

    response = client_of(office_user).post(forward_url(approved[0].campaign), {
        "nominations": chosen, "award_form": minister_form.pk, "signer_name": "Nguyễn Văn Sơn",
    })

    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert (f'value="{approved[0].pk}" id="forward-{approved[0].pk}" checked' in page) == bool(chosen)
    assert carried(page) == []  # a dossier that cannot go is named in the error, and no longer ticked
    assert 'value="Nguyễn Văn Sơn"' in page
    assert not ProposalLetter.objects.exists() and not Nomination.objects.filter(forwarded_from__isnull=False).exists()
    assert not NumberSeries.objects.filter(kind=NumberSeries.Kind.PROPOSAL, last_number__gt=0).exists()


@pytest.mark.django_db
def test_forward_page_preselects_the_dossier_it_was_opened_from_and_lists_only_approved_ones(client_of, office_user, approved):
    draft = NominationFactory(campaign=approved[0].campaign, nominee_person__full_name="Phạm Thị Lan")

    page = client_of(office_user).get(forward_url(approved[0].campaign), {"ho_so": approved[1].pk}).content.decode()

    assert f'value="{approved[1].pk}" id="forward-{approved[1].pk}" checked' in page
    assert f'value="{approved[0].pk}" id="forward-{approved[0].pk}">' in page
    assert "Phạm Thị Lan" not in page and draft.pk


@pytest.mark.django_db
def test_office_of_another_province_may_not_forward(client_of, minister_form, approved):
    an_giang = OrganizationFactory(name="Sở Tư pháp tỉnh An Giang", document_code="STP", province="An Giang",
                                   kind=Organization.Kind.JUSTICE_DEPARTMENT)
    stranger = UserFactory(role=User.Role.STAFF, organization=an_giang)

    response = client_of(stranger).post(forward_url(approved[0].campaign), {"nominations": [approved[0].pk], "award_form": minister_form.pk})

    assert response.status_code == 403 and not ProposalLetter.objects.exists()


@pytest.mark.django_db
def test_signed_ministry_decision_shows_the_outcome_to_the_province_and_tells_the_forwarding_office(
    client_of, office_user, unit_user, minister_form, approved,
):
    for nomination in approved:
        Nomination.objects.filter(pk=nomination.pk).update(submitting_unit=unit_user.organization)
    client_of(office_user).post(forward_url(approved[0].campaign), {"nominations": [n.pk for n in approved], "award_form": minister_form.pk})
    refused = Nomination.objects.get(forwarded_from=approved[1])
    refused.status = Nomination.Status.REJECTED
    refused.save(update_fields=["status"])
    ministry_office = UserFactory(role=User.Role.STAFF, organization=minister_form.granting_organization)
    decision = draft_decision(minister_form, by=ministry_office, source=Decision.Source.FORWARDED)
    decision.signer_name, decision.signing_authority = "Nguyễn Hải Ninh", "BỘ TRƯỞNG"
    decision.save()
    sign_decision(decision, by=UserFactory(role=User.Role.LEADER, organization=minister_form.granting_organization))

    office_page = client_of(office_user).get(forward_url(approved[0].campaign)).content.decode()
    unit_page = client_of(unit_user).get(approved[0].get_absolute_url()).content.decode()
    notice = Notification.objects.get(recipient=office_user, subject__startswith="Kết quả hồ sơ chuyển lên")

    results = " ".join(office_page[office_page.index("Tờ trình đã gửi"):].split())
    assert "Lê Thị Hoa</a></td> <td><span class=\"badge text-bg-dark\">Đã khen thưởng</span> <span class=\"small\">Quyết định số 01/QĐ-BTP" in results
    assert "Trần Văn Đức</a></td> <td><span class=\"badge text-bg-light border\">Không được đề nghị" in results
    assert "Kết quả" in unit_page and "Quyết định số 01/QĐ-BTP" in unit_page
    assert notice.subject == "Kết quả hồ sơ chuyển lên cấp trên: Quyết định số 01/QĐ-BTP"
    assert "1/2 hồ sơ đơn vị đã chuyển lên theo Tờ trình số 01/TTr-STP" in notice.body


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 4])
def test_forward_page_queries_do_not_grow_with_letters_or_candidates(client_of, office_user, minister_form, local_form, rows,
                                                                     django_assert_num_queries):
    client = client_of(office_user)
    for _ in range(rows):
        nomination = approved_nomination(campaign=local_form.campaign, award_form=local_form)
        client.post(forward_url(local_form.campaign), {"nominations": [nomination.pk], "award_form": minister_form.pk})
        approved_nomination(campaign=local_form.campaign, award_form=local_form)

    with django_assert_num_queries(19):
        response = client.get(forward_url(local_form.campaign))

    assert response.content.decode().count('name="nominations"') == rows


@pytest.mark.django_db
def test_forward_page_lists_the_approved_dossiers_twenty_to_a_page(client_of, office_user, local_form):
    approved_dossiers(local_form, 25)
    client = client_of(office_user)

    first = client.get(forward_url(local_form.campaign)).content.decode()
    second = client.post(forward_url(local_form.campaign), {"dossiers_page": 2}).content.decode()

    assert "Trang 1/2" in first and "25 kết quả" in first
    assert "Nguyễn Văn Duyệt 19" in first and "Nguyễn Văn Duyệt 20" not in first
    assert "Nguyễn Văn Duyệt 24" in second and "Nguyễn Văn Duyệt 19" not in second


@pytest.mark.django_db
def test_forward_page_search_ignores_diacritics(client_of, office_user, local_form):
    found, = approved_dossiers(local_form, 1, name="Nguyễn Văn Hùng")
    approved_dossiers(local_form, 1, name="Lê Thị Hoa")

    response = client_of(office_user).post(forward_url(local_form.campaign), {"q": "nguyen van", "search": "1"})

    assert list(response.context["page"]) == [found]
    assert 'value="nguyen van"' in response.content.decode()


@pytest.mark.django_db
def test_forward_page_keeps_the_ticks_and_the_typing_when_paging(client_of, office_user, minister_form, local_form):
    on_first_page = approved_dossiers(local_form, 25)[0]

    response = client_of(office_user).post(forward_url(local_form.campaign), {
        "nominations": [on_first_page.pk], "award_form": minister_form.pk, "signer_name": "Nguyễn Văn Sơn", "dossiers_page": 2,
    })

    page = response.content.decode()
    assert response.status_code == 200 and "Trang 2/2" in page
    assert carried(page) == [on_first_page.pk] and "Đã chọn 1 hồ sơ" in page
    assert 'value="Nguyễn Văn Sơn"' in page and f'<option value="{minister_form.pk}" selected>' in page
    assert "alert-danger" not in page and not ProposalLetter.objects.exists()


@pytest.mark.django_db
def test_forward_page_keeps_the_ticks_of_dossiers_the_search_hides(client_of, office_user, local_form):
    hidden, = approved_dossiers(local_form, 1, name="Lê Thị Hoa")
    found, = approved_dossiers(local_form, 1, name="Nguyễn Văn Hùng")

    response = client_of(office_user).post(forward_url(local_form.campaign), {
        "nominations": [hidden.pk, found.pk], "q": "nguyen", "search": "1",
    })

    page = response.content.decode()
    assert carried(page) == [hidden.pk]
    assert f'value="{found.pk}" id="forward-{found.pk}" checked' in page and "Đã chọn 2 hồ sơ" in page


@pytest.mark.django_db
def test_dossiers_ticked_on_two_pages_are_forwarded_under_one_tờ_trình(client_of, office_user, minister_form, local_form):
    dossiers = approved_dossiers(local_form, 25)
    client = client_of(office_user)
    second_page = client.post(forward_url(local_form.campaign), {"nominations": [dossiers[0].pk], "dossiers_page": 2})

    client.post(forward_url(local_form.campaign), {
        "nominations": [*carried(second_page.content.decode()), dossiers[24].pk], "award_form": minister_form.pk,
    })

    letter = ProposalLetter.objects.get()
    assert {copy.forwarded_from for copy in letter.forwarded.all()} == {dossiers[0], dossiers[24]}


@pytest.mark.django_db
def test_a_refused_forwarding_keeps_the_dossiers_ticked_on_other_pages(client_of, office_user, local_form):
    on_second_page = approved_dossiers(local_form, 25)[24]

    response = client_of(office_user).post(forward_url(local_form.campaign), {"nominations": [on_second_page.pk], "award_form": ""})

    page = response.content.decode()
    assert "Hãy chọn hình thức khen thưởng của cấp trên." in page
    assert carried(page) == [on_second_page.pk] and "Đã chọn 1 hồ sơ" in page
    assert not ProposalLetter.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [5, 50])
def test_forward_page_queries_do_not_grow_with_approved_dossiers(client_of, office_user, local_form, rows, django_assert_num_queries):
    dossiers = approved_dossiers(local_form, rows)
    client = client_of(office_user)

    with django_assert_num_queries(16):
        response = client.post(forward_url(local_form.campaign), {"nominations": [dossiers[0].pk, dossiers[-1].pk], "search": "1"})

    assert len(response.context["page"]) == min(rows, 20)


@pytest.mark.django_db
def test_sent_letters_page_by_htmx_alone_leaving_the_ticks_above_untouched(client_of, office_user, minister_form, approved):
    client = client_of(office_user)
    client.post(forward_url(approved[0].campaign), {"nominations": [approved[0].pk], "award_form": minister_form.pk})

    response = client.get(forward_url(approved[0].campaign), {"page": 1}, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert '<div id="sent-letters">' in page and "01/TTr-STP" in page
    assert "<form" not in page


@pytest.mark.django_db
def test_forward_page_carries_thousands_of_ticks_to_the_next_page(client_of, office_user, local_form):
    dossiers = approved_dossiers(local_form, 21)
    ticked = [dossiers[0].pk] * 3000  # as many fields as 3,000 dossiers ticked on other pages

    response = client_of(office_user).post(forward_url(local_form.campaign), {"nominations": ticked, "dossiers_page": 2})

    assert response.status_code == 200
    assert carried(response.content.decode()) == [dossiers[0].pk]
