import datetime
import io
import subprocess

import pikepdf
import pytest
from django.utils import timezone

from documents.official import render_official

from .pdf_reading import embedded_font_names, overlapping, page_size, page_text, read, text_boxes, text_positions
from .samples import (
    ANNEX_NAMES,
    LONG_DETAIL,
    THREE_LINE_COLLECTIVE,
    TWO_LINE_COLLECTIVE,
    UNIT_ENDING_ON_ONE_WORD,
    decision_context,
    minutes_context,
)

TOP_MARGIN_MM = 20


@pytest.fixture(scope="module")
def decision():
    return read(render_official("decision", decision_context()))


@pytest.fixture(scope="module")
def first_page(decision):
    return page_text(decision, 0)


@pytest.fixture(scope="module")
def annex_page(decision):
    return page_text(decision, 1)


def test_decision_pdf_shows_national_name_and_motto(first_page):
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in first_page


def test_decision_pdf_shows_parent_and_issuing_body_in_capitals(first_page):
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ SỞ TƯ PHÁP" in first_page


def test_decision_pdf_shows_number_and_symbol(first_page):
    assert "Số: 12/QĐ-STP" in first_page


@pytest.mark.parametrize(
    ("date", "line"),
    [
        (datetime.date(2026, 1, 5), "Cần Thơ, ngày 05 tháng 01 năm 2026"),
        (datetime.date(2026, 3, 28), "Cần Thơ, ngày 28 tháng 3 năm 2026"),
    ],
    ids=["5 January", "28 March"],
)
def test_decision_pdf_date_line_has_leading_zeros(date, line):
    pdf = read(render_official("decision", decision_context(date=date)))

    assert line in page_text(pdf, 0)


def test_decision_pdf_shows_type_summary_and_authority(first_page):
    assert "QUYẾT ĐỊNH Về việc tặng Giấy khen" in first_page
    assert "GIÁM ĐỐC SỞ TƯ PHÁP Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in first_page


def test_decision_pdf_ends_legal_bases_with_full_stop(first_page):
    assert "Theo đề nghị của Chánh Văn phòng Sở. QUYẾT ĐỊNH:" in first_page


def test_decision_pdf_numbers_articles_and_ends_the_last_with_dot_slash_dot(first_page):
    assert "Điều 1. Tặng Giấy khen" in first_page
    assert "Điều 2. Chánh Văn phòng Sở" in first_page
    assert "thi hành Quyết định này./." in first_page


def test_decision_pdf_lists_recipients_with_dashes(first_page):
    assert "Nơi nhận: - Như Điều 2; - Lưu: VT, VP." in first_page


def test_decision_pdf_shows_signer_block(first_page):
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Phạm Minh Tâm" in first_page


def test_decision_annex_is_a_page_of_its_own_headed_danh_sach(annex_page):
    assert annex_page.startswith("2 DANH SÁCH Tập thể, cá nhân được tặng Giấy khen")  # after the page's number


def test_decision_annex_refers_to_its_decision(annex_page):
    reference = "(Kèm theo Quyết định số 12/QĐ-STP ngày 05 tháng 01 năm 2026 của Giám đốc Sở Tư pháp)"

    assert reference in annex_page


def test_decision_annex_lists_collectives_and_individuals_apart(annex_page):
    assert "I. TẬP THỂ STT Tên tập thể Đơn vị 1 Phòng Nghiệp vụ 1" in annex_page
    assert "II. CÁ NHÂN STT Họ và tên Chức vụ, chức danh Đơn vị" in annex_page


def test_decision_annex_names_keep_their_diacritics(annex_page):
    for number, name in enumerate(ANNEX_NAMES, start=1):
        assert f"{number} {name} Trợ giúp viên pháp lý" in annex_page


def test_decision_first_page_is_a4_portrait(decision):
    width, height = page_size(decision, 0)

    assert width == pytest.approx(595, abs=1)
    assert height == pytest.approx(842, abs=1)


def test_decision_page_number_is_in_top_margin_from_page_2_only(decision):
    in_margin = [[text for text, _, top in text_positions(decision, index) if top < TOP_MARGIN_MM] for index in (0, 1)]

    assert in_margin == [[], ["2"]]


def test_decision_text_starts_at_the_left_margin_of_30_mm(decision):
    left = min(left for _, left, _ in text_positions(decision, 0))

    assert left == pytest.approx(30, abs=0.5)


def test_decision_pdf_embeds_liberation_serif_only(decision):
    assert embedded_font_names(decision) == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }


def test_minutes_pdf_has_its_own_title_and_no_decision_wording():
    pdf = read(render_official("minutes", minutes_context()))

    text = page_text(pdf, 0)
    assert "Số: 03/BB-HĐTĐKT" in text
    assert "BIÊN BẢN Họp xét khen thưởng năm 2025" in text
    assert "QUYẾT ĐỊNH" not in text
    assert "Nơi nhận" not in text


def test_minutes_pdf_is_signed_by_secretary_and_chair():
    pdf = read(render_official("minutes", minutes_context()))

    assert "THƯ KÝ HỘI ĐỒNG Lê Thị Thu CHỦ TỊCH HỘI ĐỒNG Trần Văn Đức" in page_text(pdf, 0)



def test_minutes_header_names_the_parent_in_regular_capitals_and_the_council_without_the_city():
    pdf = read(render_official("minutes", minutes_context()))

    assert page_text(pdf, 0).startswith("SỞ TƯ PHÁP THÀNH PHỐ CẦN THƠ HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG CỘNG HÒA")


def test_decision_header_does_not_repeat_the_city_under_its_parent():
    pdf = read(render_official("decision", decision_context(issuing_body="Sở Tư pháp thành phố Cần Thơ")))

    assert page_text(pdf, 0).startswith("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ SỞ TƯ PHÁP CỘNG HÒA")


def test_minutes_results_table_lists_each_nominee_with_votes_and_share():
    pdf = read(render_official("minutes", minutes_context()))

    text = page_text(pdf, 0)
    assert "STT Tên tập thể, cá nhân Hình thức khen thưởng Số phiếu đồng ý" in text
    assert "2 Nguyễn Thị Ngọc Hà Bằng khen của Chủ tịch Ủy ban nhân dân thành phố 5 45,45% Không đạt tỷ lệ phiếu" in text


def with_rows(count):
    context = minutes_context()
    context["sections"][1]["table"]["rows"] = [
        [n, f"Tập thể số {n}", "Bằng khen", 9, "81,82%", "Đạt"] for n in range(1, count + 1)
    ]
    return context


@pytest.mark.parametrize("count", range(14, 27, 2))
def test_minutes_signatures_never_stand_alone_on_the_last_page(count):
    pdf = read(render_official("minutes", with_rows(count)))

    last_page = page_text(pdf, len(pdf.pages) - 1)
    assert "Cuộc họp kết thúc lúc 11 giờ 00 phút./. THƯ KÝ HỘI ĐỒNG" in last_page


LONG_ANNEX = {
    "summary": "Tập thể, cá nhân được tặng Giấy khen của Giám đốc Sở Tư pháp",
    "issuer": "Giám đốc Sở Tư pháp",
    "collectives": [{"name": name, "unit": "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"}
                    for name in (TWO_LINE_COLLECTIVE, THREE_LINE_COLLECTIVE)],
    "individuals": [{"name": "Nguyễn Văn Long", "position": "Trợ giúp viên pháp lý hạng II", "unit": LONG_DETAIL}],
}


def test_decision_lines_never_print_over_each_other_with_long_names():
    pdf = render_official("decision", decision_context(annex=LONG_ANNEX))

    assert overlapping(text_boxes(pdf, "line")) == []
    assert overlapping(text_boxes(pdf, "word")) == []


def test_minutes_lines_never_print_over_each_other_with_long_names():
    context = minutes_context()
    context["sections"][1]["table"]["rows"][1][1] = THREE_LINE_COLLECTIVE

    pdf = render_official("minutes", context)

    assert overlapping(text_boxes(pdf, "line")) == []
    assert overlapping(text_boxes(pdf, "word")) == []


def test_decision_annex_cell_never_ends_on_one_word():
    individual = {"name": "Trần Văn Đức", "position": "Chuyên viên", "unit": UNIT_ENDING_ON_ONE_WORD}
    annex = decision_context()["annex"] | {"individuals": [individual]}

    pdf = render_official("decision", decision_context(annex=annex))

    last_line = [text for page, text, *_ in text_boxes(pdf, "line") if page == 2][-1]
    assert last_line == "pháp lý"


def test_decision_annex_text_has_plain_spaces_where_words_are_kept_together(decision):
    text = decision.pages[1].extract_text()

    assert "Trung tâm Trợ giúp pháp lý nhà nước" in text
    assert not {"\u2060", "\u00a0"} & set(text)


def test_decision_annex_of_individuals_only_has_no_lone_section_number():
    annex = decision_context()["annex"] | {"summary": "Cá nhân được tặng Giấy khen", "collectives": []}

    pdf = read(render_official("decision", decision_context(annex=annex)))

    assert page_text(pdf, 1).startswith("2 DANH SÁCH Cá nhân được tặng Giấy khen (Kèm theo")
    assert "I. CÁ NHÂN" not in page_text(pdf, 1)


def pdfinfo(pdf_bytes):
    output = subprocess.run(["pdfinfo", "-"], input=pdf_bytes, capture_output=True, check=True).stdout.decode()
    return {key: value.strip() for key, value in (line.split(":", 1) for line in output.splitlines())}


def test_decision_pdf_metadata_names_title_author_subject_date_and_language():
    signed_at = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 30))

    pdf = render_official("decision", decision_context(issuing_body="Sở Tư pháp thành phố Cần Thơ", created=signed_at))

    info = pdfinfo(pdf)
    summary = "Về việc tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc năm 2025"
    assert (info["Title"], info["Author"], info["Subject"]) == (f"QUYẾT ĐỊNH 12/QĐ-STP – {summary}", "Sở Tư pháp thành phố Cần Thơ", summary)
    assert info["CreationDate"].startswith("Mon Jan  5 ")
    assert read(pdf).root_object["/Lang"] == "vi"


def test_minutes_pdf_title_names_its_number_and_subject():
    info = pdfinfo(render_official("minutes", minutes_context()))

    assert info["Title"] == "BIÊN BẢN 03/BB-HĐTĐKT – Họp xét khen thưởng năm 2025"


def test_archival_decision_is_pdf_a_2b_with_an_srgb_output_intent():
    pdf = pikepdf.open(io.BytesIO(render_official("decision", decision_context(), archival=True)))

    intent = pdf.Root.OutputIntents[0]
    assert pdf.open_metadata().pdfa_status == "2B"
    assert (intent.S, intent.OutputCondition) == ("/GTS_PDFA1", "sRGB")
    assert intent.DestOutputProfile.N == 3


def test_draft_says_so_on_every_page_and_leaves_number_and_date_blank():
    pdf = read(render_official("decision", decision_context(draft=True, number="", date=None)))

    assert ["DỰ THẢO" in page_text(pdf, index) for index in range(len(pdf.pages))] == [True, True]
    assert "Số: /QĐ-STP" in page_text(pdf, 0)
    assert "Cần Thơ, ngày tháng năm" in page_text(pdf, 0)


def test_long_annex_repeats_its_column_heads_on_every_page_and_never_splits_a_row():
    individuals = [{"name": f"Người số {n}", "position": "Chuyên viên", "unit": LONG_DETAIL} for n in range(1, 61)]
    annex = decision_context()["annex"] | {"collectives": [], "individuals": individuals}

    pdf = read(render_official("decision", decision_context(annex=annex)))

    pages = [page_text(pdf, index) for index in range(1, len(pdf.pages))]
    assert len(pages) > 2
    assert all(text.startswith(f"{number} STT Họ và tên") for number, text in enumerate(pages[1:], start=3))
    rows = [f"{n} Người số {n} Chuyên viên {LONG_DETAIL}" for n in range(1, 61)]
    assert sum(row in text for text in pages for row in rows) == 60


def test_typed_text_prints_as_typed_even_with_typst_markup_characters():
    individual = {"name": "Lê *Văn* #An $x$", "position": "Chuyên viên [tạm] _1_", "unit": "Phòng \\ Hành chính <b>"}
    annex = decision_context()["annex"] | {"individuals": [individual]}

    pdf = read(render_official("decision", decision_context(annex=annex, summary="Về việc #tặng = Giấy khen")))

    assert "Về việc #tặng = Giấy khen" in page_text(pdf, 0)
    assert "Lê *Văn* #An $x$ Chuyên viên [tạm] _1_ Phòng \\ Hành chính <b>" in page_text(pdf, 1)


def test_list_of_a_decision_with_nobody_on_it_is_still_a_page():
    annex = decision_context()["annex"] | {"collectives": [], "individuals": []}

    pdf = read(render_official("list", decision_context(annex=annex)))

    assert page_text(pdf, 0).startswith("DANH SÁCH Tập thể, cá nhân được tặng Giấy khen của Giám đốc Sở Tư pháp (Kèm theo")
