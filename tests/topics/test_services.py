"""Proposing, editing, archiving and dot voting: what the services allow, refuse and store."""

import pytest
from django.core.exceptions import ValidationError

from members import services as member_services
from members.models import Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from topics import services
from topics.models import Topic, TopicStatus, Vote
from topics.selectors import votes_left

from .factories import TopicFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(votes_per_member=3)


@pytest.fixture
def member(community):
    return MembershipFactory(community=community).user


@pytest.fixture
def coordinator(community):
    return MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user


def topics_of(community, count):
    return [TopicFactory(community=community, title=f"Thema {i}") for i in range(count)]


def my_votes(user):
    return sorted(Vote.objects.filter(user=user).values_list("topic__title", flat=True))


def test_a_member_proposes_a_topic_with_title_and_description_stripped(community, member):
    topic = services.topic_propose(
        community=community, user=member, title="  Mobiles Arbeiten ", description=" Wie? "
    )
    stored = Topic.objects.values("title", "description", "status", "proposed_by", "community").get(
        pk=topic.pk
    )
    assert stored == {
        "title": "Mobiles Arbeiten",
        "description": "Wie?",
        "status": TopicStatus.OPEN,
        "proposed_by": member.pk,
        "community": community.pk,
    }


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("   ", "Bitte gib dem Thema einen Titel."),
        ("x" * 201, "Der Titel darf höchstens 200 Zeichen haben."),
    ],
)
def test_an_empty_or_huge_title_is_refused_and_nothing_is_stored(community, member, title, message):
    with pytest.raises(ValidationError) as refused:
        services.topic_propose(community=community, user=member, title=title)
    assert refused.value.messages == [message]
    assert Topic.objects.count() == 0


def test_a_non_member_cannot_propose(community):
    outsider = UserFactory()
    with pytest.raises(ValidationError) as refused:
        services.topic_propose(community=community, user=outsider, title="Konflikte")
    assert refused.value.messages == ["Nur aktive Mitglieder der Community können Themen vorschlagen."]
    assert Topic.objects.count() == 0


def test_a_member_has_the_communitys_votes_and_no_more(community, member):
    first, second, third, fourth = topics_of(community, 4)
    for topic in (first, second, third):
        services.vote_cast(topic=topic, user=member)
    assert votes_left(user=member, community=community) == 0
    with pytest.raises(ValidationError) as refused:
        services.vote_cast(topic=fourth, user=member)
    assert refused.value.messages == [
        "Du hast keine Punkte mehr (3 pro Mitglied). Nimm zuerst einen Punkt von einem anderen Thema zurück."
    ]
    assert my_votes(member) == ["Thema 0", "Thema 1", "Thema 2"]


def test_voting_twice_for_a_topic_is_refused(community, member):
    (topic,) = topics_of(community, 1)
    services.vote_cast(topic=topic, user=member)
    with pytest.raises(ValidationError) as refused:
        services.vote_cast(topic=topic, user=member)
    assert refused.value.messages == ["Du hast für dieses Thema schon abgestimmt."]
    assert Vote.objects.filter(topic=topic).count() == 1


def test_a_vote_taken_back_is_free_again(community, member):
    first, second, third, fourth = topics_of(community, 4)
    for topic in (first, second, third):
        services.vote_cast(topic=topic, user=member)
    services.vote_withdraw(topic=second, user=member)
    services.vote_cast(topic=fourth, user=member)
    assert my_votes(member) == ["Thema 0", "Thema 2", "Thema 3"]


def test_taking_back_a_vote_one_never_cast_is_refused(community, member):
    (topic,) = topics_of(community, 1)
    VoteFactory(topic=topic)
    with pytest.raises(ValidationError) as refused:
        services.vote_withdraw(topic=topic, user=member)
    assert refused.value.messages == ["Du hast nicht für dieses Thema abgestimmt."]
    assert Vote.objects.filter(topic=topic).count() == 1


@pytest.mark.parametrize("status", [TopicStatus.DISCUSSED, TopicStatus.ARCHIVED, TopicStatus.SPUN_OFF])
def test_votes_on_decided_topics_come_back_and_such_topics_take_no_votes(community, member, status):
    first, second, third, fourth = topics_of(community, 4)
    for topic in (first, second, third):
        services.vote_cast(topic=topic, user=member)
    Topic.objects.filter(pk=first.pk).update(status=status)
    assert votes_left(user=member, community=community) == 1
    services.vote_cast(topic=fourth, user=member)
    with pytest.raises(ValidationError) as refused:
        services.vote_cast(topic=first, user=member)
    assert refused.value.messages == ["Dieses Thema ist abgeschlossen; Abstimmen ist nicht mehr möglich."]
    with pytest.raises(ValidationError) as refused:
        services.vote_withdraw(topic=first, user=member)
    assert refused.value.messages == ["Dieses Thema ist abgeschlossen; Abstimmen ist nicht mehr möglich."]
    assert my_votes(member) == ["Thema 0", "Thema 1", "Thema 2", "Thema 3"]


def test_scheduled_topics_still_hold_their_votes(community, member):
    first, second = topics_of(community, 2)
    services.vote_cast(topic=first, user=member)
    Topic.objects.filter(pk=first.pk).update(status=TopicStatus.SCHEDULED)
    assert votes_left(user=member, community=community) == 2


def test_budgets_are_per_community(community, member):
    other = CommunityFactory(votes_per_member=1)
    MembershipFactory(community=other, user=member)
    for topic in topics_of(community, 3):
        services.vote_cast(topic=topic, user=member)
    services.vote_cast(topic=TopicFactory(community=other), user=member)
    assert (votes_left(user=member, community=community), votes_left(user=member, community=other)) == (0, 0)


@pytest.mark.parametrize("status", [Membership.Status.PENDING, Membership.Status.LEFT, None])
def test_only_active_members_vote(community, status):
    (topic,) = topics_of(community, 1)
    user = UserFactory()
    if status:
        MembershipFactory(community=community, user=user, status=status)
    with pytest.raises(ValidationError) as refused:
        services.vote_cast(topic=topic, user=user)
    assert refused.value.messages == ["Nur aktive Mitglieder der Community können abstimmen."]
    assert Vote.objects.count() == 0


def test_the_proposer_and_a_coordinator_edit_others_cannot(community, member, coordinator):
    topic = TopicFactory(community=community, proposed_by=member, title="Alt")
    services.topic_update(topic=topic, user=member, title="Neu", description="*mehr*")
    services.topic_update(topic=topic, user=coordinator, title="Neuer")
    other = MembershipFactory(community=community).user
    with pytest.raises(ValidationError) as refused:
        services.topic_update(topic=topic, user=other, title="Fremd")
    assert refused.value.messages == ["Du darfst dieses Thema (nicht mehr) ändern."]
    assert Topic.objects.values_list("title", "description").get(pk=topic.pk) == ("Neuer", "*mehr*")


def test_a_proposer_who_left_can_no_longer_edit(community, member):
    topic = TopicFactory(community=community, proposed_by=member, title="Alt")
    Membership.objects.filter(user=member).update(status=Membership.Status.LEFT)
    with pytest.raises(ValidationError) as refused:
        services.topic_update(topic=topic, user=member, title="Neu")
    assert refused.value.messages == ["Du darfst dieses Thema (nicht mehr) ändern."]
    assert Topic.objects.values_list("title", "status").get(pk=topic.pk) == ("Alt", TopicStatus.OPEN)


def test_archiving_gives_the_votes_back_and_only_open_topics_are_archived(community, member):
    topic = TopicFactory(community=community, proposed_by=member)
    services.vote_cast(topic=topic, user=member)
    services.topic_archive(topic=topic, user=member)
    assert Topic.objects.get(pk=topic.pk).status == TopicStatus.ARCHIVED
    assert votes_left(user=member, community=community) == 3
    with pytest.raises(ValidationError) as refused:
        services.topic_archive(topic=topic, user=member)
    assert refused.value.messages == ["Nur offene Themen können archiviert werden."]
    assert (Topic.objects.get(pk=topic.pk).status, votes_left(user=member, community=community)) == (
        TopicStatus.ARCHIVED,
        3,
    )


def test_a_member_who_leaves_takes_back_undecided_votes_but_keeps_history(community, member, coordinator):
    open_topic, discussed = topics_of(community, 2)
    services.vote_cast(topic=open_topic, user=member)
    services.vote_cast(topic=discussed, user=member)
    Topic.objects.filter(pk=discussed.pk).update(status=TopicStatus.DISCUSSED)
    member_services.membership_leave(membership=Membership.objects.get(user=member))
    assert my_votes(member) == ["Thema 1"]


def test_account_deletion_removes_votes_and_keeps_topics_by_a_former_member(community, member):
    topic = TopicFactory(community=community, proposed_by=member, title="Onboarding")
    services.vote_cast(topic=topic, user=member)
    member_services.user_delete_account(user=member)
    topic = Topic.objects.select_related("proposed_by").get(pk=topic.pk)
    assert (Vote.objects.count(), topic.title, topic.proposed_by.display_name) == (
        0,
        "Onboarding",
        "Ehemaliges Mitglied",
    )
