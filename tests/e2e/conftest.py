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

from tests.snapshots import Snapshot

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
    """Mark the browser tests and run them last: the one browser of the
    session keeps an event loop open, and Django's connections are per
    context, so no other test should run while it is open."""
    browser_tests = [item for item in items if "/e2e/" in str(item.fspath)]
    for item in browser_tests:
        item.add_marker(pytest.mark.e2e)
    others = [item for item in items if "/e2e/" not in str(item.fspath)]
    items[:] = others + browser_tests


@pytest.fixture(scope="session")
def database_snapshots(django_db_setup, django_db_blocker):
    """The two states a browser test starts from, made once per session
    and kept as copies of every table in the test database itself: what
    the migrations made, and the demo portal seeded on top of it."""
    with django_db_blocker.unblock():
        # Taken by the root conftest when the test database was made.
        migrated = Snapshot.take("migrated", keep_existing=True)
        migrated.restore()
        call_command("seed_demo", stdout=StringIO())
        demo = Snapshot.take("demo")
        migrated.restore()
    return {"migrated": migrated, "demo": demo}


@pytest.fixture(scope="session")
def browser(database_snapshots):
    """One Chromium for the session; each test gets a fresh context.

    Playwright's sync API keeps an event loop running while it is open, and
    Django keeps its database connections per context: inside the loop the
    tests (and pytest-django's setup and teardown) use connections of their
    own, closed before the loop ends so the test database can be dropped.
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
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def browser_db(request, browser, transactional_db, database_snapshots):
    """The committed state a browser test starts from, so the live server
    sees it: the demo portal when the test asks for ``demo_site``, else the
    test database as the migrations left it (groups, the taxonomy, the page
    tree's root)."""
    state = "demo" if "demo_site" in request.fixturenames else "migrated"
    database_snapshots[state].restore()


@pytest.fixture
def page(browser, live_server, browser_db, settings):
    """A fresh browser page (in a new context) on the live server, which is
    the site's public address for the test: links in mails lead to it."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo_site(browser_db):
    """The demo portal, seeded once per session and restored (by
    ``browser_db``) for each test that asks for it."""
