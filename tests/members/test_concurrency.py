"""Simultaneous joins never push a community past its maximum number of members."""

import threading
from collections import Counter

import pytest
from django.conf import settings
from django.db import connections

from members import services
from members.models import Membership
from tests.factories import CommunityFactory, UserFactory

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis"))

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRESQL,
        reason="needs PostgreSQL: SQLite serialises every writer, so it cannot show a race",
    ),
]

JOINERS = 20
PLACES = 5


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_joins_fill_five_places_and_waitlist_the_rest():
    community = CommunityFactory(max_members=PLACES)
    users = [UserFactory() for _ in range(JOINERS)]
    barrier = threading.Barrier(JOINERS, timeout=30)
    statuses, errors = [], []

    def join(user):
        # Each thread gets its own database connection from Django; it is closed at the end.
        try:
            barrier.wait()
            statuses.append(services.membership_join(community=community, user=user).status)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=join, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    expected = {Membership.Status.ACTIVE: PLACES, Membership.Status.WAITLISTED: JOINERS - PLACES}
    assert Counter(statuses) == expected
    assert (
        Counter(Membership.objects.filter(community=community).values_list("status", flat=True)) == expected
    )
