"""Signing a stored PDF digitally from a page, for every app that issues one: the forms that take the signer's
certificate or token, the Vietnamese refusals, and the checks shown against the configured trusted roots."""

from functools import partial

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import PortalError
from core.forms import StyledFormMixin

from .signing import SigningError, check_signatures, sign_pdf, sign_pdf_with_token


class SignatureRefused(PortalError):
    pass


class DigitalSignatureForm(StyledFormMixin, forms.Form):
    """The signer's certificate file and its password, used once in memory and never stored."""

    certificate = forms.FileField(
        label=gettext_lazy("Chứng thư số (.p12, .pfx)"), widget=forms.FileInput(attrs={"accept": ".p12,.pfx"}),
        error_messages={"required": gettext_lazy("Hãy chọn tệp chứng thư số.")},
    )
    passphrase = forms.CharField(label=gettext_lazy("Mật khẩu chứng thư"), required=False, widget=forms.PasswordInput)

    error_messages = {"too_large": gettext_lazy("Tệp chứng thư số không quá 100 KB.")}

    def clean_certificate(self):
        certificate = self.cleaned_data["certificate"]
        if certificate.size > 100 * 1024:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        return certificate.read()


class TokenSignatureForm(StyledFormMixin, forms.Form):
    """The label of the signer's PKCS#11 token and its PIN: the PIN opens the token for one signature, never kept."""

    token_label = forms.CharField(
        label=gettext_lazy("Nhãn token"), max_length=32, error_messages={"required": gettext_lazy("Hãy nhập nhãn của token.")},
        help_text=gettext_lazy("Tên của token như phần mềm của tổ chức cấp chứng thư số hiển thị."),
    )
    pin = forms.CharField(
        label=gettext_lazy("Mã PIN"), max_length=64, widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": gettext_lazy("Hãy nhập mã PIN của token.")}, strip=False,
    )


def certificate_signer(certificate, passphrase):
    """Sign with a PKCS#12 file and its password."""
    return partial(sign_pdf, pkcs12=certificate, passphrase=passphrase)


def token_signer(token_label, pin):
    """Sign with the key on the PKCS#11 token of that label, through settings.PKCS11_MODULE."""
    if not settings.PKCS11_MODULE:
        raise SignatureRefused(_("Cổng chưa được cấu hình ký số bằng token."), code="no_token_module")
    return partial(sign_pdf_with_token, module=settings.PKCS11_MODULE, token_label=token_label, pin=pin)


def _refusal(code):
    """What the signer reads when the certificate or the token refuses: nothing was signed."""
    return {
        "bad_certificate": _("Không dùng được chứng thư số: sai mật khẩu, hoặc tệp không phải chứng thư PKCS#12 (.p12, .pfx)."),
        "bad_pin": _("Mã PIN của token không đúng: văn bản chưa được ký. Token sẽ bị khóa nếu nhập sai quá số lần cho phép."),
        "pin_locked": _("Token đã bị khóa do nhập sai mã PIN nhiều lần: hãy liên hệ tổ chức cấp chứng thư số để mở khóa."),
        "no_token": _("Không mở được token có nhãn này: hãy kiểm tra token đã cắm vào máy chủ ký và nhãn đã nhập."),
        "no_key": _("Token không có khóa ký đi kèm chứng thư số."),
        "already_signed": _("Văn bản đã có chữ ký số ở vị trí này: không ký lại được."),
    }[code]


def signed_copy(field_file, sign, **placement):
    """The stored PDF signed by `sign` (a certificate or token signer) at `placement`; the stored file is untouched."""
    with field_file.open("rb") as pdf:
        original = pdf.read()
    try:
        return sign(original, timestamp_url=settings.SIGNATURE_TIMESTAMP_URL, **placement)
    except SigningError as error:
        code = error.args[0]
        raise SignatureRefused(_refusal(code), code=code) from None


def signature_checks(pdf):
    """The digital signatures of a PDF, checked against the configured trusted roots."""
    roots = []
    for path in settings.SIGNATURE_TRUST_ROOTS:
        with open(path, "rb") as root:
            roots.append(root.read())
    return check_signatures(pdf, trust_roots=roots)


def stored_signature_checks(field_file):
    """The checks of a stored PDF's signatures; none for an empty field or a stored file that is no PDF."""
    if not field_file:
        return []
    with field_file.open("rb") as pdf:
        content = pdf.read()
    try:
        return signature_checks(content)
    except SigningError:
        return []
