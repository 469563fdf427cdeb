import datetime
import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Organization
from campaigns.models import Campaign
from tests.factories import AwardFormFactory, CampaignFactory, OrganizationFactory, PersonFactory

from .helpers import award, dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def register_2025():
    """Plans and awards of 2025 (and one of each in 2024, which the form of 2025 leaves out)."""
    ministry = OrganizationFactory(name="Bộ Tư pháp", kind=Organization.Kind.MINISTRY, province="")
    committee = OrganizationFactory(name="Ủy ban nhân dân thành phố Cần Thơ", kind=Organization.Kind.PEOPLES_COMMITTEE)
    annual = CampaignFactory(kind=Campaign.Kind.ANNUAL, issue_date=datetime.date(2025, 3, 28), issuing_organization=committee)
    CampaignFactory(kind=Campaign.Kind.THEMATIC, issue_date=datetime.date(2025, 5, 1))
    CampaignFactory(kind=Campaign.Kind.THEMATIC, issue_date=datetime.date(2025, 6, 1))
    CampaignFactory(kind=Campaign.Kind.THEMATIC, issue_date=datetime.date(2025, 6, 2), status=Campaign.Status.DRAFT)
    CampaignFactory(kind=Campaign.Kind.REVIEW, issue_date=datetime.date(2024, 6, 1))
    forms = {
        "minister": AwardFormFactory(campaign=annual, kind="bang_khen", granting_organization=ministry),
        "chairman": AwardFormFactory(campaign=annual, kind="bang_khen", granting_organization=committee),
        "director": AwardFormFactory(campaign=annual, kind="giay_khen"),
        "flag": AwardFormFactory(campaign=annual, kind="co_thi_dua", granting_organization=committee),
        "soldier": AwardFormFactory(campaign=annual, kind="chien_si_thi_dua"),
    }
    unit = OrganizationFactory(name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ")

    def grant(form, *, women=0, men=0, collectives=0, year=2025):
        for gender, count in (("female", women), ("male", men)):
            for _ in range(count):
                person = PersonFactory(organization=unit, gender=gender)
                award(dossier("approved", campaign=annual, award_form=forms[form], submitting_unit=unit, nominee_person=person), year=year)
        for _ in range(collectives):
            collective = OrganizationFactory(parent=unit)
            award(dossier("approved", campaign=annual, award_form=forms[form], submitting_unit=unit, nominee_person=None,
                          nominee_organization=collective), year=year)

    grant("minister", women=1, men=1, collectives=1)
    grant("chairman", women=2, collectives=2)
    grant("director", women=1, men=3, collectives=1)
    grant("director", women=5, year=2024)
    grant("flag", collectives=1)
    grant("soldier", women=1, men=1)


def test_statistics_form_of_a_year_is_filled_cell_by_cell_from_the_register(client_of, office_user, register_2025):
    response = client_of(office_user).get(reverse("dashboards:statistics"), {"year": 2025})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert response["Content-Disposition"] == 'attachment; filename="bieu-thong-ke-thi-dua-khen-thuong-2025.xlsx"'
    assert sheet["A1"].value == "Đơn vị báo cáo: Sở Tư pháp thành phố Cần Thơ"
    assert sheet["A3"].value == "SỐ PHONG TRÀO THI ĐUA, DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG"
    assert sheet["A4"].value == "Năm 2025"
    assert [sheet.cell(row=7, column=c).value for c in range(1, 9)] == [
        "STT", "Chỉ tiêu", "Mã số", "Đơn vị tính", "Tổng số", "Chia ra", None, "Trong đó: cá nhân nữ"]
    assert [sheet.cell(row=8, column=c).value for c in (6, 7)] == ["Tập thể", "Cá nhân"]
    assert [sheet.cell(row=9, column=c).value for c in range(1, 9)] == ["A", "B", "C", "D", "1", "2", "3", "4"]
    lines = [[sheet.cell(row=r, column=c).value for c in range(1, 9)] for r in range(10, 24)]
    assert lines == LINES_2025
    assert sheet["B26"].value is None and sheet["A26"].value == "Người lập biểu"
    assert sheet["F26"].value == "Thủ trưởng đơn vị"


LINES_2025 = [
        ["I", "Phong trào thi đua được phát động", "01", "Phong trào", 3, None, None, None],
        ["1", "Thi đua thường xuyên, hằng năm", "02", "Phong trào", 1, None, None, None],
        ["2", "Thi đua theo chuyên đề, đợt cao điểm", "03", "Phong trào", 2, None, None, None],
        ["3", "Thi đua nhiều năm", "04", "Phong trào", 0, None, None, None],
        ["4", "Tổng kết phong trào", "05", "Phong trào", 0, None, None, None],
        ["II", "Danh hiệu thi đua", "06", "Lượt", 3, 1, 2, 1],
        ["1", "Cờ thi đua", "07", "Lượt", 1, 1, 0, 0],
        ["2", "Chiến sĩ thi đua", "08", "Lượt", 2, 0, 2, 1],
        ["3", "Danh hiệu thi đua khác", "09", "Lượt", 0, 0, 0, 0],
        ["III", "Hình thức khen thưởng", "10", "Lượt", 12, 4, 8, 4],
        ["1", "Bằng khen cấp Bộ, ngành trung ương", "11", "Lượt", 3, 1, 2, 1],
        ["2", "Bằng khen cấp tỉnh", "12", "Lượt", 4, 2, 2, 2],
        ["3", "Giấy khen", "13", "Lượt", 5, 1, 4, 1],
        ["4", "Biểu dương và hình thức khác", "14", "Lượt", 0, 0, 0, 0],
]


def test_statistics_form_as_pdf_has_the_same_cells_as_the_excel(client_of, office_user, register_2025):
    response = client_of(office_user).get(reverse("dashboards:statistics_pdf"), {"year": 2025})

    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=b"".join(response.streaming_content),
                          capture_output=True, check=True).stdout.decode()
    assert response["Content-Disposition"] == 'attachment; filename="bieu-thong-ke-thi-dua-khen-thuong-2025.pdf"'
    assert "Đơn vị báo cáo: Sở Tư pháp thành phố Cần Thơ" in text
    assert "SỐ PHONG TRÀO THI ĐUA, DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG" in text and "Năm 2025" in text
    table_lines = [" ".join(line.split()) for line in text.splitlines()]
    for number, indicator, code, unit, *counts in LINES_2025:
        cells = " ".join([number, indicator, code, unit, *(str(count) for count in counts if count is not None)])
        assert cells in table_lines
    assert "Người lập biểu" in text and "Thủ trưởng đơn vị" in text


@pytest.mark.parametrize("name", ["dashboards:statistics", "dashboards:statistics_pdf"])
def test_statistics_form_is_refused_to_a_unit(client_of, unit_user, name):
    assert client_of(unit_user).get(reverse(name), {"year": 2025}).status_code == 403
