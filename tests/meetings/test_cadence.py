"""Planning by the community's rule: dates in Europe/Berlin across DST, idempotence, the series."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from meetings import services
from meetings.models import Meeting
from tests.factories import CommunityFactory

from .conftest import TODAY, berlin
from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def starts(meetings):
    return [m.starts_at for m in meetings]


class TestDates:
    def test_second_tuesday_at_ten_stays_ten_local_across_daylight_saving(self, monthly_community):
        planned = services.meeting_plan_next(community=monthly_community, today=TODAY)

        assert starts(planned) == [
            berlin(2026, 1, 13, 10),
            berlin(2026, 2, 10, 10),
            berlin(2026, 3, 10, 10),
            berlin(2026, 4, 14, 10),
            berlin(2026, 5, 12, 10),
            berlin(2026, 6, 9, 10),
            berlin(2026, 7, 14, 10),
            berlin(2026, 8, 11, 10),
            berlin(2026, 9, 8, 10),
            berlin(2026, 10, 13, 10),
            berlin(2026, 11, 10, 10),
            berlin(2026, 12, 8, 10),
        ]
        # The same wall-clock time is a different UTC time in winter and summer.
        utc = {m.slot.month: m.starts_at.astimezone(datetime.UTC).time() for m in planned}
        assert (utc[3], utc[4], utc[10], utc[11]) == (
            datetime.time(9, 0),
            datetime.time(8, 0),
            datetime.time(8, 0),
            datetime.time(9, 0),
        )
        assert [m.ends_at for m in planned if m.slot.month in (3, 10)] == [
            berlin(2026, 3, 10, 12),
            berlin(2026, 10, 13, 12),
        ]

    def test_last_friday_of_the_month(self):
        community = CommunityFactory(
            cadence_months=1, cadence_week=-1, cadence_weekday=4, meeting_start_time=datetime.time(14, 30)
        )

        planned = services.meeting_plan_next(community=community, count=4, today=datetime.date(2026, 1, 1))

        # January 2026 has five Fridays; 27 March is before the switch to summer time, 30 October after.
        assert starts(planned) == [
            berlin(2026, 1, 30, 14, 30),
            berlin(2026, 2, 27, 14, 30),
            berlin(2026, 3, 27, 14, 30),
            berlin(2026, 4, 24, 14, 30),
        ]
        more = services.meeting_plan_next(community=community, count=10, today=datetime.date(2026, 1, 1))
        assert [m.starts_at for m in more if m.slot.month == 10] == [berlin(2026, 10, 30, 14, 30)]

    def test_every_three_months_covers_the_next_twelve_months(self):
        community = CommunityFactory(cadence_months=3, cadence_week=2, cadence_weekday=1)

        planned = services.meeting_plan_next(community=community, today=TODAY)

        assert starts(planned) == [
            berlin(2026, 1, 13, 10),
            berlin(2026, 4, 14, 10),
            berlin(2026, 7, 14, 10),
            berlin(2026, 10, 13, 10),
        ]

    def test_the_first_meeting_is_the_first_matching_date_after_today(self):
        community = CommunityFactory(cadence_months=3, cadence_week=2, cadence_weekday=1)

        planned = services.meeting_plan_next(community=community, count=2, today=datetime.date(2026, 1, 13))

        assert starts(planned) == [berlin(2026, 2, 10, 10), berlin(2026, 5, 12, 10)]

    def test_meetings_take_the_community_defaults(self, monthly_community):
        monthly_community.meeting_format = "hybrid"
        monthly_community.meeting_location = "Rathaus Kassel, Raum 101"
        monthly_community.video_url = "https://video.example.org/pe"
        monthly_community.meeting_duration_minutes = 90
        monthly_community.save()

        (meeting,) = services.meeting_plan_next(community=monthly_community, count=1, today=TODAY)

        meeting.refresh_from_db()
        assert (
            meeting.format,
            meeting.location,
            meeting.video_url,
            meeting.ends_at,
            meeting.slot,
            meeting.status,
            meeting.sequence,
        ) == (
            "hybrid",
            "Rathaus Kassel, Raum 101",
            "https://video.example.org/pe",
            berlin(2026, 1, 13, 11, 30),
            datetime.date(2026, 1, 13),
            Meeting.Status.PLANNED,
            0,
        )

    def test_the_default_title_names_community_and_month_in_german(self, monthly_community):
        with translation.override("de"):
            (meeting,) = services.meeting_plan_next(community=monthly_community, count=1, today=TODAY)

        assert meeting.title == f"{monthly_community.name} – Treffen Januar 2026"


class TestIdempotence:
    def test_planning_again_creates_nothing(self, monthly_community, pool_of):
        pool_of(monthly_community, 3)
        first = services.meeting_plan_next(community=monthly_community, today=TODAY)
        before = list(Meeting.objects.order_by("starts_at").values_list("slot", "facilitator"))

        second = services.meeting_plan_next(community=monthly_community, today=TODAY)

        assert (len(first), second) == (12, [])
        assert list(Meeting.objects.order_by("starts_at").values_list("slot", "facilitator")) == before

    def test_planning_with_a_count_again_creates_nothing(self, monthly_community):
        services.meeting_plan_next(community=monthly_community, count=3, today=TODAY)

        assert services.meeting_plan_next(community=monthly_community, count=3, today=TODAY) == []
        assert Meeting.objects.count() == 3

    def test_a_later_run_continues_the_series_in_phase(self):
        community = CommunityFactory(cadence_months=3, cadence_week=2, cadence_weekday=1)
        services.meeting_plan_next(community=community, today=TODAY)

        later = services.meeting_plan_next(community=community, today=datetime.date(2026, 5, 1))

        assert starts(later) == [berlin(2027, 1, 12, 10), berlin(2027, 4, 13, 10)]

    def test_a_cancelled_date_is_not_planned_again(self, monthly_community):
        first, second = services.meeting_plan_next(community=monthly_community, count=2, today=TODAY)
        services.meeting_cancel(meeting=first)

        again = services.meeting_plan_next(community=monthly_community, count=2, today=TODAY)

        assert starts(again) == [berlin(2026, 3, 10, 10)]
        assert Meeting.objects.filter(slot=first.slot).count() == 1

    def test_after_a_long_pause_no_meeting_is_planned_in_the_past(self):
        community = CommunityFactory(cadence_months=3, cadence_week=2, cadence_weekday=1)
        MeetingFactory(community=community, starts_at=berlin(2024, 1, 9, 10), slot=datetime.date(2024, 1, 9))

        planned = services.meeting_plan_next(community=community, count=2, today=TODAY)

        # The series keeps its months (January, April, …), skipping the dates that have passed.
        assert starts(planned) == [berlin(2026, 1, 13, 10), berlin(2026, 4, 14, 10)]

    def test_a_changed_rule_continues_after_the_latest_planned_meeting(self):
        community = CommunityFactory(cadence_months=3, cadence_week=2, cadence_weekday=1)
        services.meeting_plan_next(community=community, count=2, today=TODAY)  # January and April
        services.community_cadence_update(community=community, cadence_week=-1, cadence_weekday=4)

        (planned,) = services.meeting_plan_next(community=community, count=3, today=TODAY)

        assert planned.starts_at == berlin(2026, 7, 31, 10)

    def test_the_slot_is_unique_in_the_database(self, monthly_community):
        MeetingFactory(community=monthly_community, slot=datetime.date(2026, 1, 13))

        with pytest.raises(IntegrityError), transaction.atomic():
            MeetingFactory(community=monthly_community, slot=datetime.date(2026, 1, 13))

        assert list(Meeting.objects.values_list("community", "slot")) == [
            (monthly_community.pk, datetime.date(2026, 1, 13))
        ]

    def test_ad_hoc_meetings_have_no_slot_and_do_not_collide(self, monthly_community):
        for _ in range(2):
            services.meeting_create(
                community=monthly_community,
                starts_at=berlin(2026, 2, 1, 10),
                ends_at=berlin(2026, 2, 1, 11),
                title="Sondertreffen",
            )

        assert list(Meeting.objects.values_list("slot", "title")) == [
            (None, "Sondertreffen"),
            (None, "Sondertreffen"),
        ]

    @pytest.mark.parametrize("count", [0, 25])
    def test_an_unreasonable_count_is_refused(self, monthly_community, count):
        with pytest.raises(ValidationError) as error:
            services.meeting_plan_next(community=monthly_community, count=count, today=TODAY)

        assert error.value.messages == ["Du kannst zwischen 1 und 24 Treffen auf einmal planen."]
        assert Meeting.objects.count() == 0


def test_deferred_items_without_a_next_meeting_move_when_it_is_planned(monthly_community):
    past = MeetingFactory(community=monthly_community, starts_at=berlin(2025, 12, 9, 10))
    item = AgendaItemFactory(meeting=past, title="Mobiles Arbeiten", status="deferred")

    (planned,) = services.meeting_plan_next(community=monthly_community, count=1, today=TODAY)

    assert list(planned.agenda_items.values_list("title", "status", "deferred_from")) == [
        ("Mobiles Arbeiten", "proposed", item.pk)
    ]
