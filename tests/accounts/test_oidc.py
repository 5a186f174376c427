"""A municipality's OpenID Connect sign-in: a button on the login page, sign-up only for known domains."""

from http import HTTPStatus

import pytest
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.urls import reverse

from members.adapters import SocialAccountAdapter
from members.models import User

from .html import headings, main

pytestmark = pytest.mark.django_db

OIDC_PROVIDERS = {
    # The shape cop/settings/base.py builds from OIDC_CLIENT_ID, OIDC_NAME, … in the environment.
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "municipality",
                "name": "Stadt Kassel",
                "client_id": "cop-platform",
                "secret": "not-a-real-secret",
                "settings": {
                    "server_url": "https://login.kassel.invalid/realms/staff",
                    "oauth_pkce_enabled": True,
                },
            }
        ]
    }
}


@pytest.fixture
def oidc(settings):
    settings.SOCIALACCOUNT_PROVIDERS = OIDC_PROVIDERS


def test_without_oidc_settings_the_login_page_has_no_provider_button(client):
    response = client.get(reverse("account_login"))

    forms = main(response.content).find_all("form")
    assert [form.attrs["action"] for form in forms] == [reverse("account_login")]


def test_login_page_shows_a_button_for_the_municipalitys_sign_in(client, oidc):
    response = client.get(reverse("account_login"))

    assert response.status_code == HTTPStatus.OK
    content = main(response.content)
    login_url = reverse("openid_connect_login", kwargs={"provider_id": "municipality"})
    [form] = [form for form in content.find_all("form") if form.attrs["action"].startswith(login_url)]
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == f"{login_url}?process=login"
    assert form.find("input", name="csrfmiddlewaretoken") is not None
    button = form.find("button")
    assert button.attrs["type"] == "submit"
    assert "Stadt Kassel" in button.text
    assert [level for level, _ in headings(content)] == [1, 2]


def test_signup_page_offers_the_municipalitys_sign_in_too(client, oidc):
    response = client.get(reverse("account_signup"))

    login_url = reverse("openid_connect_login", kwargs={"provider_id": "municipality"})
    actions = [form.attrs["action"] for form in main(response.content).find_all("form")]
    assert f"{login_url}?process=login" in actions


def sociallogin_for(email):
    return SocialLogin(user=User(email=email), account=SocialAccount(provider="municipality", uid="4711"))


def test_social_sign_up_is_refused_for_unknown_domains(rf, kassel, oidc):
    adapter = SocialAccountAdapter()
    request = rf.get("/")

    assert adapter.is_open_for_signup(request, sociallogin_for("erika@example.org")) is False
    assert adapter.is_open_for_signup(request, sociallogin_for("")) is False
    assert adapter.is_open_for_signup(request, sociallogin_for("Erika.Mustermann@Kassel.de")) is True


def test_social_sign_up_links_the_organisation_of_the_domain(rf, kassel, oidc):
    adapter = SocialAccountAdapter()
    sociallogin = sociallogin_for("")

    user = adapter.populate_user(
        rf.get("/"),
        sociallogin,
        {"email": "Erika.Mustermann@Kassel.de", "first_name": "Erika", "last_name": "M"},
    )

    assert (user.email, user.organisation, user.first_name) == ("erika.mustermann@kassel.de", kassel, "Erika")
