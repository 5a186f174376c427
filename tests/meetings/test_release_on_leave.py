"""Leaving a community or deleting the account hands upcoming facilitations on."""

import pytest
from django.utils import timezone

from members import services as member_services
from members.models import Membership
from tests.meetings.factories import MeetingFactory


@pytest.mark.django_db
class TestFacilitationsReleased:
    def test_leaving_member_no_longer_moderates_and_the_next_is_proposed(self, monthly_community, pool_of):
        leaver, successor = pool_of(monthly_community, 2)
        meeting = MeetingFactory(community=monthly_community, facilitator=leaver)
        member_services.membership_leave(membership=Membership.objects.get(user=leaver))
        meeting.refresh_from_db()
        assert (meeting.facilitator, meeting.facilitator_confirmed) == (successor, False)

    def test_deleted_account_no_longer_moderates(self, monthly_community, pool_of):
        deleted, successor = pool_of(monthly_community, 2)
        meeting = MeetingFactory(community=monthly_community, facilitator=deleted)
        member_services.user_delete_account(user=deleted)
        meeting.refresh_from_db()
        assert meeting.facilitator == successor

    def test_meetings_of_other_communities_keep_their_facilitator(
        self, monthly_community, pool_of, community_factory
    ):
        leaver, _successor = pool_of(monthly_community, 2)
        other = community_factory()
        Membership.objects.create(
            community=other, user=leaver, status=Membership.Status.ACTIVE, joined_at=timezone.now()
        )
        elsewhere = MeetingFactory(community=other, facilitator=leaver)
        member_services.membership_leave(
            membership=Membership.objects.get(user=leaver, community=monthly_community)
        )
        elsewhere.refresh_from_db()
        assert elsewhere.facilitator == leaver
