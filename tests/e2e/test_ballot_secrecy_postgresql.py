"""On PostgreSQL, a round cast through the browser leaves no member's choice anywhere the database keeps it:
not in any table, not in any old row version (read with pageinspect), not in the statements it was sent.

Statements are captured two ways: every statement Django sends, on every connection (the live server's too),
through an execute wrapper; and the server's own statement log, with `log_statement = 'all'` set on the test
database, read from the PostgreSQL log file when this machine lets us read it (PG_LOG_FILE, default Debian's path).
"""

import os
import re
from pathlib import Path

import pytest
from django.db import connection
from django.db.backends.signals import connection_created

from councils.models import Tally
from tests.e2e.test_encrypted_ballot import run_round

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"),
]

PG_LOG_FILE = Path(os.environ.get("PG_LOG_FILE", "/var/log/postgresql/postgresql-15-main.log"))
# A choice in the clear would show as one of these words (the ballot JSON never names an option).
CHOICE = re.compile(
    rb"""["'](for|against|abstain)["']|(?<![A-Za-z_])(against|abstain)(?![A-Za-z_])|votes_(for|against)"?\s*=\s*[^,]*\+"""
)
START, END = "ballot-window-start", "ballot-window-end"


@pytest.fixture
def statements():
    """Every statement Django sends during the test, on every connection."""
    sent = []

    def record(execute, sql, params, many, context):
        sent.append(sql if not params else f"{sql} -- {params!r}")
        return execute(sql, params, many, context)

    def wrap(sender, connection, **kwargs):
        connection.execute_wrappers.append(record)

    connection_created.connect(wrap)
    connection.ensure_connection()
    connection.execute_wrappers.append(record)
    yield sent
    connection_created.disconnect(wrap)
    connection.execute_wrappers.remove(record)


@pytest.fixture
def server_log():
    """The server's statement log for the test database, from the log file's current end; None if unreadable."""
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{name}" SET log_statement = \'all\'')
    connection.close()  # new sessions take the setting
    readable = os.access(PG_LOG_FILE, os.R_OK)
    offset = PG_LOG_FILE.stat().st_size if readable else 0

    def read():
        if not readable:
            return None
        with PG_LOG_FILE.open("rb") as handle:
            handle.seek(offset)
            return _entries_of(handle.read(), name)

    yield read
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{name}" RESET log_statement')


def _entries_of(text, database):
    """The log entries (with their continuation lines) written for this database."""
    entries, keep = [], False
    for line in text.splitlines():
        if re.match(rb"\d{4}-\d\d-\d\d \d\d:", line):
            keep = f"@{database} ".encode() in line
            if keep:
                entries.append(line)
        elif keep and entries:
            entries[-1] += b"\n" + line
    return entries


def tuples_of_every_table():
    """Every tuple version still on disk (live or dead) of every table in the schema: (table, raw bytes)."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")
        tables = [row[0] for row in cursor.fetchall()]
        for table in tables:
            cursor.execute("SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int", [table])
            for block in range(cursor.fetchone()[0]):
                cursor.execute(
                    "SELECT t_data FROM heap_page_items(get_raw_page(%s, %s)) WHERE t_data IS NOT NULL", [table, block]
                )
                found += [(table, bytes(row[0])) for row in cursor.fetchall()]
            found += _toasted(cursor, table)
    return found


def _toasted(cursor, table):
    """Out-of-line (TOAST) chunks of a table's long values: a ballot's JSON is long."""
    cursor.execute("SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = %s AND reltoastrelid <> 0", [table])
    row = cursor.fetchone()
    if not row:
        return []
    cursor.execute("SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int", [row[0]])
    chunks = []
    for block in range(cursor.fetchone()[0]):
        cursor.execute("SELECT t_data FROM heap_page_items(get_raw_page(%s, %s)) WHERE t_data IS NOT NULL", [row[0], block])
        chunks += [(f"{table} (toast)", bytes(r[0])) for r in cursor.fetchall()]
    return chunks


def mark(label):
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s", [label])


def between_marks(entries, start, end):
    texts = [entry if isinstance(entry, bytes) else entry.encode() for entry in entries]
    first = next(i for i, text in enumerate(texts) if start.encode() in text)
    last = next(i for i, text in enumerate(texts) if end.encode() in text)
    return texts[first:last]


def test_ballot_secrecy_no_choice_in_tables_old_row_versions_or_statements(live_server, browser, statements, server_log):
    seen_before_close = {}

    def before_close():
        mark(END)
        seen_before_close["tuples"] = tuples_of_every_table()

    mark(START)
    run_round(browser, live_server, before_close=before_close)
    tuples_after = tuples_of_every_table()
    log = server_log()

    voting_statements = between_marks(statements, START, END)
    leaks_in_statements = [s[:300] for s in voting_statements if CHOICE.search(s)]
    leaks_in_tuples = [(table, data[:80]) for table, data in seen_before_close["tuples"] if CHOICE.search(data)]
    tally_writes = [s for s in voting_statements if re.search(rb"UPDATE \"councils_tally\"", s)]
    tally_versions = [data for table, data in tuples_after if table == "councils_tally"]
    options_after = {table for table, data in tuples_after if CHOICE.search(data)}

    ballot_versions = [data for table, data in seen_before_close["tuples"] if table == "councils_encryptedballot"]
    assert len(ballot_versions) == 7  # six ballots, and the old version of the one replaced by the re-vote
    assert CHOICE.search(b'UPDATE "councils_tally" SET "votes_for" = ("councils_tally"."votes_for" + 1)')
    assert CHOICE.search(b"INSERT ... -- (3, 'against')") and CHOICE.search(b'{"for": 1}')
    assert len(voting_statements) > 100  # the votes, re-vote included, went through this capture
    assert leaks_in_statements == []
    assert leaks_in_tuples == []
    assert tally_writes == []  # nothing is counted while members vote
    assert len(tally_versions) <= 4 * Tally.objects.count()  # no version per ballot: opened, decrypted, decided
    assert options_after <= {"councils_tally", "councils_trustee", "councils_tally (toast)", "councils_trustee (toast)"}
    if PG_LOG_FILE.exists():
        logged = between_marks(log, START, END)
        assert any(b"councils_encryptedballot" in entry for entry in logged)
        assert [entry for entry in logged if CHOICE.search(entry)] == []
