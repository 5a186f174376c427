"""The rotation order, declines, swaps and overrides, one rule per test."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings import rotation, services
from meetings.models import FacilitatorDecline, Meeting
from members.models import Community, Membership, User
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

from .conftest import TODAY, berlin, joined
from .factories import MeetingFactory

pytestmark = pytest.mark.django_db


def past_turn(community, user, when, **kwargs):
    return MeetingFactory(community=community, facilitator=user, starts_at=when, **kwargs)


class TestPersonOrder:
    def test_never_having_had_a_turn_comes_before_the_oldest_turn(self, monthly_community, pool_of):
        veteran, newcomer = pool_of(monthly_community, 2)
        past_turn(monthly_community, veteran, berlin(2015, 1, 13, 10))

        assert rotation.next_facilitator(community=monthly_community) == newcomer

    def test_the_oldest_last_turn_goes_first_even_with_more_turns(self, monthly_community, pool_of):
        busy, recent = pool_of(monthly_community, 2)
        for year in (2020, 2021, 2022):
            past_turn(monthly_community, busy, berlin(year, 3, 10, 10))
        past_turn(monthly_community, recent, berlin(2024, 3, 12, 10))

        assert rotation.next_facilitator(community=monthly_community) == busy

    def test_equal_last_turns_go_to_the_one_with_fewer_turns(self, monthly_community, pool_of):
        many, few = pool_of(monthly_community, 2)
        same_day = berlin(2024, 5, 14, 10)
        past_turn(monthly_community, many, berlin(2023, 5, 9, 10))
        past_turn(monthly_community, many, same_day)
        past_turn(monthly_community, few, same_day)

        assert rotation.next_facilitator(community=monthly_community) == few

    def test_otherwise_the_earliest_membership_goes_first(self, monthly_community, pool_of):
        first, second, third = pool_of(monthly_community, 3)
        Membership.objects.filter(user=third).update(joined_at=joined(-5))

        assert rotation.next_facilitator(community=monthly_community) == third

    def test_equal_join_dates_go_by_membership_order(self, monthly_community):
        memberships = [MembershipFactory(community=monthly_community, joined_at=joined(0)) for _ in range(3)]

        assert rotation.next_facilitator(community=monthly_community) == memberships[0].user

    def test_cancelled_meetings_are_no_turn(self, monthly_community, pool_of):
        first, second = pool_of(monthly_community, 2)
        past_turn(monthly_community, first, berlin(2024, 1, 9, 10), status=Meeting.Status.CANCELLED)

        assert rotation.next_facilitator(community=monthly_community) == first

    def test_turns_in_other_communities_do_not_count(self, monthly_community, pool_of):
        first, second = pool_of(monthly_community, 2)
        past_turn(CommunityFactory(), first, berlin(2024, 1, 9, 10))

        assert rotation.next_facilitator(community=monthly_community) == first

    def test_extra_turns_count_like_saved_ones(self, monthly_community, pool_of):
        first, second = pool_of(monthly_community, 2)

        proposed = rotation.next_facilitator(
            community=monthly_community, extra_turns=[(first, berlin(2026, 2, 10, 10))]
        )

        assert proposed == second

    def test_exclude_leaves_a_person_out(self, monthly_community, pool_of):
        first, second = pool_of(monthly_community, 2)

        assert rotation.next_facilitator(community=monthly_community, exclude=[first]) == second


class TestPool:
    @pytest.mark.parametrize(
        "membership",
        [
            {"status": Membership.Status.LEFT},
            {"status": Membership.Status.PENDING},
            {"status": Membership.Status.WAITLISTED},
            {"in_rotation": False},
        ],
        ids=["left", "pending", "waitlisted", "opted out"],
    )
    def test_people_outside_the_pool_are_never_proposed(self, monthly_community, membership):
        outsider = MembershipFactory(community=monthly_community, joined_at=joined(0), **membership).user
        insider = MembershipFactory(community=monthly_community, joined_at=joined(1)).user

        planned = services.meeting_plan_next(community=monthly_community, count=4, today=TODAY)

        assert [m.facilitator for m in planned] == [insider] * 4
        assert outsider not in [m.facilitator for m in Meeting.objects.all()]

    def test_a_user_deactivated_in_the_admin_is_no_longer_proposed(self, monthly_community, pool_of):
        a, b = pool_of(monthly_community, 2)
        User.objects.filter(pk=a.pk).update(is_active=False)  # what the admin's "active" checkbox does

        planned = services.meeting_plan_next(community=monthly_community, count=3, today=TODAY)
        after_decline = services.facilitator_decline(meeting=planned[0], user=b)

        assert [m.facilitator for m in planned] == [b, b, b]
        assert (after_decline.facilitator, after_decline.facilitator_confirmed) == (None, False)
        assert [turn.user for turn in rotation.rotation_queue(community=monthly_community)] == [b]

    def test_an_empty_pool_plans_meetings_without_facilitator(self, monthly_community):
        MembershipFactory(community=monthly_community, in_rotation=False)

        planned = services.meeting_plan_next(community=monthly_community, count=2, today=TODAY)

        assert [(m.facilitator, m.facilitator_confirmed) for m in planned] == [(None, False), (None, False)]


class TestPlanningRun:
    def test_nobody_gets_two_meetings_of_one_run_when_the_pool_is_large_enough(
        self, monthly_community, pool_of
    ):
        people = pool_of(monthly_community, 5)

        planned = services.meeting_plan_next(community=monthly_community, count=5, today=TODAY)

        assert [m.facilitator for m in planned] == people

    def test_a_small_pool_takes_turns_in_the_same_order_again(self, monthly_community, pool_of):
        a, b = pool_of(monthly_community, 2)

        planned = services.meeting_plan_next(community=monthly_community, count=5, today=TODAY)

        assert [m.facilitator for m in planned] == [a, b, a, b, a]
        assert {m.facilitator_confirmed for m in planned} == {False}

    def test_a_second_run_continues_the_rotation(self, monthly_community, pool_of):
        a, b, c = pool_of(monthly_community, 3)
        services.meeting_plan_next(community=monthly_community, count=2, today=TODAY)

        later = services.meeting_plan_next(community=monthly_community, count=4, today=TODAY)

        assert [m.facilitator for m in later] == [c, a]


class TestDecline:
    def test_the_next_in_line_is_proposed_at_once(self, monthly_community, pool_of):
        a, b, c = pool_of(monthly_community, 3)
        first, second, third = services.meeting_plan_next(community=monthly_community, count=3, today=TODAY)

        meeting = services.facilitator_decline(meeting=first, user=a)

        # a's turn (this meeting) no longer counts; b and c have later turns, so b's is the oldest.
        assert (meeting.facilitator, meeting.facilitator_confirmed) == (b, False)
        assert list(FacilitatorDecline.objects.values_list("meeting", "user")) == [(first.pk, a.pk)]

    def test_a_decliner_is_never_proposed_again_for_that_meeting(self, monthly_community, pool_of):
        a, b = pool_of(monthly_community, 2)
        (meeting,) = services.meeting_plan_next(community=monthly_community, count=1, today=TODAY)

        meeting = services.facilitator_decline(meeting=meeting, user=a)
        meeting = services.facilitator_decline(meeting=meeting, user=b)

        assert meeting.facilitator is None

    def test_a_decliner_keeps_their_place_for_the_next_meeting(self, monthly_community, pool_of):
        a, b, c = pool_of(monthly_community, 3)
        (meeting,) = services.meeting_plan_next(community=monthly_community, count=1, today=TODAY)
        services.facilitator_decline(meeting=meeting, user=a)

        (following,) = services.meeting_plan_next(community=monthly_community, count=2, today=TODAY)

        assert following.facilitator == a

    def test_declining_a_meeting_that_is_not_yours_is_refused(self, monthly_community, pool_of):
        a, b = pool_of(monthly_community, 2)
        (meeting,) = services.meeting_plan_next(community=monthly_community, count=1, today=TODAY)

        with pytest.raises(ValidationError) as error:
            services.facilitator_decline(meeting=meeting, user=b)

        assert error.value.messages == ["Du bist nicht die Moderator:in dieses Treffens."]
        meeting.refresh_from_db()
        assert (meeting.facilitator, meeting.facilitator_confirmed, FacilitatorDecline.objects.count()) == (
            a,
            False,
            0,
        )

    def test_accepting_confirms_the_proposal(self, monthly_community, pool_of):
        a, b = pool_of(monthly_community, 2)
        (meeting,) = services.meeting_plan_next(community=monthly_community, count=1, today=TODAY)

        meeting = services.facilitator_accept(meeting=meeting, user=a)

        assert (meeting.facilitator, meeting.facilitator_confirmed) == (a, True)

    def test_only_the_proposed_facilitator_can_accept(self, monthly_community, pool_of):
        a, b = pool_of(monthly_community, 2)
        (meeting,) = services.meeting_plan_next(community=monthly_community, count=1, today=TODAY)

        with pytest.raises(ValidationError) as error:
            services.facilitator_accept(meeting=meeting, user=b)

        assert error.value.messages == ["Du bist nicht die Moderator:in dieses Treffens."]
        meeting.refresh_from_db()
        assert (meeting.facilitator, meeting.facilitator_confirmed) == (a, False)


class TestSwapAndOverride:
    def test_swap_exchanges_the_facilitators(self, monthly_community, pool_of):
        a, b = pool_of(monthly_community, 2)
        first, second = services.meeting_plan_next(
            community=monthly_community, count=2, today=datetime.date.today()
        )

        first, second = services.facilitator_swap(meeting=first, other_meeting=second, user=a)

        assert (first.facilitator, first.facilitator_confirmed) == (b, False)
        assert (second.facilitator, second.facilitator_confirmed) == (a, True)

    def test_swap_with_someone_who_declined_that_meeting_is_refused(self, monthly_community, pool_of):
        a, b, c = pool_of(monthly_community, 3)
        first, second = services.meeting_plan_next(
            community=monthly_community, count=2, today=datetime.date.today()
        )
        first = services.facilitator_decline(meeting=first, user=a)  # c is proposed
        second = services.facilitator_set(meeting=second, user=a, by=a)
        services.facilitator_set(meeting=first, user=b, by=c)

        with pytest.raises(ValidationError) as error:
            services.facilitator_swap(meeting=first, other_meeting=second, user=b)

        assert error.value.messages == [
            f"{a.display_name} hat die Moderation dieses Treffens bereits abgelehnt; bitte wähle ein anderes."
        ]
        assert list(
            Meeting.objects.order_by("starts_at").values_list("facilitator", "facilitator_confirmed")
        ) == [(b.pk, False), (a.pk, True)]

    def test_swap_with_a_meeting_of_another_community_is_refused(self, monthly_community, pool_of):
        (a,) = pool_of(monthly_community, 1)
        (meeting,) = services.meeting_plan_next(
            community=monthly_community, count=1, today=datetime.date.today()
        )
        elsewhere = MeetingFactory(facilitator=UserFactory())

        with pytest.raises(ValidationError) as error:
            services.facilitator_swap(meeting=meeting, other_meeting=elsewhere, user=a)

        assert error.value.messages == ["Du kannst nur mit einem Treffen derselben Community tauschen."]
        assert (
            Meeting.objects.filter(pk=meeting.pk).values_list("facilitator", "facilitator_confirmed").get(),
            Meeting.objects.filter(pk=elsewhere.pk).values_list("facilitator", "facilitator_confirmed").get(),
        ) == ((a.pk, False), (elsewhere.facilitator.pk, False))

    def test_override_sets_anyone_from_the_community_and_forgets_their_decline(
        self, monthly_community, pool_of
    ):
        a, b = pool_of(monthly_community, 2)
        coordinator = MembershipFactory(
            community=monthly_community, role=Membership.Role.COORDINATOR, in_rotation=False
        ).user
        (meeting,) = services.meeting_plan_next(community=monthly_community, count=1, today=TODAY)
        services.facilitator_decline(meeting=meeting, user=a)

        meeting = services.facilitator_set(meeting=meeting, user=a, by=coordinator)

        assert (meeting.facilitator, meeting.facilitator_confirmed) == (a, False)
        assert FacilitatorDecline.objects.count() == 0

    def test_override_with_an_outsider_is_refused(self, monthly_community, pool_of):
        (a,) = pool_of(monthly_community, 1)
        (meeting,) = services.meeting_plan_next(community=monthly_community, count=1, today=TODAY)

        with pytest.raises(ValidationError) as error:
            services.facilitator_set(meeting=meeting, user=UserFactory(), by=a)

        assert error.value.messages == ["Die Moderator:in muss aktives Mitglied der Community sein."]
        meeting.refresh_from_db()
        assert (meeting.facilitator, meeting.facilitator_confirmed) == (a, False)


class TestOrganisationMode:
    def make(self, sizes):
        community = CommunityFactory(
            cadence_months=1,
            cadence_week=2,
            cadence_weekday=1,
            rotation_mode=Community.RotationMode.ORGANISATION,
        )
        organisations, day = [], 0
        for size in sizes:
            organisation = OrganisationFactory()
            people = []
            for _ in range(size):
                user = UserFactory(organisation=organisation)
                MembershipFactory(community=community, user=user, joined_at=joined(day))
                people.append(user)
                day += 1
            organisations.append((organisation, people))
        return community, organisations

    def test_organisations_take_turns_and_pick_their_moderator(self):
        community, [(kassel, [k1, k2, k3]), (heidelberg, [h1])] = self.make([3, 1])

        planned = services.meeting_plan_next(community=community, count=6, today=TODAY)

        assert [(m.host_organisation, m.facilitator) for m in planned] == [
            (kassel, k1),
            (heidelberg, h1),
            (kassel, k2),
            (heidelberg, h1),
            (kassel, k3),
            (heidelberg, h1),
        ]

    def test_a_decline_lets_the_same_organisation_name_someone_else_first(self):
        community, [(kassel, [k1, k2]), (heidelberg, [h1])] = self.make([2, 1])
        (meeting,) = services.meeting_plan_next(community=community, count=1, today=TODAY)

        meeting = services.facilitator_decline(meeting=meeting, user=k1)
        assert (meeting.host_organisation, meeting.facilitator) == (kassel, k2)

        meeting = services.facilitator_decline(meeting=meeting, user=k2)
        assert (meeting.host_organisation, meeting.facilitator) == (heidelberg, h1)

    def test_after_a_decline_the_hosting_organisation_names_its_next_person_even_when_not_due(self):
        community, [(kassel, [k1]), (heidelberg, [h1, h2])] = self.make([1, 2])
        coordinator = MembershipFactory(
            community=community, role=Membership.Role.COORDINATOR, in_rotation=False
        ).user
        (meeting,) = services.meeting_plan_next(community=community, count=1, today=TODAY)
        # Kassel was due; the coordinator gives this meeting to Heidelberg instead.
        meeting = services.facilitator_set(meeting=meeting, user=h1, by=coordinator)
        assert (meeting.host_organisation, meeting.facilitator) == (heidelberg, h1)

        meeting = services.facilitator_decline(meeting=meeting, user=h1)

        assert (meeting.host_organisation, meeting.facilitator, meeting.facilitator_confirmed) == (
            heidelberg,
            h2,
            False,
        )
        meeting = services.facilitator_decline(meeting=meeting, user=h2)
        assert (meeting.host_organisation, meeting.facilitator) == (kassel, k1)

    def test_a_member_without_organisation_takes_a_turn_alone(self):
        community, [(kassel, [k1])] = self.make([1])
        loner = UserFactory(organisation=None)
        MembershipFactory(community=community, user=loner, joined_at=joined(50))

        planned = services.meeting_plan_next(community=community, count=3, today=TODAY)

        assert [(m.host_organisation, m.facilitator) for m in planned] == [
            (kassel, k1),
            (None, loner),
            (kassel, k1),
        ]


def test_rotation_queue_shows_who_is_next(monthly_community, pool_of):
    a, b, c = pool_of(monthly_community, 3)
    past_turn(monthly_community, a, berlin(2025, 6, 10, 10))

    assert [turn.user for turn in rotation.rotation_queue(community=monthly_community)] == [b, c, a]


def test_leaving_hands_upcoming_facilitations_on(monthly_community, pool_of):
    a, b, c = pool_of(monthly_community, 3)
    first, second, third = services.meeting_plan_next(
        community=monthly_community, count=3, today=datetime.date.today()
    )
    past = past_turn(monthly_community, a, berlin(2020, 1, 14, 10))
    Membership.objects.filter(user=a).update(status=Membership.Status.LEFT)

    released = services.facilitations_release(user=a, community=monthly_community)

    assert released == [first]
    assert list(
        Meeting.objects.order_by("starts_at").values_list("pk", "facilitator", "facilitator_confirmed")
    ) == [(past.pk, a.pk, False), (first.pk, b.pk, False), (second.pk, b.pk, False), (third.pk, c.pk, False)]
