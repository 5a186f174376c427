"""Reads for the meeting pages: values, and query counts that do not grow with the rows."""

import datetime

import pytest
from django.utils import timezone

from meetings import selectors
from meetings.models import Meeting
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .conftest import berlin, joined
from .factories import AgendaItemFactory, AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def in_days(days, **kwargs):
    return {"starts_at": NOW + datetime.timedelta(days=days), **kwargs}


class TestAgendaWithTimes:
    def test_items_follow_each_other_from_the_start_in_agenda_order(self):
        meeting = MeetingFactory(starts_at=berlin(2030, 3, 12, 10))
        checkin = AgendaItemFactory(meeting=meeting, position=1, duration_minutes=15, status="accepted")
        AgendaItemFactory(meeting=meeting, position=2, duration_minutes=30, status="proposed")
        talk = AgendaItemFactory(meeting=meeting, position=3, duration_minutes=45, status="accepted")

        agenda = selectors.agenda_with_times(meeting)

        assert [(entry.item, entry.starts_at, entry.ends_at) for entry in agenda] == [
            (checkin, berlin(2030, 3, 12, 10), berlin(2030, 3, 12, 10, 15)),
            (talk, berlin(2030, 3, 12, 10, 15), berlin(2030, 3, 12, 11)),
        ]
        assert (agenda.total_minutes, agenda.overrun, agenda.free_minutes) == (60, False, 60)

    def test_an_agenda_longer_than_the_meeting_is_flagged(self):
        meeting = MeetingFactory(starts_at=berlin(2030, 3, 12, 10))  # 120 minutes
        AgendaItemFactory.create_batch(3, meeting=meeting, duration_minutes=45, status="accepted")

        agenda = selectors.agenda_with_times(meeting)

        assert (agenda.total_minutes, agenda.overrun, agenda.overrun_minutes) == (135, True, 15)

    @pytest.mark.parametrize("count", [1, 6])
    def test_one_query_whatever_the_number_of_items(self, django_assert_num_queries, count):
        meeting = MeetingFactory()
        AgendaItemFactory.create_batch(count, meeting=meeting, status="accepted", presenter=UserFactory())

        with django_assert_num_queries(1):
            agenda = selectors.agenda_with_times(meeting)
            names = [(entry.item.proposed_by.display_name, entry.item.presenter.email) for entry in agenda]

        assert len(names) == count


class TestLists:
    @pytest.mark.parametrize("count", [1, 4])
    def test_community_meetings_take_three_queries(self, django_assert_num_queries, count):
        community = CommunityFactory()
        user = MembershipFactory(community=community).user
        for index in range(count):
            upcoming = MeetingFactory(community=community, facilitator=UserFactory(), **in_days(10 + index))
            past = MeetingFactory(community=community, facilitator=UserFactory(), **in_days(-10 - index))
            AgendaItemFactory.create_batch(2, meeting=upcoming, status="accepted")
            AttendanceFactory.create_batch(2, meeting=past)
            AttendanceFactory(meeting=upcoming, user=user, response="maybe")

        with django_assert_num_queries(3):
            meetings = selectors.with_item_counts(
                selectors.community_upcoming_meetings(community)
                + list(selectors.community_past_meetings(community))
            )
            shown = [(m.facilitator.display_name, m.community.name, m.item_count) for m in meetings]

        assert [row[2:] for row in shown] == [(2,)] * count + [(0,)] * count

    def test_upcoming_soonest_first_past_latest_first(self):
        community = CommunityFactory()
        later, sooner = (
            MeetingFactory(community=community, **in_days(20)),
            MeetingFactory(community=community, **in_days(5)),
        )
        older, newer = (
            MeetingFactory(community=community, **in_days(-20)),
            MeetingFactory(community=community, **in_days(-5)),
        )

        assert (
            selectors.community_upcoming_meetings(community),
            list(selectors.community_past_meetings(community)),
        ) == ([sooner, later], [newer, older])

    @pytest.mark.parametrize("count", [1, 3])
    def test_my_next_meetings_are_those_of_my_communities_not_cancelled(
        self, django_assert_num_queries, count
    ):
        user = UserFactory()
        mine = []
        for index in range(count):
            community = CommunityFactory()
            MembershipFactory(community=community, user=user)
            mine.append(MeetingFactory(community=community, facilitator=UserFactory(), **in_days(index + 1)))
            MeetingFactory(community=community, status=Meeting.Status.CANCELLED, **in_days(index + 1))
            MeetingFactory(community=community, **in_days(-index - 1))
        left = CommunityFactory()
        MembershipFactory(community=left, user=user, status=Membership.Status.LEFT)
        MeetingFactory(community=left, **in_days(1))
        MeetingFactory(**in_days(1))

        with django_assert_num_queries(1):
            meetings = selectors.my_next_meetings(user)
            names = [(m.community.name, m.facilitator.display_name) for m in meetings]

        assert (meetings, len(names)) == (mine, count)

    def test_my_facilitations_proposed_and_accepted(self):
        user = UserFactory()
        community = CommunityFactory()
        MembershipFactory(community=community, user=user)
        proposed = MeetingFactory(community=community, facilitator=user, **in_days(3))
        accepted = MeetingFactory(
            community=community, facilitator=user, facilitator_confirmed=True, **in_days(30)
        )
        MeetingFactory(community=community, facilitator=user, **in_days(-3))
        MeetingFactory(community=community, facilitator=user, status=Meeting.Status.CANCELLED, **in_days(4))
        MeetingFactory(community=community, facilitator=UserFactory(), **in_days(5))

        assert selectors.my_facilitations(user) == [proposed, accepted]

    def test_visible_to_hides_members_only_meetings_from_outsiders(self):
        closed = CommunityFactory(visibility=Community.Visibility.INTERNAL)
        member = MembershipFactory(community=closed).user
        public_meeting = MeetingFactory()
        closed_meeting = MeetingFactory(community=closed)

        assert (
            list(Meeting.objects.visible_to(UserFactory())),
            list(Meeting.objects.visible_to(member).order_by("pk")),
            list(Meeting.objects.visible_to(UserFactory(is_staff=True)).order_by("pk")),
        ) == ([public_meeting], [public_meeting, closed_meeting], [public_meeting, closed_meeting])


class TestRotationOverview:
    @pytest.mark.parametrize("count", [1, 4])
    def test_upcoming_and_history_in_two_queries(self, django_assert_num_queries, count):
        community = CommunityFactory()
        people = [MembershipFactory(community=community, joined_at=joined(i)).user for i in range(count + 1)]
        for index in range(count):
            MeetingFactory(community=community, facilitator=people[index], **in_days(-30 * (index + 1)))
        upcoming = MeetingFactory(community=community, facilitator=people[-1], **in_days(10))

        with django_assert_num_queries(2):
            overview = selectors.rotation_overview(community)
            names = [m.facilitator.display_name for m in overview.upcoming + overview.history]

        assert overview.upcoming == [upcoming]
        assert [m.facilitator for m in overview.history] == people[:count]
        assert len(names) == count + 1

    def test_upcoming_and_history_are_bounded(self):
        community = CommunityFactory()
        upcoming = [MeetingFactory(community=community, **in_days(10 * (i + 1))) for i in range(8)]
        past = [MeetingFactory(community=community, **in_days(-10 * (i + 1))) for i in range(14)]

        overview = selectors.rotation_overview(community)

        assert (overview.upcoming, overview.history) == (upcoming[:6], past[:12])
