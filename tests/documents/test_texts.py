import datetime
import unicodedata

from documents.texts import (
    annex_reference,
    date_line,
    decision_date_words,
    end_document,
    ended,
    item_end,
    number_symbol,
    upper_vi,
)


def test_decision_date_words_puts_zero_before_day_below_10_and_january():
    assert decision_date_words(datetime.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"


def test_decision_date_words_puts_zero_before_february():
    assert decision_date_words(datetime.date(2026, 2, 14)) == "ngày 14 tháng 02 năm 2026"


def test_decision_date_words_writes_march_to_december_without_zero():
    assert decision_date_words(datetime.date(2026, 3, 28)) == "ngày 28 tháng 3 năm 2026"


def test_decision_date_words_of_draft_leaves_blanks_to_fill_by_hand():
    assert decision_date_words(None) == "ngày\xa0\xa0\xa0\xa0tháng\xa0\xa0\xa0\xa0năm\xa0\xa0\xa0\xa0"


def test_date_line_puts_place_before_date():
    assert date_line("Cần Thơ", datetime.date(2026, 1, 5)) == "Cần Thơ, ngày 05 tháng 01 năm 2026"


def test_upper_vi_capitalises_d_with_stroke():
    assert upper_vi("đ") == "Đ"


def test_upper_vi_capitalises_every_vietnamese_mark():
    assert upper_vi("Ủy ban nhân dân thành phố Cần Thơ") == "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"


def test_upper_vi_composes_decomposed_text():
    assert upper_vi(unicodedata.normalize("NFD", "Sở Tư pháp")) == "SỞ TƯ PHÁP"


def test_number_symbol_puts_zero_before_number_below_10():
    assert number_symbol(5, "QĐ-STP") == "05/QĐ-STP"


def test_number_symbol_of_unsigned_draft_leaves_number_blank():
    assert number_symbol(None, "QĐ-STP") == "\xa0" * 6 + "/QĐ-STP"


def test_item_end_ends_lines_with_semicolon_and_the_last_with_full_stop():
    assert [item_end("Như Điều 3;", False), item_end("Lưu: VT, VP", True)] == ["Như Điều 3;", "Lưu: VT, VP."]


def test_end_document_ends_the_last_article_with_dot_slash_dot():
    assert end_document("chịu trách nhiệm thi hành Quyết định này.") == "chịu trách nhiệm thi hành Quyết định này./."


def test_number_symbol_pads_a_number_given_as_text():
    assert number_symbol("7", "KH-UBND") == "07/KH-UBND"


def test_ended_ends_each_line_with_semicolon_and_the_last_with_full_stop():
    assert ended(["Như Điều 3.", "Lưu: VT, VP;"]) == ["Như Điều 3;", "Lưu: VT, VP."]


def test_annex_reference_names_the_document_its_date_and_issuer_if_any():
    context = {"number": 5, "symbol": "QĐ-STP", "date": datetime.date(2026, 1, 5), "annex": {"issuer": "Giám đốc Sở Tư pháp"}}

    assert annex_reference("Quyết định", context) == (
        "(Kèm theo Quyết định số 05/QĐ-STP ngày 05 tháng 01 năm 2026 của Giám đốc Sở Tư pháp)"
    )
    assert annex_reference("Tờ trình", context | {"annex": {}}) == "(Kèm theo Tờ trình số 05/QĐ-STP ngày 05 tháng 01 năm 2026)"
