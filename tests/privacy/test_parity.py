"""Lists and permissions agree: every list shows exactly the communities and meetings that
`members.view_community` / `meetings.view_meeting` allow, for every role and every level."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from meetings.models import Meeting
from members import selectors
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

V = Community.Visibility
S = Membership.Status
ROLES = ("visitor", "stranger", "pending", "waitlisted", "left", "member", "coordinator", "staff")

# What each role may know of (the table in members/rules.py); the people of the roles hold their
# status in "public", "internal" and "secret", none in "orphan" and "other-secret".
EXPECTED_COMMUNITIES = {
    "visitor": {"public", "orphan"},
    "stranger": {"public", "internal", "orphan"},
    "pending": {"public", "internal", "orphan"},
    "waitlisted": {"public", "internal", "orphan"},
    "left": {"public", "internal", "orphan"},
    "member": {"public", "internal", "secret", "orphan"},
    "coordinator": {"public", "internal", "secret", "orphan"},
    "staff": {"public", "internal", "secret", "orphan", "other-secret"},
}
EXPECTED_MEETINGS = {
    "visitor": {"public", "orphan"},
    "stranger": {"public", "orphan"},
    "pending": {"public", "orphan"},
    "waitlisted": {"public", "orphan"},
    "left": {"public", "orphan"},
    "member": {"public", "internal", "secret", "orphan"},
    "coordinator": {"public", "internal", "secret", "orphan"},
    "staff": {"public", "internal", "secret", "orphan", "other-secret"},
}


def build_world():
    public = CommunityFactory(slug="public", name="Öffentlich")
    internal = CommunityFactory(slug="internal", name="Intern", visibility=V.INTERNAL)
    secret = CommunityFactory(
        slug="secret", name="Geheim", visibility=V.SECRET, join_policy=Community.JoinPolicy.INVITATION
    )
    # A public spin-off of a secret parent: visible, its parent is not.
    orphan = CommunityFactory(slug="orphan", name="Ableger", parent=secret)
    other = CommunityFactory(
        slug="other-secret", name="Anderes", visibility=V.SECRET, join_policy=Community.JoinPolicy.INVITATION
    )
    communities = [public, internal, secret, orphan, other]
    users = {"visitor": AnonymousUser(), "stranger": UserFactory(), "staff": UserFactory(is_staff=True)}
    statuses = {"pending": S.PENDING, "waitlisted": S.WAITLISTED, "left": S.LEFT, "member": S.ACTIVE}
    for role, status in statuses.items():
        users[role] = UserFactory()
        for community in (public, internal, secret):
            MembershipFactory(community=community, user=users[role], status=status)
    users["coordinator"] = UserFactory()
    for community in (public, internal, secret):
        MembershipFactory(community=community, user=users["coordinator"], role=Membership.Role.COORDINATOR)
    for community in communities:
        MeetingFactory(community=community, title=f"Treffen {community.slug}")
    return SimpleNamespace(communities=communities, users=users, secret=secret)


def fresh(user):
    """The same person without cached memberships, as on a new request."""
    return user if not user.is_authenticated else type(user).objects.get(pk=user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_community_lists_show_exactly_what_view_community_allows(role):
    world = build_world()
    user = fresh(world.users[role])
    allowed = {c.slug for c in world.communities if user.has_perm("members.view_community", c)}
    assert allowed == EXPECTED_COMMUNITIES[role]
    assert {c.slug for c in Community.objects.visible_to(user)} == allowed
    assert {c.slug for c in selectors.communities_for_list(user)} == allowed
    spin_offs = {c.slug for c in selectors.community_spin_offs(world.secret, user)}
    assert spin_offs == {"orphan"} & allowed
    assert {m.community.slug for m in selectors.my_memberships(user)} <= allowed
    if user.is_authenticated:
        # A profile's community list: the coordinator belongs to public, internal and secret.
        coordinator = world.users["coordinator"]
        shown = {
            m.community.slug for m in selectors.member_communities_visible_to(member=coordinator, viewer=user)
        }
        assert shown == {"public", "internal", "secret"} & allowed


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_meeting_lists_show_exactly_what_view_meeting_allows(role):
    world = build_world()
    user = fresh(world.users[role])
    meetings = Meeting.objects.select_related("community")
    allowed = {m.community.slug for m in meetings if user.has_perm("meetings.view_meeting", m)}
    assert allowed == EXPECTED_MEETINGS[role]
    assert {m.community.slug for m in Meeting.objects.visible_to(user)} == allowed
    with_meetings = {c.slug for c in Community.objects.with_meetings_visible_to(user)}
    assert with_meetings == allowed


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_community_list_page_shows_exactly_the_visible_communities(role):
    world = build_world()
    client = Client()
    if role != "visitor":
        client.force_login(world.users[role])
    response = client.get("/communities/")
    assert {c.slug for c in response.context["communities"]} == EXPECTED_COMMUNITIES[role]
    for community in world.communities:
        status = client.get(f"/communities/{community.slug}/").status_code
        assert (status == 200) == (community.slug in EXPECTED_COMMUNITIES[role]), community.slug
        status = client.get(f"/communities/{community.slug}/meetings/").status_code
        assert (status == 200) == (community.slug in EXPECTED_MEETINGS[role]), community.slug
    # The spin-off names its secret parent only to those who may see it.
    page = client.get("/communities/orphan/").content.decode()
    assert ("/communities/secret/" in page) == ("secret" in EXPECTED_COMMUNITIES[role])
    listing = client.get("/communities/").content.decode()
    assert ("Geheim" in listing) == ("secret" in EXPECTED_COMMUNITIES[role])
