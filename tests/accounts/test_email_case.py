"""An e-mail address has one form (members.models.normalise_email): Foo@Bar.example and
foo@bar.example are the same person at sign-up, sign-in, invitations and in the admin, and the
database refuses a second account that differs only in case."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from members.models import Community, Invitation, Membership, User, normalise_email
from tests.factories import CommunityFactory, MembershipFactory

from .conftest import signed_in_user_id
from .test_signup import signup_data

pytestmark = pytest.mark.django_db


def test_normalise_email_trims_and_lower_cases_the_whole_address():
    assert normalise_email("  Erika.Mustermann@Kassel.DE \n") == "erika.mustermann@kassel.de"


def test_the_user_manager_stores_and_finds_the_normalised_address():
    user = User.objects.create_user("Erika.Mustermann@Kassel.DE", password="Kaffeepause-im-Rathaus-7")

    assert User.objects.get(pk=user.pk).email == "erika.mustermann@kassel.de"
    assert User.objects.get_by_natural_key(" ERIKA.mustermann@kassel.de") == user


def test_full_clean_normalises_the_address():
    user = User(email="Erika.Mustermann@Kassel.DE")

    user.full_clean(exclude=["password"])

    assert user.email == "erika.mustermann@kassel.de"


def test_signup_with_a_case_variant_of_a_known_address_makes_no_second_account(
    client, kassel, account_factory, mailoutbox
):
    erika = account_factory("erika.mustermann@kassel.de")

    response = client.post(reverse("account_signup"), signup_data("Erika.Mustermann@Kassel.DE"))

    # As for any known address: the same answer as a new sign-up, a mail to the owner, no account.
    assert (response.status_code, response.url) == (
        HTTPStatus.FOUND,
        reverse("account_email_verification_sent"),
    )
    assert list(User.objects.values_list("pk", "email")) == [(erika.pk, "erika.mustermann@kassel.de")]
    assert [mail.to for mail in mailoutbox] == [["erika.mustermann@kassel.de"]]


def test_sign_in_with_a_case_variant_finds_the_account(client, account_factory, sign_in):
    erika = account_factory("erika.mustermann@kassel.de")

    response = sign_in("Erika.Mustermann@KASSEL.de")

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("home"))
    assert signed_in_user_id(client) == str(erika.pk)


@pytest.fixture
def community(db):
    return CommunityFactory(
        name="Kollegiale Beratung",
        slug="kollegiale-beratung",
        visibility=Community.Visibility.SECRET,
        join_policy=Community.JoinPolicy.INVITATION,
    )


@pytest.fixture
def invitation_path(community, account_factory, django_capture_on_commit_callbacks, mailoutbox):
    """An invitation to "Gast@Beispiel-Beratung.de", sent through the manage page."""
    from .conftest import links_in

    coordinator = account_factory("koordination@kassel.de")
    MembershipFactory(community=community, user=coordinator, role=Membership.Role.COORDINATOR)
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("invitation_create", kwargs={"slug": community.slug}),
            {"email": "Gast@Beispiel-Beratung.de"},
        )
    [path] = links_in(mailoutbox[0], "/invitations/")
    mailoutbox.clear()
    return path


def test_an_invitation_is_stored_with_the_normalised_address(invitation_path):
    assert list(Invitation.objects.values_list("email", flat=True)) == ["gast@beispiel-beratung.de"]


def test_signup_from_an_invitation_with_a_case_variant_accepts_it(client, community, invitation_path):
    client.get(invitation_path)

    response = client.post(reverse("account_signup"), signup_data("GAST@beispiel-beratung.DE"))

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, community.get_absolute_url())
    guest = User.objects.get(email="gast@beispiel-beratung.de")
    assert (
        Membership.objects.filter(community=community, user=guest, status=Membership.Status.ACTIVE).count()
        == 1
    )
    assert Invitation.objects.get().accepted_at is not None


def test_an_account_signed_in_with_a_case_variant_accepts_the_invitation(
    client, community, invitation_path, account_factory, sign_in
):
    guest = account_factory("gast@beispiel-beratung.de")
    sign_in("Gast@Beispiel-Beratung.de")

    response = client.post(invitation_path)

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, community.get_absolute_url())
    assert list(Membership.objects.filter(user=guest).values_list("community", "status")) == [
        (community.pk, Membership.Status.ACTIVE)
    ]
    assert User.objects.count() == 2  # the coordinator and the guest: no second account


def test_a_second_invitation_to_a_case_variant_of_a_member_is_refused(
    client, community, account_factory, django_capture_on_commit_callbacks, mailoutbox
):
    coordinator = account_factory("koordination@kassel.de")
    MembershipFactory(community=community, user=coordinator, role=Membership.Role.COORDINATOR)
    MembershipFactory(community=community, user=account_factory("gast@beispiel-beratung.de"))
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitation_create", kwargs={"slug": community.slug}),
            {"email": "GAST@Beispiel-Beratung.de"},
        )

    assert response.status_code == HTTPStatus.OK
    assert [str(message) for message in response.context["messages"]] == [
        "Diese Person ist bereits Mitglied."
    ]
    assert (Invitation.objects.count(), mailoutbox) == (0, [])


def test_the_database_refuses_an_account_that_differs_only_in_case():
    User.objects.create_user("erika.mustermann@kassel.de")

    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        User.objects.bulk_create([User(email="Erika.Mustermann@kassel.de")])

    assert "user_email_lower_case" in str(refused.value)
    assert list(User.objects.values_list("email", flat=True)) == ["erika.mustermann@kassel.de"]


def test_the_case_insensitive_uniqueness_gives_a_message_before_saving():
    User.objects.create_user("erika.mustermann@kassel.de")
    # Past the field's own (case-sensitive) uniqueness check: only the constraints catch it.
    twin = User(email="Erika.Mustermann@kassel.de")

    with translation.override("de"), pytest.raises(ValidationError) as refused:
        twin.validate_constraints()

    assert refused.value.messages == [
        "E-Mail-Adressen werden in Kleinbuchstaben gespeichert.",
        "Ein Mitglied mit dieser E-Mail-Adresse gibt es schon.",
    ]
