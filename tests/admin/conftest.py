import datetime

import pytest
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib.auth.models import Group
from django.utils import timezone

from cop.models import LegalPage
from meetings.models import FacilitatorDecline
from members.models import Community, Invitation, Membership, Organisation
from notifications.models import Kind, Notification
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    OrganisationDomainFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.meetings.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from tests.network.factories import InterestFactory
from tests.topics.factories import VoteFactory


@pytest.fixture
def superuser(db):
    return UserFactory(
        email="koordination@musterstadt.de",
        first_name="Sabine",
        last_name="Koordinatorin",
        organisation=None,
        is_staff=True,
        is_superuser=True,
        totp=True,  # the admin needs a second factor
    )


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def one_of_everything(superuser):
    """A row in every table of ours, so that changelists and change pages render real data."""
    kassel = OrganisationFactory(name="Stadt Kassel", slug="kassel")
    OrganisationDomainFactory(organisation=kassel, domain="kassel.de")
    OrganisationFactory(
        name="Städtische Werke Kassel", slug="stw-kassel", kind=Organisation.Kind.COMPANY, parent=kassel
    )
    cop = CommunityFactory(name="Personalentwicklung", slug="personalentwicklung")
    spin_off = CommunityFactory(
        name="Working Out Loud",
        slug="working-out-loud",
        parent=cop,
        visibility=Community.Visibility.INTERNAL,
    )
    member = UserFactory(email="erika@kassel.de", first_name="Erika", organisation=kassel)
    MembershipFactory(community=cop, user=member, role=Membership.Role.COORDINATOR)
    MembershipFactory(community=spin_off, user=member)
    Invitation.objects.create(
        community=cop,
        email="neu@example.org",
        token_hash="a" * 64,
        invited_by=member,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    LegalPage.objects.create(kind=LegalPage.Kind.IMPRINT, title="Impressum", body="Stadt Kassel")
    # Rows for the registered models of Django and allauth, so that their change pages render too.
    Group.objects.create(name="Redaktion")
    app = SocialApp.objects.create(provider="openid_connect", provider_id="kassel", name="Kassel-Login")
    account = SocialAccount.objects.create(user=member, provider="kassel", uid="erika-1")
    SocialToken.objects.create(app=app, account=account, token="token-123")
    Authenticator.objects.create(user=member, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00"})
    meeting = MeetingFactory(community=cop, facilitator=member, host_organisation=kassel)
    AgendaItemFactory(meeting=meeting, proposed_by=member)
    AttendanceFactory(meeting=meeting, user=member)
    FacilitatorDecline.objects.create(meeting=meeting, user=UserFactory(organisation=kassel))
    VoteFactory(topic__community=cop, topic__proposed_by=member, user=member)
    InterestFactory(
        search__author=member, search__title="Wissensmanagement", user=UserFactory(organisation=kassel)
    )
    Notification.objects.create(
        kind=Kind.FACILITATOR_PROPOSED,
        user=member,
        key=f"meeting:{meeting.pk}",
        context={"meeting": "Treffen"},
    )
    return {"organisation": kassel, "community": cop, "spin_off": spin_off, "member": member}
