"""Uploaded files checked whole before they are stored, not only by their first bytes (core/uploads.py asks here).

Word and Excel files (DOCX, XLSX) are ZIP archives: their declared sizes are checked before anything is unpacked,
so a 1 MB file that would unpack to 1 GB is refused. PDFs are read with pikepdf and refused when they carry code or
files: JavaScript, launch actions, embedded files. Images are decoded and written again, which drops whatever rides
in them (EXIF, GPS, trailing data). Each refusal is a ValidationError with its own code.
"""

import io
import zipfile

import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Actions a reader would run: script, a program, data import, a jump into an embedded file, media, a form post.
PDF_ACTIONS_REFUSED = {"/JavaScript", "/Launch", "/ImportData", "/GoToE", "/RichMediaExecute", "/SubmitForm"}
# Keys that carry code or files, wherever they appear: a script, XFA forms (scripted), embedded files and media.
PDF_KEYS_REFUSED = {"/JS", "/JavaScript", "/XFA", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia"}
OOXML_MAIN_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ZIP_MAX_ENTRIES = 10_000
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}


def check_content(upload, extension):
    """Refuse a DOCX/XLSX, PDF or image whose whole content is unsafe; images are re-encoded in place."""
    try:
        if extension in OOXML_MAIN_PARTS:
            check_ooxml(upload, extension)
        elif extension == "pdf":
            check_pdf(upload)
        elif extension in IMAGE_FORMATS:
            reencode_image(upload, IMAGE_FORMATS[extension])
    finally:
        upload.seek(0)


def _refuse(message, code, upload, **params):
    raise ValidationError(message, code=code, params={"name": upload.name, **params})


def check_ooxml(upload, extension):
    """Refuse an archive that is damaged, unpacks too big or too far, has macros, or is not this kind of document."""
    try:
        archive = zipfile.ZipFile(upload)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(_("Tệp “%(name)s” bị hỏng, không mở được."), "damaged", upload)
    # A reader unpacks each entry to at most its declared size (zipfile stops there), so the declared sizes bound it.
    unpacked = sum(entry.file_size for entry in entries)
    limit = min(settings.UPLOAD_MAX_UNPACKED_BYTES, settings.UPLOAD_MAX_UNPACK_RATIO * max(upload.size, 1))
    if len(entries) > ZIP_MAX_ENTRIES or unpacked > limit:
        _refuse(_("Tệp “%(name)s” khi giải nén lên tới %(unpacked)s, vượt mức cho phép: hãy lưu lại tệp rồi gửi lại."),
                "unpacks_too_big", upload, unpacked=filesizeformat(unpacked))
    names = {entry.filename for entry in entries}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        _refuse(_("Tệp “%(name)s” có macro: hãy lưu lại dưới dạng tệp không có macro (.docx, .xlsx) rồi gửi lại."),
                "macro", upload)
    if "[Content_Types].xml" not in names or OOXML_MAIN_PARTS[extension] not in names:
        _refuse(_("Tệp “%(name)s” không phải tệp Word hoặc Excel hợp lệ."), "bad_type", upload)


def check_pdf(upload):
    """Refuse a PDF with a password, damaged beyond repair, or carrying scripts, launch actions or embedded files."""
    try:
        with pikepdf.open(io.BytesIO(upload.read())) as pdf:
            found = next((finding for obj in pdf.objects for finding in _pdf_findings(obj)), None)
    except pikepdf.PasswordError:
        _refuse(_("Tệp “%(name)s” có mật khẩu: hãy gửi bản PDF không đặt mật khẩu."), "pdf_password", upload)
    except pikepdf.PdfError:
        _refuse(_("Tệp “%(name)s” bị hỏng, không mở được."), "damaged", upload)
    if found:
        _refuse(_("Tệp “%(name)s” chứa mã lệnh, hành động tự chạy hoặc tệp đính kèm bên trong (%(found)s): "
                  "hãy in lại ra PDF (Microsoft Print to PDF) rồi gửi bản đó."), "pdf_active_content", upload, found=found)


def _pdf_findings(obj, depth=0):
    """Yield what is refused in one object and the direct objects inside it (indirect ones are visited on their own)."""
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if depth > 32:
        return
    if isinstance(obj, pikepdf.Dictionary):
        for key in sorted(obj.keys()):
            value = obj.get(key)
            if key in PDF_KEYS_REFUSED:
                yield key
            elif key == "/S" and isinstance(value, pikepdf.Name) and str(value) in PDF_ACTIONS_REFUSED:
                yield str(value)
            elif key == "/Subtype" and value == pikepdf.Name.FileAttachment:
                yield "/FileAttachment"
            yield from _direct_findings(value, depth)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            yield from _direct_findings(item, depth)


def _direct_findings(value, depth):
    if isinstance(value, (pikepdf.Dictionary, pikepdf.Array)) and not value.is_indirect:
        yield from _pdf_findings(value, depth + 1)


def reencode_image(upload, image_format):
    """Decode the image and write it again in the same file: its pixels and colours, nothing else."""
    try:
        with Image.open(upload) as image:
            if image.width * image.height > settings.UPLOAD_MAX_IMAGE_PIXELS:
                _refuse(_("Ảnh “%(name)s” quá lớn (%(width)s × %(height)s điểm ảnh): hãy thu nhỏ ảnh rồi gửi lại."),
                        "image_too_large", upload, width=image.width, height=image.height)
            image.load()
            clean = ImageOps.exif_transpose(image)  # keep the photo upright once its EXIF is gone
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        _refuse(_("Ảnh “%(name)s” bị hỏng, không mở được."), "damaged", upload)
    if image_format == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
        clean = clean.convert("RGB")
    output = io.BytesIO()
    clean.save(output, image_format, quality=90, icc_profile=clean.info.get("icc_profile"))
    # Written into the same file object: a large upload is a temporary file the storage moves into place.
    upload.file.seek(0)
    upload.file.truncate()
    upload.file.write(output.getvalue())
    upload.file.flush()
    upload.size = output.tell()
