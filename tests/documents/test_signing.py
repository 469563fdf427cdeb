"""PAdES signatures made with a test CA made here: valid when intact, invalid after one byte changes."""

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor

import pikepdf
import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from documents.official import render_official
from documents.signing import SigningError, check_signatures, sign_pdf, sign_pdf_with_token
from tests.signing_ca import make_test_ca
from tests.softhsm import PIN, TOKEN_LABEL

from .samples import decision_context

BOX = (330, 120, 560, 200)


def decision_pdf():
    return render_official("decision", decision_context(number=12, symbol="QĐ-UBND"))


@pytest.fixture(scope="module")
def test_ca():
    return make_test_ca()


@pytest.fixture(scope="module")
def signed(test_ca):
    return sign_pdf(decision_pdf(), pkcs12=test_ca["p12"], passphrase="mat-khau", reason="Ký ban hành", location="Cần Thơ", box=BOX)


def test_signed_pdf_verifies_with_the_signer_and_the_whole_file_covered(signed, test_ca):
    [check] = check_signatures(signed, trust_roots=[test_ca["root"]])

    assert (check.signer, check.is_intact, check.is_trusted, check.covers_document, check.is_valid) == (
        "Phạm Văn Lộc", True, True, True, True
    )


def test_signed_pdf_with_one_byte_changed_fails(signed, test_ca):
    position = signed.index(b"/Type /Page") if b"/Type /Page" in signed else len(signed) // 3
    tampered = bytearray(signed)
    tampered[position] ^= 0x01

    [check] = check_signatures(bytes(tampered), trust_roots=[test_ca["root"]])

    assert not check.is_valid
    assert not check.is_intact


def test_signed_pdf_is_not_trusted_without_its_root(signed):
    [check] = check_signatures(signed, trust_roots=[])

    assert check.is_intact
    assert not check.is_trusted
    assert not check.is_valid


def test_signing_with_a_wrong_password_is_refused(test_ca):
    with pytest.raises(SigningError):
        sign_pdf(decision_pdf(), pkcs12=test_ca["p12"], passphrase="sai", reason="", location="", box=BOX)


def test_signing_works_where_an_event_loop_already_runs(test_ca, signed):
    async def inside_a_running_loop():
        return check_signatures(signed, trust_roots=[test_ca["root"]])

    # A thread of its own: the browser tests may already run a loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        [check] = pool.submit(asyncio.run, inside_a_running_loop()).result()

    assert check.is_valid


# A key on a PKCS#11 token (SoftHSM2 stands for the CA's USB token)

def sign_with_token(token, pin, label=TOKEN_LABEL):
    return sign_pdf_with_token(
        decision_pdf(), module=token["module"], token_label=label, pin=pin, reason="Ký ban hành", location="Cần Thơ", box=BOX,
    )


def test_pdf_signed_with_a_token_verifies_with_pyhankos_validator(softhsm_token):
    signed = sign_with_token(softhsm_token, PIN)

    [check] = check_signatures(signed, trust_roots=[softhsm_token["root"]])
    assert (check.signer, check.is_valid) == ("Phạm Văn Lộc", True)


def test_signing_with_a_token_and_a_wrong_pin_is_refused(softhsm_token):
    with pytest.raises(SigningError) as refusal:
        sign_with_token(softhsm_token, "000000")

    assert refusal.value.args == ("bad_pin",)


def test_signing_with_a_token_that_is_not_there_is_refused(softhsm_token):
    with pytest.raises(SigningError) as refusal:
        sign_with_token(softhsm_token, PIN, label="TokenKhac")

    assert refusal.value.args == ("no_token",)


def test_pdf_signed_by_two_people_keeps_the_first_signature_valid(signed, test_ca):
    both = sign_pdf(signed, pkcs12=test_ca["p12"], passphrase="mat-khau", reason="Ký", location="Cần Thơ", box=(40, 90, 290, 190), field_name="ChuKySo2")

    checks = check_signatures(both, trust_roots=[test_ca["root"]])

    assert [check.is_valid for check in checks] == [True, True]


def test_pdf_with_a_page_changed_in_a_later_revision_says_so(signed, test_ca):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    changed = io.BytesIO()
    writer.write(changed)

    [check] = check_signatures(changed.getvalue(), trust_roots=[test_ca["root"]])

    assert check.is_intact and not check.covers_document and not check.is_valid


def stamp_fonts(pdf):
    """The fonts the signature box's appearance is drawn with (nested form XObjects included)."""
    found, pending = set(), []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            pending += [annotation.AP.N for annotation in page.get("/Annots", []) if "/AP" in annotation]
        while pending:
            resources = pending.pop().get("/Resources", {})
            found |= {str(font.BaseFont) for font in resources.get("/Font", {}).values()}
            pending += list(resources.get("/XObject", {}).values())
    return found


def test_the_signature_box_is_drawn_in_a_font_with_vietnamese_letters(signed):
    fonts = stamp_fonts(signed)

    assert fonts and all("LiberationSerif" in font for font in fonts), fonts
