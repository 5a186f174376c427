"""allauth pages in the site layout: Bootstrap forms, labelled fields, announced errors, no inline code."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import User

from .html import (
    assert_fields_labelled,
    assert_headings_in_order,
    assert_real_buttons,
    headings,
    inline_scripts_and_styles,
    main,
    parse,
)

pytestmark = pytest.mark.django_db

ENTRANCE_PAGES = ["account_login", "account_signup", "account_reset_password"]
MANAGE_PAGES = ["account_email", "account_change_password", "mfa_index", "mfa_activate_totp"]


@pytest.mark.parametrize("url_name", ENTRANCE_PAGES)
def test_entrance_pages_use_the_site_layout_and_accessible_forms(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == HTTPStatus.OK
    assert "base.html" in [template.name for template in response.templates]
    page = parse(response.content)
    assert page.find("link", href="/static/css/accounts-entrance.css") is not None
    content = main(response.content)
    assert_headings_in_order(content)
    assert_fields_labelled(content)
    assert_real_buttons(content)
    assert inline_scripts_and_styles(response.content) == []


@pytest.mark.parametrize("url_name", MANAGE_PAGES)
def test_manage_pages_have_the_account_sub_navigation(
    client, account_factory, sign_in, reauthenticate, url_name
):
    account_factory("erika.mustermann@kassel.de")
    sign_in("erika.mustermann@kassel.de")
    reauthenticate()

    response = client.get(reverse(url_name))

    assert response.status_code == HTTPStatus.OK
    assert parse(response.content).find("link", href="/static/css/accounts-manage.css") is not None
    content = main(response.content)
    assert_headings_in_order(content)
    assert_fields_labelled(content)
    assert_real_buttons(content)
    assert inline_scripts_and_styles(response.content) == []
    nav = content.find("nav")
    links = [a.attrs["href"] for a in nav.find_all("a")]
    user = User.objects.get(email="erika.mustermann@kassel.de")
    assert links == [
        reverse("me"),
        reverse("member_detail", args=[user.pk]),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("me_notifications"),
        reverse("me_export"),
        reverse("me_delete"),
    ]
    current = [a.attrs["href"] for a in nav.find_all("a") if a.attrs.get("aria-current") == "page"]
    expected = reverse("mfa_index") if url_name.startswith("mfa") else reverse(url_name)
    assert current == [expected]


def test_failed_sign_in_announces_the_error(client, account_factory):
    account_factory("erika.mustermann@kassel.de")

    response = client.post(
        reverse("account_login"), {"login": "erika.mustermann@kassel.de", "password": "falsch"}
    )

    assert response.status_code == HTTPStatus.OK
    alert = main(response.content).find("div", role="alert")
    assert alert.find("li").text == "Die E-Mail-Adresse und/oder das Passwort sind leider falsch."
    assert "alert-danger" in alert.classes


def test_field_errors_are_tied_to_their_inputs(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "kein-at-zeichen", "first_name": "", "last_name": "M", "password1": "a", "password2": "b"},
    )

    content = main(response.content)
    for name in ["email", "first_name"]:
        field = content.find("input", id=f"id_{name}")
        assert field.attrs["aria-invalid"] == "true"
        assert f"id_{name}_error" in field.attrs["aria-describedby"].split()
        assert "is-invalid" in field.classes
        assert content.find("div", id=f"id_{name}_error") is not None
    summary = content.find("div", role="alert")
    # Each error links to its field (the short password has several errors, all listed).
    assert list(dict.fromkeys(a.attrs["href"] for a in summary.find_all("a"))) == [
        "#id_email",
        "#id_first_name",
        "#id_password1",
    ]


def test_login_page_offers_password_reset_and_sign_up(client):
    response = client.get(reverse("account_login"))

    content = main(response.content)
    hrefs = {a.attrs.get("href") for a in content.find_all("a")}
    assert {reverse("account_reset_password"), reverse("account_signup")} <= hrefs
    password = content.find("input", id="id_password")
    assert password.attrs["autocomplete"] == "current-password"
    assert password.attrs["aria-describedby"] == "id_password_helptext"


def test_signup_closed_page_explains_who_may_sign_up(rf):
    from django.template.loader import render_to_string

    html = render_to_string("account/signup_closed.html", request=rf.get("/"))

    content = main(html)
    assert [level for level, _ in headings(content)] == [1]
    assert content.find("a", href=reverse("account_login")) is not None


def test_reauthentication_page_is_an_entrance_page_with_a_labelled_password(client, account_factory, sign_in):
    account_factory("erika.mustermann@kassel.de")
    sign_in("erika.mustermann@kassel.de")

    response = client.get(reverse("account_reauthenticate"))

    assert response.status_code == HTTPStatus.OK
    assert parse(response.content).find("link", href="/static/css/accounts-entrance.css") is not None
    content = main(response.content)
    assert_headings_in_order(content)
    assert_fields_labelled(content)
    assert_real_buttons(content)
    assert inline_scripts_and_styles(response.content) == []


def test_email_choices_are_grouped_with_a_legend(client, account_factory, sign_in):
    account_factory("erika.mustermann@kassel.de")
    sign_in("erika.mustermann@kassel.de")

    response = client.get(reverse("account_email"))

    fieldset = main(response.content).find("fieldset")
    assert fieldset.find("legend") is not None
    radio = fieldset.find("input", type="radio")
    assert (radio.attrs["name"], radio.attrs["value"], "checked" in radio.attrs) == (
        "email",
        "erika.mustermann@kassel.de",
        True,
    )
    label = fieldset.find("label", for_=radio.attrs["id"])
    assert [badge.text for badge in label.find_all("span")] == ["Bestätigt", "Hauptadresse"]


def test_notes_from_allauth_are_bootstrap_alerts(client, account_factory, sign_in):
    account_factory("erika.mustermann@kassel.de", first_name="Erika", last_name="Mustermann")
    sign_in("erika.mustermann@kassel.de")

    response = client.get(reverse("account_reset_password"))

    [note] = [
        node
        for node in main(response.content).find_all("div", role="status")
        if "alert" in node.classes and not any("messages" in a.classes for a in node.ancestors())
    ]
    assert "alert-info" in note.classes
    assert note.text == "Anmerkung: Du bist bereits als Erika Mustermann angemeldet."
