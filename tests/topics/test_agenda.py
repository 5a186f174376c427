"""Top topics into the next meeting's agenda; a held meeting makes them discussed, with the outcome."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from members.models import Membership
from tests.factories import CommunityFactory, MembershipFactory
from tests.meetings.factories import MeetingFactory
from topics import services
from topics.models import Topic, TopicStatus, Vote
from topics.selectors import votes_left

from .factories import TopicFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(slug="pe")


@pytest.fixture
def facilitator(community):
    return MembershipFactory(community=community).user


@pytest.fixture
def meeting(community, facilitator):
    """The next meeting; a later one and a cancelled earlier one exist too."""
    soon = timezone.now() + datetime.timedelta(days=7)
    MeetingFactory(
        community=community, starts_at=soon - datetime.timedelta(days=2), status=Meeting.Status.CANCELLED
    )
    MeetingFactory(community=community, starts_at=soon + datetime.timedelta(days=60))
    return MeetingFactory(
        community=community,
        starts_at=soon,
        facilitator=facilitator,
        facilitator_confirmed=True,
        title="Treffen im März",
    )


def test_the_facilitator_pulls_a_topic_into_the_next_meetings_agenda(community, facilitator, meeting):
    proposer = MembershipFactory(community=community).user
    topic = TopicFactory(
        community=community, title="Feedbackkultur", description="Wie?", proposed_by=proposer
    )
    item = services.topic_schedule(topic=topic, user=facilitator)
    stored = AgendaItem.objects.values(
        "meeting", "title", "description", "status", "topic", "proposed_by"
    ).get()
    assert stored == {
        "meeting": meeting.pk,
        "title": "Feedbackkultur",
        "description": "Wie?",
        "status": AgendaItem.Status.ACCEPTED,
        "topic": topic.pk,
        "proposed_by": proposer.pk,
    }
    assert (item.pk, Topic.objects.get(pk=topic.pk).status) == (
        AgendaItem.objects.get().pk,
        TopicStatus.SCHEDULED,
    )


def test_a_plain_member_cannot_schedule_and_nothing_changes(community, meeting):
    member = MembershipFactory(community=community).user
    topic = TopicFactory(community=community)
    with pytest.raises(ValidationError) as refused:
        services.topic_schedule(topic=topic, user=member)
    assert refused.value.messages == [
        "Nur die Moderator:in des nächsten Treffens oder eine Koordinator:in kann Themen "
        "auf seine Tagesordnung setzen."
    ]
    assert (AgendaItem.objects.count(), Topic.objects.get(pk=topic.pk).status) == (0, TopicStatus.OPEN)


def test_a_topic_is_scheduled_only_once_and_only_with_a_meeting_ahead(community, facilitator, meeting):
    coordinator = MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user
    topic = TopicFactory(community=community)
    services.topic_schedule(topic=topic, user=facilitator)
    with pytest.raises(ValidationError) as refused:
        services.topic_schedule(topic=topic, user=coordinator)
    assert refused.value.messages == ["Nur offene Themen können auf eine Tagesordnung gesetzt werden."]
    assert (AgendaItem.objects.count(), Topic.objects.get(pk=topic.pk).status) == (1, TopicStatus.SCHEDULED)
    Meeting.objects.update(status=Meeting.Status.CANCELLED)
    other = TopicFactory(community=community)
    with pytest.raises(ValidationError) as refused:
        services.topic_schedule(topic=other, user=coordinator)
    assert refused.value.messages == [
        "Es gibt kein kommendes Treffen, auf dessen Tagesordnung das Thema passt."
    ]
    assert (AgendaItem.objects.count(), Topic.objects.get(pk=other.pk).status) == (1, TopicStatus.OPEN)


def test_a_held_meeting_makes_its_topics_discussed_with_the_outcome_and_frees_the_votes(
    community, facilitator, meeting
):
    discussed, rejected = TopicFactory(community=community), TopicFactory(community=community)
    VoteFactory(topic=discussed, user=facilitator)
    done_item = services.topic_schedule(topic=discussed, user=facilitator)
    rejected_item = services.topic_schedule(topic=rejected, user=facilitator)
    AgendaItem.objects.filter(pk=rejected_item.pk).update(status=AgendaItem.Status.REJECTED)
    assert votes_left(user=facilitator, community=community) == 2
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    meeting_services.meeting_record(
        meeting=meeting, user=facilitator, outcomes={done_item.pk: "Wir probieren es aus."}, mark_held=True
    )
    assert list(Topic.objects.order_by("pk").values_list("status", "outcome")) == [
        (TopicStatus.DISCUSSED, "Wir probieren es aus."),
        (TopicStatus.OPEN, ""),
    ]
    assert (votes_left(user=facilitator, community=community), Vote.objects.count()) == (3, 1)
    meeting_services.meeting_record(
        meeting=meeting, user=facilitator, outcomes={done_item.pk: "Pilot in Kassel."}
    )
    assert Topic.objects.get(pk=discussed.pk).outcome == "Pilot in Kassel."


def test_the_board_shows_the_button_to_those_who_prepare_the_meeting(client, community, facilitator, meeting):
    topic = TopicFactory(community=community, title="Mobiles Arbeiten")
    member = MembershipFactory(community=community).user
    client.force_login(member)
    assert client.get("/communities/pe/topics/").context["schedule_meeting"] is None
    assert client.post(f"/topics/{topic.pk}/schedule/").status_code == HTTPStatus.FORBIDDEN
    client.force_login(facilitator)
    assert client.get("/communities/pe/topics/").context["schedule_meeting"] == meeting
    response = client.post(f"/topics/{topic.pk}/schedule/", follow=True)
    assert response.redirect_chain == [("/communities/pe/topics/", HTTPStatus.FOUND)]
    assert [str(m) for m in response.context["messages"]] == [
        "„Mobiles Arbeiten“ steht auf der Tagesordnung von „Treffen im März“."
    ]
    page = client.get(f"/topics/{topic.pk}/")
    assert page.context["agenda_item"].meeting == meeting
    assert f'href="/meetings/{meeting.pk}/"' in page.content.decode()


def test_a_cancelled_meeting_gives_its_scheduled_topics_back_to_the_board(community, facilitator, meeting):
    coordinator = MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user
    topic = TopicFactory(community=community)
    services.topic_schedule(topic=topic, user=facilitator)
    meeting_services.meeting_cancel(meeting=meeting)
    assert Topic.objects.get(pk=topic.pk).status == TopicStatus.OPEN
    item = services.topic_schedule(topic=topic, user=coordinator)
    # The later meeting is now the next open one.
    later = Meeting.objects.get(
        community=community, starts_at=meeting.starts_at + datetime.timedelta(days=60)
    )
    assert (item.meeting, Topic.objects.get(pk=topic.pk).status) == (later, TopicStatus.SCHEDULED)
