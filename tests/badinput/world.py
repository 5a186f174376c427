"""The URL walk's world, plus what hostile input needs: a facilitator, accepted agenda items (so
that reorder forms and minutes outcomes appear), a meeting to swap with, and objects of another
community whose ids a tampered form may send."""

import datetime

from django.test import Client

from meetings.models import AgendaItem, Meeting
from tests.factories import MembershipFactory
from tests.test_url_walk import role_clients

ROLES = ("anonymous", "non_member", "member", "facilitator", "coordinator")


def extend_for_bad_input(world):
    meeting = world.private_meeting
    # Only an accepted facilitator decides on the agenda; the answers to a proposal (accept, decline,
    # swap) are met by the member, the proposed facilitator of world.proposed_meeting.
    Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=True)
    meeting.facilitator_confirmed = True
    world.facilitator = meeting.facilitator
    world.users = {**world.users, "facilitator": world.facilitator}
    world.accepted_items = [
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title,
            duration_minutes=20,
            status=AgendaItem.Status.ACCEPTED,
            proposed_by=world.coordinator,
        )
        for position, title in ((2, "Haushalt 2027"), (3, "Digitale Akte"))
    ]
    starts = meeting.starts_at + datetime.timedelta(days=30)
    world.later_meeting = Meeting.objects.create(
        community=world.private,
        title="Das Treffen danach",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        facilitator=MembershipFactory(community=world.private).user,
    )
    world.public_item = AgendaItem.objects.create(
        meeting=world.public_meeting, position=1, title="Offene Frage", proposed_by=world.non_member
    )
    world.public_user = world.public_coordinator_membership.user
    return world


def clients_by_role(world) -> dict[str, Client]:
    clients = role_clients(world)
    clients["facilitator"] = Client()
    clients["facilitator"].force_login(world.facilitator)
    return {role: clients[role] for role in ROLES}
