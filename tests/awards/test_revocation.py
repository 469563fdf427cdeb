"""An award is revoked by a later signed decision of the same body: the register and the public page say so."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from awards.models import Award, DecisionError
from awards.services import draft_decision, sign_decision
from tests.awards.test_views import FAR, award_form, draft, leader, nominate, signed  # noqa: F401  the decision fixtures
from tests.documents.pdf_reading import page_text, read
from tests.factories import AwardFormFactory, UserFactory


@pytest.fixture
def revoking(award_form, office_user, leader, unit_user, signed):  # noqa: F811
    """A later decision of the same body (another award form of the same body, signed the next day)."""
    later_form = AwardFormFactory(
        granting_organization=award_form.granting_organization, signer_title=award_form.signer_title,
        campaign__nomination_deadline=FAR, campaign__award_deadline=FAR,
    )
    nominate(later_form, unit_user.organization, nominee_person__full_name="Trần Văn Bình")
    decision = draft_decision(later_form, by=office_user)
    decision.issuing_organization = signed.issuing_organization
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.save()
    return sign_decision(decision, by=leader)


@pytest.fixture
def award(signed):  # noqa: F811
    return signed.awards.get(person__full_name="Nguyễn Thị Ngọc Hà")


def revoke(client, award, decision, reason="Phát hiện kê khai thành tích không trung thực"):
    return client.post(reverse("awards:revoke", args=[award.pk]), {"decision": decision.pk, "reason": reason}, follow=True)


@pytest.mark.django_db
def test_award_revoked_by_the_office_shows_in_the_register_and_both_histories(client_of, office_user, award, revoking):
    response = revoke(client_of(office_user), award, revoking)

    award.refresh_from_db()
    register = client_of(office_user).get(reverse("awards:register")).content.decode()
    assert "Đã ghi nhận thu hồi khen thưởng của Nguyễn Thị Ngọc Hà." in response.content.decode()
    assert award.revoked_in == revoking
    assert f"Đã thu hồi ({revoking.number_symbol})" in register
    assert "Thu hồi khen thưởng của Nguyễn Thị Ngọc Hà" in revoking.history.last().note
    assert "Thu hồi khen thưởng của Nguyễn Thị Ngọc Hà" in award.decision.history.last().note


@pytest.mark.django_db
def test_revocation_reprints_the_certificates_for_blanks_without_the_revoked_award(
    client_of, office_user, award, revoking, settings, tmp_path, django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path

    with django_capture_on_commit_callbacks(execute=True):
        revoke(client_of(office_user), award, revoking)

    decision = award.decision
    decision.refresh_from_db()
    with decision.certificates_pdf.open("rb") as certificates:
        pages = read(certificates.read())
    awardees = [page_text(pages, index) for index in range(len(pages.pages))]
    assert len(awardees) == decision.awards.count() - 1
    assert not any("Nguyễn Thị Ngọc Hà" in text for text in awardees)


@pytest.mark.django_db
def test_revoked_award_has_no_digital_certificate_any_more(client_of, office_user, award, revoking):
    award.revoke(decision=revoking, reason="Kê khai không trung thực", by=office_user)
    client = client_of(office_user)
    certificate = reverse("awards:award_certificate", args=[award.decision.pk, award.pk])

    page = client.get(award.decision.get_absolute_url()).content.decode()
    response = client.get(certificate, follow=True)

    assert certificate not in page and "Đã thu hồi" in page
    assert response.redirect_chain[-1][0] == award.decision.get_absolute_url()
    assert "Khen thưởng của Nguyễn Thị Ngọc Hà đã bị thu hồi: không còn bản điện tử." in response.content.decode()


@pytest.mark.django_db
def test_verification_page_of_a_revoked_award_says_so(client, office_user, award, revoking):
    award.revoke(decision=revoking, reason="Kê khai không trung thực", by=office_user)

    page = client.get(award.get_verification_url()).content.decode()

    assert f"Khen thưởng này đã bị thu hồi theo Quyết định số {revoking.number_symbol}" in page
    assert "Kê khai không trung thực" not in page


@pytest.mark.django_db
def test_award_revoked_twice_is_refused(office_user, award, revoking):
    award.revoke(decision=revoking, reason="Lần một", by=office_user)

    with pytest.raises(DecisionError) as error:
        award.revoke(decision=revoking, reason="Lần hai", by=office_user)

    assert error.value.code == "already_revoked"


@pytest.mark.django_db
def test_award_revoked_by_its_own_decision_or_an_earlier_one_is_refused(office_user, award, revoking):
    type(revoking).objects.filter(pk=revoking.pk).update(issue_date=award.decision.issue_date - datetime.timedelta(days=1))
    revoking.refresh_from_db()

    with pytest.raises(DecisionError) as earlier:
        award.revoke(decision=revoking, reason="Sai", by=office_user)
    with pytest.raises(DecisionError) as own:
        award.revoke(decision=award.decision, reason="Sai", by=office_user)

    assert (earlier.value.code, own.value.code) == ("decision_before_award", "decision_before_award")
    assert not Award.objects.filter(revoked_in__isnull=False).exists()


@pytest.mark.django_db
def test_award_revocation_without_a_reason_keeps_the_choice(client_of, office_user, award, revoking):
    response = revoke(client_of(office_user), award, revoking, reason="  ")

    assert response.context["form"].has_error("reason")
    assert response.context["form"]["decision"].value() == str(revoking.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.UNIT, User.Role.LEADER, User.Role.COUNCIL_MEMBER])
def test_award_revocation_is_for_the_office_only(client_of, award, revoking, role):
    response = client_of(UserFactory(role=role)).post(
        reverse("awards:revoke", args=[award.pk]), {"decision": revoking.pk, "reason": "Không được phép"}
    )

    award.refresh_from_db()
    assert response.status_code == 403
    assert not award.is_revoked


@pytest.mark.django_db
def test_verification_lookup_by_code_finds_the_award(client, award):
    page = client.get(reverse("awards:verify_lookup"), {"ma": award.verification_code.lower()}).content.decode()

    assert "Nguyễn Thị Ngọc Hà" in page


@pytest.mark.django_db
def test_verification_lookup_of_an_unknown_code_says_so(client):
    response = client.get(reverse("awards:verify_lookup"), {"ma": "ABCDEFGHJKLM"})

    assert response.status_code == 404
    assert "Không tìm thấy khen thưởng nào có mã ABCDEFGHJKLM" in response.content.decode()


@pytest.mark.django_db
def test_verification_lookups_are_rate_limited(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "verify-test"}}

    answers = [client.get(reverse("awards:verify_lookup"), {"ma": f"CODE{n}"}).status_code for n in range(31)]

    assert answers[:30] == [404] * 30
    assert answers[30] == 429
