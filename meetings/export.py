"""What the meetings app stores about a person: its sections of the data export (members.export)
and its step of account deletion (members.services.user_delete_account lists what stays and why).

Registered in MeetingsConfig.ready(). Each row names the meeting by title, community and start, so
the person can tell which meeting it was. Minutes are never exported: a change of the minutes is
exported as its meeting and time only, since the text (and its confidential part) is the record of
everyone present, not data about the one who typed it.
"""

from django.db.models import Q
from django.utils import timezone

from members.export import register_export_section
from members.services import register_account_deletion_step

from .models import AgendaItem, Attendance, FacilitatorDecline, Meeting, MinutesRevision


def _meeting(meeting: Meeting) -> dict:
    return {
        "meeting": meeting.title,
        "community": meeting.community.name,
        "starts_at": meeting.starts_at,
    }


def agenda_items_section(user) -> list[dict]:
    """Items the person proposed or presents, with what they wrote and what became of them."""
    rows = (
        AgendaItem.objects.filter(Q(proposed_by=user) | Q(presenter=user))
        .select_related("meeting__community")
        .order_by("pk")
    )
    return [
        {
            **_meeting(item.meeting),
            "title": item.title,
            "description": item.description,
            "kind": item.kind,
            "duration_minutes": item.duration_minutes,
            "status": item.status,
            "outcome": item.outcome,
            "proposed_by_me": item.proposed_by_id == user.pk,
            "presented_by_me": item.presenter_id == user.pk,
            "created_at": item.created_at,
        }
        for item in rows
    ]


def attendance_section(user) -> list[dict]:
    rows = Attendance.objects.filter(user=user).select_related("meeting__community").order_by("pk")
    return [
        {
            **_meeting(row.meeting),
            "response": row.response,
            "attended": row.attended,
            "changed_at": row.updated_at,
        }
        for row in rows
    ]


def facilitations_section(user) -> list[dict]:
    """Meetings the person facilitated, facilitates or is proposed for."""
    meetings = (
        Meeting.objects.filter(facilitator=user).select_related("community").order_by("starts_at", "pk")
    )
    return [
        {**_meeting(meeting), "status": meeting.status, "accepted": meeting.facilitator_confirmed}
        for meeting in meetings
    ]


def facilitator_declines_section(user) -> list[dict]:
    rows = FacilitatorDecline.objects.filter(user=user).select_related("meeting__community").order_by("pk")
    return [{**_meeting(row.meeting), "declined_at": row.created_at} for row in rows]


def minutes_changes_section(user) -> list[dict]:
    rows = MinutesRevision.objects.filter(editor=user).select_related("meeting__community").order_by("pk")
    return [
        {**_meeting(row.meeting), "changed_at": row.created_at, "published": row.published} for row in rows
    ]


def personal_data_erase(*, user) -> None:
    """Account deletion: answers to meetings still to come and declined facilitations go.

    Past attendance, agenda items, facilitations and changes of the minutes stay as the record of
    the meetings, attributed to the former member (the user row is anonymised).
    """
    Attendance.objects.filter(user=user, meeting__ends_at__gt=timezone.now()).delete()
    FacilitatorDecline.objects.filter(user=user).delete()


def register() -> None:
    register_account_deletion_step(personal_data_erase)
    register_export_section("agenda_items", agenda_items_section)
    register_export_section("attendance", attendance_section)
    register_export_section("facilitations", facilitations_section)
    register_export_section("facilitator_declines", facilitator_declines_section)
    register_export_section("minutes_changes", minutes_changes_section)
