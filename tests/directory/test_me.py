"""/me/: editing one's own profile and privacy settings."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from ..factories import OrganisationFactory
from .conftest import reload

VALID = {
    "first_name": "Erika",
    "last_name": "Musterfrau",
    "job_title": "Leiterin Personalentwicklung",
    "department": "Personalamt",
    "expertise": " agiles Arbeiten ,E-Learning,, e-learning , Working  Out Loud ",
    "bio": "Neu **hier**.",
    "phone": "+49 561 787-2000",
    "is_listed": "on",
    "show_email": "on",
}

PROFILE = ("first_name", "last_name", "job_title", "department", "expertise", "bio", "phone")
PRIVACY = ("is_listed", "show_email", "show_phone")


def values(user, fields):
    return tuple(getattr(user, field) for field in fields)


@pytest.fixture
def erika_client(client, erika):
    client.force_login(erika)
    return client


@pytest.mark.django_db
class TestMyProfile:
    def test_shows_the_form_filled_with_my_profile_and_my_organisation(self, erika_client, erika):
        response = erika_client.get("/me/")
        form = response.context["form"]
        assert (response.status_code, form["job_title"].value(), form["show_email"].value()) == (
            HTTPStatus.OK,
            "Personalentwicklerin",
            False,
        )
        assert '<a href="/organisations/kassel/">Stadt Kassel</a>' in response.content.decode()

    def test_links_to_email_password_and_two_factor_pages(self, erika_client):
        content = erika_client.get("/me/").content.decode()
        for name in ("account_email", "account_change_password", "mfa_index", "me_export", "me_delete"):
            assert f'href="{reverse(name)}"' in content

    def test_saves_profile_and_privacy_settings(self, erika_client, erika):
        response = erika_client.post("/me/", VALID)
        assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/me/")
        erika = reload(erika)
        assert values(erika, PROFILE) == (
            "Erika",
            "Musterfrau",
            "Leiterin Personalentwicklung",
            "Personalamt",
            "agiles Arbeiten, E-Learning, Working Out Loud",
            "Neu **hier**.",
            "+49 561 787-2000",
        )
        assert values(erika, PRIVACY) == (True, True, False)

    def test_confirms_the_save(self, erika_client):
        response = erika_client.post("/me/", VALID, follow=True)
        assert [str(m) for m in response.context["messages"]] == ["Dein Profil wurde gespeichert."]

    def test_unticked_listing_hides_me_from_the_directory(self, erika_client, erika):
        erika_client.post("/me/", {**VALID, "is_listed": ""})
        assert values(reload(erika), PRIVACY) == (False, True, False)

    def test_organisation_cannot_be_changed_here(self, erika_client, erika):
        other = OrganisationFactory(slug="anderswo")
        erika_client.post("/me/", {**VALID, "organisation": other.pk})
        assert reload(erika).organisation.slug == "kassel"

    def test_email_cannot_be_changed_here(self, erika_client, erika):
        erika_client.post("/me/", {**VALID, "email": "neu@kassel.de"})
        assert reload(erika).email == "erika@kassel.de"

    @pytest.mark.parametrize(
        ("field", "length"),
        [("first_name", 151), ("job_title", 201), ("department", 201), ("bio", 5001), ("phone", 51)],
    )
    def test_oversized_field_is_refused_and_every_entry_is_kept(self, erika_client, erika, field, length):
        entered = {**VALID, field: "1" * length}
        response = erika_client.post("/me/", entered)
        form = response.context["form"]
        assert (response.status_code, list(form.errors)) == (HTTPStatus.OK, [field])
        assert {name: form[name].value() for name in PROFILE} == {name: entered[name] for name in PROFILE}
        assert values(reload(erika), PROFILE) == values(erika, PROFILE)

    def test_too_many_keywords_are_refused(self, erika_client, erika):
        keywords = ", ".join(f"Stichwort {n}" for n in range(60))
        response = erika_client.post("/me/", {**VALID, "expertise": keywords})
        assert list(response.context["form"].errors) == ["expertise"]
        assert reload(erika).expertise == "Agiles Arbeiten, E-Learning"

    def test_phone_with_letters_is_refused(self, erika_client, erika):
        response = erika_client.post("/me/", {**VALID, "phone": "ruf mich an"})
        assert list(response.context["form"].errors) == ["phone"]
        assert reload(erika).phone == "+49 561 787-1000"

    def test_names_are_required(self, erika_client, erika):
        response = erika_client.post("/me/", {**VALID, "first_name": " "})
        assert list(response.context["form"].errors) == ["first_name"]
        assert reload(erika).first_name == "Erika"
