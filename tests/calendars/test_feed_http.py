"""HTTP of the feeds: headers, conditional GET, validators that follow every change, tokens."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from calendars import services
from calendars.models import FeedToken, RenderedEvent
from meetings import services as meeting_services
from tests.meetings.factories import MeetingFactory

from .conftest import accepted_item, berlin

pytestmark = pytest.mark.django_db


def test_personal_feed_headers(client, fixed_now, feed_url, winter_meeting):
    response = client.get(feed_url)
    assert response.status_code == HTTPStatus.OK
    assert {
        name: response[name] for name in ("Content-Type", "Cache-Control", "Last-Modified", "X-Robots-Tag")
    } == {
        "Content-Type": "text/calendar; charset=utf-8",
        "Cache-Control": "private, no-cache",
        "Last-Modified": http_date(fixed_now.timestamp()),
        "X-Robots-Tag": "noindex",
    }
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert int(response["Content-Length"]) == len(response.content)


def test_feeds_need_no_session(client, fixed_now, feed_url, winter_meeting):
    response = client.get(feed_url)
    assert (response.cookies, "Cookie" in response.get("Vary", ""), SESSION_KEY in client.session) == (
        {},
        False,
        False,
    )


def test_head_answers_the_headers_of_get_without_a_body(client, fixed_now, feed_url, winter_meeting):
    get = client.get(feed_url)
    head = client.head(feed_url)
    assert (head.status_code, head.content, head["ETag"], head["Content-Length"]) == (
        HTTPStatus.OK,
        b"",
        get["ETag"],
        str(len(get.content)),
    )


def test_if_none_match_gives_304_without_building_the_calendar(client, fixed_now, feed_url, winter_meeting):
    etag = client.get(feed_url)["ETag"]
    RenderedEvent.objects.all().delete()
    response = client.get(feed_url, headers={"If-None-Match": etag})
    assert (response.status_code, response.content, response["ETag"]) == (HTTPStatus.NOT_MODIFIED, b"", etag)
    assert RenderedEvent.objects.count() == 0  # nothing was rendered
    weak = client.get(feed_url, headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == HTTPStatus.NOT_MODIFIED


def test_if_none_match_wins_over_if_modified_since(client, fixed_now, feed_url, winter_meeting):
    first = client.get(feed_url)
    response = client.get(
        feed_url, headers={"If-None-Match": '"stale"', "If-Modified-Since": first["Last-Modified"]}
    )
    assert response.status_code == HTTPStatus.OK
    assert client.get(feed_url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304


@pytest.mark.parametrize(
    "headers",
    [
        {"If-None-Match": "junk without quotes"},
        {"If-None-Match": '"unterminated'},
        {"If-None-Match": ""},
        {"If-Modified-Since": "gestern"},
        {"If-Modified-Since": "Tue, 31 Feb 2026 25:61:00 GMT"},
        {"If-Modified-Since": http_date(datetime.datetime(2099, 1, 1).timestamp())},
    ],
)
def test_junk_and_future_validators_give_the_whole_feed(client, fixed_now, feed_url, winter_meeting, headers):
    expected = client.get(feed_url).content
    response = client.get(feed_url, headers=headers)
    assert (response.status_code, response.content) == (HTTPStatus.OK, expected)


def changes(winter_meeting):
    """Each change a calendar must see, applied through the services (or the admin, for a deletion)."""
    return {
        "edit": lambda: meeting_services.meeting_update(meeting=winter_meeting, title="Treffen im Januar"),
        "agenda item accepted": lambda: accepted_item(winter_meeting, "Check-in", 15, 1),
        "agenda published": lambda: meeting_services.agenda_publish(meeting=winter_meeting),
        "cancellation": lambda: meeting_services.meeting_cancel(meeting=winter_meeting),
        "deletion": lambda: winter_meeting.delete(),
    }


@pytest.mark.parametrize(
    "change", ["edit", "agenda item accepted", "agenda published", "cancellation", "deletion"]
)
def test_after_a_change_the_next_request_is_200_with_a_new_etag(
    client, fixed_now, monkeypatch, feed_url, winter_meeting, summer_meeting, change
):
    first = client.get(feed_url)
    later = fixed_now + datetime.timedelta(minutes=5)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    changes(winter_meeting)[change]()
    response = client.get(feed_url, headers={"If-None-Match": first["ETag"]})
    assert response.status_code == HTTPStatus.OK
    assert response["ETag"] != first["ETag"]
    assert response["Last-Modified"] == http_date(later.timestamp())
    assert client.get(feed_url, headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_last_modified_never_goes_backwards_after_a_deletion(
    client, fixed_now, monkeypatch, feed_url, winter_meeting, summer_meeting
):
    later = fixed_now + datetime.timedelta(hours=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    summer_meeting.title = "Treffen im Juli"
    summer_meeting.save()
    edited = client.get(feed_url)
    assert edited["Last-Modified"] == http_date(later.timestamp())
    # The latest-changed meeting goes: the remaining rows are older, yet the feed is newer.
    even_later = later + datetime.timedelta(hours=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: even_later)
    summer_meeting.delete()
    after = client.get(feed_url)
    assert after["Last-Modified"] == http_date(even_later.timestamp())
    assert client.get(feed_url, headers={"If-Modified-Since": edited["Last-Modified"]}).status_code == 200


def test_a_meeting_is_rendered_once_per_version(client, fixed_now, feed_url, winter_meeting, summer_meeting):
    client.get(feed_url)
    stored = dict(RenderedEvent.objects.values_list("meeting_id", "key"))
    client.get(feed_url)
    assert dict(RenderedEvent.objects.values_list("meeting_id", "key")) == stored
    meeting_services.meeting_update(meeting=winter_meeting, location="Rathaus Kassel")
    body = client.get(feed_url).content.decode()
    after = dict(RenderedEvent.objects.values_list("meeting_id", "key"))
    assert (after[summer_meeting.pk], after[winter_meeting.pk] != stored[winter_meeting.pk]) == (
        stored[summer_meeting.pk],
        True,
    )
    assert "LOCATION:Rathaus Kassel" in body


def test_a_renamed_community_changes_the_feed(client, fixed_now, feed_url, winter_meeting):
    first = client.get(feed_url)
    winter_meeting.community.name = "PE-Netzwerk"
    winter_meeting.community.save()
    response = client.get(feed_url, headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 200
    assert "SUMMARY:PE-Netzwerk: Treffen Januar" in response.content.decode()


def feed_queries(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code in (200, 304)
    return len(queries)


@pytest.mark.parametrize("count", [1, 6])
def test_query_count_does_not_grow_with_the_number_of_meetings(client, fixed_now, feed_url, community, count):
    for day in range(count):
        meeting = MeetingFactory(community=community, starts_at=berlin(2027, 2, 1 + day, 10, 0))
        accepted_item(meeting, "Check-in", 15, 1)
    cold = feed_queries(client, feed_url)
    cached = feed_queries(client, feed_url)
    cache.clear()
    stored = feed_queries(client, feed_url)
    etag = client.get(feed_url)["ETag"]
    not_modified = feed_queries(client, feed_url, **{"If-None-Match": etag})
    # cold: token, last use, marks, memberships, entries, the missing meetings, their agendas,
    # the marks again, storing them (in a savepoint: 3); cached: token, marks; stored entries: token, marks,
    # memberships, entries; 304: token, marks.
    assert (cold, cached, stored, not_modified) == (11, 2, 4, 2)


def test_public_feed_query_count_does_not_grow(client, fixed_now, community):
    for day in range(4):
        MeetingFactory(community=community, starts_at=berlin(2027, 2, 1 + day, 10, 0))
    url = "/calendar/feed/community/pe.ics"
    # community, mark, entries, missing meetings, the mark again, storing them (3); then community,
    # mark (the body is cached)
    assert (feed_queries(client, url), feed_queries(client, url)) == (8, 2)


# --- tokens ----------------------------------------------------------------------------------------


def test_token_is_long_random_and_stored_only_as_its_hash(member):
    secrets_ = [services.feed_token_create(user=member, name=f"Gerät {n}")[1] for n in range(3)]
    assert [len(secret) for secret in secrets_] == [43, 43, 43]  # 256 bits, URL-safe base64
    assert len(set(secrets_)) == 3
    stored = list(FeedToken.objects.filter(user=member).values_list("token_hash", flat=True))
    for secret in secrets_:
        assert secret not in str(stored)
    assert all(len(value) == 64 for value in stored)


@pytest.mark.parametrize(
    "token",
    [
        "x",
        "0" * 43,
        "garbage%00",
        "a" * 2000,
        "%ED%A0%80",
        "not-a-token-of-ours.ics",
        "0" * 64,  # the hash itself is not a secret
    ],
)
def test_wrong_tokens_get_404(client, fixed_now, feed_secret, token):
    assert client.get(f"/calendar/feed/{token}.ics").status_code == HTTPStatus.NOT_FOUND


def test_the_hash_of_a_token_is_no_way_in(client, fixed_now, feed_secret):
    token_hash = FeedToken.objects.get().token_hash
    assert client.get(f"/calendar/feed/{token_hash}.ics").status_code == HTTPStatus.NOT_FOUND


def test_revoked_token_gets_404_at_once(client, fixed_now, feed_url, member, winter_meeting):
    assert client.get(feed_url).status_code == 200
    services.feed_token_revoke(user=member, token_id=FeedToken.objects.get().pk)
    assert client.get(feed_url).status_code == HTTPStatus.NOT_FOUND


def test_deactivated_account_gets_404(client, fixed_now, feed_url, member):
    member.is_active = False
    member.save()
    assert client.get(feed_url).status_code == HTTPStatus.NOT_FOUND


def test_post_to_a_feed_is_405_and_to_an_unknown_one_404(client, fixed_now, feed_url):
    assert (client.post(feed_url).status_code, client.post("/calendar/feed/x.ics").status_code) == (405, 404)


def test_last_used_is_recorded_at_most_every_quarter_hour(client, fixed_now, monkeypatch, feed_url):
    client.get(feed_url)
    assert FeedToken.objects.get().last_used_at == fixed_now
    monkeypatch.setattr("django.utils.timezone.now", lambda: fixed_now + datetime.timedelta(minutes=10))
    client.get(feed_url)
    assert FeedToken.objects.get().last_used_at == fixed_now
    later = fixed_now + datetime.timedelta(minutes=16)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    client.get(feed_url)
    assert FeedToken.objects.get().last_used_at == later
