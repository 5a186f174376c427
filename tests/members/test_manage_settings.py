"""Coordinators change their community's settings, see its invitations, and are told on the dashboard
what waits for them; a removed member is told by e-mail."""

import datetime
import hashlib
from http import HTTPStatus

import pytest
from django.utils import timezone

from members.models import Community, Invitation, Membership
from notifications.models import Kind, Notification
from notifications.services import send_due
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

SETTINGS = "/communities/pe/manage/settings/"
INVITATIONS = "/communities/pe/manage/invitations/"


@pytest.fixture
def community(db):
    return CommunityFactory(
        name="Personalentwicklung",
        slug="pe",
        tagline="HR in Kommunen",
        visibility=Community.Visibility.INTERNAL,
        join_policy=Community.JoinPolicy.APPROVAL,
    )


@pytest.fixture
def coordinator(community):
    return MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user


def flashes(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def settings_of(community) -> dict:
    return Community.objects.filter(pk=community.pk).values(*Community.SETTINGS_FIELDS).get()


def form_data(community, **changes) -> dict:
    data = {key: "" if value is None else value for key, value in settings_of(community).items()}
    return {**data, **changes}


@pytest.mark.django_db
class TestSettings:
    def test_coordinator_changes_the_settings(self, auth_client, community, coordinator):
        response = auth_client(coordinator).post(
            SETTINGS,
            form_data(
                community,
                name="PE-Netzwerk",
                tagline="Neu",
                description="# Wir\n\n**fett**",
                visibility="public",
                join_policy="open",
                votes_per_member="5",
                whiteboard_url="board.example.org/pe",
                taskboard_url="https://tasks.example.org/pe",
                chat_url="https://chat.example.org/pe",
                video_url="https://video.example.org/pe",
            ),
            follow=True,
        )
        assert flashes(response) == ["Die Einstellungen von PE-Netzwerk wurden gespeichert."]
        assert settings_of(community) == {
            "name": "PE-Netzwerk",
            "tagline": "Neu",
            "description": "# Wir\n\n**fett**",
            "visibility": "public",
            "join_policy": "open",
            "votes_per_member": 5,
            "whiteboard_url": "https://board.example.org/pe",
            "taskboard_url": "https://tasks.example.org/pe",
            "chat_url": "https://chat.example.org/pe",
            "video_url": "https://video.example.org/pe",
        }

    def test_preview_shows_the_description_without_saving(self, auth_client, community, coordinator):
        before = settings_of(community)
        response = auth_client(coordinator).post(
            SETTINGS, form_data(community, description="Wir sind **viele**.", preview="1")
        )
        assert response.status_code == HTTPStatus.OK
        html = response.content.decode()
        assert '<div class="markdown-body"><p>Wir sind <strong>viele</strong>.</p></div>' in html
        assert "Wir sind **viele**.</textarea>" in html
        assert settings_of(community) == before

    def test_a_secret_community_open_to_requests_is_refused_at_the_field(
        self, auth_client, community, coordinator
    ):
        before = settings_of(community)
        response = auth_client(coordinator).post(
            SETTINGS, form_data(community, visibility="secret", join_policy="approval")
        )
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.context["form"].errors == {
            "join_policy": [
                "Eine geheime Community nimmt neue Mitglieder nur mit Einladung auf: wähle „Nur mit "
                "Einladung“ oder eine andere Sichtbarkeit."
            ]
        }
        assert settings_of(community) == before
        assert (
            "<h1" in response.content.decode() and "Personalentwicklung" in response.context["community"].name
        )

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("votes_per_member", "0"),
            ("votes_per_member", "21"),
            ("votes_per_member", "viele"),
            ("visibility", "everyone"),
            ("join_policy", "admin"),
            ("name", ""),
            ("whiteboard_url", "javascript:alert(1)"),
        ],
    )
    def test_forged_settings_are_refused_and_nothing_changes(
        self, auth_client, community, coordinator, field, value
    ):
        before = settings_of(community)
        response = auth_client(coordinator).post(SETTINGS, form_data(community, **{field: value}))
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert list(response.context["form"].errors) == [field]
        assert settings_of(community) == before

    def test_the_meeting_rhythm_and_planning_are_reachable_from_the_settings(
        self, auth_client, community, coordinator
    ):
        html = auth_client(coordinator).get(SETTINGS).content.decode()
        assert 'href="/communities/pe/cadence/"' in html
        assert 'action="/communities/pe/meetings/plan/"' in html

    def test_a_plain_member_gets_403_and_changes_nothing(self, auth_client, community, coordinator):
        member = MembershipFactory(community=community).user
        before = settings_of(community)
        client = auth_client(member)
        assert client.get(SETTINGS).status_code == HTTPStatus.FORBIDDEN
        assert (
            client.post(SETTINGS, form_data(community, name="Gekapert")).status_code == HTTPStatus.FORBIDDEN
        )
        assert settings_of(community) == before

    @pytest.mark.parametrize("count", [1, 2])
    def test_the_settings_page_costs_the_same_queries(
        self, auth_client, community, coordinator, count, django_assert_num_queries
    ):
        MembershipFactory.create_batch(count, community=community)
        client = auth_client(coordinator)
        # Session, user, community, membership, the form's copy of the community.
        with django_assert_num_queries(5):
            assert client.get(SETTINGS).status_code == HTTPStatus.OK


def invitation(community, email, *, days_ago=0, **fields):
    sent = timezone.now() - datetime.timedelta(days=days_ago)
    return Invitation.objects.create(
        community=community,
        email=email,
        token_hash=hashlib.sha256(email.encode()).hexdigest(),
        created_at=sent,
        expires_at=sent + datetime.timedelta(days=30),
        **fields,
    )


@pytest.mark.django_db
class TestInvitations:
    def test_the_list_shows_open_and_used_invitations_newest_first(self, auth_client, community, coordinator):
        used = invitation(community, "angenommen@example.org", days_ago=3, accepted_at=timezone.now())
        old = invitation(community, "abgelaufen@example.org", days_ago=40)
        withdrawn = invitation(community, "weg@example.org", days_ago=2, revoked_at=timezone.now())
        fresh = invitation(community, "offen@example.org", days_ago=1, invited_by=coordinator)
        invitation(CommunityFactory(), "anderswo@example.org")
        response = auth_client(coordinator).get(INVITATIONS)
        assert [(i, i.state) for i in response.context["invitations"]] == [
            (fresh, "offen"),
            (withdrawn, "zurückgezogen"),
            (used, "angenommen"),
            (old, "abgelaufen"),
        ]
        html = response.content.decode()
        assert html.count("/resend/") == 2 and html.count("/revoke/") == 2

    def test_the_list_has_25_per_page(self, auth_client, community, coordinator):
        for number in range(30):
            invitation(community, f"gast{number}@example.org")
        client = auth_client(coordinator)
        assert (
            len(client.get(INVITATIONS).context["invitations"]),
            len(client.get(INVITATIONS + "?page=2").context["invitations"]),
            client.get(INVITATIONS + "?page=zwei").context["page_notice"],
        ) == (25, 5, "„zwei“ ist keine Seitenzahl; die erste Seite wird angezeigt.")

    @pytest.mark.parametrize("count", [1, 30])
    def test_the_list_costs_the_same_queries_for_1_and_many(
        self, auth_client, community, coordinator, count, django_assert_num_queries
    ):
        for number in range(count):
            invitation(community, f"gast{number}@example.org", invited_by=coordinator)
        client = auth_client(coordinator)
        # Session, user, community, membership; the list: count and page (with who invited).
        with django_assert_num_queries(6):
            response = client.get(INVITATIONS)
        assert len(response.context["invitations"]) == min(count, 25)

    def test_resend_sends_a_new_link_and_the_old_one_stops_working(
        self, auth_client, community, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        client = auth_client(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/communities/pe/manage/invite/", {"email": "gast@example.org"})
        sent = Invitation.objects.get()
        old_link = next(line for line in mailoutbox[0].body.splitlines() if "/invitations/" in line)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"{INVITATIONS}{sent.pk}/resend/", follow=True)
        assert flashes(response)[-1] == (
            "Die Einladung an gast@example.org wurde erneut gesendet, mit einem neuen Link, der 30 Tage gilt."
        )
        new_link = next(line for line in mailoutbox[1].body.splitlines() if "/invitations/" in line)
        assert ([m.to for m in mailoutbox], Invitation.objects.get().sent_count) == (
            [["gast@example.org"], ["gast@example.org"]],
            2,
        )
        anonymous = client.__class__()
        old_path, new_path = (link.split("testserver", 1)[1] for link in (old_link, new_link))
        assert (anonymous.get(old_path).status_code, anonymous.get(new_path).status_code) == (404, 200)

    def test_resend_keeps_the_limit_per_address(self, auth_client, community, coordinator, mailoutbox):
        client = auth_client(coordinator)
        client.post("/communities/pe/manage/invite/", {"email": "gast@example.org"})
        sent = Invitation.objects.get()
        for _ in range(2):
            client.post(f"{INVITATIONS}{sent.pk}/resend/")
        before = Invitation.objects.values().get()
        response = client.post(f"{INVITATIONS}{sent.pk}/resend/", follow=True)
        assert flashes(response)[-1] == (
            "An diese Adresse gingen heute schon 3 Einladungen. Bitte versuche es morgen noch einmal."
        )
        assert Invitation.objects.values().get() == before

    def test_a_withdrawn_invitation_cannot_be_accepted(self, auth_client, client, community, coordinator):
        token = "ein-geheimer-link-0123456789"
        sent = Invitation.objects.create(
            community=community,
            email="gast@example.org",
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            expires_at=timezone.now() + datetime.timedelta(days=30),
        )
        response = auth_client(coordinator).post(f"{INVITATIONS}{sent.pk}/revoke/", follow=True)
        assert flashes(response) == [
            "Die Einladung an gast@example.org wurde zurückgezogen; ihr Link funktioniert nicht mehr."
        ]
        guest = UserFactory(email="gast@example.org")
        client.force_login(guest)
        page = client.get(f"/invitations/{token}/")
        assert page.status_code == HTTPStatus.NOT_FOUND
        assert (
            "Diese Einladung wurde von den Koordinator:innen der Community zurückgezogen. Wenn du trotzdem "
            "beitreten möchtest, bitte sie um eine neue."
        ) in page.content.decode()
        client.post(f"/invitations/{token}/")
        assert Membership.objects.filter(user=guest).exists() is False

    def test_an_accepted_invitation_cannot_be_withdrawn(self, auth_client, community, coordinator):
        used = invitation(community, "angenommen@example.org", accepted_at=timezone.now())
        before = Invitation.objects.filter(pk=used.pk).values().get()
        response = auth_client(coordinator).post(f"{INVITATIONS}{used.pk}/revoke/", follow=True)
        assert flashes(response) == ["Die Einladung an angenommen@example.org wurde bereits angenommen."]
        assert Invitation.objects.filter(pk=used.pk).values().get() == before

    def test_another_communitys_invitation_is_404(self, auth_client, community, coordinator):
        foreign = invitation(CommunityFactory(), "anderswo@example.org")
        client = auth_client(coordinator)
        assert client.post(f"{INVITATIONS}{foreign.pk}/revoke/").status_code == HTTPStatus.NOT_FOUND
        assert Invitation.objects.get(pk=foreign.pk).revoked_at is None


@pytest.mark.django_db
class TestDashboard:
    def test_coordinators_see_what_waits_for_them_per_community(self, auth_client, community, coordinator):
        MembershipFactory.create_batch(
            2, community=community, status=Membership.Status.PENDING, joined_at=None
        )
        MembershipFactory(community=community, status=Membership.Status.WAITLISTED, joined_at=None)
        quiet = CommunityFactory(name="Ruhige Runde")
        MembershipFactory(community=quiet, user=coordinator, role=Membership.Role.COORDINATOR)
        other = CommunityFactory(name="Andere Runde")
        MembershipFactory(community=other, status=Membership.Status.PENDING, joined_at=None)
        response = auth_client(coordinator).get("/")
        assert [
            (c.name, c.pending_count, c.waitlisted_count) for c in response.context["coordinator_queues"]
        ] == [("Personalentwicklung", 2, 1)]
        html = " ".join(response.content.decode().split())
        assert "Personalentwicklung: 2 Beitrittsanfragen, eine Person auf der Warteliste" in html
        assert 'href="/communities/pe/manage/"' in html

    def test_a_plain_member_sees_no_queue(self, auth_client, community, coordinator):
        member = MembershipFactory(community=community).user
        MembershipFactory(community=community, status=Membership.Status.PENDING, joined_at=None)
        response = auth_client(member).get("/")
        assert (response.context["coordinator_queues"], "waiting-for-you" in response.content.decode()) == (
            [],
            False,
        )

    @pytest.mark.parametrize("count", [1, 4])
    def test_the_dashboard_costs_the_same_queries_for_1_and_many_communities(
        self, auth_client, coordinator, count, django_assert_num_queries
    ):
        for _ in range(count):
            other = CommunityFactory()
            MembershipFactory(community=other, user=coordinator, role=Membership.Role.COORDINATOR)
            MembershipFactory(community=other, status=Membership.Status.PENDING, joined_at=None)
            MembershipFactory(community=other, status=Membership.Status.WAITLISTED, joined_at=None)
        client = auth_client(coordinator)
        client.get("/")
        with django_assert_num_queries(QUERIES_DASHBOARD):
            response = client.get("/")
        assert len(response.context["coordinator_queues"]) == count


# The dashboard of a coordinator, with the meetings panel's facilitations and the waiting queues.
QUERIES_DASHBOARD = 8


@pytest.mark.django_db
class TestRemovalEmail:
    def test_the_removed_member_is_told_with_the_reason(
        self, auth_client, community, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        member = MembershipFactory(community=community, user=UserFactory(email="weg@kassel.de")).user
        membership = Membership.objects.get(user=member)
        with django_capture_on_commit_callbacks(execute=True):
            auth_client(coordinator).post(
                f"/communities/pe/manage/members/{membership.pk}/remove/", {"reason": "Stelle gewechselt."}
            )
        assert list(Notification.objects.values_list("kind", "user__email")) == [
            ("membership_removed", "weg@kassel.de")
        ]
        send_due()
        (mail,) = mailoutbox
        assert (mail.to, mail.subject) == (
            ["weg@kassel.de"],
            "Deine Mitgliedschaft in Personalentwicklung wurde beendet",
        )
        assert (
            "eine Koordinator:in von Personalentwicklung hat deine Mitgliedschaft beendet. Die internen "
            "Seiten der Community siehst du nicht mehr.\n\nDer angegebene Grund: Stelle gewechselt.\n"
        ) in mail.body
        html = mail.alternatives[0][0]
        assert "<p>Der angegebene Grund: Stelle gewechselt.</p>" in html

    def test_the_removal_email_can_be_switched_off(self, auth_client, community, coordinator):
        page = auth_client(coordinator).get("/me/notifications/").content.decode()
        assert Kind.MEMBERSHIP_REMOVED.label in [str(label) for _value, label in Kind.choices]
        assert 'value="membership_removed"' in page
        assert "Eine Koordinator:in hat dich aus einer Community entfernt" in page
