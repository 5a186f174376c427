# ruff: noqa: F811 - the shared fixtures are imported by name from test_pages_support
"""Choosing a facilitator, a presenter or who took part: never a list of every member.

A community with more than selectors.CHOOSER_LIST_LIMIT eligible people gets a search (htmx, and a
search button that works without JavaScript) showing at most CHOOSER_MATCH_LIMIT matches; the
services refuse whoever is not a member, whatever id a form sends.
"""

import re
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress

from meetings import selectors
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.selectors import CHOOSER_LIST_LIMIT, CHOOSER_MATCH_LIMIT
from members.models import Membership, User
from tests.factories import UserFactory

from .factories import AttendanceFactory
from .test_pages_support import START, cop, meeting, people  # noqa: F401

pytestmark = pytest.mark.django_db


def crowd(community, size: int, *, last_name="Menge") -> list[User]:
    """`size` confirmed active members named Person000 Menge, Person001 Menge, …"""
    users = User.objects.bulk_create(
        [
            User(
                email=f"person{number:03d}.{last_name.lower()}@example.org",
                first_name=f"Person{number:03d}",
                last_name=last_name,
            )
            for number in range(size)
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in users]
    )
    Membership.objects.bulk_create(
        [
            Membership(community=community, user=user, status=Membership.Status.ACTIVE, joined_at=START)
            for user in users
        ]
    )
    return users


def crowd_names_in(html: str, last_name="Menge") -> list[str]:
    return re.findall(rf"Person\d{{3}} {last_name}", html)


def radio_values(html: str, name: str) -> list[str]:
    return re.findall(rf'type="(?:radio|checkbox)" name="{name}" value="(\d*)"', html)


class TestShortListOrder:
    """A short list comes in the chooser's order: the rotation pool first for the facilitator, then by
    last name, first name and id; the presenter by name alone."""

    def test_the_facilitator_list_puts_the_rotation_pool_first(self, meeting, cop):
        users = crowd(cop, 3, last_name="Aaron")
        Membership.objects.filter(community=cop, user=users[1]).update(in_rotation=False)
        expected_pool = sorted(
            Membership.objects.active().filter(community=cop, in_rotation=True).select_related("user"),
            key=lambda pooled: (pooled.user.last_name, pooled.user.first_name, pooled.user_id),
        )

        choice = selectors.people_choice(meeting, kind="facilitator")

        names = [person.display_name for person in choice.people]
        assert names[: len(expected_pool)] == [membership.user.display_name for membership in expected_pool]
        assert names[-1] == "Person001 Aaron"
        assert choice.searchable is False

    def test_the_presenter_list_is_by_name(self, meeting, cop):
        users = crowd(cop, 3, last_name="Aaron")
        Membership.objects.filter(community=cop, user=users[1]).update(in_rotation=False)

        choice = selectors.people_choice(meeting, kind="presenter")

        assert [person.display_name for person in choice.people][:3] == [
            "Person000 Aaron",
            "Person001 Aaron",
            "Person002 Aaron",
        ]


class TestFacilitatorChooser:
    def test_a_small_community_keeps_a_plain_select(self, client, meeting, people):
        client.force_login(people.coordinator)
        html = client.get(f"/meetings/{meeting.pk}/").content.decode()
        select = re.search(
            r'<select class="form-select" id="override-user" name="user">(.*?)</select>', html, re.S
        )
        options = re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', select.group(1))
        assert sorted(name for _, _, name in options) == [
            "Clara Mustermann",
            "Fritz Mustermann",
            "Mia Mustermann",
            "Otto Mustermann",
        ]
        assert [name for _, selected, name in options if selected] == ["Fritz Mustermann"]

    def test_a_large_community_gets_a_search_and_not_its_members(self, client, meeting, people, cop):
        crowd(cop, 200)
        client.force_login(people.coordinator)
        response = client.get(f"/meetings/{meeting.pk}/")
        html = response.content.decode()
        assert 'id="override-user" name="user"' not in html  # no select
        assert 'type="search" class="form-control" id="override-user" name="facilitator_q"' in html
        assert f'hx-get="/meetings/{meeting.pk}/people/?for=facilitator&amp;id=override-user"' in html
        # The current facilitator is shown and chosen; nobody of the 200 is listed.
        assert radio_values(html, "user") == [str(people.facilitator.pk)]
        assert crowd_names_in(html) == []

    def test_the_search_works_without_javascript(self, client, meeting, people, cop):
        crowd(cop, 200)
        client.force_login(people.coordinator)
        html = client.get(f"/meetings/{meeting.pk}/", {"facilitator_q": "person01"}).content.decode()
        assert crowd_names_in(html) == [f"Person{number:03d} Menge" for number in range(10, 20)]
        assert len(radio_values(html, "user")) == 11  # the facilitator and the ten matches

    def test_too_many_matches_shows_twenty_and_asks_for_more(self, client, meeting, people, cop):
        crowd(cop, 200)
        client.force_login(people.coordinator)
        html = client.get(f"/meetings/{meeting.pk}/", {"facilitator_q": "Menge"}).content.decode()
        assert len(crowd_names_in(html)) == CHOOSER_MATCH_LIMIT
        assert "Es passen mehr Personen, als angezeigt werden" in html

    def test_query_count_is_the_same_for_few_and_many_members(
        self, client, meeting, people, cop, django_assert_num_queries
    ):
        client.force_login(people.coordinator)
        url = f"/meetings/{meeting.pk}/"
        # Each time after a first view: the organisations that may host are kept in the cache until
        # the community's memberships change.
        # The facilitator's chooser asks whether the list is short, by ids, and, while it is, reads
        # its people.
        client.get(url)
        with django_assert_num_queries(10):
            client.get(url)
        crowd(cop, CHOOSER_LIST_LIMIT - 10)
        client.get(url)
        with django_assert_num_queries(10):
            response = client.get(url)
        assert len(crowd_names_in(response.content.decode())) == CHOOSER_LIST_LIMIT - 10
        crowd(cop, 200, last_name="Viele")
        client.get(url)
        # Searchable: no people are read for the lists; one query looks up the current facilitator,
        # who is no longer in a full list.
        with django_assert_num_queries(10):
            response = client.get(url)
        html = response.content.decode()
        assert (crowd_names_in(html), crowd_names_in(html, "Viele")) == ([], [])

    def test_a_forged_id_of_a_non_member_is_refused_and_nothing_changes(self, client, meeting, people):
        client.force_login(people.coordinator)
        response = client.post(
            f"/meetings/{meeting.pk}/facilitator/",
            {"action": "override", "user": people.outsider.pk},
            follow=True,
        )
        assert [str(message) for message in response.context["messages"]] == [
            "Die Moderator:in muss aktives Mitglied der Community sein."
        ]
        meeting.refresh_from_db()
        assert (meeting.facilitator, meeting.facilitator_confirmed) == (people.facilitator, True)

    def test_setting_without_choosing_anyone_asks_for_a_choice(self, client, meeting, people):
        client.force_login(people.coordinator)
        response = client.post(f"/meetings/{meeting.pk}/facilitator/", {"action": "override"}, follow=True)
        assert [str(message) for message in response.context["messages"]] == [
            "Bitte wähle, wer das Treffen moderiert."
        ]
        meeting.refresh_from_db()
        assert meeting.facilitator == people.facilitator

    def test_a_person_found_by_search_can_be_set(self, client, meeting, people, cop):
        chosen = crowd(cop, 200)[42]
        client.force_login(people.coordinator)
        client.post(f"/meetings/{meeting.pk}/facilitator/", {"action": "override", "user": chosen.pk})
        meeting.refresh_from_db()
        assert (meeting.facilitator, meeting.facilitator_confirmed) == (chosen, False)


class TestSearchEndpoint:
    def url(self, meeting):
        return f"/meetings/{meeting.pk}/people/"

    def test_answers_at_most_twenty_matches(self, client, meeting, people, cop):
        crowd(cop, 200)
        client.force_login(people.coordinator)
        response = client.get(
            self.url(meeting), {"for": "facilitator", "id": "override-user", "facilitator_q": "Person1"}
        )
        html = response.content.decode()
        assert response.status_code == HTTPStatus.OK
        assert crowd_names_in(html) == [f"Person{number:03d} Menge" for number in range(100, 120)]
        assert 'id="override-user-' in html
        assert "<html" not in html

    def test_keeps_the_checked_people_of_the_attendance(self, client, meeting, people, cop):
        members = crowd(cop, 200)
        Meeting.objects.filter(pk=meeting.pk).update(facilitator_confirmed=True)
        client.force_login(people.coordinator)
        response = client.get(
            self.url(meeting),
            {"for": "attended", "attended": [members[150].pk, "x", "-3"], "attended_q": "Person002"},
        )
        html = response.content.decode()
        assert crowd_names_in(html) == ["Person150 Menge", "Person002 Menge"]
        assert re.findall(r'name="attended" value="(\d+)"[^>]*?( checked)?>', html) == [
            (str(members[150].pk), " checked"),
            (str(members[2].pk), ""),
        ]

    @pytest.mark.parametrize("query", ["", "%", "_", "'; --", "ä" * 10_000, "Person 1 2 3 4 5 6 7"])
    def test_any_text_is_a_normal_answer(self, client, meeting, people, cop, query):
        crowd(cop, 60)
        client.force_login(people.coordinator)
        response = client.get(self.url(meeting), {"for": "presenter", "presenter_q": query, "id": "<b>"})
        assert response.status_code == HTTPStatus.OK

    @pytest.mark.parametrize("kind", ["facilitator", "presenter", "attended"])
    def test_who_may_not_choose_gets_404(self, client, meeting, people, cop, kind):
        crowd(cop, 60)
        statuses = []
        for user in (None, people.outsider, people.member):
            client.logout()
            if user is not None:
                client.force_login(user)
            statuses.append(client.get(self.url(meeting), {"for": kind, f"{kind}_q": "Person"}).status_code)
        client.force_login(people.coordinator)
        statuses.append(client.get(self.url(meeting), {"for": kind, f"{kind}_q": "Person"}).status_code)
        assert statuses == [HTTPStatus.NOT_FOUND] * 3 + [HTTPStatus.OK]

    def test_an_unknown_choice_is_404(self, client, meeting, people):
        client.force_login(people.coordinator)
        assert client.get(self.url(meeting), {"for": "everyone"}).status_code == HTTPStatus.NOT_FOUND

    def test_the_confirmed_facilitator_searches_presenters_and_attendance_but_not_facilitators(
        self, client, meeting, people
    ):
        client.force_login(people.facilitator)
        statuses = [
            client.get(self.url(meeting), {"for": kind}).status_code
            for kind in ("presenter", "attended", "facilitator")
        ]
        assert statuses == [HTTPStatus.OK, HTTPStatus.OK, HTTPStatus.NOT_FOUND]


class TestPresenterChooser:
    def test_the_item_form_offers_a_search_in_a_large_community(self, client, meeting, people, cop):
        crowd(cop, 200)
        client.force_login(people.coordinator)
        html = client.get(f"/meetings/{meeting.pk}/items/new/").content.decode()
        assert 'id="id_presenter" name="presenter_q"' in html
        assert radio_values(html, "presenter") == [""]  # only "nobody"
        assert crowd_names_in(html) == []

    def test_a_small_community_keeps_a_select_of_its_members(self, client, meeting, people):
        client.force_login(people.coordinator)
        html = client.get(f"/meetings/{meeting.pk}/items/new/").content.decode()
        assert re.findall(r'<select name="presenter"[^>]*>', html) != []
        assert "Mia Mustermann" in html

    def test_searching_without_javascript_keeps_the_text_and_creates_nothing(
        self, client, meeting, people, cop
    ):
        crowd(cop, 200)
        client.force_login(people.coordinator)
        response = client.post(
            f"/meetings/{meeting.pk}/items/new/",
            {
                "title": "Mobiles Arbeiten",
                "kind": "discussion",
                "duration_minutes": "20",
                "presenter_q": "Person007",
                "presenter_search": "1",
            },
        )
        html = response.content.decode()
        assert response.status_code == HTTPStatus.OK
        assert 'value="Mobiles Arbeiten"' in html
        assert crowd_names_in(html) == ["Person007 Menge"]
        assert AgendaItem.objects.filter(meeting=meeting).count() == 0

    def test_a_person_found_by_search_becomes_the_presenter(self, client, meeting, people, cop):
        chosen = crowd(cop, 200)[7]
        client.force_login(people.coordinator)
        client.post(
            f"/meetings/{meeting.pk}/items/new/",
            {
                "title": "Mobiles Arbeiten",
                "kind": "discussion",
                "duration_minutes": "20",
                "presenter": chosen.pk,
            },
        )
        assert list(AgendaItem.objects.filter(meeting=meeting).values_list("title", "presenter")) == [
            ("Mobiles Arbeiten", chosen.pk)
        ]

    @pytest.mark.parametrize("size", [0, 200])
    def test_a_forged_presenter_who_is_no_member_is_refused(self, client, meeting, people, cop, size):
        crowd(cop, size)
        client.force_login(people.coordinator)
        response = client.post(
            f"/meetings/{meeting.pk}/items/new/",
            {
                "title": "Mobiles Arbeiten",
                "kind": "discussion",
                "duration_minutes": "20",
                "presenter": people.outsider.pk,
            },
        )
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.context["form"].non_field_errors() == [
            "Die vortragende Person muss aktives Mitglied der Community sein."
        ]
        assert AgendaItem.objects.filter(meeting=meeting).count() == 0


class TestAttendanceChooser:
    def held(self, meeting):
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)

    def test_a_large_community_starts_from_yes_maybe_and_recorded(self, client, meeting, people, cop):
        members = crowd(cop, 200)
        AttendanceFactory(meeting=meeting, user=members[3], response=Attendance.Response.YES)
        AttendanceFactory(meeting=meeting, user=members[4], response=Attendance.Response.MAYBE)
        AttendanceFactory(meeting=meeting, user=members[5], response=Attendance.Response.NO)
        AttendanceFactory(meeting=meeting, user=members[6], response=Attendance.Response.NO, attended=True)
        client.force_login(people.coordinator)
        html = client.get(f"/meetings/{meeting.pk}/minutes/").content.decode()
        assert crowd_names_in(html) == ["Person003 Menge", "Person004 Menge", "Person006 Menge"]
        assert re.findall(r'name="attended" value="(\d+)"[^>]*?( checked)?>', html) == [
            (str(members[3].pk), ""),
            (str(members[4].pk), ""),
            (str(members[6].pk), " checked"),
        ]

    def test_searching_adds_others_and_keeps_what_was_ticked(self, client, meeting, people, cop):
        members = crowd(cop, 200)
        AttendanceFactory(meeting=meeting, user=members[3], response=Attendance.Response.YES)
        client.force_login(people.coordinator)
        response = client.post(
            f"/meetings/{meeting.pk}/minutes/",
            {
                "minutes": "Gute Runde",
                "attended": [members[3].pk, members[120].pk],
                "attended_q": "Person19",
                "attended_search": "1",
            },
        )
        html = response.content.decode()
        assert response.status_code == HTTPStatus.OK
        assert crowd_names_in(html) == ["Person003 Menge", "Person120 Menge"] + [
            f"Person{number:03d} Menge" for number in range(190, 200)
        ]
        assert "Gute Runde" in html
        assert Attendance.objects.filter(meeting=meeting, attended=True).count() == 0

    def test_people_found_by_search_are_recorded_as_present(self, client, meeting, people, cop):
        members = crowd(cop, 200)
        client.force_login(people.coordinator)
        client.post(
            f"/meetings/{meeting.pk}/minutes/", {"minutes": "", "attended": [members[120].pk, members[7].pk]}
        )
        assert sorted(
            Attendance.objects.filter(meeting=meeting, attended=True).values_list("user_id", flat=True)
        ) == sorted([members[120].pk, members[7].pk])

    @pytest.mark.parametrize("size", [0, 200])
    def test_a_forged_id_of_a_non_member_is_refused_and_nothing_changes(
        self, client, meeting, people, cop, size
    ):
        crowd(cop, size)
        AttendanceFactory(meeting=meeting, user=people.member, attended=True)
        client.force_login(people.coordinator)
        response = client.post(
            f"/meetings/{meeting.pk}/minutes/",
            {"minutes": "Neu", "attended": [people.other_member.pk, people.outsider.pk]},
        )
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.context["form"].non_field_errors() == [
            "Nur aktive Mitglieder der Community können als anwesend eingetragen werden."
        ]
        meeting.refresh_from_db()
        assert meeting.minutes == ""
        assert list(
            Attendance.objects.filter(meeting=meeting, attended=True).values_list("user", flat=True)
        ) == [people.member.pk]

    @pytest.mark.parametrize("sent", [["abc"], ["-1"], [str(2**40)]])
    def test_unreadable_ids_are_a_form_error(self, client, meeting, people, sent):
        client.force_login(people.coordinator)
        response = client.post(f"/meetings/{meeting.pk}/minutes/", {"minutes": "", "attended": sent})
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.context["form"].errors == {"attended": ["Die gewählten Personen sind nicht lesbar."]}


def test_unconfirmed_accounts_are_never_offered(client, meeting, people, cop):
    crowd(cop, 60)
    hidden = UserFactory(first_name="Person999", last_name="Menge", email_verified=False)
    Membership.objects.create(community=cop, user=hidden, status=Membership.Status.ACTIVE, joined_at=START)
    client.force_login(people.coordinator)
    html = client.get(
        f"/meetings/{meeting.pk}/people/", {"for": "facilitator", "facilitator_q": "Person9"}
    ).content.decode()
    assert crowd_names_in(html) == []
