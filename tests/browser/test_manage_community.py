"""A coordinator runs their community from its "Verwalten" page in a real browser: raises the limit
to admit someone from the waitlist, changes a member's rotation and role and removes them with a
reason; every page passes axe at a phone's and a desktop's width."""

import datetime

import pytest
from django.utils import timezone

from members.models import Community, Invitation, Membership
from notifications.models import Notification
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .a11y import assert_page_is_sound

pytestmark = pytest.mark.browser

PASSWORD = "secret-password-123"
WIDTHS = (390, 1280)


@pytest.fixture
def world(transactional_db):
    community = CommunityFactory(
        name="Personalentwicklung",
        slug="pe",
        visibility=Community.Visibility.INTERNAL,
        join_policy=Community.JoinPolicy.APPROVAL,
        max_members=2,
    )
    coordinator = UserFactory(email="koordination@kassel.de", first_name="Erika", last_name="Mustermann")
    MembershipFactory(community=community, user=coordinator, role=Membership.Role.COORDINATOR)
    member = MembershipFactory(
        community=community, user=UserFactory(first_name="Max", last_name="Muster", email="max@kassel.de")
    ).user
    waiting = MembershipFactory(
        community=community,
        user=UserFactory(first_name="Wera", last_name="Wartend"),
        status=Membership.Status.WAITLISTED,
        joined_at=None,
        requested_at=timezone.now() - datetime.timedelta(days=2),
    ).user
    Invitation.objects.create(
        community=community,
        email="gast@example.org",
        token_hash="2" * 64,
        invited_by=coordinator,
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    return community, coordinator, member, waiting


def sign_in(page, live_server, user):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form[action='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


def assert_sound_at_every_width(page):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS[-1], "height": 900})


def test_coordinator_raises_the_limit_admits_and_removes_a_member(page, live_server, world):
    community, coordinator, member, waiting = world
    sign_in(page, live_server, coordinator)
    assert "Personalentwicklung: eine Person auf der Warteliste" in " ".join(
        page.locator("section[aria-labelledby=waiting-for-you] li").inner_text().split()
    )
    assert_sound_at_every_width(page)

    page.locator("section[aria-labelledby=waiting-for-you] a", has_text="Verwalten").click()
    page.wait_for_url(f"{live_server.url}/communities/pe/manage/")
    assert page.locator("#capacity-state").inner_text() == (
        "Voll: 2 aktive Mitglieder, Höchstzahl 2. Neue kommen auf die Warteliste."
    )
    assert_sound_at_every_width(page)

    page.locator("button", has_text="Höchstzahl um eins erhöhen und aufnehmen").click()
    page.wait_for_url(f"{live_server.url}/communities/pe/manage/")
    assert page.locator(".messages .alert").all_inner_texts() == [
        f"{waiting.display_name} ist jetzt Mitglied."
    ]
    assert page.locator("#capacity-state").inner_text() == (
        "Voll: 3 aktive Mitglieder, Höchstzahl 3. Neue kommen auf die Warteliste."
    )
    assert page.locator("#waitlist-heading + p").inner_text() == "Niemand steht auf der Warteliste."
    assert_sound_at_every_width(page)

    page.fill("#id_max_members", "5")
    page.locator("button", has_text="Höchstzahl speichern").click()
    page.wait_for_url(f"{live_server.url}/communities/pe/manage/")
    assert page.locator("#capacity-state").inner_text() == "3 von 5 Plätzen belegt."

    # The members' buttons share one form and each posts to its own address.
    page.locator("button", has_text=f"Aus der Rotation nehmen: {member.display_name}").click()
    page.wait_for_url(f"{live_server.url}/communities/pe/manage/?page=1")
    assert page.locator(".messages .alert").all_inner_texts() == [
        f"{member.display_name} wird nicht mehr für die Moderation vorgeschlagen."
    ]
    page.locator("button", has_text=f"Zur Koordinator:in machen: {member.display_name}").click()
    page.wait_for_url(f"{live_server.url}/communities/pe/manage/?page=1")
    assert page.locator(".messages .alert").all_inner_texts() == [
        f"{member.display_name} ist jetzt Koordinator:in."
    ]
    assert list(Membership.objects.filter(user=member).values_list("role", "in_rotation")) == [
        (Membership.Role.COORDINATOR, False)
    ]

    page.locator("a", has_text=f"Entfernen: {member.display_name}").click()
    page.wait_for_url(f"{live_server.url}/communities/pe/manage/members/*/remove/")
    assert_sound_at_every_width(page)
    page.fill("textarea[name=reason]", "Hat die Stelle gewechselt.")
    page.locator("button", has_text="Aus der Community entfernen").click()
    page.wait_for_url(f"{live_server.url}/communities/pe/manage/")
    assert page.locator(".messages .alert").all_inner_texts() == [
        f"{member.display_name} ist kein Mitglied von Personalentwicklung mehr."
    ]
    assert_sound_at_every_width(page)

    assert Membership.objects.get(user=member).status == Membership.Status.LEFT
    assert Membership.objects.get(user=waiting).status == Membership.Status.ACTIVE
    assert Community.objects.get(pk=community.pk).max_members == 5
    assert list(Notification.objects.filter(user=member).values_list("kind", "context__reason")) == [
        ("membership_removed", "Hat die Stelle gewechselt.")
    ]


def test_settings_and_invitations_pages_are_sound(page, live_server, world):
    community, coordinator, _member, _waiting = world
    sign_in(page, live_server, coordinator)
    page.goto("/communities/pe/manage/settings/")
    assert_sound_at_every_width(page)
    page.fill("textarea[name=description]", "Wir sind **viele**.")
    page.locator("button", has_text="Vorschau").click()
    assert (
        page.locator("#preview-heading + .markdown-body").inner_html()
        == "<p>Wir sind <strong>viele</strong>.</p>"
    )
    assert_sound_at_every_width(page)

    page.goto("/communities/pe/manage/invitations/")
    assert_sound_at_every_width(page)
    page.locator("button", has_text="Zurückziehen").click()
    page.wait_for_url(f"{live_server.url}/communities/pe/manage/invitations/?page=1")
    assert page.locator(".messages .alert").all_inner_texts() == [
        "Die Einladung an gast@example.org wurde zurückgezogen; ihr Link funktioniert nicht mehr."
    ]
    assert_sound_at_every_width(page)
