"""The fixture world the URL walk fills URL kwargs from.

Roles are defined with respect to `private`, an internal community (signed-in people see that it
exists, its meetings and people are for members): `member` is an active member, `coordinator` its
coordinator, `non_member` a signed-in user without any membership. `secret` is a secret community
(invitation only) in which only `member` is a member: everyone else, also the coordinator of
`private`, meets 404 there.
Apps add their own objects through `extend_world(world)` in their table module.
"""

import hashlib
from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from members.models import Community, Invitation, Membership
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

INVITATION_TOKEN = "url-walk-invitation-token-0123456789abcdef"


def build_world():
    organisation = OrganisationFactory(name="Stadt Kassel", slug="kassel")
    private = CommunityFactory(
        name="Geheimer Kreis",
        slug="geheimer-kreis",
        visibility=Community.Visibility.INTERNAL,
        join_policy=Community.JoinPolicy.APPROVAL,
    )
    public = CommunityFactory(name="Offene Runde", slug="offene-runde")
    secret = CommunityFactory(
        name="Verschwiegene Runde",
        slug="verschwiegene-runde",
        visibility=Community.Visibility.SECRET,
        join_policy=Community.JoinPolicy.INVITATION,
    )
    member = UserFactory(organisation=organisation)
    coordinator = UserFactory(organisation=organisation)
    non_member = UserFactory()
    unlisted = UserFactory(organisation=organisation, is_listed=False)
    MembershipFactory(community=private, user=member)
    MembershipFactory(community=secret, user=member)
    MembershipFactory(community=private, user=coordinator, role=Membership.Role.COORDINATOR)
    public_coordinator_membership = MembershipFactory(community=public, role=Membership.Role.COORDINATOR)
    pending = MembershipFactory(community=private, status=Membership.Status.PENDING, joined_at=None)
    invitation = Invitation.objects.create(
        community=private,
        email="eingeladen@example.org",
        token_hash=hashlib.sha256(INVITATION_TOKEN.encode()).hexdigest(),
        invited_by=coordinator,
        expires_at=timezone.now() + timedelta(days=30),
    )
    return SimpleNamespace(
        organisation=organisation,
        private=private,
        public=public,
        secret=secret,
        member=member,
        coordinator=coordinator,
        non_member=non_member,
        unlisted=unlisted,
        pending=pending,
        public_coordinator_membership=public_coordinator_membership,
        invitation=invitation,
        invitation_token=INVITATION_TOKEN,
        users={"non_member": non_member, "member": member, "coordinator": coordinator},
    )
