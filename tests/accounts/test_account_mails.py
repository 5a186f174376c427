"""The mails allauth sends speak with the platform's voice: "du", German punctuation, the site's
name as sender and in the footer, a contact, a text and an HTML part. Triggered through the real
pages, read from Django's outbox."""

import datetime
import re
from http import HTTPStatus
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .conftest import PASSWORD
from .test_signup import signup_data

pytestmark = pytest.mark.django_db

FOOTER = [
    "Viele Grüße",
    "CoP-Plattform – https://cop.example.org",
    "Fragen? Schreib uns: kontakt@cop.example.org",
]


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://cop.example.org"
    settings.SITE_CONTACT_EMAIL = "kontakt@cop.example.org"
    settings.DEFAULT_FROM_EMAIL = "noreply@cop.example.org"


def lines(mail):
    return mail.body.strip().splitlines()


def html(mail):
    ((content, mimetype),) = mail.alternatives
    assert mimetype == "text/html"
    return content


def test_the_sign_up_confirmation_greets_in_the_platforms_voice_with_text_and_html(
    client, kassel, mailoutbox
):
    client.post(reverse("account_signup"), signup_data("erika.mustermann@kassel.de"))

    (mail,) = mailoutbox
    assert (mail.from_email, mail.to, mail.subject) == (
        "CoP-Plattform <noreply@cop.example.org>",
        ["erika.mustermann@kassel.de"],
        "Willkommen bei CoP-Plattform: Bitte bestätige deine E-Mail-Adresse",
    )
    body = lines(mail)
    link = body[5]
    assert link.startswith("http://testserver/accounts/confirm-email/")
    assert body == [
        "Hallo,",
        "",
        "willkommen bei CoP-Plattform! Jemand – hoffentlich du – hat sich mit dieser Adresse "
        "(erika.mustermann@kassel.de) registriert. Bitte bestätige, dass es deine ist, dann kannst du "
        "dich anmelden.",
        "",
        "Bestätige mit diesem Link:",
        link,
        "",
        "Wenn du dich nicht registriert hast, kannst du diese E-Mail einfach ignorieren: Ohne "
        "Bestätigung bleibt das Konto ungenutzt.",
        "",
        *FOOTER,
    ]
    page = html(mail)
    assert '<html lang="de">' in page
    assert f'<p>Bestätige mit diesem Link:<br><a href="{link}" rel="nofollow">{link}</a></p>' in page
    assert "<p>Hallo,</p>" in page
    assert mail.extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_reset_for_an_unknown_address_says_so_and_offers_sign_up(client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "niemand@kassel.de"})

    assert response.status_code == HTTPStatus.FOUND
    (mail,) = mailoutbox
    assert mail.subject == "Kein Konto bei CoP-Plattform zu dieser Adresse"
    assert lines(mail) == [
        "Hallo,",
        "",
        "jemand – hoffentlich du – wollte sich mit dieser Adresse (niemand@kassel.de) bei CoP-Plattform "
        "anmelden oder ein neues Passwort festlegen. Zu dieser Adresse gibt es kein Konto.",
        "",
        "Vielleicht hast du dich mit einer anderen Adresse registriert? Wenn du mitmachen möchtest, kannst "
        "du dich hier registrieren:",
        "http://testserver/accounts/signup/",
        "",
        "Wenn du das nicht warst, kannst du diese E-Mail einfach ignorieren.",
        "",
        *FOOTER,
    ]


def test_the_password_reset_mail_explains_what_happens_if_ignored(client, account_factory, mailoutbox):
    account_factory("erika.mustermann@kassel.de")

    client.post(reverse("account_reset_password"), {"email": "erika.mustermann@kassel.de"})

    (mail,) = mailoutbox
    body = lines(mail)
    assert body[5].startswith("http://testserver/accounts/password/reset/key/")
    assert body[:5] + body[6:] == [
        "Hallo,",
        "",
        "jemand – hoffentlich du – hat ein neues Passwort für dein Konto bei CoP-Plattform angefordert.",
        "",
        "Wähle dein neues Passwort über diesen Link:",
        "",
        "Wenn du das nicht warst, kannst du diese E-Mail einfach ignorieren: Dein Passwort bleibt, "
        "wie es ist.",
        "",
        *FOOTER,
    ]


def test_changing_the_password_sends_a_notice_with_when_and_from_where(
    client, account_factory, mailoutbox, sign_in
):
    account_factory("erika.mustermann@kassel.de")
    sign_in("erika.mustermann@kassel.de")
    new = "Neues-Passwort-fuer-Erika-9"

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
        HTTP_USER_AGENT="Firefox",
    )

    assert response.status_code == HTTPStatus.FOUND
    (mail,) = mailoutbox
    assert mail.subject == "Dein Passwort wurde geändert"
    body = lines(mail)
    assert body[2] == "das Passwort deines Kontos bei CoP-Plattform wurde geändert."
    assert body[4].startswith("Die Änderung wurde am ")
    assert body[4].endswith(" Uhr von der IP-Adresse 127.0.0.1 mit diesem Browser vorgenommen: Firefox")
    assert body[6:] == [
        "Wenn du das warst, ist alles in Ordnung. Wenn nicht, ändere bitte sofort dein Passwort und gib uns "
        "Bescheid.",
        "",
        *FOOTER,
    ]


ALLAUTH_TEMPLATES = Path(allauth.__file__).resolve().parent / "templates"
OUR_TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_every_mail_allauth_can_send_has_our_own_text():
    """A mail allauth adds in a later version must not go out in its own voice unnoticed."""
    shipped = sorted(
        str(path.relative_to(ALLAUTH_TEMPLATES)) for path in ALLAUTH_TEMPLATES.glob("*/email/*.txt")
    )
    missing = [name for name in shipped if not (OUR_TEMPLATES / name).is_file()]
    assert (len(shipped) > 40, missing) == (True, [])


def test_every_account_mail_says_du_with_german_quotes_and_names_the_contact():
    context = {
        "site_name": "CoP-Plattform",
        "site_url": "https://cop.example.org",
        "contact_email": "kontakt@cop.example.org",
        "email": "erika@kassel.de",
        "from_email": "alt@kassel.de",
        "to_email": "neu@kassel.de",
        "deleted_email": "alt@kassel.de",
        "provider": "Stadt Kassel",
        "code": "ABC123",
        "activate_url": "https://cop.example.org/a/",
        "password_reset_url": "https://cop.example.org/p/",
        "signup_url": "https://cop.example.org/s/",
        "ip": "127.0.0.1",
        "user_agent": "Firefox",
        "timestamp": datetime.datetime(2026, 6, 9, 8, 0, tzinfo=datetime.UTC),
    }
    formal = re.compile(r"\b(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem)\b")
    checked = []
    with translation.override("de"):
        for path in sorted(OUR_TEMPLATES.glob("*/email/*_message.txt")):
            name = str(path.relative_to(OUR_TEMPLATES))
            if path.name == "base_message.txt":
                continue
            text = render_to_string(name, context)
            subject = render_to_string(name.replace("_message.txt", "_subject.txt"), context).strip()
            assert (name, formal.findall(text + subject), '"' in text + subject) == (name, [], False)
            assert text.strip().splitlines()[0] == "Hallo,"
            assert text.strip().splitlines()[-1] == "Fragen? Schreib uns: kontakt@cop.example.org"
            checked.append(name)
    assert len(checked) == 20
