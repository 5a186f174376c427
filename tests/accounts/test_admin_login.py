"""The Django admin signs in through allauth (rate limits, two-factor), never through its own form."""

from http import HTTPStatus
from urllib.parse import quote

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_admin_visit_ends_at_allauths_login_page(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain == [
        ("/admin/login/?next=/admin/", HTTPStatus.FOUND),
        (f"{reverse('account_login')}?next={quote('/admin/', safe='')}", HTTPStatus.FOUND),
    ]
    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "account/login.html"


def test_staff_reaches_the_admin_after_signing_in_with_allauth(client, account_factory, sign_in):
    account_factory("koordination@kassel.de", is_staff=True, is_superuser=True)

    response = sign_in("koordination@kassel.de", next_url="/admin/")

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, "/admin/")
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "admin/index.html"


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
