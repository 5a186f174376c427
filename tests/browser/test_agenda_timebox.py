"""A facilitator changes an item's time box in place (htmx) and sees the planned starts of the
following items move, on a phone and on a desktop; the pages pass axe."""

import datetime

import pytest

from meetings.models import AgendaItem
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.conftest import berlin
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

from .a11y import assert_page_is_sound
from .test_topic_board import sign_in

pytestmark = pytest.mark.browser

START = berlin(2027, 3, 9, 10, 0)


@pytest.fixture
def agenda(transactional_db):
    community = CommunityFactory(
        name="Personalentwicklung", slug="pe", visibility=Community.Visibility.INTERNAL
    )
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    facilitator = MembershipFactory(community=community, user=UserFactory(first_name="Fritz")).user
    meeting = MeetingFactory(
        community=community,
        title="Treffen März 2027",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        facilitator=facilitator,
        facilitator_confirmed=True,
    )
    items = [
        AgendaItemFactory(
            meeting=meeting,
            position=position,
            title=title,
            kind=kind,
            duration_minutes=minutes,
            status=AgendaItem.Status.ACCEPTED,
            proposed_by=facilitator,
        )
        for position, (title, kind, minutes) in enumerate(
            [("Check-in", "checkin", 15), ("Input", "input", 30), ("Retrospektive", "retrospective", 15)],
            start=1,
        )
    ]
    return facilitator, meeting, items


def starts(page) -> list[str]:
    return page.locator("#agenda tbody tr td:first-child").all_inner_texts()


@pytest.mark.parametrize("width", [390, 1280])
def test_facilitator_edits_a_time_box_in_place_and_the_starts_move(page, live_server, agenda, width):
    facilitator, meeting, (check_in, talk, retro) = agenda
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, facilitator)
    page.goto(f"/meetings/{meeting.pk}/")
    assert starts(page) == ["10:00", "10:15", "10:45"]
    assert_page_is_sound(page)
    page.evaluate("window.notReloaded = true")

    page.locator(f"#item-{check_in.pk}-timebox").click()
    page.mouse.move(0, 0)  # no button is scanned mid-hover after the swaps
    duration = page.locator(f"#timebox_{check_in.pk}_duration_minutes")
    duration.wait_for()
    # htmx focuses the autofocus field once the swap has settled, a moment after it is shown.
    field_id = f"timebox_{check_in.pk}_duration_minutes"
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=field_id)
    assert page.evaluate("document.activeElement.id") == field_id
    assert_page_is_sound(page)

    duration.fill("25")
    page.keyboard.press("Enter")
    page.locator(f"#item-{check_in.pk}-timebox").wait_for()

    assert starts(page) == ["10:00", "10:25", "10:55"]
    assert page.evaluate("window.notReloaded") is True
    check_in.refresh_from_db()
    assert check_in.duration_minutes == 25
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_page_is_sound(page)

    # Moving by keyboard keeps working next to the new buttons.
    page.locator(f"#item-{talk.pk}-down").focus()
    page.keyboard.press("Enter")
    page.locator("#agenda .alert", has_text="„Input“ wurde nach unten verschoben.").wait_for()
    assert page.locator("#agenda .agenda-item-title").all_inner_texts() == [
        "Check-in",
        "Retrospektive",
        "Input",
    ]
    assert starts(page) == ["10:00", "10:25", "10:40"]
    assert_page_is_sound(page)


def test_without_javascript_the_time_box_has_a_page_of_its_own(page_without_javascript, live_server, agenda):
    facilitator, meeting, (check_in, talk, retro) = agenda
    page = page_without_javascript
    sign_in(page, live_server, facilitator)
    page.goto(f"/meetings/{meeting.pk}/")

    page.locator(f"#item-{talk.pk}-timebox").click()
    page.locator(f"#timebox_{talk.pk}_duration_minutes").fill("45")
    page.locator(f"#timebox-{talk.pk}-save").click()

    assert starts(page) == ["10:00", "10:15", "11:00"]
