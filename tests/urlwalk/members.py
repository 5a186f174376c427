"""URL-walk table for members/urls.py and members/profile_urls.py."""

from .spec import (
    LOGIN,
    NOT_FOUND,
    OK,
    POST_ONLY_GET,
    Case,
    everyone,
    redirect,
    roles,
    signed_in,
)

PRIVATE = {"slug": "{w.private.slug}"}
PUBLIC = {"slug": "{w.public.slug}"}
PRIVATE_PAGE = redirect("/communities/{w.private.slug}/")
PUBLIC_PAGE = redirect("/communities/{w.public.slug}/")
PRIVATE_MANAGE = redirect("/communities/{w.private.slug}/manage/")
# Inside a members-only community, whoever is not a member learns nothing: 404.
MEMBERS_ONLY = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=OK, coordinator=OK)

EXPECTED = {
    "community_list": [Case("list", get=everyone(OK))],
    "community_detail": [
        Case("members-only", kwargs=PRIVATE, get=MEMBERS_ONLY),
        Case("public", kwargs=PUBLIC, get=everyone(OK)),
        Case("unknown slug", kwargs={"slug": "gibt-es-nicht"}, get=everyone(NOT_FOUND)),
    ],
    "community_join": [
        Case(
            "members-only",
            kwargs=PRIVATE,
            get=POST_ONLY_GET,
            # Members are sent back with "you are already a member".
            post=roles(anonymous=LOGIN, non_member=NOT_FOUND, member=PRIVATE_PAGE, coordinator=PRIVATE_PAGE),
        ),
        Case("public", kwargs=PUBLIC, get=POST_ONLY_GET, post=signed_in(PUBLIC_PAGE)),
    ],
    "community_leave": [
        Case(
            "members-only",
            kwargs=PRIVATE,
            get=POST_ONLY_GET,
            # A member who left cannot see the community any more; the only coordinator may not leave.
            post=roles(
                anonymous=LOGIN,
                non_member=NOT_FOUND,
                member=redirect("/communities/"),
                coordinator=PRIVATE_PAGE,
            ),
        ),
        Case("public, not a member", kwargs=PUBLIC, get=POST_ONLY_GET, post=signed_in(PUBLIC_PAGE)),
    ],
    "community_manage": [
        Case(
            "members-only",
            kwargs=PRIVATE,
            get=roles(anonymous=LOGIN, non_member=NOT_FOUND, member=NOT_FOUND, coordinator=OK),
        ),
        Case(
            "public, coordinated by someone else",
            kwargs=PUBLIC,
            get=roles(anonymous=LOGIN, non_member=NOT_FOUND, member=NOT_FOUND, coordinator=NOT_FOUND),
        ),
    ],
    "invitation_create": [
        Case(
            "members-only",
            kwargs=PRIVATE,
            get=POST_ONLY_GET,
            post=roles(anonymous=LOGIN, non_member=NOT_FOUND, member=NOT_FOUND, coordinator=PRIVATE_MANAGE),
            data={"email": "neu@example.org"},
        ),
    ],
    "membership_decide": [
        Case(
            "pending request",
            kwargs={**PRIVATE, "pk": "{w.pending.pk}"},
            get=POST_ONLY_GET,
            post=roles(anonymous=LOGIN, non_member=NOT_FOUND, member=NOT_FOUND, coordinator=PRIVATE_MANAGE),
            data={"decision": "approve"},
        ),
        Case(
            "membership of another community",
            kwargs={**PRIVATE, "pk": "{w.public_coordinator_membership.pk}"},
            get=POST_ONLY_GET,
            post=roles(anonymous=LOGIN, non_member=NOT_FOUND, member=NOT_FOUND, coordinator=NOT_FOUND),
            data={"decision": "approve"},
        ),
    ],
    "invitation_accept": [
        Case("valid token", kwargs={"token": "{w.invitation_token}"}, get=everyone(OK)),
        Case("unknown token", kwargs={"token": "falsch"}, get=everyone(NOT_FOUND)),
    ],
    # The directory and profiles are for signed-in members.
    "member_list": [Case("directory", get=signed_in(OK))],
    "member_detail": [
        Case("listed member", kwargs={"pk": "{w.member.pk}"}, get=signed_in(OK)),
        Case("member hidden from the directory", kwargs={"pk": "{w.unlisted.pk}"}, get=signed_in(NOT_FOUND)),
        Case("unknown member", kwargs={"pk": "999999"}, get=signed_in(NOT_FOUND)),
    ],
    "organisation_list": [Case("list", get=signed_in(OK))],
    "organisation_detail": [
        Case("organisation", kwargs={"slug": "{w.organisation.slug}"}, get=signed_in(OK)),
        Case("unknown slug", kwargs={"slug": "gibt-es-nicht"}, get=signed_in(NOT_FOUND)),
    ],
    "me": [Case("my profile", get=signed_in(OK))],
    "me_export": [Case("export page", get=signed_in(OK))],
    "me_delete": [Case("confirmation page", get=signed_in(OK))],
}
