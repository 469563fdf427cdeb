import unicodedata

import pytest

from core.text import fold, normalize
from tests.factories import PersonFactory


def test_fold_removes_vietnamese_marks_and_d_stroke():
    assert fold("Nguyễn Thị Đào") == "nguyen thi dao"


def test_normalize_composes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Trợ giúp pháp lý")

    assert normalize(decomposed) == "Trợ giúp pháp lý"
    assert len(normalize(decomposed)) == len("Trợ giúp pháp lý")


def test_normalize_mends_mistaken_u_horn():
    assert normalize("Tƣ pháp TRƢỜNG") == "Tư pháp TRƯỜNG"


@pytest.mark.django_db
def test_person_search_ignores_diacritics():
    person = PersonFactory(full_name="Nguyễn Thị Ngọc Hà")
    PersonFactory(full_name="Trần Văn Bình")

    assert list(type(person).objects.search("nguyen ha")) == [person]
    assert list(type(person).objects.search("NGUYỄN")) == [person]
