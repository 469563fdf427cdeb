"""The chair and the secretary sign the council's minutes digitally (PAdES), as leaders sign decisions."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from councils.models import Meeting
from councils.tasks import generate_minutes
from documents.signing import _certificate
from tests.factories import CouncilMemberFactory, MeetingFactory
from tests.signing_ca import make_test_ca
from tests.softhsm import PIN, TOKEN_LABEL


@pytest.fixture(scope="module")
def test_ca():
    return make_test_ca()


@pytest.fixture
def meeting(db, settings, tmp_path):
    """A meeting with its minutes PDF rendered, as the portal makes it when the meeting ends."""
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(title="Họp xét khen thưởng phong trào Trợ giúp pháp lý")
    generate_minutes(meeting_id=meeting.pk)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def chair(meeting):
    return CouncilMemberFactory(council=meeting.council, role="chair").user


@pytest.fixture
def secretary(meeting):
    return CouncilMemberFactory(council=meeting.council, role="secretary", is_voting=False).user


@pytest.fixture
def trusted_root(settings, tmp_path, test_ca):
    root = tmp_path / "root-ca.pem"
    root.write_bytes(test_ca["root"])
    settings.SIGNATURE_TRUST_ROOTS = [str(root)]


def test_minutes_the_portal_makes_are_pdf_a_2b_for_the_archives(meeting):
    with meeting.minutes_pdf.open("rb") as stored_pdf, pikepdf.open(io.BytesIO(stored_pdf.read())) as pdf:
        assert pdf.open_metadata().pdfa_status == "2B"
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"


def sign_minutes(client, meeting, test_ca, passphrase="mat-khau", certificate=None):
    upload = SimpleUploadedFile("chu-tich.p12", certificate or test_ca["p12"], content_type="application/x-pkcs12")
    url = reverse("councils:meeting_minutes_sign", args=[meeting.pk])
    return client.post(url, {"certificate": upload, "passphrase": passphrase}, follow=True)


def stored(meeting):
    meeting.refresh_from_db()
    with meeting.minutes_pdf.open("rb") as pdf:
        return pdf.read()


@pytest.mark.django_db
def test_minutes_signed_by_the_chair_verify_with_pyhanko_and_the_page_shows_it(client_of, chair, meeting, test_ca, trusted_root):
    response = sign_minutes(client_of(chair), meeting, test_ca)

    page = response.content.decode()
    assert "Đã ký số biên bản họp." in page
    assert "Hợp lệ" in page
    assert "Người ký: Phạm Văn Lộc" in page
    reader = PdfFileReader(io.BytesIO(stored(meeting)))
    context = ValidationContext(trust_roots=[_certificate(test_ca["root"])], allow_fetching=False)
    [signature] = reader.embedded_signatures
    status = validate_pdf_signature(signature, context)
    assert status.bottom_line and status.coverage.name == "ENTIRE_FILE"
    assert reader.root["/Metadata"] is not None  # still the archival PDF/A, signed by an incremental update
    entry = meeting.history.last()
    assert (entry.actor, entry.note) == (chair, "Chủ tịch ký số biên bản")


@pytest.mark.django_db
def test_minutes_signed_by_the_secretary_then_the_chair_carry_both_signatures(client_of, chair, secretary, meeting, test_ca, trusted_root):
    sign_minutes(client_of(secretary), meeting, test_ca)
    page = sign_minutes(client_of(chair), meeting, test_ca).content.decode()

    assert page.count("Hợp lệ") == 2
    assert [entry.note for entry in meeting.history.all()][-2:] == ["Thư ký ký số biên bản", "Chủ tịch ký số biên bản"]


@pytest.mark.django_db
@pytest.mark.parametrize(("passphrase", "certificate"), [("sai-mat-khau", None), ("mat-khau", b"%PDF-1.7 not a certificate")])
def test_minutes_signed_with_a_wrong_password_or_file_are_refused_and_unchanged(client_of, chair, meeting, test_ca, passphrase, certificate):
    before = stored(meeting)

    response = sign_minutes(client_of(chair), meeting, test_ca, passphrase=passphrase, certificate=certificate)

    assert "Không dùng được chứng thư số: sai mật khẩu, hoặc tệp không phải chứng thư PKCS#12" in response.content.decode()
    assert stored(meeting) == before
    assert not meeting.history.filter(note__contains="ký số").exists()


@pytest.mark.django_db
def test_minutes_signed_twice_by_the_chair_are_refused_the_second_time(client_of, chair, meeting, test_ca):
    sign_minutes(client_of(chair), meeting, test_ca)
    signed = stored(meeting)

    response = sign_minutes(client_of(chair), meeting, test_ca)

    assert "Văn bản đã có chữ ký số ở vị trí này: không ký lại được." in response.content.decode()
    assert stored(meeting) == signed


@pytest.mark.django_db
def test_minutes_not_yet_produced_cannot_be_signed(client_of, chair, meeting, test_ca):
    meeting.minutes_pdf = ""
    meeting.save(update_fields=["minutes_pdf"])

    response = sign_minutes(client_of(chair), meeting, test_ca)

    assert "Biên bản chưa được lập: hãy chờ biên bản được tạo rồi ký số." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("signer", ["chair_of_another_council", "plain_member", "office_user"])
def test_minutes_signing_is_for_the_chair_and_secretary_of_that_council_only(client_of, meeting, test_ca, signer, request):
    users = {
        "chair_of_another_council": lambda: CouncilMemberFactory(role="chair").user,
        "plain_member": lambda: CouncilMemberFactory(council=meeting.council).user,
        "office_user": lambda: request.getfixturevalue("office_user"),
    }
    before = stored(meeting)

    response = sign_minutes(client_of(users[signer]()), meeting, test_ca)

    assert response.status_code == 403
    assert stored(meeting) == before


@pytest.mark.django_db
def test_signed_minutes_are_not_rendered_again(client_of, chair, secretary, meeting, test_ca):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CLOSED)
    sign_minutes(client_of(chair), meeting, test_ca)
    signed = stored(meeting)

    response = client_of(secretary).post(reverse("councils:meeting_minutes_generate", args=[meeting.pk]), follow=True)

    assert "Biên bản đã được ký số: không lập lại được." in response.content.decode()
    assert stored(meeting) == signed


def sign_minutes_with_token(client, meeting, pin):
    url = reverse("councils:meeting_minutes_sign_with_token", args=[meeting.pk])
    return client.post(url, {"token_label": TOKEN_LABEL, "pin": pin}, follow=True)


@pytest.mark.django_db
def test_minutes_signed_with_the_chairs_token_show_a_valid_signature(client_of, chair, meeting, token_module, settings, tmp_path):
    root = tmp_path / "root-ca.pem"
    root.write_bytes(token_module["root"])
    settings.SIGNATURE_TRUST_ROOTS = [str(root)]

    page = sign_minutes_with_token(client_of(chair), meeting, PIN).content.decode()

    assert "Đã ký số biên bản họp bằng token." in page
    assert "Hợp lệ" in page and "Người ký: Phạm Văn Lộc" in page


@pytest.mark.django_db
def test_minutes_signed_with_a_wrong_pin_keep_the_label_and_the_file(client_of, chair, meeting, token_module):
    before = stored(meeting)

    response = sign_minutes_with_token(client_of(chair), meeting, "135790")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Mã PIN của token không đúng: văn bản chưa được ký." in page
    assert f'value="{TOKEN_LABEL}"' in page and "135790" not in page
    assert stored(meeting) == before
