"""The Django admin signs in through allauth (rate limits, two-factor), never through its own form."""

from http import HTTPStatus
from urllib.parse import quote

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from tests.factories import TOTP_SECRET

from .test_mfa import totp_code

pytestmark = pytest.mark.django_db


def test_anonymous_admin_visit_ends_at_allauths_login_page(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain == [
        ("/admin/login/?next=/admin/", HTTPStatus.FOUND),
        (f"{reverse('account_login')}?next={quote('/admin/', safe='')}", HTTPStatus.FOUND),
    ]
    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "account/login.html"


def test_staff_with_an_authenticator_app_reaches_the_admin_after_signing_in_with_allauth(
    client, account_factory, sign_in
):
    account_factory("koordination@kassel.de", is_staff=True, is_superuser=True, totp=True)

    response = sign_in("koordination@kassel.de", next_url="/admin/")
    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("mfa_authenticate"))
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, "/admin/")
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "admin/index.html"


SECOND_FACTOR_NEEDED = (
    "Die Verwaltung verlangt die Zwei-Faktor-Authentifizierung. Bitte richte zuerst eine "
    "Authenticator-App ein; danach kannst du die Verwaltung öffnen."
)


@pytest.mark.parametrize(
    "rights", [{"is_staff": True}, {"is_staff": True, "is_superuser": True}], ids=["staff", "superuser"]
)
@pytest.mark.parametrize("path", ["/admin/", "/admin/members/user/"])
def test_staff_without_an_authenticator_app_is_sent_to_set_one_up(
    client, account_factory, sign_in, reauthenticate, rights, path
):
    account_factory("koordination@kassel.de", **rights)
    sign_in("koordination@kassel.de")
    reauthenticate()  # allauth asks for the password again before a second factor is set up

    response = client.get(path)

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("mfa_activate_totp"))
    page = client.get(response.url)
    assert (page.status_code, page.resolver_match.url_name) == (HTTPStatus.OK, "mfa_activate_totp")
    # After allauth's own "signed in as …" message.
    assert [str(message) for message in page.context["messages"]][-1] == SECOND_FACTOR_NEEDED


def test_after_setting_up_the_authenticator_app_staff_reach_the_admin(
    client, account_factory, sign_in, reauthenticate
):
    account_factory("koordination@kassel.de", is_staff=True)
    sign_in("koordination@kassel.de")
    reauthenticate()
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    response = client.get("/admin/")

    assert (response.status_code, response.templates[0].name) == (HTTPStatus.OK, "admin/index.html")


def test_staff_without_an_authenticator_app_may_still_leave_the_admin(client, account_factory, sign_in):
    account_factory("koordination@kassel.de", is_staff=True)
    sign_in("koordination@kassel.de")

    response = client.post("/admin/logout/")

    assert (response.status_code, client.session.get("_auth_user_id")) == (HTTPStatus.OK, None)


def test_signed_in_member_without_staff_status_is_refused_by_the_admin(client, account_factory, sign_in):
    account_factory("erika.mustermann@kassel.de")
    sign_in("erika.mustermann@kassel.de")

    response = client.get("/admin/", follow=True)

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_admins_own_login_form_does_not_accept_a_password(client, account_factory):
    account_factory("koordination@kassel.de", is_staff=True, is_superuser=True)

    response = client.post(
        "/admin/login/", {"username": "koordination@kassel.de", "password": "secret-password-123"}
    )

    assert (response.status_code, response.url) == (
        HTTPStatus.FOUND,
        f"{reverse('account_login')}?next=%2Fadmin%2Flogin%2F",
    )
    assert client.session.get("_auth_user_id") is None
