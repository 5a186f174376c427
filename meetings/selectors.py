"""Reads about meetings that several pages share; each runs a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from members.models import Community

from .models import AgendaItem, Attendance, Meeting, MinutesRevision
from .rotation import Turn, rotation_queue

AGENDA_STATUSES = (AgendaItem.Status.ACCEPTED, AgendaItem.Status.DONE)


class AgendaEntry(NamedTuple):
    """One item of the agenda and when it is planned to start (unpacks as (item, starts_at))."""

    item: AgendaItem
    starts_at: datetime.datetime

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.item.duration_minutes)


@dataclass
class AgendaTimes:
    entries: list[AgendaEntry]
    total_minutes: int
    meeting_minutes: int

    @property
    def overrun(self) -> bool:
        """The accepted items take longer than the meeting: the page warns."""
        return self.total_minutes > self.meeting_minutes

    @property
    def overrun_minutes(self) -> int:
        return max(self.total_minutes - self.meeting_minutes, 0)

    @property
    def free_minutes(self) -> int:
        return max(self.meeting_minutes - self.total_minutes, 0)

    def __iter__(self):
        return iter(self.entries)

    def __len__(self):
        return len(self.entries)


def agenda_with_times(meeting: Meeting) -> AgendaTimes:
    """The agenda (accepted items, and done ones after the meeting) with each item's planned start.

    Items follow one another from the meeting's start in agenda order. One query.
    """
    items = (
        AgendaItem.objects.filter(meeting=meeting, status__in=AGENDA_STATUSES)
        .select_related("proposed_by", "presenter")
        .order_by("position", "pk")
    )
    return _timed_agenda(meeting, items)


def _timed_agenda(meeting: Meeting, items) -> AgendaTimes:
    entries = []
    start = meeting.starts_at
    total = 0
    for item in items:
        item.meeting = meeting
        entries.append(AgendaEntry(item=item, starts_at=start))
        start += datetime.timedelta(minutes=item.duration_minutes)
        total += item.duration_minutes
    return AgendaTimes(entries=entries, total_minutes=total, meeting_minutes=meeting.duration_minutes)


def agendas_with_times(meetings) -> dict[int, AgendaTimes]:
    """agenda_with_times for many meetings in one query (calendar feeds): {meeting pk: AgendaTimes}."""
    items = {meeting.pk: [] for meeting in meetings}
    if items:
        for item in AgendaItem.objects.filter(
            meeting_id__in=list(items), status__in=AGENDA_STATUSES
        ).order_by("meeting_id", "position", "pk"):
            items[item.meeting_id].append(item)
    return {meeting.pk: _timed_agenda(meeting, items[meeting.pk]) for meeting in meetings}


def _with_list_details(queryset, user=None):
    queryset = queryset.select_related("community", "facilitator", "host_organisation").annotate(
        yes_count=Count(
            "attendances", filter=Q(attendances__response=Attendance.Response.YES), distinct=True
        ),
        item_count=Count("agenda_items", filter=Q(agenda_items__status__in=AGENDA_STATUSES), distinct=True),
    )
    if user is not None and user.is_authenticated:
        mine = Attendance.objects.filter(meeting=OuterRef("pk"), user=user).values("response")[:1]
        queryset = queryset.annotate(my_response=Subquery(mine))
    return queryset


def meeting_for_page(queryset=None):
    """The queryset a meeting page loads its meeting from (community, facilitator and host joined)."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    return queryset.select_related("community", "community__parent", "facilitator", "host_organisation")


def community_meetings(community: Community, user=None, *, past_limit: int | None = None) -> dict:
    """{"upcoming": [...], "past": [...]} for a community's meeting list; two queries.

    Each meeting carries yes_count, item_count (items on the agenda) and, for a signed-in user,
    my_response. Cancelled meetings stay in the lists (the page marks them).
    """
    meetings = _with_list_details(Meeting.objects.filter(community=community), user)
    past = meetings.past()
    if past_limit is not None:
        past = past[:past_limit]
    return {"upcoming": list(meetings.upcoming()), "past": list(past)}


def my_next_meetings(user, *, limit: int = 5) -> list[Meeting]:
    """The user's next meetings in their communities (not cancelled), soonest first; one query."""
    if not user.is_authenticated:
        return []
    queryset = Meeting.objects.for_user(user).not_cancelled().upcoming()
    return list(_with_list_details(queryset, user)[:limit])


def my_facilitations(user) -> list[Meeting]:
    """Upcoming meetings the user facilitates, proposed or accepted ("you moderate on …"); one query."""
    if not user.is_authenticated:
        return []
    return list(
        Meeting.objects.for_user(user)
        .filter(facilitator=user)
        .not_cancelled()
        .upcoming()
        .select_related("community", "host_organisation")
    )


@dataclass
class RotationOverview:
    upcoming: list[Meeting]
    history: list[Meeting]
    next_up: list[Turn] = field(default_factory=list)


def rotation_overview(community: Community, *, history_limit: int = 12) -> RotationOverview:
    """Who facilitates the upcoming meetings, who facilitated the past ones, and who is due next.

    upcoming: the planned meetings (not cancelled) with facilitator and host; history: past meetings
    that were not cancelled, latest first; next_up: the rotation order after the planned meetings
    (one turn per pool member). Four queries, whatever the size of the community.
    """
    meetings = (
        Meeting.objects.filter(community=community)
        .not_cancelled()
        .select_related("facilitator", "host_organisation")
    )
    return RotationOverview(
        upcoming=list(meetings.upcoming()),
        history=list(meetings.past()[:history_limit]),
        next_up=rotation_queue(community=community),
    )


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    """{"yes": n, "maybe": n, "no": n}; one query."""
    return Attendance.objects.filter(meeting=meeting).aggregate(
        **{response: Count("pk", filter=Q(response=response)) for response in Attendance.Response.values}
    )


def upcoming_meetings_for_swap(meeting: Meeting) -> list[Meeting]:
    """The community's other upcoming meetings a facilitator could swap with; one query."""
    return list(
        Meeting.objects.filter(community_id=meeting.community_id)
        .exclude(pk=meeting.pk)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD])
        .filter(ends_at__gt=timezone.now())
        .select_related("facilitator")
        .order_by("starts_at", "pk")
    )


# --- minutes --------------------------------------------------------------------------------------


def minutes_revisions(meeting: Meeting, *, limit: int = 5) -> list[MinutesRevision]:
    """The latest changes of the minutes (who, when, published), newest first; one query."""
    revisions = MinutesRevision.objects.filter(meeting=meeting).select_related("editor")
    return list(revisions.order_by("-created_at", "-pk")[:limit])


def meeting_attendees(meeting: Meeting) -> list:
    """Who took part (recorded with the minutes), by name; one query."""
    return [
        attendance.user
        for attendance in Attendance.objects.filter(meeting=meeting, attended=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__pk")
    ]


@dataclass(frozen=True)
class SharedMinutes:
    """The part of a meeting's minutes that may leave the meeting page (e.g. in an e-mail)."""

    text: str
    outcomes: list[tuple[str, str]]


def minutes_for_sharing(meeting: Meeting) -> SharedMinutes | None:
    """The published minutes without their confidential part, for anything that leaves the page.

    A later minutes e-mail, digest or export of the meeting takes the minutes from here and nowhere
    else: Meeting.minutes_confidential is shown on the meeting page only, to those who may read the
    minutes, and never goes into e-mails or exports of other people. None while the minutes are a
    draft. One query (the outcomes).
    """
    if not meeting.minutes_are_published:
        return None
    outcomes = (
        AgendaItem.objects.filter(meeting=meeting, status__in=AGENDA_STATUSES)
        .exclude(outcome="")
        .order_by("position", "pk")
        .values_list("title", "outcome")
    )
    return SharedMinutes(text=meeting.minutes, outcomes=list(outcomes))
