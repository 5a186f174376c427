"""What each calendar shows follows the visibility rule of the pages."""

import datetime
from http import HTTPStatus

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser

from calendars import selectors, services
from meetings.models import Meeting
from members import services as member_services
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

from .conftest import accepted_item, berlin

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")]


@pytest.fixture
def other_community(db):
    """B: a members-only community the feed's owner never belonged to."""
    community = CommunityFactory(name="Geheimer Kreis", slug="b", visibility=Community.Visibility.INTERNAL)
    MeetingFactory(community=community, title="B intern", starts_at=berlin(2027, 3, 2, 10, 0))
    return community


def test_member_of_a_only_never_sees_bs_meetings_also_after_leaving_a(
    client, fixed_now, internal_community, other_community
):
    member = UserFactory()
    MembershipFactory(community=internal_community, user=member)
    feed_url = f"/calendar/feed/{services.feed_token_create(user=member, name='Handy')[1]}.ics"
    MeetingFactory(community=internal_community, title="A intern", starts_at=berlin(2027, 2, 2, 10, 0))
    public_not_joined = CommunityFactory(name="Offene Runde", slug="c")
    MeetingFactory(community=public_not_joined, title="C offen", starts_at=berlin(2027, 2, 3, 10, 0))
    assert titles(client.get(feed_url)) == ["Working Out Loud: A intern"]

    member_services.membership_leave(
        membership=Membership.objects.get(user=member, community=internal_community)
    )
    assert titles(client.get(feed_url)) == []


def test_personal_feed_holds_six_months_back_to_two_years_ahead(
    client, fixed_now, feed_url, community, member
):
    for title, start in [
        ("zu alt", berlin(2026, 4, 30, 10, 0)),
        ("gerade noch", berlin(2026, 5, 1, 10, 0)),
        ("bald", berlin(2027, 1, 5, 10, 0)),
        ("in zwei Jahren", berlin(2028, 10, 31, 10, 0)),
        ("zu weit", berlin(2028, 11, 1, 10, 0)),
    ]:
        MeetingFactory(community=community, title=title, starts_at=start)
    assert titles(client.get(feed_url)) == [
        "Personalentwicklung: gerade noch",
        "Personalentwicklung: bald",
        "Personalentwicklung: in zwei Jahren",
    ]


def test_pending_and_waitlisted_people_get_no_meetings(client, fixed_now, internal_community, member):
    MembershipFactory(community=internal_community, user=member, status=Membership.Status.PENDING)
    MeetingFactory(community=internal_community, title="A intern", starts_at=berlin(2027, 2, 2, 10, 0))
    _token, secret = services.feed_token_create(user=member, name="Handy")
    assert titles(client.get(f"/calendar/feed/{secret}.ics")) == []


def test_public_feed_has_titles_times_and_link_but_no_video_place_agenda_or_names(
    client, fixed_now, community, winter_meeting
):
    facilitator = UserFactory(first_name="Moni", last_name="Moderatorin", email="moni@heidelberg.de")
    MembershipFactory(community=community, user=facilitator)
    Meeting.objects.filter(pk=winter_meeting.pk).update(facilitator=facilitator, location="Rathaus, Raum 3")
    accepted_item(winter_meeting, "Check-in", 15, 1, proposed_by=facilitator, presenter=facilitator)
    response = client.get("/calendar/feed/community/pe.ics")
    text = response.content.decode()
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert (response.status_code, response["Cache-Control"]) == (200, "public, max-age=300")
    assert sorted(event) == [
        "CREATED", "DESCRIPTION", "DTEND", "DTSTAMP", "DTSTART", "LAST-MODIFIED",
        "SEQUENCE", "STATUS", "SUMMARY", "UID", "URL",
    ]  # fmt: skip
    assert (
        str(event["DESCRIPTION"])
        == f"Format: Online\nSeite des Treffens: http://testserver/meetings/{winter_meeting.pk}/"
    )
    for secret in [
        "video.example.org",
        "Rathaus",
        "Check-in",
        "Moni",
        "Moderatorin",
        "@",
        "Erika",
        "Mustermann",
    ]:
        assert secret not in text.replace(f"meeting-{winter_meeting.pk}@testserver", "")


def test_no_feed_contains_e_mail_addresses_or_attendees(client, fixed_now, feed_url, member, winter_meeting):
    from tests.meetings.factories import AttendanceFactory

    AttendanceFactory(meeting=winter_meeting, user=member)
    Meeting.objects.filter(pk=winter_meeting.pk).update(facilitator=member)
    accepted_item(winter_meeting, "Check-in", 15, 1, proposed_by=member)
    for url in [feed_url, "/calendar/feed/community/pe.ics"]:
        text = client.get(url).content.decode().replace(f"meeting-{winter_meeting.pk}@testserver", "")
        assert ("@" in text, "ATTENDEE" in text, "ORGANIZER" in text, "Erika" in text) == (
            False,
            False,
            False,
            False,
        )


@pytest.mark.parametrize("visibility", [Community.Visibility.INTERNAL, Community.Visibility.SECRET])
def test_only_public_communities_have_a_public_feed(client, fixed_now, visibility):
    CommunityFactory(slug="zu", visibility=visibility, join_policy=Community.JoinPolicy.INVITATION)
    assert client.get("/calendar/feed/community/zu.ics").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/calendar/feed/community/gibt-es-nicht.ics").status_code == HTTPStatus.NOT_FOUND


def test_single_ics_members_get_the_full_entry(client, fixed_now, member, winter_meeting):
    accepted_item(winter_meeting, "Check-in", 15, 1)
    client.force_login(member)
    response = client.get(f"/meetings/{winter_meeting.pk}.ics")
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert (response["Content-Disposition"], str(event["LOCATION"])) == (
        f'attachment; filename="treffen-{winter_meeting.pk}.ics"',
        "https://video.example.org/pe-januar",
    )
    assert str(event["DESCRIPTION"]).startswith("Tagesordnung:\n10:00 Check-in\n")


def test_single_ics_others_get_the_public_entry(client, fixed_now, winter_meeting):
    accepted_item(winter_meeting, "Check-in", 15, 1)
    response = client.get(f"/meetings/{winter_meeting.pk}.ics")
    text = response.content.decode()
    assert (response.status_code, "video.example.org" in text, "Check-in" in text) == (200, False, False)


def test_single_ics_is_404_for_who_may_not_see_the_meeting(client, fixed_now, internal_community):
    meeting = MeetingFactory(community=internal_community, starts_at=berlin(2027, 2, 2, 10, 0))
    assert client.get(f"/meetings/{meeting.pk}.ics").status_code == HTTPStatus.NOT_FOUND
    client.force_login(UserFactory())
    assert client.get(f"/meetings/{meeting.pk}.ics").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/meetings/999999.ics").status_code == HTTPStatus.NOT_FOUND


def test_single_ics_conditional_get(client, fixed_now, monkeypatch, winter_meeting):
    url = f"/meetings/{winter_meeting.pk}.ics"
    first = client.get(url)
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    accepted_item(winter_meeting, "Check-in", 15, 1)
    assert (
        client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    )  # public entry: no agenda
    monkeypatch.setattr("django.utils.timezone.now", lambda: fixed_now + datetime.timedelta(seconds=1))
    winter_meeting.title = "Neu"
    winter_meeting.save()
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_feed_meetings_are_exactly_those_the_rules_let_the_owner_see_as_member(
    fixed_now, member, community, internal_community, other_community
):
    """Parity: the feed's queryset and the permission rules agree, meeting by meeting."""
    MembershipFactory(community=internal_community, user=member)
    not_joined = CommunityFactory(name="Offen, nicht beigetreten", slug="c")
    for target in (community, internal_community, not_joined):
        MeetingFactory(community=target, starts_at=berlin(2027, 2, 2, 10, 0))
    window = selectors.feed_window()
    everything = list(Meeting.objects.all())
    personal = set(selectors.personal_feed_meetings(selectors.personal_feed_communities(member.pk), window))
    assert personal == {m for m in everything if member.has_perm("calendars.view_member_entry", m)}
    assert personal == set(Meeting.objects.for_user(member))
    assert all(member.has_perm("meetings.view_meeting", m) for m in personal)
    public = set(selectors.public_feed_meetings(community, window))
    assert public == {m for m in everything if m.community == community}
    assert all(AnonymousUser().has_perm("meetings.view_meeting", m) for m in public)
