"""Who may do what with a topic: the rules as a table of people and permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from meetings.models import Meeting
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory
from topics.models import Topic, TopicStatus

from .factories import TopicFactory

pytestmark = pytest.mark.django_db

PERMISSIONS = [
    "view_topics",
    "see_names",
    "propose_topic",
    "vote",
    "edit_topic",
    "archive_topic",
    "schedule_topic",
    "spin_off_topic",
]


@pytest.fixture
def people():
    community = CommunityFactory(visibility=Community.Visibility.INTERNAL)
    facilitator = MembershipFactory(community=community).user
    MeetingFactory(community=community, facilitator=facilitator, facilitator_confirmed=True)
    proposer = MembershipFactory(community=community).user
    topic = TopicFactory(community=community, proposed_by=proposer)
    return topic, {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(),
        "left": MembershipFactory(community=community, status=Membership.Status.LEFT).user,
        "pending": MembershipFactory(community=community, status=Membership.Status.PENDING).user,
        "member": MembershipFactory(community=community).user,
        "proposer": proposer,
        "facilitator": facilitator,
        "coordinator": MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user,
        "staff": UserFactory(is_staff=True),
    }


def table(topic, people):
    topic = Topic.objects.select_related("community").get(pk=topic.pk)
    return {
        permission: sorted(
            name for name, user in people.items() if user.has_perm(f"topics.{permission}", topic)
        )
        for permission in PERMISSIONS
    }


MEMBERS = ["coordinator", "facilitator", "member", "proposer"]


def test_who_may_what_on_an_open_topic_of_a_members_only_community(people):
    topic, people = people
    assert table(topic, people) == {
        "view_topics": ["coordinator", "facilitator", "member", "proposer", "staff"],
        "see_names": ["coordinator", "facilitator", "member", "proposer", "staff"],
        "propose_topic": MEMBERS,
        "vote": MEMBERS,
        "edit_topic": ["coordinator", "proposer"],
        "archive_topic": ["coordinator", "proposer"],
        "schedule_topic": ["coordinator", "facilitator", "staff"],
        "spin_off_topic": ["coordinator", "staff"],
    }


def test_a_public_communitys_topics_are_visible_to_the_signed_in_but_names_only_to_members(people):
    topic, people = people
    Community.objects.filter(pk=topic.community_id).update(visibility=Community.Visibility.PUBLIC)
    result = table(topic, people)
    assert (result["view_topics"], result["see_names"]) == (
        sorted(set(people) - {"anonymous"}),
        ["coordinator", "facilitator", "member", "proposer", "staff"],
    )


@pytest.mark.parametrize("status", [TopicStatus.DISCUSSED, TopicStatus.SPUN_OFF, TopicStatus.ARCHIVED])
def test_a_decided_topic_takes_no_votes_and_no_edits(people, status):
    topic, people = people
    Topic.objects.filter(pk=topic.pk).update(status=status)
    result = table(topic, people)
    spin_off = [] if status in (TopicStatus.SPUN_OFF, TopicStatus.ARCHIVED) else ["coordinator", "staff"]
    assert {name: result[name] for name in ("vote", "edit_topic", "archive_topic", "schedule_topic")} == {
        "vote": [],
        "edit_topic": [],
        "archive_topic": [],
        "schedule_topic": [],
    }
    assert result["spin_off_topic"] == spin_off


# --- Lean Coffee (the object is the meeting) ----------------------------------------------------

LEAN_COFFEE_PERMISSIONS = ["view_lean_coffee", "join_lean_coffee", "run_lean_coffee"]


def lean_coffee_table(meeting, people):
    meeting = Meeting.objects.select_related("community").get(pk=meeting.pk)
    return {
        permission: sorted(
            name for name, user in people.items() if user.has_perm(f"topics.{permission}", meeting)
        )
        for permission in LEAN_COFFEE_PERMISSIONS
    }


def test_members_take_part_in_lean_coffee_and_the_organisers_run_it(people):
    topic, people = people
    meeting = Meeting.objects.get(community=topic.community)
    assert lean_coffee_table(meeting, people) == {
        "view_lean_coffee": ["coordinator", "facilitator", "member", "proposer", "staff"],
        "join_lean_coffee": MEMBERS,
        "run_lean_coffee": ["coordinator", "facilitator", "staff"],
    }


def test_a_merely_proposed_facilitator_does_not_run_lean_coffee_and_a_cancelled_meeting_takes_nothing(people):
    topic, people = people
    meeting = Meeting.objects.get(community=topic.community)
    Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=False)
    assert lean_coffee_table(meeting, people)["run_lean_coffee"] == ["coordinator", "staff"]
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    result = lean_coffee_table(meeting, people)
    assert (result["join_lean_coffee"], result["run_lean_coffee"]) == ([], [])
