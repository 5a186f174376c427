"""Buttons and labels fit the viewer and the state: what each person sees on a community page and in
the community list, empty states as sentences, the minutes button, the video link of past meetings."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from meetings.models import Meeting
from members.models import Community, Membership
from tests.accounts.html import parse
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client(headers={"Accept-Language": "de"})
    if user is not None:
        client.force_login(user)
    return client


def main_of(response):
    assert response.status_code == 200
    return parse(response.content).find("main")


def actions(main):
    """The buttons and button-like links of a page's main part, as a screen reader reads them."""
    return [node.text for node in main.iter() if node.tag == "button" or "btn" in node.classes]


def state_user(community, state):
    """A person in `state` towards `community`: None for a signed-out visitor."""
    if state == "visitor":
        return None
    superuser = state.startswith("superuser")
    user = UserFactory(is_staff=superuser or state.startswith("staff"), is_superuser=superuser)
    statuses = {
        "pending": Membership.Status.PENDING,
        "waitlisted": Membership.Status.WAITLISTED,
        "left": Membership.Status.LEFT,
        "member": Membership.Status.ACTIVE,
        "coordinator": Membership.Status.ACTIVE,
        "staff, pending": Membership.Status.PENDING,
    }
    if state in statuses:
        active = statuses[state] == Membership.Status.ACTIVE
        MembershipFactory(
            community=community,
            user=user,
            status=statuses[state],
            role=Membership.Role.COORDINATOR if state == "coordinator" else Membership.Role.MEMBER,
            joined_at=timezone.now() if active else None,
        )
    return user


# state -> (buttons on the page of an open community, the community list's "your status" column)
BOARD = "Themenspeicher: Themen vorschlagen und Punkte vergeben"
OPEN_COMMUNITY = {
    "visitor": ([], "–"),
    "non-member": (["Beitreten", BOARD], "–"),
    "pending": (["Anfrage zurückziehen", BOARD], "Anfrage offen"),
    "waitlisted": (["Warteliste verlassen", BOARD], "Auf der Warteliste"),
    "left": (["Beitreten", BOARD], "Ausgetreten"),
    "member": (["Community verlassen", BOARD], "Aktiv"),
    "coordinator": (["Verwalten", "Community verlassen", BOARD, "Ableger gründen"], "Aktiv"),
    "staff, not a member": (["Verwalten", "Beitreten", BOARD, "Ableger gründen"], "–"),
    "staff, pending": (["Verwalten", "Anfrage zurückziehen", BOARD, "Ableger gründen"], "Anfrage offen"),
    # The demo's site coordinator is a superuser, whom Django lets pass every permission check.
    "superuser, not a member": (["Verwalten", "Beitreten", BOARD, "Ableger gründen"], "–"),
}


@pytest.mark.parametrize("state", OPEN_COMMUNITY)
def test_community_page_and_list_offer_what_fits_the_persons_state(state):
    community = CommunityFactory(name="Personalentwicklung", slug="personalentwicklung")
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    client = client_for(state_user(community, state))

    page = main_of(client.get("/communities/personalentwicklung/"))
    listing = main_of(client.get("/communities/"))

    rows = [[cell.text for cell in row.find_all("td")] for row in listing.find("tbody").find_all("tr")]
    buttons, status = OPEN_COMMUNITY[state]
    active = "2" if state in ("member", "coordinator") else "1"
    assert (actions(page), rows) == (
        buttons,
        [["Personalentwicklung", active, "Offen: alle Angemeldeten können beitreten", status]],
    )


def test_a_superuser_in_the_parent_community_is_offered_to_manage_and_join_its_spin_off():
    parent = CommunityFactory(name="Personalentwicklung")
    CommunityFactory(name="Working Out Loud", slug="wol", parent=parent)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    MembershipFactory(community=parent, user=superuser)
    client = client_for(superuser)

    assert actions(main_of(client.get("/communities/wol/"))) == [
        "Verwalten",
        "Beitreten",
        BOARD,
        "Ableger gründen",
    ]
    assert actions(main_of(client.get("/"))) == ["Alle 2 Communities ansehen"]


def test_staff_who_is_not_a_member_of_an_invitation_only_community_may_manage_but_not_join():
    CommunityFactory(slug="kreis", join_policy=Community.JoinPolicy.INVITATION)
    client = client_for(UserFactory(is_staff=True))

    assert actions(main_of(client.get("/communities/kreis/"))) == ["Verwalten", BOARD, "Ableger gründen"]


def test_empty_lists_read_as_sentences_not_as_list_items():
    community = CommunityFactory(slug="leer")
    client = client_for(UserFactory(is_staff=True))

    page = main_of(client.get("/communities/leer/"))
    board = main_of(client.get("/communities/leer/topics/"))

    sections = {
        heading: [node.text for node in labelled_by(page, heading).iter() if node.tag in ("p", "li")]
        for heading in ("coordinators-heading", "spinoffs-heading")
    }
    assert sections == {
        "coordinators-heading": ["Diese Community hat noch keine Koordination."],
        "spinoffs-heading": ["Noch keine Ableger."],
    }
    assert [node.text for node in board.iter() if "topic-list" in node.classes] == []
    assert "Noch keine Themen." in [node.text for node in board.find_all("p")]
    assert community.memberships.count() == 0


def meeting_in(community, *, days, **fields):
    starts = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        community=community,
        title="Treffen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        video_url="https://video.example/raum",
        **fields,
    )


def labelled_by(main, heading_id):
    return next(node for node in main.iter() if node.attrs.get("aria-labelledby") == heading_id)


def facts_and_buttons(client, meeting):
    main = main_of(client.get(meeting.get_absolute_url()))
    facts = labelled_by(main, "facts-heading")
    return [node.text for node in facts.iter() if node.tag == "dt"], actions(main)


def test_minutes_button_and_video_link_follow_the_meetings_state():
    community = CommunityFactory()
    coordinator = MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user
    client = client_for(coordinator)
    upcoming = meeting_in(community, days=7)
    past = meeting_in(community, days=-7, status=Meeting.Status.HELD)
    with_minutes = meeting_in(community, days=-70, status=Meeting.Status.HELD, minutes="Wir haben …")
    cancelled = meeting_in(community, days=14, status=Meeting.Status.CANCELLED)

    meetings = {"upcoming": upcoming, "past": past, "with_minutes": with_minutes, "cancelled": cancelled}
    seen = {name: facts_and_buttons(client, meeting) for name, meeting in meetings.items()}

    calendar, publish = "In den Kalender (.ics)", "Protokoll für die Mitglieder veröffentlichen"
    assert seen == {
        "upcoming": (
            ["Wann", "Format", "Videokonferenz", "Moderator:in"],
            [
                calendar,
                "Termin oder Ort ändern",
                "Protokoll erfassen",
                "Treffen absagen",
                "Vorlage übernehmen",
                "Tagesordnung veröffentlichen",
                "TOP vorschlagen",
                "Gastgeber festlegen",
                "Festlegen",
                "Ja",
                "Vielleicht",
                "Nein",
            ],
        ),
        "past": (["Wann", "Format", "Moderator:in"], [calendar, "Protokoll erfassen", publish]),
        "with_minutes": (["Wann", "Format", "Moderator:in"], [calendar, "Protokoll bearbeiten", publish]),
        "cancelled": (["Wann", "Format", "Moderator:in"], [calendar]),
    }
    minutes_form = main_of(client.get(f"/meetings/{with_minutes.pk}/minutes/"))
    assert minutes_form.find("h1").text == "Protokoll bearbeiten"
    assert main_of(client.get(f"/meetings/{past.pk}/minutes/")).find("h1").text == "Protokoll erfassen"
