"""List pages cost a constant number of queries, however many rows they show."""

from http import HTTPStatus

import pytest

from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory


def make_communities(count, *, member=None):
    """`count` communities named C0, C1, …: each has a coordinator; every second one is a spin-off
    of C0 and has a member limit; every third one is members-only; `member` joins every even one."""
    communities = []
    for index in range(count):
        community = CommunityFactory(
            name=f"C{index}",
            parent=communities[0] if index % 2 else None,
            visibility=Community.Visibility.INTERNAL if index % 3 == 2 else Community.Visibility.PUBLIC,
            max_members=10 if index % 2 else None,
        )
        MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
        if member is not None and index % 2 == 0:
            MembershipFactory(community=community, user=member)
        communities.append(community)
    return communities


def rows(response):
    return [
        (c.name, c.parent.name if c.parent else None, c.active_count, c.max_members, c.my_membership)
        for c in response.context["communities"]
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
def test_community_list_for_a_visitor_costs_one_query_for_1_and_many_and_one_for_spin_offs(
    client, count, django_assert_num_queries
):
    make_communities(count)
    client.get("/communities/")  # counts the communities once; the cache keeps the number
    # The page's rows, and the parents of its spin-offs (one query however many; none without).
    with django_assert_num_queries({1: 1, 5: 2}[count]):
        response = client.get("/communities/")
    assert response.status_code == HTTPStatus.OK
    # By name; members-only C2 stays hidden.
    expected = {
        1: [("C0", None, 1, None, None)],
        5: [
            ("C0", None, 1, None, None),
            ("C1", "C0", 1, 10, None),
            ("C3", "C0", 1, 10, None),
            ("C4", None, 1, None, None),
        ],
    }
    assert rows(response) == expected[count]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
def test_community_list_for_a_member_costs_five_queries_for_1_and_many_once_counted(
    auth_client, user, count, django_assert_num_queries
):
    make_communities(count, member=user)
    client = auth_client(user)
    # Session, user, the communities open at the user's level and the page's member counts (counted
    # once, then cached), the user's own secret ones, the page's rows, the user's memberships among
    # them … and the parents of the page's spin-offs (one query however many; none without).
    spin_off_parents = {1: 0, 5: 1}[count]
    with django_assert_num_queries(7 + spin_off_parents):
        client.get("/communities/")
    with django_assert_num_queries(5 + spin_off_parents):
        response = client.get("/communities/")
    assert response.status_code == HTTPStatus.OK
    statuses = {
        c.name: c.my_membership.status if c.my_membership else None for c in response.context["communities"]
    }
    expected = {
        1: {"C0": "active"},
        5: {"C0": "active", "C2": "active", "C4": "active", "C1": None, "C3": None},
    }
    assert statuses == expected[count]


@pytest.mark.django_db
def test_community_list_counts_every_active_member_of_a_members_only_community(auth_client, user):
    """The visibility filter must not narrow the member count down to the viewer's own membership."""
    community = CommunityFactory(name="Geheimer Kreis", visibility=Community.Visibility.INTERNAL)
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    MembershipFactory(community=community)
    MembershipFactory(community=community, status=Membership.Status.WAITLISTED, joined_at=None)
    MembershipFactory(community=community, user=user)
    response = auth_client(user).get("/communities/")
    assert [(c.name, c.active_count) for c in response.context["communities"]] == [("Geheimer Kreis", 3)]
