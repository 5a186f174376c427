"""RFC 5545 output: line endings, folding, calendar and event properties, hostile titles."""

import datetime

import icalendar
import pytest

from calendars import ical
from meetings import services as meeting_services
from meetings.models import Meeting

from .conftest import UTC, accepted_item, berlin

pytestmark = pytest.mark.django_db

SITE = ical.Site(base_url="https://cop.example.org")


def lines(ics: bytes) -> list[bytes]:
    assert ics.endswith(b"\r\n")
    return ics[:-2].split(b"\r\n")


def unfolded(ics: bytes) -> list[str]:
    return ics.decode().replace("\r\n ", "").split("\r\n")[:-1]


def test_every_line_ends_with_crlf_and_is_folded_at_75_octets(client, fixed_now, feed_url, winter_meeting):
    winter_meeting.title = (
        "Grüße aus Kassel: Ämterübergreifende Öffentlichkeitsarbeit – ein Überblick 🎉 " * 2
    )
    winter_meeting.save()
    ics = client.get(feed_url).content
    assert b"\n" not in ics.replace(b"\r\n", b"")
    too_long = [line for line in lines(ics) if len(line) > 75]
    assert too_long == []
    # Folding never splits a UTF-8 sequence: every physical line decodes on its own.
    for line in lines(ics):
        line.decode("utf-8")
    summary = next(line for line in unfolded(ics) if line.startswith("SUMMARY:"))
    assert summary == "SUMMARY:Personalentwicklung: " + winter_meeting.title.strip()


def test_calendar_properties(client, fixed_now, feed_url, winter_meeting):
    head = unfolded(client.get(feed_url).content)[:10]
    assert head == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//CoP-Plattform//Kalender 1//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:Meine CoP-Treffen",
        "X-WR-CALNAME:Meine CoP-Treffen",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        "X-WR-TIMEZONE:Europe/Berlin",
    ]


def test_members_entry_has_every_property(client, fixed_now, feed_url, winter_meeting):
    accepted_item(winter_meeting, "Check-in", 15, 1)
    accepted_item(winter_meeting, "Lean Coffee; Themen, Fragen", 45, 2)
    pk = winter_meeting.pk
    calendar = icalendar.Calendar.from_ical(client.get(feed_url).content)
    (event,) = calendar.walk("VEVENT")
    items_changed = max(item.updated_at for item in winter_meeting.agenda_items.all())
    assert {key: event.decoded(key) for key in event} == {
        "UID": f"meeting-{pk}@testserver",
        "DTSTAMP": fixed_now,
        "CREATED": fixed_now,
        "LAST-MODIFIED": max(fixed_now, items_changed),
        "SEQUENCE": 0,
        "SUMMARY": "Personalentwicklung: Treffen Januar",
        "DTSTART": berlin(2027, 1, 12, 10, 0),
        "DTEND": berlin(2027, 1, 12, 12, 0),
        "STATUS": "CONFIRMED",
        "URL": f"http://testserver/meetings/{pk}/",
        "LOCATION": "https://video.example.org/pe-januar",
        "DESCRIPTION": (
            "Tagesordnung:\n10:00 Check-in\n10:15 Lean Coffee; Themen, Fragen\n\n"
            f"Seite des Treffens: http://testserver/meetings/{pk}/\n"
            "Videokonferenz: https://video.example.org/pe-januar"
        ),
    }
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Berlin"


def test_sequence_follows_the_meeting_and_a_cancelled_meeting_stays_cancelled(
    client, fixed_now, feed_url, winter_meeting
):
    moved = meeting_services.meeting_update(
        meeting=winter_meeting, starts_at=berlin(2027, 1, 19, 10, 0), ends_at=berlin(2027, 1, 19, 12, 0)
    )
    cancelled = meeting_services.meeting_cancel(meeting=moved)
    (event,) = icalendar.Calendar.from_ical(client.get(feed_url).content).walk("VEVENT")
    assert (event.decoded("SEQUENCE"), event.decoded("STATUS"), event.decoded("SUMMARY")) == (
        cancelled.sequence,
        "CANCELLED",
        "Abgesagt: Personalentwicklung: Treffen Januar",
    )
    assert cancelled.sequence == 2
    assert event.decoded("DESCRIPTION").startswith("Dieses Treffen wurde abgesagt.\n\n")


def test_uid_never_changes_for_a_meeting(client, fixed_now, feed_url, winter_meeting):
    before = icalendar.Calendar.from_ical(client.get(feed_url).content).walk("VEVENT")[0]["UID"]
    meeting_services.meeting_update(meeting=winter_meeting, title="Neuer Titel", location="Rathaus")
    after = icalendar.Calendar.from_ical(client.get(feed_url).content).walk("VEVENT")[0]["UID"]
    assert before == after == f"meeting-{winter_meeting.pk}@testserver"


def test_hostile_title_gives_one_escaped_line(client, fixed_now, feed_url, winter_meeting):
    Meeting.objects.filter(pk=winter_meeting.pk).update(
        title="Zeile eins\r\nZeile zwei; mit, Kommas\\ und 😀\x0b", location="Raum 1;\nHaus 2"
    )
    ics = client.get(feed_url).content
    event_lines = unfolded(ics)
    assert "SUMMARY:Personalentwicklung: Zeile eins Zeile zwei\\; mit\\, Kommas\\\\ und 😀" in event_lines
    assert "LOCATION:Raum 1\\; Haus 2" in event_lines
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert event.decoded("SUMMARY") == "Personalentwicklung: Zeile eins Zeile zwei; mit, Kommas\\ und 😀"


def test_a_meeting_without_an_end_has_no_dtend():
    meeting = Meeting(
        pk=7,
        title="Offenes Ende",
        starts_at=berlin(2027, 3, 1, 10, 0),
        ends_at=None,
        created_at=datetime.datetime(2026, 1, 1, tzinfo=UTC),
        updated_at=datetime.datetime(2026, 1, 2, tzinfo=UTC),
    )
    event = ical.meeting_event(meeting, community_name="PE", site=SITE, members=False)
    parsed = icalendar.Event.from_ical(ical.event_text(event))
    assert ("DTEND" in parsed, parsed.decoded("DTSTART")) == (False, berlin(2027, 3, 1, 10, 0))
