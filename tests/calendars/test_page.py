"""/calendar/: create a named link (shown once), see the links, revoke one; navigation and links."""

import datetime
from http import HTTPStatus

import pytest

from calendars import services
from calendars.models import FeedToken
from members import services as member_services
from members.export import user_export_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/calendar/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/calendar/")


def test_create_shows_the_links_once(client, member):
    client.force_login(member)
    response = client.post("/calendar/", {"name": "  Outlook   Büro "})
    html = response.content.decode()
    token = FeedToken.objects.get(user=member)
    assert (response.status_code, token.name) == (HTTPStatus.OK, "Outlook Büro")
    https = next(line for line in html.splitlines() if 'id="link-https"' in line)
    secret = https.split("/calendar/feed/")[1].split(".ics")[0]
    assert services.hash_secret(secret) == token.token_hash
    assert f'value="webcal://testserver/calendar/feed/{secret}.ics"' in html
    assert f'value="http://testserver/calendar/feed/{secret}.ics"' in html
    assert client.get(f"/calendar/feed/{secret}.ics").status_code == HTTPStatus.OK
    # Shown once: the page afterwards names the link but has no secret.
    again = client.get("/calendar/").content.decode()
    assert (secret in again, "Outlook Büro" in again, "nie" in again) == (False, True, True)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Dieses Feld ist zwingend erforderlich."),
        (
            "x" * 101,
            "Bitte sicherstellen, dass der Wert aus höchstens 100 Zeichen besteht. "
            "(Er besteht aus 101 Zeichen.)",
        ),
    ],
)
def test_refused_name_says_why_and_creates_nothing(client, member, name, message):
    client.force_login(member)
    response = client.post("/calendar/", {"name": name})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.context["form"].errors == {"name": [message]}
    assert message in response.content.decode()
    assert FeedToken.objects.count() == 0


def test_at_most_twenty_links(client, member):
    for n in range(services.MAX_FEED_TOKENS):
        services.feed_token_create(user=member, name=f"Gerät {n}")
    client.force_login(member)
    response = client.post("/calendar/", {"name": "Eins zu viel"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    message = "Du hast schon 20 Kalender-Links. Bitte widerrufe einen, den du nicht mehr brauchst."
    assert response.context["form"].errors == {"__all__": [message]}
    assert message in response.content.decode()
    assert FeedToken.objects.filter(user=member).count() == services.MAX_FEED_TOKENS


def test_list_shows_when_each_link_was_last_used(client, member):
    token, _secret = services.feed_token_create(user=member, name="Handy")
    FeedToken.objects.filter(pk=token.pk).update(
        last_used_at=datetime.datetime(2026, 3, 4, 9, 30, tzinfo=datetime.UTC)
    )
    client.force_login(member)
    html = client.get("/calendar/").content.decode()
    assert "<td>Handy</td>" in html
    assert "<td>04.03.2026 10:30</td>" in html


def test_revoke_ends_the_link(client, member, feed_url):
    client.force_login(member)
    token = FeedToken.objects.get()
    response = client.post(f"/calendar/links/{token.pk}/revoke/", follow=True)
    assert (
        "Der Link „Outlook Büro“ wurde widerrufen; er funktioniert nicht mehr." in response.content.decode()
    )
    assert (FeedToken.objects.count(), client.get(feed_url).status_code) == (0, HTTPStatus.NOT_FOUND)


def test_nobody_revokes_another_persons_link(client, member, feed_url):
    client.force_login(UserFactory())
    token = FeedToken.objects.get()
    assert client.post(f"/calendar/links/{token.pk}/revoke/").status_code == HTTPStatus.NOT_FOUND
    assert (FeedToken.objects.count(), client.get(feed_url).status_code) == (1, HTTPStatus.OK)


def test_page_query_count_is_the_same_for_one_and_several_links(client, member, django_assert_num_queries):
    client.force_login(member)
    services.feed_token_create(user=member, name="Eins")
    with django_assert_num_queries(3):  # session, user, links
        client.get("/calendar/")
    for n in range(4):
        services.feed_token_create(user=member, name=f"Gerät {n}")
    with django_assert_num_queries(3):
        client.get("/calendar/")


def test_navigation_has_kalender_for_signed_in_people(client, member):
    link = '<a class="nav-link" href="/calendar/">Kalender</a>'
    assert link not in client.get("/").content.decode()
    client.force_login(member)
    assert link in client.get("/communities/").content.decode()


def test_meeting_page_offers_the_ics_and_a_public_community_its_feed(client, winter_meeting):
    meeting_html = client.get(f"/meetings/{winter_meeting.pk}/").content.decode()
    assert f'href="/meetings/{winter_meeting.pk}.ics" download>In den Kalender (.ics)</a>' in meeting_html
    community_html = client.get("/communities/pe/").content.decode()
    assert '<a href="webcal://testserver/calendar/feed/community/pe.ics">' in community_html


def test_internal_community_page_has_no_public_feed(client, internal_community, member):
    from tests.factories import MembershipFactory

    MembershipFactory(community=internal_community, user=member)
    client.force_login(member)
    assert "/calendar/feed/community/" not in client.get("/communities/wol/").content.decode()


def test_export_names_the_links_but_never_the_secret(member, feed_secret):
    token = FeedToken.objects.get()
    data = user_export_data(member)["calendar_feeds"]
    assert data == [{"name": "Outlook Büro", "created_at": token.created_at, "last_used_at": None}]
    assert feed_secret not in str(data) and token.token_hash not in str(data)


def test_account_deletion_deletes_the_links(client, member, feed_url, winter_meeting):
    client.get(feed_url)
    member_services.user_delete_account(user=member)
    assert (FeedToken.objects.count(), client.get(feed_url).status_code) == (0, HTTPStatus.NOT_FOUND)
