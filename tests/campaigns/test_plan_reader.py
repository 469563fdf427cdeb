"""The plan reader on the five real plans: each field a person would fill is found, as the plan states it."""

import datetime
import io
import zipfile

import pytest

from campaigns.plan_reader import read_plan, text_of_file
from campaigns.seed import SEED_DIR


def reading_of(name):
    return read_plan((SEED_DIR / "sources" / name).read_text(encoding="utf-8"))


EXPECTED_FIELDS = {
    "000_can_tho_67_kh_ubnd.txt": {
        "number": "67/KH-UBND", "issue_place": "Cần Thơ", "issue_date": datetime.date(2025, 3, 28),
        "issuing_organization": "Ủy ban nhân dân thành phố Cần Thơ", "kind": "thematic",
        "signing_authority": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "signer_name": "Nguyễn Ngọc Hè",
        "starts_on": datetime.date(2025, 1, 1), "ends_on": datetime.date(2025, 10, 31),
        "award_deadline": datetime.date(2025, 11, 30),
    },
    "001_bo_tu_phap_157_qd_btp.txt": {
        "number": "157/QĐ-BTP", "issue_place": "Hà Nội", "issue_date": datetime.date(2022, 2, 8),
        "issuing_organization": "Bộ Tư pháp", "kind": "thematic",
        "signing_authority": "KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "signer_name": "Nguyễn Thanh Tịnh",
        "starts_on": datetime.date(2022, 1, 1), "ends_on": datetime.date(2022, 6, 30),
        "award_deadline": datetime.date(2022, 8, 30),
    },
    "002_an_giang_78_kh_stp.txt": {
        "number": "78/KH-STP", "issue_place": "An Giang", "issue_date": datetime.date(2023, 4, 27),
        "issuing_organization": "Sở Tư pháp tỉnh An Giang", "kind": "multi_year",
        "signing_authority": "GIÁM ĐỐC", "signer_name": "Cao Thanh Sơn",
        "starts_on": datetime.date(2023, 1, 1), "ends_on": datetime.date(2025, 12, 31),
    },
    "003_cao_bang_962_kh_ubnd.txt": {
        "number": "962/KH-UBND", "issue_place": "Cao Bằng", "issue_date": datetime.date(2025, 4, 5),
        "issuing_organization": "Ủy ban nhân dân tỉnh Cao Bằng", "kind": "review",
        "starts_on": datetime.date(2011, 6, 1), "ends_on": datetime.date(2024, 12, 31),
    },
    "004_tra_vinh_08_kh_ubnd.txt": {
        "number": "08/KH-UBND", "issue_place": "Trà Vinh", "issue_date": datetime.date(2023, 2, 7),
        "issuing_organization": "Ủy ban nhân dân tỉnh Trà Vinh",
        "signing_authority": "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "signer_name": "Lê Văn Hân",
    },
}


@pytest.mark.parametrize("name", EXPECTED_FIELDS)
def test_plan_reader_finds_the_fields_each_seed_plan_states(name):
    reading = reading_of(name)

    found = {field: reading.value(field) for field in EXPECTED_FIELDS[name]}

    assert found == EXPECTED_FIELDS[name]


def test_plan_reader_can_tho_parts_legal_bases_award_forms_criteria_subjects_recipients():
    reading = reading_of("000_can_tho_67_kh_ubnd.txt")

    assert [base.split(" số ")[0].split(" năm")[0] for base in reading.value("legal_bases")] == [
        "Luật Trợ giúp pháp lý", "Quyết định", "Chương trình phối hợp", "Chương trình phối hợp",
    ]
    assert [(form["name"], form["kind"], form["signer_title"]) for form in reading.parts["award_forms"]] == [
        ("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", "bang_khen", "Chủ tịch Ủy ban nhân dân thành phố"),
        ("Giấy khen của Giám đốc Sở Tư pháp", "giay_khen", "Giám đốc Sở Tư pháp"),
    ]
    assert [criterion["number"] for criterion in reading.parts["criteria"]] == ["1", "2", "3", "4"]
    assert [subject["kind"] for subject in reading.parts["subjects"]] == ["collective", "individual"]
    assert reading.parts["recipients"][0] == "Bộ Tư pháp (Cục TGPL; Thường trực HĐPHLNTGPL ở TW)"
    assert reading.parts["recipients"][-1] == "Lưu: VT, TT"
    assert len(reading.parts["recipients"]) == 9


def test_plan_reader_ministry_decision_reads_the_attached_plan_and_the_award_named_in_a_sentence():
    reading = reading_of("001_bo_tu_phap_157_qd_btp.txt")

    assert len(reading.value("legal_bases")) == 4
    assert reading.value("legal_bases")[1].startswith("Nghị định số 96/2017/NĐ-CP ngày 16 tháng 8 năm 2017")
    assert [form["name"] for form in reading.parts["award_forms"]] == ["Bằng khen của Bộ trưởng Bộ Tư pháp"]
    assert [criterion["number"] for criterion in reading.parts["criteria"]] == ["1", "1.1", "1.2", "1.3", "2"]
    assert reading.value("title").endswith("(06/9/1997- 06/9/2022)")


def test_plan_reader_an_giang_multi_year_plan_gets_yearly_periods_and_both_instruments():
    reading = reading_of("002_an_giang_78_kh_stp.txt")

    assert [period["name"] for period in reading.parts["periods"]] == ["Năm 2023", "Năm 2024", "Năm 2025"]
    assert [base.split(" ngày ")[0] for base in reading.value("legal_bases")] == [
        "Quyết định số 303/QĐ-BTP", "Công văn số 1616/VPUBND-TH",
    ]


def test_plan_reader_cao_bang_review_reads_its_three_periods():
    reading = reading_of("003_cao_bang_962_kh_ubnd.txt")

    assert [(p["name"], p["starts_on"], p["ends_on"]) for p in reading.parts["periods"]] == [
        ("Giai đoạn 1", datetime.date(2011, 6, 1), datetime.date(2015, 5, 31)),
        ("Giai đoạn 2", datetime.date(2015, 6, 1), datetime.date(2017, 12, 31)),
        ("Giai đoạn 3", datetime.date(2018, 1, 1), datetime.date(2024, 12, 31)),
    ]


def test_plan_reader_tra_vinh_tasks_carry_lead_and_coordinating_units_and_timing():
    reading = reading_of("004_tra_vinh_08_kh_ubnd.txt")

    first, second = reading.parts["tasks"][:2]
    assert [task["number"] for task in reading.parts["tasks"]] == ["1", "2", "3", "4", "5"]
    assert (first["title"], first["lead"], first["timing"]) == (
        "Công tác tuyên truyền, quán triệt", "Hội Luật gia tỉnh", "Thường xuyên"
    )
    assert second["lead"] == "Sở Tư pháp, Hội Luật gia tỉnh"
    assert first["coordinating"].startswith("Sở Tư pháp, Sở Nội vụ, Sở Thông tin và Truyền thông")


@pytest.mark.parametrize("text,starts,ends", [
    ("Đợt thi đua được triển khai thực hiện trong 6 tháng cuối năm 2024.", datetime.date(2024, 7, 1), datetime.date(2024, 12, 31)),
    ("Thời gian: từ ngày 01/01/2025 đến ngày 30/6/2025.", datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
])
def test_plan_reader_reads_spans_written_either_way(text, starts, ends):
    reading = read_plan(text)

    assert (reading.value("starts_on"), reading.value("ends_on")) == (starts, ends)


def test_plan_reader_keeps_the_source_words_of_each_value():
    reading = reading_of("000_can_tho_67_kh_ubnd.txt")

    assert reading.fields["issue_date"].source == "Cần Thơ, ngày 28 tháng 3 năm 2025"
    assert reading.fields["award_deadline"].source == "trước ngày 30 tháng 11 năm 2025"


def test_plan_reader_of_an_impossible_date_leaves_it_empty():
    reading = read_plan("Số: 12/KH-UBND\n\nCần Thơ, ngày 31 tháng 02 năm 2025\n\nKẾ HOẠCH\n\nVề việc thi đua")

    assert reading.value("issue_date") is None
    assert reading.value("number") == "12/KH-UBND"


def test_plan_reader_accepts_a_number_with_the_year():
    reading = read_plan("Số: 71/2025/QĐ-UBND\n\nAn Giang, ngày 01 tháng 7 năm 2025")

    assert reading.value("number") == "71/2025/QĐ-UBND"


class NamedBytes(io.BytesIO):
    def __init__(self, content, name):
        super().__init__(content)
        self.name = name


def test_plan_text_is_read_from_a_word_file():
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as docx:
        docx.writestr("word/document.xml", (
            '<w:document><w:body><w:p><w:r><w:t>Số: 67/KH-UBND</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>Cần Thơ, ngày 28 tháng 3 </w:t></w:r><w:r><w:t>năm 2025</w:t></w:r></w:p></w:body></w:document>'
        ))

    reading = read_plan(text_of_file(NamedBytes(package.getvalue(), "ke-hoach.docx")))

    assert (reading.value("number"), reading.value("issue_date")) == ("67/KH-UBND", datetime.date(2025, 3, 28))
