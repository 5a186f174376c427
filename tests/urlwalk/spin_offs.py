"""URL-walk table for founding spin-offs (topics/spin_off_views.py) besides the topic's own.

A spin-off is founded by the community's coordinators: others who may see the community get 403,
those who may not know of it 404 (a secret community's, for everyone but its member).
"""

from .spec import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, redirect, roles

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
}
