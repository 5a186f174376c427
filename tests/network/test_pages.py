"""The "Vernetzt Euch!" pages from the outside: who sees what, and what a form answers."""

import re
from http import HTTPStatus

import pytest

from members.models import Community, Invitation, Membership
from network.models import Interest, PartnerSearch, PartnerSearchStatus
from tests.factories import CommunityFactory, UserFactory

from .factories import InterestFactory, PartnerSearchFactory

pytestmark = pytest.mark.django_db


def texts(response) -> list[str]:
    """The messages the page shows after the redirect (post with follow=True)."""
    return [str(message) for message in response.context["messages"]]


def titles(response) -> list[str]:
    return [search.title for search in response.context["searches"]]


def test_visitors_are_asked_to_sign_in(client):
    search = PartnerSearchFactory()
    answers = [client.get(url) for url in ("/network/", f"/network/{search.pk}/", "/network/new/")]
    assert [(a.status_code, a["Location"]) for a in answers] == [
        (HTTPStatus.FOUND, "/accounts/login/?next=/network/"),
        (HTTPStatus.FOUND, f"/accounts/login/?next=/network/{search.pk}/"),
        (HTTPStatus.FOUND, "/accounts/login/?next=/network/new/"),
    ]


def test_the_list_shows_open_calls_and_the_others_behind_the_filter(client):
    PartnerSearchFactory(title="Offen")
    PartnerSearchFactory(title="Gegründet", status=PartnerSearchStatus.FOUNDED)
    PartnerSearchFactory(title="Geschlossen", status=PartnerSearchStatus.CLOSED)
    client.force_login(UserFactory())
    assert [
        titles(client.get("/network/", query)) for query in ({}, {"status": "founded"}, {"status": "closed"})
    ] == [["Offen"], ["Gegründet"], ["Geschlossen"]]
    assert titles(client.get("/network/", {"status": "<script>"})) == ["Offen"]


def test_the_list_is_paginated(client):
    for number in range(23):
        PartnerSearchFactory(title=f"Aufruf {number:02}")
    client.force_login(UserFactory())
    first, second = client.get("/network/"), client.get("/network/", {"page": "2"})
    assert (len(first.context["searches"]), titles(second)) == (20, ["Aufruf 02", "Aufruf 01", "Aufruf 00"])
    assert client.get("/network/", {"page": "99999999999999999999"}).status_code == HTTPStatus.OK


def test_posting_a_call_through_the_form(client):
    author = UserFactory(organisation__name="Stadtwerke Kassel")
    client.force_login(author)
    assert client.get("/network/new/").context["form"].initial == {"organisation": "Stadtwerke Kassel"}
    response = client.post(
        "/network/new/",
        {
            "title": "Wissensmanagement",
            "description": "<script>alert(1)</script>**Wer** macht mit?",
            "organisation": "Stadtwerke Kassel",
        },
    )
    search = PartnerSearch.objects.get()
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, f"/network/{search.pk}/")
    page = client.get(search.get_absolute_url()).content.decode()
    assert ("<script>alert(1)" in page, "<strong>Wer</strong> macht mit?" in page) == (False, True)


def test_an_empty_theme_is_answered_with_a_message_and_keeps_the_description(client):
    client.force_login(UserFactory())
    response = client.post("/network/new/", {"title": "", "description": "Mein langer Text"})
    page = response.content.decode()
    assert (response.status_code, "Mein langer Text" in page, PartnerSearch.objects.count()) == (
        HTTPStatus.BAD_REQUEST,
        True,
        0,
    )
    assert response.context["form"].errors == {"title": ["Dieses Feld ist zwingend erforderlich."]}


def test_names_of_interested_people_are_for_the_author_only(client):
    search = PartnerSearchFactory()
    first = InterestFactory(search=search, user=UserFactory(first_name="Ida", last_name="Interessiert")).user
    InterestFactory(search=search, user=UserFactory(first_name="Otto", last_name="Ohnename"))
    stranger = UserFactory()
    pages = {}
    for name, user in (("author", search.author), ("interested", first), ("stranger", stranger)):
        client.force_login(user)
        pages[name] = client.get(search.get_absolute_url()).content.decode()
    assert {name: ("Ida Interessiert" in page, "Otto Ohnename" in page) for name, page in pages.items()} == {
        "author": (True, True),
        "interested": (False, False),
        "stranger": (False, False),
    }
    assert (
        "Du bist interessiert." in pages["interested"],
        "2 Personen interessiert" in pages["stranger"],
    ) == (
        True,
        True,
    )


def test_register_and_withdraw_interest_through_the_page(client):
    search = PartnerSearchFactory(author=UserFactory(first_name="Aylin", last_name="Probe"))
    person = UserFactory()
    client.force_login(person)
    registered = client.post(f"/network/{search.pk}/interest/", {"action": "register"}, follow=True)
    again = client.post(f"/network/{search.pk}/interest/", {"action": "register"}, follow=True)
    assert texts(registered) + texts(again) == [
        "Dein Interesse ist vermerkt; Aylin Probe hat eine E-Mail bekommen.",
        "Du hast dein Interesse schon bekundet.",
    ]
    assert list(Interest.objects.values_list("user_id", flat=True)) == [person.pk]
    withdrawn = client.post(f"/network/{search.pk}/interest/", {"action": "withdraw"}, follow=True)
    junk = client.post(f"/network/{search.pk}/interest/", {"action": "<script>"}, follow=True)
    assert texts(withdrawn) + texts(junk) == [
        "Dein Interesse ist zurückgezogen.",
        "Bitte wähle, ob du Interesse bekunden oder zurückziehen möchtest.",
    ]
    assert Interest.objects.count() == 0


def test_the_author_founds_the_cop_and_the_call_links_to_it(client, mailoutbox):
    search = PartnerSearchFactory(title="Wissensmanagement in Stadtwerken")
    interested = InterestFactory(search=search).user
    client.force_login(search.author)
    form = client.get(f"/network/{search.pk}/found/").context["form"]
    assert form.initial == {
        "name": "Wissensmanagement in Stadtwerken",
        "slug": "wissensmanagement-in-stadtwerken",
        "description": "",
    }
    response = client.post(
        f"/network/{search.pk}/found/", {"name": "Wissensmanagement", "slug": "wissen", "description": ""}
    )
    community = Community.objects.get(slug="wissen")
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/communities/wissen/")
    assert list(Invitation.objects.filter(community=community).values_list("email", flat=True)) == [
        interested.email
    ]
    assert Membership.objects.get(community=community).user == search.author
    client.force_login(interested)
    page = client.get(search.get_absolute_url()).content.decode()
    assert re.search(r'Gegründet:\s*<a href="/communities/wissen/">Wissensmanagement</a>', page)
    again = client.post(f"/network/{search.pk}/found/", {"name": "Nochmal", "slug": "nochmal"})
    assert again.status_code == HTTPStatus.FORBIDDEN


def test_a_taken_slug_is_answered_at_the_form_and_nothing_is_founded(client):
    CommunityFactory(slug="vergeben")
    search = PartnerSearchFactory()
    client.force_login(search.author)
    response = client.post(
        f"/network/{search.pk}/found/", {"name": "Neu", "slug": "vergeben", "description": "Behalten"}
    )
    assert (response.status_code, response.context["form"].non_field_errors()) == (
        HTTPStatus.BAD_REQUEST,
        ["Der Kurzname „vergeben“ ist schon vergeben; bitte wähle einen anderen."],
    )
    assert ("Behalten" in response.content.decode(), PartnerSearch.objects.get().status) == (True, "open")


def test_others_may_not_edit_close_or_found(client):
    search = PartnerSearchFactory(title="Original")
    client.force_login(UserFactory())
    answers = [
        client.get(f"/network/{search.pk}/edit/").status_code,
        client.post(f"/network/{search.pk}/edit/", {"title": "Anders"}).status_code,
        client.post(f"/network/{search.pk}/close/").status_code,
        client.get(f"/network/{search.pk}/found/").status_code,
    ]
    search.refresh_from_db()
    assert (answers, search.title, search.status) == ([403, 403, 403, 403], "Original", "open")


def test_the_author_edits_and_closes_the_call(client):
    search = PartnerSearchFactory(title="Original")
    client.force_login(search.author)
    client.post(
        f"/network/{search.pk}/edit/", {"title": "Neu", "description": "Text", "organisation": "Kassel"}
    )
    closed = client.post(f"/network/{search.pk}/close/", follow=True)
    search.refresh_from_db()
    assert (search.title, search.description, search.organisation, search.status) == (
        "Neu",
        "Text",
        "Kassel",
        "closed",
    )
    assert texts(closed) == ["Dein Aufruf ist gespeichert.", "Der Aufruf „Neu“ ist geschlossen."]
