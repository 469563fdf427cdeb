"""Digital signatures on official PDFs (PAdES with pyHanko): sign with the signer's PKCS#12 certificate or the
key on a PKCS#11 token (a certification authority's USB token), check.

Domain-free: bytes of a PDF and of a certificate (or a token's label and PIN) in, bytes or a plain verdict out.
A PKCS#12 key is used in memory for one signature and never stored; a token's key never leaves the token.
"""

import asyncio
import functools
import io
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pkcs11
from asn1crypto import pem, x509
from django.utils import timezone
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pkcs11 import Attribute, ObjectClass
from pkcs11.exceptions import PinIncorrect, PinInvalid, PinLenRange, PinLocked
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

FIELD_NAME = "ChuKySo"
FONT = Path(__file__).parent / "fonts" / "LiberationSerif-Regular.ttf"
STAMP_TEXT = "Ký số bởi: %(signer)s\nThời gian: %(signed_at)s"


@functools.cache
def stamp_style():
    """The signature box in the documents' font: pyHanko's own has no Vietnamese letters ("þÿ D i g i t a l l y…").

    pyHanko writes glyph widths as if every font had 1000 units per em; Liberation has 2048, so a copy is scaled
    once per process (never shipped: the font's licence reserves its name for the unmodified font).
    """
    font = TTFont(FONT)
    scale_upem(font, 1000)
    path = Path(tempfile.mkdtemp(prefix="thidua-stamp-")) / "stamp.ttf"
    font.save(path)
    return TextStampStyle(stamp_text=STAMP_TEXT, text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(path))))


class SigningError(ValueError):
    pass


@dataclass(frozen=True)
class SignatureCheck:
    """What a reader wants to know of one signature: who, when, and whether the file is unchanged and trusted.

    `covers_document`: the signature covers the whole file, or only further signatures were added after it.
    """

    signer: str
    signed_at: object
    is_intact: bool
    is_trusted: bool
    covers_document: bool

    @property
    def is_valid(self):
        return self.is_intact and self.is_trusted and self.covers_document


def sign_pdf(pdf, *, pkcs12, passphrase, reason, location, box, timestamp_url="", field_name=FIELD_NAME):
    """Return the PDF signed (PAdES B-B, or B-T with a timestamp authority) in a visible box on its last page.

    `box` is (left, bottom, right, top) in points, where Decree 30 puts the signature; a document signed by
    several people gives each signature its own `field_name`.
    """
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(pkcs12, other_certs=(), passphrase=passphrase.encode() or None)
    except ValueError:
        raise SigningError("bad_certificate") from None
    return _signed(pdf, signer, reason=reason, location=location, box=box, timestamp_url=timestamp_url, field_name=field_name)


def sign_pdf_with_token(pdf, *, module, token_label, pin, reason, location, box, timestamp_url="", field_name=FIELD_NAME):
    """Return the PDF signed as `sign_pdf` does, with the key on the PKCS#11 token of that label.

    `module` is the path of the token vendor's PKCS#11 library; the PIN opens the token for this signature only.
    The key is the token's private key that has its certificate beside it (the same CKA_ID).
    """
    try:
        session = open_pkcs11_session(module, token_criteria=TokenCriteria(label=token_label), user_pin=pin)
    except (PinIncorrect, PinInvalid, PinLenRange):
        raise SigningError("bad_pin") from None
    except PinLocked:
        raise SigningError("pin_locked") from None
    except pkcs11.PKCS11Error:
        raise SigningError("no_token") from None
    with session:
        key_id = _certified_key_id(session)
        signer = PKCS11Signer(session, key_id=key_id, cert_id=key_id)
        return _signed(pdf, signer, reason=reason, location=location, box=box, timestamp_url=timestamp_url, field_name=field_name)


def _certified_key_id(session):
    certified = {certificate[Attribute.ID] for certificate in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})}
    for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}):
        if key[Attribute.ID] in certified:
            return key[Attribute.ID]
    raise SigningError("no_key")


def _signed(pdf, signer, *, reason, location, box, timestamp_url, field_name):
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if any(name == field_name for name, *_ in fields.enumerate_sig_fields(writer, filled_status=True)):
        raise SigningError("already_signed")
    last_page = int(writer.root["/Pages"]["/Count"]) - 1
    fields.append_signature_field(writer, fields.SigFieldSpec(field_name, on_page=last_page, box=box))
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, location=location, subfilter=fields.SigSeedSubFilter.PADES,
    )
    timestamper = timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url else None
    output = io.BytesIO()
    pdf_signer = signers.PdfSigner(metadata, signer=signer, timestamper=timestamper, stamp_style=stamp_style())
    signed_at = f"{timezone.localtime():%d/%m/%Y %H:%M}"
    _outside_event_loop(pdf_signer.sign_pdf, writer, output=output, appearance_text_params={"signed_at": signed_at})
    return output.getvalue()


def check_signatures(pdf, *, trust_roots=()):
    """Check every signature of the PDF against the trusted roots (PEM or DER certificates, as bytes)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    except (PdfReadError, ValueError):
        raise SigningError("unreadable") from None
    context = ValidationContext(trust_roots=[_certificate(root) for root in trust_roots], allow_fetching=False)
    checks = []
    for embedded in reader.embedded_signatures:
        status = _outside_event_loop(validate_pdf_signature, embedded, context)
        checks.append(SignatureCheck(
            signer=status.signing_cert.subject.native.get("common_name", ""),
            signed_at=status.signer_reported_dt,
            is_intact=status.intact and status.valid,
            is_trusted=status.trusted,
            # A later signature (the council's second signer) adds a revision the earlier one cannot cover:
            # pyHanko's difference analysis tells that from any other change.
            covers_document=status.coverage.name == "ENTIRE_FILE" or (status.coverage.name == "ENTIRE_REVISION" and status.docmdp_ok),
        ))
    return checks


def _outside_event_loop(function, /, *args, **kwargs):
    """Call one of pyHanko's synchronous functions, which run an event loop of their own.

    Where a loop already runs in this thread (an ASGI server, a browser test), that is refused: use a thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def _certificate(data):
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)
