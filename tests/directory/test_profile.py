"""Profile pages at /members/<id>/: who may open them, contact data, communities shown."""

from http import HTTPStatus

import pytest

from members.models import Community, Membership

from ..factories import CommunityFactory, MembershipFactory


def profile(client, member):
    return client.get(f"/members/{member.pk}/")


@pytest.mark.django_db
class TestProfileVisibility:
    def test_shows_name_organisation_job_department_expertise_and_bio(self, viewer_client, erika):
        response = profile(viewer_client, erika)
        content = response.content.decode()
        assert (response.status_code, response.context["member"]) == (HTTPStatus.OK, erika)
        assert '<h1 class="h2 mb-1">Erika Mustermann</h1>' in content
        assert '<a href="/organisations/kassel/">Stadt Kassel</a>' in content
        assert "Personalentwicklerin" in content
        assert "Personal und Organisation" in content
        assert 'href="/members/?expertise=E-Learning"' in content
        assert "<p>Ich arbeite seit <strong>zehn Jahren</strong> hier.</p>" in content

    def test_bio_is_sanitised(self, viewer_client, erika):
        erika.bio = "Hallo <script>alert(1)</script> [Link](javascript:alert(1))"
        erika.save()
        content = profile(viewer_client, erika).content.decode()
        assert "<script>alert(1)</script>" not in content
        assert "javascript:" not in content

    def test_unknown_member_is_404(self, viewer_client):
        assert viewer_client.get("/members/999999/").status_code == HTTPStatus.NOT_FOUND

    def test_unlisted_member_is_404_for_others(self, viewer_client, erika):
        erika.is_listed = False
        erika.save()
        assert profile(viewer_client, erika).status_code == HTTPStatus.NOT_FOUND

    def test_inactive_member_is_404(self, viewer_client, erika):
        erika.is_active = False
        erika.save()
        assert profile(viewer_client, erika).status_code == HTTPStatus.NOT_FOUND

    def test_unlisted_member_sees_their_own_profile(self, client, erika):
        erika.is_listed = False
        erika.save()
        client.force_login(erika)
        response = profile(client, erika)
        assert (response.status_code, response.context["member"], response.context["is_me"]) == (
            HTTPStatus.OK,
            erika,
            True,
        )


@pytest.mark.django_db
class TestContactData:
    def test_email_and_phone_are_hidden_by_default(self, viewer_client, erika):
        assert (erika.show_email, erika.show_phone) == (False, False)
        content = profile(viewer_client, erika).content.decode()
        assert ("erika@kassel.de" in content, "+49 561 787-1000" in content) == (False, False)

    def test_email_is_shown_when_chosen(self, viewer_client, erika):
        erika.show_email = True
        erika.save()
        content = profile(viewer_client, erika).content.decode()
        assert ("erika@kassel.de" in content, "+49 561 787-1000" in content) == (True, False)
        assert '<a href="mailto:erika@kassel.de">erika@kassel.de</a>' in content

    def test_phone_is_shown_when_chosen(self, viewer_client, erika):
        erika.show_phone = True
        erika.save()
        content = profile(viewer_client, erika).content.decode()
        assert ("erika@kassel.de" in content, "+49 561 787-1000" in content) == (False, True)

    def test_even_the_owner_sees_only_what_others_see(self, client, erika):
        client.force_login(erika)
        content = profile(client, erika).content.decode()
        assert "+49 561 787-1000" not in content


@pytest.mark.django_db
class TestCommunitiesOnProfile:
    @pytest.fixture
    def communities(self, erika):
        public = CommunityFactory(name="Personalentwicklung", slug="pe")
        private = CommunityFactory(
            name="Working Out Loud",
            slug="wol",
            visibility=Community.Visibility.SECRET,
            join_policy=Community.JoinPolicy.INVITATION,
        )
        former = CommunityFactory(name="Konfliktmanagement", slug="km")
        pending = CommunityFactory(name="Digitales Lernen", slug="dl")
        MembershipFactory(community=public, user=erika, role=Membership.Role.COORDINATOR)
        MembershipFactory(community=private, user=erika)
        MembershipFactory(community=former, user=erika, status=Membership.Status.LEFT)
        MembershipFactory(community=pending, user=erika, status=Membership.Status.PENDING)
        return public, private

    def shown(self, client, erika):
        return [m.community.name for m in profile(client, erika).context["memberships"]]

    def test_shows_active_public_communities_to_an_outsider(self, viewer_client, erika, communities):
        assert self.shown(viewer_client, erika) == ["Personalentwicklung"]

    def test_shows_internal_communities_to_every_signed_in_viewer(self, viewer_client, erika, communities):
        internal = CommunityFactory(
            name="Agiles Arbeiten", slug="agil", visibility=Community.Visibility.INTERNAL
        )
        MembershipFactory(community=internal, user=erika)
        assert self.shown(viewer_client, erika) == ["Agiles Arbeiten", "Personalentwicklung"]

    def test_shows_secret_community_to_its_members(self, viewer_client, viewer, erika, communities):
        MembershipFactory(community=communities[1], user=viewer)
        assert self.shown(viewer_client, erika) == ["Personalentwicklung", "Working Out Loud"]

    def test_secret_community_name_never_reaches_an_outsider(self, viewer_client, erika, communities):
        assert "Working Out Loud" not in profile(viewer_client, erika).content.decode()
