"""Password reset by e-mail link."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from .conftest import links_in, signed_in_user_id

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Neues-Passwort-fuer-Erika-9"


def test_password_reset_mail_link_sets_a_new_password(client, account_factory, mailoutbox, sign_in):
    erika = account_factory("erika.mustermann@kassel.de")

    response = client.post(reverse("account_reset_password"), {"email": "Erika.Mustermann@kassel.de"})

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("account_reset_password_done"))
    assert [mail.to for mail in mailoutbox] == [["erika.mustermann@kassel.de"]]
    assert mailoutbox[0].subject == "Neues Passwort festlegen"
    [link] = links_in(mailoutbox[0], "/accounts/password/reset/key/")

    # allauth moves the key from the URL into the session before it shows the form.
    response = client.get(link)
    assert response.status_code == HTTPStatus.FOUND
    form_url = response.url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert (response.status_code, response.url) == (
        HTTPStatus.FOUND,
        reverse("account_reset_password_from_key_done"),
    )
    erika.refresh_from_db()
    assert erika.check_password(NEW_PASSWORD) is True
    assert sign_in(erika.email).status_code == HTTPStatus.OK  # the old password no longer works
    response = sign_in(erika.email, NEW_PASSWORD)
    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("home"))
    assert signed_in_user_id(client) == str(erika.pk)


def test_reset_link_works_only_once(client, account_factory, mailoutbox):
    account_factory("erika.mustermann@kassel.de")
    client.post(reverse("account_reset_password"), {"email": "erika.mustermann@kassel.de"})
    [link] = links_in(mailoutbox[0], "/accounts/password/reset/key/")
    form_url = client.get(link).url
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    assert response.status_code == HTTPStatus.OK
    assert response.context["token_fail"] is True


def test_reset_for_an_unknown_address_reveals_nothing(client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "niemand@kassel.de"})

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("account_reset_password_done"))
    # Same answer as for a known address; the mail only says that there is no account.
    assert [mail.to for mail in mailoutbox] == [["niemand@kassel.de"]]
    assert links_in(mailoutbox[0], "/accounts/password/reset/key/") == []
    assert links_in(mailoutbox[0], reverse("account_signup")) != []
