"""The leader signs the decision's PDF digitally; anyone signed in checks a signed PDF."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from awards.tasks import generate_decision_documents
from tests.awards.test_views import award_form, draft, leader, signed  # noqa: F401  the decision fixtures (the city Chairman signs)
from tests.factories import UserFactory
from tests.signing_ca import make_test_ca
from tests.softhsm import PIN, TOKEN_LABEL


@pytest.fixture(scope="module")
def test_ca():
    return make_test_ca()


@pytest.fixture
def issued(signed):  # noqa: F811
    """The signed decision with its PDF rendered, as the portal makes it right after signing."""
    generate_decision_documents(decision_id=signed.pk)
    signed.refresh_from_db()
    return signed


@pytest.fixture
def trusted_root(settings, tmp_path, test_ca):
    root = tmp_path / "root-ca.pem"
    root.write_bytes(test_ca["root"])
    settings.SIGNATURE_TRUST_ROOTS = [str(root)]


def certificate_upload(test_ca):
    return SimpleUploadedFile("lanh-dao.p12", test_ca["p12"], content_type="application/x-pkcs12")


def sign_digitally(client, decision, test_ca, passphrase="mat-khau"):
    url = reverse("awards:decision_sign_digitally", args=[decision.pk])
    return client.post(url, {"certificate": certificate_upload(test_ca), "passphrase": passphrase}, follow=True)


@pytest.mark.django_db
def test_decision_signed_digitally_shows_a_valid_signature_and_its_history(client_of, leader, issued, test_ca, trusted_root):  # noqa: F811
    response = sign_digitally(client_of(leader), issued, test_ca)

    page = response.content.decode()
    assert "Đã ký số văn bản quyết định." in page
    assert "Hợp lệ" in page
    assert "Người ký: Phạm Văn Lộc" in page
    assert issued.history.last().note == "Ký số văn bản quyết định"


@pytest.mark.django_db
def test_documents_made_again_after_a_digital_signature_keep_the_signed_pdf(
    client_of, leader, office_user, issued, test_ca, trusted_root, django_capture_on_commit_callbacks,  # noqa: F811
):
    sign_digitally(client_of(leader), issued, test_ca)
    issued.refresh_from_db()
    signed_pdf = issued.pdf.open("rb").read()

    with django_capture_on_commit_callbacks(execute=True):
        client_of(office_user).post(reverse("awards:decision_documents", args=[issued.pk]))

    issued.refresh_from_db()
    assert issued.pdf.open("rb").read() == signed_pdf
    assert issued.documents_state == issued.DocumentsState.DONE
    assert "Hợp lệ" in client_of(office_user).get(issued.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_decision_signed_with_a_wrong_password_keeps_the_pdf_unsigned(client_of, leader, issued, test_ca):  # noqa: F811
    before = issued.pdf.open("rb").read()

    response = sign_digitally(client_of(leader), issued, test_ca, passphrase="sai-mat-khau")

    issued.refresh_from_db()
    assert "Không dùng được chứng thư số: sai mật khẩu" in response.content.decode()
    assert issued.pdf.open("rb").read() == before


@pytest.mark.django_db
def test_draft_decision_cannot_be_signed_digitally(client_of, leader, draft, test_ca):  # noqa: F811
    response = sign_digitally(client_of(leader), draft, test_ca)

    assert "Chỉ ký số được quyết định đã ký và đã tạo văn bản." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.STAFF, User.Role.UNIT, User.Role.COUNCIL_MEMBER])
def test_digital_signing_is_for_the_leader_only(client_of, signed, test_ca, role):  # noqa: F811
    response = client_of(UserFactory(role=role)).post(
        reverse("awards:decision_sign_digitally", args=[signed.pk]), {"certificate": certificate_upload(test_ca), "passphrase": "mat-khau"}
    )

    assert response.status_code == 403


@pytest.mark.django_db
def test_signature_check_of_a_tampered_pdf_says_it_was_changed(client_of, leader, unit_user, issued, test_ca, trusted_root):  # noqa: F811
    sign_digitally(client_of(leader), issued, test_ca)
    issued.refresh_from_db()
    content = bytearray(issued.pdf.open("rb").read())
    content[content.index(b"/Type /Page")] ^= 0x01

    response = client_of(unit_user).post(
        reverse("awards:signature_check"), {"pdf": SimpleUploadedFile("qd.pdf", bytes(content), content_type="application/pdf")}
    )

    assert "Không hợp lệ: văn bản đã bị sửa sau khi ký" in response.content.decode()


@pytest.mark.django_db
def test_signature_check_of_a_file_that_is_not_a_pdf_says_so(client_of, unit_user):
    response = client_of(unit_user).post(
        reverse("awards:signature_check"), {"pdf": SimpleUploadedFile("qd.pdf", b"not a pdf", content_type="application/pdf")}
    )

    assert response.context["form"].has_error("pdf", code="not_pdf")


@pytest.mark.django_db
def test_signature_check_needs_a_signed_in_user(client):
    response = client.get(reverse("awards:signature_check"))

    assert response.status_code == 302


# With the key on a PKCS#11 token (SoftHSM2 stands for the CA's USB token)

def sign_with_token(client, decision, pin, label=TOKEN_LABEL):
    return client.post(reverse("awards:decision_sign_with_token", args=[decision.pk]), {"token_label": label, "pin": pin}, follow=True)


@pytest.mark.django_db
def test_decision_signed_with_a_token_shows_a_valid_signature(client_of, leader, issued, token_module, settings, tmp_path):  # noqa: F811
    root = tmp_path / "root-ca.pem"
    root.write_bytes(token_module["root"])
    settings.SIGNATURE_TRUST_ROOTS = [str(root)]

    response = sign_with_token(client_of(leader), issued, PIN)

    page = response.content.decode()
    assert "Đã ký số văn bản quyết định bằng token." in page
    assert "Hợp lệ" in page and "Người ký: Phạm Văn Lộc" in page


@pytest.mark.django_db
def test_decision_signed_with_a_wrong_pin_is_refused_in_vietnamese_and_nothing_signed(client_of, leader, issued, token_module, caplog):  # noqa: F811
    before = issued.pdf.open("rb").read()

    response = sign_with_token(client_of(leader), issued, "135790")

    issued.refresh_from_db()
    page = response.content.decode()
    assert response.status_code == 400
    assert "Mã PIN của token không đúng: văn bản chưa được ký." in page
    assert f'value="{TOKEN_LABEL}"' in page and "135790" not in page
    assert issued.pdf.open("rb").read() == before
    assert "135790" not in caplog.text and not issued.history.filter(note__contains="Ký số").exists()


@pytest.mark.django_db
def test_token_signing_without_a_label_or_pin_says_what_is_missing(client_of, leader, issued, token_module):  # noqa: F811
    response = sign_with_token(client_of(leader), issued, "", label="")

    assert response.context["token_form"].has_error("token_label", code="required")
    assert response.context["token_form"].has_error("pin", code="required")


@pytest.mark.django_db
def test_token_signing_is_hidden_where_no_pkcs11_library_is_configured(client_of, leader, issued, settings):  # noqa: F811
    settings.PKCS11_MODULE = ""

    page = client_of(leader).get(issued.get_absolute_url()).content.decode()
    answer = sign_with_token(client_of(leader), issued, PIN)

    assert "Ký số bằng token" not in page
    assert answer.status_code == 404


@pytest.mark.django_db
def test_token_signing_by_a_leader_of_another_body_is_refused(client_of, issued, token_module):  # noqa: F811
    other_leader = UserFactory(role=User.Role.LEADER)

    response = sign_with_token(client_of(other_leader), issued, PIN)

    assert response.status_code == 403
