"""`make backup` and `make restore FILE=...`: a dated archive of the database and the files, restored elsewhere."""

import datetime
import json
import os
import re
import subprocess
import sys
import tarfile
import urllib.parse
import uuid

import psycopg2
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.db import connection

from awards.services import draft_decision
from core.backup import make_backup, restore_backup
from councils.models import Tally, VotingRound
from nominations.models import Attachment
from tests.factories import AwardFormFactory, MeetingFactory, approved_nomination
from tests.files import ONE_PAGE_PDF

# Counted in the restored copy, by a separate process that knows only its DATABASE_URL and MEDIA_ROOT.
COUNT = """
import json, os, django
django.setup()
from awards.models import Decision
from councils.models import Tally
from nominations.models import Attachment, Nomination
attachment = Attachment.objects.get()
print(json.dumps({
    "dossiers": Nomination.objects.count(), "decisions": Decision.objects.count(),
    "tallies": list(Tally.objects.values_list("votes_for", "votes_against")),
    "attachment": attachment.file.read().decode("latin-1"),
}))
"""


@pytest.fixture
def portal_data(settings, tmp_path, office_user):
    """A dossier with its attachment, a tally of a closed round, and a decision, as the portal holds them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    far = datetime.date(2099, 1, 1)
    award_form = AwardFormFactory(campaign__nomination_deadline=far, campaign__award_deadline=far)
    dossier = approved_nomination(campaign=award_form.campaign, award_form=award_form)
    Attachment.objects.create(nomination=dossier, file=ContentFile(ONE_PAGE_PDF, "to-trinh.pdf"), original_name="to-trinh.pdf",
                              content_type="application/pdf", size=len(ONE_PAGE_PDF))
    voting_round = VotingRound.objects.create(meeting=MeetingFactory(), number=1, status=VotingRound.Status.CLOSED)
    Tally.objects.create(voting_round=voting_round, nomination=dossier, votes_for=4, votes_against=1)
    draft_decision(award_form, by=office_user)


def empty_database_url(tmp_path):
    """A new, empty database beside the test one: a file for SQLite, a database of its own on PostgreSQL."""
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:6]}"
    run_outside_a_transaction(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + name).geturl()


def drop_database(url):
    if url.startswith("postgres"):
        run_outside_a_transaction(f'DROP DATABASE IF EXISTS "{urllib.parse.urlsplit(url).path[1:]}"')


def run_outside_a_transaction(statement):
    """CREATE and DROP DATABASE refuse to run in a transaction (psycopg2's `with` would open one)."""
    admin = psycopg2.connect(**connection.get_connection_params())
    try:
        admin.autocommit = True
        admin.cursor().execute(statement)
    finally:
        admin.close()


def in_restored_portal(arguments, url, media):
    environment = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    environment |= {"DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": url, "MEDIA_ROOT": str(media)}
    return subprocess.run([sys.executable, *arguments], cwd=settings.BASE_DIR, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_has_every_dossier_attachment_tally_and_decision(portal_data, tmp_path):
    archive = make_backup(tmp_path / "backups")
    url = empty_database_url(tmp_path)
    try:
        restored = in_restored_portal(["manage.py", "restore", str(archive)], url, tmp_path / "restored-media")
        counted = in_restored_portal(["-c", COUNT], url, tmp_path / "restored-media")
    finally:
        drop_database(url)

    assert re.fullmatch(r"thidua-20261124-09\d{4}\.tar\.gz", archive.name)
    assert restored.returncode == 0, restored.stderr
    assert json.loads(counted.stdout) == {
        "dossiers": 1, "decisions": 1, "tallies": [[4, 1]], "attachment": ONE_PAGE_PDF.decode("latin-1"),
    }, counted.stderr


@pytest.mark.django_db(transaction=True)
def test_restore_into_a_database_that_has_data_is_refused(portal_data, tmp_path):
    archive = make_backup(tmp_path / "backups")

    with pytest.raises(CommandError, match="is not empty: restore into a new one"):
        restore_backup(archive)


def test_restore_of_an_archive_that_is_not_a_backup_is_refused(tmp_path):
    archive = tmp_path / "anh-chup.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        (tmp_path / "anh.jpg").write_bytes(b"\xff\xd8")
        tar.add(tmp_path / "anh.jpg", arcname="anh.jpg")

    with pytest.raises(CommandError, match="is not a backup of the portal"):
        restore_backup(archive)
