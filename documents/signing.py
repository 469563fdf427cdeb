"""Digital signatures on official PDFs (PAdES with pyHanko): sign with the signer's PKCS#12 certificate, check.

Domain-free: bytes of a PDF and of a certificate in, bytes or a plain verdict out. The private key is
used in memory for one signature and never stored.
"""

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from asn1crypto import pem, x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

FIELD_NAME = "ChuKySo"


class SigningError(ValueError):
    pass


@dataclass(frozen=True)
class SignatureCheck:
    """What a reader wants to know of one signature: who, when, and whether the file is unchanged and trusted."""

    signer: str
    signed_at: object
    is_intact: bool
    is_trusted: bool
    covers_whole_file: bool

    @property
    def is_valid(self):
        return self.is_intact and self.is_trusted and self.covers_whole_file


def sign_pdf(pdf, *, pkcs12, passphrase, reason, location, box, timestamp_url=""):
    """Return the PDF signed (PAdES B-B, or B-T with a timestamp authority) in a visible box on its last page.

    `box` is (left, bottom, right, top) in points, where Decree 30 puts the signature.
    """
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(pkcs12, other_certs=(), passphrase=passphrase.encode() or None)
    except ValueError:
        raise SigningError("bad_certificate") from None
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    last_page = int(writer.root["/Pages"]["/Count"]) - 1
    fields.append_signature_field(writer, fields.SigFieldSpec(FIELD_NAME, on_page=last_page, box=box))
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=reason, location=location, subfilter=fields.SigSeedSubFilter.PADES,
    )
    timestamper = timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url else None
    output = io.BytesIO()
    pdf_signer = signers.PdfSigner(metadata, signer=signer, timestamper=timestamper)
    _outside_event_loop(pdf_signer.sign_pdf, writer, output=output)
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
            covers_whole_file=status.coverage.name == "ENTIRE_FILE",
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
