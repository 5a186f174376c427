# ruff: noqa: F811 - the shared fixtures are imported by name from test_pages_support
"""What the meeting pages show, and that their cost does not grow with agenda items, people or meetings."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.utils.html import strip_tags

from meetings.models import AgendaItem, Meeting
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory

from .factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from .test_pages_support import START, cop, make_item, meeting, people  # noqa: F401

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's visible text with whitespace collapsed."""
    return re.sub(r"\s+", " ", strip_tags(response.content.decode())).strip()


class TestMeetingPage:
    def test_date_and_time_in_german(self, client, meeting, people):
        client.force_login(people.member)
        response = client.get(f"/meetings/{meeting.pk}/")
        assert response.status_code == HTTPStatus.OK
        assert "Dienstag, 9. März 2027, 10:00–12:00 Uhr" in text_of(response)

    def test_agenda_shows_planned_start_times_and_the_overrun_warning(
        self, client, meeting, people, make_item
    ):
        make_item("Check-in", status=AgendaItem.Status.ACCEPTED, minutes=30, position=1)
        make_item("Lean Coffee", status=AgendaItem.Status.ACCEPTED, minutes=60, position=2)
        make_item("Retro", status=AgendaItem.Status.ACCEPTED, minutes=45, position=3)
        make_item("Noch offen", minutes=15, position=4)
        client.force_login(people.member)
        response = client.get(f"/meetings/{meeting.pk}/")
        rows = [
            (entry.starts_at.astimezone(START.tzinfo).strftime("%H:%M"), entry.item.title)
            for entry in response.context["agenda_rows"]
        ]
        assert rows == [("10:00", "Check-in"), ("10:30", "Lean Coffee"), ("11:30", "Retro")]
        assert [item.title for item in response.context["proposals"]] == ["Noch offen"]
        assert (response.context["agenda_total"], response.context["agenda_overrun"]) == (135, True)
        text = text_of(response)
        assert "10:00 Check-in" in text and "11:30 Retro" in text
        warning = (
            "Die angenommenen TOPs dauern 135 Minuten und damit länger als das Treffen (120 Minuten). "
            "Kürze oder vertage TOPs."
        )
        assert (text.count(warning), "alert-warning" in response.content.decode()) == (1, True)

    def test_no_overrun_warning_when_the_agenda_fits(self, client, meeting, people, make_item):
        make_item("Check-in", status=AgendaItem.Status.ACCEPTED, minutes=120)
        client.force_login(people.member)
        response = client.get(f"/meetings/{meeting.pk}/")
        assert (response.context["agenda_overrun"], "alert-warning" in response.content.decode()) == (
            False,
            False,
        )

    def test_facilitator_sees_decision_buttons_member_does_not(self, client, meeting, people, make_item):
        item = make_item("Mobiles Arbeiten")
        decide = f'action="/meetings/{meeting.pk}/items/{item.pk}/decide/"'
        client.force_login(people.member)
        member_page = client.get(f"/meetings/{meeting.pk}/").content.decode()
        client.force_login(people.facilitator)
        facilitator_page = client.get(f"/meetings/{meeting.pk}/").content.decode()
        assert (decide in member_page, decide in facilitator_page) == (False, True)
        assert f'hx-post="/meetings/{meeting.pk}/items/{item.pk}/decide/"' in facilitator_page

    def test_facilitator_shown_as_proposed_then_confirmed(self, client, meeting, people):
        Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=False)
        client.force_login(people.member)
        assert "Fritz Mustermann vorgeschlagen" in text_of(client.get(f"/meetings/{meeting.pk}/"))
        Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=True)
        assert "Fritz Mustermann bestätigt" in text_of(client.get(f"/meetings/{meeting.pk}/"))

    def test_minutes_are_rendered_and_sanitised(self, client, meeting, people, make_item):
        Meeting.objects.filter(pk=meeting.pk).update(
            status=Meeting.Status.HELD,
            minutes_published_at=START,
            minutes='**Beschluss:** weiter so<script>alert("x")</script><img src=x onerror="alert(1)">',
        )
        make_item("Mobiles Arbeiten", status=AgendaItem.Status.DONE, outcome="Leitfaden folgt")
        client.force_login(people.member)
        html = client.get(f"/meetings/{meeting.pk}/").content.decode()
        assert "<strong>Beschluss:</strong> weiter so" in html
        assert [danger for danger in ("<script>alert", "onerror", "<img") if danger in html] == []
        assert "Leitfaden folgt" in html

    def test_rsvp_buttons_mark_the_own_answer(self, client, meeting, people):
        AttendanceFactory(meeting=meeting, user=people.member, response="maybe")
        client.force_login(people.member)
        html = client.get(f"/meetings/{meeting.pk}/").content.decode()
        pressed = re.findall(r'value="(yes|maybe|no)" aria-pressed="(true|false)"', html)
        assert pressed == [("yes", "false"), ("maybe", "true"), ("no", "false")]

    def test_query_count_does_not_grow_with_items_and_attendees(
        self, client, meeting, people, cop, make_item, django_assert_num_queries
    ):
        client.force_login(people.facilitator)
        make_item("Eins", status=AgendaItem.Status.ACCEPTED)
        make_item("Vorschlag eins")
        AttendanceFactory(meeting=meeting, user=people.member)
        client.get(f"/meetings/{meeting.pk}/")  # session and caches warm
        with django_assert_num_queries(8):
            client.get(f"/meetings/{meeting.pk}/")
        for number in range(8):
            extra = MembershipFactory(community=cop).user
            make_item(f"Angenommen {number}", status=AgendaItem.Status.ACCEPTED, by=extra, presenter=extra)
            make_item(f"Vorschlag {number}", by=extra)
            make_item(f"Abgelehnt {number}", status=AgendaItem.Status.REJECTED, by=extra)
            AttendanceFactory(meeting=meeting, user=extra, response="yes")
        client.get(f"/meetings/{meeting.pk}/")  # the joins made the cache forget the organisations
        with django_assert_num_queries(8):
            response = client.get(f"/meetings/{meeting.pk}/")
        assert (len(response.context["agenda_rows"]), len(response.context["proposals"])) == (9, 9)


class TestMeetingList:
    def test_upcoming_and_past_with_facilitator_status_and_item_count(self, client, meeting, people, cop):
        Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=False)
        past = MeetingFactory(
            community=cop,
            title="Treffen Dezember 2025",
            starts_at=datetime.datetime(2025, 12, 9, 9, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2025, 12, 9, 11, 0, tzinfo=datetime.UTC),
            facilitator=people.coordinator,
            facilitator_confirmed=True,
            status=Meeting.Status.HELD,
        )
        AgendaItemFactory(meeting=past, status=AgendaItem.Status.DONE)
        AgendaItemFactory(meeting=past, status=AgendaItem.Status.DONE)
        AgendaItemFactory(meeting=past, status=AgendaItem.Status.REJECTED)
        client.force_login(people.member)
        response = client.get(f"/communities/{cop.slug}/meetings/")
        assert response.status_code == HTTPStatus.OK
        rows = {
            section: [
                (m.title, m.facilitator.first_name, m.status, m.item_count) for m in response.context[section]
            ]
            for section in ("upcoming", "past")
        }
        assert rows == {
            "upcoming": [("Treffen März 2027", "Fritz", "planned", 0)],
            "past": [("Treffen Dezember 2025", "Clara", "held", 2)],
        }
        text = text_of(response)
        assert "Di, 09.03.2027, 10:00 Treffen März 2027 Fritz Mustermann vorgeschlagen Geplant 0" in text

    def test_plan_button_only_for_coordinators(self, client, cop, people):
        plan = f'action="/communities/{cop.slug}/meetings/plan/"'
        client.force_login(people.member)
        member_sees = plan in client.get(f"/communities/{cop.slug}/meetings/").content.decode()
        client.force_login(people.coordinator)
        coordinator_sees = plan in client.get(f"/communities/{cop.slug}/meetings/").content.decode()
        assert (member_sees, coordinator_sees) == (False, True)

    def test_query_count_does_not_grow_with_meetings(self, client, cop, people, django_assert_num_queries):
        def add_meeting(days):
            created = MeetingFactory(community=cop, starts_at=START + datetime.timedelta(days=days))
            AgendaItemFactory(meeting=created, status=AgendaItem.Status.ACCEPTED)
            return created

        client.force_login(people.coordinator)
        add_meeting(0)
        add_meeting(-1000)
        client.get(f"/communities/{cop.slug}/meetings/")
        # Session, user, community, membership, upcoming, past meetings: count and page; the agenda
        # items of both lists.
        with django_assert_num_queries(8):
            client.get(f"/communities/{cop.slug}/meetings/")
        for days in range(30, 300, 30):
            add_meeting(days)
            add_meeting(-days - 1000)
        with django_assert_num_queries(8):
            response = client.get(f"/communities/{cop.slug}/meetings/")
        assert (len(response.context["upcoming"]), len(response.context["past"])) == (10, 10)
        assert [m.item_count for m in response.context["upcoming"] + response.context["past"]] == [1] * 20


class TestCommunityPage:
    def test_shows_next_meeting_facilitators_and_history(self, client, meeting, people, cop):
        Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=False)
        MeetingFactory(
            community=cop,
            title="Treffen Dezember 2025",
            starts_at=datetime.datetime(2025, 12, 9, 9, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2025, 12, 9, 11, 0, tzinfo=datetime.UTC),
            facilitator=people.coordinator,
            status=Meeting.Status.HELD,
        )
        client.force_login(people.member)
        response = client.get(f"/communities/{cop.slug}/")
        text = text_of(response)
        assert "Nächstes Treffen Treffen März 2027 Dienstag, 9. März 2027, 10:00–12:00 Uhr" in text
        assert "Di, 09.03.2027, 10:00: Fritz Mustermann (vorgeschlagen)" in text
        assert "Di, 09.12.2025, 10:00: Clara Mustermann" in text
        assert f'href="/communities/{cop.slug}/meetings/"' in response.content.decode()

    def test_query_count_does_not_grow_with_meetings(
        self, client, cop, people, meeting, django_assert_num_queries
    ):
        client.force_login(people.member)
        client.get(f"/communities/{cop.slug}/")
        # The member's own membership is looked up once per request; the meetings panel takes two.
        with django_assert_num_queries(10):
            client.get(f"/communities/{cop.slug}/")
        for days in range(30, 300, 30):
            MeetingFactory(
                community=cop, starts_at=START + datetime.timedelta(days=days), facilitator=people.member
            )
            MeetingFactory(
                community=cop,
                starts_at=START - datetime.timedelta(days=days + 1000),
                facilitator=people.member,
            )
        with django_assert_num_queries(10):
            client.get(f"/communities/{cop.slug}/")


class TestDashboard:
    def test_my_next_meetings_and_my_facilitation_with_buttons(self, client, meeting, people):
        Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=False)
        client.force_login(people.facilitator)
        response = client.get("/")
        text = text_of(response)
        assert "Meine nächsten Treffen Treffen März 2027" in text
        assert "Du bist für die Moderation am Dienstag, 9. März 2027, 10:00–12:00 Uhr vorgeschlagen" in text
        assert f'action="/meetings/{meeting.pk}/facilitator/"' in response.content.decode()

    @pytest.mark.parametrize(
        "status", [Membership.Status.PENDING, Membership.Status.WAITLISTED, Membership.Status.LEFT]
    )
    def test_only_the_meetings_of_active_memberships_are_shown(self, client, meeting, people, status):
        other = CommunityFactory(name="Andere CoP", visibility=Community.Visibility.PUBLIC)
        MembershipFactory(community=other, user=people.facilitator, status=status)
        MeetingFactory(
            community=other,
            title="Treffen der anderen",
            starts_at=START - datetime.timedelta(days=1),
            ends_at=START - datetime.timedelta(days=1, hours=-2),
            facilitator=people.facilitator,
        )
        client.force_login(people.facilitator)

        response = client.get("/")

        assert (
            [m.title for m in response.context["next_meetings"]],
            [m.title for m in response.context["facilitations"].proposals],
            [m.title for m in response.context["facilitations"].confirmed],
        ) == (["Treffen März 2027"], [], ["Treffen März 2027"])

    def test_outsider_sees_no_meetings_of_a_members_only_community(self, client, meeting, people):
        client.force_login(people.outsider)
        assert "Treffen März 2027" not in client.get("/").content.decode()

    def test_query_count_does_not_grow_with_meetings(
        self, client, cop, people, meeting, django_assert_num_queries
    ):
        client.force_login(people.facilitator)
        client.get("/")
        # Session, user, memberships, next meetings, facilitations, minutes to write, newest
        # communities (their member counts and the number of communities come from the cache and the
        # memberships).
        with django_assert_num_queries(7):
            client.get("/")
        for days in range(30, 300, 30):
            MeetingFactory(
                community=cop, starts_at=START + datetime.timedelta(days=days), facilitator=people.facilitator
            )
        with django_assert_num_queries(7):
            client.get("/")
