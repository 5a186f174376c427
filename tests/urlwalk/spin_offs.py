"""URL-walk table for founding spin-offs (topics/spin_off_views.py) besides the topic's own.

A spin-off is founded by the community's coordinators: others who may see the community get 403,
those who may not know of it 404 (a secret community's, for everyone but its member).
"""

from topics.models import SpinOffSuggestion, Topic

from .spec import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Case, redirect, roles

TOPIC = {"pk": "{w.suggested_topic.pk}"}
TOPIC_PAGE = redirect("/topics/{w.suggested_topic.pk}/")
DECLINE = {"pk": "{w.suggested_topic.pk}", "suggestion_pk": "{w.suggestion.pk}"}
PUBLIC_TOPIC = {"pk": "{w.public_topic.pk}"}


def extend_world(world):
    world.suggested_topic = Topic.objects.create(
        community=world.private, title="Working Out Loud", proposed_by=world.coordinator
    )
    world.suggestion = SpinOffSuggestion.objects.create(
        topic=world.suggested_topic, suggested_by=world.member, note="Zwölf Wochen in Circles"
    )


DATA = {"name": "Working Out Loud", "slug": "wol-neu", "description": "Ein Ableger"}

EXPECTED = {
    "community_spin_off": [
        Case(
            "internal",
            kwargs={"slug": "{w.private.slug}"},
            get=roles(anonymous=NOT_FOUND, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=OK),
            post=roles(
                anonymous=NOT_FOUND,
                non_member=FORBIDDEN,
                member=FORBIDDEN,
                coordinator=redirect("/communities/wol-neu/"),
            ),
            data=DATA,
        ),
        Case(
            "public, nobody of the roles coordinates it",
            kwargs={"slug": "{w.public.slug}"},
            get=roles(anonymous=LOGIN, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=FORBIDDEN),
        ),
        Case(
            "secret",
            kwargs={"slug": "{w.secret.slug}"},
            get=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=NOT_FOUND),
        ),
    ],
    "topic_suggest_spin_off": [
        Case(
            "internal",
            kwargs=TOPIC,
            get=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=NOT_ALLOWED, coordinator=NOT_ALLOWED),
            post=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=TOPIC_PAGE, coordinator=TOPIC_PAGE),
            data={"note": "Ein eigener Kreis"},
        ),
        Case(
            "public, not a member",
            kwargs=PUBLIC_TOPIC,
            get=roles(anonymous=LOGIN, non_member=NOT_ALLOWED, member=NOT_ALLOWED, coordinator=NOT_ALLOWED),
            post=roles(anonymous=LOGIN, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=FORBIDDEN),
        ),
    ],
    "spin_off_suggestion_decline": [
        Case(
            "internal",
            kwargs=DECLINE,
            get=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=OK),
            post=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=TOPIC_PAGE),
            data={"reason": "Passt besser in die Runde"},
        ),
        Case(
            "a suggestion of another topic",
            kwargs={"pk": "{w.private_topic.pk}", "suggestion_pk": "{w.suggestion.pk}"},
            get=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=NOT_FOUND),
        ),
    ],
}
