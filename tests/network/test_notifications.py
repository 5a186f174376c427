"""The author of a call hears of each interested person by e-mail: German, text and HTML, with a
link to the call and the one-click unsubscribe of its kind."""

import pytest

from network import services
from notifications.models import Kind, Unsubscription
from notifications.services import send_due
from tests.factories import OrganisationFactory, UserFactory

from .factories import PartnerSearchFactory

pytestmark = pytest.mark.django_db


def test_the_author_gets_a_german_mail_per_interested_person(
    mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://cop.example.org"
    author = UserFactory(first_name="Aylin", last_name="Probe", email="aylin@hannover.example")
    search = PartnerSearchFactory(author=author, title="Wissensmanagement")
    jonas = UserFactory(
        first_name="Jonas", last_name="Muster", organisation=OrganisationFactory(name="Stadtwerke Kassel")
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_register(search=search, user=jonas)

    assert send_due().sent == 1
    (message,) = mailoutbox
    text = message.body
    html = message.alternatives[0][0]
    assert (message.to, message.subject) == (
        ["aylin@hannover.example"],
        "Vernetzt Euch!: Interesse an „Wissensmanagement“",
    )
    assert text.splitlines()[:3] == [
        "Hallo Aylin Probe,",
        "",
        "Jonas Muster (Stadtwerke Kassel) hat Interesse an deinem Aufruf „Wissensmanagement“.",
    ]
    assert f"https://cop.example.org/network/{search.pk}/" in text
    assert f'<a href="https://cop.example.org/network/{search.pk}/">Zum Aufruf</a>' in html
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://cop.example.org/notifications/unsubscribe/"
    )


def test_an_author_who_switched_the_kind_off_gets_no_mail(mailoutbox, django_capture_on_commit_callbacks):
    search = PartnerSearchFactory()
    Unsubscription.objects.create(user=search.author, kind=Kind.PARTNER_INTEREST)
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_register(search=search, user=UserFactory())
    result = send_due()
    assert (result.sent, result.skipped, mailoutbox) == (0, 1, [])


def test_the_kind_can_be_switched_off_on_the_preferences_page(client):
    user = UserFactory()
    client.force_login(user)
    wanted = [kind for kind in Kind.values if kind != Kind.PARTNER_INTEREST]
    client.post("/me/notifications/", {"wanted": wanted})
    assert list(Unsubscription.objects.filter(user=user).values_list("kind", flat=True)) == [
        "partner_interest"
    ]
