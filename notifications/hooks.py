"""The calls the domain services make, one line each, to tell people what happened.

Each hook takes the objects the service has just saved, works out who must hear of it and queues
the notice with notify() (sent after the commit, by the worker). The dedup key names what the
notice is about; where the same thing can happen again (a meeting moved twice), the key carries
what changed (the meeting's sequence, the request's time), so the new event gets a new notice.
"""

from django.urls import reverse

from .models import Kind
from .services import notify


def _meeting_context(meeting) -> dict:
    return {
        "community": meeting.community.name,
        "meeting": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "path": meeting.get_absolute_url(),
    }


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


def agenda_item_decided(item) -> None:
    """The proposer hears whether their item was accepted, deferred or rejected."""
    if item.proposed_by_id is None or item.status not in ("accepted", "deferred", "rejected"):
        return
    notify(
        kind=Kind.AGENDA_ITEM_DECIDED,
        user=item.proposed_by,
        key=f"item:{item.pk}:{item.status}",
        context={**_meeting_context(item.meeting), "item": item.title, "status": item.status},
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
        context={**_meeting_context(meeting), "items": items},
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
    notify(
        kind=Kind.MEETING_CHANGED,
        users=_coming(meeting),
        key=f"meeting:{meeting.pk}:seq:{meeting.sequence}",
        context={**_meeting_context(meeting), "ends_at": meeting.ends_at.isoformat()},
    )


def meeting_cancelled(meeting) -> None:
    notify(
        kind=Kind.MEETING_CANCELLED,
        users=_coming(meeting),
        key=f"meeting:{meeting.pk}",
        context={**_meeting_context(meeting), "path": meeting.community.get_absolute_url()},
    )


def _membership_key(membership) -> str:
    return f"membership:{membership.pk}:{membership.status}:{membership.requested_at.isoformat()}"


def membership_requested(membership) -> None:
    """The coordinators hear of a request to join or of someone landing on the waitlist."""
    from members.models import Membership, User

    if membership.status not in (Membership.Status.PENDING, Membership.Status.WAITLISTED):
        return
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
