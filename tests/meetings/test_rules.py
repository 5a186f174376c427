"""Who may do what with a meeting: the rules as a table of people and permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from meetings.models import AgendaItem, Meeting
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

PERMISSIONS = [
    "view_meeting",
    "propose_item",
    "edit_agenda",
    "record_minutes",
    "respond",
    "manage_meetings",
    "edit_meeting",
    "cancel_meeting",
    "answer_facilitation",
    "set_facilitator",
    "view_minutes",
    "view_minutes_draft",
    "publish_minutes",
]


@pytest.fixture
def people():
    community = CommunityFactory(visibility=Community.Visibility.INTERNAL)
    facilitator = MembershipFactory(community=community).user
    meeting = MeetingFactory(community=community, facilitator=facilitator, facilitator_confirmed=True)
    return meeting, {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(),
        "left": MembershipFactory(community=community, status=Membership.Status.LEFT).user,
        "pending": MembershipFactory(community=community, status=Membership.Status.PENDING).user,
        "member": MembershipFactory(community=community).user,
        "facilitator": facilitator,
        "coordinator": MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user,
        "staff": UserFactory(is_staff=True),
    }


def allowed(meeting, people, permission):
    meeting = Meeting.objects.select_related("community").get(pk=meeting.pk)
    return sorted(name for name, user in people.items() if user.has_perm(f"meetings.{permission}", meeting))


ORGANISERS = ["coordinator", "facilitator", "staff"]
MEMBERS = ["coordinator", "facilitator", "member"]


def test_who_may_what_on_a_planned_meeting_of_a_members_only_community(people):
    meeting, people = people

    assert {permission: allowed(meeting, people, permission) for permission in PERMISSIONS} == {
        "view_meeting": ["coordinator", "facilitator", "member", "staff"],
        "propose_item": [*MEMBERS, "staff"],
        "edit_agenda": ORGANISERS,
        "record_minutes": ORGANISERS,
        "respond": MEMBERS,
        "manage_meetings": ["coordinator", "staff"],
        "edit_meeting": ORGANISERS,
        "cancel_meeting": ["coordinator", "staff"],
        "answer_facilitation": ["facilitator"],
        "set_facilitator": ["coordinator", "staff"],
        "view_minutes": ORGANISERS,
        "view_minutes_draft": ORGANISERS,
        "publish_minutes": ORGANISERS,
    }


def test_a_merely_proposed_facilitator_may_answer_but_not_change_the_meeting(people):
    meeting, people = people
    Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=False)

    assert {permission: allowed(meeting, people, permission) for permission in PERMISSIONS} == {
        "view_meeting": ["coordinator", "facilitator", "member", "staff"],
        "propose_item": [*MEMBERS, "staff"],
        "edit_agenda": ["coordinator", "staff"],
        "record_minutes": ["coordinator", "staff"],
        "respond": MEMBERS,
        "manage_meetings": ["coordinator", "staff"],
        "edit_meeting": ["coordinator", "staff"],
        "cancel_meeting": ["coordinator", "staff"],
        "answer_facilitation": ["facilitator"],
        "set_facilitator": ["coordinator", "staff"],
        "view_minutes": ["coordinator", "staff"],
        "view_minutes_draft": ["coordinator", "staff"],
        "publish_minutes": ["coordinator", "staff"],
    }


def test_the_proposed_facilitator_cannot_edit_items_until_accepting(people):
    meeting, people = people
    Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=False)
    item = AgendaItemFactory(meeting=meeting, proposed_by=people["member"], status=AgendaItem.Status.ACCEPTED)

    def editors():
        fresh = AgendaItem.objects.select_related("meeting__community").get(pk=item.pk)
        return sorted(name for name, user in people.items() if user.has_perm("meetings.edit_item", fresh))

    assert editors() == ["coordinator", "staff"]
    Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=True)
    assert editors() == ORGANISERS


def test_published_minutes_are_for_the_members_a_draft_for_the_organisers(people):
    meeting, people = people
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.HELD, minutes_published_at=meeting.starts_at
    )

    assert {
        permission: allowed(meeting, people, permission)
        for permission in ("view_minutes", "view_minutes_draft", "publish_minutes")
    } == {
        "view_minutes": ["coordinator", "facilitator", "member", "staff"],
        "view_minutes_draft": ORGANISERS,
        "publish_minutes": ORGANISERS,
    }


def test_nobody_outside_the_community_reads_published_minutes_of_a_public_community(people):
    meeting, people = people
    Community.objects.filter(pk=meeting.community_id).update(visibility=Community.Visibility.PUBLIC)
    Meeting.objects.filter(pk=meeting.pk).update(minutes_published_at=meeting.starts_at)

    assert allowed(meeting, people, "view_minutes") == ["coordinator", "facilitator", "member", "staff"]


def test_a_public_community_meeting_is_visible_to_everyone(people):
    meeting, people = people
    Community.objects.filter(pk=meeting.community_id).update(visibility=Community.Visibility.PUBLIC)

    assert allowed(meeting, people, "view_meeting") == sorted(people)


def test_after_publishing_members_no_longer_propose_but_organisers_still_add_items(people):
    meeting, people = people
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)

    assert (allowed(meeting, people, "propose_item"), allowed(meeting, people, "edit_agenda")) == (
        ORGANISERS,
        ORGANISERS,
    )


@pytest.mark.parametrize("status", [Meeting.Status.HELD, Meeting.Status.CANCELLED])
def test_a_closed_meeting_cannot_be_changed_by_anyone(people, status):
    meeting, people = people
    Meeting.objects.filter(pk=meeting.pk).update(status=status)

    for permission in ("propose_item", "edit_agenda", "respond", "edit_meeting", "cancel_meeting"):
        assert allowed(meeting, people, permission) == [], permission


def test_minutes_can_be_recorded_after_the_meeting_but_not_when_cancelled(people):
    meeting, people = people
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    assert allowed(meeting, people, "record_minutes") == ORGANISERS

    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    assert allowed(meeting, people, "record_minutes") == []


def test_a_facilitator_who_left_loses_the_facilitators_rights(people):
    meeting, people = people
    Membership.objects.filter(user=people["facilitator"]).update(status=Membership.Status.LEFT)
    people["facilitator"] = type(people["facilitator"]).objects.get(pk=people["facilitator"].pk)

    assert "facilitator" not in allowed(meeting, people, "edit_agenda")


def test_the_proposer_edits_their_item_only_while_it_is_proposed(people):
    meeting, people = people
    item = AgendaItemFactory(meeting=meeting, proposed_by=people["member"])

    def editors():
        fresh = AgendaItem.objects.select_related("meeting__community").get(pk=item.pk)
        return sorted(name for name, user in people.items() if user.has_perm("meetings.edit_item", fresh))

    assert editors() == sorted([*ORGANISERS, "member"])
    AgendaItem.objects.filter(pk=item.pk).update(status=AgendaItem.Status.ACCEPTED)
    assert editors() == ORGANISERS
    AgendaItem.objects.filter(pk=item.pk).update(status=AgendaItem.Status.PROPOSED)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    assert editors() == []


def test_items_of_a_members_only_meeting_are_hidden_from_outsiders(people):
    meeting, people = people
    item = AgendaItemFactory(meeting=meeting)

    viewers = sorted(name for name, user in people.items() if user.has_perm("meetings.view_item", item))

    assert viewers == ["coordinator", "facilitator", "member", "staff"]


def test_managing_the_meetings_of_a_community_takes_a_coordinator(people):
    meeting, people = people

    managers = sorted(
        name for name, user in people.items() if user.has_perm("meetings.manage_meetings", meeting.community)
    )

    assert managers == ["coordinator", "staff"]
