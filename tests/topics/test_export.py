"""The data export holds the topics a member proposed and their votes, and nobody else's."""

import datetime
import json

import pytest

from tests.factories import CommunityFactory, MembershipFactory

from .factories import TopicFactory, VoteFactory

pytestmark = pytest.mark.django_db

WHEN = datetime.datetime(2026, 3, 4, 9, 30, tzinfo=datetime.UTC)


def test_export_holds_my_topics_and_votes(client):
    community = CommunityFactory(name="Personalentwicklung")
    me = MembershipFactory(community=community).user
    mine = TopicFactory(
        community=community, proposed_by=me, title="Onboarding", description="Wie?", created_at=WHEN
    )
    theirs = TopicFactory(community=community, title="Coaching")
    VoteFactory(topic=theirs, user=me, created_at=WHEN)
    VoteFactory(topic=mine)  # someone else's vote on my topic
    client.force_login(me)
    data = json.loads(client.post("/me/export/").content)
    assert data["topics_proposed"] == [
        {
            "community": "Personalentwicklung",
            "title": "Onboarding",
            "description": "Wie?",
            "status": "open",
            "outcome": "",
            "created_at": "2026-03-04T09:30:00Z",
        }
    ]
    assert data["topic_votes"] == [
        {
            "community": "Personalentwicklung",
            "topic": "Coaching",
            "voted_at": "2026-03-04T09:30:00Z",
        }
    ]
