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

from members import export
from members.models import Community, Invitation, Membership

from ..factories import CommunityFactory, MembershipFactory

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
        assert '<form method="post" action="/me/export/">' in response.content.decode()

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
        EmailAddress.objects.create(user=erika, email="erika@kassel.de", primary=True, verified=True)
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
            "topics_proposed": [],
            "topic_votes": [],
        }
        assert "GEHEIM" not in response.content.decode()

    def test_umlauts_are_written_as_they_are(self, erika_client, erika):
        erika.department = "Bürgerämter"
        erika.save()
        assert "Bürgerämter" in erika_client.post("/me/export/").content.decode()

    def test_another_app_can_add_a_section(self, erika_client, erika):
        export.register_export_section("attendance", lambda user: [{"meeting": f"Treffen von {user.pk}"}])
        try:
            data = json.loads(erika_client.post("/me/export/").content)
        finally:
            export._sections.pop("attendance")
        assert list(data) == [
            "format_version",
            "exported_at",
            "profile",
            "memberships",
            "invitations_sent",
            "email_addresses",
            "sign_in_methods",
            "topics_proposed",
            "topic_votes",
            "attendance",
        ]
        assert data["attendance"] == [{"meeting": f"Treffen von {erika.pk}"}]

    def test_export_is_never_cached(self, erika_client):
        response = erika_client.post("/me/export/")
        assert "no-store" in response["Cache-Control"]
