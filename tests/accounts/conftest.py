import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import OrganisationDomainFactory, OrganisationFactory, UserFactory

PASSWORD = "secret-password-123"  # what tests.factories.UserFactory sets


@pytest.fixture(autouse=True)
def _empty_cache():
    """allauth keeps rate limits and used TOTP codes in the cache: every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kassel(db):
    organisation = OrganisationFactory(name="Stadt Kassel", slug="kassel")
    OrganisationDomainFactory(organisation=organisation, domain="kassel.de")
    return organisation


@pytest.fixture
def account_factory(db):
    """A user whose e-mail address is verified, so that allauth lets them sign in."""

    def _account(email="erika.mustermann@kassel.de", **kwargs):
        kwargs.setdefault("organisation", None)
        return UserFactory(email=email, **kwargs)

    return _account


@pytest.fixture
def sign_in(client):
    """Sign in through allauth's own form, as a person would (fresh authentication for MFA and reauth)."""

    def _sign_in(email, password=PASSWORD, next_url=None):
        data = {"login": email, "password": password}
        if next_url:
            data["next"] = next_url
        return client.post(reverse("account_login"), data)

    return _sign_in


def links_in(message, path_prefix) -> list[str]:
    """The absolute links in a mail body whose path starts with `path_prefix`."""
    return re.findall(rf"https?://[^\s/]+({re.escape(path_prefix)}[^\s]*)", message.body)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def reauthenticate(client):
    """Confirm the password again, as allauth asks before security-relevant changes (e.g. TOTP)."""

    def _reauthenticate(password=PASSWORD):
        return client.post(reverse("account_reauthenticate"), {"password": password})

    return _reauthenticate
