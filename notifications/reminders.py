"""The periodic job: reminders, the minutes reminder and the coordinators' daily digest.

Safe to run every few minutes, and on several hosts at once: each notice's dedup key names what it
is about, so the outbox constraint drops one that was queued before.

- "You facilitate on <date>": settings.NOTIFICATIONS_FACILITATION_REMINDER_WEEKS before (default 3).
- Members' reminders: each community chooses two lead times (Community.reminder_days_early and
  reminder_days_late, default 7 and 1 days; 0 switches one off). Of the reminders whose time has
  come only the nearest is sent, so a meeting planned two days ahead gets one reminder. The key
  holds the meeting's start time: a meeting moved after its reminder gets a new one.
- The facilitator of a meeting that began settings.NOTIFICATIONS_MINUTES_REMINDER_DAYS ago (default
  3) and whose minutes are still a draft is reminded once; meetings older than
  MINUTES_REMINDER_WINDOW are left alone (no flood of old reminders when the job first runs).
- Join requests: the first request of a day in a community is mailed to its coordinators at once
  (notifications.hooks.membership_requested); a request that comes while an earlier one of the same
  day is still open is not, and the first pass after DIGEST_HOUR the next morning (Europe/Berlin)
  sends each coordinator one digest per community and day with those requests that are still open.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .hooks import _meeting_context, _membership_key, join_request_day_start
from .models import Kind, Notification
from .services import queue

MINUTES_REMINDER_WINDOW = datetime.timedelta(days=14)
DIGEST_HOUR = 7
DIGEST_LOOKBACK_DAYS = 3


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


def reminder_due(meeting, now) -> int | None:
    """The nearest of the community's reminder days whose time has come, or None."""
    community = meeting.community
    days = [day for day in (community.reminder_days_early, community.reminder_days_late) if day]
    due = [day for day in days if meeting.starts_at - now <= datetime.timedelta(days=day)]
    return min(due) if due else None


def queue_meeting_reminders(now) -> int:
    """Active members who have not said no get a reminder per meeting and reminder day."""
    from meetings.models import Attendance
    from members.models import REMINDER_DAYS_MAX, Membership

    meetings = [
        (meeting, due)
        for meeting in _open_meetings(now, now + datetime.timedelta(days=REMINDER_DAYS_MAX))
        if (due := reminder_due(meeting, now)) is not None
    ]
    if not meetings:
        return 0
    members = {}
    for membership in (
        Membership.objects.active()
        .filter(community_id__in={meeting.community_id for meeting, _due in meetings})
        .select_related("user")
    ):
        members.setdefault(membership.community_id, []).append(membership.user)
    declined = set(
        Attendance.objects.filter(
            meeting__in=[meeting for meeting, _due in meetings], response=Attendance.Response.NO
        ).values_list("meeting_id", "user_id")
    )
    for meeting, due in meetings:
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


def queue_minutes_reminders(now) -> int:
    """The facilitator of a recent meeting whose minutes are still a draft is reminded, once."""
    from meetings.models import Meeting

    began_by = now - datetime.timedelta(days=settings.NOTIFICATIONS_MINUTES_REMINDER_DAYS)
    meetings = (
        Meeting.objects.filter(
            status__in=[Meeting.Status.PLANNED, Meeting.Status.PUBLISHED, Meeting.Status.HELD],
            starts_at__lte=began_by,
            starts_at__gt=began_by - MINUTES_REMINDER_WINDOW,
            minutes_published_at__isnull=True,
            facilitator__isnull=False,
        )
        .select_related("community", "facilitator")
        .order_by("starts_at", "pk")
    )
    count = 0
    for meeting in meetings:
        queue(
            kind=Kind.MINUTES_REMINDER,
            users=[meeting.facilitator],
            key=f"meeting:{meeting.pk}",
            context=_meeting_context(meeting),
        )
        count += 1
    return count


def queue_join_request_digests(now) -> int:
    """One digest per coordinator, community and finished day, of the day's unannounced open requests.

    A request counts as announced when a JOIN_REQUESTED notice was queued for it (its key). The
    number of queries does not depend on the number of requests or coordinators: three reads and
    one insert per community and day.
    """
    from members.models import Membership

    local_now = timezone.localtime(now)
    last_day = local_now.date() - datetime.timedelta(days=1 if local_now.hour >= DIGEST_HOUR else 2)
    first_day = local_now.date() - datetime.timedelta(days=DIGEST_LOOKBACK_DAYS)
    if last_day < first_day:
        return 0
    requests = list(
        Membership.objects.filter(
            status__in=[Membership.Status.PENDING, Membership.Status.WAITLISTED],
            requested_at__gte=join_request_day_start(first_day),
            requested_at__lt=join_request_day_start(last_day + datetime.timedelta(days=1)),
        )
        .select_related("user", "community")
        .order_by("requested_at", "pk")
    )
    if not requests:
        return 0
    announced = set(
        Notification.objects.filter(
            kind=Kind.JOIN_REQUESTED, key__in=[_membership_key(request) for request in requests]
        ).values_list("key", flat=True)
    )
    days = {}
    for request in requests:
        if _membership_key(request) not in announced:
            day = timezone.localtime(request.requested_at).date()
            days.setdefault((request.community, day), []).append(request)
    coordinators = {}
    for membership in (
        Membership.objects.coordinators()
        .filter(community_id__in={community.pk for community, _day in days})
        .select_related("user")
    ):
        coordinators.setdefault(membership.community_id, []).append(membership.user)
    for (community, day), waiting in days.items():
        queue(
            kind=Kind.JOIN_REQUESTS_DIGEST,
            users=coordinators.get(community.pk, []),
            key=f"community:{community.pk}:day:{day.isoformat()}",
            context={
                "community": community.name,
                "day": day.isoformat(),
                "people": [[request.user.display_name, request.status] for request in waiting],
                "path": reverse("community_manage", kwargs={"slug": community.slug}),
            },
        )
    return len(days)


def queue_reminders(*, now: datetime.datetime | None = None) -> int:
    """One pass of the periodic job; returns how many meetings it looked at."""
    now = now or timezone.now()
    meetings = queue_facilitation_reminders(now) + queue_meeting_reminders(now) + queue_minutes_reminders(now)
    queue_join_request_digests(now)
    return meetings
