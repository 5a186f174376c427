# ruff: noqa: F811 - the shared fixtures are imported by name from test_pages_support
"""The facilitator's tools: the agenda's shape, time boxes in place, who answered, the host
organisation, agenda templates that fit the meeting and the dashboard's facilitator items."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

from meetings import services
from meetings.models import AgendaItem, Meeting
from meetings.selectors import ANSWER_NAMES_LIMIT
from members import services as services_members
from members.models import Community
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import AttendanceFactory, MeetingFactory
from .test_pages_support import START, accepted_titles, cop, make_item, meeting, messages_of, people  # noqa: F401

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def text_of(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(response.content.decode())).strip()


def planned_starts(response) -> list[tuple[str, str]]:
    """(start, title) of every agenda row, as the page shows them."""
    html = response.content.decode()
    rows = re.findall(r'<tr id="item-\d+-row">\s*<td>([\d:]+)</td>.*?agenda-item-title">([^<]+)<', html, re.S)
    return [(start, title) for start, title in rows]


def item_state(item) -> tuple:
    item.refresh_from_db()
    return (item.duration_minutes, item.kind, item.presenter_id, item.position, item.status)


# --- the agenda's shape --------------------------------------------------------------------------


class TestAgendaShape:
    def test_an_accepted_item_goes_before_the_closing_items(self, client, meeting, people, make_item):
        make_item("Check-in", status="accepted", kind="checkin", position=1)
        make_item("Input", status="accepted", kind="input", position=2)
        make_item("Retrospektive", status="accepted", kind="retrospective", position=3)
        make_item("Ausblick", status="accepted", kind="handover", position=4)
        new = make_item("Mobiles Arbeiten", position=5)
        client.force_login(people.facilitator)

        client.post(f"/meetings/{meeting.pk}/items/{new.pk}/decide/", {"action": "accept"})

        assert accepted_titles(meeting) == [
            "Check-in",
            "Input",
            "Mobiles Arbeiten",
            "Retrospektive",
            "Ausblick",
        ]

    def test_a_carried_over_item_goes_after_the_opening_items(self, client, cop, meeting, people, make_item):
        earlier = MeetingFactory(community=cop, starts_at=START - datetime.timedelta(days=90))
        origin = make_item("Aus dem Dezember", status="deferred", on=earlier, position=1)
        make_item("Check-in", status="accepted", kind="checkin", position=1)
        make_item("Input", status="accepted", kind="input", position=2)
        make_item("Retrospektive", status="accepted", kind="retrospective", position=3)
        first = make_item("Vertagt eins", deferred_from=origin, position=4)
        second = make_item("Vertagt zwei", deferred_from=origin, position=5)

        services.agenda_item_accept(item=first)
        services.agenda_item_accept(item=second)

        assert accepted_titles(meeting) == [
            "Check-in",
            "Vertagt eins",
            "Vertagt zwei",
            "Input",
            "Retrospektive",
        ]

    def test_a_closing_item_goes_last_and_the_facilitator_can_still_move_it(
        self, client, meeting, people, make_item
    ):
        make_item("Input", status="accepted", kind="input", position=1)
        retro = make_item("Retrospektive", kind="retrospective", position=2)
        services.agenda_item_accept(item=retro)
        client.force_login(people.facilitator)

        client.post(
            f"/meetings/{meeting.pk}/items/{retro.pk}/decide/",
            {"action": "up", "positions": ",".join(map(str, services.agenda_order(meeting)))},
        )

        assert accepted_titles(meeting) == ["Retrospektive", "Input"]

    def test_accepting_an_accepted_item_again_leaves_it_where_it_is(self, meeting, make_item):
        make_item("Input", status="accepted", kind="input", position=1)
        make_item("Retrospektive", status="accepted", kind="retrospective", position=2)
        late = make_item("Spät", status="accepted", kind="input", position=3)

        services.agenda_item_accept(item=late)

        assert accepted_titles(meeting) == ["Input", "Retrospektive", "Spät"]


# --- time boxes, kind and presenter in place -----------------------------------------------------


@pytest.fixture
def agenda(make_item):
    return [
        make_item("Check-in", status="accepted", kind="checkin", minutes=15, position=1),
        make_item("Input", status="accepted", kind="input", minutes=30, position=2),
        make_item("Retrospektive", status="accepted", kind="retrospective", minutes=15, position=3),
    ]


def timebox_data(meeting, item, **changes):
    data = {
        "duration_minutes": str(item.duration_minutes),
        "kind": item.kind,
        "presenter": "",
        "positions": ",".join(map(str, services.agenda_order(meeting))),
    }
    return data | changes


class TestTimebox:
    def test_the_row_swaps_to_a_form_and_back_and_the_following_starts_move(
        self, client, meeting, people, agenda
    ):
        check_in, talk, retro = agenda
        client.force_login(people.facilitator)
        url = f"/meetings/{meeting.pk}/items/{check_in.pk}/timebox/"

        form = client.get(url, headers=HTMX)
        html = form.content.decode()
        assert (form.status_code, f'id="timebox_{check_in.pk}_duration_minutes"' in html) == (200, True)
        assert planned_starts(form) == [("10:15", "Input"), ("10:45", "Retrospektive")]

        saved = client.post(url, timebox_data(meeting, check_in, duration_minutes="25"), headers=HTMX)

        assert saved.status_code == HTTPStatus.OK
        assert planned_starts(saved) == [
            ("10:00", "Check-in"),
            ("10:25", "Input"),
            ("10:55", "Retrospektive"),
        ]
        assert messages_of(saved) == ["„Check-in“ wurde geändert."]
        assert item_state(check_in)[0] == 25

    def test_without_javascript_a_page_of_its_own(self, client, meeting, people, agenda):
        _, talk, _ = agenda
        client.force_login(people.coordinator)
        url = f"/meetings/{meeting.pk}/items/{talk.pk}/timebox/"
        page = client.get(url)
        assert page.status_code == HTTPStatus.OK
        assert "Zeitrahmen, Art und Vortragende:r von „Input“" in text_of(page)

        response = client.post(
            url,
            timebox_data(meeting, talk, duration_minutes="45", kind="discussion", presenter=people.member.pk),
        )

        assert response["Location"] == f"/meetings/{meeting.pk}/#agenda"
        assert item_state(talk)[:3] == (45, "discussion", people.member.pk)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"duration_minutes": "-5"}, "Dieser Wert muss größer oder gleich 1 sein."),
            ({"duration_minutes": "100000"}, "Dieser Wert muss kleiner oder gleich 240 sein."),
            ({"duration_minutes": "zwölf"}, "Bitte eine ganze Zahl eingeben."),
            ({"kind": "party"}, "Bitte eine gültige Auswahl treffen. party ist keine gültige Auswahl."),
            ({"positions": "1,zwei"}, "Die von der Seite gesendete Reihenfolge ist nicht lesbar."),
        ],
    )
    def test_forged_values_are_refused_and_nothing_changes(
        self, client, meeting, people, agenda, changes, message
    ):
        _, talk, _ = agenda
        before = item_state(talk)
        client.force_login(people.facilitator)

        response = client.post(
            f"/meetings/{meeting.pk}/items/{talk.pk}/timebox/", timebox_data(meeting, talk, **changes)
        )

        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert message in text_of(response)
        assert item_state(talk) == before

    def test_with_htmx_a_refused_value_keeps_the_row_as_a_form_with_the_message(
        self, client, meeting, people, agenda
    ):
        _, talk, _ = agenda
        before = item_state(talk)
        client.force_login(people.facilitator)

        response = client.post(
            f"/meetings/{meeting.pk}/items/{talk.pk}/timebox/",
            timebox_data(meeting, talk, duration_minutes="0"),
            headers=HTMX,
        )

        assert response.status_code == HTTPStatus.OK
        assert response.templates[0].name == "meetings/_agenda.html"
        assert "Dieser Wert muss größer oder gleich 1 sein." in text_of(response)
        assert f'id="timebox_{talk.pk}_duration_minutes"' in response.content.decode()
        assert item_state(talk) == before

    def test_a_presenter_outside_the_community_is_refused(self, client, meeting, people, agenda):
        _, talk, _ = agenda
        before = item_state(talk)
        client.force_login(people.facilitator)

        response = client.post(
            f"/meetings/{meeting.pk}/items/{talk.pk}/timebox/",
            timebox_data(meeting, talk, presenter=people.outsider.pk),
            follow=True,
        )

        assert messages_of(response) == ["Die vortragende Person muss aktives Mitglied der Community sein."]
        assert item_state(talk) == before

    def test_a_stale_order_changes_nothing(self, client, meeting, people, agenda):
        check_in, talk, retro = agenda
        shown = timebox_data(meeting, talk, duration_minutes="50")
        services.agenda_item_move(item=retro, direction="up")  # someone else, meanwhile
        before = item_state(talk)
        client.force_login(people.facilitator)

        response = client.post(f"/meetings/{meeting.pk}/items/{talk.pk}/timebox/", shown, headers=HTMX)

        assert response.status_code == HTTPStatus.OK
        assert messages_of(response) == [
            "Jemand anderes hat die Tagesordnung inzwischen geändert. Bitte sieh sie dir noch einmal an "
            "und versuche es erneut."
        ]
        assert item_state(talk) == before

    def test_an_item_removed_meanwhile_is_not_found(self, client, meeting, people, agenda):
        check_in, talk, retro = agenda
        shown = timebox_data(meeting, talk, duration_minutes="50")
        url = f"/meetings/{meeting.pk}/items/{talk.pk}/timebox/"
        talk.delete()
        client.force_login(people.facilitator)

        response = client.post(url, shown)

        assert response.status_code == HTTPStatus.NOT_FOUND
        assert [item_state(item)[0] for item in (check_in, retro)] == [15, 15]

    def test_an_item_removed_while_saving_gives_a_message(self, meeting, people, agenda):
        _, talk, _ = agenda
        AgendaItem.objects.filter(pk=talk.pk).delete()

        with pytest.raises(ValidationError) as refused:
            services.agenda_item_update(item=talk, user=people.facilitator, duration_minutes=50)

        assert refused.value.messages == ["Diesen TOP gibt es nicht mehr; jemand hat ihn entfernt."]

    def test_an_item_of_another_meeting_is_not_found(self, client, cop, meeting, people, agenda, make_item):
        other = make_item("Anderswo", on=MeetingFactory(community=cop), status="accepted")
        before = item_state(other)
        client.force_login(people.facilitator)

        response = client.post(
            f"/meetings/{meeting.pk}/items/{other.pk}/timebox/",
            timebox_data(meeting, other, duration_minutes="50"),
        )

        assert response.status_code == HTTPStatus.NOT_FOUND
        assert item_state(other) == before

    def test_a_member_may_not_and_an_outsider_does_not_know(self, client, meeting, people, agenda):
        _, talk, _ = agenda
        before = item_state(talk)
        url = f"/meetings/{meeting.pk}/items/{talk.pk}/timebox/"
        client.force_login(people.member)
        member = client.post(url, timebox_data(meeting, talk, duration_minutes="50"))
        client.force_login(people.outsider)
        outsider = client.post(url, timebox_data(meeting, talk, duration_minutes="50"))

        assert (member.status_code, outsider.status_code) == (HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND)
        assert item_state(talk) == before


# --- who answered --------------------------------------------------------------------------------


class TestAnswers:
    def test_members_see_who_answered_yes_maybe_and_no(self, client, meeting, people):
        AttendanceFactory(meeting=meeting, user=people.member, response="yes")
        AttendanceFactory(meeting=meeting, user=people.coordinator, response="yes")
        AttendanceFactory(meeting=meeting, user=people.other_member, response="maybe")
        AttendanceFactory(meeting=meeting, user=people.facilitator, response="no")
        client.force_login(people.member)

        text = text_of(client.get(f"/meetings/{meeting.pk}/"))

        assert (
            "Ja: 2 (Clara Mustermann, Mia Mustermann) Vielleicht: 1 (Otto Mustermann) "
            "Nein: 1 (Fritz Mustermann)"
        ) in text

    def test_beyond_the_names_shown_the_count_and_the_readers_own_answer_stay_whole(
        self, client, cop, meeting, people
    ):
        for number in range(ANSWER_NAMES_LIMIT + 2):
            person = MembershipFactory(
                community=cop, user=UserFactory(first_name="A", last_name=f"Ja{number:02}")
            ).user
            AttendanceFactory(meeting=meeting, user=person, response="yes")
        AttendanceFactory(meeting=meeting, user=people.member, response="yes")  # "Mustermann": after "Ja…"
        client.force_login(people.member)

        response = client.get(f"/meetings/{meeting.pk}/")

        names = [person.display_name for person in response.context["answer_names"]["yes"]]
        assert (response.context["counts"], response.context["my_response"], len(names), names[-1]) == (
            {"yes": ANSWER_NAMES_LIMIT + 3, "maybe": 0, "no": 0},
            "yes",
            ANSWER_NAMES_LIMIT,
            f"A Ja{ANSWER_NAMES_LIMIT - 1:02}",
        )
        assert f"Ja: {ANSWER_NAMES_LIMIT + 3} (A Ja00, A Ja01," in text_of(response)
        assert f"A Ja{ANSWER_NAMES_LIMIT - 1:02} und weitere) Vielleicht: 0" in text_of(response)
        assert "Deine Antwort: Ja" in text_of(response)

    def test_a_deleted_account_answers_as_a_former_member(self, client, meeting, people):
        # Answers to meetings still to come go with the account; those to past meetings stay.
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=START - datetime.timedelta(days=400),
            ends_at=START - datetime.timedelta(days=400, hours=-2),
        )
        AttendanceFactory(meeting=meeting, user=people.other_member, response="maybe")
        services_members.user_delete_account(user=people.other_member)
        client.force_login(people.member)

        text = text_of(client.get(f"/meetings/{meeting.pk}/"))

        assert "Vielleicht: 1 (Ehemaliges Mitglied)" in text

    def test_signed_in_outsiders_of_a_public_community_see_no_names(self, client, cop, meeting, people):
        Community.objects.filter(pk=cop.pk).update(visibility=Community.Visibility.PUBLIC)
        AttendanceFactory(meeting=meeting, user=people.member, response="yes")
        client.force_login(people.outsider)

        response = client.get(f"/meetings/{meeting.pk}/")

        assert response.status_code == HTTPStatus.OK
        assert "Mia Mustermann" not in response.content.decode()

    def test_the_minutes_form_starts_from_the_yes_answers(self, client, meeting, people):
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=START - datetime.timedelta(days=400),
            ends_at=START - datetime.timedelta(days=400, hours=-2),
        )
        AttendanceFactory(meeting=meeting, user=people.member, response="yes")
        AttendanceFactory(meeting=meeting, user=people.other_member, response="maybe")
        AttendanceFactory(meeting=meeting, user=people.coordinator, response="no")
        client.force_login(people.facilitator)

        form = client.get(f"/meetings/{meeting.pk}/minutes/").context["form"]

        assert form.initial["attended"] == [str(people.member.pk)]

    def test_once_recorded_the_minutes_form_starts_from_the_record(self, client, meeting, people):
        AttendanceFactory(meeting=meeting, user=people.member, response="yes")
        services.meeting_record(meeting=meeting, user=people.facilitator, attended_user_ids=[])
        client.force_login(people.facilitator)

        form = client.get(f"/meetings/{meeting.pk}/minutes/").context["form"]

        assert form.initial["attended"] == []

    def test_the_query_count_stays_with_members_answers_and_items(
        self, client, cop, meeting, people, make_item, django_assert_num_queries
    ):
        make_item("Eins", status="accepted")
        AttendanceFactory(meeting=meeting, user=people.member, response="yes")
        client.force_login(people.facilitator)
        url = f"/meetings/{meeting.pk}/"
        client.get(url)  # the organisations that may host are read once, then kept in the cache
        with django_assert_num_queries(8):
            before = client.get(url)
        for number in range(12):
            extra = MembershipFactory(
                community=cop, user=UserFactory(organisation=OrganisationFactory())
            ).user
            make_item(f"Angenommen {number}", status="accepted", by=extra, presenter=extra)
            AttendanceFactory(meeting=meeting, user=extra, response=("yes", "maybe", "no")[number % 3])
        client.get(url)  # the new members' organisations are read again: the joins forgot them
        with django_assert_num_queries(8):
            response = client.get(url)
        assert len(response.context["host_choices"]) == len(before.context["host_choices"]) + 12
        assert [len(response.context["answer_names"][answer]) for answer in ("yes", "maybe", "no")] == [
            5,
            4,
            4,
        ]


# --- the host organisation -----------------------------------------------------------------------


@pytest.fixture
def towns(people):
    kassel, heidelberg = (
        OrganisationFactory(name="Stadt Kassel"),
        OrganisationFactory(name="Stadt Heidelberg"),
    )
    people.member.organisation = kassel
    people.member.save()
    people.facilitator.organisation = heidelberg
    people.facilitator.save()
    return kassel, heidelberg


class TestHost:
    @pytest.mark.parametrize("who", ["facilitator", "coordinator"])
    def test_the_facilitator_or_a_coordinator_sets_it_and_the_page_shows_it(
        self, client, meeting, people, towns, who
    ):
        kassel, _ = towns
        client.force_login(getattr(people, who))
        page = client.get(f"/meetings/{meeting.pk}/")
        assert [option.name for option in page.context["host_choices"]][:2] == [
            "Stadt Heidelberg",
            "Stadt Kassel",
        ]

        response = client.post(f"/meetings/{meeting.pk}/host/", {"organisation": kassel.pk}, follow=True)

        assert messages_of(response) == ["Zu Gast bei Stadt Kassel."]
        assert '<dd class="meeting-host">Stadt Kassel</dd>' in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.host_organisation == kassel

    def test_none_takes_the_host_away(self, client, meeting, people, towns):
        Meeting.objects.filter(pk=meeting.pk).update(host_organisation=towns[0])
        client.force_login(people.facilitator)

        response = client.post(f"/meetings/{meeting.pk}/host/", {"organisation": ""}, follow=True)

        assert messages_of(response) == ["Das Treffen hat jetzt keine gastgebende Organisation."]
        meeting.refresh_from_db()
        assert meeting.host_organisation is None

    @pytest.mark.parametrize("value", ["elsewhere", "999999", "abc", "-1", "99999999999999999999"])
    def test_an_organisation_outside_the_community_is_refused(self, client, meeting, people, towns, value):
        elsewhere = OrganisationFactory(name="Stadt Anderswo")
        client.force_login(people.facilitator)

        response = client.post(
            f"/meetings/{meeting.pk}/host/",
            {"organisation": elsewhere.pk if value == "elsewhere" else value},
            follow=True,
        )

        assert messages_of(response) == ["Bitte wähle eine Organisation der Mitglieder dieser Community."]
        meeting.refresh_from_db()
        assert meeting.host_organisation is None

    def test_a_member_may_not(self, client, meeting, people, towns):
        client.force_login(people.member)

        response = client.post(f"/meetings/{meeting.pk}/host/", {"organisation": towns[0].pk})

        assert response.status_code == HTTPStatus.FORBIDDEN
        meeting.refresh_from_db()
        assert meeting.host_organisation is None

    def test_a_held_meeting_keeps_its_host(self, meeting, people, towns):
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
        with pytest.raises(Exception, match="bereits stattgefunden"):
            services.meeting_set_host(meeting=meeting, organisation=towns[0], user=people.coordinator)


# --- agenda templates ----------------------------------------------------------------------------


class TestTemplates:
    def test_the_first_meeting_is_offered_getting_to_know_each_other(self, client, meeting, people):
        client.force_login(people.facilitator)
        assert client.get(f"/meetings/{meeting.pk}/").context["default_template"] == "first"

    def test_a_later_meeting_is_offered_the_regular_one(self, client, cop, meeting, people):
        MeetingFactory(community=cop, starts_at=START - datetime.timedelta(days=90))
        client.force_login(people.facilitator)
        response = client.get(f"/meetings/{meeting.pk}/")
        assert response.context["default_template"] == "regular"
        assert '<option value="regular" selected>' in response.content.decode()

    def test_not_offered_once_the_agenda_is_published(self, client, meeting, people):
        services.agenda_publish(meeting=meeting)
        client.force_login(people.facilitator)

        response = client.get(f"/meetings/{meeting.pk}/")
        refused = client.post(f"/meetings/{meeting.pk}/template/", {"template": "regular"}, follow=True)

        assert 'name="template"' not in response.content.decode()
        assert messages_of(refused) == [
            "Die Tagesordnung ist veröffentlicht; eine Vorlage kann nicht mehr angewendet werden."
        ]
        assert accepted_titles(meeting) == []

    def test_applying_twice_says_nothing_new_was_added(self, client, meeting, people):
        client.force_login(people.facilitator)
        client.post(f"/meetings/{meeting.pk}/template/", {"template": "regular"}, follow=True)

        response = client.post(f"/meetings/{meeting.pk}/template/", {"template": "regular"}, follow=True)

        assert messages_of(response) == [
            "Nichts Neues hinzugefügt: Die Tagesordnung enthält schon alle TOPs dieser Vorlage."
        ]
        assert accepted_titles(meeting) == ["Check-in", "Lean Coffee", "Impuls", "Retrospektive"]


# --- the dashboard -------------------------------------------------------------------------------


class TestDashboard:
    def test_proposed_accepted_and_minutes_to_write(self, client, cop, meeting, people):
        later = MeetingFactory(
            community=cop, starts_at=START + datetime.timedelta(days=90), facilitator=people.facilitator
        )
        next_proposal = MeetingFactory(
            community=cop, starts_at=START + datetime.timedelta(days=30), facilitator=people.facilitator
        )
        other = MembershipFactory(user=people.facilitator).community
        elsewhere = MeetingFactory(
            community=other, starts_at=START + datetime.timedelta(days=60), facilitator=people.facilitator
        )
        held = MeetingFactory(
            community=cop,
            title="Treffen Dezember 2025",
            starts_at=datetime.datetime(2025, 12, 9, 9, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2025, 12, 9, 11, 0, tzinfo=datetime.UTC),
            facilitator=people.facilitator,
            facilitator_confirmed=True,
        )
        client.force_login(people.facilitator)

        overview = client.get("/").context["facilitations"]

        assert (overview.proposals, overview.confirmed, overview.minutes_due) == (
            [next_proposal, elsewhere],
            [meeting],
            [held],
        )
        assert later not in overview.proposals
        text = text_of(client.get("/"))
        assert (
            "Du bist für die Moderation am Donnerstag, 8. April 2027, 10:00–12:00 Uhr vorgeschlagen" in text
        )
        assert "Du moderierst am Dienstag, 9. März 2027, 10:00–12:00 Uhr" in text
        assert "Treffen Dezember 2025 · Personalentwicklung · Protokoll schreiben" in text

        services.meeting_minutes_publish(meeting=held, user=people.facilitator)

        assert client.get("/").context["facilitations"].minutes_due == []
