"""Every change a personal or public feed shows makes the next request a 200 with a new ETag.

The feeds' validators are change marks (calendars.FeedState) moved on by calendars.invalidation
and by meetings.services' agenda-changed step; each test here fails when its mark is not moved.
"""

import datetime
from http import HTTPStatus

import icalendar
import pytest
from django.utils.http import http_date

from calendars import feeds, ical, selectors, services
from calendars.models import RenderedEvent
from meetings import services as meeting_services
from members import services as member_services
from members.models import Membership
from tests.meetings.factories import MeetingFactory

from .conftest import accepted_item, berlin

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(fixed_now, monkeypatch):
    """Move the clock on by five minutes; returns the new time."""
    moved = fixed_now + datetime.timedelta(minutes=5)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moved)
    return moved


def summaries(body: bytes) -> list[str]:
    return [str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(body).walk("VEVENT")]


def description(body: bytes) -> str:
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    return str(event["DESCRIPTION"])


def refetch(client, url, first):
    """The next request of a client that sends the first answer's ETag."""
    return client.get(url, headers={"If-None-Match": first["ETag"]})


def test_joining_a_community_brings_its_meetings_into_the_personal_feed(
    client, fixed_now, monkeypatch, feed_url, member, winter_meeting, internal_community
):
    MeetingFactory(community=internal_community, title="WOL-Kreis", starts_at=berlin(2027, 3, 2, 17, 0))
    first = client.get(feed_url)
    moved = fixed_now + datetime.timedelta(minutes=5)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moved)
    member_services.membership_join(community=internal_community, user=member)
    response = refetch(client, feed_url, first)
    assert (response.status_code, response["Last-Modified"], summaries(response.content)) == (
        HTTPStatus.OK,
        http_date(moved.timestamp()),
        ["Personalentwicklung: Treffen Januar", "Working Out Loud: WOL-Kreis"],
    )
    assert response["ETag"] != first["ETag"]


def test_leaving_a_community_takes_its_meetings_out_and_last_modified_moves_on(
    client, fixed_now, monkeypatch, feed_url, member, winter_meeting, internal_community
):
    Membership.objects.create(community=internal_community, user=member, joined_at=fixed_now)
    wol = MeetingFactory(community=internal_community, title="WOL-Kreis", starts_at=berlin(2027, 3, 2, 17, 0))
    # The community that is left holds the latest change of the feed.
    edited_at = fixed_now + datetime.timedelta(hours=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: edited_at)
    meeting_services.meeting_update(meeting=wol, title="WOL-Kreis März")
    first = client.get(feed_url)
    assert first["Last-Modified"] == http_date(edited_at.timestamp())
    left_at = edited_at + datetime.timedelta(hours=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: left_at)
    member_services.membership_leave(
        membership=Membership.objects.get(community=internal_community, user=member)
    )
    response = refetch(client, feed_url, first)
    assert (response.status_code, response["Last-Modified"], summaries(response.content)) == (
        HTTPStatus.OK,
        http_date(left_at.timestamp()),
        ["Personalentwicklung: Treffen Januar"],
    )
    assert client.get(feed_url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 200


def test_an_accepted_item_is_in_the_next_body_not_a_stored_stale_entry(
    client, fixed_now, feed_url, winter_meeting
):
    accepted_item(winter_meeting, "Check-in", 15, 1)
    first = client.get(feed_url)
    accepted_item(winter_meeting, "Input: Onboarding", 45, 2)
    response = refetch(client, feed_url, first)
    assert (response.status_code, description(response.content).split("\n")[:3]) == (
        HTTPStatus.OK,
        ["Tagesordnung:", "10:00 Check-in", "10:15 Input: Onboarding"],
    )


def test_reordering_the_agenda_changes_the_feed(client, fixed_now, later, feed_url, winter_meeting):
    accepted_item(winter_meeting, "Check-in", 15, 1)
    talk = accepted_item(winter_meeting, "Input", 30, 2)
    first = client.get(feed_url)
    meeting_services.agenda_item_move(item=talk, direction="up")
    response = refetch(client, feed_url, first)
    assert (
        response.status_code,
        response["Last-Modified"],
        description(response.content).split("\n")[:3],
    ) == (
        HTTPStatus.OK,
        http_date(later.timestamp()),
        ["Tagesordnung:", "10:00 Input", "10:30 Check-in"],
    )


def test_applying_an_agenda_template_changes_the_feed(
    client, fixed_now, later, feed_url, member, winter_meeting
):
    first = client.get(feed_url)
    added = meeting_services.agenda_apply_template(meeting=winter_meeting, template="regular", user=member)
    response = refetch(client, feed_url, first)
    agenda = description(response.content).split("\n")[1 : 1 + len(added)]
    assert (response.status_code, [line[6:] for line in agenda]) == (
        HTTPStatus.OK,
        [item.title for item in added],
    )


def test_a_public_feed_follows_an_edit(client, fixed_now, later, winter_meeting):
    url = "/calendar/feed/community/pe.ics"
    first = client.get(url)
    meeting_services.meeting_update(meeting=winter_meeting, title="Treffen im Januar")
    response = refetch(client, url, first)
    assert (response.status_code, response["Last-Modified"], summaries(response.content)) == (
        HTTPStatus.OK,
        http_date(later.timestamp()),
        ["Personalentwicklung: Treffen im Januar"],
    )


def test_the_window_moving_on_at_midnight_gives_a_new_etag(
    client, fixed_now, monkeypatch, feed_url, winter_meeting
):
    first = client.get(feed_url)
    next_day = fixed_now + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: next_day)
    response = refetch(client, feed_url, first)
    midnight = berlin(2026, 11, 2, 0, 0)
    assert (response.status_code, response["Last-Modified"]) == (
        HTTPStatus.OK,
        http_date(midnight.timestamp()),
    )
    assert response["ETag"] != first["ETag"]


def test_an_entry_rendered_while_the_agenda_changes_is_not_stored(fixed_now, member, winter_meeting):
    window = selectors.feed_window()
    feed = feeds.Feed(
        scope=services.personal_scope(member.pk),
        name="Meine Treffen",
        meetings=lambda: selectors.personal_feed_meetings(
            selectors.personal_feed_communities(member.pk), window
        ),
        members=True,
        window=window,
        site=ical.Site(base_url="https://cop.example.org"),
        cache_control=feeds.PERSONAL_CACHE_CONTROL,
        user_id=member.pk,
    )
    etag = feed.etag  # the validator is read first; then the agenda changes before the body is built
    accepted_item(winter_meeting, "Check-in", 15, 1)
    body = feed.body()
    assert (etag, "Check-in" in body.decode(), RenderedEvent.objects.count()) == (feed.etag, True, 0)
