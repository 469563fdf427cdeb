"""The package sent upward: one ZIP with the decision, its list, the dossiers and a manifest of checksums."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import User
from tests.awards.test_views import award_form, draft, signed  # noqa: F401  the decision fixtures
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
