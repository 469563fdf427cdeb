"""A PKCS#11 token made in the test with SoftHSM2 (Debian's softhsm2), holding a leader's key and certificate.

The tests skip without SoftHSM2, except where PKCS11_REQUIRED is set (as .ci/run sets it): there they fail.
"""

import os
import shutil
import subprocess

import pkcs11
import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs12
from pkcs11 import Attribute, CertificateType, ObjectClass

from tests.signing_ca import make_test_ca

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_LABEL = "LanhDaoUBND"
PIN = "246810"


def _require_softhsm():
    if shutil.which("softhsm2-util") and os.path.exists(SOFTHSM_MODULE):
        return
    reason = "SoftHSM2 not found: apt-get install softhsm2 (as .ci/run does)"
    if os.environ.get("PKCS11_REQUIRED"):
        pytest.fail(f"{reason}; PKCS11_REQUIRED is set", pytrace=False)
    pytest.skip(reason)


def _softhsm(*args):
    subprocess.run(["softhsm2-util", *args], check=True, capture_output=True)


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory):
    """A token labelled TOKEN_LABEL (PIN PIN) with the test CA's leader key and certificate, and the CA certificate."""
    _require_softhsm()
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    # Read when the library first loads in this process: set before any token is opened.
    os.environ["SOFTHSM2_CONF"] = str(config)
    ca = make_test_ca()
    key, leader, [root] = pkcs12.load_key_and_certificates(ca["p12"], b"mat-khau")
    key_file = folder / "leader.pem"
    key_file.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    _softhsm("--init-token", "--free", "--label", TOKEN_LABEL, "--so-pin", "13579135", "--pin", PIN)
    _softhsm("--import", str(key_file), "--token", TOKEN_LABEL, "--label", "leader", "--id", "01", "--pin", PIN)
    key_file.unlink()
    with pkcs11.lib(SOFTHSM_MODULE).get_token(token_label=TOKEN_LABEL).open(rw=True, user_pin=PIN) as session:
        for label, object_id, certificate in (("ca", b"\x02", root), ("leader", b"\x01", leader)):
            session.create_object({
                Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True, Attribute.LABEL: label, Attribute.ID: object_id,
                Attribute.VALUE: certificate.public_bytes(Encoding.DER), Attribute.SUBJECT: certificate.subject.public_bytes(),
            })
    return {"module": SOFTHSM_MODULE, "label": TOKEN_LABEL, "pin": PIN, "root": ca["root"]}
