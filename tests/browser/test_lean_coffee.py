"""A short Lean Coffee round in real browsers: a member collects a topic and gives a dot, the
facilitator starts it and moves it to Done with a note; a second browser sees every change through
polling, and the topic page shows the outcome. The pages pass axe."""

import datetime
import re

import pytest
from django.utils import timezone

from meetings.models import AgendaItem
from members.models import Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.topics.factories import TopicFactory
from topics.models import LeanCoffeeRound, Topic, TopicStatus

from .a11y import assert_page_is_sound
from .test_topic_board import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def lean_coffee(transactional_db):
    community = CommunityFactory(name="Personalentwicklung", slug="pe", votes_per_member=3)
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    facilitator = MembershipFactory(community=community, user=UserFactory(first_name="Fiona")).user
    member = MembershipFactory(community=community, user=UserFactory(first_name="Erika")).user
    meeting = MeetingFactory(
        community=community,
        title="Treffen im März",
        starts_at=timezone.now() - datetime.timedelta(minutes=15),
        facilitator=facilitator,
        facilitator_confirmed=True,
    )
    item = AgendaItemFactory(
        meeting=meeting,
        title="Lean Coffee",
        kind=AgendaItem.Kind.LEAN_COFFEE,
        status=AgendaItem.Status.ACCEPTED,
    )
    TopicFactory(community=community, title="Coaching")
    return facilitator, member, item


@pytest.fixture
def second_page(browser, live_server):
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.console_errors = []
    page.failed_responses = []
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def test_a_short_round_seen_from_two_browsers(page, second_page, live_server, lean_coffee):
    from playwright.sync_api import expect  # imported here: without Playwright the test is skipped

    facilitator, member, item = lean_coffee
    live = f"/meetings/{item.meeting_id}/lean-coffee/{item.pk}/"
    sign_in(page, live_server, facilitator)
    sign_in(second_page, live_server, member)
    page.goto(live)
    second_page.goto(live)
    assert_page_is_sound(page)
    assert second_page.locator("#lc-votes-left").inner_text() == "Du hast noch 3 Punkte (von 3)."

    # The member collects a topic on the spot (a plain form) and gives it a dot (htmx).
    second_page.get_by_label("Titel").fill("Feedbackkultur")
    second_page.get_by_role("button", name="Thema hinzufügen").click()
    second_page.locator(".alert-success").wait_for()
    topic = Topic.objects.get(title="Feedbackkultur")
    second_page.locator(f"#lc-vote-{topic.pk}").click()
    second_page.locator(f"#lc-vote-{topic.pk}", has_text="Punkt zurücknehmen").wait_for()
    assert second_page.locator("#lc-votes-left").inner_text() == "Du hast noch 2 Punkte (von 3)."

    # The facilitator's browser learns of the new topic and its dot by polling, most votes first.
    page.locator(f"#lc-topic-{topic.pk}", has_text="1 Punkt").wait_for()
    assert page.locator("#lc-todo > li a.fw-bold").all_inner_texts() == ["Feedbackkultur", "Coaching"]

    page.locator(f"#lc-start-{topic.pk}").click()
    page.locator("#lc-doing").wait_for()
    expect(page.locator(".lc-countdown")).to_have_text(re.compile(r"^0[78]:\d\d$"))
    assert_page_is_sound(page)
    second_page.locator("#lc-doing", has_text="Feedbackkultur").wait_for()
    assert "Zeitfenster von 8 Minuten bis" in second_page.locator("#lc-doing").inner_text()

    page.locator(f"#lc-note-{topic.pk}").fill("Wir üben Feedback in der nächsten Retro.")
    page.locator("#lc-done").click()
    page.locator("#lc-done-list", has_text="Wir üben Feedback in der nächsten Retro.").wait_for()
    second_page.locator("#lc-done-list", has_text="Wir üben Feedback in der nächsten Retro.").wait_for()
    assert second_page.locator("#lc-votes-left").inner_text() == "Du hast noch 3 Punkte (von 3)."
    topic.refresh_from_db()
    assert (topic.status, topic.outcome) == (
        TopicStatus.DISCUSSED,
        "Wir üben Feedback in der nächsten Retro.",
    )
    assert_page_is_sound(page)
    assert second_page.console_errors == []

    second_page.goto(f"/topics/{topic.pk}/")
    assert (
        second_page.locator(".markdown-body").last.inner_text() == "Wir üben Feedback in der nächsten Retro."
    )
    page.goto(f"/meetings/{item.meeting_id}/")
    page.get_by_role("link", name="Lean Coffee öffnen").wait_for()


def test_without_javascript_the_forms_post_and_the_end_time_is_text(
    page_without_javascript, live_server, lean_coffee
):
    facilitator, member, item = lean_coffee
    page = page_without_javascript
    sign_in(page, live_server, facilitator)
    page.goto(f"/meetings/{item.meeting_id}/lean-coffee/{item.pk}/")
    coaching = Topic.objects.get(title="Coaching")
    page.locator(f"#lc-start-{coaching.pk}").click()
    page.locator("#lc-doing").wait_for()
    ends_at = timezone.localtime(LeanCoffeeRound.objects.get().ends_at).strftime("%H:%M")
    assert page.locator("#lc-doing p").nth(1).inner_text() == f"Zeitfenster von 8 Minuten bis {ends_at}."
    assert page.locator(".lc-countdown").inner_text() == ""
    page.locator(f"#lc-note-{coaching.pk}").fill("Coaching-Pool gründen.")
    page.locator("#lc-done").click()
    page.locator("#lc-done-list", has_text="Coaching-Pool gründen.").wait_for()
    assert page.locator(".alert-success").inner_text() == (
        "Das Thema ist erledigt; die Notiz steht in seinem Ergebnis und im Protokoll."
    )
    assert page.get_by_role("link", name="Neu laden").get_attribute("href") == page.url.split("#")[0].replace(
        live_server.url, ""
    )
