# ruff: noqa: F811 - the shared fixtures are imported by name from test_pages_support
"""Meeting pages from the outside: who may see and do what, and what each action changes.

Decision (documented in meetings/views.py): a member who may see the meeting but is not its
facilitator or a coordinator gets 403 for agenda decisions; anyone who may not see the meeting
gets 404, for GET and POST alike, signed in or not.
"""

import datetime
import re
from http import HTTPStatus

import pytest
from django.utils import timezone

from meetings.cadence import BERLIN
from meetings.models import AgendaItem, Attendance, Meeting
from members.models import Community

from .conftest import cadence_series
from .factories import AttendanceFactory, MeetingFactory
from .test_pages_support import START, accepted_titles, cop, make_item, meeting, messages_of, people  # noqa: F401

pytestmark = pytest.mark.django_db


def meeting_urls(meeting, item):
    base = f"/meetings/{meeting.pk}"
    slug = meeting.community.slug
    return [
        f"{base}/",
        f"{base}/edit/",
        f"{base}/cancel/",
        f"{base}/facilitator/",
        f"{base}/items/new/",
        f"{base}/items/{item.pk}/edit/",
        f"{base}/items/{item.pk}/decide/",
        f"{base}/template/",
        f"{base}/publish/",
        f"{base}/rsvp/",
        f"{base}/minutes/",
        f"{base}/minutes/publish/",
        f"/communities/{slug}/meetings/",
        f"/communities/{slug}/meetings/plan/",
        f"/communities/{slug}/cadence/",
    ]


class TestNobodyOutsideSeesAMembersOnlyMeeting:
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_outsider_gets_404_everywhere(self, client, meeting, people, make_item, method):
        item = make_item("Mobiles Arbeiten")
        client.force_login(people.outsider)
        statuses = {url: getattr(client, method)(url).status_code for url in meeting_urls(meeting, item)}
        assert statuses == dict.fromkeys(meeting_urls(meeting, item), HTTPStatus.NOT_FOUND)
        assert AgendaItem.objects.count() == 1
        assert Meeting.objects.get().status == Meeting.Status.PLANNED

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_anonymous_gets_404_everywhere(self, client, meeting, make_item, method):
        item = make_item("Mobiles Arbeiten")
        statuses = {url: getattr(client, method)(url).status_code for url in meeting_urls(meeting, item)}
        assert statuses == dict.fromkeys(meeting_urls(meeting, item), HTTPStatus.NOT_FOUND)

    def test_former_member_gets_404(self, client, meeting, people, cop):
        cop.memberships.filter(user=people.member).update(status="left")
        client.force_login(people.member)
        assert client.get(f"/meetings/{meeting.pk}/").status_code == HTTPStatus.NOT_FOUND

    def test_item_of_another_meeting_is_404(self, client, meeting, people, make_item, cop):
        other = MeetingFactory(community=cop, starts_at=START + datetime.timedelta(days=90))
        foreign = make_item("Anderes Treffen", on=other)
        client.force_login(people.facilitator)
        response = client.post(f"/meetings/{meeting.pk}/items/{foreign.pk}/decide/", {"action": "accept"})
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert AgendaItem.objects.get(pk=foreign.pk).status == AgendaItem.Status.PROPOSED

    def test_unknown_meeting_is_404(self, client, people):
        client.force_login(people.member)
        assert client.get("/meetings/999999/").status_code == HTTPStatus.NOT_FOUND

    def test_public_meeting_is_visible_to_anonymous_but_actions_ask_to_sign_in(self, client, people):
        public = MeetingFactory(community__visibility=Community.Visibility.PUBLIC, title="Offenes Treffen")
        assert client.get(f"/meetings/{public.pk}/").status_code == HTTPStatus.OK
        response = client.post(f"/meetings/{public.pk}/rsvp/", {"response": "yes"})
        assert (response.status_code, response.url) == (
            HTTPStatus.FOUND,
            f"/accounts/login/?next=/meetings/{public.pk}/rsvp/",
        )
        assert Attendance.objects.count() == 0


class TestProposingItems:
    def test_the_meeting_page_links_to_the_form_which_opens_in_place(self, client, meeting, people):
        client.force_login(people.member)
        html = client.get(f"/meetings/{meeting.pk}/").content.decode()
        url = f"/meetings/{meeting.pk}/items/new/"
        assert re.findall(r'<a class="btn btn-primary" href="[^"]*items/new/"[^>]*>[^<]*</a>', html) == [
            f'<a class="btn btn-primary" href="{url}" hx-get="{url}" hx-select="#item-form" '
            'hx-target="this" hx-swap="outerHTML">TOP vorschlagen</a>'
        ]
        assert 'name="title"' not in html

    def test_the_forms_page_posts_to_itself_with_the_focus_on_the_title(
        self, client, meeting, people, make_item
    ):
        client.force_login(people.member)
        html = client.get(f"/meetings/{meeting.pk}/items/new/").content.decode()
        item = make_item("Eigener TOP", by=people.member)
        edit = client.get(f"/meetings/{meeting.pk}/items/{item.pk}/edit/").content.decode()
        assert (
            re.findall(r'<form method="post" action="[^"]*"[^>]*id="item-form"', html),
            re.findall(r'<input type="text" name="title"[^>]*>', html),
            re.findall(r'<input type="text" name="title"[^>]*>', edit),
        ) == (
            [
                f'<form method="post" action="/meetings/{meeting.pk}/items/new/" class="col-lg-8" '
                'id="item-form"'
            ],
            [
                '<input type="text" name="title" maxlength="200" autofocus class="textinput form-control" '
                'required id="id_title">'
            ],
            [
                '<input type="text" name="title" value="Eigener TOP" maxlength="200" class="textinput '
                'form-control" required id="id_title">'
            ],
        )

    def test_member_proposes_an_item(self, client, meeting, people):
        client.force_login(people.member)
        response = client.post(
            f"/meetings/{meeting.pk}/items/new/",
            {
                "title": "Mobiles Arbeiten",
                "description": "Erfahrungen",
                "kind": "discussion",
                "duration_minutes": "25",
            },
        )
        assert (response.status_code, response.url) == (HTTPStatus.FOUND, f"/meetings/{meeting.pk}/")
        item = AgendaItem.objects.get()
        assert (
            item.title,
            item.description,
            item.kind,
            item.duration_minutes,
            item.proposed_by,
            item.status,
        ) == (
            "Mobiles Arbeiten",
            "Erfahrungen",
            "discussion",
            25,
            people.member,
            AgendaItem.Status.PROPOSED,
        )

    def test_member_cannot_name_a_presenter(self, client, meeting, people):
        client.force_login(people.member)
        client.post(
            f"/meetings/{meeting.pk}/items/new/",
            {
                "title": "Input",
                "kind": "input",
                "duration_minutes": "10",
                "presenter": people.other_member.pk,
            },
        )
        assert AgendaItem.objects.get().presenter is None

    @pytest.mark.parametrize("minutes", ["0", "10000", "zehn", ""])
    def test_bad_duration_keeps_the_text_and_saves_nothing(self, client, meeting, people, minutes):
        client.force_login(people.member)
        response = client.post(
            f"/meetings/{meeting.pk}/items/new/",
            {
                "title": "Konfliktmanagement",
                "description": "Mein langer Text",
                "kind": "input",
                "duration_minutes": minutes,
            },
        )
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert AgendaItem.objects.count() == 0
        form = response.context["form"]
        assert (form.data["title"], form.data["description"], list(form.errors)) == (
            "Konfliktmanagement",
            "Mein langer Text",
            ["duration_minutes"],
        )
        assert "Mein langer Text" in response.content.decode()

    def test_after_publishing_members_cannot_propose_and_keep_their_text(self, client, meeting, people):
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
        client.force_login(people.member)
        response = client.post(
            f"/meetings/{meeting.pk}/items/new/",
            {"title": "Zu spät", "kind": "discussion", "duration_minutes": "10"},
        )
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert AgendaItem.objects.count() == 0
        assert response.context["form"].data["title"] == "Zu spät"
        assert messages_of(response) == [
            "Für dieses Treffen können keine neuen TOPs mehr vorgeschlagen werden: "
            "Die Tagesordnung ist veröffentlicht oder das Treffen ist vorbei."
        ]

    @pytest.mark.parametrize("who", ["facilitator", "coordinator"])
    def test_after_publishing_the_organisers_still_add_items(self, client, meeting, people, who):
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
        client.force_login(getattr(people, who))
        assert client.get(f"/meetings/{meeting.pk}/items/new/").status_code == HTTPStatus.OK
        response = client.post(
            f"/meetings/{meeting.pk}/items/new/",
            {"title": "Nachtrag", "kind": "input", "duration_minutes": "10"},
        )
        assert response.status_code == HTTPStatus.FOUND
        assert list(AgendaItem.objects.values_list("title", "status", "proposed_by")) == [
            ("Nachtrag", AgendaItem.Status.PROPOSED, getattr(people, who).pk)
        ]


class TestEditingOwnItems:
    def test_proposer_edits_own_item_while_proposed(self, client, meeting, people, make_item):
        item = make_item("Mobiles Arbeiten", by=people.member)
        client.force_login(people.member)
        assert client.get(f"/meetings/{meeting.pk}/items/{item.pk}/edit/").status_code == HTTPStatus.OK
        response = client.post(
            f"/meetings/{meeting.pk}/items/{item.pk}/edit/",
            {"title": "Mobiles Arbeiten nach Corona", "kind": "discussion", "duration_minutes": "30"},
        )
        assert response.status_code == HTTPStatus.FOUND
        item.refresh_from_db()
        assert (item.title, item.duration_minutes) == ("Mobiles Arbeiten nach Corona", 30)

    def test_proposer_cannot_edit_once_accepted(self, client, meeting, people, make_item):
        item = make_item("Mobiles Arbeiten", by=people.member, status=AgendaItem.Status.ACCEPTED)
        client.force_login(people.member)
        response = client.post(
            f"/meetings/{meeting.pk}/items/{item.pk}/edit/",
            {"title": "Heimlich geändert", "kind": "discussion", "duration_minutes": "30"},
        )
        assert response.status_code == HTTPStatus.FORBIDDEN
        item.refresh_from_db()
        assert (item.title, item.duration_minutes) == ("Mobiles Arbeiten", 20)

    def test_other_member_cannot_edit_someone_elses_item(self, client, meeting, people, make_item):
        item = make_item("Mobiles Arbeiten", by=people.member)
        client.force_login(people.other_member)
        response = client.post(
            f"/meetings/{meeting.pk}/items/{item.pk}/edit/",
            {"title": "Fremd geändert", "kind": "discussion", "duration_minutes": "30"},
        )
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert AgendaItem.objects.get(pk=item.pk).title == "Mobiles Arbeiten"

    def test_facilitator_edits_an_accepted_item_and_sets_a_presenter(
        self, client, meeting, people, make_item
    ):
        item = make_item("Input", status=AgendaItem.Status.ACCEPTED)
        client.force_login(people.facilitator)
        client.post(
            f"/meetings/{meeting.pk}/items/{item.pk}/edit/",
            {
                "title": "Input: Lernplattform",
                "kind": "input",
                "duration_minutes": "40",
                "presenter": people.member.pk,
            },
        )
        item.refresh_from_db()
        assert (item.title, item.kind, item.duration_minutes, item.presenter) == (
            "Input: Lernplattform",
            "input",
            40,
            people.member,
        )


class TestAgendaDecisions:
    @pytest.mark.parametrize("action", ["accept", "reject", "defer", "up", "down"])
    def test_member_who_does_not_facilitate_gets_403(self, client, meeting, people, make_item, action):
        item = make_item("Mobiles Arbeiten")
        client.force_login(people.member)
        response = client.post(f"/meetings/{meeting.pk}/items/{item.pk}/decide/", {"action": action})
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert AgendaItem.objects.get(pk=item.pk).status == AgendaItem.Status.PROPOSED

    @pytest.mark.parametrize("url", ["template/", "publish/"])
    def test_member_cannot_apply_templates_or_publish(self, client, meeting, people, url):
        client.force_login(people.member)
        response = client.post(f"/meetings/{meeting.pk}/{url}", {"template": "regular"})
        assert response.status_code == HTTPStatus.FORBIDDEN
        meeting.refresh_from_db()
        assert (meeting.status, meeting.agenda_items.count()) == (Meeting.Status.PLANNED, 0)

    @pytest.mark.parametrize("who", ["facilitator", "coordinator"])
    def test_facilitator_or_coordinator_accepts(self, client, meeting, people, make_item, who):
        item = make_item("Mobiles Arbeiten")
        client.force_login(getattr(people, who))
        response = client.post(f"/meetings/{meeting.pk}/items/{item.pk}/decide/", {"action": "accept"})
        assert (response.status_code, response.url) == (HTTPStatus.FOUND, f"/meetings/{meeting.pk}/#agenda")
        assert AgendaItem.objects.get(pk=item.pk).status == AgendaItem.Status.ACCEPTED

    def test_reject_and_defer(self, client, meeting, people, make_item, cop):
        later = MeetingFactory(community=cop, starts_at=START + datetime.timedelta(days=91))
        rejected, deferred = make_item("Abgelehnt"), make_item("Später")
        client.force_login(people.facilitator)
        client.post(f"/meetings/{meeting.pk}/items/{rejected.pk}/decide/", {"action": "reject"})
        client.post(f"/meetings/{meeting.pk}/items/{deferred.pk}/decide/", {"action": "defer"})
        assert dict(meeting.agenda_items.values_list("title", "status")) == {
            "Abgelehnt": AgendaItem.Status.REJECTED,
            "Später": AgendaItem.Status.DEFERRED,
        }
        assert list(later.agenda_items.values_list("title", "status")) == [
            ("Später", AgendaItem.Status.PROPOSED)
        ]

    def test_facilitator_moves_an_item_up(self, client, meeting, people, make_item):
        first = make_item("Check-in", status=AgendaItem.Status.ACCEPTED, position=1)
        second = make_item("Input", status=AgendaItem.Status.ACCEPTED, position=2)
        client.force_login(people.facilitator)
        response = client.post(
            f"/meetings/{meeting.pk}/items/{second.pk}/decide/",
            {"action": "up", "positions": f"{first.pk},{second.pk}"},
        )
        assert response.status_code == HTTPStatus.FOUND
        assert accepted_titles(meeting) == ["Input", "Check-in"]

    def test_moving_the_first_item_up_changes_nothing_and_says_so(self, client, meeting, people, make_item):
        first = make_item("Check-in", status=AgendaItem.Status.ACCEPTED, position=1)
        second = make_item("Input", status=AgendaItem.Status.ACCEPTED, position=2)
        client.force_login(people.facilitator)
        response = client.post(
            f"/meetings/{meeting.pk}/items/{first.pk}/decide/",
            {"action": "up", "positions": f"{first.pk},{second.pk}"},
            follow=True,
        )
        assert messages_of(response) == ["„Check-in“ steht bereits ganz oben."]
        assert accepted_titles(meeting) == ["Check-in", "Input"]

    def test_stale_reorder_is_refused_with_a_message(self, client, meeting, people, make_item):
        first = make_item("Check-in", status=AgendaItem.Status.ACCEPTED, position=1)
        second = make_item("Input", status=AgendaItem.Status.ACCEPTED, position=2)
        third = make_item("Retro", status=AgendaItem.Status.ACCEPTED, position=3)
        client.force_login(people.facilitator)
        # The page showed check-in, input, retro; meanwhile the coordinator moved the retro up.
        seen = f"{first.pk},{second.pk},{third.pk}"
        AgendaItem.objects.filter(pk=third.pk).update(position=0)
        response = client.post(
            f"/meetings/{meeting.pk}/items/{second.pk}/decide/",
            {"action": "down", "positions": seen},
            follow=True,
        )
        assert response.status_code == HTTPStatus.OK
        assert messages_of(response) == [
            "Jemand anderes hat die Tagesordnung inzwischen geändert. Bitte sieh sie dir noch einmal an "
            "und versuche es erneut."
        ]
        assert accepted_titles(meeting) == ["Retro", "Check-in", "Input"]
        assert [entry.item.title for entry in response.context["agenda_rows"]] == [
            "Retro",
            "Check-in",
            "Input",
        ]

    def test_stale_reorder_through_htmx_answers_with_the_message_and_the_current_agenda(
        self, client, meeting, people, make_item
    ):
        first = make_item("Check-in", status=AgendaItem.Status.ACCEPTED, position=1)
        second = make_item("Input", status=AgendaItem.Status.ACCEPTED, position=2)
        client.force_login(people.facilitator)
        AgendaItem.objects.filter(pk=second.pk).update(position=0)
        response = client.post(
            f"/meetings/{meeting.pk}/items/{first.pk}/decide/",
            {"action": "down", "positions": f"{first.pk},{second.pk}"},
            headers={"HX-Request": "true"},
        )
        # 200: htmx swaps only successful answers, and this one carries the message and the agenda.
        assert response.status_code == HTTPStatus.OK
        assert [t.name for t in response.templates][0] == "meetings/_agenda.html"
        assert [entry.item.title for entry in response.context["agenda_rows"]] == ["Input", "Check-in"]
        assert accepted_titles(meeting) == ["Input", "Check-in"]
        assert "Jemand anderes hat die Tagesordnung inzwischen geändert." in response.content.decode()

    def test_htmx_accept_answers_with_the_agenda_partial(self, client, meeting, people, make_item):
        item = make_item("Mobiles Arbeiten")
        client.force_login(people.facilitator)
        response = client.post(
            f"/meetings/{meeting.pk}/items/{item.pk}/decide/",
            {"action": "accept"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == HTTPStatus.OK
        assert [t.name for t in response.templates][0] == "meetings/_agenda.html"
        assert [entry.item.title for entry in response.context["agenda_rows"]] == ["Mobiles Arbeiten"]
        assert "<html" not in response.content.decode()

    def test_unknown_action_is_a_message_not_an_error(self, client, meeting, people, make_item):
        item = make_item("Mobiles Arbeiten")
        client.force_login(people.facilitator)
        response = client.post(
            f"/meetings/{meeting.pk}/items/{item.pk}/decide/", {"action": "explode"}, follow=True
        )
        assert response.status_code == HTTPStatus.OK
        assert messages_of(response) == [
            "Bitte wähle Annehmen, Ablehnen, Vertagen, nach oben oder nach unten."
        ]
        assert AgendaItem.objects.get(pk=item.pk).status == AgendaItem.Status.PROPOSED

    @pytest.mark.parametrize("status", [AgendaItem.Status.REJECTED, AgendaItem.Status.DEFERRED])
    @pytest.mark.parametrize("action", ["accept", "reject", "defer"])
    def test_deciding_an_item_again_is_refused_with_a_message(
        self, client, meeting, people, make_item, action, status
    ):
        item = make_item("Mobiles Arbeiten", status=status)
        client.force_login(people.facilitator)
        response = client.post(
            f"/meetings/{meeting.pk}/items/{item.pk}/decide/", {"action": action}, follow=True
        )
        assert messages_of(response) == ["Dieser TOP wurde bereits behandelt."]
        assert list(AgendaItem.objects.values_list("pk", "meeting", "status")) == [
            (item.pk, meeting.pk, status)
        ]

    def test_apply_template_and_publish(self, client, meeting, people):
        client.force_login(people.facilitator)
        client.post(f"/meetings/{meeting.pk}/template/", {"template": "regular"})
        assert accepted_titles(meeting) == ["Check-in", "Lean Coffee", "Impuls", "Retrospektive"]
        client.post(f"/meetings/{meeting.pk}/publish/")
        meeting.refresh_from_db()
        assert (meeting.status, meeting.sequence) == (Meeting.Status.PUBLISHED, 1)

    def test_unknown_template_changes_nothing(self, client, meeting, people):
        client.force_login(people.facilitator)
        response = client.post(f"/meetings/{meeting.pk}/template/", {"template": "party"}, follow=True)
        assert response.status_code == HTTPStatus.OK
        assert meeting.agenda_items.count() == 0


class TestRSVP:
    def test_members_answer_and_the_page_counts(self, client, meeting, people):
        for user, answer in [
            (people.member, "yes"),
            (people.other_member, "maybe"),
            (people.facilitator, "yes"),
        ]:
            client.force_login(user)
            client.post(f"/meetings/{meeting.pk}/rsvp/", {"response": answer})
        client.force_login(people.member)
        client.post(f"/meetings/{meeting.pk}/rsvp/", {"response": "no"})  # changed their mind
        response = client.get(f"/meetings/{meeting.pk}/")
        assert (response.context["counts"], response.context["my_response"]) == (
            {"yes": 1, "maybe": 1, "no": 1},
            "no",
        )
        assert Attendance.objects.count() == 3

    def test_bad_answer_is_refused(self, client, meeting, people):
        client.force_login(people.member)
        response = client.post(f"/meetings/{meeting.pk}/rsvp/", {"response": "vielleicht-ja"}, follow=True)
        assert response.status_code == HTTPStatus.OK
        assert Attendance.objects.count() == 0


class TestMeetingChanges:
    def test_end_before_start_keeps_the_input_and_the_meeting(self, client, meeting, people):
        client.force_login(people.facilitator)
        response = client.post(
            f"/meetings/{meeting.pk}/edit/",
            {
                "title": "Verschoben",
                "starts_at": "2027-03-09T14:00",
                "ends_at": "2027-03-09T12:00",
                "format": "online",
                "video_url": "https://video.example.org/neu",
            },
        )
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.context["form"].non_field_errors() == ["Ein Treffen muss nach seinem Beginn enden."]
        assert response.context["form"].data["title"] == "Verschoben"
        meeting.refresh_from_db()
        assert (meeting.title, meeting.starts_at, meeting.sequence) == ("Treffen März 2027", START, 0)

    def test_facilitator_moves_the_meeting(self, client, meeting, people):
        client.force_login(people.facilitator)
        response = client.post(
            f"/meetings/{meeting.pk}/edit/",
            {
                "title": "Treffen März 2027",
                "starts_at": "2027-03-16T14:00",
                "ends_at": "2027-03-16T16:00",
                "format": "hybrid",
                "location": "Rathaus Kassel",
                "video_url": "https://video.example.org/cop",
            },
        )
        assert response.status_code == HTTPStatus.FOUND
        meeting.refresh_from_db()
        assert (meeting.starts_at, meeting.format, meeting.location, meeting.sequence) == (
            START.replace(day=16, hour=14),
            "hybrid",
            "Rathaus Kassel",
            1,
        )

    def test_member_cannot_move_the_meeting(self, client, meeting, people):
        client.force_login(people.member)
        assert client.get(f"/meetings/{meeting.pk}/edit/").status_code == HTTPStatus.FORBIDDEN

    def test_coordinator_cancels_member_cannot(self, client, meeting, people):
        client.force_login(people.member)
        assert client.post(f"/meetings/{meeting.pk}/cancel/").status_code == HTTPStatus.FORBIDDEN
        client.force_login(people.coordinator)
        assert client.get(f"/meetings/{meeting.pk}/cancel/").status_code == HTTPStatus.OK
        client.post(f"/meetings/{meeting.pk}/cancel/")
        meeting.refresh_from_db()
        assert (meeting.status, meeting.sequence) == (Meeting.Status.CANCELLED, 1)


class TestFacilitation:
    def test_facilitator_accepts(self, client, meeting, people):
        client.force_login(people.facilitator)
        response = client.post(f"/meetings/{meeting.pk}/facilitator/", {"action": "accept", "next": "home"})
        assert (response.status_code, response.url) == (HTTPStatus.FOUND, "/")
        meeting.refresh_from_db()
        assert (meeting.facilitator, meeting.facilitator_confirmed) == (people.facilitator, True)

    def test_facilitator_declines_and_someone_else_is_proposed(self, client, meeting, people):
        client.force_login(people.facilitator)
        client.post(f"/meetings/{meeting.pk}/facilitator/", {"action": "decline"})
        meeting.refresh_from_db()
        # Everyone else has had no turn yet: the earliest membership (the coordinator's) is due.
        assert (meeting.facilitator, meeting.facilitator_confirmed) == (people.coordinator, False)

    def test_declining_a_meeting_that_is_not_yours_is_refused_with_a_message(self, client, meeting, people):
        client.force_login(people.member)
        response = client.post(f"/meetings/{meeting.pk}/facilitator/", {"action": "decline"}, follow=True)
        assert response.status_code == HTTPStatus.OK
        assert messages_of(response) == [
            "Nur die vorgeschlagene Moderator:in kann dieses Treffen übernehmen, ablehnen oder tauschen."
        ]
        meeting.refresh_from_db()
        assert meeting.facilitator == people.facilitator

    def test_swap_with_another_meeting(self, client, meeting, people, cop):
        other = MeetingFactory(
            community=cop, starts_at=START + datetime.timedelta(days=91), facilitator=people.other_member
        )
        client.force_login(people.facilitator)
        client.post(f"/meetings/{meeting.pk}/facilitator/", {"action": "swap", "other_meeting": other.pk})
        meeting.refresh_from_db()
        other.refresh_from_db()
        assert (meeting.facilitator, other.facilitator, other.facilitator_confirmed) == (
            people.other_member,
            people.facilitator,
            True,
        )

    def test_coordinator_overrides_member_cannot(self, client, meeting, people):
        client.force_login(people.member)
        response = client.post(
            f"/meetings/{meeting.pk}/facilitator/", {"action": "override", "user": people.member.pk}
        )
        assert response.status_code == HTTPStatus.FORBIDDEN
        client.force_login(people.coordinator)
        client.post(
            f"/meetings/{meeting.pk}/facilitator/", {"action": "override", "user": people.other_member.pk}
        )
        meeting.refresh_from_db()
        assert (meeting.facilitator, meeting.facilitator_confirmed) == (people.other_member, False)

    def test_override_with_an_outsider_is_refused(self, client, meeting, people):
        client.force_login(people.coordinator)
        response = client.post(
            f"/meetings/{meeting.pk}/facilitator/",
            {"action": "override", "user": people.outsider.pk},
            follow=True,
        )
        assert response.status_code == HTTPStatus.OK
        meeting.refresh_from_db()
        assert meeting.facilitator == people.facilitator


class TestMinutes:
    def test_facilitator_records_minutes_outcomes_attendance_and_marks_held(
        self, client, cop, people, make_item
    ):
        past = MeetingFactory(
            community=cop,
            starts_at=datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2026, 3, 10, 11, 0, tzinfo=datetime.UTC),
            facilitator=people.facilitator,
            facilitator_confirmed=True,
        )
        item = make_item("Mobiles Arbeiten", status=AgendaItem.Status.ACCEPTED, on=past)
        AttendanceFactory(meeting=past, user=people.other_member, response="yes")
        client.force_login(people.facilitator)
        assert client.get(f"/meetings/{past.pk}/minutes/").status_code == HTTPStatus.OK
        response = client.post(
            f"/meetings/{past.pk}/minutes/",
            {
                "minutes": "## Ergebnisse\n\nWir treffen uns wieder.",
                f"outcome_{item.pk}": "Leitfaden wird erstellt.",
                "attended": [str(people.member.pk), str(people.facilitator.pk)],
                "mark_held": "on",
            },
        )
        assert response.status_code == HTTPStatus.FOUND
        past.refresh_from_db()
        item.refresh_from_db()
        assert (past.status, past.minutes, item.outcome, item.status) == (
            Meeting.Status.HELD,
            "## Ergebnisse\n\nWir treffen uns wieder.",
            "Leitfaden wird erstellt.",
            AgendaItem.Status.DONE,
        )
        assert dict(past.attendances.values_list("user__first_name", "attended")) == {
            "Mia": True,
            "Fritz": True,
            "Otto": False,
        }

    def test_the_form_offers_active_members_and_those_recorded_present_only(self, client, cop, people):
        past = MeetingFactory(
            community=cop,
            starts_at=datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2026, 3, 10, 11, 0, tzinfo=datetime.UTC),
            facilitator=people.facilitator,
            facilitator_confirmed=True,
        )
        # Otto answered yes and left before the meeting; Mia was there and left afterwards.
        AttendanceFactory(meeting=past, user=people.other_member, response="yes")
        AttendanceFactory(meeting=past, user=people.member, response="yes", attended=True)
        cop.memberships.filter(user__in=[people.member, people.other_member]).update(status="left")
        client.force_login(people.facilitator)

        form = client.get(f"/meetings/{past.pk}/minutes/").context["form"]
        response = client.post(f"/meetings/{past.pk}/minutes/", {"attended": [str(people.other_member.pk)]})

        # Those recorded present come first, then the active members; Otto (left) is not offered.
        assert [label for _pk, label in form.fields["attended"].widget.choices] == [
            "Mia Mustermann",
            "Clara Mustermann",
            "Fritz Mustermann",
        ]
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert dict(past.attendances.values_list("user__first_name", "attended")) == {
            "Mia": True,
            "Otto": None,
        }

    def test_member_cannot_record_minutes(self, client, meeting, people):
        client.force_login(people.member)
        response = client.post(f"/meetings/{meeting.pk}/minutes/", {"minutes": "Gefälscht"})
        assert response.status_code == HTTPStatus.FORBIDDEN
        meeting.refresh_from_db()
        assert meeting.minutes == ""

    def test_marking_a_future_meeting_held_is_refused_and_keeps_the_minutes_text(
        self, client, meeting, people
    ):
        client.force_login(people.facilitator)
        response = client.post(
            f"/meetings/{meeting.pk}/minutes/", {"minutes": "Vorab notiert", "mark_held": "on"}
        )
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.context["form"].data["minutes"] == "Vorab notiert"
        meeting.refresh_from_db()
        assert (meeting.status, meeting.minutes) == (Meeting.Status.PLANNED, "")


class TestCommunityPlanning:
    def test_coordinator_plans_and_rerunning_adds_nothing(self, client, cop, people):
        client.force_login(people.coordinator)
        today = timezone.localdate(timezone=BERLIN)
        first = client.post(f"/communities/{cop.slug}/meetings/plan/", follow=True)
        rows = Meeting.objects.filter(community=cop).order_by("slot").values_list("pk", "slot")
        planned = list(rows)
        second = client.post(f"/communities/{cop.slug}/meetings/plan/", follow=True)

        expected = cadence_series(months=cop.cadence_months, today=today)
        assert [slot for _pk, slot in planned] == expected
        assert messages_of(first) == [f"{len(expected)} Treffen wurden geplant."]
        assert messages_of(second) == ["Alle Treffen der kommenden Monate sind bereits geplant."]
        assert (
            list(Meeting.objects.filter(community=cop).order_by("slot").values_list("pk", "slot")) == planned
        )

    def test_member_cannot_plan(self, client, cop, people):
        client.force_login(people.member)
        assert client.post(f"/communities/{cop.slug}/meetings/plan/").status_code == HTTPStatus.FORBIDDEN
        assert Meeting.objects.count() == 0

    def test_coordinator_sets_the_cadence(self, client, cop, people):
        client.force_login(people.coordinator)
        assert client.get(f"/communities/{cop.slug}/cadence/").status_code == HTTPStatus.OK
        response = client.post(
            f"/communities/{cop.slug}/cadence/",
            {
                "cadence_months": "2",
                "cadence_week": "-1",
                "cadence_weekday": "3",
                "meeting_start_time": "14:00",
                "meeting_duration_minutes": "90",
                "meeting_format": "hybrid",
                "meeting_location": "Rathaus",
                "video_url": "",
                "rotation_mode": "organisation",
                "reminder_days_early": "10",
                "reminder_days_late": "0",
            },
        )
        assert response.status_code == HTTPStatus.FOUND
        cop.refresh_from_db()
        assert (
            cop.cadence_months,
            cop.cadence_week,
            cop.cadence_weekday,
            cop.meeting_start_time,
            cop.meeting_duration_minutes,
            cop.meeting_format,
            cop.rotation_mode,
            cop.reminder_days_early,
            cop.reminder_days_late,
        ) == (2, -1, 3, datetime.time(14, 0), 90, "hybrid", "organisation", 10, 0)

    def test_bad_cadence_is_refused_and_nothing_changes(self, client, cop, people):
        client.force_login(people.coordinator)
        response = client.post(
            f"/communities/{cop.slug}/cadence/",
            {
                "cadence_months": "0",
                "cadence_week": "2",
                "cadence_weekday": "1",
                "meeting_start_time": "10:00",
                "meeting_duration_minutes": "100000",
                "meeting_format": "online",
                "rotation_mode": "person",
                "reminder_days_early": "7",
                "reminder_days_late": "1",
            },
        )
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert sorted(response.context["form"].errors) == ["cadence_months", "meeting_duration_minutes"]
        cop.refresh_from_db()
        assert (cop.cadence_months, cop.meeting_duration_minutes) == (3, 120)

    def test_reminder_days_out_of_order_are_refused_with_a_message_and_nothing_changes(
        self, client, cop, people
    ):
        client.force_login(people.coordinator)
        data = {
            "cadence_months": "2",
            "cadence_week": "2",
            "cadence_weekday": "1",
            "meeting_start_time": "10:00",
            "meeting_duration_minutes": "120",
            "meeting_format": "online",
            "rotation_mode": "person",
            "reminder_days_early": "1",
            "reminder_days_late": "3",
        }
        response = client.post(f"/communities/{cop.slug}/cadence/", data)
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.context["form"].non_field_errors() == [
            "Die zweite Erinnerung kommt näher am Treffen als die erste."
        ]
        page = " ".join(response.content.decode().split())
        assert (
            '<div class="alert alert-danger" role="alert"> <ul class="m-0"> '
            "<li>Die zweite Erinnerung kommt näher am Treffen als die erste.</li></ul>"
        ) in page
        cop.refresh_from_db()
        assert (cop.cadence_months, cop.reminder_days_early, cop.reminder_days_late) == (3, 7, 1)

    def test_member_cannot_change_the_cadence(self, client, cop, people):
        client.force_login(people.member)
        assert client.get(f"/communities/{cop.slug}/cadence/").status_code == HTTPStatus.FORBIDDEN
