"""The published demo password opens accounts only where DEBUG or ALLOW_DEMO_PASSWORD says so."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from .conftest import signed_in_user_id
from .html import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_account(account_factory, settings):
    user = account_factory("erika.mustermann@kassel.de")
    user.set_password(settings.DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def test_demo_password_fails_like_any_wrong_password_on_a_real_installation(
    client, demo_account, settings, sign_in
):
    settings.DEBUG = False
    settings.ALLOW_DEMO_PASSWORD = False

    response = sign_in(demo_account.email, settings.DEMO_PASSWORD)

    assert response.status_code == HTTPStatus.OK
    assert signed_in_user_id(client) is None
    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == [
        "email_password_mismatch"
    ]
    alert = main(response.content).find("div", role="alert")
    assert alert.find("li").text == "Die E-Mail-Adresse und/oder das Passwort sind leider falsch."


def test_demo_password_works_when_allowed(client, demo_account, settings, sign_in):
    settings.DEBUG = False
    settings.ALLOW_DEMO_PASSWORD = True

    response = sign_in(demo_account.email, settings.DEMO_PASSWORD)

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("home"))
    assert signed_in_user_id(client) == str(demo_account.pk)


def test_demo_password_attempts_count_against_the_failed_login_limit(client, demo_account, settings, sign_in):
    settings.ALLOW_DEMO_PASSWORD = False
    for _ in range(5):
        sign_in(demo_account.email, settings.DEMO_PASSWORD)
    settings.ALLOW_DEMO_PASSWORD = True

    response = sign_in(demo_account.email, settings.DEMO_PASSWORD)

    assert response.status_code == HTTPStatus.OK
    assert signed_in_user_id(client) is None
    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == [
        "too_many_login_attempts"
    ]
