"""Headers every response carries, and pages about people that no cache may keep."""

from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), interest-cohort=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)


@pytest.mark.parametrize("path", ["/", "/communities/", "/accounts/login/", "/healthz", "/robots.txt"])
def test_every_response_switches_off_unused_browser_features(client, path):
    response = client.get(path)

    assert response.headers["Permissions-Policy"] == PERMISSIONS_POLICY


def test_error_pages_switch_off_unused_browser_features_too(client):
    response = client.get("/gibt-es-nicht/")

    assert (response.status_code, response.headers["Permissions-Policy"]) == (
        HTTPStatus.NOT_FOUND,
        PERMISSIONS_POLICY,
    )


@pytest.fixture
def signed_in(client, account_factory):
    erika = account_factory("erika.mustermann@kassel.de")
    client.force_login(erika)
    return erika


@pytest.mark.parametrize(
    "url",
    [
        "/me/",
        "/members/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
    ],
)
def test_personal_pages_are_kept_by_no_cache(client, signed_in, url):
    response = client.get(url)

    assert (response.status_code, response.headers["Cache-Control"]) == (
        HTTPStatus.OK,
        "private, no-store",
    )


def test_a_member_profile_is_kept_by_no_cache(client, signed_in):
    response = client.get(reverse("member_detail", kwargs={"pk": signed_in.pk}))

    assert (response.status_code, response.headers["Cache-Control"]) == (HTTPStatus.OK, "private, no-store")


def test_an_organisation_page_is_kept_by_no_cache(client, signed_in, organisation_factory):
    kassel = organisation_factory(name="Stadt Kassel", slug="kassel")

    response = client.get(reverse("organisation_detail", kwargs={"slug": kassel.slug}))

    assert (response.status_code, response.headers["Cache-Control"]) == (HTTPStatus.OK, "private, no-store")


def test_the_data_export_is_kept_by_no_cache(client, signed_in):
    response = client.get(reverse("me_export"))

    assert "no-store" in response.headers["Cache-Control"].split(", ")
    assert "private" in response.headers["Cache-Control"].split(", ")


def test_public_pages_stay_cacheable(client):
    response = client.get("/communities/")

    assert response.headers.get("Cache-Control") is None
