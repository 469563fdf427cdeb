import pytest

from documents.rendering import render_pdf_pages

from .pdf_reading import embedded_font_names, page_size, page_text, read, text_positions
from .samples import certificate_context


@pytest.fixture(scope="module")
def digital():
    return read(render_pdf_pages("documents/certificate.html", [certificate_context()]))


@pytest.fixture(scope="module")
def blank():
    return read(render_pdf_pages("documents/certificate.html", [certificate_context(print_on_blank=True)]))


def test_certificate_page_is_a4_landscape(digital):
    width, height = page_size(digital, 0)

    assert width == pytest.approx(842, abs=1)
    assert height == pytest.approx(595, abs=1)


def test_digital_certificate_shows_national_name_authority_and_title(digital):
    assert page_text(digital, 0).startswith(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ TẶNG BẰNG KHEN Bà Nguyễn Thị Ngọc Hà"
    )


def test_digital_certificate_shows_date_signer_decision_and_register_number(digital):
    assert page_text(digital, 0).endswith(
        "Cần Thơ, ngày 05 tháng 01 năm 2026 KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Đức "
        "Quyết định số 12/QĐ-UBND ngày 05/01/2026 Số sổ: 125"
    )


def test_certificate_on_blank_prints_only_the_variable_text(blank):
    text = page_text(blank, 0)

    assert text.startswith("Bà Nguyễn Thị Ngọc Hà Trợ giúp viên pháp lý")
    assert "CỘNG HÒA" not in text
    assert "BẰNG KHEN" not in text


def test_certificate_on_blank_places_a_field_at_the_given_mm_offsets():
    context = certificate_context(print_on_blank=True, positions={"awardee": {"top": 50, "left": 10, "width": 100}})

    pdf = read(render_pdf_pages("documents/certificate.html", [context]))

    left, top = next((left, top) for text, left, top in text_positions(pdf, 0) if text == "Bà Nguyễn Thị Ngọc Hà")
    assert 50 < top < 50 + 12  # the baseline, one 24pt line below the box's top
    assert 10 < left < 10 + 50  # centred in a box from 10 to 110 mm


def test_certificate_pdf_embeds_liberation_serif_only(digital):
    assert embedded_font_names(digital) == {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"}
