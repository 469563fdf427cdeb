"""What an uploaded document may be: its size and its real type, read from its content."""

import os

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .upload_content import check_content

# What libmagic may call each accepted kind from a file's first 2 KB: DOC and XLS are OLE
# containers and DOCX and XLSX are ZIP ones, whose exact kind often shows only further in.
_OLE = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-office",
        "application/x-ole-storage", "application/CDFV2"}
UPLOAD_TYPES = {
    "pdf": {"application/pdf"},
    "doc": _OLE,
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    "xls": _OLE,
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
}
UPLOAD_ACCEPT = ",".join(f".{extension}" for extension in UPLOAD_TYPES)


def detected_type(upload):
    """The file's real type, read by libmagic from its first 2 KB."""
    content_type = magic.from_buffer(upload.read(2048), mime=True)
    upload.seek(0)
    return content_type


def validate_upload(upload):
    """Refuse a file over settings.UPLOAD_MAX_BYTES, or one whose content is not an accepted document or image."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size)s): dung lượng tối đa là %(limit)s."),
            code="too_large",
            params={"name": upload.name, "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
        )
    # The name can lie: the type is read from the content, and must match the extension.
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if detected_type(upload) not in UPLOAD_TYPES.get(extension, ()):
        raise ValidationError(
            _("Tệp “%(name)s” không đúng định dạng: chỉ nhận tệp PDF, DOC, DOCX, XLS, XLSX, JPG hoặc PNG."),
            code="bad_type",
            params={"name": upload.name},
        )
    check_content(upload, extension)
