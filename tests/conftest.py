import pytest
from django.core.cache import cache

from members.models import Community, Membership

from .factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _german_and_fresh_mailbox(settings, mailoutbox):
    settings.LANGUAGE_CODE = "de"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and used one-time codes live in the cache: no test inherits another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user_factory(db):
    return UserFactory


@pytest.fixture
def community_factory(db):
    return CommunityFactory


@pytest.fixture
def membership_factory(db):
    return MembershipFactory


@pytest.fixture
def organisation_factory(db):
    return OrganisationFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def public_community(db):
    return CommunityFactory(visibility=Community.Visibility.PUBLIC)


@pytest.fixture
def private_community(db):
    return CommunityFactory(
        visibility=Community.Visibility.INTERNAL, name="Geheimer Kreis", slug="geheimer-kreis"
    )


@pytest.fixture
def secret_community(db):
    return CommunityFactory(
        visibility=Community.Visibility.SECRET,
        join_policy=Community.JoinPolicy.INVITATION,
        name="Verschwiegene Runde",
        slug="verschwiegene-runde",
    )


@pytest.fixture
def auth_client(client):
    """A client signed in as the given user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def member_of(db):
    def _member(community, role=Membership.Role.MEMBER, **kwargs):
        return MembershipFactory(community=community, role=role, **kwargs).user

    return _member
