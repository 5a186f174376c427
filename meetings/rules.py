"""Who may do what with meetings, agendas and minutes: the one place for these checks.

Predicates take a Meeting (or an AgendaItem where named so); select_related("community") on the
object keeps them from querying twice. Membership look-ups are cached per user by members.rules.
"""

import rules
from django.utils import timezone

from members.models import Community
from members.rules import (
    can_view_meetings,
    is_active_member,
    is_community_coordinator,
    is_insider,
    is_public_community,
    is_site_coordinator,
)

from .models import AgendaItem, Meeting


def _community(obj):
    if isinstance(obj, Meeting):
        return obj.community
    if isinstance(obj, AgendaItem):
        return obj.meeting.community
    return obj if isinstance(obj, Community) else None


def _meeting(obj):
    return obj.meeting if isinstance(obj, AgendaItem) else obj


@rules.predicate
def can_view_meeting(user, meeting):
    """Title, date, format, place and host organisation (see the table in members/rules.py)."""
    return meeting is not None and can_view_meetings(user, _community(meeting))


@rules.predicate
def is_meeting_insider(user, meeting):
    """An active member of the meeting's community, or a site coordinator."""
    return meeting is not None and is_insider(user, _community(meeting))


@rules.predicate
def is_public_meeting(user, meeting):
    return meeting is not None and is_public_community(user, _community(meeting))


@rules.predicate
def meeting_is_upcoming(user, meeting):
    """Not yet over and not cancelled."""
    meeting = _meeting(meeting)
    return meeting is not None and not meeting.is_closed and meeting.ends_at > timezone.now()


@rules.predicate
def is_meeting_member(user, meeting):
    """An active member of the meeting's community."""
    return meeting is not None and is_active_member(user, _community(meeting))


@rules.predicate
def is_meeting_coordinator(user, obj):
    """A coordinator of the community (obj: a Community, a Meeting or an AgendaItem)."""
    return obj is not None and is_community_coordinator(user, _community(obj))


@rules.predicate
def is_meeting_facilitator(user, meeting):
    """The meeting's facilitator (proposed or accepted), while still an active member."""
    meeting = _meeting(meeting)
    return (
        meeting is not None
        and user.is_authenticated
        and meeting.facilitator_id == user.pk
        and is_active_member(user, meeting.community)
    )


@rules.predicate
def is_confirmed_facilitator(user, meeting):
    """The meeting's facilitator who has accepted: only then may they change the meeting.

    A merely proposed facilitator may answer (accept, decline, swap) but not yet edit the meeting,
    its agenda or its minutes.
    """
    meeting = _meeting(meeting)
    return meeting is not None and meeting.facilitator_confirmed and is_meeting_facilitator(user, meeting)


@rules.predicate
def meeting_is_open(user, meeting):
    """Neither held nor cancelled."""
    meeting = _meeting(meeting)
    return meeting is not None and not meeting.is_closed


@rules.predicate
def meeting_is_not_cancelled(user, meeting):
    meeting = _meeting(meeting)
    return meeting is not None and not meeting.is_cancelled


@rules.predicate
def agenda_is_open(user, meeting):
    """Planned and the agenda not yet published: members may still propose items."""
    meeting = _meeting(meeting)
    return meeting is not None and meeting.status == Meeting.Status.PLANNED


@rules.predicate
def is_item_proposer(user, item):
    return item is not None and user.is_authenticated and item.proposed_by_id == user.pk


@rules.predicate
def item_is_proposed(user, item):
    return item is not None and item.status == AgendaItem.Status.PROPOSED


@rules.predicate
def can_view_item(user, item):
    return item is not None and can_view_meeting(user, item.meeting)


can_manage_meetings = is_meeting_coordinator | is_site_coordinator
# Organisers: the accepted facilitator, the community's coordinators and site coordinators (staff).
organises_meeting = is_confirmed_facilitator | is_meeting_coordinator | is_site_coordinator
can_edit_agenda = organises_meeting & meeting_is_open


@rules.predicate
def can_edit_item(user, item):
    if item is None:
        return False
    if can_edit_agenda(user, item.meeting):
        return True
    return (
        is_item_proposer(user, item)
        and item_is_proposed(user, item)
        and meeting_is_open(user, item.meeting)
        and is_meeting_member(user, item.meeting)
    )


# Signed-in people outside a public community see who facilitates and the agenda's titles of its
# upcoming meetings; everything about people and what happened stays with the members.
can_view_upcoming_outline = is_meeting_insider | (
    rules.is_authenticated & is_public_meeting & meeting_is_upcoming
)

rules.add_perm("meetings.view_meeting", can_view_meeting)
rules.add_perm("meetings.view_facilitator", can_view_upcoming_outline)
rules.add_perm("meetings.view_agenda", can_view_upcoming_outline)
# Video link, RSVP counts and answers, attendance, proposers, presenters, descriptions, outcomes
# and minutes (the minutes' own draft rules come on top of this).
rules.add_perm("meetings.view_meeting_content", is_meeting_insider)
rules.add_perm("meetings.view_item", can_view_item)
# Members propose items until the agenda is published; the organisers may add items as long as the
# meeting is open, also after publishing (a late item is still theirs to accept).
can_propose_item = (is_meeting_member & agenda_is_open) | can_edit_agenda
rules.add_perm("meetings.propose_item", can_propose_item)
rules.add_perm("meetings.edit_agenda", can_edit_agenda)
rules.add_perm("meetings.edit_item", can_edit_item)
rules.add_perm("meetings.record_minutes", organises_meeting & meeting_is_not_cancelled)
rules.add_perm("meetings.respond", is_meeting_member & meeting_is_open)
# Object: a Community (plan, cadence) or a Meeting (override the facilitator, cancel).
rules.add_perm("meetings.manage_meetings", can_manage_meetings)
rules.add_perm("meetings.edit_meeting", organises_meeting & meeting_is_open)
rules.add_perm("meetings.cancel_meeting", can_manage_meetings & meeting_is_open)
# The proposed or accepted facilitator answers: accept, decline or swap.
rules.add_perm("meetings.answer_facilitation", is_meeting_facilitator & meeting_is_open)
rules.add_perm("meetings.set_facilitator", can_manage_meetings & meeting_is_open)
# "Zu Gast bei": the organisation that hosts the meeting (planning proposes it in organisation mode).
rules.add_perm("meetings.set_host", organises_meeting & meeting_is_open)


# --- minutes: draft, publication and who reads them -----------------------------------------------
# The minutes (text, outcomes per item, attendance, confidential part) are a draft for the organisers
# until published; then the community's active members read them too. Nobody outside the community
# ever does (meetings.view_minutes needs membership or organising).


@rules.predicate
def minutes_are_published(user, meeting):
    meeting = _meeting(meeting)
    return meeting is not None and meeting.minutes_are_published


can_view_minutes = (minutes_are_published & is_meeting_member) | organises_meeting

rules.add_perm("meetings.view_minutes", can_view_minutes)
rules.add_perm("meetings.view_minutes_draft", organises_meeting)
# Not tied to the meeting's state: the service refuses (with a message) before the start or when cancelled.
rules.add_perm("meetings.publish_minutes", organises_meeting)


# --- choosing people ------------------------------------------------------------------------------
# Who may search the community's people to choose them for a meeting: the same who may make that
# choice. The search answers 404 to everyone else.
CHOOSER_PERMISSIONS = {
    "facilitator": "meetings.set_facilitator",
    "presenter": "meetings.edit_agenda",
    "attended": "meetings.record_minutes",
}
