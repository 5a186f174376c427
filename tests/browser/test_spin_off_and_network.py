"""In a real browser: a topic is spun off and its voter accepts the invitation; a call for partners
("Vernetzt Euch!") finds an interested colleague, the author founds the CoP and the colleague
accepts the invitation. Every page passes axe."""

import re

import pytest

from members.models import Community, Membership
from network.models import PartnerSearch
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.topics.factories import TopicFactory, VoteFactory

from .a11y import assert_page_is_sound
from .test_topic_board import sign_in

pytestmark = pytest.mark.browser


def switch_to(page, live_server, user):
    page.context.clear_cookies()
    sign_in(page, live_server, user)


def invitation_link(mailoutbox, email) -> str:
    (message,) = [message for message in mailoutbox if message.to == [email]]
    return re.search(r"https?://\S+/invitations/\S+", message.body).group(0)


def accept(page, link, community_name):
    page.goto(link)
    assert page.locator("h1").inner_text() == f"Du bist zu {community_name} eingeladen"
    assert_page_is_sound(page)
    page.get_by_role("button", name="Einladung annehmen").click()
    page.wait_for_url(re.compile(r"/communities/[\w-]+/$"))
    assert_page_is_sound(page)


def test_a_topic_is_spun_off_and_its_voter_accepts(page, live_server, transactional_db, mailoutbox):
    community = CommunityFactory(name="Personalentwicklung", slug="pe")
    coordinator = MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user
    voter = MembershipFactory(community=community, user=UserFactory(email="voter@kassel.de")).user
    topic = TopicFactory(community=community, title="Working Out Loud", description="Zwölf Wochen")
    VoteFactory(topic=topic, user=voter)

    sign_in(page, live_server, coordinator)
    page.goto(f"/topics/{topic.pk}/")
    assert_page_is_sound(page)
    page.get_by_role("link", name="Ableger gründen").click()
    assert page.locator("#id_slug").input_value() == "working-out-loud"
    assert_page_is_sound(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/communities/working-out-loud/")
    assert_page_is_sound(page)

    switch_to(page, live_server, voter)
    accept(page, invitation_link(mailoutbox, "voter@kassel.de"), "Working Out Loud")
    child = Community.objects.get(slug="working-out-loud")
    assert Membership.objects.active().filter(community=child, user=voter).exists()


def test_a_call_for_partners_becomes_a_cop(page, live_server, transactional_db, mailoutbox):
    author = UserFactory(first_name="Aylin", last_name="Probe")
    colleague = UserFactory(first_name="Jonas", last_name="Muster", email="jonas@sw-kassel.de")

    sign_in(page, live_server, author)
    page.goto("/network/")
    assert_page_is_sound(page)
    page.get_by_role("link", name="Aufruf starten").click()
    assert_page_is_sound(page)
    page.fill("#id_title", "Wissensmanagement in Stadtwerken")
    page.fill("#id_description", "Wer baut mit mir eine **CoP** auf?")
    page.locator("main form button[type=submit]").click()
    search = PartnerSearch.objects.get()
    page.wait_for_url(f"**/network/{search.pk}/")
    assert_page_is_sound(page)

    switch_to(page, live_server, colleague)
    page.goto(f"/network/{search.pk}/")
    page.get_by_role("button", name="Ich bin dabei").click()
    page.get_by_text("Du bist interessiert.").wait_for()
    assert_page_is_sound(page)

    switch_to(page, live_server, author)
    page.goto(f"/network/{search.pk}/")
    assert (
        page.locator("#interest-heading ~ ul").inner_text() == f"Jonas Muster ({colleague.organisation.name})"
    )
    page.get_by_role("link", name="CoP gründen").click()
    assert_page_is_sound(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/communities/wissensmanagement-in-stadtwerken/")
    page.goto(f"/network/{search.pk}/")
    assert page.locator(".alert-success").inner_text() == "Gegründet: Wissensmanagement in Stadtwerken"
    assert_page_is_sound(page)

    switch_to(page, live_server, colleague)
    accept(page, invitation_link(mailoutbox, "jonas@sw-kassel.de"), "Wissensmanagement in Stadtwerken")
    assert Membership.objects.active().filter(community__slug="wissensmanagement-in-stadtwerken").count() == 2
