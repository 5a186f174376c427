"""The topic board and topic page, seen from outside: ranking, filter, names, voting with and without htmx."""

from http import HTTPStatus

import pytest

from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from topics.models import Topic, TopicStatus, Vote

from .factories import TopicFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(slug="pe", votes_per_member=3)


@pytest.fixture
def member(community):
    return MembershipFactory(community=community, user=UserFactory(first_name="Mia", last_name="Meier")).user


@pytest.fixture
def stranger_client(client):
    """A signed-in person who is not a member: topic titles are for signed-in people."""
    client.force_login(UserFactory(first_name="Stefan", last_name="Fremd"))
    return client


def board_rows(response):
    return [(t.title, t.vote_count, t.status) for t in response.context["topics"]]


def test_the_board_ranks_by_votes_then_age_and_hides_archived_topics(stranger_client, community):
    client = stranger_client
    old, new, popular, archived = (
        TopicFactory(community=community, title=title) for title in ("Alt", "Neu", "Beliebt", "Archiv")
    )
    Topic.objects.filter(pk=archived.pk).update(status=TopicStatus.ARCHIVED)
    Topic.objects.filter(pk=new.pk).update(status=TopicStatus.DISCUSSED)
    for _ in range(2):
        VoteFactory(topic=popular)
    VoteFactory(topic=archived)
    response = client.get("/communities/pe/topics/")
    assert board_rows(response) == [
        ("Beliebt", 2, "open"),
        ("Alt", 0, "open"),
        ("Neu", 0, "discussed"),
    ]
    response = client.get("/communities/pe/topics/?status=archived")
    assert board_rows(response) == [("Archiv", 1, "archived")]
    response = client.get("/communities/pe/topics/?status=unsinn")
    assert [row[0] for row in board_rows(response)] == ["Beliebt", "Alt", "Neu"]


def test_the_board_is_paginated(stranger_client, community):
    client = stranger_client
    for index in range(25):
        TopicFactory(community=community, title=f"T{index:02}")
    first = client.get("/communities/pe/topics/")
    second = client.get("/communities/pe/topics/?page=2")
    assert (len(first.context["topics"]), [row[0] for row in board_rows(second)]) == (
        20,
        ["T20", "T21", "T22", "T23", "T24"],
    )


def test_names_of_proposers_and_voters_are_for_members_only(client, community, member):
    topic = TopicFactory(community=community, proposed_by=member, title="Coaching")
    VoteFactory(topic=topic, user=member)
    for url in ("/communities/pe/topics/", f"/topics/{topic.pk}/"):
        visitor = client.get(url)
        assert (visitor.status_code, visitor["Location"].split("?")[0]) == (302, "/accounts/login/")
    outsider = UserFactory()
    client.force_login(outsider)
    for url in ("/communities/pe/topics/", f"/topics/{topic.pk}/"):
        page = client.get(url).content.decode()
        assert ("Coaching" in page, "Mia Meier" in page) == (True, False)
    client.force_login(member)
    page = client.get(f"/topics/{topic.pk}/")
    assert [voter.display_name for voter in page.context["voters"]] == ["Mia Meier"]
    assert "vorgeschlagen von Mia Meier" in page.content.decode()


@pytest.mark.parametrize("visibility", [Community.Visibility.INTERNAL, Community.Visibility.SECRET])
def test_topics_of_a_members_only_community_are_404_for_others(client, visibility):
    hidden = CommunityFactory(
        slug="intern", visibility=visibility, join_policy=Community.JoinPolicy.INVITATION
    )
    topic = TopicFactory(community=hidden)
    MembershipFactory(
        community=hidden, user=UserFactory(email="weg@example.org"), status=Membership.Status.LEFT
    )
    for user in (None, UserFactory(), Membership.objects.get(community=hidden).user):
        if user is not None:
            client.force_login(user)
        statuses = [
            client.get("/communities/intern/topics/").status_code,
            client.get(f"/topics/{topic.pk}/").status_code,
            client.post(f"/topics/{topic.pk}/vote/", {"action": "cast"}).status_code,
        ]
        assert statuses == [HTTPStatus.NOT_FOUND] * 3
    assert Vote.objects.count() == 0


def test_voting_without_javascript_redirects_back_to_the_board(client, community, member):
    topic = TopicFactory(community=community)
    client.force_login(member)
    response = client.post(f"/topics/{topic.pk}/vote/", {"action": "cast", "back": "board"}, follow=True)
    assert response.redirect_chain == [(f"/communities/pe/topics/#topic-{topic.pk}", HTTPStatus.FOUND)]
    assert [str(m) for m in response.context["messages"]] == [f"Dein Punkt für „{topic.title}“ zählt."]
    assert list(Vote.objects.values_list("topic_id", "user_id")) == [(topic.pk, member.pk)]
    response = client.post(f"/topics/{topic.pk}/vote/", {"action": "withdraw"}, follow=True)
    assert response.redirect_chain == [(f"/topics/{topic.pk}/", HTTPStatus.FOUND)]
    assert [str(m) for m in response.context["messages"]] == [
        f"Du hast deinen Punkt für „{topic.title}“ zurückgenommen."
    ]
    assert Vote.objects.count() == 0


def test_voting_with_htmx_answers_the_topics_vote_partial_and_the_votes_left(client, community, member):
    topic = TopicFactory(community=community)
    client.force_login(member)
    response = client.post(f"/topics/{topic.pk}/vote/", {"action": "cast"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.startswith(f'<div id="topic-{topic.pk}-vote"')
    assert "1 Punkt</span>" in " ".join(html.split())
    assert 'name="action" value="withdraw"' in html
    assert '<p id="votes-left" class="mb-0" hx-swap-oob="true"' in html
    assert "Du hast noch 2 Punkte (von 3)." in html
    assert Vote.objects.filter(topic=topic, user=member).count() == 1


def test_voting_with_no_votes_left_says_so_and_changes_nothing(client, community, member):
    voted = TopicFactory.create_batch(3, community=community)
    for topic in voted:
        VoteFactory(topic=topic, user=member)
    fourth = TopicFactory(community=community)
    client.force_login(member)
    response = client.post(f"/topics/{fourth.pk}/vote/", {"action": "cast"}, headers={"HX-Request": "true"})
    assert response.status_code == HTTPStatus.OK
    assert response.context["vote_error"] == (
        "Du hast keine Punkte mehr (3 pro Mitglied). Nimm zuerst einen Punkt von einem anderen Thema zurück."
    )
    response = client.post(f"/topics/{fourth.pk}/vote/", {"action": "cast"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Du hast keine Punkte mehr (3 pro Mitglied). Nimm zuerst einen Punkt von einem anderen Thema zurück."
    ]
    assert response.context["votes_left"] == 0
    assert sorted(Vote.objects.filter(user=member).values_list("topic_id", flat=True)) == sorted(
        t.pk for t in voted
    )


def test_a_member_proposes_from_the_board_and_bad_input_gets_the_form_back(client, community, member):
    client.force_login(member)
    response = client.post("/communities/pe/topics/new/", {"title": "", "description": "x"})
    assert (response.status_code, response.context["form"].errors) == (
        HTTPStatus.BAD_REQUEST,
        {"title": ["Dieses Feld ist zwingend erforderlich."]},
    )
    response = client.post("/communities/pe/topics/new/", {"title": "x" * 201})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Topic.objects.count() == 0
    response = client.post(
        "/communities/pe/topics/new/", {"title": "Lernplattformen", "description": "Welche?"}
    )
    assert response["Location"] == "/communities/pe/topics/"
    assert list(Topic.objects.values_list("title", "description", "proposed_by")) == [
        ("Lernplattformen", "Welche?", member.pk)
    ]


def test_script_in_a_description_is_shown_sanitised(stranger_client, community):
    client = stranger_client
    topic = TopicFactory(
        community=community, description='<script>alert(1)</script>**fett** <a href="javascript:x">l</a>'
    )
    html = client.get(f"/topics/{topic.pk}/").content.decode()
    assert "<script>alert(1)" not in html
    assert "javascript:x" not in html
    assert "<strong>fett</strong>" in html


def test_another_member_may_not_edit_a_topic(client, community, member):
    topic = TopicFactory(community=community, proposed_by=member, title="Alt")
    client.force_login(MembershipFactory(community=community).user)
    response = client.post(f"/topics/{topic.pk}/edit/", {"title": "Neu"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Topic.objects.get(pk=topic.pk).title == "Alt"


def test_the_community_page_links_to_the_board_for_signed_in_people(client, community):
    visitor = client.get("/communities/pe/").content.decode()
    client.force_login(UserFactory())
    html = client.get("/communities/pe/").content.decode()
    assert ('href="/communities/pe/topics/"' in visitor, 'href="/communities/pe/topics/"' in html) == (
        False,
        True,
    )
