"""Simultaneous votes by one member never exceed the community's votes per member."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from tests.factories import CommunityFactory, MembershipFactory
from topics import services
from topics.models import Vote

from .factories import TopicFactory, VoteFactory

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis"))

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRESQL,
        reason="needs PostgreSQL: SQLite serialises every writer, so it cannot show a race",
    ),
]

VOTERS = 30


@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_votes_with_three_left_give_exactly_three_votes():
    community = CommunityFactory(votes_per_member=5)
    member = MembershipFactory(community=community).user
    for topic in TopicFactory.create_batch(2, community=community):
        VoteFactory(topic=topic, user=member)  # two of five used: three left
    topics = TopicFactory.create_batch(VOTERS, community=community)
    barrier = threading.Barrier(VOTERS, timeout=30)
    cast, refused, errors = [], [], []

    def vote(topic):
        try:
            barrier.wait()
            services.vote_cast(topic=topic, user=member)
            cast.append(topic.pk)
        except ValidationError as error:
            refused.append(error.messages)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(topic,)) for topic in topics]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(cast) == 3
    no_votes_left = (
        "Du hast keine Punkte mehr (5 pro Mitglied). Nimm zuerst einen Punkt von einem anderen Thema zurück."
    )
    assert refused == [[no_votes_left]] * (VOTERS - 3)
    assert Vote.objects.filter(user=member).count() == 5
    assert sorted(
        Vote.objects.filter(user=member, topic__in=topics).values_list("topic_id", flat=True)
    ) == sorted(cast)
