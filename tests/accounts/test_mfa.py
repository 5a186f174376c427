"""Two-factor authentication with an authenticator app (TOTP) and recovery codes."""

import time
from http import HTTPStatus

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

from .conftest import signed_in_user_id
from .html import (
    assert_fields_labelled,
    assert_headings_in_order,
    assert_real_buttons,
    inline_scripts_and_styles,
    main,
    parse,
)

pytestmark = pytest.mark.django_db


def totp_code(secret: str) -> str:
    """What the person's authenticator app shows right now (RFC 6238, 30-second steps)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def erika(account_factory):
    return account_factory("erika.mustermann@kassel.de")


@pytest.fixture
def totp_secret(client, erika, sign_in, reauthenticate):
    """Erika activates TOTP through the pages, scanning the secret allauth keeps in the session."""
    sign_in(erika.email)
    reauthenticate()
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == HTTPStatus.OK
    secret = client.session[SECRET_SESSION_KEY]
    secret_field = main(page.content).find("input", id="authenticator_secret")
    assert secret_field.attrs["value"] == secret

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == HTTPStatus.FOUND
    assert sorted(Authenticator.objects.filter(user=erika).values_list("type", flat=True)) == [
        Authenticator.Type.RECOVERY_CODES,
        Authenticator.Type.TOTP,
    ]
    return secret


@pytest.fixture
def recovery_codes(client, totp_secret):
    page = client.get(reverse("mfa_view_recovery_codes"))
    assert page.status_code == HTTPStatus.OK
    codes = main(page.content).find("textarea", id="recovery_codes").text.split()
    assert len(codes) == 10
    return codes


def test_wrong_code_does_not_activate_totp(client, erika, sign_in, reauthenticate):
    sign_in(erika.email)
    reauthenticate()
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa_activate_totp"), {"code": wrong})

    assert response.status_code == HTTPStatus.OK
    assert [error.code for error in response.context["form"].errors.as_data()["code"]] == ["incorrect_code"]
    assert Authenticator.objects.filter(user=erika).exists() is False
    code_input = main(response.content).find("input", id="id_code")
    assert code_input.attrs["aria-describedby"] == "id_code_error"


def test_after_activation_sign_in_needs_the_authenticator_code(client, erika, totp_secret, sign_in):
    client.post(reverse("account_logout"))

    response = sign_in(erika.email)

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("mfa_authenticate"))
    assert signed_in_user_id(client) is None
    assert client.get(reverse("account_email")).status_code == HTTPStatus.FOUND

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(totp_secret)})

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("home"))
    assert signed_in_user_id(client) == str(erika.pk)


def test_wrong_authenticator_code_keeps_the_person_out(client, erika, totp_secret, sign_in):
    client.post(reverse("account_logout"))
    sign_in(erika.email)
    wrong = f"{(int(totp_code(totp_secret)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == HTTPStatus.OK
    assert signed_in_user_id(client) is None
    alert = main(response.content).find("div", role="alert")
    assert alert.find("li").text.endswith("Falscher Code.")


def test_an_authenticator_code_works_only_once(client, erika, totp_secret, sign_in):
    client.post(reverse("account_logout"))
    sign_in(erika.email)
    code = totp_code(totp_secret)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.post(reverse("account_logout"))
    sign_in(erika.email)

    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == HTTPStatus.OK
    assert signed_in_user_id(client) is None


def test_a_recovery_code_signs_in_once(client, erika, recovery_codes, sign_in):
    code = recovery_codes[3]
    client.post(reverse("account_logout"))
    sign_in(erika.email)

    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("home"))
    assert signed_in_user_id(client) == str(erika.pk)

    client.post(reverse("account_logout"))
    sign_in(erika.email)
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == HTTPStatus.OK
    assert signed_in_user_id(client) is None
    assert [error.code for error in response.context["form"].errors.as_data()["code"]] == ["incorrect_code"]


def test_mfa_overview_shows_the_authenticator_as_active(client, erika, totp_secret):
    response = client.get(reverse("mfa_index"))

    content = main(response.content)
    panels = content.find_all("section")
    assert len(panels) == 2
    actions = [a.attrs["href"] for a in content.find_all("a") if "btn" in a.classes]
    assert reverse("mfa_deactivate_totp") in actions
    assert reverse("mfa_generate_recovery_codes") in actions


def test_code_page_is_an_accessible_entrance_page_that_mentions_recovery_codes(
    client, erika, totp_secret, sign_in
):
    client.post(reverse("account_logout"))
    sign_in(erika.email)

    response = client.get(reverse("mfa_authenticate"))

    assert response.status_code == HTTPStatus.OK
    assert parse(response.content).find("link", href="/static/css/accounts-entrance.css") is not None
    content = main(response.content)
    assert_headings_in_order(content)
    assert_fields_labelled(content)
    assert_real_buttons(content)
    assert inline_scripts_and_styles(response.content) == []
    assert content.find("p", id="recovery-code-hint") is not None
    cancel = content.find("button", form="logout-from-stage")
    assert content.find("form", id="logout-from-stage").attrs["action"] == reverse("account_logout")
    assert cancel.attrs["type"] == "submit"
