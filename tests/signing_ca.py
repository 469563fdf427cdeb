"""A certificate authority made in the test, and a leader's certificate it issued, for digital signatures."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from tests.clock import SUITE_NOW


def certificate(subject, issuer, key, signing_key, *, is_ca):
    name = lambda common_name: x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])  # noqa: E731
    return (
        x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(SUITE_NOW - datetime.timedelta(days=1)).not_valid_after(SUITE_NOW + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=not is_ca, content_commitment=not is_ca, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=is_ca, crl_sign=is_ca, encipher_only=False, decipher_only=False,
        ), critical=True)
        .sign(signing_key, hashes.SHA256())
    )


def make_test_ca():
    """A root CA and a leader's certificate it issued, as PEM and as a PKCS#12 file with a password."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = certificate("CA thử nghiệm Chính phủ", "CA thử nghiệm Chính phủ", ca_key, ca_key, is_ca=True)
    leader_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leader = certificate("Phạm Văn Lộc", "CA thử nghiệm Chính phủ", leader_key, ca_key, is_ca=False)
    p12 = pkcs12.serialize_key_and_certificates(
        b"leader", leader_key, leader, [ca], serialization.BestAvailableEncryption(b"mat-khau"),
    )
    return {"root": ca.public_bytes(serialization.Encoding.PEM), "p12": p12}
