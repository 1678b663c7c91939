"""Browser journeys: Playwright drives Debian's /usr/bin/chromium against pytest-django's live server.

No browser is ever downloaded: the harness fails with a clear message when chromium is missing
(`make test` and .ci/run install it).
"""
import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are
# still synchronous and safe, so tell Django not to refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
         "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


FIRST_ID = 12345


@pytest.fixture(autouse=True)
def ids_past_999(transactional_db):
    """Every table's next id is FIRST_ID: ids of five digits, as in production and as on PostgreSQL deep into
    CI (its sequences never go back, SQLite's do), so a template printing an id with the Vietnamese thousands
    separator ("12.345") fails here on both databases and not only now and then in CI."""
    from django.db import connection

    with connection.cursor() as cursor:  # never backwards: rows made after the last flush keep their ids
        if connection.vendor == "postgresql":
            cursor.execute("SELECT schemaname, sequencename, last_value FROM pg_sequences "
                           "WHERE schemaname = current_schema()")
            for schema, name, last in cursor.fetchall():
                if (last or 0) < FIRST_ID:
                    cursor.execute("SELECT setval(%s::regclass, %s)", [f'"{schema}"."{name}"', FIRST_ID - 1])
        else:  # Django's SQLite tables are AUTOINCREMENT: their next id is sqlite_sequence's + 1
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'")
            tables = [name for (name,) in cursor.fetchall()]
            cursor.execute("SELECT name FROM sqlite_sequence")
            known = {name for (name,) in cursor.fetchall()}
            cursor.executemany("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, 0)",
                               [(name,) for name in tables if name not in known])
            cursor.execute("UPDATE sqlite_sequence SET seq = MAX(seq, %s)", [FIRST_ID - 1])


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def login(page):
    """login(username, password) through the real login form."""

    def do(username, password):
        page.goto(f"{page.base_url}/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return do
