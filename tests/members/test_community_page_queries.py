"""The community page and its manage page cost a constant number of queries."""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone

from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

# Community, member counts, spin-offs and the meetings panel (upcoming and past: two).
QUERIES_VISITOR = 5
# Also session, user, own membership, the newest members, the coordinators and which of them
# confirmed an address (members.selectors.community_coordinators).
QUERIES_SIGNED_IN = 11


def joined(minutes_ago):
    return timezone.now() - datetime.timedelta(minutes=minutes_ago)


def newest_shown(response):
    return [m.user.pk for m in response.context["newest_people"]]


def community_with(count, status=Membership.Status.ACTIVE):
    community = CommunityFactory(
        name="Personalentwicklung", slug="pe", join_policy=Community.JoinPolicy.APPROVAL
    )
    coordinator = MembershipFactory(
        community=community, role=Membership.Role.COORDINATOR, joined_at=joined(count + 1)
    ).user
    towns = [OrganisationFactory(name="Stadt A"), OrganisationFactory(name="Stadt B")]
    people = []
    for index in range(count):
        person = UserFactory(last_name=f"Muster{index}", organisation=towns[index % 2])
        MembershipFactory(community=community, user=person, status=status, joined_at=joined(count - index))
        people.append(person)
    CommunityFactory(parent=community, name="Working Out Loud")
    return community, coordinator, people


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6, 15])
def test_community_page_queries_do_not_grow_with_members(client, count, django_assert_num_queries):
    community, coordinator, people = community_with(count)
    client.force_login(people[0])
    with django_assert_num_queries(QUERIES_SIGNED_IN):
        response = client.get("/communities/pe/")
    assert response.status_code == HTTPStatus.OK
    # The latest to join first, at most twelve; the count and the link cover everybody.
    everybody_newest_first = [*(p.pk for p in reversed(people)), coordinator.pk]
    assert newest_shown(response) == everybody_newest_first[:12]
    assert response.context["member_counts"] == {"members": count + 1, "organisations": 3 if count > 1 else 2}
    assert response.context["coordinators"] == [coordinator]
    assert 'href="/communities/pe/members/"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_manage_page_queries_do_not_grow_with_waiting_people(client, count, django_assert_num_queries):
    community, coordinator, people = community_with(count, status=Membership.Status.PENDING)
    client.force_login(coordinator)
    # Session, user, community, membership, how many wait and the first of them; the
    # members list: the count (kept in the cache, also the number shown without a limit), the
    # coordinators' memberships and their confirmed people (the only active member is the
    # coordinator: no page of other members to read).
    with django_assert_num_queries(9):
        response = client.get("/communities/pe/manage/")
    assert [m.user for m in response.context["requests"]] == people


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_community_page_for_a_visitor_counts_members_without_loading_them(
    client, count, django_assert_num_queries
):
    community_with(count)
    # Community, member counts, spin-offs and the meetings panel (rotation overview: four).
    with django_assert_num_queries(QUERIES_VISITOR):
        response = client.get("/communities/pe/")
    assert response.status_code == HTTPStatus.OK
    assert (response.context["newest_people"], response.context["member_counts"]) == (
        [],
        {"members": count + 1, "organisations": 3 if count > 1 else 2},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_community_page_for_a_signed_in_stranger_lists_only_listed_members(
    client, count, django_assert_num_queries
):
    community, coordinator, people = community_with(count)
    people[0].is_listed = False
    people[0].save()
    client.force_login(UserFactory())
    with django_assert_num_queries(QUERIES_SIGNED_IN):
        response = client.get("/communities/pe/")
    assert newest_shown(response) == [*(p.pk for p in reversed(people[1:])), coordinator.pk]
    assert response.context["coordinators"] == [coordinator]
