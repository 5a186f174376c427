"""URL-walk table for topics/urls.py.

Inside an internal community everyone who is not an active member gets 404, for GET and POST
alike and before any sign-in redirect. A public community's topics are for signed-in people (topic
titles are shown where upcoming agenda titles are): a signed-out visitor is sent to sign in, and a
signed-in non-member reads but gets 403 for a change.
"""

from topics.models import Topic

from .spec import LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Case, everyone, redirect, roles, signed_in

FORBIDDEN = "403"
PRIVATE = {"slug": "{w.private.slug}"}
PUBLIC = {"slug": "{w.public.slug}"}
PRIVATE_TOPIC = {"pk": "{w.private_topic.pk}"}
PUBLIC_TOPIC = {"pk": "{w.public_topic.pk}"}
BOARD = redirect("/communities/{w.private.slug}/topics/")
TOPIC_PAGE = redirect("/topics/{w.private_topic.pk}/")

MEMBERS_SEE = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=OK, coordinator=OK)
POST_ONLY = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=NOT_ALLOWED, coordinator=NOT_ALLOWED)
MEMBERS_ACT = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=TOPIC_PAGE, coordinator=TOPIC_PAGE)
PUBLIC_WRITE = roles(anonymous=LOGIN, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=FORBIDDEN)
PUBLIC_POST_ONLY = roles(anonymous=LOGIN, non_member=NOT_ALLOWED, member=NOT_ALLOWED, coordinator=NOT_ALLOWED)


def extend_world(world):
    world.private_topic = Topic.objects.create(
        community=world.private, title="Konfliktmanagement", proposed_by=world.member
    )
    world.public_topic = Topic.objects.create(
        community=world.public, title="Mobiles Arbeiten", proposed_by=world.public_coordinator_membership.user
    )


EXPECTED = {
    "topic_board": [
        Case("internal", kwargs=PRIVATE, get=MEMBERS_SEE),
        Case("public", kwargs=PUBLIC, get=signed_in(OK)),
        Case("unknown slug", kwargs={"slug": "gibt-es-nicht"}, get=everyone(NOT_FOUND)),
    ],
    "topic_create": [
        Case(
            "internal",
            kwargs=PRIVATE,
            get=MEMBERS_SEE,
            post=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=BOARD, coordinator=BOARD),
            data={"title": "Feedbackkultur", "description": "Wie geben wir Feedback?"},
        ),
        Case("public, not a member", kwargs=PUBLIC, get=PUBLIC_WRITE, post=PUBLIC_WRITE, data={"title": "X"}),
    ],
    "topic_detail": [
        Case("internal", kwargs=PRIVATE_TOPIC, get=MEMBERS_SEE),
        Case("public", kwargs=PUBLIC_TOPIC, get=signed_in(OK)),
        Case("unknown", kwargs={"pk": "999999"}, get=everyone(NOT_FOUND)),
    ],
    "topic_edit": [
        Case(
            "internal, the member's own topic",
            kwargs=PRIVATE_TOPIC,
            get=MEMBERS_SEE,
            post=MEMBERS_ACT,
            data={"title": "Konfliktmanagement im Team", "description": ""},
        ),
        Case("public, not a member", kwargs=PUBLIC_TOPIC, get=PUBLIC_WRITE),
    ],
    "topic_archive": [
        Case("internal, the member's own topic", kwargs=PRIVATE_TOPIC, get=POST_ONLY, post=MEMBERS_ACT),
        Case("public, not a member", kwargs=PUBLIC_TOPIC, get=PUBLIC_POST_ONLY, post=PUBLIC_WRITE),
    ],
    "topic_vote": [
        Case(
            "internal",
            kwargs=PRIVATE_TOPIC,
            get=POST_ONLY,
            post=MEMBERS_ACT,
            data={"action": "cast"},
        ),
        Case(
            "public, not a member",
            kwargs=PUBLIC_TOPIC,
            get=PUBLIC_POST_ONLY,
            post=PUBLIC_WRITE,
            data={"action": "cast"},
        ),
    ],
    # The world's private meeting is facilitated by someone else: only the coordinator may schedule.
    "topic_schedule": [
        Case(
            "internal",
            kwargs=PRIVATE_TOPIC,
            get=POST_ONLY,
            post=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=BOARD),
        ),
        Case("public, not a member", kwargs=PUBLIC_TOPIC, get=PUBLIC_POST_ONLY, post=PUBLIC_WRITE),
    ],
    "topic_spin_off": [
        Case(
            "internal",
            kwargs=PRIVATE_TOPIC,
            get=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=OK),
            post=roles(
                anonymous=NOT_FOUND,
                non_member=NOT_FOUND,
                member=FORBIDDEN,
                coordinator=redirect("/communities/ableger/"),
            ),
            data={"name": "Ableger", "slug": "ableger", "description": ""},
        ),
        Case("public, not a member", kwargs=PUBLIC_TOPIC, get=PUBLIC_WRITE, post=PUBLIC_WRITE),
    ],
}
