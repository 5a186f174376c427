"""Serving calendars: conditional GET first, then the VCALENDAR from the cache or the stored VEVENTs.

A feed's validator (ETag) is made of change marks (calendars.FeedState rows, moved on by
calendars.invalidation whenever a meeting, an agenda item, a community or a membership changes),
so a 304 is the token look-up and one small query, whatever the number of meetings. For a 200,
the whole body is kept in the cache under its validator; on a miss, each meeting's VEVENT is read
from calendars.RenderedEvent in one plain query and reused while its key (the meeting's sequence
and updated_at, the community's name, the site address and the output's format version) still
matches; an agenda change deletes the meeting's stored members' entry. The number of queries does
not depend on the number of meetings.
"""

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db.models import Count, F, FilteredRelation, Max, Q
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from meetings.models import AgendaItem, Meeting
from meetings.selectors import agenda_with_times, agendas_with_times

from . import ical, selectors, services
from .models import RenderedEvent

CONTENT_TYPE = "text/calendar; charset=utf-8"
PERSONAL_CACHE_CONTROL = "private, no-cache"
PUBLIC_CACHE_CONTROL = "public, max-age=300"
# A whole feed is kept in the cache under its validator; a change makes a new one, old ones expire.
BODY_CACHE_SECONDS = 60 * 60


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _context(site: ical.Site, variant: str) -> tuple:
    """What every entry of a response also depends on besides its meeting."""
    return (ical.FORMAT_VERSION, variant, site.base_url, ical.uid_domain(), translation.get_language())


def entry_key(context: tuple, row: dict) -> str:
    """What a stored VEVENT was built from; plain strings, as this runs for every meeting of a feed."""
    changed = row.get("agenda_changed")
    text = "|".join(
        [
            _context_digest(context),
            str(row["pk"]),
            str(row["sequence"]),
            row["updated_at"].isoformat(),
            row["community_name"],
            str(row.get("agenda_n")),
            changed.isoformat() if changed else "",
        ]
    )
    return hashlib.sha1(text.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()


@functools.lru_cache(maxsize=64)
def _context_digest(context: tuple) -> str:
    return _digest(context)


@dataclass
class Feed:
    """A subscribed calendar: which meetings, shown as which entry, under which name."""

    scope: str  # calendars.FeedState: the feed's own change mark
    name: str
    meetings: Callable  # returns the Meeting queryset, already limited to what the feed may hold
    members: bool  # members' entries (video link, agenda) or public ones
    window: tuple  # selectors.feed_window(): the feed changes when it moves on at midnight
    site: ical.Site
    cache_control: str
    user_id: int | None = None  # a personal feed: the marks of the member's communities count too

    @property
    def variant(self) -> str:
        return RenderedEvent.Variant.MEMBER if self.members else RenderedEvent.Variant.PUBLIC

    @cached_property
    def _marks(self) -> list:
        return selectors.feed_marks(self.scope, user_id=self.user_id)

    @cached_property
    def _validator(self) -> str:
        """Everything the body depends on: the marks, the window, the name and the output's context."""
        marks = [(scope, validator) for scope, validator, _changed in self._marks]
        return _digest(
            _context(self.site, self.variant), self.scope, self.name, self.window[0].isoformat(), marks
        )

    @property
    def etag(self) -> str:
        return f'"{self._validator[:32]}"'

    @cached_property
    def last_modified(self):
        """The latest mark, or the window's move at midnight if later: it never goes backwards."""
        today = self.window[0] + selectors.WINDOW_BACK
        return max([today, *(changed for _scope, _validator, changed in self._marks)])

    def body(self) -> bytes:
        """The calendar, from the cache while the validator holds (it names everything it depends on)."""
        key = f"calendars:feed:{self._validator}"
        body = cache.get(key)
        if body is None:
            body = self._assemble()
            cache.set(key, body, BODY_CACHE_SECONDS)
        return body

    def _assemble(self) -> bytes:
        """The stored VEVENT texts in one plain query; missing or stale ones are rendered and stored."""
        context = _context(self.site, self.variant)
        queryset = self.meetings().annotate(
            community_name=F("community__name"),
            stored=FilteredRelation("rendered_events", condition=Q(rendered_events__variant=self.variant)),
        )
        fields = ["pk", "sequence", "updated_at", "community_name", "stored__key", "stored__text"]
        rows = list(queryset.order_by("starts_at", "pk").values(*fields))
        texts, missing = {}, {}
        for row in rows:
            key = entry_key(context, row)
            if row["stored__key"] == key:
                texts[row["pk"]] = row["stored__text"]
            else:
                missing[row["pk"]] = (key, row["community_name"])
        if missing:
            texts.update(self._render(missing))
        events = [texts[row["pk"]] for row in rows if row["pk"] in texts]
        return ical.calendar_bytes(name=self.name, events=events)

    def _render(self, missing: dict) -> dict[int, str]:
        meetings = list(Meeting.objects.filter(pk__in=list(missing)))
        agendas = agendas_with_times(meetings) if self.members else {}
        rendered = []
        for meeting in meetings:
            key, community_name = missing[meeting.pk]
            event = ical.meeting_event(
                meeting,
                community_name=community_name,
                site=self.site,
                members=self.members,
                agenda=agendas.get(meeting.pk),
            )
            rendered.append((meeting.pk, key, ical.event_text(event)))
        # Kept only if nothing changed while rendering: an agenda changed meanwhile deletes the stored
        # entry, and an entry rendered from the old agenda must not take its place.
        if selectors.feed_marks(self.scope, user_id=self.user_id) == self._marks:
            services.rendered_events_store(variant=self.variant, rendered=rendered)
        return {pk: text for pk, _key, text in rendered}


@dataclass
class SingleMeeting:
    """One meeting's `.ics`: the members' or the public entry."""

    meeting: Meeting
    members: bool
    site: ical.Site
    cache_control: str = PERSONAL_CACHE_CONTROL

    @cached_property
    def _facts(self) -> dict:
        facts = AgendaItem.objects.filter(meeting=self.meeting).aggregate(
            agenda_n=Count("pk"), agenda_changed=Max("updated_at")
        )
        return facts if self.members else {}

    @property
    def variant(self) -> str:
        return RenderedEvent.Variant.MEMBER if self.members else RenderedEvent.Variant.PUBLIC

    @cached_property
    def etag(self) -> str:
        row = {
            "pk": self.meeting.pk,
            "sequence": self.meeting.sequence,
            "updated_at": self.meeting.updated_at,
            "community_name": self.meeting.community.name,
            **self._facts,
        }
        return f'"{entry_key(_context(self.site, self.variant), row)[:32]}"'

    @cached_property
    def last_modified(self):
        changed = [self.meeting.updated_at, self._facts.get("agenda_changed")]
        return max(value for value in changed if value is not None)

    def body(self) -> bytes:
        agenda = agenda_with_times(self.meeting) if self.members else None
        event = ical.meeting_event(
            self.meeting,
            community_name=self.meeting.community.name,
            site=self.site,
            members=self.members,
            agenda=agenda,
        )
        return ical.calendar_bytes(
            name=ical.summary(self.meeting, self.meeting.community.name), events=[ical.event_text(event)]
        )


def _not_modified(request, etag: str, last_modified) -> bool:
    """RFC 9110 13.2.2: If-None-Match (weak comparison) wins; If-Modified-Since only without it.

    Junk in If-None-Match matches nothing; a malformed If-Modified-Since, or one in the future,
    is ignored.
    """
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = parse_etags(if_none_match)
        return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    if since is None or since > timezone.now().timestamp():
        return False
    return int(last_modified.timestamp()) <= since


def calendar_response(request, calendar, *, filename: str | None = None) -> HttpResponse:
    """200 with the calendar, or 304 without building it; HEAD answers the headers of the GET."""
    headers = {
        "ETag": calendar.etag,
        "Last-Modified": http_date(calendar.last_modified.timestamp()),
        "Cache-Control": calendar.cache_control,
    }
    if _not_modified(request, calendar.etag, calendar.last_modified):
        response = HttpResponse(status=304)
        del response["Content-Type"]
    else:
        body = calendar.body()
        if filename:
            headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        headers["Content-Length"] = str(len(body))
        response = HttpResponse(b"" if request.method == "HEAD" else body, content_type=CONTENT_TYPE)
    for name, value in headers.items():
        response[name] = value
    return response
