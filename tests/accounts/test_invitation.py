"""Invitation sign-up: a coordinator invites any address; the invitee signs up with it and is a member."""

from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members import services
from members.models import Community, Invitation, Membership, User
from tests.factories import CommunityFactory, MembershipFactory

from .conftest import links_in, signed_in_user_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(db):
    return CommunityFactory(
        name="Personalentwicklung",
        slug="personalentwicklung",
        visibility=Community.Visibility.INTERNAL,
        join_policy=Community.JoinPolicy.INVITATION,
    )


@pytest.fixture
def invitation_link(community, account_factory, mailoutbox, django_capture_on_commit_callbacks):
    """A coordinator sends an invitation through the manage page; the link is read from the mail."""
    coordinator = account_factory("koordination@kassel.de")
    MembershipFactory(community=community, user=coordinator, role=Membership.Role.COORDINATOR)
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):  # the mail goes out on commit
        response = coordinator_client.post(
            reverse("invitation_create", kwargs={"slug": community.slug}),
            {"email": "Gast@Beispiel-Beratung.de"},
        )

    assert (response.status_code, response.url) == (
        HTTPStatus.FOUND,
        reverse("community_manage", kwargs={"slug": community.slug}),
    )
    assert [mail.to for mail in mailoutbox] == [["gast@beispiel-beratung.de"]]
    [link] = links_in(mailoutbox[0], "/invitations/")
    mailoutbox.clear()
    return link


def signup_data(email):
    return {
        "email": email,
        "first_name": "Gerda",
        "last_name": "Gast",
        "password1": "Kaffeepause-im-Rathaus-7",
        "password2": "Kaffeepause-im-Rathaus-7",
    }


def test_invitee_from_any_domain_signs_up_and_is_an_active_member(
    client, community, invitation_link, mailoutbox
):
    before = timezone.now()
    welcome = client.get(invitation_link)
    assert welcome.status_code == HTTPStatus.OK
    signup_page = client.get(reverse("account_signup"))
    assert signup_page.context["form"]["email"].value() == "gast@beispiel-beratung.de"

    response = client.post(reverse("account_signup"), signup_data("gast@beispiel-beratung.de"))

    # The invitation link proved the address: no second mail, signed in at once, on the community page.
    assert (response.status_code, response.url) == (HTTPStatus.FOUND, community.get_absolute_url())
    user = User.objects.get(email="gast@beispiel-beratung.de")
    assert signed_in_user_id(client) == str(user.pk)
    assert mailoutbox == []
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("gast@beispiel-beratung.de", True, True)
    ]
    assert user.organisation is None
    membership = Membership.objects.get(community=community, user=user)
    assert (membership.status, membership.role) == (Membership.Status.ACTIVE, Membership.Role.MEMBER)
    assert before <= Invitation.objects.get().accepted_at <= timezone.now()
    assert client.get(community.get_absolute_url()).status_code == HTTPStatus.OK


def test_invitation_cannot_be_used_twice(client, community, invitation_link):
    client.get(invitation_link)
    client.post(reverse("account_signup"), signup_data("gast@beispiel-beratung.de"))
    before = membership_and_invitation_rows(community)

    response = Client().get(invitation_link)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert membership_and_invitation_rows(community) == before


def test_invitation_does_not_open_sign_up_for_another_address(client, invitation_link, mailoutbox):
    client.get(invitation_link)

    response = client.post(reverse("account_signup"), signup_data("jemand@beispiel-beratung.de"))

    assert response.status_code == HTTPStatus.OK
    assert [e.code for e in response.context["form"].errors.as_data()["email"]] == ["domain_not_allowed"]
    assert User.objects.filter(email="jemand@beispiel-beratung.de").exists() is False
    assert Invitation.objects.get().accepted_at is None


def test_sign_up_with_a_work_address_instead_still_needs_verification_and_keeps_the_invitation(
    client, kassel, community, invitation_link, mailoutbox
):
    client.get(invitation_link)

    response = client.post(reverse("account_signup"), signup_data("gerda.gast@kassel.de"))

    assert (response.status_code, response.url) == (
        HTTPStatus.FOUND,
        reverse("account_email_verification_sent"),
    )
    user = User.objects.get(email="gerda.gast@kassel.de")
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("gerda.gast@kassel.de", False)
    ]
    assert Membership.objects.filter(community=community, user=user).exists() is False
    assert Invitation.objects.get().accepted_at is None
    assert [mail.to for mail in mailoutbox] == [["gerda.gast@kassel.de"]]


def test_signup_without_the_session_of_the_invitation_link_is_refused(client, invitation_link):
    response = Client().post(reverse("account_signup"), signup_data("gast@beispiel-beratung.de"))

    assert response.status_code == HTTPStatus.OK
    assert User.objects.filter(email="gast@beispiel-beratung.de").exists() is False


def test_existing_account_signs_in_from_the_invitation_and_accepts_it(
    client, community, invitation_link, account_factory, sign_in
):
    guest = account_factory("gast@beispiel-beratung.de")
    client.get(invitation_link)
    path = invitation_link

    response = sign_in("gast@beispiel-beratung.de", next_url=path)
    assert (response.status_code, response.url) == (HTTPStatus.FOUND, path)
    response = client.post(path)

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, community.get_absolute_url())
    membership = Membership.objects.get(community=community, user=guest)
    assert membership.status == Membership.Status.ACTIVE


def membership_and_invitation_rows(community):
    return (
        list(Membership.objects.filter(community=community).values_list("user__email", "role", "status")),
        list(Invitation.objects.values_list("email", "accepted_at")),
    )


def test_an_account_with_another_address_cannot_accept_from_the_page(
    client, community, invitation_link, account_factory
):
    client.force_login(account_factory("jemand.anders@kassel.de"))
    before = membership_and_invitation_rows(community)

    response = client.post(invitation_link, follow=True)

    assert response.redirect_chain == [(reverse("home"), HTTPStatus.FOUND)]
    assert [str(message) for message in response.context["messages"]] == [
        "Diese Einladung wurde an eine andere E-Mail-Adresse geschickt."
    ]
    assert before == (
        [("koordination@kassel.de", Membership.Role.COORDINATOR, Membership.Status.ACTIVE)],
        [("gast@beispiel-beratung.de", None)],
    )
    assert membership_and_invitation_rows(community) == before
    # The invitation is still there for the invited address.
    assert Client().get(invitation_link).status_code == HTTPStatus.OK


def test_the_service_refuses_an_account_with_another_address(community, invitation_link, account_factory):
    other = account_factory("gast@beispiel-beratung.de.example.org")
    before = membership_and_invitation_rows(community)

    with pytest.raises(ValidationError) as error:
        services.invitation_accept(invitation=Invitation.objects.get(), user=other)

    assert error.value.messages == ["Diese Einladung wurde an eine andere E-Mail-Adresse geschickt."]
    assert membership_and_invitation_rows(community) == before


def test_the_service_accepts_the_invited_address_in_other_letter_case(
    community, invitation_link, account_factory
):
    guest = account_factory("gast@beispiel-beratung.de")
    Invitation.objects.update(email="Gast@Beispiel-Beratung.de")
    before = timezone.now()

    membership = services.invitation_accept(invitation=Invitation.objects.get(), user=guest)

    assert (membership.user, membership.community, membership.status) == (
        guest,
        community,
        Membership.Status.ACTIVE,
    )
    assert before <= Invitation.objects.get().accepted_at <= timezone.now()
