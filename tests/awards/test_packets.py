"""The package sent upward: one ZIP with the decision, its list, the dossiers and a manifest of checksums."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from accounts.models import User
from awards.services import issue_proposal_letter, sign_decision
from tests.awards.test_views import award_form, draft, leader, signed  # noqa: F401  the decision fixtures
from tests.factories import UserFactory


def files_of(response):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.django_db
def test_decision_packet_holds_the_list_each_dossier_and_a_manifest_that_matches(client_of, office_user, signed, tmp_path, settings):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    nomination = signed.awardees.get(person__full_name="Nguyễn Thị Ngọc Hà").nomination
    attachment = nomination.attachments.create(
        document_type="Báo cáo thành tích", original_name="bao-cao.pdf", content_type="application/pdf", size=9,
    )
    attachment.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4 "))

    files = files_of(client_of(office_user).get(reverse("awards:decision_packet", args=[signed.pk])))

    manifest = json.loads(files.pop("manifest.json"))
    assert "danh-sach.xlsx" in files
    assert any(name.endswith("/bao-cao.pdf") for name in files)
    assert any(name.endswith("nguyen-thi-ngoc-ha/bao-cao-thanh-tich.txt") for name in files)
    assert {entry["path"]: entry["sha256"] for entry in manifest["files"]} == {
        name: hashlib.sha256(content).hexdigest() for name, content in files.items()
    }
    assert manifest["title"] == str(signed)


@pytest.mark.django_db
def test_forwarded_dossier_packet_holds_its_report(client_of, office_user, signed):  # noqa: F811
    nomination = signed.awardees.exclude(nomination=None).first().nomination

    files = files_of(client_of(office_user).get(reverse("awards:nomination_packet", args=[nomination.pk])))

    assert files[next(name for name in files if name.endswith("bao-cao-thanh-tich.txt"))] == nomination.achievement_report.encode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.UNIT, User.Role.COUNCIL_MEMBER])
def test_packets_are_for_the_office_and_leaders_only(client_of, signed, role):  # noqa: F811
    client = client_of(UserFactory(role=role))

    answers = [
        client.get(reverse("awards:decision_packet", args=[signed.pk])).status_code,
        client.get(reverse("awards:nomination_packet", args=[signed.awardees.exclude(nomination=None).first().nomination.pk])).status_code,
    ]

    assert answers == [403, 403]


@pytest.fixture
def proposed(draft, office_user, leader):  # noqa: F811
    """The decision signed on the office's tờ trình."""
    issue_proposal_letter(draft, by=office_user)
    return sign_decision(draft, by=leader)


def word_text(content):
    """Every paragraph of a .docx, its tables' cells included, as a person reads it in Word."""
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


@pytest.mark.django_db
def test_decision_packet_holds_the_proposal_letter_as_word_beside_its_pdf(client_of, office_user, proposed):
    files = files_of(client_of(office_user).get(reverse("awards:decision_packet", args=[proposed.pk])))

    text = word_text(files["to-trinh.docx"])
    assert "Số: 01/TTr-STP" in text
    assert ("Sở Tư pháp thành phố Cần Thơ kính trình Chủ tịch Ủy ban nhân dân thành phố Cần Thơ xem xét, tặng Bằng khen "
            "của Chủ tịch Ủy ban nhân dân thành phố cho 01 tập thể và 01 cá nhân (có danh sách kèm theo).") in text
    assert "Căn cứ Kế hoạch số 67/KH-UBND" in text and "Nguyễn Thị Ngọc Hà" in text
    assert "Nguyễn Thị Ngọc Hà" in PdfReader(io.BytesIO(files["to-trinh.pdf"])).pages[-1].extract_text()


@pytest.mark.django_db
def test_decision_packet_holds_the_awardee_list_as_word_and_pdf_listed_in_the_manifest(client_of, office_user, proposed):
    files = files_of(client_of(office_user).get(reverse("awards:decision_packet", args=[proposed.pk])))

    manifest = {entry["path"]: entry for entry in json.loads(files["manifest.json"])["files"]}
    text = word_text(files["danh-sach.docx"])
    assert "(Kèm theo Quyết định số 01/QĐ-UBND ngày 24 tháng 11 năm 2026 của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ)" in text
    assert "Nguyễn Thị Ngọc Hà" in text and "Phòng Nghiệp vụ 1" in text
    assert "Nguyễn Thị Ngọc Hà" in PdfReader(io.BytesIO(files["danh-sach.pdf"])).pages[0].extract_text()
    assert manifest["danh-sach.docx"]["sha256"] == hashlib.sha256(files["danh-sach.docx"]).hexdigest()
    assert manifest["to-trinh.docx"]["description"] == "Tờ trình số 01/TTr-STP (bản Word)"


@pytest.mark.django_db
def test_decision_packet_without_a_proposal_letter_has_no_to_trinh(client_of, office_user, signed):  # noqa: F811
    files = files_of(client_of(office_user).get(reverse("awards:decision_packet", args=[signed.pk])))

    assert not any(name.startswith("to-trinh") for name in files)
    assert {"danh-sach.pdf", "danh-sach.docx", "danh-sach.xlsx"} <= set(files)
