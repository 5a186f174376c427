"""The member's e-mail settings on /me/, the one-click unsubscribe link, the outbox in the admin."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from notifications.models import Kind, Notification, Unsubscription
from notifications.services import send_due, unsubscribe_token
from tests.factories import UserFactory

from .conftest import verify


@pytest.mark.django_db
def test_every_kind_is_on_until_the_member_switches_it_off(auth_client, user):
    client = auth_client(user)
    page = client.get(reverse("me_notifications"))
    assert page.context["form"].initial == {"wanted": list(Kind.values)}
    assert "Benachrichtigungen" in page.content.decode()

    wanted = [kind for kind in Kind.values if kind != Kind.MEETING_REMINDER]
    response = client.post(reverse("me_notifications"), {"wanted": wanted})

    assert response.status_code == HTTPStatus.FOUND
    assert list(Unsubscription.objects.filter(user=user).values_list("kind", flat=True)) == [
        "meeting_reminder"
    ]


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_and_changes_nothing(auth_client, user):
    response = auth_client(user).post(reverse("me_notifications"), {"wanted": ["spam"]})

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors == {
        "wanted": ["Bitte eine gültige Auswahl treffen. spam ist keine gültige Auswahl."]
    }
    assert Unsubscription.objects.count() == 0


@pytest.mark.django_db
def test_one_click_unsubscribe_without_sign_in_or_csrf_token(client, settings):
    settings.CSRF_COOKIE_SECURE = False
    user = UserFactory(email="erika@kassel.de")
    url = reverse(
        "notifications_unsubscribe", kwargs={"token": unsubscribe_token(user=user, kind="agenda_published")}
    )
    csrf_client = client.__class__(enforce_csrf_checks=True)

    shown = csrf_client.get(url)  # a link scanner opening the link changes nothing
    assert (shown.status_code, Unsubscription.objects.count()) == (HTTPStatus.OK, 0)
    done = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})

    assert done.status_code == HTTPStatus.OK
    assert "bekommt keine E-Mails der Art" in done.content.decode()
    assert list(Unsubscription.objects.values_list("user__email", "kind")) == [
        ("erika@kassel.de", "agenda_published")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["signature", "kind", "cut short"])
def test_a_tampered_unsubscribe_link_shows_a_clear_page_and_changes_nothing(client, change):
    user = UserFactory()
    token = unsubscribe_token(user=user, kind="agenda_published")
    payload, timestamp, signature = token.split(":")
    tampered = {
        "signature": f"{payload}:{timestamp}:{signature[::-1]}",
        "kind": unsubscribe_token(user=user, kind="agenda_published").replace(payload, payload[:-2] + "xx"),
        "cut short": token[:20],
    }[change]

    response = client.post(reverse("notifications_unsubscribe", kwargs={"token": tampered}))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Dieser Abbestell-Link ist ungültig" in response.content.decode()
    assert Unsubscription.objects.count() == 0


@pytest.mark.django_db
def test_unverified_and_switched_off_recipients_get_nothing_with_a_clear_outcome(
    mailoutbox, django_capture_on_commit_callbacks
):
    from notifications.services import notify

    unverified = UserFactory(email="unbestaetigt@kassel.de", email_verified=False)
    switched_off = verify(UserFactory(email="abbestellt@kassel.de"))
    wants = verify(UserFactory(email="will@kassel.de"))
    Unsubscription.objects.create(user=switched_off, kind=Kind.MEETING_CANCELLED)
    context = {
        "community": "PE",
        "meeting": "Treffen",
        "starts_at": "2026-06-09T08:00:00+00:00",
        "path": "/c/",
    }
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            kind=Kind.MEETING_CANCELLED, users=[unverified, switched_off, wants], key="m:1", context=context
        )

    send_due()

    assert [mail.to for mail in mailoutbox] == [["will@kassel.de"]]
    assert sorted(Notification.objects.values_list("user__email", "status", "last_error")) == [
        (
            "abbestellt@kassel.de",
            "skipped",
            "The member has switched this kind of notification off: not sent.",
        ),
        ("unbestaetigt@kassel.de", "skipped", "No verified e-mail address: not sent."),
        ("will@kassel.de", "sent", ""),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 4])
def test_the_outbox_in_the_admin_is_read_only_and_its_list_costs_the_same(
    client, count, django_assert_num_queries
):
    staff = UserFactory(is_staff=True, is_superuser=True, totp=True)
    for number in range(count):
        Notification.objects.create(kind=Kind.MEETING_REMINDER, user=UserFactory(), key=f"m:{number}")
    client.force_login(staff)
    url = reverse("admin:notifications_notification_changelist")

    # 6 (the outbox is not counted in full), and one for the admin's two-factor check
    with django_assert_num_queries(7):
        response = client.get(url, {"status__exact": "queued", "kind__exact": "meeting_reminder"})

    assert len(response.context["cl"].result_list) == count
    row = Notification.objects.first()
    change = client.post(
        reverse("admin:notifications_notification_change", args=[row.pk]), {"status": "sent"}
    )
    assert (change.status_code, Notification.objects.get(pk=row.pk).status) == (
        HTTPStatus.FORBIDDEN,
        "queued",
    )
    assert client.get(reverse("admin:notifications_notification_add")).status_code == HTTPStatus.FORBIDDEN
