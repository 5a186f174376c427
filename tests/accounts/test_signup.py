"""Sign-up: open to the participating organisations' domains, with mandatory e-mail verification."""

from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import reverse

from members.models import User

from .conftest import links_in, signed_in_user_id
from .html import main

pytestmark = pytest.mark.django_db


def signup_data(email, **overrides):
    data = {
        "email": email,
        "first_name": "Erika",
        "last_name": "Mustermann",
        "password1": "Kaffeepause-im-Rathaus-7",
        "password2": "Kaffeepause-im-Rathaus-7",
    }
    data.update(overrides)
    return data


def test_signup_with_an_organisation_domain_links_the_organisation_and_asks_for_verification(
    client, kassel, mailoutbox
):
    response = client.post(reverse("account_signup"), signup_data("Erika.Mustermann@Kassel.de"))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert (user.email, user.first_name, user.last_name, user.organisation) == (
        "erika.mustermann@kassel.de",
        "Erika",
        "Mustermann",
        kassel,
    )
    assert list(EmailAddress.objects.values_list("email", "verified", "primary")) == [
        ("erika.mustermann@kassel.de", False, True)
    ]
    assert signed_in_user_id(client) is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["erika.mustermann@kassel.de"]
    assert mailoutbox[0].subject == "Willkommen bei CoP-Plattform: Bitte bestätige deine E-Mail-Adresse"
    assert len(links_in(mailoutbox[0], "/accounts/confirm-email/")) == 1
    assert mailoutbox[0].body.strip().splitlines()[-3:] == [
        "Viele Grüße",
        f"CoP-Plattform – {settings.SITE_URL}",
        f"Fragen? Schreib uns: {settings.SITE_CONTACT_EMAIL}",
    ]


def test_verification_link_confirms_the_address_and_then_sign_in_works(client, kassel, mailoutbox, sign_in):
    client.post(reverse("account_signup"), signup_data("erika.mustermann@kassel.de"))
    client.logout()
    [link] = links_in(mailoutbox[0], "/accounts/confirm-email/")

    page = client.get(link)
    assert page.status_code == HTTPStatus.OK
    confirm_button = main(page.content).find("button", type="submit")
    assert confirm_button is not None
    response = client.post(link)

    assert response.status_code == HTTPStatus.FOUND
    assert EmailAddress.objects.get().verified is True
    response = sign_in("erika.mustermann@kassel.de", "Kaffeepause-im-Rathaus-7")
    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("home"))
    assert signed_in_user_id(client) == str(User.objects.get().pk)


def test_sign_in_before_verification_sends_a_new_mail_instead_of_signing_in(
    client, kassel, mailoutbox, sign_in
):
    client.post(reverse("account_signup"), signup_data("erika.mustermann@kassel.de"))
    client.logout()

    response = sign_in("erika.mustermann@kassel.de", "Kaffeepause-im-Rathaus-7")

    assert (response.status_code, response.url) == (
        HTTPStatus.FOUND,
        reverse("account_email_verification_sent"),
    )
    assert signed_in_user_id(client) is None


def test_signup_from_an_unknown_domain_is_refused_with_an_explanation_at_the_field(
    client, kassel, mailoutbox
):
    response = client.post(reverse("account_signup"), signup_data("erika@example.org"))

    assert response.status_code == HTTPStatus.OK
    assert User.objects.count() == 0
    assert mailoutbox == []
    errors = response.context["form"].errors.as_data()
    assert [error.code for error in errors["email"]] == ["domain_not_allowed"]
    assert errors["email"][0].params == {"domain": "example.org"}
    content = main(response.content)
    email_input = content.find("input", id="id_email")
    assert email_input.attrs["aria-invalid"] == "true"
    assert email_input.attrs["aria-describedby"] == "id_email_error"
    assert content.find("div", id="id_email_error").text == response.context["form"].errors["email"][0]
    summary = content.find("div", role="alert")
    assert summary.find("a", href="#id_email") is not None


def test_signup_page_shows_whom_sign_up_is_open_to_and_labels_every_field(client):
    response = client.get(reverse("account_signup"))

    content = main(response.content)
    labels = {label.attrs["for"] for label in content.find_all("label")}
    inputs = {node.attrs["id"] for node in content.find_all("input") if node.attrs.get("type") != "hidden"}
    assert inputs == {
        "id_email",
        "id_first_name",
        "id_last_name",
        "id_password1",
        "id_password2",
        "id_is_listed",
    }
    assert labels == inputs
    assert content.find("p", id="signup-who") is not None


def test_signup_refuses_the_published_demo_password(client, kassel, settings):
    settings.ALLOW_DEMO_PASSWORD = False
    data = signup_data(
        "erika.mustermann@kassel.de", password1=settings.DEMO_PASSWORD, password2=settings.DEMO_PASSWORD
    )

    response = client.post(reverse("account_signup"), data)

    assert response.status_code == HTTPStatus.OK
    assert User.objects.count() == 0
    assert [error.code for error in response.context["form"].errors.as_data()["password1"]] == [
        "demo_password"
    ]


def test_an_address_that_already_has_an_account_gets_a_mail_and_no_second_account(
    client, kassel, account_factory, mailoutbox
):
    account_factory("erika.mustermann@kassel.de")

    response = client.post(reverse("account_signup"), signup_data("erika.mustermann@kassel.de"))

    assert (response.status_code, response.url) == (
        HTTPStatus.FOUND,
        reverse("account_email_verification_sent"),
    )
    assert User.objects.count() == 1
    assert [mail.to for mail in mailoutbox] == [["erika.mustermann@kassel.de"]]
