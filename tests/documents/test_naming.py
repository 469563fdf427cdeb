import pytest

from documents.collation import vietnamese_key
from documents.naming import header_names, last_words, split_place


def test_header_drops_the_place_the_parent_body_already_names():
    assert header_names("Ủy ban nhân dân thành phố Cần Thơ", "Sở Tư pháp thành phố Cần Thơ") == (
        ["Ủy ban nhân dân", "thành phố Cần Thơ"], ["Sở Tư pháp"]
    )


def test_header_of_a_council_under_the_department_drops_the_city():
    council = "Hội đồng Thi đua – Khen thưởng thành phố Cần Thơ"

    assert header_names("Sở Tư pháp thành phố Cần Thơ", council) == (
        ["Sở Tư pháp", "thành phố Cần Thơ"], ["Hội đồng Thi đua – Khen thưởng"]
    )


def test_header_without_a_parent_keeps_the_body_place_on_a_line_of_its_own():
    assert header_names("", "Ủy ban nhân dân thành phố Cần Thơ") == ([], ["Ủy ban nhân dân", "thành phố Cần Thơ"])


def test_header_parent_typed_in_capitals_still_drops_the_place():
    assert header_names("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "Sở Tư pháp thành phố Cần Thơ") == (
        ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ"], ["Sở Tư pháp"]
    )


@pytest.mark.parametrize("name", ["Sở Lao động - Thương binh và Xã hội", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Tư pháp"])
def test_a_name_without_a_place_is_not_split(name):
    assert split_place(name) == (name, "")


def test_last_words_keep_a_place_whole_so_no_line_ends_on_one_word():
    assert last_words("Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ") == (
        "Trung tâm Trợ giúp pháp lý nhà nước", "thành phố Cần Thơ"
    )


def test_last_words_without_a_place_are_the_last_two():
    assert last_words("Phòng Nghiệp vụ số 1") == ("Phòng Nghiệp vụ", "số 1")


def test_names_sort_in_vietnamese_alphabetical_order_not_by_code_point():
    names = ["Võ Thị Ngọc Hân", "Đặng Minh Trí", "Ân Văn Bình", "Đỗ Thị Lan", "An Văn Tú", "Dương Văn Hải", "Zô Văn A"]

    assert sorted(names, key=vietnamese_key) == [
        "An Văn Tú", "Ân Văn Bình", "Dương Văn Hải", "Đặng Minh Trí", "Đỗ Thị Lan", "Võ Thị Ngọc Hân", "Zô Văn A",
    ]


def test_tones_only_break_ties_between_the_same_letters():
    assert sorted(["Hà", "Hạ", "Ha", "Hai"], key=vietnamese_key) == ["Ha", "Hà", "Hạ", "Hai"]
