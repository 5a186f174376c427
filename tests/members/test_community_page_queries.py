"""The community page and its manage page cost a constant number of queries."""

from http import HTTPStatus

import pytest

from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

QUERIES_VISITOR = 7
QUERIES_STRANGER = 12


def community_with(count, status=Membership.Status.ACTIVE):
    community = CommunityFactory(
        name="Personalentwicklung", slug="pe", join_policy=Community.JoinPolicy.APPROVAL
    )
    coordinator = MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user
    towns = [OrganisationFactory(name="Stadt A"), OrganisationFactory(name="Stadt B")]
    people = []
    for index in range(count):
        person = UserFactory(last_name=f"Muster{index}", organisation=towns[index % 2])
        MembershipFactory(community=community, user=person, status=status)
        people.append(person)
    CommunityFactory(parent=community, name="Working Out Loud")
    return community, coordinator, people


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_community_page_queries_do_not_grow_with_members(client, count, django_assert_num_queries):
    community, coordinator, people = community_with(count)
    client.force_login(people[0])
    # 11: the member's own membership is looked up once per request (it was twice before the
    # membership cache followed request.user's lazy wrapper to the user object).
    with django_assert_num_queries(11):
        response = client.get("/communities/pe/")
    assert response.status_code == HTTPStatus.OK
    shown = sorted(m.user.pk for _, group in response.context["member_groups"] for m in group)
    assert shown == sorted([coordinator.pk, *(p.pk for p in people)])


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_manage_page_queries_do_not_grow_with_waiting_people(client, count, django_assert_num_queries):
    community, coordinator, people = community_with(count, status=Membership.Status.PENDING)
    client.force_login(coordinator)
    # Session, user, community, membership, waiting people; the members list: count and page.
    with django_assert_num_queries(7):
        response = client.get("/communities/pe/manage/")
    assert [m.user for m in response.context["waiting"]] == people


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
    assert (response.context["member_groups"], response.context["member_counts"]) == (
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
    with django_assert_num_queries(QUERIES_STRANGER):
        response = client.get("/communities/pe/")
    shown = sorted(m.user.pk for _, group in response.context["member_groups"] for m in group)
    assert shown == sorted([coordinator.pk, *(p.pk for p in people[1:])])
    assert response.context["coordinators"] == [coordinator]
