"""Meeting changes, the agenda, RSVP and minutes: what the services keep and what they refuse."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Attendance, Meeting
from members.models import Membership
from tests.factories import MembershipFactory, UserFactory

from .conftest import berlin
from .factories import AgendaItemFactory, AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db

STALE = (
    "Jemand anderes hat die Tagesordnung inzwischen geändert. "
    "Bitte sieh sie dir noch einmal an und versuche es erneut."
)
SOON = timezone.now() + datetime.timedelta(days=10)


@pytest.fixture
def meeting(monthly_community):
    return MeetingFactory(community=monthly_community, starts_at=berlin(2030, 3, 12, 10))


@pytest.fixture
def member(meeting):
    return MembershipFactory(community=meeting.community).user


@pytest.fixture
def facilitator(meeting):
    user = MembershipFactory(community=meeting.community).user
    Meeting.objects.filter(pk=meeting.pk).update(facilitator=user, facilitator_confirmed=True)
    meeting.refresh_from_db()
    return user


@pytest.fixture
def coordinator(meeting):
    return MembershipFactory(community=meeting.community, role=Membership.Role.COORDINATOR).user


def values(meeting, *fields):
    meeting.refresh_from_db()
    return tuple(getattr(meeting, name) for name in fields)


class TestMoveAndCancel:
    def test_moving_raises_the_sequence(self, meeting):
        moved = services.meeting_update(
            meeting=meeting, starts_at=berlin(2030, 3, 19, 10), ends_at=berlin(2030, 3, 19, 12)
        )

        assert values(moved, "starts_at", "ends_at", "sequence") == (
            berlin(2030, 3, 19, 10),
            berlin(2030, 3, 19, 12),
            1,
        )

    @pytest.mark.parametrize(
        "change",
        [{"title": "Neuer Titel"}, {"location": "Rathaus"}, {"video_url": "https://video.example.org/neu"}],
    )
    def test_each_change_a_calendar_sees_raises_the_sequence_by_one(self, meeting, change):
        services.meeting_update(meeting=meeting, **change)

        assert values(meeting, "sequence", *change) == (1, *change.values())

    def test_saving_without_a_change_keeps_the_sequence(self, meeting):
        services.meeting_update(meeting=meeting, title=meeting.title)

        assert values(meeting, "sequence") == (0,)

    def test_cancelling_raises_the_sequence_and_sets_the_status(self, meeting):
        services.meeting_cancel(meeting=meeting)

        assert values(meeting, "status", "sequence") == (Meeting.Status.CANCELLED, 1)

    def test_a_cancelled_meeting_cannot_be_cancelled_or_moved_again(self, meeting):
        services.meeting_cancel(meeting=meeting)

        with pytest.raises(ValidationError) as cancelling:
            services.meeting_cancel(meeting=meeting)
        with pytest.raises(ValidationError) as moving:
            services.meeting_update(meeting=meeting, title="Doch nicht")

        assert (
            cancelling.value.messages
            == moving.value.messages
            == ["Dieses Treffen wurde abgesagt und kann nicht mehr geändert werden."]
        )
        assert values(meeting, "status", "sequence", "title") == (Meeting.Status.CANCELLED, 1, meeting.title)

    def test_an_end_before_the_start_is_refused_with_a_message(self, meeting):
        with pytest.raises(ValidationError) as error:
            services.meeting_update(meeting=meeting, ends_at=meeting.starts_at - datetime.timedelta(hours=1))

        assert error.value.messages == ["Ein Treffen muss nach seinem Beginn enden."]
        assert values(meeting, "ends_at", "sequence") == (meeting.starts_at + datetime.timedelta(hours=2), 0)

    def test_an_end_equal_to_the_start_is_refused(self, meeting):
        with pytest.raises(ValidationError) as error:
            services.meeting_update(meeting=meeting, ends_at=meeting.starts_at)

        assert error.value.messages == ["Ein Treffen muss nach seinem Beginn enden."]
        assert values(meeting, "ends_at", "sequence") == (meeting.starts_at + datetime.timedelta(hours=2), 0)

    def test_an_ad_hoc_meeting_ending_before_it_starts_is_refused(self, monthly_community):
        with pytest.raises(ValidationError) as error:
            services.meeting_create(
                community=monthly_community, starts_at=berlin(2030, 1, 1, 12), ends_at=berlin(2030, 1, 1, 10)
            )

        assert error.value.messages == ["Ein Treffen muss nach seinem Beginn enden."]
        assert Meeting.objects.count() == 0

    def test_a_meeting_of_more_than_twelve_hours_is_refused(self, meeting):
        with pytest.raises(ValidationError) as error:
            services.meeting_update(meeting=meeting, ends_at=meeting.starts_at + datetime.timedelta(hours=13))

        assert error.value.messages == ["Ein Treffen darf höchstens 12 Stunden dauern."]
        assert values(meeting, "ends_at", "sequence") == (meeting.starts_at + datetime.timedelta(hours=2), 0)


class TestAgendaItems:
    def test_a_member_proposes_an_item_at_the_end(self, meeting, member):
        first = services.agenda_item_propose(
            meeting=meeting, user=member, title="Agiles Arbeiten", duration_minutes=30
        )
        second = services.agenda_item_propose(
            meeting=meeting, user=member, title=" Digitale Lernangebote ", kind="input", duration_minutes=20
        )

        assert list(
            meeting.agenda_items.values_list("title", "kind", "status", "position", "proposed_by")
        ) == [
            ("Agiles Arbeiten", "discussion", "proposed", 1, member.pk),
            ("Digitale Lernangebote", "input", "proposed", 2, member.pk),
        ]
        assert (first.pk, second.pk) == tuple(meeting.agenda_items.values_list("pk", flat=True))

    @pytest.mark.parametrize("minutes", [0, 241, 10000, -5, "viel"])
    def test_an_unreasonable_time_box_is_refused_with_a_message(self, meeting, member, minutes):
        with pytest.raises(ValidationError) as error:
            services.agenda_item_propose(
                meeting=meeting, user=member, title="Zu lang", duration_minutes=minutes
            )

        expected = (
            ["Bitte gib die Dauer in ganzen Minuten an."]
            if minutes == "viel"
            else ["Ein TOP dauert zwischen 1 und 240 Minuten."]
        )
        assert error.value.messages == expected
        assert AgendaItem.objects.count() == 0

    def test_the_database_refuses_a_time_box_outside_the_range(self, meeting):
        from django.db import IntegrityError, transaction

        item = AgendaItemFactory(meeting=meeting)
        with pytest.raises(IntegrityError), transaction.atomic():
            AgendaItem.objects.filter(pk=item.pk).update(duration_minutes=10000)

        assert AgendaItem.objects.get(pk=item.pk).duration_minutes == item.duration_minutes

    def test_an_outsider_cannot_propose(self, meeting):
        with pytest.raises(ValidationError) as error:
            services.agenda_item_propose(meeting=meeting, user=UserFactory(), title="Von außen")

        assert error.value.messages == ["Nur aktive Mitglieder der Community können TOPs vorschlagen."]
        assert AgendaItem.objects.count() == 0

    def test_after_publishing_only_the_organisers_add_items(self, meeting, member, facilitator):
        services.agenda_publish(meeting=meeting)

        with pytest.raises(ValidationError) as error:
            services.agenda_item_propose(meeting=meeting, user=member, title="Zu spät")
        assert error.value.messages == [
            "Die Tagesordnung wurde veröffentlicht; neue TOPs können nicht mehr vorgeschlagen werden."
        ]
        services.agenda_item_propose(meeting=meeting, user=facilitator, title="Nachtrag")

        assert list(AgendaItem.objects.values_list("title", flat=True)) == ["Nachtrag"]

    def test_the_proposer_edits_their_item_until_it_is_accepted(self, meeting, member):
        item = services.agenda_item_propose(meeting=meeting, user=member, title="Entwurf")

        item = services.agenda_item_update(
            item=item, user=member, title="Konfliktmanagement", duration_minutes=40
        )
        services.agenda_item_accept(item=item)
        with pytest.raises(ValidationError) as error:
            services.agenda_item_update(item=item, user=member, title="Nochmal anders")

        assert error.value.messages == ["Du darfst diesen TOP nicht mehr ändern."]
        item.refresh_from_db()
        assert (item.title, item.duration_minutes, item.status) == ("Konfliktmanagement", 40, "accepted")

    def test_the_facilitator_edits_any_item_until_the_meeting_is_held(self, meeting, member, facilitator):
        item = services.agenda_item_propose(meeting=meeting, user=member, title="Entwurf")
        services.agenda_item_accept(item=item)

        services.agenda_item_update(item=item, user=facilitator, duration_minutes=25)
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
        with pytest.raises(ValidationError) as error:
            services.agenda_item_update(item=item, user=facilitator, duration_minutes=50)

        assert error.value.messages == [
            "Dieses Treffen hat bereits stattgefunden und kann nicht mehr geändert werden."
        ]
        item.refresh_from_db()
        assert (item.duration_minutes, item.status) == (25, "accepted")

    def test_another_member_cannot_edit_a_proposal(self, meeting, member):
        item = services.agenda_item_propose(meeting=meeting, user=member, title="Meins")
        other = MembershipFactory(community=meeting.community).user

        with pytest.raises(ValidationError) as error:
            services.agenda_item_update(item=item, user=other, title="Deins")

        assert error.value.messages == ["Du darfst diesen TOP nicht mehr ändern."]
        item.refresh_from_db()
        assert (item.title, item.status) == ("Meins", "proposed")

    def test_a_deferred_item_appears_as_a_proposal_of_the_next_meeting(self, meeting, member):
        later = MeetingFactory(community=meeting.community, starts_at=berlin(2030, 6, 11, 10))
        MeetingFactory(community=meeting.community, starts_at=berlin(2030, 9, 10, 10))
        MeetingFactory(starts_at=berlin(2030, 4, 1, 10))  # another community's meeting in between
        item = services.agenda_item_propose(
            meeting=meeting,
            user=member,
            title="Führungskräfteentwicklung",
            description="Mit Praxisfall",
            duration_minutes=45,
        )

        copy = services.agenda_item_defer(item=item)

        item.refresh_from_db()
        assert item.status == "deferred"
        assert list(
            later.agenda_items.values_list(
                "pk", "title", "description", "duration_minutes", "status", "proposed_by", "deferred_from"
            )
        ) == [(copy.pk, "Führungskräfteentwicklung", "Mit Praxisfall", 45, "proposed", member.pk, item.pk)]

    def test_deferring_twice_is_refused_and_keeps_the_one_copy(self, meeting, member):
        MeetingFactory(community=meeting.community, starts_at=berlin(2030, 6, 11, 10))
        item = services.agenda_item_propose(meeting=meeting, user=member, title="Einmal")
        first = services.agenda_item_defer(item=item)

        with pytest.raises(ValidationError) as error:
            services.agenda_item_defer(item=item)

        assert error.value.messages == ["Dieser TOP wurde bereits behandelt."]
        assert list(AgendaItem.objects.filter(deferred_from=item).values_list("pk", flat=True)) == [first.pk]

    def test_deciding_on_a_held_meeting_is_refused(self, meeting):
        item = AgendaItemFactory(meeting=meeting)
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)

        with pytest.raises(ValidationError) as error:
            services.agenda_item_accept(item=item)

        assert error.value.messages == [
            "Dieses Treffen hat bereits stattgefunden und kann nicht mehr geändert werden."
        ]
        item.refresh_from_db()
        assert item.status == "proposed"


class TestOrder:
    @pytest.fixture
    def items(self, meeting):
        return [
            AgendaItemFactory(meeting=meeting, position=position, title=title, status="accepted")
            for position, title in [(1, "A"), (2, "B"), (3, "C")]
        ]

    def titles(self, meeting):
        return list(meeting.agenda_items.order_by("position").values_list("title", flat=True))

    def test_moving_an_item_up_swaps_it_with_the_one_before(self, meeting, items):
        shown = services.agenda_order(meeting)

        services.agenda_item_move(item=items[2], direction="up", expected_positions=shown)

        assert self.titles(meeting) == ["A", "C", "B"]

    def test_moving_skips_items_of_another_status(self, meeting, items):
        AgendaItemFactory(meeting=meeting, position=2, title="Vorschlag", status="proposed")

        services.agenda_item_move(item=items[0], direction="down", expected_positions=None)

        assert [t for t in self.titles(meeting) if t != "Vorschlag"] == ["B", "A", "C"]

    def test_moving_the_first_item_up_changes_nothing(self, meeting, items):
        services.agenda_item_move(
            item=items[0], direction="up", expected_positions=services.agenda_order(meeting)
        )

        assert self.titles(meeting) == ["A", "B", "C"]

    def test_a_stale_order_is_refused_and_nothing_moves(self, meeting, items):
        shown = services.agenda_order(meeting)
        services.agenda_item_move(item=items[2], direction="up", expected_positions=shown)  # someone else

        with pytest.raises(ValidationError) as error:
            services.agenda_item_move(item=items[0], direction="down", expected_positions=shown)

        assert error.value.messages == [STALE]
        assert self.titles(meeting) == ["A", "C", "B"]

    def test_garbage_as_expected_order_is_refused(self, meeting, items):
        with pytest.raises(ValidationError) as error:
            services.agenda_item_move(item=items[0], direction="down", expected_positions=["x"])

        assert error.value.messages == [STALE]
        assert self.titles(meeting) == ["A", "B", "C"]


class TestTemplatesAndPublishing:
    def test_the_first_meeting_template_is_about_getting_to_know_each_other(self, meeting, facilitator):
        added = services.agenda_apply_template(meeting=meeting, template="first", user=facilitator)

        assert [(i.kind, i.status, i.duration_minutes) for i in added] == [
            ("introductions", "accepted", 30),
            ("expectations", "accepted", 40),
            ("other", "accepted", 30),
            ("handover", "accepted", 15),
        ]

    def test_the_regular_template_comes_after_existing_items_and_only_once(self, meeting, facilitator):
        AgendaItemFactory(meeting=meeting, position=1, status="accepted", kind="input", title="Vortrag")

        services.agenda_apply_template(meeting=meeting, template="regular", user=facilitator)
        again = services.agenda_apply_template(meeting=meeting, template="regular", user=facilitator)

        assert again == []
        assert list(meeting.agenda_items.order_by("position").values_list("kind", "position")) == [
            ("input", 1),
            ("checkin", 2),
            ("lean_coffee", 3),
            ("input", 4),
            ("retrospective", 5),
        ]

    def test_an_unknown_template_is_refused(self, meeting, facilitator):
        with pytest.raises(ValidationError) as error:
            services.agenda_apply_template(meeting=meeting, template="party", user=facilitator)

        assert error.value.messages == ["Bitte wähle eine Vorlage für die Tagesordnung aus der Liste."]
        assert AgendaItem.objects.count() == 0

    def test_publishing_raises_the_sequence_once(self, meeting):
        services.agenda_publish(meeting=meeting)
        with pytest.raises(ValidationError) as error:
            services.agenda_publish(meeting=meeting)

        assert error.value.messages == ["Die Tagesordnung wurde bereits veröffentlicht."]
        assert values(meeting, "status", "sequence") == (Meeting.Status.PUBLISHED, 1)


class TestRsvpAndMinutes:
    def test_a_member_answers_and_changes_their_answer(self, meeting, member):
        services.attendance_respond(meeting=meeting, user=member, response="maybe")
        services.attendance_respond(meeting=meeting, user=member, response="yes")

        assert list(Attendance.objects.values_list("user", "response")) == [(member.pk, "yes")]

    def test_an_outsider_or_a_bad_answer_is_refused(self, meeting, member):
        with pytest.raises(ValidationError) as outsider:
            services.attendance_respond(meeting=meeting, user=UserFactory(), response="yes")
        with pytest.raises(ValidationError) as bad_answer:
            services.attendance_respond(meeting=meeting, user=member, response="perhaps")

        assert outsider.value.messages == ["Nur aktive Mitglieder der Community können antworten."]
        assert bad_answer.value.messages == ["Bitte antworte mit Ja, Vielleicht oder Nein."]
        assert Attendance.objects.count() == 0

    def test_someone_who_left_cannot_answer(self, meeting):
        gone = MembershipFactory(community=meeting.community, status=Membership.Status.LEFT).user

        with pytest.raises(ValidationError) as error:
            services.attendance_respond(meeting=meeting, user=gone, response="yes")

        assert error.value.messages == ["Nur aktive Mitglieder der Community können antworten."]
        assert Attendance.objects.count() == 0

    def test_recording_minutes_outcomes_and_attendance_and_marking_held(self, monthly_community, member):
        meeting = MeetingFactory(
            community=monthly_community, starts_at=timezone.now() - datetime.timedelta(hours=3)
        )
        coordinator = MembershipFactory(community=monthly_community, role=Membership.Role.COORDINATOR).user
        absent = MembershipFactory(community=monthly_community).user
        AttendanceFactory(meeting=meeting, user=absent, response="yes")
        accepted = AgendaItemFactory(meeting=meeting, status="accepted")
        proposed = AgendaItemFactory(meeting=meeting, status="proposed")

        meeting = services.meeting_record(
            meeting=meeting,
            user=coordinator,
            minutes="## Ergebnisse\n\n- Wir probieren *Working Out Loud* aus.",
            outcomes={accepted.pk: "Ableger gegründet"},
            attended_user_ids=[member.pk],
            mark_held=True,
        )

        assert values(meeting, "status", "sequence", "minutes") == (
            Meeting.Status.HELD,
            1,
            "## Ergebnisse\n\n- Wir probieren *Working Out Loud* aus.",
        )
        assert list(AgendaItem.objects.order_by("pk").values_list("pk", "status", "outcome")) == [
            (accepted.pk, "done", "Ableger gegründet"),
            (proposed.pk, "proposed", ""),
        ]
        assert set(Attendance.objects.values_list("user", "response", "attended")) == {
            (absent.pk, "yes", False),
            (member.pk, "", True),
        }

    def test_a_future_meeting_cannot_be_marked_held(self, meeting, coordinator):
        with pytest.raises(ValidationError) as error:
            services.meeting_record(meeting=meeting, user=coordinator, minutes="Zu früh", mark_held=True)

        assert error.value.messages == [
            "Ein Treffen kann erst als durchgeführt markiert werden, wenn es begonnen hat."
        ]
        assert values(meeting, "status", "minutes", "sequence") == (Meeting.Status.PLANNED, "", 0)

    def test_outcomes_for_another_meetings_items_are_refused(self, meeting, coordinator):
        foreign = AgendaItemFactory()

        with pytest.raises(ValidationError) as error:
            services.meeting_record(meeting=meeting, user=coordinator, outcomes={foreign.pk: "Gekapert"})

        assert error.value.messages == ["Ein TOP gehört nicht zu diesem Treffen."]
        foreign.refresh_from_db()
        assert foreign.outcome == ""

    def test_outsiders_cannot_be_recorded_as_present(self, meeting, coordinator):
        with pytest.raises(ValidationError) as error:
            services.meeting_record(meeting=meeting, user=coordinator, attended_user_ids=[UserFactory().pk])

        assert error.value.messages == [
            "Nur aktive Mitglieder der Community können als anwesend eingetragen werden."
        ]
        assert Attendance.objects.count() == 0


def attendances():
    return list(Attendance.objects.order_by("user_id").values_list("user_id", "response", "attended"))


class TestRefusedOnClosedMeetings:
    @pytest.mark.parametrize(
        ("status", "message"),
        [
            (
                Meeting.Status.HELD,
                "Dieses Treffen hat bereits stattgefunden und kann nicht mehr geändert werden.",
            ),
            (Meeting.Status.CANCELLED, "Dieses Treffen wurde abgesagt und kann nicht mehr geändert werden."),
        ],
    )
    def test_answering_a_held_or_cancelled_meeting_is_refused_and_keeps_the_answer(
        self, meeting, member, status, message
    ):
        AttendanceFactory(meeting=meeting, user=member, response="maybe")
        Meeting.objects.filter(pk=meeting.pk).update(status=status)

        with pytest.raises(ValidationError) as error:
            services.attendance_respond(meeting=meeting, user=member, response="yes")

        assert error.value.messages == [message]
        assert attendances() == [(member.pk, "maybe", None)]

    @pytest.mark.parametrize(
        ("status", "message"),
        [
            (
                Meeting.Status.HELD,
                "Dieses Treffen hat bereits stattgefunden und kann nicht mehr geändert werden.",
            ),
            (Meeting.Status.CANCELLED, "Dieses Treffen wurde abgesagt und kann nicht mehr geändert werden."),
        ],
    )
    def test_a_first_answer_to_a_closed_meeting_writes_nothing(self, meeting, member, status, message):
        Meeting.objects.filter(pk=meeting.pk).update(status=status)

        with pytest.raises(ValidationError) as error:
            services.attendance_respond(meeting=meeting, user=member, response="no")

        assert error.value.messages == [message]
        assert attendances() == []


class TestDecidingOnce:
    @pytest.mark.parametrize("status", ["rejected", "deferred", "done"])
    @pytest.mark.parametrize("action", ["accept", "reject", "defer"])
    def test_an_item_decided_for_good_cannot_be_decided_again(self, meeting, status, action):
        later = MeetingFactory(community=meeting.community, starts_at=berlin(2030, 6, 11, 10))
        item = AgendaItemFactory(meeting=meeting, status=status, outcome="Leitfaden beschlossen")
        rows = AgendaItem.objects.order_by("pk").values_list("pk", "meeting", "status", "outcome")
        before = list(rows)

        with pytest.raises(ValidationError) as error:
            getattr(services, f"agenda_item_{action}")(item=item)

        assert error.value.messages == ["Dieser TOP wurde bereits behandelt."]
        assert list(rows.all()) == before == [(item.pk, meeting.pk, status, "Leitfaden beschlossen")]
        assert later.agenda_items.count() == 0

    def test_an_accepted_item_can_still_be_deferred(self, meeting):
        later = MeetingFactory(community=meeting.community, starts_at=berlin(2030, 6, 11, 10))
        item = AgendaItemFactory(meeting=meeting, status="accepted", title="Mobiles Arbeiten")

        copy = services.agenda_item_defer(item=item)

        assert list(AgendaItem.objects.order_by("pk").values_list("pk", "meeting", "status")) == [
            (item.pk, meeting.pk, "deferred"),
            (copy.pk, later.pk, "proposed"),
        ]

    def test_an_accepted_item_can_still_be_taken_off_the_agenda(self, meeting):
        item = AgendaItemFactory(meeting=meeting, status="accepted", title="Mobiles Arbeiten")

        services.agenda_item_reject(item=item)

        assert list(AgendaItem.objects.values_list("pk", "status")) == [(item.pk, "rejected")]


class TestRecordingWhoWasThere:
    @pytest.fixture
    def past(self, monthly_community):
        return MeetingFactory(
            community=monthly_community, starts_at=timezone.now() - datetime.timedelta(days=1)
        )

    @pytest.mark.parametrize(
        "status", [Membership.Status.LEFT, Membership.Status.PENDING, Membership.Status.WAITLISTED]
    )
    def test_someone_who_is_not_an_active_member_is_refused_and_nothing_changes(self, past, member, status):
        coordinator = MembershipFactory(community=past.community, role=Membership.Role.COORDINATOR).user
        AttendanceFactory(meeting=past, user=member, response="yes", attended=True)
        other = MembershipFactory(community=past.community, status=status).user

        with pytest.raises(ValidationError) as error:
            services.meeting_record(
                meeting=past, user=coordinator, minutes="Neu", attended_user_ids=[member.pk, other.pk]
            )

        assert error.value.messages == [
            "Nur aktive Mitglieder der Community können als anwesend eingetragen werden."
        ]
        assert attendances() == [(member.pk, "yes", True)]
        assert values(past, "minutes", "sequence") == ("", 0)

    def test_someone_recorded_as_present_who_left_since_stays_recorded(self, past):
        coordinator = MembershipFactory(community=past.community, role=Membership.Role.COORDINATOR).user
        membership = MembershipFactory(community=past.community)
        AttendanceFactory(meeting=past, user=membership.user, response="yes", attended=True)
        Membership.objects.filter(pk=membership.pk).update(status=Membership.Status.LEFT)

        services.meeting_record(meeting=past, user=coordinator, attended_user_ids=[membership.user.pk])

        assert attendances() == [(membership.user.pk, "yes", True)]

    def test_someone_who_answered_yes_and_left_before_the_meeting_cannot_be_recorded(self, past):
        coordinator = MembershipFactory(community=past.community, role=Membership.Role.COORDINATOR).user
        membership = MembershipFactory(community=past.community)
        AttendanceFactory(meeting=past, user=membership.user, response="yes")
        Membership.objects.filter(pk=membership.pk).update(status=Membership.Status.LEFT)

        with pytest.raises(ValidationError) as error:
            services.meeting_record(meeting=past, user=coordinator, attended_user_ids=[membership.user.pk])

        assert error.value.messages == [
            "Nur aktive Mitglieder der Community können als anwesend eingetragen werden."
        ]
        assert attendances() == [(membership.user.pk, "yes", None)]
