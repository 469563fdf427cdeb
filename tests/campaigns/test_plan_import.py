"""The office reads a draft plan from its text, checks each value beside its source, corrects and saves it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Organization, User
from campaigns.models import Campaign
from campaigns.seed import SEED_DIR
from tests.factories import OrganizationFactory, UserFactory

CAN_THO_TEXT = (SEED_DIR / "sources" / "000_can_tho_67_kh_ubnd.txt").read_text(encoding="utf-8")
IMPORT = reverse("campaigns:import")


@pytest.fixture
def city(db):
    return OrganizationFactory(name="Ủy ban nhân dân thành phố Cần Thơ", kind=Organization.Kind.PEOPLES_COMMITTEE)


def read(client, text):
    return client.post(IMPORT, {"step": "read", "text": text})


def review_data(response, **changes):
    """The review page's form as the office would send it back, with some values corrected."""
    form, parts_form = response.context["form"], response.context["parts_form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    for name in ("issue_date", "starts_on", "ends_on", "nomination_deadline", "award_deadline"):
        data[name] = data[name].strftime("%d/%m/%Y") if data[name] else ""
    data["reminder_days"] = "7, 3, 1"
    return data | {
        "step": "save", "source_text": parts_form["source_text"].value(), "parts": parts_form["parts"].value(),
        "keep": ["criteria", "award_forms", "subjects"],
    } | changes


@pytest.mark.django_db
def test_plan_import_shows_each_value_read_beside_its_source(client_of, office_user, city):
    response = read(client_of(office_user), CAN_THO_TEXT)

    page = response.content.decode()
    form = response.context["form"]
    assert form["number"].value() == "67/KH-UBND"
    assert form["issuing_organization"].value() == city.pk
    assert "Đọc từ văn bản: «Cần Thơ, ngày 28 tháng 3 năm 2025»" in page
    assert "Giấy khen của Giám đốc Sở Tư pháp" in page
    assert "Nội dung thi đua (4)" in page


@pytest.mark.django_db
def test_plan_import_saved_after_correction_is_a_draft_with_the_parts_kept(client_of, office_user, city):
    client = client_of(office_user)
    review = read(client, CAN_THO_TEXT)

    response = client.post(IMPORT, review_data(review, signer_name="Nguyễn Ngọc Hè (đã sửa)"))

    campaign = Campaign.objects.get(number="67/KH-UBND")
    assert response.url == campaign.get_absolute_url()
    assert campaign.status == Campaign.Status.DRAFT
    assert campaign.signer_name == "Nguyễn Ngọc Hè (đã sửa)"
    assert campaign.issuing_organization == city
    assert [c.number for c in campaign.criteria.order_by("number")] == ["1", "2", "3", "4"]
    assert [f.name for f in campaign.award_forms.order_by("pk")] == [
        "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", "Giấy khen của Giám đốc Sở Tư pháp",
    ]
    assert campaign.subjects.count() == 2
    assert campaign.legal_bases.splitlines()[0] == "Luật Trợ giúp pháp lý năm 2017"
    assert campaign.history.get().note == "Tạo từ văn bản kế hoạch"


@pytest.mark.django_db
def test_plan_import_with_a_required_value_left_empty_keeps_everything_read(client_of, office_user, city):
    client = client_of(office_user)
    review = read(client, CAN_THO_TEXT)

    response = client.post(IMPORT, review_data(review, number="", title="Trích yếu đã sửa"))

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].has_error("number")
    assert "Trích yếu đã sửa" in page
    assert "Giấy khen của Giám đốc Sở Tư pháp" in page
    assert "Hội đồng phối hợp liên ngành" in response.context["source_text"]
    assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_plan_import_with_nothing_to_read_says_so(client_of, office_user):
    response = read(client_of(office_user), "   ")

    assert response.context["form"].has_error("__all__", code="nothing")
    assert "Hãy dán nội dung kế hoạch hoặc chọn tệp." in response.content.decode()


@pytest.mark.django_db
def test_plan_import_of_an_image_file_is_refused(client_of, office_user):
    upload = SimpleUploadedFile("ke-hoach.png", b"\x89PNG\r\n", content_type="image/png")

    response = client_of(office_user).post(IMPORT, {"step": "read", "file": upload})

    assert response.context["form"].has_error("__all__", code="bad_file")


@pytest.mark.django_db
def test_plan_import_of_a_text_file_reads_it(client_of, office_user, city):
    upload = SimpleUploadedFile("ke-hoach.txt", CAN_THO_TEXT.encode("utf-8"), content_type="text/plain")

    response = client_of(office_user).post(IMPORT, {"step": "read", "file": upload})

    assert response.context["form"]["number"].value() == "67/KH-UBND"


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.UNIT, User.Role.COUNCIL_MEMBER, User.Role.LEADER])
@pytest.mark.parametrize("method", ["get", "post"])
def test_plan_import_is_for_the_office_only(client_of, role, method):
    response = getattr(client_of(UserFactory(role=role)), method)(IMPORT, {"step": "read", "text": CAN_THO_TEXT})

    assert response.status_code == 403
