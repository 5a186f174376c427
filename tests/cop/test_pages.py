from http import HTTPStatus

import pytest

from cop.markdown import render_markdown
from cop.models import LegalPage
from members.models import Community, Membership


@pytest.mark.django_db
class TestLanding:
    def test_visitor_sees_public_cops_but_not_members_only_ones(
        self, client, public_community, private_community, community_factory
    ):
        spin_off = community_factory(parent=public_community)
        response = client.get("/")
        assert response.status_code == HTTPStatus.OK
        assert response.templates[0].name == "cop/landing.html"
        assert list(response.context["communities"]) == [public_community]
        assert spin_off.name not in response.content.decode()

    def test_signed_in_member_sees_dashboard_with_own_communities(
        self, auth_client, public_community, private_community, member_of, community_factory
    ):
        member = member_of(private_community)
        Membership.objects.create(
            community=public_community, user=member, status=Membership.Status.WAITLISTED
        )
        community_factory(name="Fremde Community")
        response = auth_client(member).get("/")
        assert response.templates[0].name == "cop/dashboard.html"
        assert [(m.community, m.status) for m in response.context["memberships"]] == [
            (private_community, Membership.Status.ACTIVE),
            (public_community, Membership.Status.WAITLISTED),
        ]

    def test_dashboard_hides_communities_left(self, auth_client, public_community, member_of):
        member = member_of(public_community, status=Membership.Status.LEFT)
        response = auth_client(member).get("/")
        assert list(response.context["memberships"]) == []


@pytest.mark.django_db
class TestCommunityList:
    def test_lists_public_internal_and_own_secret_communities(
        self, auth_client, public_community, private_community, community_factory, member_of, user
    ):
        invitation = Community.JoinPolicy.INVITATION
        secret = community_factory(
            visibility=Community.Visibility.SECRET, join_policy=invitation, name="Mein Kreis"
        )
        hidden = community_factory(
            visibility=Community.Visibility.SECRET, join_policy=invitation, name="Unsichtbar"
        )
        member = member_of(secret)
        response = auth_client(member).get("/communities/")
        listed = {c.pk for c in response.context["communities"]}
        assert listed == {public_community.pk, private_community.pk, secret.pk}
        assert hidden.name not in response.content.decode()

    def test_anonymous_sees_only_public(self, client, public_community, private_community):
        response = client.get("/communities/")
        assert [c.pk for c in response.context["communities"]] == [public_community.pk]


@pytest.mark.django_db
class TestCommunityDetail:
    def test_newest_members_coordinators_and_spin_offs_listed(
        self, client, public_community, member_of, community_factory
    ):
        first = member_of(public_community, role=Membership.Role.COORDINATOR)
        second = member_of(public_community)
        member_of(public_community, status=Membership.Status.PENDING)
        spin_off = community_factory(parent=public_community, name="Working Out Loud")
        client.force_login(second)
        response = client.get(f"/communities/{public_community.slug}/")
        assert [m.user for m in response.context["newest_people"]] == [second, first]
        assert response.context["member_counts"] == {"members": 2, "organisations": 2}
        assert response.context["coordinators"] == [first]
        assert list(response.context["spin_offs"]) == [spin_off]

    def test_description_markdown_is_rendered_and_sanitised(self, client, community_factory):
        community = community_factory(description="**fett** <script>alert(1)</script>")
        html = client.get(f"/communities/{community.slug}/").content.decode()
        assert "<strong>fett</strong>" in html
        assert "<script>alert(1)" not in html

    def test_unknown_slug_is_404_in_the_site_layout(self, client, db):
        response = client.get("/communities/gibt-es-nicht/")
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert "404.html" in [t.name for t in response.templates]


class TestMarkdown:
    def test_scripts_styles_and_javascript_links_are_removed(self):
        html = render_markdown(
            '# Titel\n\n[klick](javascript:alert(1)) <img src="https://tracker.example/x.png"> '
            '<span style="color:red">rot</span>\n\n<script>alert(1)</script>'
        )
        assert "script" not in html
        assert "javascript:" not in html
        assert "<img" not in html
        assert "style=" not in html
        assert "rot" in html

    def test_links_get_safe_rel(self):
        assert render_markdown("[Stadt](https://kassel.example/)") == (
            '<p><a href="https://kassel.example/" rel="noopener noreferrer nofollow">Stadt</a></p>'
        )


@pytest.mark.django_db
class TestLegalPages:
    def test_operator_text_is_shown(self, client):
        LegalPage.objects.create(kind=LegalPage.Kind.IMPRINT, title="Impressum", body="Stadt *Kassel*")
        response = client.get("/legal/imprint/")
        assert response.status_code == HTTPStatus.OK
        assert response.context["page"].title == "Impressum"
        assert "<em>Kassel</em>" in response.content.decode()

    def test_missing_text_still_answers(self, client):
        response = client.get("/legal/accessibility/")
        assert (response.status_code, response.context["page"]) == (HTTPStatus.OK, None)

    def test_unknown_page_is_404(self, client):
        assert client.get("/legal/quatsch/").status_code == HTTPStatus.NOT_FOUND

    def test_every_page_links_the_legal_pages(self, client):
        html = client.get("/communities/").content.decode()
        for path in ("/legal/imprint/", "/legal/privacy/", "/legal/accessibility/"):
            assert f'href="{path}"' in html


@pytest.mark.django_db
def test_responses_carry_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_sign_in_form_may_post_to_the_configured_identity_provider(settings):
    from cop.middleware import content_security_policy

    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {"provider_id": "kassel", "settings": {"server_url": "https://login.kassel.example/realms/x"}}
            ]
        }
    }
    content_security_policy.cache_clear()
    try:
        directives = dict(part.split(" ", 1) for part in content_security_policy().split("; "))
    finally:
        content_security_policy.cache_clear()
    assert directives["form-action"] == "'self' https://login.kassel.example"
    assert directives["script-src"] == "'self'"
