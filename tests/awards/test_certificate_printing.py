"""A signed decision's certificates as printed: the QR code read off the page opens the award's public page; the
award form's blank positions and emblem are used."""

from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from awards.printing import certificate_contexts
from documents.typesetting import render_certificates
from tests.awards.test_revocation import award, revoking  # noqa: F401  the award and a later decision revoking it
from tests.awards.test_views import award_form, draft, leader, signed  # noqa: F401  the decision fixtures
from tests.documents.pdf_reading import MM, colour_box, qr_codes, text_boxes
from tests.documents.samples import EMBLEM_BLUE, emblem_png

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


@pytest.mark.django_db
def test_certificates_on_blanks_print_at_the_positions_set_for_the_award_form(signed):  # noqa: F811
    signed.award_form.blank_positions = {"awardee": {"top": 95, "left": 20, "width": 150, "height": 30}}
    signed.award_form.save()

    pdf = render_certificates(certificate_contexts(signed, print_on_blank=True))

    name_lines = [corners for _, text, *corners in text_boxes(pdf) if text == "Bà Nguyễn Thị Ngọc Hà"]
    x0, y0, x1, _ = (corner / MM for corner in name_lines[0])
    assert 95 <= y0 < 95 + 4
    assert 20 <= x0 and x1 <= 20 + 150


@pytest.mark.django_db
def test_framed_certificate_carries_the_emblem_uploaded_for_its_award_form(award):  # noqa: F811
    one_award = award.decision.awards.filter(pk=award.pk)
    without = render_certificates(certificate_contexts(award.decision, awards=one_award))
    award.decision.award_form.emblem.save("quoc-huy.png", ContentFile(emblem_png()))

    framed = render_certificates(certificate_contexts(award.decision, awards=one_award))

    assert colour_box(framed, EMBLEM_BLUE) is not None
    assert colour_box(without, EMBLEM_BLUE) is None
