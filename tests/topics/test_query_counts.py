"""The board and the topic page cost a constant number of queries, however many topics and votes."""

from http import HTTPStatus

import pytest

from tests.factories import CommunityFactory, MembershipFactory

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
def test_board_for_a_visitor_costs_three_queries(client, community, count, django_assert_num_queries):
    fill_board(community, count)
    # community, page count, page of topics with votes
    with django_assert_num_queries(3):
        response = client.get("/communities/pe/topics/")
    assert (response.status_code, len(response.context["topics"])) == (HTTPStatus.OK, count)


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
def test_topic_page_for_a_member_costs_the_same_with_1_and_many_votes(
    client, community, count, django_assert_num_queries
):
    member = MembershipFactory(community=community).user
    (topic,) = fill_board(community, 1)
    for _ in range(count - 1):
        VoteFactory(topic=topic, user=MembershipFactory(community=community).user)
    client.force_login(member)
    # topic with community, session, user, membership, topic with counts, votes left, voters, agenda item
    with django_assert_num_queries(8):
        response = client.get(f"/topics/{topic.pk}/")
    assert (response.context["topic"].vote_count, len(response.context["voters"])) == (count, count)


@pytest.mark.parametrize("count", [1, 6])
def test_topic_page_for_a_visitor_costs_three_queries(client, community, count, django_assert_num_queries):
    (topic,) = fill_board(community, 1)
    for _ in range(count - 1):
        VoteFactory(topic=topic)
    # topic with community, topic with counts, agenda item
    with django_assert_num_queries(3):
        response = client.get(f"/topics/{topic.pk}/")
    assert (response.context["topic"].vote_count, response.context["voters"]) == (count, [])
