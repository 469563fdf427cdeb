import datetime

import pytest

from documents.certificates import png_data_uri
from documents.typesetting import render_certificates
from tests.clock import SUITE_NOW

from .pdf_reading import (
    MM,
    colour_box,
    embedded_font_names,
    overlapping,
    page_size,
    page_text,
    qr_codes,
    read,
    text_boxes,
)
from .samples import EMBLEM_BLUE, WRAPPING_AWARDEES, certificate_context, emblem_png

VERIFICATION_URL = "https://thidua.example.gov.vn/khen-thuong/xac-minh/ABCD2345EFGH/"


@pytest.fixture(scope="module")
def digital():
    return read(render_certificates([certificate_context()]))


@pytest.fixture(scope="module")
def blank():
    return read(render_certificates([certificate_context(print_on_blank=True)]))


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


def test_certificate_on_blank_places_the_variable_block_at_the_given_mm_offsets():
    context = certificate_context(print_on_blank=True, positions={"awardee": {"top": 50, "left": 10, "width": 100}})

    pdf = render_certificates([context])

    left, top, right, _ = next(
        (corner / MM for corner in corners) for _, text, *corners in text_boxes(pdf) if text == "Bà Nguyễn Thị Ngọc Hà"
    )
    assert 50 <= top < 50 + 4  # the first line of the block
    assert 10 < left and right < 10 + 100
    assert (left + right) / 2 == pytest.approx(10 + 50, abs=1)  # centred in a box from 10 to 110 mm


def test_certificate_pdf_embeds_liberation_serif_only(digital):
    assert embedded_font_names(digital) == {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"}


@pytest.mark.parametrize("print_on_blank", [False, True], ids=["framed", "on blank"])
@pytest.mark.parametrize("awardee", WRAPPING_AWARDEES.values(), ids=WRAPPING_AWARDEES.keys())
def test_certificate_lines_never_print_over_each_other_when_names_wrap(awardee, print_on_blank):
    pdf = render_certificates([certificate_context(print_on_blank=print_on_blank, **awardee)])

    assert overlapping(text_boxes(pdf, "line")) == []
    assert overlapping(text_boxes(pdf, "word")) == []


def test_certificate_three_line_name_wraps_to_three_lines_and_pushes_the_detail_down():
    pdf = render_certificates([certificate_context(**WRAPPING_AWARDEES["three-line collective"])])

    lines = [text for _, text, *_ in text_boxes(pdf)]
    name_lines = lines[lines.index("BẰNG KHEN") + 1 : lines.index("Sở Tư pháp thành phố Cần Thơ")]
    assert " ".join(name_lines) == WRAPPING_AWARDEES["three-line collective"]["awardee"]
    assert len(name_lines) == 3


def test_certificate_block_shrinks_its_type_to_fit_a_small_box_on_a_blank():
    small_box = {"awardee": {"top": 60, "left": 40, "width": 150, "height": 40}}
    context = certificate_context(print_on_blank=True, positions=small_box, **WRAPPING_AWARDEES["three-line collective"])

    pdf = render_certificates([context])

    block = [box for box in text_boxes(pdf) if box[3] < 130 * MM]  # above the date line
    assert overlapping(block) == []
    assert max(bottom for *_, bottom in block) <= (60 + 40) * MM  # the block ends inside its box


def test_digital_certificate_carries_the_qr_code_of_the_verification_page():
    pdf = render_certificates([certificate_context(verification_url=VERIFICATION_URL)])

    assert qr_codes(pdf) == [VERIFICATION_URL]


def test_certificate_on_blank_prints_no_qr_code():
    pdf = render_certificates([certificate_context(print_on_blank=True, verification_url=VERIFICATION_URL)])

    assert qr_codes(pdf) == []
    assert "/Image" not in str(read(pdf).pages[0]["/Resources"].get("/XObject", {}))


def test_framed_certificate_carries_the_uploaded_emblem_centred_above_the_national_name():
    context = certificate_context(emblem=png_data_uri(emblem_png()), **WRAPPING_AWARDEES["three-line collective"])

    pdf = render_certificates([context])

    left, top, right, bottom = colour_box(pdf, EMBLEM_BLUE)
    nation_top = next(y0 for _, text, _, y0, _, _ in text_boxes(pdf) if text.startswith("CỘNG HÒA")) / MM
    assert (left + right) / 2 == pytest.approx(297 / 2, abs=1)
    assert 15 < bottom - top < 25
    assert bottom < nation_top
    assert overlapping(text_boxes(pdf, "line")) == []


def test_framed_certificate_without_an_uploaded_emblem_prints_no_image_and_no_empty_box():
    pdf = render_certificates([certificate_context()])

    assert colour_box(pdf, EMBLEM_BLUE) is None
    assert "/Image" not in str(read(pdf).pages[0]["/Resources"].get("/XObject", {}))
    assert page_text(read(pdf), 0).startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def test_certificate_on_blank_never_prints_the_emblem():
    context = certificate_context(print_on_blank=True, emblem=png_data_uri(emblem_png()))

    assert colour_box(render_certificates([context]), EMBLEM_BLUE) is None


def test_certificates_pdf_names_its_decision_issuer_subject_and_signing_time():
    signed_at = datetime.datetime(2026, 1, 5, 8, 30, 15, 123456, tzinfo=datetime.UTC)
    context = certificate_context(
        issuer="Ủy ban nhân dân thành phố Cần Thơ", subject="Bằng khen theo Quyết định số 12/QĐ-UBND", created=signed_at
    )

    metadata = read(render_certificates([context])).metadata

    assert metadata.title == "BẰNG KHEN – Quyết định số 12/QĐ-UBND"
    assert metadata.author == "Ủy ban nhân dân thành phố Cần Thơ"
    assert metadata.subject == "Bằng khen theo Quyết định số 12/QĐ-UBND"
    assert metadata.creation_date == signed_at.replace(microsecond=0)


def test_certificates_pdf_without_an_issuer_or_signing_time_is_dated_now():
    metadata = read(render_certificates([certificate_context()])).metadata

    assert metadata.author is None
    assert metadata.creation_date == SUITE_NOW.replace(microsecond=0)
