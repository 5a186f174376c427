from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from members import services
from members.models import Community, Membership


@pytest.mark.django_db
class TestMembershipJoin:
    def test_open_community_makes_an_active_member(self, public_community, user):
        before = timezone.now()
        membership = services.membership_join(community=public_community, user=user)
        membership.refresh_from_db()
        assert (membership.status, membership.role, before <= membership.joined_at <= timezone.now()) == (
            Membership.Status.ACTIVE,
            Membership.Role.MEMBER,
            True,
        )

    def test_approval_community_makes_a_pending_request(self, community_factory, user):
        community = community_factory(join_policy=Community.JoinPolicy.APPROVAL)
        membership = services.membership_join(community=community, user=user, message="Ich bin neu.")
        assert (membership.status, membership.message, membership.joined_at) == (
            Membership.Status.PENDING,
            "Ich bin neu.",
            None,
        )

    def test_full_community_puts_joiner_on_the_waitlist(self, community_factory, member_of, user):
        community = community_factory(max_members=1)
        member_of(community)
        membership = services.membership_join(community=community, user=user)
        assert membership.status == Membership.Status.WAITLISTED

    def test_joining_twice_is_refused_and_keeps_the_membership(self, public_community, user):
        first = services.membership_join(community=public_community, user=user)
        with pytest.raises(ValidationError) as error:
            services.membership_join(community=public_community, user=user)
        assert error.value.messages == [
            "Du bist bereits Mitglied dieser Community oder hast den Beitritt schon angefragt."
        ]
        assert list(Membership.objects.values_list("pk", "status")) == [(first.pk, Membership.Status.ACTIVE)]

    def test_invitation_only_community_refuses_a_plain_join(self, community_factory, user):
        community = community_factory(join_policy=Community.JoinPolicy.INVITATION)
        with pytest.raises(ValidationError) as error:
            services.membership_join(community=community, user=user)
        assert error.value.messages == ["Diese Community nimmt neue Mitglieder nur mit Einladung auf."]
        assert Membership.objects.count() == 0

    def test_rejoining_after_leaving_reuses_the_membership(self, public_community, user):
        first = services.membership_join(community=public_community, user=user)
        services.membership_leave(membership=first)
        again = services.membership_join(community=public_community, user=user)
        assert (again.pk, again.status) == (first.pk, Membership.Status.ACTIVE)

    def test_only_coordinator_cannot_leave(self, public_community, member_of):
        coordinator = member_of(public_community, role=Membership.Role.COORDINATOR)
        membership = Membership.objects.get(user=coordinator)
        with pytest.raises(ValidationError) as error:
            services.membership_leave(membership=membership)
        assert error.value.messages == [
            "Außer dir gibt es keine Koordinator:innen. "
            "Bitte übertrage die Koordination an jemand anderen, bevor du austrittst."
        ]
        membership.refresh_from_db()
        assert (membership.status, membership.role) == (Membership.Status.ACTIVE, Membership.Role.COORDINATOR)


@pytest.mark.django_db
class TestJoinViews:
    def test_member_joins_open_community_through_the_page(self, auth_client, public_community, user):
        client = auth_client(user)
        response = client.post(f"/communities/{public_community.slug}/join/", follow=True)
        assert response.status_code == HTTPStatus.OK
        assert Membership.objects.get(user=user).status == Membership.Status.ACTIVE
        assert [str(m) for m in response.context["messages"]] == [f"Willkommen bei {public_community.name}!"]

    def test_non_member_gets_404_for_a_secret_community(self, auth_client, secret_community, user):
        response = auth_client(user).get(f"/communities/{secret_community.slug}/")
        assert response.status_code == HTTPStatus.NOT_FOUND

    def test_signed_in_non_member_sees_an_internal_community_and_may_ask_to_join(
        self, auth_client, private_community, user
    ):
        response = auth_client(user).get(f"/communities/{private_community.slug}/")
        assert (response.status_code, response.context["can_join"]) == (HTTPStatus.OK, True)

    def test_forged_join_of_a_secret_community_answers_404_and_stores_nothing(
        self, auth_client, secret_community, user
    ):
        response = auth_client(user).post(f"/communities/{secret_community.slug}/join/", {"message": "Hallo"})
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert list(Membership.objects.filter(community=secret_community)) == []

    def test_joining_a_secret_community_without_invitation_is_refused_with_a_message(
        self, secret_community, user
    ):
        with pytest.raises(ValidationError) as refused:
            services.membership_join(community=secret_community, user=user)
        assert refused.value.messages == ["Diese Community nimmt neue Mitglieder nur mit Einladung auf."]
        assert list(Membership.objects.filter(community=secret_community)) == []

    def test_a_former_member_of_a_secret_community_gets_404_and_cannot_rejoin(
        self, auth_client, secret_community, member_of
    ):
        former = member_of(secret_community, status=Membership.Status.LEFT)
        client = auth_client(former)
        assert client.get(f"/communities/{secret_community.slug}/").status_code == HTTPStatus.NOT_FOUND
        response = client.post(f"/communities/{secret_community.slug}/join/")
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert Membership.objects.get(user=former).status == Membership.Status.LEFT

    def test_anonymous_gets_404_for_an_internal_community(self, client, private_community):
        assert client.get(f"/communities/{private_community.slug}/").status_code == HTTPStatus.NOT_FOUND

    def test_member_sees_members_only_community(self, auth_client, private_community, member_of):
        member = member_of(private_community)
        response = auth_client(member).get(f"/communities/{private_community.slug}/")
        assert response.status_code == HTTPStatus.OK
        assert response.context["community"] == private_community
