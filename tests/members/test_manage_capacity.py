"""Coordinators change their community's member limit and admit people from the waitlist on the
"Verwalten" page; newcomers see before joining that a community is full, and afterwards their place."""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone

from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

LIMIT_MESSAGE = "Bitte gib eine Mitgliederzahl zwischen 1 und 10000 ein oder lass das Feld leer."


@pytest.fixture
def community(db):
    return CommunityFactory(name="Personalentwicklung", slug="pe", max_members=3)


@pytest.fixture
def coordinator(community):
    return MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user


def fill(community, count):
    return [MembershipFactory(community=community).user for _ in range(count)]


def waitlist(community, count):
    """`count` people on the waitlist, who asked a minute apart (the first asked first)."""
    start = timezone.now() - datetime.timedelta(days=1)
    return [
        MembershipFactory(
            community=community,
            status=Membership.Status.WAITLISTED,
            joined_at=None,
            requested_at=start + datetime.timedelta(minutes=number),
        )
        for number in range(count)
    ]


def flashes(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def stored(community) -> tuple:
    return (
        Community.objects.filter(pk=community.pk).values_list("max_members", flat=True).get(),
        sorted(Membership.objects.filter(community=community).values_list("user_id", "status", "role")),
    )


def decide(client, community, membership, decision):
    return client.post(
        f"/communities/{community.slug}/manage/requests/{membership.pk}/", {"decision": decision}, follow=True
    )


@pytest.mark.django_db
class TestLimit:
    def test_coordinator_raises_the_limit(self, auth_client, community, coordinator):
        response = auth_client(coordinator).post(
            "/communities/pe/manage/capacity/", {"max_members": "5"}, follow=True
        )
        assert flashes(response) == ["Die Community nimmt jetzt höchstens 5 Mitglieder auf."]
        assert stored(community)[0] == 5
        assert '<p id="capacity-state">1 von 5 Plätzen belegt.</p>' in response.content.decode()

    def test_an_empty_field_removes_the_limit(self, auth_client, community, coordinator):
        response = auth_client(coordinator).post(
            "/communities/pe/manage/capacity/", {"max_members": ""}, follow=True
        )
        assert flashes(response) == ["Die Community nimmt jetzt beliebig viele Mitglieder auf."]
        assert stored(community)[0] is None

    def test_the_limit_counts_every_active_member_and_without_one_the_page_shows_the_confirmed(
        self, auth_client, community, coordinator
    ):
        fill(community, 1)
        MembershipFactory(community=community, user=UserFactory(email_verified=False))
        client = auth_client(coordinator)

        def state():
            html = client.get("/communities/pe/manage/").content.decode()
            return html.split('<p id="capacity-state">', 1)[1].split("</p>", 1)[0]

        with_limit = state()
        Community.objects.filter(pk=community.pk).update(max_members=None)
        # The number of the member list (and of the community page): confirmed accounts only.
        assert (with_limit, state()) == (
            "Voll: 3 aktive Mitglieder, Höchstzahl 3. Neue kommen auf die Warteliste.",
            "2 aktive Mitglieder, keine Begrenzung.",
        )

    def test_a_limit_below_the_members_removes_nobody_and_says_so(self, auth_client, community, coordinator):
        fill(community, 2)
        before = stored(community)
        response = auth_client(coordinator).post(
            "/communities/pe/manage/capacity/", {"max_members": "1"}, follow=True
        )
        assert flashes(response) == [
            "Die Höchstzahl ist jetzt 1 und liegt unter den 3 jetzigen Mitgliedern. Niemand wird entfernt; "
            "Neue kommen auf die Warteliste, bis weniger als 1 Mitglieder dabei sind."
        ]
        assert stored(community) == (1, before[1])

    def test_a_newcomer_waits_once_the_limit_is_below_the_members(self, auth_client, community, coordinator):
        fill(community, 2)
        auth_client(coordinator).post("/communities/pe/manage/capacity/", {"max_members": "2"})
        newcomer = UserFactory()
        auth_client(newcomer).post("/communities/pe/join/")
        assert Membership.objects.get(user=newcomer).status == Membership.Status.WAITLISTED

    @pytest.mark.parametrize("value", ["0", "-1", "10001", "99999999999999999999", "zwölf", "3.5", "1e3"])
    def test_a_forged_limit_is_refused_and_nothing_changes(self, auth_client, community, coordinator, value):
        before = stored(community)
        response = auth_client(coordinator).post(
            "/communities/pe/manage/capacity/", {"max_members": value}, follow=True
        )
        assert response.status_code == HTTPStatus.OK
        assert flashes(response) == [LIMIT_MESSAGE]
        assert stored(community) == before

    def test_a_plain_member_cannot_change_the_limit(self, auth_client, community, coordinator):
        (member,) = fill(community, 1)
        before = stored(community)
        response = auth_client(member).post("/communities/pe/manage/capacity/", {"max_members": "50"})
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert stored(community) == before


@pytest.mark.django_db
class TestWaitlist:
    def test_the_waitlist_is_shown_in_order_with_places(self, auth_client, community, coordinator):
        fill(community, 2)
        first, second, third = waitlist(community, 3)
        response = auth_client(coordinator).get("/communities/pe/manage/")
        assert [(m, m.waitlist_place) for m in response.context["waitlist"]] == [
            (first, 1),
            (second, 2),
            (third, 3),
        ]
        html = response.content.decode()
        assert (
            html.count('value="raise_limit"'),
            html.count('value="above_limit"'),
            html.count('value="approve"'),
        ) == (
            3,
            3,
            0,
        )

    def test_admit_works_once_a_place_is_free(self, auth_client, community, coordinator):
        fill(community, 1)
        (waiting,) = waitlist(community, 1)
        client = auth_client(coordinator)
        assert 'value="approve"' in client.get("/communities/pe/manage/").content.decode()
        response = decide(client, community, waiting, "approve")
        assert flashes(response) == [f"{waiting.user.display_name} ist jetzt Mitglied."]
        assert stored(community)[0] == 3
        assert Membership.objects.get(pk=waiting.pk).status == Membership.Status.ACTIVE

    def test_admit_when_full_is_refused_with_a_message(self, auth_client, community, coordinator):
        fill(community, 2)
        (waiting,) = waitlist(community, 1)
        before = stored(community)
        response = decide(auth_client(coordinator), community, waiting, "approve")
        assert flashes(response) == [
            "Die Community ist voll. Erhöhe die Höchstzahl an Mitgliedern, um weitere Personen aufzunehmen."
        ]
        assert stored(community) == before

    def test_admit_above_the_limit_keeps_the_limit(self, auth_client, community, coordinator):
        fill(community, 2)
        first, second = waitlist(community, 2)
        response = decide(auth_client(coordinator), community, second, "above_limit")
        assert flashes(response) == [f"{second.user.display_name} ist jetzt Mitglied."]
        assert stored(community)[0] == 3
        assert [m.status for m in Membership.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk")] == [
            Membership.Status.WAITLISTED,
            Membership.Status.ACTIVE,
        ]
        assert [(m, m.waitlist_place) for m in response.context["waitlist"]] == [(first, 1)]

    def test_raise_the_limit_by_one_admits(self, auth_client, community, coordinator):
        fill(community, 2)
        (waiting,) = waitlist(community, 1)
        response = decide(auth_client(coordinator), community, waiting, "raise_limit")
        assert flashes(response) == [f"{waiting.user.display_name} ist jetzt Mitglied."]
        assert stored(community)[0] == 4
        assert Membership.objects.get(pk=waiting.pk).status == Membership.Status.ACTIVE

    def test_raise_with_a_free_place_admits_without_raising(self, auth_client, community, coordinator):
        (waiting,) = waitlist(community, 1)
        decide(auth_client(coordinator), community, waiting, "raise_limit")
        assert stored(community)[0] == 3
        assert Membership.objects.get(pk=waiting.pk).status == Membership.Status.ACTIVE

    def test_a_stale_waitlist_says_the_person_no_longer_waits(self, auth_client, community, coordinator):
        (waiting,) = waitlist(community, 1)
        Membership.objects.filter(pk=waiting.pk).update(status=Membership.Status.LEFT)
        before = stored(community)
        response = decide(auth_client(coordinator), community, waiting, "above_limit")
        assert flashes(response) == ["Diese Person wartet nicht auf einen Beitritt."]
        assert stored(community) == before

    def test_a_plain_member_cannot_admit(self, auth_client, community, coordinator):
        (member,) = fill(community, 1)
        (waiting,) = waitlist(community, 1)
        before = stored(community)
        response = auth_client(member).post(
            f"/communities/pe/manage/requests/{waiting.pk}/", {"decision": "raise_limit"}
        )
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert stored(community) == before


@pytest.mark.django_db
class TestNewcomer:
    def test_a_full_community_says_so_before_joining(self, auth_client, community, coordinator):
        fill(community, 2)
        html = auth_client(UserFactory()).get("/communities/pe/").content.decode()
        assert '<p id="join-full">Voll – du kommst auf die Warteliste.</p>' in html
        assert 'aria-describedby="join-full">Auf die Warteliste</button>' in html

    def test_a_community_with_room_says_nothing_of_a_waitlist(self, auth_client, community, coordinator):
        html = auth_client(UserFactory()).get("/communities/pe/").content.decode()
        assert ("join-full" in html, "Warteliste" in html) == (False, False)

    def test_a_full_community_on_request_says_where_an_accepted_request_goes(
        self, auth_client, community, coordinator
    ):
        Community.objects.filter(pk=community.pk).update(join_policy=Community.JoinPolicy.APPROVAL)
        fill(community, 2)
        html = auth_client(UserFactory()).get("/communities/pe/").content.decode()
        assert (
            '<p id="join-full">Voll – nehmen die Koordinator:innen deine Anfrage an, kommst du auf die '
            "Warteliste.</p>"
        ) in html

    def test_after_joining_a_full_community_the_place_is_shown(self, auth_client, community, coordinator):
        fill(community, 2)
        waitlist(community, 1)
        newcomer = UserFactory()
        client = auth_client(newcomer)
        response = client.post("/communities/pe/join/", follow=True)
        assert flashes(response) == ["Personalentwicklung ist voll. Du stehst auf der Warteliste."]
        assert "Platz 2 auf der Warteliste" in response.content.decode()
        assert "Platz 2 auf der Warteliste" in client.get("/").content.decode()
