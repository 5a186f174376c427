# ruff: noqa: F811 - the browser fixtures are imported by name from tests/browser/conftest.py
"""In a real browser: a member proposes an item, the facilitator accepts it, moves it up with the
keyboard and publishes the agenda, and the member sees it in the published agenda. Every page
passes axe (WCAG 2.1 A/AA), with the site's CSP in force and htmx doing the agenda swaps."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import AgendaItem, Meeting
from members.models import Community, Membership
from notifications.models import Notification
from tests.browser.a11y import assert_page_is_sound
from tests.browser.conftest import browser, page  # noqa: F401
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def sign_in(page, live_server, user):
    """Put a signed-in session for `user` into the browser (sign-in itself has its own browser test)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
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
def scene(transactional_db):
    community = CommunityFactory(
        name="Personalentwicklung", slug="personalentwicklung", visibility=Community.Visibility.INTERNAL
    )
    facilitator = UserFactory(first_name="Fritz", last_name="Moderator")
    member = UserFactory(first_name="Mia", last_name="Mitglied")
    MembershipFactory(community=community, user=facilitator)
    MembershipFactory(community=community, user=member)
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    starts = (timezone.localtime() + datetime.timedelta(days=21)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    meeting = Meeting.objects.create(
        community=community,
        title="Treffen im Frühjahr",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        facilitator=facilitator,
        facilitator_confirmed=True,  # only an accepted facilitator decides on the agenda
        video_url="https://video.example.org/cop",
    )
    AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title="Check-in",
        kind=AgendaItem.Kind.CHECKIN,
        duration_minutes=15,
        status=AgendaItem.Status.ACCEPTED,
        proposed_by=facilitator,
    )
    return meeting, facilitator, member


def button_name(action, title):
    """A per-item button: the action, then the item's title in visually hidden text."""
    return re.compile(rf"^{re.escape(action)}\W+{re.escape(title)}$")


def agenda_titles(page):
    return [
        title.strip() for title in page.locator("#agenda table tbody .agenda-item-title").all_inner_texts()
    ]


def test_member_proposes_facilitator_orders_and_publishes_member_sees_it(page, live_server, scene):
    meeting, facilitator, member = scene
    url = f"/meetings/{meeting.pk}/"

    # The member opens the form in place and proposes an item.
    sign_in(page, live_server, member)
    page.goto(url)
    assert page.locator("h1").inner_text() == "Treffen im Frühjahr"
    assert_page_is_sound(page)
    page.locator("#propose").get_by_role("link", name="TOP vorschlagen").click()
    form = page.locator(f"form[action='/meetings/{meeting.pk}/items/new/']")
    form.get_by_label("Titel").fill("Mobiles Arbeiten")
    form.get_by_label("Beschreibung").fill("Was hat sich **bewährt**?")
    form.get_by_label("Art").select_option("discussion")
    form.get_by_label("Dauer in Minuten").fill("30")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}{url}")
    proposal = page.locator("#agenda li.list-group-item")
    assert proposal.locator("strong").first.inner_text() == "Mobiles Arbeiten"
    assert_page_is_sound(page)

    # The facilitator accepts it (htmx swaps the agenda), moves it up by keyboard and publishes.
    sign_in(page, live_server, facilitator)
    page.goto(url)
    assert_page_is_sound(page)
    page.get_by_label(
        "Begründung (optional, geht an die Person, die den TOP eingebracht hat): Mobiles Arbeiten"
    ).fill("Passt gut zum Schwerpunkt.")
    page.get_by_role("button", name=button_name("Annehmen", "Mobiles Arbeiten")).click()
    expect(page.locator("#agenda table tbody tr")).to_have_count(2)
    assert list(
        Notification.objects.filter(kind="agenda_item_decided").values_list("context__reason", flat=True)
    ) == ["Passt gut zum Schwerpunkt."]
    assert agenda_titles(page) == ["Check-in", "Mobiles Arbeiten"]
    assert page.url == f"{live_server.url}{url}"  # swapped in place, no reload
    # The pointer leaves the swapped agenda: a button that lands under it would be scanned mid-hover.
    page.mouse.move(0, 0)
    up = page.get_by_role("button", name=button_name("Nach oben", "Mobiles Arbeiten"))
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#agenda table tbody .agenda-item-title").first).to_have_text("Mobiles Arbeiten")
    # The swap keeps keyboard focus on the button just used, now at the top (aria-disabled there).
    expect(page.get_by_role("button", name=button_name("Nach oben", "Mobiles Arbeiten"))).to_be_focused()
    assert agenda_titles(page) == ["Mobiles Arbeiten", "Check-in"]
    assert page.locator("#agenda table tbody tr td").first.inner_text() == timezone.localtime(
        meeting.starts_at
    ).strftime("%H:%M")
    assert_page_is_sound(page)
    page.get_by_role("button", name="Tagesordnung veröffentlichen").click()
    page.wait_for_selector("#agenda-heading .badge")
    assert_page_is_sound(page)

    # The member sees the published agenda, in the facilitator's order, and can no longer propose.
    sign_in(page, live_server, member)
    page.goto(url)
    assert agenda_titles(page) == ["Mobiles Arbeiten", "Check-in"]
    assert page.locator(f"form[action='/meetings/{meeting.pk}/items/new/']").count() == 0
    assert_page_is_sound(page)

    # The member's other views of the meeting: dashboard, community page, meetings list.
    for path, heading in [
        ("/", "Hallo, Mia!"),
        (f"/communities/{meeting.community.slug}/", "Personalentwicklung"),
        (f"/communities/{meeting.community.slug}/meetings/", "Treffen von Personalentwicklung"),
    ]:
        page.goto(path)
        assert (page.locator("h1").inner_text(), page.locator(f"main a[href='{url}']").count() >= 1) == (
            heading,
            True,
        )
        assert_page_is_sound(page)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert list(
        meeting.agenda_items.order_by("position").values_list("title", "status", "proposed_by__first_name")
    ) == [("Mobiles Arbeiten", "accepted", "Mia"), ("Check-in", "accepted", "Fritz")]


def test_minutes_page_and_form_are_sound_with_the_confidential_part(page, live_server, scene, tmp_path):
    """The facilitator saves and publishes the minutes with the form; the member reads them with the
    confidential part marked. Both pages pass axe; screenshots land in the test's tmp_path."""
    meeting, facilitator, member = scene
    started = timezone.now() - datetime.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=started, ends_at=started + datetime.timedelta(hours=2)
    )
    sign_in(page, live_server, facilitator)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/minutes/")
    page.get_by_label("Protokoll", exact=True).fill("## Ergebnisse\n\nWir probieren *Working Out Loud* aus.")
    page.get_by_label("Vertraulicher Teil").fill("Fall von Frau K.: Rückkehr nach langer Krankheit.")
    assert_page_is_sound(page)
    page.screenshot(path=str(tmp_path / "minutes_form.png"), full_page=True)
    page.get_by_role("button", name="Speichern und veröffentlichen").click()
    expect(page.get_by_text("Das Protokoll wurde gespeichert und veröffentlicht.")).to_be_visible()

    sign_in(page, live_server, member)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    expect(page.get_by_text("vertraulich", exact=True)).to_be_visible()
    expect(page.get_by_text("Fall von Frau K.: Rückkehr nach langer Krankheit.")).to_be_visible()
    expect(page.get_by_text("Entwurf – nur für Moderation und Koordination sichtbar")).to_have_count(0)
    assert_page_is_sound(page)
    page.screenshot(path=str(tmp_path / "meeting_minutes.png"), full_page=True)
