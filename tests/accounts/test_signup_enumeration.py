"""A sign-up answers the same whether or not the address has an account, also when two people sign
up with one address at the same moment."""

import threading
from http import HTTPStatus

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.db.models.signals import pre_init, pre_save
from django.test import Client
from django.urls import reverse

from members.models import User
from tests.factories import OrganisationDomainFactory, OrganisationFactory, UserFactory

from .hashers import CountingMD5PasswordHasher
from .test_signup import signup_data

ADDRESS = "erika.mustermann@kassel.de"
VERIFICATION_SENT = (HTTPStatus.FOUND, "/accounts/confirm-email/")
NEW_ACCOUNT_SUBJECT = "Willkommen bei CoP-Plattform: Bitte bestätige deine E-Mail-Adresse"
KNOWN_ACCOUNT_SUBJECT = "Du hast schon ein Konto bei CoP-Plattform"


@pytest.fixture
def hashes(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingMD5PasswordHasher"]
    CountingMD5PasswordHasher.encoded.clear()
    yield CountingMD5PasswordHasher.encoded
    CountingMD5PasswordHasher.encoded.clear()


def sign_up(client, email=ADDRESS):
    response = client.post(reverse("account_signup"), signup_data(email))
    return response.status_code, response.get("Location")


@pytest.mark.django_db
def test_a_known_address_gets_the_same_answer_and_costs_the_same_hash_as_a_new_one(
    client, kassel, hashes, mailoutbox
):
    new = sign_up(client, "max.mustermann@kassel.de")
    hashes_for_new = len(hashes)
    client.logout()
    UserFactory(email=ADDRESS)
    hashes.clear()
    mailoutbox.clear()

    known = sign_up(Client())

    assert new == known == VERIFICATION_SENT
    assert (hashes_for_new, len(hashes)) == (1, 1)
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [([ADDRESS], KNOWN_ACCOUNT_SUBJECT)]
    assert User.objects.filter(email=ADDRESS).count() == 1


@pytest.mark.django_db
def test_a_new_address_gets_the_confirmation_mail(client, kassel, mailoutbox):
    assert sign_up(client) == VERIFICATION_SENT
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [([ADDRESS], NEW_ACCOUNT_SUBJECT)]


@pytest.fixture
def address_taken_while_saving():
    """Another sign-up with the same address saves its user between our validation and our save."""

    def take_the_address(sender, **kwargs):
        # The first User() of the request is the new account, created once the form is valid.
        pre_init.disconnect(take_the_address, sender=User)
        UserFactory(email=ADDRESS, first_name="Schneller", last_name="Mensch")

    pre_init.connect(take_the_address, sender=User)
    yield
    pre_init.disconnect(take_the_address, sender=User)


@pytest.mark.django_db
def test_an_address_taken_during_sign_up_gets_the_known_address_answer_not_an_error(
    client, kassel, mailoutbox, address_taken_while_saving
):
    response = sign_up(client)

    assert response == VERIFICATION_SENT
    assert list(User.objects.values_list("email", "first_name")) == [(ADDRESS, "Schneller")]
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [([ADDRESS], KNOWN_ACCOUNT_SUBJECT)]


ON_POSTGRESQL = django_settings.DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis"))


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs PostgreSQL: SQLite serialises every writer")
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_sign_ups_with_one_address_give_one_account_and_no_error(mailoutbox):
    organisation = OrganisationFactory(name="Stadt Kassel", slug="kassel")
    OrganisationDomainFactory(organisation=organisation, domain="kassel.de")
    # Both requests have passed validation before either saves its user.
    barrier = threading.Barrier(2, timeout=30)

    def wait_for_the_other(sender, instance, **kwargs):
        if instance.pk is None and instance.email == ADDRESS:
            barrier.wait()

    pre_save.connect(wait_for_the_other, sender=User)
    answers, errors = [], []

    def sign_up_in_thread():
        try:
            answers.append(sign_up(Client(raise_request_exception=True)))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up_in_thread) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        pre_save.disconnect(wait_for_the_other, sender=User)

    assert errors == []
    assert answers == [VERIFICATION_SENT, VERIFICATION_SENT]
    assert User.objects.filter(email=ADDRESS).count() == 1
    # allauth sends one verification-stage mail per address within its rate limit: whichever of the
    # two answers comes first, the owner of the address gets a mail and nobody else does.
    assert {(tuple(mail.to), mail.subject) for mail in mailoutbox} <= {
        ((ADDRESS,), NEW_ACCOUNT_SUBJECT),
        ((ADDRESS,), KNOWN_ACCOUNT_SUBJECT),
    }
    assert len(mailoutbox) in {1, 2}
