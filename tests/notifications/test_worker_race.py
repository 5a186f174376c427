"""Two workers sending from the same outbox at once (PostgreSQL only: SQLite serialises all writes):
SELECT … FOR UPDATE SKIP LOCKED gives each row to one of them, so every mail arrives exactly once."""

import pytest
from django.db import connection

from notifications.models import Kind, Notification
from notifications.services import queue, send_due
from tests.factories import UserFactory
from tests.meetings.test_concurrency import run_together

from .conftest import verify

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

CONTEXT = {"community": "PE", "meeting": "Treffen", "starts_at": "2026-06-09T08:00:00+00:00", "path": "/"}


def test_two_workers_at_once_send_each_mail_exactly_once(smtp_server):
    people = [verify(UserFactory(email=f"person{n:02}@kassel.de")) for n in range(40)]
    queue(kind=Kind.MEETING_REMINDER, key="meeting:1", context=CONTEXT, users=people)

    def worker():
        handled = []
        while result := send_due(batch_size=3):
            if not result.handled:
                break
            handled.append(result.sent)
        return sum(handled)

    first, second = run_together(worker, worker)

    assert first + second == 40
    assert sorted(rcpt for (rcpt,) in smtp_server.inbox.recipients) == sorted(p.email for p in people)
    assert set(Notification.objects.values_list("status", "attempts")) == {("sent", 1)}
