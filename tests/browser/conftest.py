"""Playwright drives the system's Chromium against pytest-django's live server.

A browser is never downloaded. Without Chromium (or Playwright) the browser tests are skipped,
except under CI=true, where a missing browser is a failure: CI must run them.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Headless as root on a machine without a network beyond loopback: no sandbox, no background traffic.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _browser_missing(reason: str):
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(
            f"{reason} CI=true, so the browser tests must run: install Chromium (apt-get install chromium)."
        )
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("The python package playwright is not installed.")
    if not CHROMIUM.is_file():
        _browser_missing(f"No Chromium at {CHROMIUM} (set CHROMIUM_PATH to use another one).")
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls next to one
    # unless told that this is intended. Module scope keeps the setting away from other test modules.
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            yield chromium
            chromium.close()
    finally:
        monkeypatch.undo()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) with the site's CSP in force; console errors are collected."""
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.console_errors = []
    page.failed_responses = []

    def on_console(message):
        # A failed load is logged without its address; on_response records it with one.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            page.console_errors.append(message.text)

    def on_response(response):
        if response.status >= 400:
            page.failed_responses.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.on("response", on_response)
    yield page
    context.close()


@pytest.fixture
def page_without_javascript(browser, live_server):
    """A fresh browser context with JavaScript switched off: the pages must work as plain forms."""
    context = browser.new_context(
        locale="de-DE", timezone_id="Europe/Berlin", base_url=live_server.url, java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.console_errors, page.failed_responses = [], []
    yield page
    context.close()
