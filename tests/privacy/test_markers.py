"""No page shows a person, a link, an outcome or minutes to someone the visibility rule keeps them
from (the table in members/rules.py).

Every personal field, link, outcome and minutes of the URL walk's world carries a distinct marker
string. Every GET page of the URL walk (and each past meeting's page) is rendered for each role,
as a whole page and as an htmx request, and the full HTML, attributes included, must hold no
marker the role may not see, and every marker the role may see somewhere.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Meeting
from members.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.test_url_walk import PROJECT_URLS, TABLE, fill
from tests.urlwalk import table_modules
from tests.urlwalk.world import build_world

LEVELS = ("PUB", "INT", "SEC")
PEOPLE = ("MEMBER", "UNLISTED", "COORD", "FACIL", "PASTFACIL", "PRESENTER", "PROPOSER", "ANSWERER")
LINKS = ("VIDEO", "MVIDEO", "WHITEBOARD", "TASKBOARD", "CHAT")
CONTENT = ("AGENDA", "PASTAGENDA", "OUTCOME", "MINUTES")


def marker(level, what):
    return f"MK-{level}-{what}"


# People on a community's waitlist: only its coordinators (and staff) see their names.
WAITING = {marker(level, "WAITING") for level in LEVELS}
ALL = {marker(level, what) for level in LEVELS for what in PEOPLE + LINKS + CONTENT} | WAITING
# Outside a public community, signed-in people see whom to ask, listed members, and who
# facilitates and what is on the agenda of its upcoming meetings.
PUBLIC_OUTLINE = {marker("PUB", what) for what in ("MEMBER", "COORD", "FACIL", "AGENDA")}
INTERNAL = {marker("INT", what) for what in PEOPLE + LINKS + CONTENT}
SECRET = {marker("SEC", what) for what in PEOPLE + LINKS + CONTENT} | {"Verschwiegene Runde"}

# Roles: `member` belongs to the internal and the secret community; `facilitator` (of the
# internal community's next meeting) and `coordinator` to the internal one; nobody of them to the
# public one.
ALLOWED = {
    "visitor": set(),
    "non_member": PUBLIC_OUTLINE,
    "member": PUBLIC_OUTLINE | INTERNAL | SECRET,
    "facilitator": PUBLIC_OUTLINE | INTERNAL,
    "coordinator": PUBLIC_OUTLINE | INTERNAL | {marker("INT", "WAITING")},
    "staff": ALL | {"Verschwiegene Runde"},
}
ROLES = tuple(ALLOWED)
# Members who chose to be listed appear in the directory for every signed-in person; it says
# nothing about their communities, so their names may appear there (and only there).
LISTED = {marker(level, "MEMBER") for level in LEVELS}
DIRECTORY = ("/members/", "/organisations/")


def person(level, what, community, *, listed=False, role=Membership.Role.MEMBER):
    user = UserFactory(first_name=marker(level, what), last_name="Beispiel", is_listed=listed)
    MembershipFactory(community=community, user=user, role=role)
    return user


def dress(community, level, meeting, *, facilitator=None):
    """Fill one community, its next meeting and a past meeting with the level's markers."""
    community.video_url = f"https://video.example.org/{marker(level, 'VIDEO')}"
    community.whiteboard_url = f"https://board.example.org/{marker(level, 'WHITEBOARD')}"
    community.taskboard_url = f"https://tasks.example.org/{marker(level, 'TASKBOARD')}"
    community.chat_url = f"https://chat.example.org/{marker(level, 'CHAT')}"
    community.save()
    person(level, "MEMBER", community, listed=True)
    person(level, "UNLISTED", community)
    person(level, "COORD", community, role=Membership.Role.COORDINATOR)
    waiting = UserFactory(first_name=marker(level, "WAITING"), last_name="Beispiel", is_listed=False)
    MembershipFactory(community=community, user=waiting, status=Membership.Status.WAITLISTED, joined_at=None)
    if facilitator is None:
        facilitator = person(level, "FACIL", community)
    else:
        facilitator.first_name, facilitator.last_name, facilitator.is_listed = (
            marker(level, "FACIL"),
            "X",
            False,
        )
        facilitator.save()
    meeting.facilitator = facilitator
    meeting.video_url = f"https://meet.example.org/{marker(level, 'MVIDEO')}"
    meeting.save()
    AgendaItem.objects.create(
        meeting=meeting,
        position=10,
        title=marker(level, "AGENDA"),
        status=AgendaItem.Status.ACCEPTED,
        presenter=person(level, "PRESENTER", community),
    )
    AgendaItem.objects.create(
        meeting=meeting, position=11, title="Vorschlag", proposed_by=person(level, "PROPOSER", community)
    )
    # Who answered is for members only (meetings.view_meeting_content).
    Attendance.objects.create(meeting=meeting, user=person(level, "ANSWERER", community), response="maybe")
    starts = timezone.now() - datetime.timedelta(days=60)
    past = Meeting.objects.create(
        community=community,
        title=f"Vergangenes Treffen {level}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status=Meeting.Status.HELD,
        facilitator=person(level, "PASTFACIL", community),
        minutes=marker(level, "MINUTES"),
        minutes_published_at=starts + datetime.timedelta(days=1),
    )
    AgendaItem.objects.create(
        meeting=past,
        position=1,
        title=marker(level, "PASTAGENDA"),
        status=AgendaItem.Status.DONE,
        outcome=marker(level, "OUTCOME"),
    )
    return past


@pytest.fixture
def world(db):
    world = build_world()
    for module in table_modules():
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    # The world's internal community ("private") has a facilitator already; the others get one.
    world.extra_pages = [
        dress(world.public, "PUB", world.public_meeting),
        dress(world.private, "INT", world.private_meeting, facilitator=world.private_meeting.facilitator),
        dress(world.secret, "SEC", world.secret_meeting),
    ]
    world.users["facilitator"] = world.private_meeting.facilitator
    world.users["staff"] = UserFactory(is_staff=True)
    return world


# Answered by a secret in the URL, not by the session: whoever holds the link sees what its owner
# (the world's member) may see; test_a_personal_feed_shows_only_what_its_owner_may_see checks it.
SEEN_AS_THE_OWNER = {"calendar_personal_feed"}


def get_urls(world, url_names=None):
    """Every GET URL of the URL walk's tables, and the past meetings' pages."""
    urls = []
    for url_name in sorted(url_names or set(PROJECT_URLS) - SEEN_AS_THE_OWNER):
        for case in TABLE.get(url_name, []):
            urls.append(
                reverse(url_name, kwargs={key: fill(value, world) for key, value in case.kwargs.items()})
            )
    if url_names is None:
        urls += [meeting.get_absolute_url() for meeting in world.extra_pages]
    return urls


def pages_for(role, world):
    client = Client()
    if role != "visitor":
        client.force_login(world.users[role])
    pages = {}
    for url in get_urls(world):
        for htmx in (False, True):
            headers = {"HX-Request": "true"} if htmx else {}
            response = client.get(url, headers=headers)
            pages[f"{url}{' (htmx)' if htmx else ''}"] = response.content.decode()
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_a_marker_the_role_may_not_see(role, world):
    pages = pages_for(role, world)
    forbidden = (ALL | {"Verschwiegene Runde"}) - ALLOWED[role]

    def forbidden_on(url):
        if role != "visitor" and url.startswith(DIRECTORY):
            return forbidden - LISTED
        return forbidden

    leaks = {url: sorted(m for m in forbidden_on(url) if m in html) for url, html in pages.items()}
    assert {url: found for url, found in leaks.items() if found} == {}
    seen = {m for m in ALLOWED[role] if any(m in html for html in pages.values())}
    assert sorted(ALLOWED[role] - seen) == []


@pytest.mark.django_db
def test_a_personal_feed_shows_only_what_its_owner_may_see(world):
    client = Client()  # no session: the secret in the URL is the credential
    feeds = {url: client.get(url).content.decode() for url in get_urls(world, SEEN_AS_THE_OWNER)}
    forbidden = (ALL | {"Verschwiegene Runde"}) - ALLOWED["member"]
    leaks = {url: sorted(m for m in forbidden if m in text) for url, text in feeds.items()}
    assert {url: found for url, found in leaks.items() if found} == {}
    assert [url for url, text in feeds.items() if "BEGIN:VCALENDAR" in text] == [
        reverse("calendar_personal_feed", kwargs={"token": world.calendar_secret})
    ]


@pytest.mark.django_db
def test_visitors_see_what_a_public_community_is(world):
    client = Client()
    page = client.get(world.public.get_absolute_url()).content.decode()
    meeting = client.get(world.public_meeting.get_absolute_url()).content.decode()
    assert world.public.name in page
    assert "Offenes Treffen" in page
    assert "Sign in to join this community." in page or "Melde dich an" in page
    assert ("Offenes Treffen" in meeting, 'id="rsvp"' in meeting, 'id="agenda"' in meeting) == (
        True,
        False,
        False,
    )


@pytest.mark.django_db
def test_the_admin_csv_holds_profiles_and_communities_only(world, client):
    """Staff export members for their bookkeeping: name, address, organisation, role and
    communities; never a hidden phone number, the text about a person, a link, an agenda, outcomes
    or minutes of any community."""
    from members.models import User

    User.objects.update(phone="+49 561 MK-PHONE", bio="MK-BIO")
    staff = UserFactory(is_staff=True, is_superuser=True, totp=True)
    client.force_login(staff)
    response = client.post(
        reverse("admin:members_user_changelist"),
        {"action": "export_members_csv", "_selected_action": list(User.objects.values_list("pk", flat=True))},
    )
    text = response.content.decode("utf-8")
    content = {marker(level, what) for level in LEVELS for what in LINKS + CONTENT}
    assert sorted(m for m in content | {"MK-PHONE", "MK-BIO"} if m in text) == []
    assert (response.status_code, world.member.email in text, marker("SEC", "UNLISTED") in text) == (
        200,
        True,
        True,
    )
