"""The calls the domain services make, one line each, to tell people what happened.

Each hook takes the objects the service has just saved, works out who must hear of it and queues
the notice with notify() (sent after the commit, by the worker). The dedup key names what the
notice is about; where the same thing can happen again (a meeting moved twice), the key carries
what changed (the meeting's sequence, the request's time), so the new event gets a new notice.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import Kind
from .services import notify


def _meeting_context(meeting) -> dict:
    return {
        "community": meeting.community.name,
        "meeting": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "path": meeting.get_absolute_url(),
    }


def _calendar_entry(meeting) -> str:
    """The members' `.ics` of the meeting as it is now (calendars.ical's writer, METHOD:PUBLISH).

    Taken into the snapshot, so every recipient gets the entry of the change they are told about.
    A PUBLISH and not a REQUEST or CANCEL: those need an ORGANIZER and ATTENDEEs, i.e. names and
    addresses, which the platform never writes into a calendar; clients update the entry by its
    UID and higher SEQUENCE, and a cancelled meeting carries STATUS:CANCELLED.
    """
    from calendars.feeds import SingleMeeting
    from calendars.ical import Site

    return SingleMeeting(meeting=meeting, members=True, site=Site(base_url=settings.SITE_URL)).body().decode()


def facilitators_proposed(*meetings) -> None:
    """Whoever a meeting now proposes as facilitator (not yet accepted) hears of it."""
    for meeting in meetings:
        if meeting.facilitator_id is None or meeting.facilitator_confirmed:
            continue
        notify(
            kind=Kind.FACILITATOR_PROPOSED,
            user=meeting.facilitator,
            key=f"meeting:{meeting.pk}",
            context=_meeting_context(meeting),
        )


def agenda_item_decided(item, *, reason: str = "") -> None:
    """The proposer hears whether their item was accepted, deferred or rejected, and why if told."""
    if item.proposed_by_id is None or item.status not in ("accepted", "deferred", "rejected"):
        return
    notify(
        kind=Kind.AGENDA_ITEM_DECIDED,
        user=item.proposed_by,
        key=f"item:{item.pk}:{item.status}",
        context={
            **_meeting_context(item.meeting),
            "item": item.title,
            "status": item.status,
            "reason": reason,
        },
    )


def agenda_published(meeting) -> None:
    """The community's active members get the agenda."""
    from meetings.models import AgendaItem
    from members.models import User

    members = User.objects.active_members_of(meeting.community_id)
    items = [
        f"{title} ({minutes} min)"
        for title, minutes in AgendaItem.objects.filter(meeting=meeting, status=AgendaItem.Status.ACCEPTED)
        .order_by("position", "pk")
        .values_list("title", "duration_minutes")
    ]
    notify(
        kind=Kind.AGENDA_PUBLISHED,
        users=list(members),
        key=f"meeting:{meeting.pk}:seq:{meeting.sequence}",
        context={**_meeting_context(meeting), "items": items, "ics": _calendar_entry(meeting)},
    )


def _coming(meeting) -> list:
    """Members who said yes or maybe."""
    from meetings.models import Attendance
    from members.models import User

    return list(
        User.objects.filter(
            attendances__meeting=meeting,
            attendances__response__in=[Attendance.Response.YES, Attendance.Response.MAYBE],
        )
    )


def meeting_changed(meeting) -> None:
    """Those who said yes or maybe hear that the meeting moved or changed (once per change)."""
    coming = _coming(meeting)
    if not coming:
        return  # nobody to tell: the calendar entry is not built
    notify(
        kind=Kind.MEETING_CHANGED,
        users=coming,
        key=f"meeting:{meeting.pk}:seq:{meeting.sequence}",
        context={
            **_meeting_context(meeting),
            "ends_at": meeting.ends_at.isoformat(),
            "ics": _calendar_entry(meeting),
        },
    )


def meeting_cancelled(meeting) -> None:
    coming = _coming(meeting)
    if not coming:
        return
    notify(
        kind=Kind.MEETING_CANCELLED,
        users=coming,
        key=f"meeting:{meeting.pk}",
        context={
            **_meeting_context(meeting),
            "path": meeting.community.get_absolute_url(),
            "ics": _calendar_entry(meeting),
        },
    )


def minutes_published(meeting) -> None:
    """The community's active members get the minutes: only the shareable part, never the confidential one."""
    from meetings.selectors import minutes_for_sharing
    from members.models import User

    shared = minutes_for_sharing(meeting)
    if shared is None:
        return
    notify(
        kind=Kind.MINUTES_PUBLISHED,
        users=list(User.objects.active_members_of(meeting.community_id)),
        key=f"meeting:{meeting.pk}",
        context={
            **_meeting_context(meeting),
            "minutes": shared.text,
            "outcomes": [[title, outcome] for title, outcome in shared.outcomes],
        },
    )


def join_request_day_start(day) -> datetime.datetime:
    """Midnight in the site's time zone (Europe/Berlin) at the start of `day`: a digest's day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _membership_key(membership) -> str:
    return f"membership:{membership.pk}:{membership.status}:{membership.requested_at.isoformat()}"


def membership_requested(membership) -> None:
    """The coordinators hear of a request to join or of someone landing on the waitlist.

    At once when it is the first open request of the day in the community; a further one while an
    earlier one of the same day is still open goes into the next morning's digest instead.
    """
    from members.models import Membership, User

    open_statuses = (Membership.Status.PENDING, Membership.Status.WAITLISTED)
    if membership.status not in open_statuses:
        return
    day_start = join_request_day_start(timezone.localtime(membership.requested_at).date())
    earlier_open_today = (
        Membership.objects.filter(
            community_id=membership.community_id,
            status__in=open_statuses,
            requested_at__gte=day_start,
            requested_at__lt=membership.requested_at,
        )
        .exclude(pk=membership.pk)
        .exists()
    )
    if earlier_open_today:
        return  # the coordinators get it in the day's digest (notifications.reminders)
    coordinators = User.objects.filter(
        memberships__in=Membership.objects.coordinators().filter(community_id=membership.community_id)
    ).exclude(pk=membership.user_id)
    community = membership.community
    notify(
        kind=Kind.JOIN_REQUESTED,
        users=list(coordinators),
        key=_membership_key(membership),
        context={
            "community": community.name,
            "person": membership.user.display_name,
            "person_id": membership.user_id,
            "status": membership.status,
            "path": reverse("community_manage", kwargs={"slug": community.slug}),
        },
    )


def membership_decided(membership) -> None:
    """The person hears that they were admitted, put on the waitlist or declined."""
    community = membership.community
    notify(
        kind=Kind.MEMBERSHIP_DECIDED,
        user=membership.user,
        key=_membership_key(membership),
        context={
            "community": community.name,
            "status": membership.status,
            "path": community.get_absolute_url(),
        },
    )


def membership_removed(membership) -> None:
    """The person a coordinator removed hears of it, with the coordinator's reason."""
    from members.models import Community

    community = membership.community
    # A secret community's page answers 404 to a former member: the link goes to the list instead.
    if community.visibility == Community.Visibility.SECRET:
        path = reverse("community_list")
    else:
        path = community.get_absolute_url()
    notify(
        kind=Kind.MEMBERSHIP_REMOVED,
        user=membership.user,
        key=f"membership:{membership.pk}:removed:{membership.requested_at.isoformat()}",
        context={"community": community.name, "reason": membership.message, "path": path},
    )


def partner_interest_registered(interest) -> None:
    """The author of a call for partners hears that someone is interested (once per person and call)."""
    search = interest.search
    if search.author_id is None:
        return
    notify(
        kind=Kind.PARTNER_INTEREST,
        user=search.author,
        key=f"partner_interest:{search.pk}:{interest.user_id}",
        context={
            "search": search.title,
            "person": interest.user.display_name,
            "person_id": interest.user_id,
            "organisation": interest.user.organisation.name if interest.user.organisation_id else "",
            "path": search.get_absolute_url(),
        },
    )
