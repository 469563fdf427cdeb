"""Files on an S3-compatible object store: every process finds them, and only those allowed get them."""

import datetime
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import Decision
from awards.services import draft_decision
from awards.tasks import generate_decision_documents
from campaigns.models import Report
from config.settings import object_store
from tests.factories import AwardFormFactory, NominationFactory, ReportFactory, approved_nomination
from tests.files import ONE_PAGE_PDF

PDF = ONE_PAGE_PDF  # a PDF a reader opens: uploads are checked whole (core/upload_content.py)
FAR = datetime.date(2099, 1, 1)
STORE_DOWN = "Kho lưu trữ tệp tạm thời không truy cập được"


@pytest.fixture
def dossier(unit_user):
    return NominationFactory(submitting_unit=unit_user.organization)


@pytest.fixture
def decision(unit_user, office_user):
    award_form = AwardFormFactory(campaign__nomination_deadline=FAR, campaign__award_deadline=FAR)
    approved_nomination(campaign=award_form.campaign, award_form=award_form, submitting_unit=unit_user.organization)
    return draft_decision(award_form, by=office_user)


def upload(client, dossier, name="to-trinh.pdf", content=PDF):
    attached = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(reverse("nominations:upload", args=[dossier.pk]), {"document_type": "", "file": attached}, follow=True)


def download_url(dossier):
    return reverse("nominations:download", args=[dossier.pk, dossier.attachments.get().pk])


def fetch(url):
    """GET a URL outside the portal, as a browser would, and answer (status, headers, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


# Settings

def test_storage_url_names_endpoint_bucket_keys_and_region():
    store = object_store("s3://AK%2B1:s3cr%2Fet@minio.so-tu-phap.vn:9000/thidua?region=ap-southeast-1")

    assert store == {
        "AWS_S3_ENDPOINT_URL": "https://minio.so-tu-phap.vn:9000", "AWS_STORAGE_BUCKET_NAME": "thidua",
        "AWS_ACCESS_KEY_ID": "AK+1", "AWS_SECRET_ACCESS_KEY": "s3cr/et", "AWS_S3_REGION_NAME": "ap-southeast-1",
    }


def test_storage_url_with_s3_plus_http_reaches_a_store_without_tls():
    assert object_store("s3+http://k:s@10.0.0.5:9000/thidua")["AWS_S3_ENDPOINT_URL"] == "http://10.0.0.5:9000"


@pytest.mark.parametrize("url", ["file:///var/lib/thidua", "s3://k:s@minio.local/", "s3:///thidua"])
def test_storage_url_without_a_host_and_bucket_is_refused(url):
    with pytest.raises(ValueError, match="STORAGE_URL"):
        object_store(url)


def test_no_storage_url_keeps_files_on_local_disk(settings):
    assert object_store("") == {}
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


# Uploads and downloads through the object store

@pytest.mark.django_db
def test_an_upload_lands_in_the_bucket_and_nothing_on_local_disk(client_of, unit_user, dossier, s3_bucket, s3_server, tmp_path):
    upload(client_of(unit_user), dossier)

    assert s3_server.keys(s3_bucket) == [f"nominations/{dossier.pk}/to-trinh.pdf"]
    assert s3_server.read(s3_bucket, f"nominations/{dossier.pk}/to-trinh.pdf") == PDF
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_two_uploads_of_the_same_name_keep_both_files(client_of, unit_user, dossier, s3_bucket, s3_server):
    client = client_of(unit_user)

    upload(client, dossier, content=PDF)
    upload(client, dossier, content=PDF + b"%ban-sua\n")

    assert [a.file.read() for a in dossier.attachments.order_by("pk")] == [PDF, PDF + b"%ban-sua\n"]
    assert len(s3_server.keys(s3_bucket)) == 2


@pytest.mark.django_db
def test_a_file_uploaded_by_one_client_is_downloaded_by_another(client, django_user_model, unit_user, office_user, dossier, s3_bucket):
    client.force_login(unit_user)
    upload(client, dossier)
    client.logout()
    client.force_login(office_user)

    response = client.get(download_url(dossier))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="to-trinh.pdf"'
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
def test_another_unit_gets_neither_the_file_nor_a_signed_link(client, unit_user, other_unit_user, dossier, s3_bucket, settings):
    settings.STORAGE_REDIRECT_DOWNLOADS = True
    client.force_login(unit_user)
    upload(client, dossier)
    client.force_login(other_unit_user)

    response = client.get(download_url(dossier))

    assert response.status_code == 403
    assert "X-Amz-Signature" not in response.content.decode()


@pytest.mark.django_db
def test_the_bucket_is_not_public(client_of, unit_user, dossier, s3_bucket, s3_server):
    upload(client_of(unit_user), dossier)

    status, _, body = fetch(f"{s3_server.endpoint}/{s3_bucket}/nominations/{dossier.pk}/to-trinh.pdf")

    assert (status, body) == (403, b"")


@pytest.mark.django_db
def test_a_signed_link_is_given_after_the_check_and_lives_a_minute(client_of, unit_user, office_user, dossier, s3_bucket, settings):
    settings.STORAGE_REDIRECT_DOWNLOADS = True
    upload(client_of(unit_user), dossier, name="Tờ trình số 12.pdf")

    response = client_of(office_user).get(download_url(dossier))

    link = urllib.parse.urlsplit(response.url)
    query = urllib.parse.parse_qs(link.query)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    assert (query["X-Amz-Expires"], "X-Amz-Signature" in query) == (["60"], True)
    status, headers, body = fetch(response.url)
    assert (status, body) == (200, PDF)
    assert headers["Content-Disposition"] == "attachment; filename*=utf-8''T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%2012.pdf"


@pytest.mark.django_db
def test_a_file_missing_from_the_store_is_not_found(client_of, unit_user, dossier, s3_bucket, s3_server):
    upload(client_of(unit_user), dossier)
    s3_server.client.delete_object(Bucket=s3_bucket, Key=f"nominations/{dossier.pk}/to-trinh.pdf")

    response = client_of(unit_user).get(download_url(dossier))

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_report_attachment_round_trips_through_the_store(client_of, unit_user, office_user, s3_bucket, s3_server):
    report = ReportFactory(organization=unit_user.organization)
    attached = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    client_of(unit_user).post(reverse("campaigns:report_submit", args=[report.pk]), {"content": "Kết quả", "attachment": attached})

    response = client_of(office_user).get(reverse("campaigns:report_attachment", args=[report.pk]))

    assert b"".join(response.streaming_content) == PDF
    assert s3_server.keys(s3_bucket)[0].startswith("reports/")


# Documents rendered by a task

@pytest.mark.django_db
def test_a_rendered_decision_is_stored_in_the_bucket_and_downloaded_from_it(client_of, office_user, decision, s3_bucket, s3_server):
    generate_decision_documents(decision_id=decision.pk)

    response = client_of(office_user).get(reverse("awards:decision_pdf", args=[decision.pk]))

    decision.refresh_from_db()
    assert decision.documents_state == Decision.DocumentsState.DONE
    assert s3_server.keys(s3_bucket) == [decision.pdf.name]
    assert b"".join(response.streaming_content) == s3_server.read(s3_bucket, decision.pdf.name)


@pytest.mark.django_db
def test_rendering_a_decision_twice_leaves_one_file_in_the_bucket(decision, s3_bucket, s3_server):
    generate_decision_documents(decision_id=decision.pk)
    generate_decision_documents(decision_id=decision.pk)

    decision.refresh_from_db()
    assert s3_server.keys(s3_bucket) == [decision.pdf.name]


# The store does not answer

@pytest.mark.django_db
def test_an_upload_while_the_store_is_down_says_so_and_attaches_nothing(client_of, unit_user, dossier, unreachable_store):
    response = upload(client_of(unit_user), dossier)

    assert STORE_DOWN in response.content.decode()
    assert not dossier.attachments.exists()


@pytest.mark.django_db
def test_an_upload_to_a_bucket_that_is_gone_says_so_and_attaches_nothing(client_of, unit_user, dossier, s3_bucket, s3_server):
    s3_server.client.delete_bucket(Bucket=s3_bucket)

    response = upload(client_of(unit_user), dossier)

    assert STORE_DOWN in response.content.decode()
    assert not dossier.attachments.exists()


@pytest.mark.django_db
def test_a_report_sent_while_the_store_is_down_stays_unsent_with_its_text_kept(client_of, unit_user, unreachable_store):
    report = ReportFactory(organization=unit_user.organization)
    attached = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")

    response = client_of(unit_user).post(
        reverse("campaigns:report_submit", args=[report.pk]), {"content": "Kết quả năm 2026", "figures": "45 vụ việc", "attachment": attached}
    )

    report.refresh_from_db()
    page = response.content.decode()
    assert response.status_code == 200
    assert STORE_DOWN in page
    assert "Kết quả năm 2026" in page and "45 vụ việc" in page
    assert (report.status, report.submitted_at) == (Report.Status.OWED, None)


@pytest.mark.django_db
def test_a_download_while_the_store_is_down_answers_503_in_vietnamese(client_of, unit_user, dossier, unreachable_store):
    dossier.attachments.create(file="nominations/1/x.pdf", original_name="x.pdf", content_type="application/pdf", size=1)

    response = client_of(unit_user).get(download_url(dossier))

    assert response.status_code == 503
    assert STORE_DOWN in response.content.decode()


@pytest.mark.django_db
def test_rendering_inline_while_the_store_is_down_is_recorded_as_failed_for_a_retry(
    client_of, office_user, decision, unreachable_store, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(office_user).post(reverse("awards:decision_documents", args=[decision.pk]), follow=True)

    decision.refresh_from_db()
    assert response.status_code == 200
    assert decision.documents_state == Decision.DocumentsState.FAILED
    assert STORE_DOWN in decision.documents_error


# Health

@pytest.mark.django_db
def test_healthz_reports_the_object_store(client, s3_bucket, s3_server):
    response = client.get("/healthz")

    assert (response.status_code, response.json()["storage"]) == (200, "ok")
    assert s3_server.keys(s3_bucket) == []


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_store(client, unreachable_store):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["storage"].startswith("error")


@pytest.mark.django_db
def test_healthz_reports_the_local_disk(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    response = client.get("/healthz")

    assert (response.status_code, response.json()["storage"]) == (200, "ok")
