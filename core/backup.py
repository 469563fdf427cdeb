"""Backups: the database (pg_dump, or SQLite's own copy) and the uploaded and generated files, in one dated archive.

An archive holds `database.dump` (PostgreSQL, custom format) or `database.sqlite3`, and `media/`. Restoring needs an
empty database: it never writes over data.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


def make_backup(output_dir):
    """Write thidua-YYYYMMDD-HHMMSS.tar.gz into output_dir and return its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / f"thidua-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "w:gz") as archive:
        database = Path(work) / (POSTGRES_DUMP if connection.vendor == "postgresql" else SQLITE_COPY)
        _dump_database(database)
        archive.add(database, arcname=database.name)
        if files_on_local_disk() and Path(settings.MEDIA_ROOT).is_dir():
            archive.add(settings.MEDIA_ROOT, arcname="media")
    return path


def files_on_local_disk():
    """Whether the files live under MEDIA_ROOT; in an object store (STORAGE_URL) they are the store's to keep."""
    return settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def restore_backup(path):
    """Load an archive made by make_backup into the empty database and the media folder."""
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
        names = archive.getnames()
        if POSTGRES_DUMP not in names and SQLITE_COPY not in names:
            raise CommandError(f"{path} is not a backup of the portal: it has no {POSTGRES_DUMP} or {SQLITE_COPY}.")
        if connection.introspection.table_names():
            raise CommandError(f"The database {connection.settings_dict['NAME']} is not empty: restore into a new one.")
        archive.extractall(work, filter="data")
        _load_database(Path(work))
        if (Path(work) / "media").is_dir():
            shutil.copytree(Path(work) / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)


def _dump_database(target):
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])
        return
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def _load_database(folder):
    if connection.vendor == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              f"--dbname={connection.settings_dict['NAME']}", str(folder / POSTGRES_DUMP)])
        return
    connection.ensure_connection()
    with sqlite3.connect(folder / SQLITE_COPY) as copy:
        copy.backup(connection.connection)
    copy.close()


def _run(command):
    """Run a PostgreSQL client with the portal's connection, given through libpq's variables."""
    params = connection.settings_dict
    variables = {"PGHOST": params["HOST"], "PGPORT": str(params["PORT"] or ""), "PGUSER": params["USER"],
                 "PGPASSWORD": params["PASSWORD"], "PGDATABASE": params["NAME"]}
    environment = os.environ | {name: value for name, value in variables.items() if value}
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")


