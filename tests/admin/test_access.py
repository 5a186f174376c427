"""Only site coordinators (staff) get into the admin; the login goes through allauth."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import UserFactory

ADMIN_LOGIN_FOR_INDEX = reverse("admin:login") + "?next=" + reverse("admin:index")


@pytest.mark.django_db
def test_member_without_staff_rights_is_sent_to_the_login_and_refused_there(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:index"))
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, ADMIN_LOGIN_FOR_INDEX)
    # Already signed in, allauth's admin login refuses instead of offering a second sign-in.
    assert client.get(response["Location"]).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.django_db
def test_visitor_is_sent_through_the_admin_login_to_allauths_sign_in(client):
    response = client.get(reverse("admin:index"))
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, ADMIN_LOGIN_FOR_INDEX)
    response = client.get(response["Location"])
    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND,
        reverse("account_login") + "?next=%2Fadmin%2F",
    )


@pytest.mark.django_db
def test_member_without_staff_rights_gets_no_changelist(client):
    client.force_login(UserFactory())
    url = reverse("admin:members_community_changelist")
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND,
        reverse("admin:login") + "?next=" + url,
    )


@pytest.mark.django_db
def test_staff_member_sees_only_what_their_permissions_allow(client):
    staff = UserFactory(is_staff=True, totp=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_community"))
    client.force_login(staff)
    assert (
        client.get(reverse("admin:members_community_changelist")).status_code,
        client.get(reverse("admin:members_community_add")).status_code,
        client.get(reverse("admin:members_user_changelist")).status_code,
    ) == (HTTPStatus.OK, HTTPStatus.FORBIDDEN, HTTPStatus.FORBIDDEN)
