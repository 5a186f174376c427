"""/me/export/: the DSGVO self-service data export."""

import datetime
import json
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, FacilitatorDecline, MinutesRevision
from members import export
from members.models import Community, Invitation, Membership

from ..factories import CommunityFactory, MembershipFactory
from ..meetings.factories import MeetingFactory

MEETING_SECTIONS = ("agenda_items", "attendance", "facilitations", "facilitator_declines", "minutes_changes")

UTC = datetime.UTC


def as_json(value):
    """A value as the export writes it."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


@pytest.fixture
def erika_client(client, erika):
    client.force_login(erika)
    return client


@pytest.mark.django_db
class TestExport:
    def test_get_explains_and_offers_the_download(self, erika_client):
        response = erika_client.get("/me/export/")
        assert (response.status_code, response.templates[0].name) == (HTTPStatus.OK, "members/me_export.html")
        assert '<form method="post" action="/me/export/" data-resubmit>' in response.content.decode()

    def test_download_contains_everything_stored_about_me(self, erika_client, erika, user_factory):
        erika.date_joined = datetime.datetime(2025, 1, 2, 8, 0, tzinfo=UTC)
        erika.save()
        pe = CommunityFactory(name="Personalentwicklung", slug="pe")
        wol = CommunityFactory(name="Working Out Loud", slug="wol", visibility=Community.Visibility.INTERNAL)
        requested = datetime.datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
        MembershipFactory(
            community=pe,
            user=erika,
            role=Membership.Role.COORDINATOR,
            requested_at=requested,
            joined_at=requested,
        )
        MembershipFactory(
            community=wol,
            user=erika,
            status=Membership.Status.PENDING,
            requested_at=requested,
            joined_at=None,
            message="Darf ich mitmachen?",
        )
        MembershipFactory(community=pe)  # someone else's
        Invitation.objects.create(
            community=pe,
            email="neu@heidelberg.de",
            token_hash="a" * 64,
            invited_by=erika,
            created_at=requested,
            expires_at=requested + datetime.timedelta(days=30),
        )
        Invitation.objects.create(
            community=pe,
            email="andere@heidelberg.de",
            token_hash="b" * 64,
            invited_by=user_factory(),
            expires_at=requested,
        )
        EmailAddress.objects.create(user=erika, email="e.mustermann@kassel.de", primary=False, verified=False)
        Authenticator.objects.create(
            user=erika, type=Authenticator.Type.TOTP, data={"secret": "GEHEIM"}, created_at=requested
        )
        social = SocialAccount.objects.create(user=erika, provider="municipality", uid="kassel-4711")
        social.refresh_from_db()
        before = timezone.now()

        response = erika_client.post("/me/export/")

        erika.refresh_from_db()
        assert response.status_code == HTTPStatus.OK
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response["Content-Disposition"] == (
            f'attachment; filename="cop-data-{timezone.localdate():%Y-%m-%d}.json"'
        )
        data = json.loads(response.content)
        exported_at = datetime.datetime.fromisoformat(data.pop("exported_at"))
        assert before <= exported_at <= timezone.now()
        assert data == {
            "format_version": 1,
            "profile": {
                "id": erika.pk,
                "email": "erika@kassel.de",
                "first_name": "Erika",
                "last_name": "Mustermann",
                "organisation": "Stadt Kassel",
                "job_title": "Personalentwicklerin",
                "department": "Personal und Organisation",
                "expertise": "Agiles Arbeiten, E-Learning",
                "bio": "Ich arbeite seit **zehn Jahren** hier.",
                "phone": "+49 561 787-1000",
                "is_listed": True,
                "show_email": False,
                "show_phone": False,
                "date_joined": "2025-01-02T08:00:00Z",
                "last_login": as_json(erika.last_login),
            },
            "memberships": [
                {
                    "community": "Personalentwicklung",
                    "community_slug": "pe",
                    "role": "coordinator",
                    "status": "active",
                    "in_rotation": True,
                    "requested_at": "2025-03-04T09:30:00Z",
                    "joined_at": "2025-03-04T09:30:00Z",
                    "message": "",
                },
                {
                    "community": "Working Out Loud",
                    "community_slug": "wol",
                    "role": "member",
                    "status": "pending",
                    "in_rotation": True,
                    "requested_at": "2025-03-04T09:30:00Z",
                    "joined_at": None,
                    "message": "Darf ich mitmachen?",
                },
            ],
            "invitations_sent": [
                {
                    "community": "Personalentwicklung",
                    "email": "neu@heidelberg.de",
                    "sent_at": "2025-03-04T09:30:00Z",
                    "expires_at": "2025-04-03T09:30:00Z",
                    "accepted_at": None,
                }
            ],
            "email_addresses": [
                {"email": "erika@kassel.de", "primary": True, "verified": True},
                {"email": "e.mustermann@kassel.de", "primary": False, "verified": False},
            ],
            "sign_in_methods": {
                "has_password": True,
                "linked_accounts": [
                    {
                        "provider": "municipality",
                        "uid": "kassel-4711",
                        "date_joined": as_json(social.date_joined),
                        "last_login": as_json(social.last_login),
                    }
                ],
                "second_factors": [
                    {"type": "totp", "created_at": "2025-03-04T09:30:00Z", "last_used_at": None}
                ],
            },
            "permissions": {"is_staff": False, "is_superuser": False, "groups": [], "permissions": []},
            "agenda_items": [],
            "attendance": [],
            "facilitations": [],
            "facilitator_declines": [],
            "minutes_changes": [],
            "calendar_feeds": [],
            "topics_proposed": [],
            "topic_votes": [],
            "spin_off_suggestions": [],
            "partner_searches": [],
            "partner_interests": [],
            "lean_coffee_thumbs": [],
            "notifications": [],
            "notifications_switched_off": [],
        }
        assert "GEHEIM" not in response.content.decode()

    def test_meetings_part_holds_items_answers_facilitations_declines_and_minutes_changes(
        self, erika_client, erika
    ):
        pe = CommunityFactory(name="Personalentwicklung")
        starts = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
        meeting = MeetingFactory(
            community=pe,
            title="Treffen März",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            facilitator=erika,
            minutes_confidential="Vertraulich: Fall Schneider",
        )
        other = MeetingFactory(
            community=pe, title="Treffen Juni", starts_at=starts + datetime.timedelta(days=90)
        )
        item = AgendaItem.objects.create(
            meeting=meeting,
            title="Onboarding",
            description="Wie wir neue Kolleg:innen begleiten",
            proposed_by=erika,
            duration_minutes=30,
        )
        AgendaItem.objects.create(meeting=meeting, title="Fremder Punkt")
        answer = Attendance.objects.create(meeting=meeting, user=erika, response="yes", attended=True)
        decline = FacilitatorDecline.objects.create(meeting=other, user=erika)
        revision = MinutesRevision.objects.create(meeting=meeting, editor=erika, published=True)
        when = {"community": "Personalentwicklung", "starts_at": "2026-03-10T09:00:00Z"}

        response = erika_client.post("/me/export/")

        data = json.loads(response.content)
        assert {name: data[name] for name in MEETING_SECTIONS} == {
            "agenda_items": [
                {
                    "meeting": "Treffen März",
                    **when,
                    "title": "Onboarding",
                    "description": "Wie wir neue Kolleg:innen begleiten",
                    "kind": "discussion",
                    "duration_minutes": 30,
                    "status": "proposed",
                    "outcome": "",
                    "proposed_by_me": True,
                    "presented_by_me": False,
                    "created_at": as_json(item.created_at),
                }
            ],
            "attendance": [
                {
                    "meeting": "Treffen März",
                    **when,
                    "response": "yes",
                    "attended": True,
                    "changed_at": as_json(answer.updated_at),
                }
            ],
            "facilitations": [{"meeting": "Treffen März", **when, "status": "planned", "accepted": False}],
            "facilitator_declines": [
                {
                    "meeting": "Treffen Juni",
                    "community": "Personalentwicklung",
                    "starts_at": as_json(other.starts_at),
                    "declined_at": as_json(decline.created_at),
                }
            ],
            "minutes_changes": [
                {
                    "meeting": "Treffen März",
                    **when,
                    "changed_at": as_json(revision.created_at),
                    "published": True,
                }
            ],
        }
        assert "Vertraulich" not in response.content.decode()

    def test_umlauts_are_written_as_they_are(self, erika_client, erika):
        erika.department = "Bürgerämter"
        erika.save()
        assert "Bürgerämter" in erika_client.post("/me/export/").content.decode()

    def test_another_app_can_add_a_section(self, erika_client, erika):
        export.register_export_section("example", lambda user: [{"meeting": f"Treffen von {user.pk}"}])
        try:
            data = json.loads(erika_client.post("/me/export/").content)
        finally:
            export._sections.pop("example")
        assert list(data) == [
            "format_version",
            "exported_at",
            "profile",
            "memberships",
            "invitations_sent",
            "email_addresses",
            "sign_in_methods",
            "permissions",
            "agenda_items",
            "attendance",
            "facilitations",
            "facilitator_declines",
            "minutes_changes",
            "calendar_feeds",
            "topics_proposed",
            "topic_votes",
            "spin_off_suggestions",
            "lean_coffee_thumbs",
            "partner_searches",
            "partner_interests",
            "notifications",
            "notifications_switched_off",
            "example",
        ]
        assert data["example"] == [{"meeting": f"Treffen von {erika.pk}"}]

    def test_export_is_never_cached(self, erika_client):
        response = erika_client.post("/me/export/")
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
class TestNobodyElsesExport:
    def test_no_url_gives_another_members_export(self, viewer_client, viewer, erika):
        """Only /me/export/ exports, and only the signed-in person's data; ids sent along are ignored."""
        from django.urls import URLResolver, get_resolver

        def names(resolver, prefix=""):
            for pattern in resolver.url_patterns:
                if isinstance(pattern, URLResolver):
                    yield from names(pattern, prefix + str(pattern.pattern))
                elif pattern.name and "export" in pattern.name and not prefix.startswith("admin/"):
                    yield pattern.name

        assert sorted(names(get_resolver())) == ["me_export"]
        tries = {
            f"/me/export/{erika.pk}/": None,
            f"/members/{erika.pk}/export/": None,
            f"/me/export/?user={erika.pk}": "viewer",
            f"/me/export/?pk={erika.pk}&id={erika.pk}": "viewer",
        }
        outcomes = {}
        for url in tries:
            response = viewer_client.post(url, {"user": erika.pk, "pk": erika.pk})
            owner = None
            if response.status_code == HTTPStatus.OK:
                owner = "viewer" if json.loads(response.content)["profile"]["id"] == viewer.pk else "erika"
            outcomes[url] = (response.status_code, owner)
        assert outcomes == {
            url: (HTTPStatus.OK, "viewer") if owner else (HTTPStatus.NOT_FOUND, None)
            for url, owner in tries.items()
        }

    def test_signed_out_the_export_asks_for_sign_in(self, client, erika):
        response = client.post("/me/export/")
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")
