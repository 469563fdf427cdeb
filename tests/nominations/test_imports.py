"""A unit's list of nominees in Excel: read, previewed row by row, then made into draft dossiers on confirmation;
a list with a bad row is refused naming the row and the column, and nothing is made."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.models import Person
from nominations.models import Nomination
from tests.factories import NominationFactory, OrganizationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
HEADER = ["STT", "Loại", "Họ và tên / Tên tập thể", "Đơn vị", "Giới tính", "Ngày sinh", "Chức vụ, chức danh"]


def excel(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    handle = io.BytesIO()
    workbook.save(handle)
    return SimpleUploadedFile("danh-sach.xlsx", handle.getvalue())


@pytest.fixture
def campaign(unit_user):
    """A launched plan whose award form is open to individuals and collectives; the unit already has a person."""
    earlier = NominationFactory(submitting_unit=OrganizationFactory())
    unit = unit_user.organization
    unit.name = "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"
    unit.save()
    OrganizationFactory(name="Chi nhánh số 1", parent=unit)
    PersonFactory(full_name="Lê Văn Tám", organization=unit, gender="male", date_of_birth=datetime.date(1979, 4, 30))
    return earlier.campaign


def good_list(unit_name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"):
    return [
        HEADER,
        [1, "Cá nhân", "Lê Văn Tám", unit_name, "Nam", "30/04/1979", "Trợ giúp viên pháp lý"],
        [2, "Cá nhân", "Trần Thị Bích", "chi nhanh so 1", "Nữ", datetime.datetime(1985, 5, 12), "Chuyên viên"],
        [3, "Tập thể", "Chi nhánh số 1", unit_name, None, None, None],
    ]


def upload(client, campaign, rows):
    return client.post(reverse("nominations:import", args=[campaign.pk]),
                       {"award_form": campaign.award_forms.get().pk, "excel": excel(rows)})


def test_a_good_list_is_previewed_row_by_row_and_nothing_is_made_before_confirming(client_of, unit_user, campaign):
    before = Nomination.objects.count()

    response = upload(client_of(unit_user), campaign, good_list())

    page = response.content.decode()
    assert response.status_code == 200
    assert [(dossier.number, str(dossier.nomination.nominee), dossier.adds_person) for dossier in response.context["planned"]] == [
        (2, "Lê Văn Tám", False), (3, "Trần Thị Bích", True), (4, "Chi nhánh số 1", False),
    ]
    assert "Xác nhận sẽ tạo 3 hồ sơ nháp" in page and "và cá nhân mới của đơn vị" in page and "12/05/1985" in page
    assert Nomination.objects.count() == before
    assert not Person.objects.filter(full_name="Trần Thị Bích").exists()


def confirm(client, campaign, capture):
    """Confirm the previewed list, run the job it starts, and open the page of its progress."""
    with capture(execute=True):
        started = client.post(reverse("nominations:import_confirm", args=[campaign.pk]))
    return client.get(started.url)


def test_confirming_makes_every_draft_dossier_of_the_list_as_a_job_with_its_progress(
    client_of, unit_user, campaign, django_capture_on_commit_callbacks,
):
    client = client_of(unit_user)
    upload(client, campaign, good_list())

    response = confirm(client, campaign, django_capture_on_commit_callbacks)

    made = Nomination.objects.filter(submitting_unit=unit_user.organization, campaign=campaign)
    assert response.request["PATH_INFO"].startswith(f"/ho-so/nhap-excel/{campaign.pk}/tien-do/")
    assert response.context["state"]["percent"] == 100
    assert "Đã tạo 3 hồ sơ nháp từ danh sách Excel." in response.content.decode()
    assert sorted(str(nomination.nominee) for nomination in made) == ["Chi nhánh số 1", "Lê Văn Tám", "Trần Thị Bích"]
    assert {nomination.status for nomination in made} == {Nomination.Status.DRAFT}
    new = Person.objects.get(full_name="Trần Thị Bích")
    assert (new.organization.name, new.gender, new.date_of_birth, new.position) == ("Chi nhánh số 1", "female", datetime.date(1985, 5, 12), "Chuyên viên")
    assert Person.objects.filter(full_name="Lê Văn Tám").count() == 1
    assert client.post(reverse("nominations:import_confirm", args=[campaign.pk])).url == reverse("nominations:import", args=[campaign.pk])


def test_a_list_that_became_invalid_after_its_preview_makes_nothing_and_says_why(
    client_of, unit_user, campaign, django_capture_on_commit_callbacks,
):
    client = client_of(unit_user)
    upload(client, campaign, good_list())
    campaign.nomination_deadline = datetime.date(2026, 11, 23)
    campaign.save()

    response = confirm(client, campaign, django_capture_on_commit_callbacks)

    page = response.content.decode()
    assert "Chưa tạo hồ sơ nào" in page and "Dòng 2: Đã quá hạn nộp hồ sơ (23/11/2026)." in page
    assert not Nomination.objects.filter(submitting_unit=unit_user.organization).exists()


def test_an_import_job_is_shown_only_to_its_starter(client_of, unit_user, campaign, django_capture_on_commit_callbacks):
    client = client_of(unit_user)
    upload(client, campaign, good_list())
    progress = confirm(client, campaign, django_capture_on_commit_callbacks).request["PATH_INFO"]
    colleague = UserFactory(role=unit_user.role, organization=unit_user.organization)

    assert client_of(colleague).get(progress).status_code == 404


def test_a_list_with_bad_rows_is_refused_naming_each_row_and_column_and_nothing_is_made(client_of, unit_user, campaign):
    rows = good_list()
    rows[2][4] = "Không rõ"
    rows.append([4, "Cá nhân", "Phạm Văn Khác", "Sở Nội vụ", "Nam", None, None])
    rows.append([5, "Tập thể", "Phòng không có", "Sở Tư pháp", None, None, None])
    before = Nomination.objects.count()

    response = upload(client_of(unit_user), campaign, rows)

    assert response.status_code == 400
    assert response.context["list_errors"] == [
        "Dòng 3, cột Giới tính: giới tính của cá nhân phải là “Nam” hoặc “Nữ”.",
    ]
    rows[2][4] = "Nữ"
    response = upload(client_of(unit_user), campaign, rows)
    assert response.context["list_errors"] == [
        "Dòng 5, cột Đơn vị: “Sở Nội vụ” không phải đơn vị của mình hay đơn vị trực thuộc.",
        "Dòng 6, cột Họ và tên / Tên tập thể: không có tập thể “Phòng không có” thuộc đơn vị.",
    ]
    assert "Chưa nhập dòng nào" in response.content.decode()
    assert Nomination.objects.count() == before and not Person.objects.filter(full_name="Trần Thị Bích").exists()


def test_a_list_imported_twice_is_refused_the_second_time(client_of, unit_user, campaign, django_capture_on_commit_callbacks):
    rows = good_list()
    rows.append([4, "Cá nhân", "Trần Thị Bích", "Chi nhánh số 1", "Nữ", "12/05/1985", None])
    upload(client_of(unit_user), campaign, good_list())
    confirm(client_of(unit_user), campaign, django_capture_on_commit_callbacks)

    response = upload(client_of(unit_user), campaign, rows)

    draft_exists = "đơn vị đã có hồ sơ nháp đề nghị hình thức này cho đối tượng này."
    assert response.context["list_errors"] == [*(f"Dòng {row}: {draft_exists}" for row in (2, 3, 4)), "Dòng 5: trùng với dòng 3."]


def test_the_same_new_person_twice_in_one_list_is_refused(client_of, unit_user, campaign):
    rows = good_list()
    rows.append([4, "Cá nhân", "Trần Thị Bích", "Chi nhánh số 1", "Nữ", "12/05/1985", None])

    response = upload(client_of(unit_user), campaign, rows)

    assert response.context["list_errors"] == ["Dòng 5: trùng với dòng 3."]


def test_a_file_that_is_not_excel_or_lacks_columns_is_refused_keeping_the_chosen_form(client_of, unit_user, campaign):
    client = client_of(unit_user)
    award_form = campaign.award_forms.get()
    not_excel = SimpleUploadedFile("danh-sach.xlsx", b"khong phai excel")

    refused = client.post(reverse("nominations:import", args=[campaign.pk]), {"award_form": award_form.pk, "excel": not_excel})
    missing = upload(client, campaign, [["Họ và tên", "Giới tính"], ["Lê Văn Tám", "Nam"]])

    assert refused.context["list_errors"] == ["Tệp không phải bảng tính Excel (.xlsx) đọc được."]
    assert missing.context["list_errors"] == ["Thiếu cột: Loại, Đơn vị."]
    assert missing.context["form"]["award_form"].value() == str(award_form.pk)


def test_the_template_has_the_columns_the_import_reads(client_of, unit_user, campaign):
    response = client_of(unit_user).get(reverse("nominations:import_template"))

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]] == ["Loại", "Họ và tên / Tên tập thể", "Đơn vị", "Giới tính", "Ngày sinh", "Chức vụ, chức danh"]


def test_the_template_filled_in_imports(client_of, unit_user, campaign):
    template = load_workbook(io.BytesIO(b"".join(client_of(unit_user).get(reverse("nominations:import_template")).streaming_content)))
    template.active.append(["Cá nhân", "Võ Thị Thu Trang", "Chi nhánh số 1", "Nữ", "01/02/1990", "Chuyên viên"])
    handle = io.BytesIO()
    template.save(handle)

    response = client_of(unit_user).post(reverse("nominations:import", args=[campaign.pk]), {
        "award_form": campaign.award_forms.get().pk, "excel": SimpleUploadedFile("mau.xlsx", handle.getvalue()),
    })

    assert [str(dossier.nomination.nominee) for dossier in response.context["planned"]] == ["Võ Thị Thu Trang"]


def test_another_units_user_may_not_import_into_a_plan_it_cannot_nominate_to(client_of, office_user, campaign):
    assert client_of(office_user).get(reverse("nominations:import", args=[campaign.pk])).status_code == 403
