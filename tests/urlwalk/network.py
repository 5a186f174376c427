"""URL-walk table for network/urls.py ("Vernetzt Euch!").

The calls are for signed-in people of the platform: a visitor is asked to sign in (an unknown call
is 404 for everyone). The world's member wrote the call; for others, a change is 403.
"""

from network.models import Interest, PartnerSearch

from .spec import (
    BAD_REQUEST,
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Case,
    everyone,
    redirect,
    roles,
    signed_in,
)

SEARCH = {"pk": "{w.partner_search.pk}"}
SEARCH_PAGE = redirect("/network/{w.partner_search.pk}/")
AUTHOR_ONLY = roles(anonymous=LOGIN, non_member=FORBIDDEN, member=OK, coordinator=FORBIDDEN)
AUTHOR_ACTS = roles(anonymous=LOGIN, non_member=FORBIDDEN, member=SEARCH_PAGE, coordinator=FORBIDDEN)
POST_ONLY = signed_in(NOT_ALLOWED)


def extend_world(world):
    world.partner_search = PartnerSearch.objects.create(
        title="Wissensmanagement in Stadtwerken", author=world.member, organisation="Stadt Kassel"
    )
    Interest.objects.create(search=world.partner_search, user=world.non_member)


EXPECTED = {
    "partner_search_list": [Case("the list", get=signed_in(OK))],
    "partner_search_create": [
        Case("empty theme", get=signed_in(OK), post=signed_in(BAD_REQUEST), data={"title": ""}),
    ],
    "partner_search_detail": [
        Case("a call", kwargs=SEARCH, get=signed_in(OK)),
        Case("unknown", kwargs={"pk": "999999"}, get=everyone(NOT_FOUND)),
    ],
    "partner_search_edit": [
        Case(
            "the member's call",
            kwargs=SEARCH,
            get=AUTHOR_ONLY,
            post=AUTHOR_ACTS,
            data={"title": "Wissensmanagement", "description": "", "organisation": ""},
        ),
    ],
    "partner_search_close": [Case("the member's call", kwargs=SEARCH, get=POST_ONLY, post=AUTHOR_ACTS)],
    "partner_search_interest": [
        Case(
            "register",
            kwargs=SEARCH,
            get=POST_ONLY,
            post=signed_in(SEARCH_PAGE),
            data={"action": "register"},
        ),
    ],
    "partner_search_found": [
        Case(
            "the member's call",
            kwargs=SEARCH,
            get=AUTHOR_ONLY,
            post=roles(
                anonymous=LOGIN,
                non_member=FORBIDDEN,
                member=redirect("/communities/wissensmanagement/"),
                coordinator=FORBIDDEN,
            ),
            data={"name": "Wissensmanagement", "slug": "wissensmanagement", "description": ""},
        ),
    ],
}
