"""The board and the topic page cost a constant number of queries, however many topics and votes."""

from http import HTTPStatus

import pytest

from tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .factories import TopicFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(slug="pe", votes_per_member=20)


def fill_board(community, count, *, voter=None):
    """`count` topics, each with one vote by a member and one by `voter` (if given)."""
    topics = TopicFactory.create_batch(count, community=community)
    for topic in topics:
        VoteFactory(topic=topic, user=MembershipFactory(community=community).user)
        if voter is not None:
            VoteFactory(topic=topic, user=voter)
    return topics


@pytest.mark.parametrize("count", [1, 6])
def test_board_for_a_signed_in_stranger_costs_seven_queries(
    client, community, count, django_assert_num_queries
):
    fill_board(community, count)
    client.force_login(UserFactory())
    # community, session, user, page count, membership (none), next meeting (may they schedule?),
    # page of topics with votes
    with django_assert_num_queries(7):
        response = client.get("/communities/pe/topics/")
    assert (response.status_code, len(response.context["topics"])) == (HTTPStatus.OK, count)


@pytest.mark.parametrize("count", [1, 6])
def test_a_visitor_is_asked_to_sign_in_for_the_board_with_one_query(
    client, community, count, django_assert_num_queries
):
    fill_board(community, count)
    with django_assert_num_queries(1):
        response = client.get("/communities/pe/topics/")
    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND,
        "/accounts/login/?next=/communities/pe/topics/",
    )


@pytest.mark.parametrize("count", [1, 6])
def test_board_for_a_member_costs_eight_queries(client, community, count, django_assert_num_queries):
    member = MembershipFactory(community=community).user
    fill_board(community, count, voter=member)
    client.force_login(member)
    # community, session, user, membership, next meeting (may they schedule?), votes left, page count,
    # page of topics with my votes
    with django_assert_num_queries(8):
        response = client.get("/communities/pe/topics/")
    assert [t.has_my_vote for t in response.context["topics"]] == [True] * count


@pytest.mark.parametrize("count", [1, 6])
def test_the_boards_list_alone_costs_the_boards_eight_queries(
    client, community, count, django_assert_num_queries
):
    """The list reloads alone when the member's budget runs out or comes back (the vote buttons follow)."""
    community.votes_per_member = count
    community.save(update_fields=["votes_per_member"])
    member = MembershipFactory(community=community).user
    fill_board(community, count, voter=member)
    client.force_login(member)
    with django_assert_num_queries(8):
        response = client.get(
            "/communities/pe/topics/", headers={"HX-Request": "true", "HX-Target": "board-topics"}
        )
    assert (response.templates[0].name, response.context["votes_left"]) == ("topics/_board_topics.html", 0)


@pytest.mark.parametrize("count", [1, 6])
def test_topic_page_for_a_member_costs_the_same_with_1_and_many_votes(
    client, community, count, django_assert_num_queries
):
    member = MembershipFactory(community=community).user
    (topic,) = fill_board(community, 1)
    for _ in range(count - 1):
        VoteFactory(topic=topic, user=MembershipFactory(community=community).user)
    client.force_login(member)
    # topic with community, session, user, membership, topic with counts, votes left, voters, agenda item,
    # spin-off suggestions
    with django_assert_num_queries(9):
        response = client.get(f"/topics/{topic.pk}/")
    assert (response.context["topic"].vote_count, len(response.context["voters"])) == (count, count)


@pytest.mark.parametrize("count", [1, 6])
def test_topic_page_for_a_signed_in_stranger_costs_six_queries(
    client, community, count, django_assert_num_queries
):
    (topic,) = fill_board(community, 1)
    for _ in range(count - 1):
        VoteFactory(topic=topic)
    client.force_login(UserFactory())
    # topic with community, session, user, membership (none), topic with counts, agenda item
    with django_assert_num_queries(6):
        response = client.get(f"/topics/{topic.pk}/")
    assert (response.context["topic"].vote_count, response.context["voters"]) == (count, [])
