"""URL-walk table for calendars/urls.py.

The feeds need no session: a personal feed answers by its secret alone (the member's link here),
a public feed by its community; a meeting's `.ics` follows meetings.view_meeting.
"""

from calendars import services

from .spec import LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Case, everyone, redirect, roles, signed_in


def extend_world(world):
    world.calendar_token, world.calendar_secret = services.feed_token_create(
        user=world.member, name="Outlook"
    )


EXPECTED = {
    "calendar": [
        Case("own links", get=signed_in(OK), post=signed_in("400"), data={"name": ""}),
    ],
    "calendar_link_revoke": [
        Case(
            "the member's link",
            kwargs={"pk": "{w.calendar_token.pk}"},
            get=signed_in(NOT_ALLOWED),
            post=roles(
                anonymous=LOGIN, non_member=NOT_FOUND, member=redirect("/calendar/"), coordinator=NOT_FOUND
            ),
        ),
    ],
    "calendar_personal_feed": [
        Case("the member's secret", kwargs={"token": "{w.calendar_secret}"}, get=everyone(OK)),
        Case("unknown secret", kwargs={"token": "unbekannt"}, get=everyone(NOT_FOUND)),
    ],
    "calendar_public_feed": [
        Case("public", kwargs={"slug": "{w.public.slug}"}, get=everyone(OK)),
        Case("members-only", kwargs={"slug": "{w.private.slug}"}, get=everyone(NOT_FOUND)),
    ],
    "meeting_ics": [
        Case(
            "members-only",
            kwargs={"pk": "{w.private_meeting.pk}"},
            get=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=OK, coordinator=OK),
        ),
        Case("public", kwargs={"pk": "{w.public_meeting.pk}"}, get=everyone(OK)),
        Case("unknown", kwargs={"pk": "999999"}, get=everyone(NOT_FOUND)),
    ],
}
