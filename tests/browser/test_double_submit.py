"""A form is sent once however often its button is clicked (static/js/forms.js), and again after "back".

The first POST is held back in the browser until the second click is done, as with a slow server:
that is when a second click would send the form a second time.
"""

import contextlib

import pytest

from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from topics.models import Topic

from .a11y import assert_page_is_sound
from .test_topic_board import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def community(transactional_db):
    return CommunityFactory(name="Personalentwicklung", slug="pe", join_policy=Community.JoinPolicy.APPROVAL)


def posts_to(page, path) -> list[str]:
    """The form data of every POST the page sends to `path`, in order."""
    sent = []
    page.on(
        "request", lambda r: sent.append(r.post_data) if r.method == "POST" and r.url.endswith(path) else None
    )
    return sent


def click_twice_while_the_first_post_is_on_its_way(page, button, path) -> list[str]:
    """Click, hold the POST to `path` until a second click is done, let it go; the form data sent."""
    from playwright.sync_api import Error as PlaywrightError

    sent, held = posts_to(page, path), []

    def route(route):
        if route.request.method == "POST" and not held:
            held.append(route)
        else:
            route.continue_()

    page.route(f"**{path}", route)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    with page.expect_request(lambda r: r.method == "POST" and r.url.endswith(path)):
        page.mouse.click(x, y)
    page.mouse.click(x, y)
    with contextlib.suppress(PlaywrightError):  # the browser dropped the first request for a second one
        held[0].continue_()
    return sent


def test_a_second_click_does_not_propose_the_topic_again(page, live_server, community):
    member = MembershipFactory(community=community, user=UserFactory(first_name="Erika")).user
    sign_in(page, live_server, member)
    page.goto("/communities/pe/topics/new/")
    assert_page_is_sound(page)
    page.fill("input[name=title]", "Mentoring für Neue")

    sent = click_twice_while_the_first_post_is_on_its_way(
        page, page.locator("main form button[type=submit]"), "/communities/pe/topics/new/"
    )

    page.wait_for_url(f"{live_server.url}/communities/pe/topics/")
    assert len(sent) == 1
    assert list(Topic.objects.values_list("title", "proposed_by")) == [("Mentoring für Neue", member.pk)]
    assert_page_is_sound(page)


def test_a_form_shown_again_is_usable_again_and_sends_the_clicked_button(page, live_server, community):
    coordinator = MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user
    request = MembershipFactory(
        community=community, user=UserFactory(first_name="Jonas"), status=Membership.Status.PENDING
    )
    sign_in(page, live_server, coordinator)
    page.goto("/communities/pe/manage/")
    action = f"/communities/pe/manage/requests/{request.pk}/"
    form = page.locator(f"main form[action='{action}']")
    approve = form.locator("button[name=decision][value=approve]")
    sent = posts_to(page, action)
    # An answer without content (as a download gives) leaves the page where it is, form sent.
    page.route(f"**{action}", lambda route: route.fulfill(status=204))

    approve.click()
    page.wait_for_function(
        "(form) => form.matches('[aria-busy]') && form.querySelector(':disabled')", arg=form.element_handle()
    )
    approve.click(force=True)  # force: a disabled button is clicked all the same
    busy = (form.get_attribute("aria-busy"), form.locator("button:disabled").count(), len(sent))
    # What the browser does when "back" brings a page out of its back/forward cache.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    ready = (form.get_attribute("aria-busy"), form.locator("button:disabled").count())
    page.unroute(f"**{action}")
    approve.click()
    page.locator(".messages .alert").wait_for()

    assert (busy, ready) == (("true", 2, 1), (None, 0))
    assert [data.split("&")[1:] for data in sent] == [["decision=approve"], ["decision=approve"]]
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE
