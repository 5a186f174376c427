"""Mail goes through a real SMTP server on 127.0.0.1: one German message per recipient, with the
unsubscribe headers; a server that goes down loses nothing and a retry sends nothing twice."""

import datetime

import pytest
from django.utils import timezone

from notifications.models import Kind, Notification
from notifications.services import notify, send_due, unsubscribe_target

CONTEXT = {
    "community": "Personalentwicklung",
    "meeting": "Treffen im Juni",
    "starts_at": "2026-06-09T08:00:00+00:00",
    "path": "/meetings/7/",
}


def queue(users, django_capture_on_commit_callbacks, *, key="meeting:7"):
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=Kind.MEETING_REMINDER, users=users, key=key, context=CONTEXT)


@pytest.mark.django_db
def test_each_recipient_gets_one_german_message_with_unsubscribe_headers(
    smtp_server, verified_user, django_capture_on_commit_callbacks
):
    erika = verified_user(first_name="Erika", last_name="Mustermann", email="erika@kassel.de")
    max_ = verified_user(first_name="Max", last_name="Mustermann", email="max@heidelberg.de")
    queue([erika, max_], django_capture_on_commit_callbacks)

    result = send_due()

    assert (result.sent, result.retried, result.failed, result.skipped) == (2, 0, 0, 0)
    assert sorted(smtp_server.inbox.recipients) == [["erika@kassel.de"], ["max@heidelberg.de"]]
    by_recipient = {message["To"]: message for message in smtp_server.inbox.messages}
    message = by_recipient["erika@kassel.de"]
    assert message["Subject"] == "Erinnerung: Treffen im Juni am 9. Juni 2026"
    assert message["From"] == "CoP-Plattform <noreply@cop.example.org>"
    assert "max@heidelberg.de" not in message.as_string()
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    unsubscribe_url = str(message["List-Unsubscribe"]).strip().removeprefix("<").removesuffix(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url.startswith("https://cop.example.org/notifications/unsubscribe/")
    token = unsubscribe_url.removeprefix("https://cop.example.org/notifications/unsubscribe/").strip("/")
    assert unsubscribe_target(token) == (erika, Kind.MEETING_REMINDER)
    assert text.splitlines()[:6] == [
        "Hallo Erika Mustermann,",
        "",
        "eine Erinnerung: „Treffen im Juni“ von Personalentwicklung findet am Dienstag, 9. Juni 2026, "
        "10:00 Uhr statt.",
        "",
        "Zum Treffen:",
        "https://cop.example.org/meetings/7/",
    ]
    assert f"Diese Art von E-Mail mit einem Klick abbestellen: {unsubscribe_url}" in text
    assert '<html lang="de">' in html
    assert '<a href="https://cop.example.org/meetings/7/">Zum Treffen</a>' in html
    assert list(Notification.objects.values_list("status", flat=True)) == ["sent", "sent"]


@pytest.mark.django_db
def test_a_stopped_server_loses_nothing_and_the_retry_sends_nothing_twice(
    smtp_server, verified_user, django_capture_on_commit_callbacks
):
    first, second = verified_user(), verified_user()
    queue([first], django_capture_on_commit_callbacks, key="meeting:1")
    assert send_due().sent == 1

    smtp_server.stop()
    queue([first, second], django_capture_on_commit_callbacks, key="meeting:2")
    now = timezone.now()
    down = send_due(now=now)

    assert (down.sent, down.retried) == (0, 2)
    waiting = Notification.objects.filter(key="meeting:2").order_by("user_id")
    assert [(row.status, row.attempts, row.next_attempt_at) for row in waiting] == [
        ("queued", 1, now + datetime.timedelta(minutes=1)),
        ("queued", 1, now + datetime.timedelta(minutes=1)),
    ]
    assert "ConnectionRefusedError" in waiting[0].last_error

    smtp_server.start()
    assert send_due(now=now).handled == 0  # not due yet: the backoff holds
    later = send_due(now=now + datetime.timedelta(minutes=1))
    again = send_due(now=now + datetime.timedelta(days=1))

    assert (later.sent, again.handled) == (2, 0)
    assert sorted(smtp_server.inbox.recipients) == sorted([[first.email], [first.email], [second.email]])
    assert [row.status for row in Notification.objects.order_by("pk")] == ["sent", "sent", "sent"]


@pytest.mark.django_db
def test_a_server_going_down_mid_batch_keeps_the_rest_for_the_retry(
    smtp_server, verified_user, django_capture_on_commit_callbacks
):
    users = [verified_user() for _ in range(3)]
    queue(users, django_capture_on_commit_callbacks)
    smtp_server.inbox.refuse_after = 1
    now = timezone.now()

    first = send_due(now=now)
    smtp_server.inbox.refuse_after = None
    second = send_due(now=now + datetime.timedelta(minutes=5))

    assert ((first.sent, first.retried), (second.sent, second.retried)) == ((1, 2), (2, 0))
    assert sorted(smtp_server.inbox.recipients) == sorted([[user.email] for user in users])
    assert Notification.objects.filter(status="sent").count() == 3


@pytest.mark.django_db
def test_a_refused_address_fails_at_once_without_retry(
    smtp_server, verified_user, django_capture_on_commit_callbacks
):
    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 No such mailbox"

    smtp_server.inbox.handle_RCPT = refuse
    smtp_server.stop()
    smtp_server.start()
    user = verified_user()
    queue([user], django_capture_on_commit_callbacks)

    result = send_due()

    row = Notification.objects.get()
    assert (result.failed, row.status, row.attempts) == (1, "failed", 1)
    assert row.last_error.startswith("Address refused")
    assert smtp_server.inbox.deliveries == []
