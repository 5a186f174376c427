"""A member votes and takes the vote back on the board in a real browser (htmx); when the last dot is
given, the other topics' buttons are disabled without a reload; the pages pass axe."""

import pytest

from members.models import Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.topics.factories import TopicFactory
from topics.models import Vote

from .a11y import assert_page_is_sound

pytestmark = pytest.mark.browser


@pytest.fixture
def board(transactional_db):
    community = CommunityFactory(name="Personalentwicklung", slug="pe", votes_per_member=2)
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    member = MembershipFactory(community=community, user=UserFactory(first_name="Erika")).user
    topics = [
        TopicFactory(community=community, title=title) for title in ("Coaching", "Feedbackkultur", "Lernen")
    ]
    return member, topics


def sign_in(page, live_server, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def settled(page):
    """Wait until htmx has settled the swap: a button keeps its id, so its new colours fade in (a CSS
    transition), and axe must measure them once they are there."""
    page.wait_for_function("() => document.getAnimations().length === 0", polling=100)


def test_member_votes_and_takes_the_vote_back_without_a_reload(page, live_server, board):
    member, (coaching, feedback, learning) = board
    sign_in(page, live_server, member)
    page.goto("/communities/pe/topics/")
    assert page.locator("#votes-left").inner_text() == "Du hast noch 2 Punkte (von 2)."
    assert_page_is_sound(page)
    page.evaluate("window.notReloaded = true")

    page.locator(f"#topic-{coaching.pk}-vote button").click()
    page.locator(f"#topic-{coaching.pk}-vote button", has_text="Punkt zurücknehmen").wait_for()
    assert page.locator("#votes-left").inner_text() == "Du hast noch 1 Punkt (von 2)."
    assert page.locator(f"#topic-{coaching.pk}-vote .badge").inner_text() == "1 Punkt"
    assert list(Vote.objects.values_list("topic_id", "user_id")) == [(coaching.pk, member.pk)]

    page.locator(f"#topic-{coaching.pk}-vote button").click()
    page.locator(f"#topic-{coaching.pk}-vote button", has_text="Punkt geben").wait_for()
    assert page.locator("#votes-left").inner_text() == "Du hast noch 2 Punkte (von 2)."
    assert page.evaluate("window.notReloaded") is True
    assert Vote.objects.count() == 0
    settled(page)
    assert_page_is_sound(page)

    # The last dot: the board's list reloads and "Lernen" can no longer get one, and says why.
    page.locator(f"#topic-{coaching.pk}-vote button").click()
    page.locator(f"#topic-{coaching.pk}-vote button", has_text="Punkt zurücknehmen").wait_for()
    page.locator(f"#topic-{feedback.pk}-vote button").click()
    learning_button = page.locator(f"#topic-{learning.pk}-vote button")
    learning_button.and_(page.locator("[disabled]")).wait_for()
    assert learning_button.get_attribute("aria-describedby") == "votes-left"
    assert page.locator("#votes-left").inner_text() == (
        "Du hast keine Punkte mehr übrig (von 2). Nimm einen Punkt zurück, um ihn neu zu verteilen."
    )
    settled(page)
    assert_page_is_sound(page)
    page.locator(f"#topic-{feedback.pk}-vote button").click()
    learning_button.and_(page.locator(":enabled")).wait_for()
    assert page.locator("#votes-left").inner_text() == "Du hast noch 1 Punkt (von 2)."
    assert page.evaluate("window.notReloaded") is True

    page.goto(f"/topics/{feedback.pk}/")
    assert_page_is_sound(page)
