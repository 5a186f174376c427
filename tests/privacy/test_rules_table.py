"""The visibility rule (the table in members/rules.py) as tables of people and permissions."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from meetings.models import Meeting
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

V = Community.Visibility
COMMUNITY_PERMISSIONS = [
    "view_community",
    "view_community_coordinators",
    "view_listed_people",
    "view_community_people",
    "view_community_content",
    "view_community_meetings",
    "join_community",
]
MEETING_PERMISSIONS = ["view_meeting", "view_facilitator", "view_agenda", "view_meeting_content"]
INSIDERS = ["coordinator", "member", "staff"]
SIGNED_IN = ["coordinator", "left", "member", "pending", "staff", "stranger"]


def people_of(community):
    return {
        "visitor": AnonymousUser(),
        "stranger": UserFactory(),
        "pending": MembershipFactory(community=community, status=Membership.Status.PENDING).user,
        "left": MembershipFactory(community=community, status=Membership.Status.LEFT).user,
        "member": MembershipFactory(community=community).user,
        "coordinator": MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user,
        "staff": UserFactory(is_staff=True),
    }


def community_table(community, people):
    community = Community.objects.get(pk=community.pk)
    return {
        permission: sorted(
            name for name, user in people.items() if user.has_perm(f"members.{permission}", community)
        )
        for permission in COMMUNITY_PERMISSIONS
    }


def meeting_table(meeting, people):
    meeting = Meeting.objects.select_related("community").get(pk=meeting.pk)
    return {
        permission: sorted(
            name for name, user in people.items() if user.has_perm(f"meetings.{permission}", meeting)
        )
        for permission in MEETING_PERMISSIONS
    }


def test_who_sees_what_of_a_public_community():
    community = CommunityFactory(join_policy=Community.JoinPolicy.APPROVAL)
    assert community_table(community, people_of(community)) == {
        "view_community": ["coordinator", "left", "member", "pending", "staff", "stranger", "visitor"],
        "view_community_coordinators": SIGNED_IN,
        "view_listed_people": SIGNED_IN,
        "view_community_people": INSIDERS,
        "view_community_content": INSIDERS,
        "view_community_meetings": [
            "coordinator",
            "left",
            "member",
            "pending",
            "staff",
            "stranger",
            "visitor",
        ],
        "join_community": ["left", "staff", "stranger"],
    }


def test_who_sees_what_of_an_internal_community():
    community = CommunityFactory(visibility=V.INTERNAL, join_policy=Community.JoinPolicy.APPROVAL)
    assert community_table(community, people_of(community)) == {
        "view_community": SIGNED_IN,
        "view_community_coordinators": INSIDERS,
        "view_listed_people": INSIDERS,
        "view_community_people": INSIDERS,
        "view_community_content": INSIDERS,
        "view_community_meetings": INSIDERS,
        "join_community": ["left", "staff", "stranger"],
    }


def test_who_sees_what_of_a_secret_community():
    community = CommunityFactory(visibility=V.SECRET, join_policy=Community.JoinPolicy.INVITATION)
    assert community_table(community, people_of(community)) == dict.fromkeys(
        COMMUNITY_PERMISSIONS, INSIDERS
    ) | {"join_community": []}


def test_signed_in_outsiders_see_who_facilitates_and_the_agenda_of_an_upcoming_public_meeting():
    community = CommunityFactory()
    meeting = MeetingFactory(community=community)
    assert meeting_table(meeting, people_of(community)) == {
        "view_meeting": ["coordinator", "left", "member", "pending", "staff", "stranger", "visitor"],
        "view_facilitator": SIGNED_IN,
        "view_agenda": SIGNED_IN,
        "view_meeting_content": INSIDERS,
    }


def test_a_past_public_meeting_keeps_its_people_and_agenda_with_the_members():
    community = CommunityFactory()
    starts = timezone.now() - datetime.timedelta(days=30)
    meeting = MeetingFactory(
        community=community, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    assert meeting_table(meeting, people_of(community)) == {
        "view_meeting": ["coordinator", "left", "member", "pending", "staff", "stranger", "visitor"],
        "view_facilitator": INSIDERS,
        "view_agenda": INSIDERS,
        "view_meeting_content": INSIDERS,
    }


@pytest.mark.parametrize("level", [V.INTERNAL, V.SECRET])
def test_meetings_of_internal_and_secret_communities_are_for_members(level):
    policy = Community.JoinPolicy.INVITATION if level == V.SECRET else Community.JoinPolicy.APPROVAL
    community = CommunityFactory(visibility=level, join_policy=policy)
    meeting = MeetingFactory(community=community)
    assert meeting_table(meeting, people_of(community)) == dict.fromkeys(MEETING_PERMISSIONS, INSIDERS)


def test_the_community_list_names_each_level(client):
    CommunityFactory(name="Offen")
    CommunityFactory(name="Intern", visibility=V.INTERNAL)
    secret = CommunityFactory(name="Geheim", visibility=V.SECRET, join_policy=Community.JoinPolicy.INVITATION)
    member = MembershipFactory(community=secret).user
    client.force_login(member)
    rows = {c.name: c.visibility_badge for c in client.get("/communities/").context["communities"]}
    page = client.get("/communities/").content.decode()
    assert rows == {"Offen": "", "Intern": "Nur angemeldet", "Geheim": "Geheim"}
    assert page.count('<span class="badge text-bg-secondary">') == 2
    assert "Members only" not in page and "Nur Mitglieder" not in page
