# ruff: noqa: F811 - the browser fixtures are imported by name from tests/browser/conftest.py
"""In a real browser: a member creates a feed link on /calendar/, fetches it, revokes it and the
link answers 404. The page passes axe with the site's CSP in force; screenshots go to screenshots/."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.browser.a11y import assert_page_is_sound
from tests.browser.conftest import browser, page  # noqa: F401
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "screenshots"


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def erika(transactional_db):
    user = UserFactory(email="erika.mustermann@kassel.de", first_name="Erika", last_name="Mustermann")
    community = CommunityFactory(name="Personalentwicklung", slug="personalentwicklung")
    MembershipFactory(community=community, user=user)
    MeetingFactory(
        community=community,
        title="Treffen März",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        video_url="https://video.example.org/pe",
    )
    return user


def test_member_creates_fetches_and_revokes_a_feed_link(page, live_server, erika):
    SCREENSHOTS.mkdir(exist_ok=True)
    sign_in(page, live_server, erika)
    page.goto("/")
    page.locator("header nav a[href='/calendar/']").click()
    page.wait_for_url(f"{live_server.url}/calendar/")
    assert page.locator("h1").inner_text() == "Kalender"
    assert_page_is_sound(page)
    page.screenshot(path=str(SCREENSHOTS / "calendar-empty.png"), full_page=True)

    page.fill("input[name=name]", "Outlook Büro")
    page.locator("main form[action='/calendar/'] button[type=submit]").click()
    page.wait_for_selector("#new-link")
    https_link = page.locator("#link-https").input_value()
    webcal_link = page.locator("#link-webcal").input_value()
    assert webcal_link == "webcal://" + https_link.split("://", 1)[1]
    assert page.locator("main table tbody tr td").first.inner_text() == "Outlook Büro"
    assert_page_is_sound(page)
    page.screenshot(path=str(SCREENSHOTS / "calendar-new-link.png"), full_page=True)

    feed = page.request.get(https_link)
    assert (feed.status, feed.headers["content-type"]) == (200, "text/calendar; charset=utf-8")
    assert "SUMMARY:Personalentwicklung: Treffen März" in feed.text()

    page.goto("/calendar/")
    assert https_link not in page.content()  # shown once
    page.locator("main table form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/calendar/")
    assert page.locator(".messages .alert").all_inner_texts() == [
        "Der Link „Outlook Büro“ wurde widerrufen; er funktioniert nicht mehr."
    ]
    assert page.locator("main table").count() == 0
    assert_page_is_sound(page)
    page.screenshot(path=str(SCREENSHOTS / "calendar-revoked.png"), full_page=True)

    assert page.request.get(https_link).status == 404
