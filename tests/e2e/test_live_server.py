"""The browser suite itself must not exhaust PostgreSQL: CI runs the whole suite against one server."""

import pytest
from django.db import connection

from tests.e2e.browser import sign_in
from tests.factories import UserFactory


def open_connections():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_users_signed_in_from_many_browsers_leave_no_database_connection_open(live_server, browser):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL")
    user = UserFactory()
    before = open_connections()
    contexts = [browser.new_context() for _ in range(6)]  # each with its own sockets, each a live-server thread
    try:
        for context in contexts:
            sign_in(context.new_page(), live_server.url, user.username)
        assert open_connections() <= before
    finally:
        for context in contexts:
            context.close()
