"""The documents job on a real Celery worker: killed mid-render, it is done once when a worker comes back."""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from awards.models import Decision
from awards.services import draft_decision, sign_decision
from awards.tasks import generate_decision_documents
from config.celery import app
from tests.factories import AwardFormFactory, approved_nomination
from tests.notifications.test_tasks import _test_database_url

AWARDEES = 20  # an annex long enough for the render to last a few seconds on a cold worker


def start_worker(queue, log, **variables):
    """A prefork worker in its own process group, so that killing the group kills it whole, like a crash."""
    environment = os.environ | {
        "CELERY_TASK_ALWAYS_EAGER": "false", "DATABASE_URL": _test_database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **variables,
    }
    return subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "celery"), "-A", "config", "worker", "-P", "prefork", "-c", "1",
         "--without-mingle", "--without-gossip", "-l", "info", "-Q", queue],
        cwd=settings.BASE_DIR, env=environment, stdout=log.open("a"), stderr=subprocess.STDOUT, start_new_session=True,
    )


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def documents_state(decision):
    return Decision.objects.values_list("documents_state", flat=True).get(pk=decision.pk)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_leaves_one_decision_and_one_certificates_file_after_restart(
    office_user, leader, settings, tmp_path
):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL: a real Celery worker runs on Redis")
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL: the worker process cannot see pytest's SQLite database")
    settings.MEDIA_ROOT = tmp_path / "media"
    far = datetime.date(2099, 1, 1)
    award_form = AwardFormFactory(campaign__nomination_deadline=far, campaign__award_deadline=far)
    for _ in range(AWARDEES):
        approved_nomination(campaign=award_form.campaign, award_form=award_form)
    draft = draft_decision(award_form, by=office_user)
    draft.signer_name = "Nguyễn Ngọc Hè"
    draft.save()
    decision = sign_decision(draft, by=leader)
    queue = f"test-documents-{uuid.uuid4().hex[:8]}"  # so no other worker on this Redis takes the task
    log = tmp_path / "worker.log"
    # A short visibility timeout, so that the restarted worker takes back the dead one's task at once.
    visibility = 5
    first = start_worker(queue, log, CELERY_VISIBILITY_TIMEOUT=str(visibility))
    was_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    second = None
    try:
        generate_decision_documents.apply_async(kwargs={"decision_id": decision.pk}, queue=queue)
        delivered_at = time.monotonic()
        assert wait_for(lambda: documents_state(decision) == "running", 60), log.read_text()
        os.killpg(first.pid, signal.SIGKILL)  # kill -9 of the worker and its child, mid-render
        first.wait(timeout=10)
        killed_state = documents_state(decision)
        time.sleep(max(0, visibility + 1 - (time.monotonic() - delivered_at)))
        second = start_worker(queue, log, CELERY_VISIBILITY_TIMEOUT=str(visibility))
        done = wait_for(lambda: documents_state(decision) == "done", 120)
    finally:
        app.conf.task_always_eager = was_eager
        for worker in (first, second):
            if worker and worker.poll() is None:
                worker.terminate()  # a warm shutdown: a run in progress ends first
                worker.wait(timeout=60)

    decision.refresh_from_db()
    assert killed_state == "running"
    assert done, log.read_text()
    # The same task, received by each worker, and done once.
    task_lines = [line for line in log.read_text().splitlines() if "Task awards.tasks.generate_decision_documents[" in line]
    assert [line.rsplit("] ", 1)[1].split(" ", 1)[0] for line in task_lines] == [
        "received", "received", "succeeded",
    ], log.read_text()
    assert (decision.documents_state, decision.documents_progress, decision.documents_error) == ("done", 100, "")
    assert sorted(path.name for path in tmp_path.joinpath("media").rglob("*.pdf")) == sorted(
        [os.path.basename(decision.pdf.name), os.path.basename(decision.certificates_pdf.name)]
    )
