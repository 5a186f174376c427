"""The iCalendar (RFC 5545) output of every feed and download: the one module that writes it.

Built with the `icalendar` library: it escapes text (commas, semicolons, newlines), ends lines
with CRLF and folds them at 75 octets without splitting a UTF-8 character. Times are written in
Europe/Berlin with a VTIMEZONE of the rules in force since 1996 (meetings lie between 2000 and
2099), so clients show the same wall-clock time as the pages, in winter and in summer.

A feed is assembled from VEVENT texts that are rendered once per meeting version
(calendars.feeds keeps them); `calendar_bytes` wraps them in the VCALENDAR.
"""

import datetime
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

from meetings.models import Meeting

PRODID = "-//CoP-Plattform//Kalender 1//DE"
TIME_ZONE = "Europe/Berlin"
BERLIN = ZoneInfo(TIME_ZONE)
# How often clients are asked to fetch a subscribed feed again (RFC 7986 and Outlook's variant).
REFRESH_INTERVAL = datetime.timedelta(hours=1)
# Raise when the output changes for the same data: every stored VEVENT is rendered again.
FORMAT_VERSION = "1"
_END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class Site:
    """What every entry links to: the site's address as the client reaches it."""

    base_url: str  # e.g. "https://cop.example.org", without a trailing slash

    def url(self, path: str) -> str:
        return self.base_url + path


def uid_domain() -> str:
    """The right-hand side of every UID: CALENDAR_UID_DOMAIN, else the first allowed host.

    It must never change for a site, or every client would see every meeting twice.
    """
    configured = getattr(settings, "CALENDAR_UID_DOMAIN", "")
    if configured:
        return configured
    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host.strip(".*")]
    return hosts[0] if hosts else "cop-plattform.invalid"


def meeting_uid(meeting_pk: int) -> str:
    return f"meeting-{meeting_pk}@{uid_domain()}"


def _plain(text: str) -> str:
    """One line of text: control characters (and line breaks) become spaces."""
    return " ".join(
        "".join(" " if unicodedata.category(char) == "Cc" else char for char in text or "").split()
    )


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def _berlin(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(BERLIN)


def summary(meeting: Meeting, community_name: str) -> str:
    text = f"{_plain(community_name)}: {_plain(meeting.title)}"
    if meeting.is_cancelled:
        return _("Cancelled: %(summary)s") % {"summary": text}
    return text


def _description(meeting: Meeting, page_url: str, *, agenda, members: bool) -> str:
    lines = []
    if meeting.is_cancelled:
        lines += [_("This meeting has been cancelled."), ""]
    if members:
        if agenda is not None and len(agenda):
            lines.append(_("Agenda:"))
            for entry in agenda:
                lines.append(f"{_berlin(entry.starts_at):%H:%M} {_plain(entry.item.title)}")
            lines.append("")
    else:
        lines.append(_("Format: %(format)s") % {"format": meeting.get_format_display()})
    lines.append(_("Meeting page: %(url)s") % {"url": page_url})
    if members and meeting.video_url:
        lines.append(_("Video conference: %(url)s") % {"url": meeting.video_url})
    return "\n".join(lines)


def meeting_event(meeting: Meeting, *, community_name: str, site: Site, members: bool, agenda=None):
    """The VEVENT of a meeting.

    members=False is the public entry: title, times, format and the page link, never a video
    link, a place, the agenda or a name. members=True adds the place or video link as LOCATION,
    the agenda (item titles with planned times, from meetings.selectors) and the video link.
    Nobody's name and no e-mail address is ever written.
    """
    page_url = site.url(meeting.get_absolute_url())
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting.pk))
    event.add("dtstamp", _utc(meeting.updated_at))
    event.add("created", _utc(meeting.created_at))
    changed = meeting.updated_at
    if members and agenda is not None:
        changed = max([changed, *(entry.item.updated_at for entry in agenda)])
    event.add("last-modified", _utc(changed))
    event.add("sequence", meeting.sequence)
    event.add("summary", summary(meeting, community_name))
    event.add("dtstart", _berlin(meeting.starts_at))
    if meeting.ends_at is not None:
        event.add("dtend", _berlin(meeting.ends_at))
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("url", page_url)
    if members:
        location = _plain(meeting.location) or meeting.video_url
        if location:
            event.add("location", location)
    event.add("description", _description(meeting, page_url, agenda=agenda, members=members))
    return event


def event_text(event) -> str:
    return event.to_ical().decode()


def _vtimezone():
    """Europe/Berlin as RRULEs (EU rules since 1996): valid for every year a meeting may have."""
    zone = icalendar.Timezone()
    zone.add("tzid", TIME_ZONE)
    zone.add("x-lic-location", TIME_ZONE)
    daylight = icalendar.TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=1))
    daylight.add("tzoffsetto", datetime.timedelta(hours=2))
    daylight.add("dtstart", datetime.datetime(1981, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = icalendar.TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", datetime.timedelta(hours=2))
    standard.add("tzoffsetto", datetime.timedelta(hours=1))
    standard.add("dtstart", datetime.datetime(1996, 10, 27, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def calendar_bytes(*, name: str, events: Iterable[str], description: str = "") -> bytes:
    """A whole VCALENDAR (METHOD:PUBLISH) around already rendered VEVENT texts."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", _plain(name))
    calendar.add("x-wr-calname", _plain(name))
    if description:
        calendar.add("x-wr-caldesc", _plain(description))
    calendar.add("x-wr-timezone", TIME_ZONE)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    calendar.add_component(_vtimezone())
    head = calendar.to_ical()
    assert head.endswith(_END)
    return b"".join([head[: -len(_END)], "".join(events).encode(), _END])
