"""Times are right in real clients: independent parsers compute exactly the stored UTC times.

ical.js is the parser of Thunderbird (run with Node); vobject is a Python parser other than the
generator (icalendar). Both read the Europe/Berlin times through the feed's own VTIMEZONE.
"""

import datetime

import pytest
import vobject

from .conftest import UTC
from .parsers import ical_js_events

pytestmark = pytest.mark.django_db

# (start, end) in UTC: the winter meeting is CET (UTC+1), the summer one CEST (UTC+2).
WINTER = (datetime.datetime(2027, 1, 12, 9, 0, tzinfo=UTC), datetime.datetime(2027, 1, 12, 11, 0, tzinfo=UTC))
SUMMER = (
    datetime.datetime(2027, 7, 13, 12, 0, tzinfo=UTC),
    datetime.datetime(2027, 7, 13, 13, 30, tzinfo=UTC),
)


def feeds(client, feed_url, winter_meeting, summer_meeting):
    """The personal feed, the public feed and both single downloads, as a member fetches them."""
    client.force_login(winter_meeting.community.memberships.get().user)
    return {
        "personal": client.get(feed_url).content,
        "public": client.get("/calendar/feed/community/pe.ics").content,
        "single winter": client.get(f"/meetings/{winter_meeting.pk}.ics").content,
        "single summer": client.get(f"/meetings/{summer_meeting.pk}.ics").content,
    }


def expected(winter_meeting, summer_meeting):
    winter = (f"meeting-{winter_meeting.pk}@testserver", *WINTER)
    summer = (f"meeting-{summer_meeting.pk}@testserver", *SUMMER)
    return {
        "personal": [winter, summer],
        "public": [winter, summer],
        "single winter": [winter],
        "single summer": [summer],
    }


def test_stored_times_are_what_the_meetings_hold(winter_meeting, summer_meeting):
    """The fixtures themselves: 10:00 CET and 14:00 CEST in Berlin."""
    assert (winter_meeting.starts_at, winter_meeting.ends_at) == WINTER
    assert (summer_meeting.starts_at, summer_meeting.ends_at) == SUMMER


def test_ical_js_computes_the_stored_utc_times(client, fixed_now, feed_url, winter_meeting, summer_meeting):
    found = {}
    for name, ics in feeds(client, feed_url, winter_meeting, summer_meeting).items():
        found[name] = [
            (
                event["uid"],
                datetime.datetime.fromisoformat(event["start"]),
                datetime.datetime.fromisoformat(event["end"]),
            )
            for event in ical_js_events(ics)
        ]
    assert found == expected(winter_meeting, summer_meeting)


def test_ical_js_sees_the_berlin_time_zone_and_the_sequence(client, fixed_now, feed_url, winter_meeting):
    (event,) = ical_js_events(client.get(feed_url).content)
    assert (event["tzid"], event["sequence"], event["status"], event["summary"]) == (
        "Europe/Berlin",
        0,
        "CONFIRMED",
        "Personalentwicklung: Treffen Januar",
    )


def test_vobject_computes_the_stored_utc_times(client, fixed_now, feed_url, winter_meeting, summer_meeting):
    found = {}
    for name, ics in feeds(client, feed_url, winter_meeting, summer_meeting).items():
        calendar = vobject.readOne(ics.decode())
        found[name] = [
            (
                event.uid.value,
                event.dtstart.value.astimezone(UTC),
                event.dtend.value.astimezone(UTC),
            )
            for event in calendar.vevent_list
        ]
    assert found == expected(winter_meeting, summer_meeting)
