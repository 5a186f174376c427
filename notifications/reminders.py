"""The periodic job: "you facilitate on <date>" and the reminders before a meeting.

Safe to run every few minutes, and on several hosts at once: a reminder's dedup key holds the
meeting's start time, so the outbox constraint drops a reminder that was queued before, and a
meeting moved after its reminder gets a new one for its new time. How far ahead:
settings.NOTIFICATIONS_FACILITATION_REMINDER_WEEKS (default 3 weeks) and
settings.NOTIFICATIONS_MEETING_REMINDER_DAYS (default 7 and 1 days; of the reminders whose time
has come, only the nearest one is sent, so a meeting planned two days ahead gets one reminder).
"""

import datetime

from django.conf import settings
from django.utils import timezone

from .hooks import _meeting_context
from .models import Kind
from .services import queue


def _open_meetings(now, until):
    from meetings.models import Meeting

    return (
        Meeting.objects.filter(
            status__in=[Meeting.Status.PLANNED, Meeting.Status.PUBLISHED],
            starts_at__gt=now,
            starts_at__lte=until,
        )
        .select_related("community", "facilitator")
        .order_by("starts_at", "pk")
    )


def _stamp(meeting) -> str:
    return meeting.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%MZ")


def queue_facilitation_reminders(now) -> int:
    weeks = settings.NOTIFICATIONS_FACILITATION_REMINDER_WEEKS
    count = 0
    for meeting in _open_meetings(now, now + datetime.timedelta(weeks=weeks)).filter(
        facilitator__isnull=False
    ):
        queue(
            kind=Kind.FACILITATION_REMINDER,
            users=[meeting.facilitator],
            key=f"meeting:{meeting.pk}:{_stamp(meeting)}",
            context=_meeting_context(meeting),
        )
        count += 1
    return count


def queue_meeting_reminders(now) -> int:
    """Active members who have not said no get a reminder per meeting and reminder day."""
    from meetings.models import Attendance
    from members.models import Membership

    days = sorted(set(settings.NOTIFICATIONS_MEETING_REMINDER_DAYS))
    if not days:
        return 0
    meetings = list(_open_meetings(now, now + datetime.timedelta(days=days[-1])))
    if not meetings:
        return 0
    members = {}
    for membership in (
        Membership.objects.active()
        .filter(community_id__in={meeting.community_id for meeting in meetings})
        .select_related("user")
    ):
        members.setdefault(membership.community_id, []).append(membership.user)
    declined = set(
        Attendance.objects.filter(meeting__in=meetings, response=Attendance.Response.NO).values_list(
            "meeting_id", "user_id"
        )
    )
    for meeting in meetings:
        due = min(day for day in days if meeting.starts_at - now <= datetime.timedelta(days=day))
        queue(
            kind=Kind.MEETING_REMINDER,
            users=[
                user
                for user in members.get(meeting.community_id, [])
                if (meeting.pk, user.pk) not in declined
            ],
            key=f"meeting:{meeting.pk}:{due}d:{_stamp(meeting)}",
            context=_meeting_context(meeting),
        )
    return len(meetings)


def queue_reminders(*, now: datetime.datetime | None = None) -> int:
    """One pass of the periodic job; returns how many meetings it looked at."""
    now = now or timezone.now()
    return queue_facilitation_reminders(now) + queue_meeting_reminders(now)
