"""Every coordinator page answers the same way (cop.guards): 403 with the "access denied" page for
someone who may see the community (or, on the meetings' pages, its meetings) but does not manage
it, 404 for someone who may not know of it, and nothing changes either way."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from meetings.models import Meeting
from members.models import Community, Invitation, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def coordinator_pages(community, meeting, membership):
    base = f"/communities/{community.slug}"
    invitation = Invitation.objects.create(
        community=community,
        email="gast@example.org",
        token_hash="1" * 64,
        expires_at=timezone.now() + timedelta(days=30),
    )
    return [
        ("get", f"{base}/manage/"),
        ("post", f"{base}/manage/invite/"),
        ("post", f"{base}/manage/capacity/"),
        ("get", f"{base}/manage/settings/"),
        ("post", f"{base}/manage/settings/"),
        ("get", f"{base}/manage/invitations/"),
        ("post", f"{base}/manage/invitations/{invitation.pk}/resend/"),
        ("post", f"{base}/manage/invitations/{invitation.pk}/revoke/"),
        ("post", f"{base}/manage/requests/{membership.pk}/"),
        ("post", f"{base}/manage/members/{membership.pk}/role/"),
        ("post", f"{base}/manage/members/{membership.pk}/rotation/"),
        ("get", f"{base}/manage/members/{membership.pk}/remove/"),
        ("post", f"{base}/manage/members/{membership.pk}/remove/"),
        ("post", f"{base}/meetings/plan/"),
        ("get", f"{base}/cadence/"),
        ("post", f"{base}/cadence/"),
        ("get", f"/meetings/{meeting.pk}/cancel/"),
        ("post", f"/meetings/{meeting.pk}/cancel/"),
    ]


def stored(community):
    return (
        sorted(
            Membership.objects.filter(community=community).values_list(
                "user_id", "role", "status", "in_rotation"
            )
        ),
        sorted(Meeting.objects.filter(community=community).values_list("pk", "status", "sequence")),
        Community.objects.filter(pk=community.pk).values_list("cadence_months", "max_members", "name").get(),
        sorted(Invitation.objects.filter(community=community).values_list("token_hash", "revoked_at")),
    )


@pytest.mark.parametrize(
    ("visibility", "who"),
    [
        (Community.Visibility.PUBLIC, "member"),
        (Community.Visibility.PUBLIC, "stranger"),
        (Community.Visibility.INTERNAL, "member"),
    ],
)
def test_who_may_see_the_community_but_not_manage_it_gets_403_everywhere(client, visibility, who):
    community = CommunityFactory(visibility=visibility)
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    member = MembershipFactory(community=community)
    meeting = MeetingFactory(community=community)
    client.force_login(member.user if who == "member" else UserFactory())
    pages = coordinator_pages(community, meeting, member)
    before = stored(community)

    answers = {(method, url): getattr(client, method)(url) for method, url in pages}

    assert {key: response.status_code for key, response in answers.items()} == dict.fromkeys(
        pages, HTTPStatus.FORBIDDEN
    )
    assert all("Zugriff verweigert" in response.content.decode() for response in answers.values())
    assert stored(community) == before


def test_an_outsider_of_an_internal_community_gets_403_on_its_pages_and_404_on_its_meetings(client):
    community = CommunityFactory(visibility=Community.Visibility.INTERNAL)
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    member = MembershipFactory(community=community)
    meeting = MeetingFactory(community=community)
    client.force_login(UserFactory())
    pages = coordinator_pages(community, meeting, member)
    before = stored(community)

    statuses = {(method, url): getattr(client, method)(url).status_code for method, url in pages}

    assert statuses == {
        (method, url): HTTPStatus.FORBIDDEN if "/manage/" in url else HTTPStatus.NOT_FOUND
        for method, url in pages
    }
    assert stored(community) == before


def test_who_may_not_know_of_the_community_gets_404_everywhere(client):
    community = CommunityFactory(
        visibility=Community.Visibility.SECRET, join_policy=Community.JoinPolicy.INVITATION
    )
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    member = MembershipFactory(community=community)
    meeting = MeetingFactory(community=community)
    client.force_login(UserFactory())
    pages = coordinator_pages(community, meeting, member)
    before = stored(community)

    statuses = {(method, url): getattr(client, method)(url).status_code for method, url in pages}

    assert statuses == dict.fromkeys(pages, HTTPStatus.NOT_FOUND)
    assert stored(community) == before
