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


@pytest.mark.django_db(transaction=True)
def test_two_organisers_starting_different_lean_coffee_topics_at_once_start_exactly_one():
    import datetime

    from django.utils import timezone

    from meetings.models import AgendaItem, Meeting
    from members.models import Membership
    from topics import leancoffee
    from topics.models import LeanCoffeeRound

    community = CommunityFactory()
    coordinators = [
        MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user for _ in range(2)
    ]
    starts = timezone.now()
    meeting = Meeting.objects.create(
        community=community, title="Treffen", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        title="Lean Coffee",
        kind=AgendaItem.Kind.LEAN_COFFEE,
        status=AgendaItem.Status.ACCEPTED,
    )
    topics = TopicFactory.create_batch(2, community=community)
    barrier = threading.Barrier(2, timeout=30)
    started, refused, errors = [], [], []

    def start(user, topic):
        try:
            barrier.wait()
            leancoffee.lean_coffee_start(item=item, user=user, topic_id=topic.pk, slot=0)
            started.append(topic.pk)
        except ValidationError as error:
            refused.append(error.messages)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start, args=pair) for pair in zip(coordinators, topics, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(started) == 1
    current = LeanCoffeeRound.objects.get()
    assert (current.current_topic_id, current.slot, LeanCoffeeRound.objects.count()) == (started[0], 1, 1)
    other = next(topic for topic in topics if topic.pk != started[0])
    title = next(topic.title for topic in topics if topic.pk == started[0])
    assert refused == [
        [
            f"„{title}“ wird gerade besprochen. "
            "Schiebe es nach „Erledigt“, bevor du ein anderes Thema startest."
        ]
    ]
    assert other.pk not in started
