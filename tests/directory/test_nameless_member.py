"""A member without a name is shown by a neutral label, never by a part of their e-mail address."""

from http import HTTPStatus

import pytest

from ..factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nameless():
    kassel = OrganisationFactory(name="Stadt Kassel", slug="kassel")
    return UserFactory(first_name="", last_name="", email="erika.mustermann@kassel.de", organisation=kassel)


def test_display_name_of_a_member_without_a_name_is_neutral(nameless):
    assert (nameless.display_name, str(nameless)) == ("Mitglied ohne Namen", "Mitglied ohne Namen")


def test_blank_names_count_as_no_name(nameless):
    nameless.first_name = "  "
    nameless.last_name = "\t"

    assert nameless.display_name == "Mitglied ohne Namen"


def test_a_name_is_shown_with_single_spaces(nameless):
    nameless.first_name = " Erika "
    nameless.last_name = "Mustermann"

    assert nameless.display_name == "Erika Mustermann"


@pytest.mark.parametrize("path", ["/members/", "/organisations/kassel/", "/members/{pk}/"])
def test_pages_never_show_the_address_of_a_member_without_a_name(client, nameless, path):
    client.force_login(UserFactory())

    response = client.get(path.format(pk=nameless.pk))

    html = response.content.decode()
    assert (response.status_code, "Mitglied ohne Namen" in html, "erika.mustermann" in html) == (
        HTTPStatus.OK,
        True,
        False,
    )
