"""Uploads checked whole (core/upload_content.py), through the validator every upload field uses."""

import io
import re
import zipfile

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse
from PIL import Image

from core.uploads import validate_upload
from tests.factories import ReportFactory
from tests.files import ONE_PAGE_PDF, docx_with, pdf_with, photo


def refusal_code(name, content):
    with pytest.raises(ValidationError) as refusal:
        validate_upload(SimpleUploadedFile(name, content))
    return refusal.value.code


def javascript_on_open(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')"))


def link_that_launches_a_program(pdf):
    action = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 100, 100], A=action),
    ]))


def embedded_program(pdf):
    pdf.attachments["huong-dan.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00")


def go_to_first_page_and_a_web_link(pdf):
    pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])
    link = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://moj.gov.vn"))
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 100, 100], A=link),
    ]))


@pytest.mark.parametrize("change", [javascript_on_open, link_that_launches_a_program, embedded_program])
def test_pdf_that_runs_code_or_carries_files_is_refused(change):
    assert refusal_code("to-trinh.pdf", pdf_with(change)) == "pdf_active_content"


def test_pdf_refusal_says_what_was_found_and_what_to_do():
    with pytest.raises(ValidationError) as refusal:
        validate_upload(SimpleUploadedFile("to-trinh.pdf", pdf_with(javascript_on_open)))

    message = refusal.value.message % refusal.value.params
    assert message.startswith("Tệp “to-trinh.pdf” chứa mã lệnh, hành động tự chạy hoặc tệp đính kèm bên trong (/JS)")
    assert "hãy in lại ra PDF" in message


def test_pdf_that_opens_on_its_first_page_with_web_links_is_accepted():
    validate_upload(SimpleUploadedFile("to-trinh.pdf", pdf_with(go_to_first_page_and_a_web_link)))


def test_pdf_locked_with_a_password_is_refused():
    def lock(pdf):
        output = io.BytesIO()
        pdf.save(output, encryption=pikepdf.Encryption(user="matkhau", owner="matkhau"))
        return output.getvalue()

    with pikepdf.open(io.BytesIO(ONE_PAGE_PDF)) as pdf:
        locked = lock(pdf)

    assert refusal_code("to-trinh.pdf", locked) == "pdf_password"


def test_pdf_damaged_beyond_repair_is_refused():
    assert refusal_code("to-trinh.pdf", b"%PDF-1.7\n" + b"\x00\xff" * 500) == "damaged"


def test_docx_that_unpacks_a_thousand_times_its_size_is_refused():
    bomb = docx_with({"word/media/image1.png": b"\x00" * (20 * 1024 * 1024)})

    assert len(bomb) < 100 * 1024
    assert refusal_code("bao-cao.docx", bomb) == "unpacks_too_big"


def test_docx_that_unpacks_over_the_total_limit_is_refused(settings):
    settings.UPLOAD_MAX_UNPACKED_BYTES = 1024 * 1024

    assert refusal_code("bao-cao.docx", docx_with({"word/media/scan.bin": bytes(range(256)) * 8192})) == "unpacks_too_big"


def test_docx_with_macros_is_refused():
    assert refusal_code("bao-cao.docx", docx_with({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})) == "macro"


def test_zip_named_docx_without_a_word_document_is_refused():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("virus.exe", b"MZ")

    assert refusal_code("bao-cao.docx", output.getvalue()) == "bad_type"


def test_damaged_zip_named_docx_is_refused():
    assert refusal_code("bao-cao.docx", b"PK\x03\x04" + b"\x00\x01" * 200) == "damaged"


def test_ordinary_docx_is_accepted():
    validate_upload(SimpleUploadedFile("bao-cao.docx", docx_with({"word/styles.xml": "<w:styles/>"})))


def test_photo_is_re_encoded_without_its_exif_gps_position():
    exif = Image.Exif()
    exif[0x8825] = {2: (10.0, 2.0, 3.0)}  # GPSInfo: latitude
    upload = SimpleUploadedFile("anh.jpg", photo(exif=exif))

    validate_upload(upload)

    content = upload.read()
    assert upload.size == len(content)
    with Image.open(io.BytesIO(content)) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (64, 48), {})


def test_large_upload_kept_on_disk_is_re_encoded_in_its_own_file():
    upload = TemporaryUploadedFile("anh.png", "image/png", 0, None)
    upload.write(photo("PNG") + b"trailing data hidden after the image")
    upload.size = upload.tell()
    upload.seek(0)

    validate_upload(upload)

    with open(upload.temporary_file_path(), "rb") as stored:
        assert stored.read() == upload.read()
    assert b"trailing data" not in open(upload.temporary_file_path(), "rb").read()


def test_image_of_too_many_pixels_is_refused_before_it_is_decoded(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1000

    assert refusal_code("anh.png", photo("PNG", size=(100, 100))) == "image_too_large"


def test_truncated_image_is_refused():
    assert refusal_code("anh.jpg", photo()[:200]) == "damaged"


# In the forms: what was typed stays when only the file is refused


@pytest.mark.django_db
def test_report_with_a_refused_file_keeps_the_typed_text(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization)
    attachment = SimpleUploadedFile("bao-cao.pdf", pdf_with(javascript_on_open))

    response = client_of(unit_user).post(reverse("campaigns:report_submit", args=[report.pk]), {
        "content": "Năm 2024 trợ giúp pháp lý 45 vụ việc", "figures": "Số vụ việc: 45", "attachment": attachment,
    })

    report.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].has_error("attachment", code="pdf_active_content")
    assert "Năm 2024 trợ giúp pháp lý 45 vụ việc</textarea>" in response.content.decode()
    assert report.submitted_at is None


@pytest.mark.django_db
def test_report_text_over_the_form_limit_is_refused_by_the_form_with_the_text_kept(client_of, unit_user, settings):
    settings.FORM_TEXT_MAX_CHARS = 50
    report = ReportFactory(organization=unit_user.organization)
    text = "Kết quả " * 10

    response = client_of(unit_user).post(reverse("campaigns:report_submit", args=[report.pk]), {"content": text})

    assert response.context["form"].has_error("content", code="max_length")
    assert 'maxlength="50"' in response.content.decode()
    assert f"{text}</textarea>" in response.content.decode()


@pytest.mark.django_db
def test_a_request_over_the_size_limit_gets_a_vietnamese_page_not_a_bare_400(client_of, unit_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    report = ReportFactory(organization=unit_user.organization)

    response = client_of(unit_user).post(reverse("campaigns:report_submit", args=[report.pk]), {"content": "x" * 2000})

    assert response.status_code == 413
    page = response.content.decode()
    assert re.search(r"Phần chữ của biểu mẫu vượt quá 1000.bytes? nên chưa được lưu.", page)
    assert "bấm nút Quay lại của trình duyệt" in page

