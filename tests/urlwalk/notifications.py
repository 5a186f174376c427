"""URL-walk table for notifications/urls.py: the e-mail settings and the one-click unsubscribe link."""

from notifications.models import Kind
from notifications.services import unsubscribe_token

from .spec import NOT_FOUND, OK, Case, everyone, redirect, signed_in


def extend_world(world):
    world.unsubscribe_token = unsubscribe_token(user=world.member, kind=Kind.MEETING_REMINDER)


EXPECTED = {
    "me_notifications": [
        # Saving with nothing ticked switches every kind off, and shows the page again.
        Case("own settings", get=signed_in(OK), post=signed_in(redirect("/me/notifications/")))
    ],
    "notifications_unsubscribe": [
        # The signed token is the authorisation: whoever holds the link may switch that kind off.
        Case(
            "valid token",
            kwargs={"token": "{w.unsubscribe_token}"},
            get=everyone(OK),
            post=everyone(OK),
        ),
        Case(
            "tampered token",
            kwargs={"token": "1:meeting_reminder:gefaelscht"},
            get=everyone(NOT_FOUND),
            post=everyone(NOT_FOUND),
        ),
    ],
}
