"""allauth's default rate limits are in force (nothing in the settings switches them off)."""

from http import HTTPStatus

import pytest
from allauth.account import app_settings
from django.conf import settings
from django.urls import reverse

from .conftest import signed_in_user_id
from .html import main

pytestmark = pytest.mark.django_db


def test_the_default_limits_apply():
    assert hasattr(settings, "ACCOUNT_RATE_LIMITS") is False
    limits = app_settings.RATE_LIMITS
    assert limits["login_failed"] == "10/m/ip,5/300s/key"
    assert limits["signup"] == "20/m/ip"
    assert limits["reset_password"] == "20/m/ip,5/m/key"
    assert limits["login"] == "30/m/ip"


def test_five_wrong_passwords_lock_the_address_even_for_the_right_one(client, account_factory, sign_in):
    erika = account_factory("erika.mustermann@kassel.de")
    for _ in range(5):
        assert sign_in(erika.email, "falsch").status_code == HTTPStatus.OK

    response = sign_in(erika.email)

    assert response.status_code == HTTPStatus.OK
    assert signed_in_user_id(client) is None
    alert = main(response.content).find("div", role="alert")
    assert alert.find("li").text == "Zu viele gescheiterte Anmeldeversuche. Bitte versuche es später erneut."


def test_other_addresses_are_not_locked_by_someone_elses_failures(client, account_factory, sign_in):
    erika = account_factory("erika.mustermann@kassel.de")
    max_ = account_factory("max.mustermann@kassel.de")
    for _ in range(5):
        sign_in(erika.email, "falsch")

    response = sign_in(max_.email)

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("home"))
