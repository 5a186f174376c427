"""Queueing and sending e-mail notifications.

`notify()` is the one way to queue a notice: it adds one outbox row per recipient once the
caller's transaction commits (a rolled-back action queues nothing), and the (kind, user, key)
constraint drops a notice that was queued before. `send_due()` is what the worker runs: it claims
due rows with SELECT … FOR UPDATE SKIP LOCKED (several workers never take the same row), sends each
through Django's mail backend and records the outcome; a failed delivery is retried with
exponential backoff. `queue_reminders()` is the periodic job (manage.py send_reminders).
"""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import get_connection
from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import Kind, Notification, Unsubscription

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
MAX_ATTEMPTS = 8
RETRY_FIRST_DELAY = datetime.timedelta(minutes=1)
RETRY_LONGEST_DELAY = datetime.timedelta(hours=6)
UNSUBSCRIBE_SALT = "notifications.unsubscribe"
NO_VERIFIED_ADDRESS = "No verified e-mail address: not sent."
SWITCHED_OFF = "The member has switched this kind of notification off: not sent."


def notify(*, kind: str, key: str, context: dict, user=None, users=()) -> None:
    """Queue the notice `kind` about `key` for `user` (or each of `users`) after the commit.

    `context` is what the message shows (names, titles, times as ISO strings, paths): a snapshot,
    so that the message tells what was true when it happened. The same (kind, user, key) is queued
    only once, ever. A rolled-back action queues nothing.
    """
    recipients = [user] if user is not None else list(users)
    _check_kind(kind)
    transaction.on_commit(lambda: queue(kind=kind, key=key, context=context, users=recipients))


def _check_kind(kind: str) -> None:
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")


def queue(*, kind: str, key: str, context: dict, users) -> None:
    """Add the rows now, one INSERT for all recipients; a notice that exists already is left alone.

    notify() calls this after the caller's commit, the periodic job directly. A failure is logged,
    never shown to the person whose action caused it (their action has been saved).
    """
    _check_kind(kind)
    user_ids = sorted({recipient.pk for recipient in users if recipient is not None})
    if not user_ids:
        return
    now = timezone.now()
    rows = [
        Notification(kind=kind, user_id=pk, key=key, context=context, created_at=now, next_attempt_at=now)
        for pk in user_ids
    ]
    try:
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
    except DatabaseError:
        logger.exception("Could not queue the notification %s %s", kind, key)


# --- sending --------------------------------------------------------------------------------------


@dataclass
class SendResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed + self.skipped


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd … failed attempt, at most 6 hours."""
    return min(RETRY_FIRST_DELAY * 2 ** max(attempts - 1, 0), RETRY_LONGEST_DELAY)


def _claimable(now):
    verified = EmailAddress.objects.filter(
        user_id=OuterRef("user_id"), email__iexact=OuterRef("user__email"), verified=True
    )
    switched_off = Unsubscription.objects.filter(user_id=OuterRef("user_id"), kind=OuterRef("kind"))
    return (
        Notification.objects.due(now)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("user")
        .annotate(address_verified=Exists(verified), switched_off=Exists(switched_off))
        .order_by("next_attempt_at", "pk")
    )


def send_due(*, now: datetime.datetime | None = None, batch_size: int = BATCH_SIZE) -> SendResult:
    """Send up to `batch_size` due notices; returns what became of them.

    The rows stay locked until their outcome is saved, so a second worker skips them. The number of
    queries does not depend on the number of rows: one SELECT, one UPDATE.
    """
    from .messages import compose

    now = now or timezone.now()
    result = SendResult()
    with transaction.atomic():
        rows = list(_claimable(now)[:batch_size])
        if not rows:
            return result
        connection = get_connection(fail_silently=False)
        try:
            connection.open()
        except (OSError, smtplib.SMTPException) as error:
            for row in rows:
                _attempt_failed(row, error, now=now, result=result)
        else:
            for row in rows:
                _deliver(row, compose, connection=connection, now=now, result=result)
            try:
                connection.close()
            except (OSError, smtplib.SMTPException):
                logger.warning("The mail server connection did not close cleanly", exc_info=True)
        Notification.objects.bulk_update(
            rows, ["status", "attempts", "next_attempt_at", "last_error", "sent_at"], batch_size=batch_size
        )
    return result


def _deliver(row: Notification, compose, *, connection, now, result: SendResult) -> None:
    if not row.address_verified or not row.user.is_active:
        row.status, row.last_error = Notification.Status.SKIPPED, NO_VERIFIED_ADDRESS
        result.skipped += 1
        return
    if row.switched_off:
        row.status, row.last_error = Notification.Status.SKIPPED, SWITCHED_OFF
        result.skipped += 1
        return
    try:
        message = compose(row)
    except (KeyError, TypeError, ValueError) as error:  # a broken snapshot: retrying cannot help
        row.attempts += 1
        row.status, row.last_error = Notification.Status.FAILED, f"Could not build the message: {error!r}"
        result.failed += 1
        return
    message.connection = connection
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:  # the server refuses the address: a bounce
        row.attempts += 1
        row.status, row.last_error = Notification.Status.FAILED, f"Address refused: {error.recipients!r}"
        result.failed += 1
    except (OSError, smtplib.SMTPException) as error:
        _attempt_failed(row, error, now=now, result=result)
    else:
        row.attempts += 1
        row.status, row.sent_at, row.last_error = Notification.Status.SENT, now, ""
        result.sent += 1


def _attempt_failed(row: Notification, error: Exception, *, now, result: SendResult) -> None:
    """The mail server did not take the message: try again later, or give up after MAX_ATTEMPTS."""
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts >= MAX_ATTEMPTS:
        row.status = Notification.Status.FAILED
        result.failed += 1
    else:
        row.next_attempt_at = now + retry_delay(row.attempts)
        result.retried += 1


def send_all_due(*, now: datetime.datetime | None = None) -> SendResult:
    """send_due until nothing due is left (or only rows another worker holds)."""
    total = SendResult()
    while True:
        result = send_due(now=now)
        for field in ("sent", "retried", "failed", "skipped"):
            setattr(total, field, getattr(total, field) + getattr(result, field))
        if result.handled < BATCH_SIZE:
            return total


# --- preferences and one-click unsubscribe ---------------------------------------------------------


def unsubscribe_token(*, user, kind: str) -> str:
    return signing.dumps([user.pk, kind], salt=UNSUBSCRIBE_SALT, compress=False)


def unsubscribe_target(token: str):
    """(user, kind) of a valid token, or None for a tampered, foreign or outdated one."""
    from members.models import User

    try:
        user_id, kind = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if kind not in Kind.values or not isinstance(user_id, int):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return (user, kind) if user is not None else None


def wanted_kinds(user) -> list[str]:
    off = set(Unsubscription.objects.filter(user=user).values_list("kind", flat=True))
    return [kind for kind in Kind.values if kind not in off]


@transaction.atomic
def preferences_update(*, user, wanted: list[str]) -> list[str]:
    """Switch every kind in `wanted` on and every other kind off; returns the kinds now on."""
    wanted = [kind for kind in Kind.values if kind in set(wanted)]
    Unsubscription.objects.filter(user=user, kind__in=wanted).delete()
    Unsubscription.objects.bulk_create(
        [Unsubscription(user=user, kind=kind) for kind in Kind.values if kind not in wanted],
        ignore_conflicts=True,
    )
    return wanted


@transaction.atomic
def unsubscribe(*, user, kind: str) -> None:
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    Unsubscription.objects.get_or_create(user=user, kind=kind)


def site_url(path: str) -> str:
    return settings.SITE_URL + path
