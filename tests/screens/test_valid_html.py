"""Every main page, as each role sees it, is valid HTML: no error from the Nu HTML checker.

The pages of `tests/screens/pages.py` are rendered with the test client on the demo data, and every
GET page of the URL walk in the privacy test's world for each of its roles; each set is checked in
one run of the checker (one JVM for all its pages). The checker is the npm package vnu-jar
(`npm ci` in tests/js) and needs Java; without either the test is skipped, except under CI=true.
"""

import json
import os
import shutil
import subprocess
from http import HTTPStatus
from pathlib import Path

import pytest
from django.test import Client

from tests.privacy.test_markers import ROLES as MARKER_ROLES
from tests.privacy.test_markers import get_urls, world  # noqa: F401 - the fixture

from .pages import PAGES, SESSION_COOKIE, VISITOR, load_screens, page_urls

VNU_JAR = Path(__file__).resolve().parents[1] / "js/node_modules/vnu-jar/build/dist/vnu.jar"
# htmx's attributes (hx-post, hx-target, ...) are not HTML's; the checker reports each as an error.
HTMX_ATTRIBUTES = r"Attribute “hx-[a-z-]+” not allowed on element .*"


def _checker_missing(reason: str):
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} CI=true, so the HTML check must run.")
    pytest.skip(reason)


@pytest.fixture
def vnu():
    java = shutil.which("java")
    if java is None:
        _checker_missing("No java on PATH (apt-get install default-jre-headless).")
    if not VNU_JAR.is_file():
        _checker_missing(f"No Nu HTML checker at {VNU_JAR} (run `npm ci` in tests/js).")
    return [java, "-jar", str(VNU_JAR)]


def rendered_pages(tmp_path) -> dict[Path, str]:
    """Each page for each of its roles as a file; maps the file to "page name (role)"."""
    targets, sessions = load_screens()
    client = Client()
    files, failed = {}, []
    for number, (page, url) in enumerate(page_urls(targets)):
        for role in page.roles:
            client.cookies.clear()
            if role != VISITOR:
                client.cookies[SESSION_COOKIE] = sessions[role]
            response = client.get(url, headers={"Accept-Language": "de"})
            if response.status_code != HTTPStatus.OK:
                failed.append(f"{page.name} ({role}): {url} answered {response.status_code}")
                continue
            path = tmp_path / f"{number:02d}-{role}.html"
            path.write_bytes(response.content)
            files[path] = f"{page.name} ({role}) {url}"
    assert failed == []
    return files


def checker_errors(vnu, files: dict[Path, str]) -> list[str]:
    """The checker's errors for all files in one run, each with the page it was found on."""
    result = subprocess.run(  # noqa: S603 - the checker with fixed arguments and our own files
        [*vnu, "--errors-only", "--format", "json", "--filterpattern", HTMX_ATTRIBUTES, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    by_file = {path.name: name for path, name in files.items()}

    def where(message):
        url = message.get("url", "")
        return by_file.get(url.rsplit("/", 1)[-1], url)

    return [
        f"{where(m)} line {m.get('lastLine')}: {m['message']} [{' '.join(m.get('extract', '').split())}]"
        for m in messages
    ]


@pytest.mark.django_db
def test_main_pages_are_valid_html_for_every_role(vnu, tmp_path):
    files = rendered_pages(tmp_path)

    assert len(files) == sum(len(page.roles) for page in PAGES)
    assert checker_errors(vnu, files) == []


FRAGMENT_FRAME = (
    b'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Fragment</title></head>'
    b"<body>%s</body></html>"
)


def as_document(content: bytes) -> bytes:
    """A page as it is, a fragment (what an htmx endpoint such as the Lean Coffee state answers to a
    plain GET too) inside a minimal document, so that its markup is checked all the same."""
    if content.lstrip().lower().startswith(b"<!doctype"):
        return content
    return FRAGMENT_FRAME % content


@pytest.mark.django_db
def test_every_page_of_the_url_walk_is_valid_html_for_every_role(vnu, tmp_path, world):  # noqa: F811
    """Every HTML page of the URL walk's world (tests/privacy/test_markers.py), as each role gets it."""
    files = {}
    for role in MARKER_ROLES:
        client = Client()
        if role != VISITOR:
            client.force_login(world.users[role])
        for url in get_urls(world):
            response = client.get(url, headers={"Accept-Language": "de"})
            if response.status_code == HTTPStatus.OK and response["Content-Type"].startswith("text/html"):
                path = tmp_path / f"{len(files):04d}.html"
                path.write_bytes(as_document(response.content))
                files[path] = f"{url} ({role})"

    assert len(files) > 100
    assert checker_errors(vnu, files) == []
