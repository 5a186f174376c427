"""The paginated list pages: bounded pages, page links that keep the search, bad ?page= values, and
the community's member list with the visibility rules of the community page."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from cop.pagination import paginate
from meetings.views import PAST_MEETINGS_PER_PAGE
from members import views as member_views
from members.models import Community, Membership, Organisation
from members.profile_views import ORGANISATIONS_PER_PAGE
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.meetings.factories import MeetingFactory

COMMUNITIES = member_views.COMMUNITIES_PER_PAGE
MEMBERS = member_views.COMMUNITY_MEMBERS_PER_PAGE
BAD_PAGES = ["abc", "-1", "0", "999999999999999999999", "9" * 5000, "", "3"]


def page_of(response):
    page = response.context["page"]
    return page.number, len(page.object_list), page.paginator.count


def page_links(response) -> list[str]:
    html = response.content.decode()
    nav = re.search(r'<nav aria-label="[^"]*" class="mt-3">.*?</nav>', html, re.S)
    return re.findall(r'href="([^"]+)"', nav.group(0)) if nav else []


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Stadt Kassel", slug="kassel")


def people(community, count, *, organisation=None, **kwargs):
    """`count` active members, joined one minute apart, the last one most recently."""
    start = timezone.now() - datetime.timedelta(days=1)
    return [
        MembershipFactory(
            community=community,
            user=UserFactory(last_name=f"Muster{index:03}", organisation=organisation, **kwargs),
            joined_at=start + datetime.timedelta(minutes=index),
        ).user
        for index in range(count)
    ]


# --- the helper ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "number", "notice"),
    [
        (None, 1, ""),
        ("", 1, ""),
        ("2", 2, ""),
        (" 2 ", 2, ""),
        ("0", 1, ""),
        ("-1", 1, ""),
        ("abc", 1, "„abc“ ist keine Seitenzahl; die erste Seite wird angezeigt."),
        ("2.5", 1, "„2.5“ ist keine Seitenzahl; die erste Seite wird angezeigt."),
        ("4", 3, "Es gibt keine Seite 4; die letzte Seite wird angezeigt."),
        (
            "999999999999999999999",
            3,
            "Es gibt keine Seite 99999999999999999999; die letzte Seite wird angezeigt.",
        ),
        ("9" * 5000, 3, "Es gibt keine Seite 99999999999999999999; die letzte Seite wird angezeigt."),
    ],
)
def test_paginate_turns_any_page_value_into_a_page_and_says_when_it_changed(raw, number, notice):
    request = RequestFactory().get("/", {} if raw is None else {"page": raw})
    page, page_notice = paginate(request, list(range(25)), 10)
    assert (page.number, list(page.object_list)[:1], page_notice) == (number, [(number - 1) * 10], notice)


def test_paginate_gives_an_empty_first_page_for_an_empty_list():
    page, notice = paginate(RequestFactory().get("/", {"page": "5"}), [], 10)
    assert (page.number, list(page.object_list), notice) == (
        1,
        [],
        "Es gibt keine Seite 5; die letzte Seite wird angezeigt.",
    )


# --- /communities/ ------------------------------------------------------------------------------


@pytest.mark.django_db
class TestCommunityList:
    def test_a_page_holds_at_most_a_page_size_of_communities(self, client):
        for index in range(COMMUNITIES + 3):
            CommunityFactory(name=f"Netzwerk {index:03}")
        first = client.get("/communities/")
        second = client.get("/communities/?page=2")
        assert (page_of(first), page_of(second)) == (
            (1, COMMUNITIES, COMMUNITIES + 3),
            (2, 3, COMMUNITIES + 3),
        )
        assert [c.name for c in second.context["communities"]] == [
            f"Netzwerk {index:03}" for index in range(COMMUNITIES, COMMUNITIES + 3)
        ]

    @pytest.mark.parametrize("raw", BAD_PAGES)
    def test_a_bad_page_value_gives_a_normal_page(self, client, raw):
        for index in range(COMMUNITIES + 3):
            CommunityFactory(name=f"Netzwerk {index:03}")
        response = client.get("/communities/", {"page": raw})
        expected_number = 2 if raw.startswith("9") and raw.isdigit() or raw == "3" else 1
        assert (response.status_code, response.context["page"].number) == (HTTPStatus.OK, expected_number)

    def test_page_links_keep_the_search_and_the_kind(self, client):
        for index in range(COMMUNITIES + 3):
            CommunityFactory(name=f"Wärme {index:03}")
        CommunityFactory(name="Abwasser")
        response = client.get("/communities/", {"q": "wärme", "kind": "cops"})
        assert page_of(response) == (1, COMMUNITIES, COMMUNITIES + 3)
        assert page_links(response) == [
            "?q=w%C3%A4rme&amp;kind=cops&amp;page=2",
            "?q=w%C3%A4rme&amp;kind=cops&amp;page=2",
        ]
        second = client.get("/communities/", {"q": "wärme", "kind": "cops", "page": "2"})
        assert (page_of(second), page_links(second)) == (
            (2, 3, COMMUNITIES + 3),
            ["?q=w%C3%A4rme&amp;kind=cops&amp;page=1", "?q=w%C3%A4rme&amp;kind=cops&amp;page=1"],
        )

    def test_search_and_kind_filter_the_communities(self, client, auth_client, user):
        parent = CommunityFactory(name="Personalentwicklung", tagline="Menschen fördern")
        spin_off = CommunityFactory(name="Working Out Loud", parent=parent)
        other = CommunityFactory(name="Abwasser")
        MembershipFactory(community=other, user=user)

        def names(**query):
            return [c.name for c in client.get("/communities/", query).context["communities"]]

        assert (names(q="menschen"), names(kind="spin_offs"), names(kind="cops")) == (
            [parent.name],
            [spin_off.name],
            [other.name, parent.name],
        )
        assert [c.name for c in auth_client(user).get("/communities/?kind=mine").context["communities"]] == [
            other.name
        ]

    def test_a_search_too_long_is_reported_and_left_out(self, client):
        CommunityFactory(name="Abwasser")
        response = client.get("/communities/", {"q": "x" * 10_000})
        assert response.status_code == HTTPStatus.OK
        assert [c.name for c in response.context["communities"]] == ["Abwasser"]
        assert "Ein Teil deiner Suche war nicht verwendbar" in response.content.decode()

    def test_the_member_count_counts_the_rows_of_the_page_only_as_active_members(self, client):
        community = CommunityFactory(name="Abwasser")
        people(community, 3)
        MembershipFactory(community=community, status=Membership.Status.PENDING)
        MembershipFactory(community=community, user=UserFactory(email_verified=False))
        response = client.get("/communities/")
        assert [(c.name, c.active_count) for c in response.context["communities"]] == [("Abwasser", 3)]


# --- the landing page ---------------------------------------------------------------------------


@pytest.mark.django_db
class TestLandingPage:
    @pytest.mark.parametrize("count", [1, 9])
    def test_the_visitor_sees_the_newest_public_cops_and_their_number(
        self, client, count, django_assert_num_queries
    ):
        start = timezone.now() - datetime.timedelta(days=30)
        made = [
            CommunityFactory(name=f"Netzwerk {index}", created_at=start + datetime.timedelta(days=index))
            for index in range(count)
        ]
        CommunityFactory(name="Intern", visibility=Community.Visibility.INTERNAL)
        # The newest communities, their member counts and the number of public ones; the counts
        # are then kept in the cache.
        with django_assert_num_queries(3):
            client.get("/")
        with django_assert_num_queries(1):
            response = client.get("/")
        shown = [c.name for c in response.context["communities"]]
        assert (shown, response.context["community_total"]) == (
            [c.name for c in reversed(made)][:6],
            count,
        )
        link = (
            "Alle 9 öffentlichen Communities ansehen" if count == 9 else "Die öffentliche Community ansehen"
        )
        assert link in response.content.decode()

    def test_the_dashboard_shows_at_most_six_newest_communities(self, auth_client, user):
        for index in range(8):
            CommunityFactory(name=f"Netzwerk {index}")
        response = auth_client(user).get("/")
        assert (len(response.context["newest_communities"]), response.context["community_total"]) == (6, 8)


# --- /communities/<slug>/members/ ---------------------------------------------------------------


@pytest.fixture
def community(db):
    return CommunityFactory(name="Personalentwicklung", slug="pe", visibility=Community.Visibility.PUBLIC)


@pytest.mark.django_db
class TestCommunityMembers:
    def test_a_page_holds_at_most_a_page_size_of_members(self, auth_client, community, organisation):
        members = people(community, MEMBERS + 3, organisation=organisation)
        client = auth_client(members[0])
        first = client.get("/communities/pe/members/")
        second = client.get("/communities/pe/members/?page=2")
        assert (page_of(first), page_of(second)) == ((1, MEMBERS, MEMBERS + 3), (2, 3, MEMBERS + 3))
        assert [m.user for m in second.context["members"]] == members[MEMBERS:]

    @pytest.mark.parametrize("raw", BAD_PAGES)
    def test_a_bad_page_value_gives_a_normal_page(self, auth_client, community, organisation, raw):
        members = people(community, MEMBERS + 3, organisation=organisation)
        response = auth_client(members[0]).get("/communities/pe/members/", {"page": raw})
        expected_number = 2 if raw.startswith("9") and raw.isdigit() or raw == "3" else 1
        assert (response.status_code, response.context["page"].number) == (HTTPStatus.OK, expected_number)

    def test_page_links_keep_the_search(self, auth_client, community, organisation):
        members = people(community, MEMBERS + 3, organisation=organisation)
        OrganisationFactory(name="Stadtwerke")
        response = auth_client(members[0]).get("/communities/pe/members/", {"q": "kassel muster"})
        assert page_of(response) == (1, MEMBERS, MEMBERS + 3)
        assert page_links(response) == ["?q=kassel+muster&amp;page=2", "?q=kassel+muster&amp;page=2"]

    def test_search_finds_names_and_organisations(self, auth_client, community, organisation):
        kassel = people(community, 2, organisation=organisation)
        other = MembershipFactory(
            community=community, user=UserFactory(first_name="Jana", last_name="Özdemir")
        )
        client = auth_client(kassel[0])

        def found(q):
            return [m.user for m in client.get("/communities/pe/members/", {"q": q}).context["members"]]

        assert (found("kassel"), found("Özdemir jana"), found("niemand")) == (kassel, [other.user], [])

    def test_ordered_by_name_with_the_organisation_beside_it(self, auth_client, community, organisation):
        werke = OrganisationFactory(name="Abwasserwerke")
        zander = MembershipFactory(
            community=community, user=UserFactory(first_name="Ute", last_name="Zander", organisation=werke)
        ).user
        berg_ute = MembershipFactory(
            community=community,
            user=UserFactory(first_name="Ute", last_name="Berg", organisation=organisation),
        ).user
        berg_anna = MembershipFactory(
            community=community, user=UserFactory(first_name="Anna", last_name="Berg", organisation=None)
        ).user
        response = auth_client(zander).get("/communities/pe/members/")
        assert [m.user for m in response.context["members"]] == [berg_anna, berg_ute, zander]
        html = response.content.decode()
        rows = re.findall(r"<tr>\s*<th scope=\"row\"[^>]*>(.*?)</th>\s*<td>(.*?)</td>", html, re.S)
        text = [
            (re.sub(r"<[^>]+>", "", name).strip(), re.sub(r"<[^>]+>", "", org).strip()) for name, org in rows
        ]
        assert text == [
            ("Anna Berg", "Ohne Organisation"),
            ("Ute Berg", "Stadt Kassel"),
            ("Ute Zander", "Abwasserwerke"),
        ]

    def test_a_stranger_sees_only_listed_members_and_unlisted_ones_are_never_linked(
        self, auth_client, community, organisation
    ):
        listed, unlisted = people(community, 2, organisation=organisation)
        unlisted.is_listed = False
        unlisted.first_name = "Ungelistet"
        unlisted.save()
        insider = auth_client(listed).get("/communities/pe/members/")
        assert [m.user for m in insider.context["members"]] == [listed, unlisted]
        html = insider.content.decode()
        assert f'href="{listed.get_absolute_url()}"' in html
        assert "Ungelistet" in html and f'href="{unlisted.get_absolute_url()}"' not in html
        stranger = auth_client(UserFactory()).get("/communities/pe/members/")
        assert [m.user for m in stranger.context["members"]] == [listed]
        assert "Ungelistet" not in stranger.content.decode()

    def test_pending_left_and_unconfirmed_people_are_not_members(self, auth_client, community):
        member = people(community, 1)[0]
        MembershipFactory(community=community, status=Membership.Status.PENDING)
        MembershipFactory(community=community, status=Membership.Status.LEFT)
        MembershipFactory(community=community, user=UserFactory(email_verified=False))
        response = auth_client(member).get("/communities/pe/members/")
        assert [m.user for m in response.context["members"]] == [member]

    @pytest.mark.parametrize(
        "visibility", [Community.Visibility.INTERNAL, Community.Visibility.SECRET], ids=["internal", "secret"]
    )
    def test_a_non_member_of_a_closed_community_gets_404(self, auth_client, visibility):
        closed = CommunityFactory(
            slug="zu", visibility=visibility, join_policy=Community.JoinPolicy.INVITATION
        )
        people(closed, 2)
        assert (
            auth_client(UserFactory()).get("/communities/zu/members/").status_code,
            Client().get("/communities/zu/members/").status_code,
        ) == (HTTPStatus.NOT_FOUND, HTTPStatus.NOT_FOUND)

    def test_a_visitor_of_a_public_community_is_asked_to_sign_in(self, client, community):
        people(community, 1)
        response = client.get("/communities/pe/members/?page=2")
        assert (response.status_code, response["Location"]) == (
            HTTPStatus.FOUND,
            "/accounts/login/?next=/communities/pe/members/%3Fpage%3D2",
        )

    @pytest.mark.parametrize("count", [1, 8])
    def test_queries_do_not_grow_with_members(
        self, auth_client, community, organisation, count, django_assert_num_queries
    ):
        members = people(community, count, organisation=organisation)
        client = auth_client(members[0])
        # Session, user, community, own membership, the count and the page.
        with django_assert_num_queries(6):
            response = client.get("/communities/pe/members/")
        assert len(response.context["members"]) == count


# --- the community page links the member list -----------------------------------------------------


@pytest.mark.django_db
def test_the_community_page_previews_twelve_newest_members_and_links_all(auth_client, community):
    members = people(community, 15)
    response = auth_client(members[0]).get("/communities/pe/")
    assert [m.user for m in response.context["newest_people"]] == list(reversed(members))[:12]
    html = response.content.decode()
    assert '<a href="/communities/pe/members/">Alle 15 Mitglieder anzeigen</a>' in html


# --- the community's meetings ---------------------------------------------------------------------


@pytest.mark.django_db
class TestPastMeetings:
    def make(self, community, count):
        start = timezone.now() - datetime.timedelta(days=10)
        return [
            MeetingFactory(
                community=community, starts_at=start - datetime.timedelta(days=index), title=f"T{index}"
            )
            for index in range(count)
        ]

    def test_past_meetings_come_in_pages_and_upcoming_ones_stay(self, client, community):
        past = self.make(community, PAST_MEETINGS_PER_PAGE + 3)
        upcoming = MeetingFactory(community=community)
        first = client.get("/communities/pe/meetings/")
        second = client.get("/communities/pe/meetings/?page=2")
        assert (page_of(first), page_of(second)) == (
            (1, PAST_MEETINGS_PER_PAGE, PAST_MEETINGS_PER_PAGE + 3),
            (2, 3, PAST_MEETINGS_PER_PAGE + 3),
        )
        assert (second.context["past"], second.context["upcoming"]) == (
            past[PAST_MEETINGS_PER_PAGE:],
            [upcoming],
        )

    @pytest.mark.parametrize("raw", BAD_PAGES)
    def test_a_bad_page_value_gives_a_normal_page(self, client, community, raw):
        self.make(community, PAST_MEETINGS_PER_PAGE + 3)
        response = client.get("/communities/pe/meetings/", {"page": raw})
        expected_number = 2 if raw.startswith("9") and raw.isdigit() or raw == "3" else 1
        assert (response.status_code, response.context["page"].number) == (HTTPStatus.OK, expected_number)

    def test_counts_per_meeting_do_not_multiply(self, auth_client, community):
        from tests.meetings.factories import AgendaItemFactory, AttendanceFactory

        member = people(community, 1)[0]
        meeting = self.make(community, 1)[0]
        AgendaItemFactory.create_batch(3, meeting=meeting, status="accepted")
        AgendaItemFactory(meeting=meeting, status="rejected")
        AttendanceFactory.create_batch(2, meeting=meeting)
        AttendanceFactory(meeting=meeting, response="no")
        response = auth_client(member).get("/communities/pe/meetings/")
        # Three items on the agenda, not nine as a count over a join with the answers would say.
        assert [m.item_count for m in response.context["past"]] == [3]


# --- /organisations/ ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestOrganisationPages:
    def test_a_page_holds_at_most_a_page_size_of_organisations(self, auth_client, user):
        for index in range(ORGANISATIONS_PER_PAGE + 3):
            OrganisationFactory(name=f"Zweckverband {index:03}")
        client = auth_client(user)
        total = Organisation.objects.count()
        first = client.get("/organisations/")
        last = client.get("/organisations/?page=2")
        assert (page_of(first), page_of(last)) == (
            (1, ORGANISATIONS_PER_PAGE, total),
            (2, total - ORGANISATIONS_PER_PAGE, total),
        )

    @pytest.mark.parametrize("raw", BAD_PAGES)
    def test_a_bad_page_value_gives_a_normal_page(self, auth_client, user, raw):
        for index in range(ORGANISATIONS_PER_PAGE + 3):
            OrganisationFactory(name=f"Zweckverband {index:03}")
        response = auth_client(user).get("/organisations/", {"page": raw})
        expected_number = 2 if raw.startswith("9") and raw.isdigit() or raw == "3" else 1
        assert (response.status_code, response.context["page"].number) == (HTTPStatus.OK, expected_number)
