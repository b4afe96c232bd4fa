"""Browser harness: Playwright drives Debian's Chromium against a live server.

Every public page and form gets an axe-core scan (``assert_accessible``) with
zero violations of WCAG 2.1 A/AA, and journeys that matter are walked with the
keyboard. The browser is the system's Chromium (``CHROMIUM_PATH``, default
``/usr/bin/chromium``); Playwright never downloads one.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the tests make themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def page(live_server, transactional_db):
    """A fresh browser page on the live server.

    Playwright's sync API keeps an event loop running while it is open, and
    Django then keeps its database connections per context. The browser is
    therefore started per test, after the database is set up, and closed
    before the database is torn down, so the test database's own connection
    (with its serialized state) is the one that setup and teardown use.
    """
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM_PATH}: install Debian's 'chromium' package "
            "or set CHROMIUM_PATH. The browser tests are part of the suite."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_FLAGS, headless=True
        )
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam"
        )
        context.set_default_timeout(10_000)
        yield context.new_page()
        # ORM calls made while the event loop ran opened connections of their
        # own; close them so the test database can be dropped at the end.
        connections.close_all()
        context.close()
        browser.close()


@pytest.fixture
def demo_site(transactional_db, django_db_serialized_rollback):
    """The demo portal, rebuilt for each browser test: the live server needs
    committed data, and serialized rollback restores what the migrations made
    (groups, the page tree's root) after each test's flush."""
    call_command("seed_demo", stdout=StringIO())
