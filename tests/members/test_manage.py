from http import HTTPStatus

import pytest
from django.utils import timezone

from members.models import Community, Invitation, Membership
from notifications.services import send_due


@pytest.fixture
def approval_community(community_factory):
    return community_factory(join_policy=Community.JoinPolicy.APPROVAL, max_members=2)


@pytest.fixture
def coordinator(approval_community, member_of):
    return member_of(approval_community, role=Membership.Role.COORDINATOR)


def decide_url(community, membership):
    return f"/communities/{community.slug}/manage/requests/{membership.pk}/"


@pytest.mark.django_db
class TestCoordinatorDecisions:
    def test_coordinator_approves_a_request_and_the_member_gets_mail(
        self,
        auth_client,
        approval_community,
        coordinator,
        membership_factory,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        request = membership_factory(
            community=approval_community, status=Membership.Status.PENDING, joined_at=None
        )
        before = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client(coordinator).post(
                decide_url(approval_community, request), {"decision": "approve"}
            )
        assert response.status_code == HTTPStatus.FOUND
        request.refresh_from_db()
        assert (request.status, before <= request.joined_at <= timezone.now()) == (
            Membership.Status.ACTIVE,
            True,
        )
        send_due()  # the notification worker's pass
        assert [mail.to for mail in mailoutbox] == [[request.user.email]]

    def test_approving_when_full_puts_the_request_on_the_waitlist(
        self, auth_client, approval_community, coordinator, member_of, membership_factory
    ):
        member_of(approval_community)  # second of two places taken
        request = membership_factory(
            community=approval_community, status=Membership.Status.PENDING, joined_at=None
        )
        auth_client(coordinator).post(decide_url(approval_community, request), {"decision": "approve"})
        request.refresh_from_db()
        assert request.status == Membership.Status.WAITLISTED

    def test_admitting_from_waitlist_needs_a_free_place(
        self, auth_client, approval_community, coordinator, member_of, membership_factory
    ):
        other = Membership.objects.get(user=member_of(approval_community))
        waiting = membership_factory(
            community=approval_community, status=Membership.Status.WAITLISTED, joined_at=None
        )
        client = auth_client(coordinator)
        client.post(decide_url(approval_community, waiting), {"decision": "approve"})
        waiting.refresh_from_db()
        assert waiting.status == Membership.Status.WAITLISTED

        other.status = Membership.Status.LEFT
        other.save()
        client.post(decide_url(approval_community, waiting), {"decision": "approve"})
        waiting.refresh_from_db()
        assert waiting.status == Membership.Status.ACTIVE

    def test_coordinator_declines_a_request(
        self, auth_client, approval_community, coordinator, membership_factory
    ):
        request = membership_factory(
            community=approval_community, status=Membership.Status.PENDING, joined_at=None
        )
        auth_client(coordinator).post(decide_url(approval_community, request), {"decision": "decline"})
        request.refresh_from_db()
        assert request.status == Membership.Status.LEFT

    def test_unknown_decision_changes_nothing(
        self, auth_client, approval_community, coordinator, membership_factory
    ):
        request = membership_factory(
            community=approval_community, status=Membership.Status.PENDING, joined_at=None
        )
        response = auth_client(coordinator).post(
            decide_url(approval_community, request), {"decision": "x" * 5000}
        )
        assert response.status_code == HTTPStatus.FOUND
        request.refresh_from_db()
        assert request.status == Membership.Status.PENDING

    def test_plain_member_cannot_decide(self, auth_client, approval_community, member_of, membership_factory):
        member = member_of(approval_community)
        request = membership_factory(
            community=approval_community, status=Membership.Status.PENDING, joined_at=None
        )
        response = auth_client(member).post(decide_url(approval_community, request), {"decision": "approve"})
        assert response.status_code == HTTPStatus.FORBIDDEN
        request.refresh_from_db()
        assert request.status == Membership.Status.PENDING

    def test_tampered_membership_id_of_another_community_is_404(
        self, auth_client, approval_community, coordinator, membership_factory
    ):
        foreign = membership_factory(status=Membership.Status.PENDING, joined_at=None)
        response = auth_client(coordinator).post(
            decide_url(approval_community, foreign), {"decision": "approve"}
        )
        assert response.status_code == HTTPStatus.NOT_FOUND
        foreign.refresh_from_db()
        assert foreign.status == Membership.Status.PENDING

    def test_manage_page_lists_waiting_people_in_order(
        self, auth_client, approval_community, coordinator, membership_factory
    ):
        pending = membership_factory(
            community=approval_community, status=Membership.Status.PENDING, joined_at=None
        )
        waiting = membership_factory(
            community=approval_community, status=Membership.Status.WAITLISTED, joined_at=None
        )
        response = auth_client(coordinator).get(f"/communities/{approval_community.slug}/manage/")
        assert response.status_code == HTTPStatus.OK
        assert (response.context["requests"], response.context["waitlist"]) == ([pending], [waiting])


@pytest.mark.django_db
class TestInvitations:
    def test_coordinator_invites_by_email_and_only_a_hash_is_stored(
        self, auth_client, approval_community, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client(coordinator).post(
                f"/communities/{approval_community.slug}/manage/invite/", {"email": "Gast@Beispiel.example"}
            )
        assert response.status_code == HTTPStatus.FOUND
        invitation = Invitation.objects.get()
        assert (invitation.email, invitation.community, invitation.invited_by) == (
            "gast@beispiel.example",
            approval_community,
            coordinator,
        )
        assert [mail.to for mail in mailoutbox] == [["gast@beispiel.example"]]
        link = next(line for line in mailoutbox[0].body.splitlines() if "/invitations/" in line)
        token = link.rstrip("/").rsplit("/", 1)[-1]
        assert invitation.token_hash != token and len(token) >= 40

    def test_invalid_email_re_renders_the_form_with_the_input(
        self, auth_client, approval_community, coordinator
    ):
        response = auth_client(coordinator).post(
            f"/communities/{approval_community.slug}/manage/invite/", {"email": "kein-at-zeichen"}
        )
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.context["invitation_form"].data["email"] == "kein-at-zeichen"
        assert Invitation.objects.count() == 0

    def test_unknown_invitation_token_is_404(self, client, db):
        response = client.get("/invitations/not-a-real-token/")
        assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.django_db
class TestLeaving:
    def test_member_leaves_and_sees_the_community_list_of_a_secret_community(
        self, auth_client, secret_community, member_of
    ):
        member_of(secret_community, role=Membership.Role.COORDINATOR)
        member = member_of(secret_community)
        response = auth_client(member).post(f"/communities/{secret_community.slug}/leave/")
        assert (response.status_code, response.url) == (HTTPStatus.FOUND, "/communities/")
        assert Membership.objects.get(user=member).status == Membership.Status.LEFT

    def test_member_who_leaves_an_internal_community_still_sees_its_page(
        self, auth_client, private_community, member_of
    ):
        member_of(private_community, role=Membership.Role.COORDINATOR)
        member = member_of(private_community)
        response = auth_client(member).post(f"/communities/{private_community.slug}/leave/")
        assert (response.status_code, response.url) == (
            HTTPStatus.FOUND,
            f"/communities/{private_community.slug}/",
        )
        assert Membership.objects.get(user=member).status == Membership.Status.LEFT

    def test_pending_requester_withdraws_from_the_dashboard(self, auth_client, private_community, member_of):
        private_community.join_policy = Community.JoinPolicy.APPROVAL
        private_community.save()
        requester = member_of(private_community, status=Membership.Status.PENDING, joined_at=None)
        client = auth_client(requester)
        dashboard = client.get("/").content.decode()
        assert f'action="/communities/{private_community.slug}/leave/"' in dashboard
        assert private_community.name in dashboard
        response = client.post(f"/communities/{private_community.slug}/leave/", {"next": "home"})
        assert (response.status_code, response.url) == (HTTPStatus.FOUND, "/")
        assert Membership.objects.get(user=requester).status == Membership.Status.LEFT
        page = client.get("/").content.decode()
        assert "Deine Anfrage an Geheimer Kreis wurde zurückgezogen." in page
        assert f'action="/communities/{private_community.slug}/leave/"' not in page

    def test_overlong_join_message_is_refused_and_nothing_is_stored(
        self, auth_client, community_factory, user
    ):
        community = community_factory(join_policy=Community.JoinPolicy.APPROVAL)
        response = auth_client(user).post(
            f"/communities/{community.slug}/join/", {"message": "x" * 2001}, follow=True
        )
        assert response.redirect_chain == [(f"/communities/{community.slug}/", HTTPStatus.FOUND)]
        assert [str(message) for message in response.context["messages"]] == [
            "Deine Nachricht ist zu lang (höchstens 2000 Zeichen)."
        ]
        assert Membership.objects.count() == 0
