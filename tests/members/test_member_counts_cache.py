"""A community's member and organisation counts are kept in the cache, and every write of one of
its memberships forgets them, whichever way it is written."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members import services
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    community = CommunityFactory(slug="pe", join_policy=Community.JoinPolicy.OPEN, max_members=None)
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    return community


def counts_shown(client):
    response = client.get("/communities/pe/")
    assert response.status_code == HTTPStatus.OK
    return response.context["member_counts"]


def test_a_second_view_counts_nothing(client, community):
    assert counts_shown(client) == {"members": 1, "organisations": 1}
    with CaptureQueriesContext(connection) as queries:
        assert counts_shown(client) == {"members": 1, "organisations": 1}
    assert [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()] == []


def test_joining_and_leaving_on_the_page_change_the_counts_at_once(client, community):
    newcomer = UserFactory(organisation=OrganisationFactory(name="Stadtwerke Kassel"))
    assert counts_shown(client) == {"members": 1, "organisations": 1}
    client.force_login(newcomer)
    client.post("/communities/pe/join/")
    assert counts_shown(client) == {"members": 2, "organisations": 2}
    client.post("/communities/pe/leave/")
    assert counts_shown(client) == {"members": 1, "organisations": 1}


def test_a_membership_deleted_or_saved_elsewhere_changes_the_counts(client, community):
    assert counts_shown(client) == {"members": 1, "organisations": 1}
    other = MembershipFactory(community=community)  # as the admin or a shell would write it
    assert counts_shown(client) == {"members": 2, "organisations": 2}
    other.delete()
    assert counts_shown(client) == {"members": 1, "organisations": 1}


def test_a_deleted_account_leaves_the_counts_although_its_memberships_are_updated_in_bulk(
    client, community, django_capture_on_commit_callbacks
):
    member = MembershipFactory(community=community).user
    assert counts_shown(client) == {"members": 2, "organisations": 2}
    with django_capture_on_commit_callbacks(execute=True):
        services.user_delete_account(user=member)
    assert counts_shown(client) == {"members": 1, "organisations": 1}


def test_the_member_list_takes_its_count_from_the_same_cache(client, community):
    member = MembershipFactory(community=community).user
    client.force_login(member)
    client.get("/communities/pe/")  # counts the members once
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/communities/pe/members/")
    assert (response.context["page"].paginator.count, len(response.context["members"])) == (2, 2)
    assert [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()] == []


@pytest.mark.parametrize("role", ["visitor", "stranger", "member", "staff"])
def test_the_number_of_communities_is_what_the_viewer_may_see(role, community):
    from django.contrib.auth.models import AnonymousUser

    from members.selectors import visible_community_count

    secret = CommunityFactory(
        visibility=Community.Visibility.SECRET, join_policy=Community.JoinPolicy.INVITATION
    )
    CommunityFactory(visibility=Community.Visibility.INTERNAL)
    CommunityFactory(visibility=Community.Visibility.SECRET, join_policy=Community.JoinPolicy.INVITATION)
    viewer = {
        "visitor": AnonymousUser(),
        "stranger": UserFactory(),
        "member": MembershipFactory(community=secret).user,
        "staff": UserFactory(is_staff=True),
    }[role]
    expected = {"visitor": 1, "stranger": 2, "member": 3, "staff": 4}[role]
    assert (visible_community_count(viewer), Community.objects.visible_to(viewer).count()) == (
        expected,
        expected,
    )
    CommunityFactory(visibility=Community.Visibility.PUBLIC)  # counted at every level at once
    assert visible_community_count(viewer) == expected + 1
    Community.objects.filter(visibility=Community.Visibility.PUBLIC).first().delete()
    assert visible_community_count(viewer) == expected


def test_the_organisations_list_counts_once_and_sees_a_new_organisation(auth_client):
    from members.models import Organisation

    client = auth_client(UserFactory())
    first = client.get("/organisations/").context["page"].paginator.count
    assert first == Organisation.objects.count()
    with CaptureQueriesContext(connection) as queries:
        client.get("/organisations/")
    assert [
        q["sql"] for q in queries if 'COUNT(*) AS "__count" FROM "members_organisation"' in q["sql"]
    ] == []
    added = OrganisationFactory(name="Stadtwerke Neustadt")
    assert client.get("/organisations/").context["page"].paginator.count == first + 1
    added.delete()
    assert client.get("/organisations/").context["page"].paginator.count == first


def test_the_lists_show_the_counts_of_the_community_page_and_see_a_join_at_once(client, community):
    """The communities list and the landing page take each community's count from the same cache
    as the community page: those it holds without a query, the others counted together."""
    other = CommunityFactory(slug="andere", name="Andere", join_policy=Community.JoinPolicy.OPEN)
    MembershipFactory(community=other)
    MembershipFactory(community=other)
    MembershipFactory(community=other, status=Membership.Status.PENDING, joined_at=None)
    MembershipFactory(community=other, user=UserFactory(email_verified=False))
    empty = CommunityFactory(slug="leer", name="Leer")
    assert counts_shown(client) == {"members": 1, "organisations": 1}  # "pe" is now in the cache

    def listed():
        response = client.get("/communities/")
        return {c.slug: c.active_count for c in response.context["communities"]}

    with CaptureQueriesContext(connection) as queries:
        assert listed() == {"pe": 1, "andere": 2, "leer": 0}
    counting = [q["sql"] for q in queries if 'COUNT("members_membership"."id")' in q["sql"]]
    assert (len(counting), f"IN ({community.pk}" in counting[0]) == (1, False)
    with CaptureQueriesContext(connection) as queries:
        assert listed() == {"pe": 1, "andere": 2, "leer": 0}
    assert [q["sql"] for q in queries if 'COUNT("members_membership"."id")' in q["sql"]] == []

    client.force_login(UserFactory())
    client.post("/communities/leer/join/")
    assert listed() == {"pe": 1, "andere": 2, "leer": 1}
    assert {c.slug: c.active_count for c in client.get("/").context["newest_communities"]} == {
        "pe": 1,
        "andere": 2,
        "leer": 1,
    }
    assert empty.memberships.count() == 1


def test_the_dashboard_counts_the_secret_communities_of_its_active_memberships(auth_client):
    """The dashboard adds the member's own secret communities from the memberships it has read:
    an active one counts, one waited for does not (the viewer may not know of it yet)."""
    viewer = UserFactory()
    public = CommunityFactory(visibility=Community.Visibility.PUBLIC)
    MembershipFactory(community=public, user=viewer)
    for status in (Membership.Status.ACTIVE, Membership.Status.WAITLISTED, Membership.Status.LEFT):
        secret = CommunityFactory(
            visibility=Community.Visibility.SECRET, join_policy=Community.JoinPolicy.INVITATION
        )
        MembershipFactory(
            community=secret,
            user=viewer,
            status=status,
            joined_at=None if status == Membership.Status.WAITLISTED else timezone.now(),
        )
    CommunityFactory(visibility=Community.Visibility.INTERNAL)

    response = auth_client(viewer).get("/")

    assert (response.context["community_total"], Community.objects.visible_to(viewer).count()) == (3, 3)
