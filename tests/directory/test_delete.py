"""/me/delete/ and user_delete_account: deletion in the DSGVO sense."""

import datetime
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone

from members import services
from members.models import Invitation, Membership

from ..factories import CommunityFactory, MembershipFactory
from .conftest import reload

PASSWORD = "secret-password-123"  # the factory's


def other_session_of(user) -> str:
    """A session of the user on another device."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


@pytest.fixture
def erika_client(client, erika):
    client.force_login(erika)
    return client


@pytest.fixture
def erikas_data(erika, viewer):
    """Erika with memberships, sign-in data, invitations and a second session."""
    pe = CommunityFactory(name="Personalentwicklung", slug="pe")
    wol = CommunityFactory(name="Working Out Loud", slug="wol")
    MembershipFactory(community=pe, user=erika, role=Membership.Role.COORDINATOR, message="Hallo!")
    MembershipFactory(community=wol, user=erika, status=Membership.Status.PENDING)
    # A second coordinator: the last one of a community with members cannot delete their account.
    MembershipFactory(community=pe, user=viewer, role=Membership.Role.COORDINATOR)
    # The factory gave each their verified primary address; Erika has a second one.
    EmailAddress.objects.create(user=erika, email="e.m@privat.example", primary=False, verified=True)
    Authenticator.objects.create(user=erika, type=Authenticator.Type.TOTP, data={"secret": "GEHEIM"})
    app = SocialApp.objects.create(provider="openid_connect", provider_id="municipality", name="Kommune")
    account = SocialAccount.objects.create(user=erika, provider="municipality", uid="kassel-4711")
    SocialToken.objects.create(app=app, account=account, token="zugang")
    later = timezone.now() + datetime.timedelta(days=30)
    sent = Invitation.objects.create(
        community=pe, email="neu@heidelberg.de", token_hash="a" * 64, invited_by=erika, expires_at=later
    )
    Invitation.objects.create(
        community=wol, email="ERIKA@kassel.de", token_hash="b" * 64, invited_by=viewer, expires_at=later
    )
    Invitation.objects.create(  # to her secondary address
        community=wol, email="e.m@privat.example", token_hash="c" * 64, invited_by=viewer, expires_at=later
    )
    return {
        "sent": sent,
        "other_session": other_session_of(erika),
        "viewer_session": other_session_of(viewer),
    }


@pytest.mark.django_db
class TestDeleteAccountService:
    def test_anonymises_the_user_row(self, erika, erikas_data):
        services.user_delete_account(user=erika)
        erika = reload(erika)
        assert (
            erika.first_name,
            erika.last_name,
            erika.email,
            erika.organisation,
            erika.job_title,
            erika.department,
            erika.expertise,
            erika.bio,
            erika.phone,
            erika.is_listed,
            erika.show_email,
            erika.show_phone,
            erika.is_active,
            erika.has_usable_password(),
        ) == (
            "",
            "",
            f"deleted-{erika.pk}@invalid",
            None,
            "",
            "",
            "",
            "",
            "",
            False,
            False,
            False,
            False,
            False,
        )

    def test_deleted_member_is_shown_as_former_member(self, erika, erikas_data):
        services.user_delete_account(user=erika)
        erika = reload(erika)
        assert (erika.is_deleted, erika.display_name, str(erika)) == (
            True,
            "Ehemaliges Mitglied",
            "Ehemaliges Mitglied",
        )

    def test_a_merely_deactivated_member_keeps_their_name(self, erika):
        erika.is_active = False
        erika.save()
        assert (erika.is_deleted, erika.display_name) == (False, "Erika Mustermann")

    def test_memberships_are_left(self, erika, viewer, erikas_data):
        services.user_delete_account(user=erika)
        assert sorted(
            Membership.objects.values_list("user__first_name", "community__slug", "status", "role", "message")
        ) == [
            ("", "pe", "left", "member", ""),
            ("", "wol", "left", "member", ""),
            ("Viktor", "pe", "active", "coordinator", ""),
        ]

    def test_sign_in_data_and_sessions_are_deleted(self, erika, viewer, erikas_data):
        services.user_delete_account(user=erika)
        assert list(EmailAddress.objects.values_list("email", flat=True)) == ["viktor@musterstadt.de"]
        assert (
            Authenticator.objects.count(),
            SocialAccount.objects.count(),
            SocialToken.objects.count(),
        ) == (0, 0, 0)
        assert list(Session.objects.values_list("session_key", flat=True)) == [erikas_data["viewer_session"]]

    def test_invitations_sent_stay_and_those_addressed_to_the_person_go(self, erika, erikas_data):
        services.user_delete_account(user=erika)
        assert list(Invitation.objects.values_list("pk", "invited_by")) == [
            (erikas_data["sent"].pk, erika.pk)
        ]

    def test_the_last_coordinator_of_a_community_with_members_is_refused_and_nothing_changes(
        self, erika, viewer, erikas_data
    ):
        Membership.objects.filter(user=viewer).update(role=Membership.Role.MEMBER)
        before = (
            list(Membership.objects.values()),
            list(EmailAddress.objects.values()),
            list(Invitation.objects.values()),
            type(erika).objects.filter(pk=erika.pk).values().get(),
        )
        with pytest.raises(ValidationError) as caught:
            services.user_delete_account(user=erika)
        assert caught.value.messages == [
            "Außer dir gibt es in Personalentwicklung keine Koordinator:innen. Bitte übertrage dort die "
            "Koordination an jemand anderen, bevor du dein Konto löschst."
        ]
        after = (
            list(Membership.objects.values()),
            list(EmailAddress.objects.values()),
            list(Invitation.objects.values()),
            type(erika).objects.filter(pk=erika.pk).values().get(),
        )
        assert after == before

    def test_the_only_person_of_a_community_may_still_delete_their_account(self, erika):
        alone = CommunityFactory()
        MembershipFactory(community=alone, user=erika, role=Membership.Role.COORDINATOR)
        services.user_delete_account(user=erika)
        erika.refresh_from_db()
        assert erika.is_deleted is True

    def test_another_app_can_add_a_deletion_step(self, erika):
        erased = []
        step = erased.append
        services.register_account_deletion_step(lambda *, user: step(user.email))
        try:
            services.user_delete_account(user=erika)
        finally:
            services._ACCOUNT_DELETION_STEPS.pop()
        assert erased == ["erika@kassel.de"]


@pytest.mark.django_db
class TestDeleteAccountPage:
    def test_get_explains_and_asks_for_the_password(self, erika_client):
        response = erika_client.get("/me/delete/")
        assert (response.status_code, list(response.context["form"].fields)) == (HTTPStatus.OK, ["password"])
        assert '<form method="post" action="/me/delete/"' in response.content.decode()

    def test_wrong_password_deletes_nothing(self, erika_client, erika):
        response = erika_client.post("/me/delete/", {"password": "falsch"})
        assert (response.status_code, response.context["form"].errors) == (
            HTTPStatus.OK,
            {"password": ["Dieses Passwort ist nicht richtig."]},
        )
        assert (reload(erika).is_active, reload(erika).email) == (True, "erika@kassel.de")

    def test_the_last_coordinator_sees_why_and_keeps_the_account(
        self, erika_client, erika, viewer, erikas_data
    ):
        Membership.objects.filter(user=viewer).update(role=Membership.Role.MEMBER)
        response = erika_client.post("/me/delete/", {"password": PASSWORD})
        assert (response.status_code, response.context["form"].errors) == (
            HTTPStatus.BAD_REQUEST,
            {
                "__all__": [
                    "Außer dir gibt es in Personalentwicklung keine Koordinator:innen. Bitte übertrage dort "
                    "die Koordination an jemand anderen, bevor du dein Konto löschst."
                ]
            },
        )
        assert (reload(erika).is_active, reload(erika).email) == (True, "erika@kassel.de")
        assert erika_client.get("/me/").status_code == HTTPStatus.OK  # still signed in

    def test_right_password_deletes_the_account_and_signs_out(self, erika_client, erika, erikas_data):
        response = erika_client.post("/me/delete/", {"password": PASSWORD}, follow=True)
        assert response.redirect_chain == [("/", HTTPStatus.FOUND)]
        assert response.context["user"].is_authenticated is False
        assert [str(m) for m in response.context["messages"]] == [
            "Dein Konto wurde gelöscht. Danke, dass du dabei warst."
        ]
        assert reload(erika).is_deleted is True
        assert Session.objects.filter(session_key=erikas_data["other_session"]).exists() is False
        assert erika_client.get("/me/")["Location"] == "/accounts/login/?next=/me/"

    def test_deleted_account_is_404_for_others_and_gone_from_lists(self, erika_client, erika, viewer):
        erika_client.post("/me/delete/", {"password": PASSWORD})
        erika_client.force_login(viewer)
        assert erika_client.get(f"/members/{erika.pk}/").status_code == HTTPStatus.NOT_FOUND
        members = erika_client.get("/members/").context["members"]
        assert [m.display_name for m in members] == ["Viktor Betrachter"]

    def test_deleted_account_cannot_sign_in(self, client, erika):
        client.force_login(erika)
        client.post("/me/delete/", {"password": PASSWORD})
        assert client.login(email="erika@kassel.de", password=PASSWORD) is False

    def test_account_without_password_confirms_with_its_email(self, erika_client, erika):
        erika.set_unusable_password()
        erika.save()
        erika_client.force_login(erika)
        response = erika_client.post("/me/delete/", {"email": "falsch@kassel.de"})
        assert list(response.context["form"].errors) == ["email"]
        assert reload(erika).is_active is True
        erika_client.post("/me/delete/", {"email": "Erika@Kassel.de"})
        assert reload(erika).is_deleted is True

    def test_password_guessing_is_rate_limited(self, erika_client, erika):
        for _ in range(10):
            erika_client.post("/me/delete/", {"password": "falsch"})
        response = erika_client.post("/me/delete/", {"password": PASSWORD})
        assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
        assert reload(erika).is_active is True

    def test_get_does_not_delete(self, erika_client, erika):
        erika_client.get("/me/delete/", {"password": PASSWORD})
        assert reload(erika).is_active is True
