"""The office sets where its pre-printed blanks take each line of an award form's certificate, and its emblem."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.certificates import CERTIFICATE_POSITIONS
from tests.documents.pdf_reading import MM, colour_box, text_boxes
from tests.documents.samples import EMBLEM_BLUE, emblem_png
from tests.factories import AwardFormFactory


@pytest.fixture
def award_form(office_user):
    body = office_user.organization
    return AwardFormFactory(campaign__issuing_organization=body, granting_organization=body)


def layout_data(**changes):
    """The form as the page fills it in: today's positions, with the changes typed ("awardee__top": "60")."""
    data = {f"{field}__{side}": value for field, box in CERTIFICATE_POSITIONS.items() for side, value in box.items()}
    return data | changes


def post(client, award_form, data):
    return client.post(reverse("campaigns:certificate_layout", args=[award_form.pk]), data)


def line_box(pdf, text):
    """(left, top, right, bottom) in mm of the first text line starting with the text."""
    return next(tuple(corner / MM for corner in corners) for _, line, *corners in text_boxes(pdf) if line.startswith(text))


def test_layout_page_offers_todays_positions_in_mm(client_of, office_user, award_form):
    page = client_of(office_user).get(reverse("campaigns:certificate_layout", args=[award_form.pk])).content.decode()

    assert "Khối tên người được khen (họ tên, chức vụ, thành tích)" in page
    assert 'name="awardee__top" value="78"' in page
    assert 'name="signer_name__top" value="182"' in page


def test_positions_saved_for_an_award_form_print_where_set_on_the_test_print(client_of, office_user, award_form):
    client = client_of(office_user)
    typed = layout_data(**{"awardee__top": "60", "awardee__height": "45", "date_line__top": "120.5", "date_line__left": "150"})

    saved = post(client, award_form, typed)
    pdf = b"".join(post(client, award_form, typed | {"test_print": "blank"}).streaming_content)

    award_form.refresh_from_db()
    assert saved.status_code == 302
    assert award_form.blank_positions["date_line"] == {"top": 120.5, "left": 150, "width": 115}
    awardee_top = line_box(pdf, "Ông Nguyễn Văn An")[1]
    left, top, right, _ = line_box(pdf, "Cần Thơ, ngày")
    assert 60 <= awardee_top < 60 + 4
    assert 120.5 <= top < 120.5 + 3
    assert 150 <= left and right <= 150 + 115
    assert "CỘNG HÒA" not in " ".join(line for _, line, *_ in text_boxes(pdf))


@pytest.mark.parametrize("typed, message", [
    ({"awardee__top": "-5"}, "Khối tên người được khen (họ tên, chức vụ, thành tích): “cách mép trên” không được âm."),
    ({"decision__width": "0"}, "Số, ngày quyết định: “rộng” phải lớn hơn 0 mm."),
    ({"signer_name__left": "200"}, "Họ tên người ký: lề trái cộng chiều rộng (315 mm) vượt quá khổ trang rộng 297 mm."),
    ({"awardee__height": "140"}, "Khối tên người được khen (họ tên, chức vụ, thành tích): vị trí (218 mm) nằm ngoài trang cao 210 mm."),
    ({"decision__width": "abc"}, "Nhập số milimét, ví dụ 78 hoặc 78.5."),
], ids=["negative", "no width", "off the right edge", "off the bottom", "not a number"])
def test_positions_off_the_page_are_refused_in_vietnamese_keeping_what_was_typed(
    client_of, office_user, award_form, typed, message
):
    response = post(client_of(office_user), award_form, layout_data(**typed))

    award_form.refresh_from_db()
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    [(name, value)] = typed.items()
    assert f'name="{name}" value="{value}"' in page
    assert award_form.blank_positions == {}


def test_uploaded_emblem_heads_the_framed_test_print_and_can_be_removed(client_of, office_user, award_form):
    client = client_of(office_user)

    post(client, award_form, layout_data(emblem=SimpleUploadedFile("quoc-huy.png", emblem_png(), "image/png")))
    with_emblem = b"".join(post(client, award_form, layout_data(test_print="framed")).streaming_content)
    post(client, award_form, layout_data(**{"emblem-clear": "on"}))
    without = b"".join(post(client, award_form, layout_data(test_print="framed")).streaming_content)

    left, top, right, bottom = colour_box(with_emblem, EMBLEM_BLUE)
    assert (left + right) / 2 == pytest.approx(297 / 2, abs=1)
    assert bottom < line_box(with_emblem, "CỘNG HÒA")[1]
    assert colour_box(without, EMBLEM_BLUE) is None


def test_emblem_that_is_not_a_png_is_refused(client_of, office_user, award_form):
    fake = SimpleUploadedFile("quoc-huy.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/png")

    page = post(client_of(office_user), award_form, layout_data(emblem=fake)).content.decode()

    award_form.refresh_from_db()
    assert "không đúng định dạng" in page
    assert not award_form.emblem
