"""URL-walk table for members/urls.py and members/profile_urls.py."""

from datetime import timedelta

from django.utils import timezone

from members.models import Invitation, Membership

from .spec import (
    FORBIDDEN,
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
PRIVATE_INVITATIONS = redirect("/communities/{w.private.slug}/manage/invitations/")
SECRET = {"slug": "{w.secret.slug}"}
SECRET_PAGE = redirect("/communities/{w.secret.slug}/")
# An internal community shows signed-in people that it exists; visitors get 404.
SIGNED_IN_SEE = roles(anonymous=NOT_FOUND, non_member=OK, member=OK, coordinator=OK)
# Inside a secret community, whoever is not a member learns nothing: 404 (here only `member`
# belongs to it; the coordinator of the internal community is a stranger).
SECRET_MEMBERS_ONLY = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=OK, coordinator=NOT_FOUND)
# A visitor of an internal or secret community learns nothing (404) before any sign-in.
POST_ONLY_GET_HIDDEN = {**POST_ONLY_GET, "anonymous": NOT_FOUND}
SECRET_POST_ONLY_GET = {
    **POST_ONLY_GET,
    "anonymous": NOT_FOUND,
    "non_member": NOT_FOUND,
    "coordinator": NOT_FOUND,
}


def coordinators_only(coordinator: str) -> dict[str, str]:
    """The coordinators' pages of the internal community: whoever may see it but does not manage it
    gets 403 (cop.guards); visitors, who may not know of it, 404."""
    return roles(anonymous=NOT_FOUND, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=coordinator)


def invitation_changes() -> list[Case]:
    """Resending or withdrawing an open invitation of the managed community; another community's
    invitation is 404 for its coordinator."""
    return [
        Case(
            "open invitation",
            kwargs={**PRIVATE, "pk": "{w.invitation.pk}"},
            get=POST_ONLY_GET_HIDDEN,
            post=coordinators_only(PRIVATE_INVITATIONS),
        ),
        Case(
            "invitation of another community",
            kwargs={**PRIVATE, "pk": "{w.public_invitation.pk}"},
            get=POST_ONLY_GET_HIDDEN,
            post=coordinators_only(NOT_FOUND),
        ),
    ]


EXPECTED = {
    "community_list": [Case("list", get=everyone(OK))],
    "community_detail": [
        Case("internal", kwargs=PRIVATE, get=SIGNED_IN_SEE),
        Case("secret", kwargs=SECRET, get=SECRET_MEMBERS_ONLY),
        Case("public", kwargs=PUBLIC, get=everyone(OK)),
        Case("unknown slug", kwargs={"slug": "gibt-es-nicht"}, get=everyone(NOT_FOUND)),
    ],
    # The full member list: whoever sees names on the community page; a visitor of a public
    # community is asked to sign in, everybody else who may not see the names gets 404.
    "community_members": [
        Case(
            "internal",
            kwargs=PRIVATE,
            get=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=OK, coordinator=OK),
        ),
        Case("secret", kwargs=SECRET, get=SECRET_MEMBERS_ONLY),
        Case("public", kwargs=PUBLIC, get=roles(anonymous=LOGIN, non_member=OK, member=OK, coordinator=OK)),
        Case("unknown slug", kwargs={"slug": "gibt-es-nicht"}, get=everyone(NOT_FOUND)),
    ],
    "community_join": [
        Case(
            "internal, on request",
            kwargs=PRIVATE,
            get=POST_ONLY_GET_HIDDEN,
            # The non-member's request is sent; members are sent back with "you are already a member".
            post={**signed_in(PRIVATE_PAGE), "anonymous": NOT_FOUND},
        ),
        Case(
            "secret",
            kwargs=SECRET,
            get=SECRET_POST_ONLY_GET,
            # A forged join request for a secret community answers 404 and stores nothing.
            post=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=SECRET_PAGE, coordinator=NOT_FOUND),
        ),
        Case("public", kwargs=PUBLIC, get=POST_ONLY_GET, post=signed_in(PUBLIC_PAGE)),
    ],
    "community_leave": [
        Case(
            "internal",
            kwargs=PRIVATE,
            get=POST_ONLY_GET_HIDDEN,
            # "You are not a member"; a member who left still sees the community's page; the only
            # coordinator may not leave.
            post={**signed_in(PRIVATE_PAGE), "anonymous": NOT_FOUND},
        ),
        Case(
            "secret",
            kwargs=SECRET,
            get=SECRET_POST_ONLY_GET,
            # A member who left a secret community cannot see it any more.
            post=roles(
                anonymous=NOT_FOUND,
                non_member=NOT_FOUND,
                member=redirect("/communities/"),
                coordinator=NOT_FOUND,
            ),
        ),
        Case("public, not a member", kwargs=PUBLIC, get=POST_ONLY_GET, post=signed_in(PUBLIC_PAGE)),
    ],
    "community_manage": [
        Case(
            "internal",
            kwargs=PRIVATE,
            get=coordinators_only(OK),
        ),
        Case(
            "public, coordinated by someone else",
            kwargs=PUBLIC,
            get=signed_in(FORBIDDEN),
        ),
        Case(
            "secret, managed by a member's fellow",
            kwargs=SECRET,
            get=SECRET_MEMBERS_ONLY | {"member": FORBIDDEN},
        ),
    ],
    "invitation_create": [
        Case(
            "internal",
            kwargs=PRIVATE,
            get=POST_ONLY_GET_HIDDEN,
            post=coordinators_only(PRIVATE_MANAGE),
            data={"email": "neu@example.org"},
        ),
    ],
    "community_capacity": [
        Case(
            "internal",
            kwargs=PRIVATE,
            get=POST_ONLY_GET_HIDDEN,
            post=coordinators_only(PRIVATE_MANAGE),
            data={"max_members": "12"},
        ),
        Case(
            "secret, managed by a member's fellow",
            kwargs=SECRET,
            get=SECRET_POST_ONLY_GET,
            post=SECRET_MEMBERS_ONLY | {"member": FORBIDDEN},
            data={"max_members": "12"},
        ),
    ],
    "community_settings": [
        Case("internal", kwargs=PRIVATE, get=coordinators_only(OK)),
        Case("public, coordinated by someone else", kwargs=PUBLIC, get=signed_in(FORBIDDEN)),
        Case(
            "secret, managed by a member's fellow",
            kwargs=SECRET,
            get=SECRET_MEMBERS_ONLY | {"member": FORBIDDEN},
        ),
    ],
    "invitation_list": [
        Case("internal", kwargs=PRIVATE, get=coordinators_only(OK)),
        Case(
            "secret, managed by a member's fellow",
            kwargs=SECRET,
            get=SECRET_MEMBERS_ONLY | {"member": FORBIDDEN},
        ),
    ],
    "invitation_resend": invitation_changes(),
    "invitation_revoke": invitation_changes(),
    "membership_decide": [
        Case(
            "pending request",
            kwargs={**PRIVATE, "pk": "{w.pending.pk}"},
            get=POST_ONLY_GET_HIDDEN,
            post=coordinators_only(PRIVATE_MANAGE),
            data={"decision": "approve"},
        ),
        Case(
            "membership of another community",
            kwargs={**PRIVATE, "pk": "{w.public_coordinator_membership.pk}"},
            get=POST_ONLY_GET_HIDDEN,
            post=coordinators_only(NOT_FOUND),
            data={"decision": "approve"},
        ),
    ],
    # The coordinators' member list: changes to an active member of the managed community; another
    # community's membership is 404 for its coordinator, and 403 for whoever does not manage it.
    "membership_role": [
        Case(
            "member of the managed community",
            kwargs={**PRIVATE, "pk": "{w.private_member_membership.pk}"},
            get=POST_ONLY_GET_HIDDEN,
            post=coordinators_only(PRIVATE_MANAGE),
            data={"role": "coordinator"},
        ),
        Case(
            "membership of another community",
            kwargs={**PRIVATE, "pk": "{w.public_coordinator_membership.pk}"},
            get=POST_ONLY_GET_HIDDEN,
            post=coordinators_only(NOT_FOUND),
            data={"role": "member"},
        ),
    ],
    "membership_rotation": [
        Case(
            "member of the managed community",
            kwargs={**PRIVATE, "pk": "{w.private_member_membership.pk}"},
            get=POST_ONLY_GET_HIDDEN,
            post=coordinators_only(PRIVATE_MANAGE),
            data={"in_rotation": "0"},
        ),
        Case(
            "membership of another community",
            kwargs={**PRIVATE, "pk": "{w.public_coordinator_membership.pk}"},
            get=POST_ONLY_GET_HIDDEN,
            post=coordinators_only(NOT_FOUND),
            data={"in_rotation": "0"},
        ),
    ],
    "membership_remove": [
        Case(
            "member of the managed community",
            kwargs={**PRIVATE, "pk": "{w.private_member_membership.pk}"},
            # A confirmation page, then the removal.
            get=coordinators_only(OK),
            post=coordinators_only(PRIVATE_MANAGE),
            data={"reason": "Zieht um."},
        ),
        Case(
            "membership of another community",
            kwargs={**PRIVATE, "pk": "{w.public_coordinator_membership.pk}"},
            get=coordinators_only(NOT_FOUND),
            post=coordinators_only(NOT_FOUND),
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


def extend_world(world):
    world.private_member_membership = Membership.objects.get(community=world.private, user=world.member)
    world.public_invitation = Invitation.objects.create(
        community=world.public,
        email="anderswo@example.org",
        token_hash="0" * 64,
        invited_by=world.public_coordinator_membership.user,
        expires_at=timezone.now() + timedelta(days=30),
    )
