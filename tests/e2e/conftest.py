"""Browser tests: Playwright driving Debian's Chromium (no `playwright install` here)."""

import os
import shutil

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from tests.e2e.browser import sign_in

# Playwright's sync API runs an event loop; the live server's ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("E2E_REQUIRED"):
        raise pytest.UsageError(f"Chromium not found at {CHROMIUM}, and E2E_REQUIRED is set (as .ci/run sets it)")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: apt-get install chromium (as .ci/run does)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def cookies_without_expiry(settings):
    """The live server runs on the suite's day, the browser on the machine's: a dated cookie could be expired."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None


@pytest.fixture(autouse=True)
def live_server_closes_database_connections():
    """Chromium keeps its sockets to the live server open, and each keeps a server thread alive: with CONN_MAX_AGE
    every such thread would hold its PostgreSQL connection until PostgreSQL refuses new clients."""
    database = connections.settings[DEFAULT_DB_ALIAS]  # each thread's connection reads it when it opens
    kept, database["CONN_MAX_AGE"] = database["CONN_MAX_AGE"], 0
    yield
    database["CONN_MAX_AGE"] = kept


@pytest.fixture
def login(live_server, page):
    """Sign in through the login page as the given user (password "demo")."""

    return lambda user: sign_in(page, live_server.url, user.username)


@pytest.fixture(autouse=True)
def no_content_security_policy_violation(page):
    """Every browser flow runs under the portal's CSP: a blocked script or style is an error of the flow."""
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    yield
    assert violations == []
