"""Forms meet the constraints through the model's validation: a message, never a database error."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from members.models import Membership
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def messages_of(row):
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        row.full_clean()
    return refused.value.message_dict


def test_an_organisation_that_belongs_to_itself():
    organisation = OrganisationFactory()
    organisation.parent = organisation

    assert messages_of(organisation) == {"__all__": ["Eine Organisation kann nicht zu sich selbst gehören."]}


def test_a_community_that_is_its_own_spin_off():
    community = CommunityFactory()
    community.parent = community

    assert messages_of(community) == {"__all__": ["Eine Community kann nicht ihr eigener Ableger sein."]}


def test_an_active_membership_without_a_join_date():
    membership = MembershipFactory.build(
        community=CommunityFactory(),
        user=MembershipFactory().user,
        status=Membership.Status.ACTIVE,
        joined_at=None,
    )

    assert messages_of(membership) == {
        "__all__": ["Eine aktive Mitgliedschaft braucht das Datum des Beitritts."]
    }


def test_an_accepted_facilitation_without_a_facilitator():
    meeting = MeetingFactory(facilitator=None)
    meeting.facilitator_confirmed = True

    assert messages_of(meeting) == {
        "__all__": ["Die Moderation kann nur zugesagt sein, wenn das Treffen eine:n Moderator:in hat."]
    }
