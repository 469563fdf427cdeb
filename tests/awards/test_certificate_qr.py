"""The QR code printed on a framed certificate, read from the page's image, opens the award's public page."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.awards.test_revocation import award, revoking  # noqa: F401  the award and a later decision revoking it
from tests.awards.test_views import award_form, draft, leader, signed  # noqa: F401  the decision fixtures
from tests.documents.pdf_reading import qr_codes

SITE = "https://thidua.example.gov.vn"


def scanned_url(client, award):  # noqa: F811
    """Download the award's framed certificate as its office does and read the QR code off the printed page."""
    response = client.get(reverse("awards:award_certificate", args=[award.decision_id, award.pk]))
    [url] = qr_codes(b"".join(response.streaming_content))
    return url


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE + "/"


@pytest.mark.django_db
def test_qr_code_on_the_certificate_opens_the_awards_verification_page(client_of, client, office_user, award, site):  # noqa: F811
    url = scanned_url(client_of(office_user), award)
    client.logout()

    response = client.get(urlsplit(url).path)

    assert url == f"{SITE}/khen-thuong/xac-minh/{award.verification_code}/"
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Thị Ngọc Hà" in page
    assert award.decision.number_symbol in page
    assert "đã bị thu hồi" not in page


@pytest.mark.django_db
def test_qr_code_of_a_revoked_award_opens_a_page_that_says_it_was_revoked(
    client_of, client, office_user, award, revoking, site  # noqa: F811
):
    url = scanned_url(client_of(office_user), award)
    award.revoke(decision=revoking, reason="Kê khai không trung thực", by=office_user)
    client.logout()

    page = client.get(urlsplit(url).path).content.decode()

    assert f"Khen thưởng này đã bị thu hồi theo Quyết định số {revoking.number_symbol}" in page
