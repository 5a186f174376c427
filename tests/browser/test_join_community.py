"""A member signs in, finds a community and joins it, in a real browser; every page passes axe."""

import re
from http import HTTPStatus

import pytest

from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .a11y import assert_page_is_sound

pytestmark = pytest.mark.browser

PASSWORD = "secret-password-123"


@pytest.fixture
def erika(transactional_db):
    user = UserFactory(email="erika.mustermann@kassel.de", first_name="Erika", last_name="Mustermann")
    return user


@pytest.fixture
def open_community(transactional_db):
    community = CommunityFactory(
        name="Personalentwicklung",
        slug="personalentwicklung",
        tagline="HR-Entwicklung in Kommunen",
        description="Wir treffen uns **alle drei Monate** online.",
    )
    MembershipFactory(
        community=community,
        role=Membership.Role.COORDINATOR,
        user=UserFactory(first_name="Max", last_name="Muster"),
    )
    return community


def test_member_signs_in_and_joins_an_open_community(page, live_server, erika, open_community):
    page.goto("/accounts/login/")
    assert_page_is_sound(page)
    page.fill("input[name=login]", erika.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form[action='/accounts/login/'] button[type=submit]").click()

    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("#my-communities").is_visible()
    assert page.locator("h1").inner_text() == "Hallo, Erika!"
    assert_page_is_sound(page)

    page.locator("header nav a[href='/communities/']").click()
    page.wait_for_url(f"{live_server.url}/communities/")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").first.inner_text().strip() == "Personalentwicklung"
    assert_page_is_sound(page)

    page.locator("main table a", has_text="Personalentwicklung").click()
    page.wait_for_url(f"{live_server.url}/communities/personalentwicklung/")
    assert_page_is_sound(page)

    page.locator("form[action='/communities/personalentwicklung/join/'] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/communities/personalentwicklung/")
    assert page.locator(".messages .alert").all_inner_texts() == ["Willkommen bei Personalentwicklung!"]
    member_links = page.locator("section[aria-labelledby=members-heading] li a")
    assert sorted(member_links.all_inner_texts()) == ["Erika Mustermann", "Max Muster"]
    assert page.locator("form[action='/communities/personalentwicklung/join/']").count() == 0
    assert_page_is_sound(page)

    membership = Membership.objects.get(user=erika)
    assert (membership.community, membership.status, membership.role) == (
        open_community,
        Membership.Status.ACTIVE,
        Membership.Role.MEMBER,
    )


def test_visitor_pages_are_accessible(page, live_server, open_community):
    CommunityFactory(name="Geheimer Kreis", slug="geheimer-kreis", visibility=Community.Visibility.INTERNAL)
    page.goto("/")
    assert_page_is_sound(page)
    assert re.search("Personalentwicklung", page.locator("main").inner_text())

    page.goto("/communities/")
    assert page.locator("main table tbody tr td:first-child a").all_inner_texts() == ["Personalentwicklung"]
    assert_page_is_sound(page)

    page.goto("/communities/personalentwicklung/")
    assert page.locator("h1").inner_text() == "Personalentwicklung"
    assert_page_is_sound(page)

    response = page.goto("/communities/geheimer-kreis/")
    assert response.status == HTTPStatus.NOT_FOUND
    assert_page_is_sound(page, status=HTTPStatus.NOT_FOUND)
