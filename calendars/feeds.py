"""Serving calendars: conditional GET first, then the VCALENDAR from stored or fresh VEVENTs.

A feed's validator (ETag) comes from a few aggregate queries, so a 304 is answered without
reading a single entry. For a 200, each meeting's VEVENT is taken from calendars.RenderedEvent
when its key (the meeting's sequence and updated_at, its agenda's latest change, the community's
name, the site address and the output's format version) still matches, and rendered and stored
otherwise; the number of queries does not depend on the number of meetings.
"""

import functools
import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, F, FilteredRelation, Max, OuterRef, Q, Subquery
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


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _context(site: ical.Site, variant: str) -> tuple:
    """What every entry of a response also depends on besides its meeting."""
    return (ical.FORMAT_VERSION, variant, site.base_url, ical.uid_domain(), translation.get_language())


def _agenda_facts(outer: str = "pk"):
    items = AgendaItem.objects.filter(meeting=OuterRef(outer)).order_by().values("meeting")
    return {
        "agenda_n": Subquery(items.annotate(n=Count("pk")).values("n")),
        "agenda_changed": Subquery(items.annotate(changed=Max("updated_at")).values("changed")),
    }


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

    scope: str  # calendars.FeedState: the feed's Last-Modified is kept per scope
    name: str
    meetings: object  # a Meeting queryset, already limited to what the feed may hold
    members: bool  # members' entries (video link, agenda) or public ones
    facts: tuple  # what else the content depends on (the communities' ids and names)
    site: ical.Site
    cache_control: str

    @property
    def variant(self) -> str:
        return RenderedEvent.Variant.MEMBER if self.members else RenderedEvent.Variant.PUBLIC

    @cached_property
    def _fingerprint(self):
        return selectors.feed_fingerprint(self.meetings, with_agenda=self.members)

    @cached_property
    def etag(self) -> str:
        parts, _latest = self._fingerprint
        return (
            f'"{_digest(_context(self.site, self.variant), self.scope, self.name, self.facts, parts)[:32]}"'
        )

    @cached_property
    def last_modified(self):
        _parts, latest = self._fingerprint
        return services.feed_state_observe(scope=self.scope, validator=self.etag, content_changed_at=latest)

    def body(self) -> bytes:
        context = _context(self.site, self.variant)
        queryset = self.meetings.annotate(
            community_name=F("community__name"),
            stored=FilteredRelation("rendered_events", condition=Q(rendered_events__variant=self.variant)),
        )
        fields = ["pk", "sequence", "updated_at", "community_name", "stored__key", "stored__text"]
        if self.members:
            queryset = queryset.annotate(**_agenda_facts())
            fields += ["agenda_n", "agenda_changed"]
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
