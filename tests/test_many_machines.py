"""Two web processes and a Celery worker on one database, Redis and S3 store: every file is found from every process.

Each process has its own empty MEDIA_ROOT, as if on its own machine: a file written to local disk
would be found by no other.
"""

import os
import re
import subprocess
import sys
import time
import urllib.parse
import uuid

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from awards.models import Decision
from awards.services import draft_decision
from tests.factories import AwardFormFactory, NominationFactory, approved_nomination

from .test_storage import FAR, PDF

PASSWORD = "demo-2026"
BIN = os.path.dirname(sys.executable)
LISTENING = re.compile(r"Listening at: (http://127\.0\.0\.1:\d+)")


def database_url_of_the_suite():
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return url._replace(path="/" + connection.settings_dict["NAME"]).geturl()


def with_password(*accounts):
    # The processes check passwords with the production hashers, not the suite's fast one.
    for account in accounts:
        account.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
        account.save(update_fields=["password"])


class Portal:
    """The portal's processes, each with its own MEDIA_ROOT and log, stopped by the test."""

    def __init__(self, tmp_path, environment):
        self.tmp_path, self.environment, self.processes = tmp_path, environment, []

    def start(self, name, *command):
        media = self.tmp_path / name
        media.mkdir()
        log = (self.tmp_path / f"{name}.log").open("w")
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=self.environment | {"MEDIA_ROOT": str(media)},
            stdout=log, stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return media

    def web_node(self, name):
        """Gunicorn on a port it binds itself (port 0: none another process could take first), read from its log."""
        media = self.start(name, f"{BIN}/gunicorn", "config.wsgi", "-b", "127.0.0.1:0", "-w", "1", "--timeout", "60", "--graceful-timeout", "5", "--no-control-socket")
        log = self.tmp_path / f"{name}.log"
        wait_for(lambda: LISTENING.search(log.read_text()), 60, f"{name} to listen")
        return LISTENING.search(log.read_text()).group(1), media

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def logs(self):
        return "\n".join(f"== {log.name}\n{log.read_text()[-3000:]}" for log in sorted(self.tmp_path.glob("*.log")))


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def answers(url):
    try:
        return requests.get(f"{url}/healthz", timeout=10).status_code == 200
    except requests.RequestException:
        return False


def log_in(node, username):
    browser = requests.Session()
    browser.get(f"{node}{reverse('login')}", timeout=10)
    response = browser.post(
        f"{node}{reverse('login')}", allow_redirects=False, timeout=30,
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
    )
    assert response.status_code == 302, response.text[:500]
    return browser


def post(browser, url, **kwargs):
    return browser.post(url, headers={"X-CSRFToken": browser.cookies["csrftoken"]}, timeout=30, **kwargs)


def decision_state(decision):
    return Decision.objects.values_list("documents_state", flat=True).get(pk=decision.pk)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_upload_render_and_download_find_every_file_from_every_process(
    tmp_path, s3_server, unit_user, other_unit_user, office_user
):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL: a real Celery worker runs on Redis")
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL: the other processes cannot see pytest's SQLite database")
    with_password(unit_user, other_unit_user, office_user)
    office = office_user.organization
    dossier = NominationFactory(submitting_unit=unit_user.organization, campaign__issuing_organization=office)
    award_form = AwardFormFactory(
        campaign__issuing_organization=office, campaign__nomination_deadline=FAR, campaign__award_deadline=FAR
    )
    approved_nomination(campaign=award_form.campaign, award_form=award_form, submitting_unit=unit_user.organization)
    decision = draft_decision(award_form, by=office_user)
    bucket = s3_server.new_bucket()
    queue = f"test-machines-{uuid.uuid4().hex[:8]}"  # so no other worker on this Redis takes the task
    portal = Portal(tmp_path, os.environ | {
        # As in production: DEBUG off, its own key (the portal refuses to start with the development one).
        "DEBUG": "false", "SECRET_KEY": f"many-machines-{uuid.uuid4().hex}",
        "DATABASE_URL": database_url_of_the_suite(), "STORAGE_URL": s3_server.storage_url(bucket),
        "CELERY_TASK_ALWAYS_EAGER": "false", "CELERY_TASK_DEFAULT_QUEUE": queue, "STORAGE_RETRY_DELAY": "1",
    })
    try:
        node_a, media_a = portal.web_node("node-a")
        node_b, media_b = portal.web_node("node-b")
        media_worker = portal.start("worker", f"{BIN}/celery", "-A", "config", "worker", "-P", "solo",
                                    "--without-mingle", "--without-gossip", "-l", "info", "-Q", queue)
        wait_for(lambda: answers(node_a) and answers(node_b), 60, "both web nodes")

        # A unit uploads on node A; its session and its file are found on node B.
        unit_browser = log_in(node_a, unit_user.username)
        upload = {"file": ("to-trinh.pdf", PDF, "application/pdf")}
        post(unit_browser, f"{node_a}{reverse('nominations:upload', args=[dossier.pk])}", data={"document_type": ""}, files=upload)
        download = reverse("nominations:download", args=[dossier.pk, dossier.attachments.get().pk])
        assert unit_browser.get(f"{node_b}{download}", timeout=10).content == PDF
        assert log_in(node_b, office_user.username).get(f"{node_a}{download}", timeout=10).content == PDF
        assert log_in(node_b, other_unit_user.username).get(f"{node_b}{download}", timeout=10).status_code == 403

        # The store goes down while the office asks node B for the decision: the worker retries until it is back.
        office_browser = log_in(node_b, office_user.username)
        s3_server.stop()
        post(office_browser, f"{node_b}{reverse('awards:decision_documents', args=[decision.pk])}")
        wait_for(lambda: "retrying" in (tmp_path / "worker.log").read_text(), 60, "the worker to retry")
        assert decision_state(decision) != Decision.DocumentsState.DONE
        s3_server.start()
        wait_for(lambda: decision_state(decision) == Decision.DocumentsState.DONE, 90, "the decision PDF")

        # The worker's PDF is downloaded from both web nodes.
        pdf_url = reverse("awards:decision_pdf", args=[decision.pk])
        from_a, from_b = (office_browser.get(f"{node}{pdf_url}", timeout=10) for node in (node_a, node_b))
        decision.refresh_from_db()
    finally:
        portal.stop()
        print(portal.logs())  # shown when the test fails

    assert from_a.content.startswith(b"%PDF")
    assert from_a.content == from_b.content == s3_server.read(bucket, decision.pdf.name)
    assert s3_server.keys(bucket) == sorted([f"nominations/{dossier.pk}/to-trinh.pdf", decision.pdf.name])
    assert [list(media.iterdir()) for media in (media_a, media_b, media_worker)] == [[], [], []]
