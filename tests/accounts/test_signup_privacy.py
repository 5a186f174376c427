"""Sign-up and profile: listing in the directory is opt-in, names are single-line text."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import User
from tests.factories import UserFactory

from .html import main
from .test_signup import signup_data

pytestmark = pytest.mark.django_db

CONSENT_HELP = (
    "Freiwillig. Wenn du das ankreuzt, finden dich angemeldete Mitglieder im Mitgliederverzeichnis mit "
    "Name, Organisation, Funktion, Fachbereich und Fachgebieten. Deine Einwilligung ist die "
    "Rechtsgrundlage dafür (Art. 6 Abs. 1 lit. a DSGVO): Du kannst sie jederzeit unter „Mein Profil“ "
    "widerrufen."
)


def test_signup_form_shows_the_directory_box_unticked_with_its_legal_basis(client, kassel):
    page = main(client.get(reverse("account_signup")).content)

    box = page.find("input", name="is_listed")
    help_text = page.find(id="id_is_listed_helptext")
    assert (box.attrs["type"], "checked" in box.attrs) == ("checkbox", False)
    assert " ".join(help_text.text.split()) == CONSENT_HELP


def test_a_new_sign_up_is_not_listed_until_they_tick_the_box(client, kassel):
    client.post(reverse("account_signup"), signup_data("erika.mustermann@kassel.de"))

    assert User.objects.values_list("email", "is_listed").get() == ("erika.mustermann@kassel.de", False)


def test_a_new_sign_up_who_ticks_the_box_is_listed_once_confirmed(client, kassel):
    client.post(reverse("account_signup"), signup_data("erika.mustermann@kassel.de", is_listed="on"))

    user = User.objects.get()
    assert (user.is_listed, list(User.objects.listed())) == (True, [])
    user.emailaddress_set.update(verified=True)
    assert list(User.objects.listed()) == [user]


def test_profile_form_shows_the_box_unticked_for_a_new_member_and_explains_consent(client, account_factory):
    erika = account_factory(is_listed=False)
    client.force_login(erika)

    page = main(client.get(reverse("me")).content)

    box = page.find("input", name="is_listed")
    help_text = " ".join(page.find(id="id_is_listed_helptext").text.split())
    assert "checked" not in box.attrs
    assert "Deine Einwilligung ist die Rechtsgrundlage dafür (Art. 6 Abs. 1 lit. a DSGVO)" in help_text
    assert "was du früher gewählt hast, bleibt so, bis du es hier änderst" in help_text


def test_profile_form_keeps_the_choice_of_a_member_who_is_listed(client, account_factory):
    erika = account_factory(is_listed=True)
    client.force_login(erika)

    box = main(client.get(reverse("me")).content).find("input", name="is_listed")

    assert "checked" in box.attrs


BAD_NAMES = [
    ("Erika\nBesuche http://evil.example", "name_not_single_line"),
    ("Erika\r\nMustermann", "name_not_single_line"),
    ("Erika\x07", "name_not_single_line"),
    ("Erika\u2028Mustermann", "name_not_single_line"),
    ("Erika\u202eMustermann", "name_not_single_line"),
    ("https://evil.example", "name_is_url"),
    ("HTTP Erika", "name_is_url"),
    ("www.evil.example", "name_is_url"),
]
MESSAGES = {
    "name_not_single_line": "Ein Name ist eine einzelne Zeile Text ohne Zeilenumbrüche oder Steuerzeichen.",
    "name_is_url": "Bitte gib hier deinen Namen ein, keine Webadresse.",
}


@pytest.mark.parametrize("field", ["first_name", "last_name"])
@pytest.mark.parametrize(("name", "code"), BAD_NAMES)
def test_signup_refuses_a_name_that_is_not_a_single_line_of_text(
    client, kassel, mailoutbox, field, name, code
):
    response = client.post(
        reverse("account_signup"), signup_data("erika.mustermann@kassel.de", **{field: name})
    )

    assert (response.status_code, response.context["form"].errors[field]) == (HTTPStatus.OK, [MESSAGES[code]])
    assert (User.objects.count(), len(mailoutbox)) == (0, 0)


@pytest.mark.parametrize("field", ["first_name", "last_name"])
@pytest.mark.parametrize(("name", "code"), BAD_NAMES)
def test_profile_refuses_a_name_that_is_not_a_single_line_of_text(client, account_factory, field, name, code):
    erika = account_factory(first_name="Erika", last_name="Mustermann")
    client.force_login(erika)
    data = {"first_name": "Erika", "last_name": "Mustermann", field: name}

    response = client.post(reverse("me"), data)

    assert (response.status_code, response.context["form"].errors[field]) == (HTTPStatus.OK, [MESSAGES[code]])
    erika.refresh_from_db()
    assert (erika.first_name, erika.last_name) == ("Erika", "Mustermann")


def test_names_with_accents_hyphens_and_apostrophes_are_fine(client, kassel):
    client.post(
        reverse("account_signup"),
        signup_data("erika.mustermann@kassel.de", first_name="Zoë-Marie", last_name="O'Brien Müller"),
    )

    assert User.objects.values_list("first_name", "last_name").get() == ("Zoë-Marie", "O'Brien Müller")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, totp=True))
    return client


ADMIN_PASSWORD = "Ein-langes-Passwort-2026"


@pytest.mark.parametrize(
    ("name", "code"), [("Nora\nNeu", "name_not_single_line"), ("www.nora.example", "name_is_url")]
)
def test_admin_refuses_a_name_that_is_not_a_single_line_of_text_when_adding(admin_client, name, code):
    data = {
        "email": "nora.neu@kassel.de",
        "first_name": name,
        "last_name": "Neu",
        "organisation": "",
        "usable_password": "true",
        "password1": ADMIN_PASSWORD,
        "password2": ADMIN_PASSWORD,
        "_save": "1",
    }

    response = admin_client.post(reverse("admin:members_user_add"), data)

    assert (response.status_code, response.context["adminform"].form.errors["first_name"]) == (
        HTTPStatus.OK,
        [MESSAGES[code]],
    )
    assert User.objects.filter(email="nora.neu@kassel.de").exists() is False


def test_admin_refuses_a_name_that_is_not_a_single_line_of_text_when_changing(admin_client):
    erika = UserFactory(first_name="Erika", last_name="Mustermann", email="erika@kassel.de")
    page = admin_client.get(reverse("admin:members_user_change", args=[erika.pk]))
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update(
        {
            "last_name": "Mustermann\r\nhttps://evil.example",
            "date_joined_0": "01.01.2026",
            "date_joined_1": "10:00:00",
            "groups": [],
            "user_permissions": [],
            "organisation": erika.organisation_id,
            "_save": "1",
        }
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})

    response = admin_client.post(reverse("admin:members_user_change", args=[erika.pk]), data)

    assert (response.status_code, response.context["adminform"].form.errors["last_name"]) == (
        HTTPStatus.OK,
        [MESSAGES["name_not_single_line"]],
    )
    erika.refresh_from_db()
    assert erika.last_name == "Mustermann"


def test_signup_refuses_a_password_shorter_than_twelve_characters(client, kassel, mailoutbox):
    data = signup_data("erika.mustermann@kassel.de", password1="Rathaus-K7x", password2="Rathaus-K7x")

    response = client.post(reverse("account_signup"), data)

    assert (response.status_code, response.context["form"].errors["password1"]) == (
        HTTPStatus.OK,
        ["Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten."],
    )
    assert (User.objects.count(), len(mailoutbox)) == (0, 0)


def test_signup_accepts_a_password_of_twelve_characters(client, kassel):
    data = signup_data("erika.mustermann@kassel.de", password1="Rathaus-K7xy", password2="Rathaus-K7xy")

    response = client.post(reverse("account_signup"), data)

    assert (response.status_code, User.objects.count()) == (HTTPStatus.FOUND, 1)
