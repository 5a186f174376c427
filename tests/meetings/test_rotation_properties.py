"""Fairness of the rotation, proven on random pools, join dates and histories (hypothesis).

Properties, for a stable pool of n people (active, in the rotation) and no declines:

P1 (empty history): n·k meetings planned in one run give every pool member exactly k turns.
P2 (any history): when every earlier turn lies before the new meetings, *every* window of n
    consecutive new meetings, planned one run at a time, contains each pool member exactly once,
    so n·k new meetings give each exactly k. No catch-up phase is needed: the first criterion is
    "oldest last turn", and a new turn is always the newest, so the rotation is a round robin from
    the first new meeting on (turn counts only break ties between equal last turns).
P3 (organisation mode): over m organisations with pool members, every window of m consecutive
    new meetings is hosted once by each organisation, its moderator is one of its own pool
    members, and within an organisation its people's turns differ by at most one.
P4 (declines): after any sequence of declines, no meeting is facilitated by anyone who declined
    it, and a meeting is left without facilitator only when everyone in the pool declined it.
In all properties, people who left or opted out (they may have history) are never proposed.
"""

import datetime
import functools
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings import services
from meetings.models import FacilitatorDecline, Meeting
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

from .conftest import TODAY, berlin, joined
from .factories import MeetingFactory

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

join_days = st.integers(min_value=0, max_value=30)  # collisions on purpose: ties go by pk
history_entry = st.tuples(
    st.integers(min_value=0, max_value=9),  # index into the people with history (modulo)
    st.integers(min_value=0, max_value=2000),  # days before today; 0 = still before the new meetings
    st.booleans(),  # cancelled: no turn
)


def rolled_back(test):
    """Each hypothesis example runs in a savepoint that is rolled back, so examples do not leak."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        with transaction.atomic():
            test(*args, **kwargs)
            transaction.set_rollback(True)

    return wrapper


def build(*, join, outsiders=2, mode=Community.RotationMode.PERSON, organisations=None):
    community = CommunityFactory(cadence_months=1, cadence_week=2, cadence_weekday=1, rotation_mode=mode)
    pool = []
    for index, day in enumerate(join):
        organisation = organisations[index] if organisations else OrganisationFactory()
        user = UserFactory(organisation=organisation)
        MembershipFactory(community=community, user=user, joined_at=joined(day))
        pool.append(user)
    left = [
        MembershipFactory(community=community, status=Membership.Status.LEFT, joined_at=joined(0)).user
        for _ in range(outsiders // 2 + outsiders % 2)
    ]
    opted_out = [
        MembershipFactory(community=community, in_rotation=False, joined_at=joined(0)).user
        for _ in range(outsiders // 2)
    ]
    return community, pool, left + opted_out


def add_history(community, people, entries):
    for index, days_before, cancelled in entries:
        starts_at = berlin(2025, 12, 31, 10) - datetime.timedelta(days=days_before)
        MeetingFactory(
            community=community,
            facilitator=people[index % len(people)],
            starts_at=starts_at,
            status=Meeting.Status.CANCELLED if cancelled else Meeting.Status.HELD,
        )


@SETTINGS
@given(join=st.lists(join_days, min_size=1, max_size=8), k=st.integers(min_value=1, max_value=3))
@rolled_back
def test_p1_from_an_empty_history_n_times_k_meetings_give_everyone_k_turns(db, join, k):
    community, pool, outsiders = build(join=join)
    n = len(pool)

    planned = services.meeting_plan_next(community=community, count=n * k, today=TODAY)

    assert len(planned) == n * k
    assert Counter(m.facilitator for m in planned) == Counter(dict.fromkeys(pool, k))


@SETTINGS
@given(
    join=st.lists(join_days, min_size=1, max_size=8),
    k=st.integers(min_value=1, max_value=2),
    history=st.lists(history_entry, max_size=12),
    outsider_history=st.lists(history_entry, max_size=4),
)
@rolled_back
def test_p2_after_any_history_every_n_consecutive_meetings_give_everyone_one_turn(
    db, join, k, history, outsider_history
):
    community, pool, outsiders = build(join=join)
    add_history(community, pool, history)
    add_history(community, outsiders, outsider_history)
    n = len(pool)

    facilitators = []
    for planned_so_far in range(1, n * k + 1):
        # One meeting per run: the turns must carry over through the database, not only in memory.
        (meeting,) = services.meeting_plan_next(community=community, count=planned_so_far, today=TODAY)
        facilitators.append(meeting.facilitator)

    for start in range(len(facilitators) - n + 1):
        assert sorted(u.pk for u in facilitators[start : start + n]) == sorted(u.pk for u in pool)
    assert Counter(facilitators) == Counter(dict.fromkeys(pool, k))


@SETTINGS
@given(
    sizes=st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=4),
    k=st.integers(min_value=1, max_value=3),
    history=st.lists(history_entry, max_size=8),
)
@rolled_back
def test_p3_organisations_take_turns_and_share_them_among_their_people(db, sizes, k, history):
    organisations = [OrganisationFactory() for _ in sizes]
    members_of = [
        organisation for organisation, size in zip(organisations, sizes, strict=True) for _ in range(size)
    ]
    community, pool, outsiders = build(
        join=list(range(len(members_of))),
        mode=Community.RotationMode.ORGANISATION,
        organisations=members_of,
    )
    add_history(community, pool, history)
    m = len(organisations)

    planned = services.meeting_plan_next(community=community, count=m * k, today=TODAY)

    hosts = [meeting.host_organisation for meeting in planned]
    for start in range(len(hosts) - m + 1):
        assert sorted(o.pk for o in hosts[start : start + m]) == sorted(o.pk for o in organisations)
    for meeting in planned:
        assert meeting.facilitator in pool
        assert meeting.facilitator.organisation == meeting.host_organisation
    for organisation in organisations:
        people = [user for user in pool if user.organisation == organisation]
        turns = Counter(m.facilitator for m in planned if m.host_organisation == organisation)
        counts = [turns[user] for user in people]
        assert max(counts) - min(counts) <= 1
        assert sum(counts) == k


@SETTINGS
@given(
    join=st.lists(join_days, min_size=1, max_size=6),
    declines=st.lists(st.integers(min_value=0, max_value=5), max_size=6),
)
@rolled_back
def test_p4_a_decline_never_gives_the_decliner_that_meeting(db, join, declines):
    community, pool, outsiders = build(join=join)
    planned = services.meeting_plan_next(community=community, count=len(pool), today=TODAY)

    for index in declines:
        meeting = Meeting.objects.get(pk=planned[index % len(planned)].pk)
        if meeting.facilitator is None:
            continue
        decliner = meeting.facilitator
        meeting = services.facilitator_decline(meeting=meeting, user=decliner)
        assert meeting.facilitator != decliner

    declined = set(FacilitatorDecline.objects.values_list("meeting_id", "user_id"))
    for meeting in Meeting.objects.filter(community=community):
        assert (meeting.pk, meeting.facilitator_id) not in declined
        if meeting.facilitator is None:
            assert {user for (pk, user) in declined if pk == meeting.pk} == {u.pk for u in pool}
        else:
            assert meeting.facilitator in pool
