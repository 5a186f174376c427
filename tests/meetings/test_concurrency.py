"""Two coordinators planning at the same moment (PostgreSQL only: SQLite serialises all writes)."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, connections

from meetings import services
from meetings.models import Meeting
from tests.factories import CommunityFactory, MembershipFactory

from .conftest import TODAY, berlin, joined

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def run_together(*jobs):
    """Start the jobs in threads that wait for each other, then return results or exceptions."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - the test inspects whatever happened
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_coordinators_planning_at_once_create_each_meeting_once():
    community = CommunityFactory(cadence_months=1, cadence_week=2, cadence_weekday=1)
    people = [MembershipFactory(community=community, joined_at=joined(i)).user for i in range(12)]

    def plan():
        return services.meeting_plan_next(community=community, today=TODAY)

    first, second = run_together(plan, plan)

    assert sorted([len(first), len(second)]) == [0, 12]
    meetings = list(Meeting.objects.filter(community=community).order_by("starts_at"))
    assert [m.slot for m in meetings] == sorted({m.slot for m in meetings})
    assert len(meetings) == 12
    # One run: nobody facilitates twice, because the pool is as large as the run.
    assert [m.facilitator for m in meetings] == people


def test_the_database_refuses_a_second_meeting_for_the_same_date_even_without_the_lock():
    community = CommunityFactory()
    slot = datetime.date(2026, 1, 13)

    def insert():
        return Meeting.objects.create(
            community=community,
            title="Treffen",
            starts_at=berlin(2026, 1, 13, 10),
            ends_at=berlin(2026, 1, 13, 12),
            slot=slot,
        )

    results = run_together(insert, insert)

    assert sorted(type(result).__name__ for result in results) == sorted(
        [IntegrityError.__name__, Meeting.__name__]
    )
    assert Meeting.objects.filter(community=community, slot=slot).count() == 1
