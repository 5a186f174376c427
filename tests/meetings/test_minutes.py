# ruff: noqa: F811 - the shared fixtures are imported by name from test_pages_support
"""Minutes: a draft for the organisers until published, a confidential part, and a change record.

Services first (what they refuse, what they write), then the pages over HTTP.
"""

import datetime
import re
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings import selectors, services
from meetings.models import AgendaItem, Meeting, MinutesRevision
from members.models import Membership
from tests.factories import MembershipFactory

from .factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from .test_pages_support import START, cop, make_item, meeting, messages_of, people  # noqa: F401

pytestmark = pytest.mark.django_db

DRAFT_MARKER = "Entwurf – nur für Moderation und Koordination sichtbar"
MINUTES = "## Ergebnisse\n\nWir probieren *Working Out Loud* aus."
CONFIDENTIAL = "Fall von Frau K.: Rückkehrgespräch nach langer Krankheit."
MINUTES_FIELDS = ("minutes", "minutes_confidential", "minutes_published_at", "status")


def revisions(meeting):
    return list(
        MinutesRevision.objects.filter(meeting=meeting)
        .order_by("created_at", "pk")
        .values_list("editor__first_name", "published")
    )


def state(meeting):
    meeting.refresh_from_db()
    return tuple(getattr(meeting, name) for name in MINUTES_FIELDS)


@pytest.fixture
def held(cop, people):
    """A meeting that took place yesterday, facilitated by Fritz (accepted), with draft minutes."""
    starts = timezone.now() - datetime.timedelta(days=1)
    meeting = MeetingFactory(
        community=cop,
        title="Treffen gestern",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        facilitator=people.facilitator,
        facilitator_confirmed=True,
        status=Meeting.Status.HELD,
        minutes=MINUTES,
        minutes_confidential=CONFIDENTIAL,
    )
    AgendaItemFactory(
        meeting=meeting,
        title="Kollegiale Beratung",
        kind=AgendaItem.Kind.PEER_CONSULTATION,
        status=AgendaItem.Status.DONE,
        outcome="Drei Ideen für das Gespräch gesammelt.",
    )
    AttendanceFactory(meeting=meeting, user=people.member, attended=True)
    return meeting


def publish(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(minutes_published_at=meeting.starts_at)


# --- services ---------------------------------------------------------------------------------


class TestPublishing:
    def test_publishing_before_the_meeting_has_begun_is_refused_and_changes_nothing(self, meeting, people):
        Meeting.objects.filter(pk=meeting.pk).update(minutes=MINUTES)
        before = state(meeting)

        with pytest.raises(ValidationError) as refused:
            services.meeting_minutes_publish(meeting=meeting, user=people.coordinator)

        assert refused.value.messages == [
            "Das Protokoll kann erst veröffentlicht werden, wenn das Treffen begonnen hat."
        ]
        assert (state(meeting), revisions(meeting)) == (before, [])

    def test_save_and_publish_before_the_start_is_refused_and_keeps_the_old_text(self, meeting, people):
        with pytest.raises(ValidationError) as refused:
            services.meeting_record(meeting=meeting, user=people.facilitator, minutes="Neu", publish=True)

        assert refused.value.messages == [
            "Das Protokoll kann erst veröffentlicht werden, wenn das Treffen begonnen hat."
        ]
        assert (state(meeting), revisions(meeting)) == (("", "", None, Meeting.Status.PLANNED), [])

    def test_publishing_the_minutes_of_a_cancelled_meeting_is_refused(self, held, people):
        Meeting.objects.filter(pk=held.pk).update(status=Meeting.Status.CANCELLED)
        before = state(held)

        with pytest.raises(ValidationError) as refused:
            services.meeting_minutes_publish(meeting=held, user=people.coordinator)

        assert refused.value.messages == [
            "Das Protokoll eines abgesagten Treffens kann nicht veröffentlicht werden."
        ]
        assert (state(held), revisions(held)) == (before, [])

    def test_publish_then_unpublish(self, held, people):
        before = timezone.now()
        services.meeting_minutes_publish(meeting=held, user=people.facilitator)
        published_at = state(held)[2]
        assert (before <= published_at <= timezone.now(), held.minutes_are_published) == (True, True)

        services.meeting_minutes_unpublish(meeting=held, user=people.coordinator)

        assert state(held)[2:] == (None, Meeting.Status.HELD)
        assert revisions(held) == [("Fritz", True), ("Clara", False)]

    def test_publishing_twice_is_refused_with_a_message(self, held, people):
        services.meeting_minutes_publish(meeting=held, user=people.facilitator)
        before = state(held)

        with pytest.raises(ValidationError) as refused:
            services.meeting_minutes_publish(meeting=held, user=people.facilitator)

        assert refused.value.messages == ["Das Protokoll ist bereits veröffentlicht."]
        assert (state(held), revisions(held)) == (before, [("Fritz", True)])

    @pytest.mark.parametrize("who", ["member", "proposed facilitator"])
    def test_a_member_or_a_proposed_facilitator_cannot_publish(self, held, people, who):
        if who == "proposed facilitator":
            Meeting.objects.filter(pk=held.pk).update(facilitator_confirmed=False)
        user = people.member if who == "member" else people.facilitator
        before = state(held)

        with pytest.raises(ValidationError) as refused:
            services.meeting_minutes_publish(meeting=held, user=user)

        assert refused.value.messages == [
            "Nur die Moderation, die zugesagt hat, die Koordination und die Plattform-Koordination "
            "können das Protokoll ändern."
        ]
        assert (state(held), revisions(held)) == (before, [])


class TestChangeRecord:
    def test_every_save_and_publication_writes_a_revision_with_its_editor(self, held, people):
        services.meeting_record(meeting=held, user=people.facilitator, minutes="Erste Fassung")
        services.meeting_record(meeting=held, user=people.coordinator, minutes_confidential="Nur hier")
        services.meeting_minutes_publish(meeting=held, user=people.facilitator)
        services.meeting_record(meeting=held, user=people.facilitator, minutes="Zweite Fassung")
        services.meeting_minutes_unpublish(meeting=held, user=people.coordinator)

        assert revisions(held) == [
            ("Fritz", False),
            ("Clara", False),
            ("Fritz", True),
            ("Fritz", True),
            ("Clara", False),
        ]
        assert state(held) == ("Zweite Fassung", "Nur hier", None, Meeting.Status.HELD)

    def test_save_and_publish_writes_one_published_revision(self, held, people):
        meeting = services.meeting_record(
            meeting=held, user=people.facilitator, minutes="Fertig", publish=True
        )

        assert (meeting.minutes, meeting.minutes_are_published, revisions(held)) == (
            "Fertig",
            True,
            [("Fritz", True)],
        )

    def test_the_minutes_of_a_held_meeting_stay_editable(self, held, people):
        services.meeting_record(meeting=held, user=people.coordinator, minutes="Nachgetragen")

        assert state(held)[0::3] == ("Nachgetragen", Meeting.Status.HELD)

    def test_a_proposed_facilitator_cannot_record_and_nothing_changes(self, held, people):
        Meeting.objects.filter(pk=held.pk).update(facilitator_confirmed=False)
        before = state(held)

        with pytest.raises(ValidationError) as refused:
            services.meeting_record(meeting=held, user=people.facilitator, minutes="Übernommen")

        assert refused.value.messages == [
            "Nur die Moderation, die zugesagt hat, die Koordination und die Plattform-Koordination "
            "können das Protokoll ändern."
        ]
        assert (state(held), revisions(held)) == (before, [])

    @pytest.mark.parametrize("who", ["coordinator", "facilitator"])
    def test_a_cancelled_meeting_gets_no_minutes_outcomes_or_attendance(self, held, people, who):
        Meeting.objects.filter(pk=held.pk).update(status=Meeting.Status.CANCELLED)
        item = held.agenda_items.get()
        before = state(held)

        with pytest.raises(ValidationError) as refused:
            services.meeting_record(
                meeting=held,
                user=getattr(people, who),
                minutes="Trotzdem getroffen",
                minutes_confidential="Geheim",
                outcomes={item.pk: "Neu"},
                attended_user_ids=[people.other_member.pk],
            )

        assert refused.value.messages == [
            "Dieses Treffen wurde abgesagt und kann nicht mehr geändert werden."
        ]
        assert (state(held), revisions(held)) == (before, [])
        assert list(held.agenda_items.values_list("outcome", flat=True)) == [
            "Drei Ideen für das Gespräch gesammelt."
        ]
        assert list(held.attendances.values_list("user", "attended")) == [(people.member.pk, True)]

    def test_a_proposed_facilitator_cannot_edit_an_accepted_item(self, meeting, people, make_item):
        Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=False)
        item = make_item("Mobiles Arbeiten", status=AgendaItem.Status.ACCEPTED, minutes=20)

        with pytest.raises(ValidationError) as refused:
            services.agenda_item_update(item=item, user=people.facilitator, duration_minutes=50)

        item.refresh_from_db()
        assert (refused.value.messages, item.duration_minutes) == (
            ["Du darfst diesen TOP nicht mehr ändern."],
            20,
        )


class TestSharing:
    def test_what_leaves_the_page_never_holds_the_confidential_part(self, held):
        publish(held)
        held.refresh_from_db()

        shared = selectors.minutes_for_sharing(held)

        assert shared == selectors.SharedMinutes(
            text=MINUTES, outcomes=[("Kollegiale Beratung", "Drei Ideen für das Gespräch gesammelt.")]
        )
        assert CONFIDENTIAL not in repr(shared)

    def test_a_draft_is_not_shared_at_all(self, held):
        assert selectors.minutes_for_sharing(held) is None


# --- pages ----------------------------------------------------------------------------------------


def page(client, user, meeting) -> str:
    client.force_login(user)
    response = client.get(f"/meetings/{meeting.pk}/")
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


class TestMeetingPageMinutes:
    def test_a_member_sees_published_minutes_with_the_confidential_part_marked(self, client, held, people):
        publish(held)

        html = page(client, people.member, held)

        assert "<h2>Ergebnisse</h2>" in html
        assert CONFIDENTIAL in html
        assert ">vertraulich</span>" in html
        assert "Drei Ideen für das Gespräch gesammelt." in html
        assert "Mia Mustermann" in text(html)
        assert DRAFT_MARKER not in html

    def test_a_member_does_not_see_a_draft(self, client, held, people):
        html = page(client, people.member, held)

        found = [
            part
            for part in (
                DRAFT_MARKER,
                "Ergebnisse",
                CONFIDENTIAL,
                "Drei Ideen",
                "vertraulich",
                "zuletzt geändert",
            )
            if part in html
        ]
        assert found == []

    @pytest.mark.parametrize("who", ["facilitator", "coordinator"])
    def test_the_organisers_see_the_draft_marked_as_such(self, client, held, people, who):
        html = page(client, getattr(people, who), held)

        assert (
            DRAFT_MARKER in html,
            CONFIDENTIAL in html,
            "Drei Ideen für das Gespräch gesammelt." in html,
        ) == (
            True,
            True,
            True,
        )
        assert f'action="/meetings/{held.pk}/minutes/publish/"' in html

    def test_a_proposed_facilitator_does_not_see_the_draft(self, client, held, people):
        Meeting.objects.filter(pk=held.pk).update(facilitator_confirmed=False)

        html = page(client, people.facilitator, held)

        assert (DRAFT_MARKER in html, CONFIDENTIAL in html) == (False, False)

    def test_last_change_for_members_and_the_history_for_organisers(self, client, held, people):
        services.meeting_record(meeting=held, user=people.coordinator, minutes="Erste Fassung")
        services.meeting_record(meeting=held, user=people.facilitator, minutes=MINUTES, publish=True)

        member_page = text(page(client, people.member, held))
        organiser_page = text(page(client, people.coordinator, held))

        assert "zuletzt geändert von Fritz Mustermann am" in member_page
        assert ("Änderungen am Protokoll" in member_page, "Änderungen am Protokoll" in organiser_page) == (
            False,
            True,
        )
        history = re.findall(r"· (\w+ Mustermann) · (veröffentlicht|Entwurf)", organiser_page)
        assert history == [("Fritz Mustermann", "veröffentlicht"), ("Clara Mustermann", "Entwurf")]

    def test_publishing_from_the_page(self, client, held, people):
        client.force_login(people.facilitator)
        before = timezone.now()

        response = client.post(f"/meetings/{held.pk}/minutes/publish/", {"action": "publish"}, follow=True)

        assert messages_of(response) == [
            "Das Protokoll ist veröffentlicht: Die Mitglieder der Community können es jetzt lesen."
        ]
        assert (before <= state(held)[2] <= timezone.now(), revisions(held)) == (True, [("Fritz", True)])
        assert CONFIDENTIAL in page(client, people.member, held)

    def test_publishing_before_the_start_from_the_page_says_why_and_changes_nothing(
        self, client, meeting, people
    ):
        client.force_login(people.facilitator)

        response = client.post(f"/meetings/{meeting.pk}/minutes/publish/", {"action": "publish"}, follow=True)

        assert messages_of(response) == [
            "Das Protokoll kann erst veröffentlicht werden, wenn das Treffen begonnen hat."
        ]
        assert (state(meeting)[2], revisions(meeting)) == (None, [])

    def test_a_member_gets_403_on_publishing_and_nothing_changes(self, client, held, people):
        client.force_login(people.member)

        response = client.post(f"/meetings/{held.pk}/minutes/publish/", {"action": "publish"})

        assert response.status_code == HTTPStatus.FORBIDDEN
        assert (state(held)[2], revisions(held)) == (None, [])

    def test_the_minutes_form_saves_both_parts_and_publishes_with_its_button(self, client, held, people):
        client.force_login(people.coordinator)
        form_page = client.get(f"/meetings/{held.pk}/minutes/").content.decode()
        assert 'name="minutes_confidential"' in form_page and 'name="publish"' in form_page

        response = client.post(
            f"/meetings/{held.pk}/minutes/",
            {"minutes": "Kurz gefasst", "minutes_confidential": "Bleibt unter uns", "publish": "1"},
        )

        assert response.status_code == HTTPStatus.FOUND
        assert state(held)[:2] + (held.minutes_are_published,) == ("Kurz gefasst", "Bleibt unter uns", True)
        assert revisions(held) == [("Clara", True)]

    def test_query_count_of_a_page_with_published_minutes_does_not_grow(
        self, client, held, people, cop, django_assert_num_queries
    ):
        publish(held)
        client.force_login(people.member)
        client.get(f"/meetings/{held.pk}/")
        with django_assert_num_queries(9):
            client.get(f"/meetings/{held.pk}/")
        for number in range(6):
            extra = MembershipFactory(community=cop).user
            AgendaItemFactory(meeting=held, status=AgendaItem.Status.DONE, outcome=f"Ergebnis {number}")
            AttendanceFactory(meeting=held, user=extra, attended=True)
            services.meeting_record(meeting=held, user=people.coordinator, minutes=f"Fassung {number}")
        with django_assert_num_queries(9):
            response = client.get(f"/meetings/{held.pk}/")
        assert (len(response.context["outcome_items"]), len(response.context["attendees"])) == (7, 7)


class TestProposedFacilitatorIsRefused:
    """Until they accept, the proposed facilitator gets 403 on the organisers' pages; nothing changes."""

    @pytest.fixture
    def proposed(self, meeting):
        Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=False)
        meeting.refresh_from_db()
        return meeting

    def test_minutes_edit_and_agenda_pages_answer_403(self, client, proposed, people, make_item):
        item = make_item("Mobiles Arbeiten")
        client.force_login(people.facilitator)
        base = f"/meetings/{proposed.pk}"
        requests = {
            f"GET {base}/minutes/": client.get(f"{base}/minutes/"),
            f"POST {base}/minutes/": client.post(f"{base}/minutes/", {"minutes": "Übernommen"}),
            f"GET {base}/edit/": client.get(f"{base}/edit/"),
            f"POST {base}/edit/": client.post(f"{base}/edit/", {"title": "Umbenannt"}),
            f"POST {base}/items/{item.pk}/decide/": client.post(
                f"{base}/items/{item.pk}/decide/", {"action": "accept"}
            ),
            f"POST {base}/template/": client.post(f"{base}/template/", {"template": "regular"}),
            f"POST {base}/publish/": client.post(f"{base}/publish/"),
            f"POST {base}/minutes/publish/": client.post(f"{base}/minutes/publish/", {"action": "publish"}),
        }

        assert {key: response.status_code for key, response in requests.items()} == dict.fromkeys(
            requests, HTTPStatus.FORBIDDEN
        )
        proposed.refresh_from_db()
        item.refresh_from_db()
        assert (
            proposed.title,
            proposed.minutes,
            proposed.status,
            item.status,
            AgendaItem.objects.count(),
        ) == (
            "Treffen März 2027",
            "",
            Meeting.Status.PLANNED,
            AgendaItem.Status.PROPOSED,
            1,
        )
        assert MinutesRevision.objects.count() == 0

    def test_after_accepting_the_facilitator_may_record(self, client, proposed, people):
        client.force_login(people.facilitator)
        client.post(f"/meetings/{proposed.pk}/facilitator/", {"action": "accept"})

        response = client.post(f"/meetings/{proposed.pk}/minutes/", {"minutes": "Vorbereitet"})

        assert response.status_code == HTTPStatus.FOUND
        assert (state(proposed)[0], revisions(proposed)) == ("Vorbereitet", [("Fritz", False)])


def test_a_left_coordinator_no_longer_sees_the_draft(client, held, people):
    Membership.objects.filter(user=people.coordinator).update(status=Membership.Status.LEFT)
    client.force_login(people.coordinator)

    assert client.get(f"/meetings/{held.pk}/").status_code == HTTPStatus.NOT_FOUND
