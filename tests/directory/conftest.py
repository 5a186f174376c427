import pytest

from members.models import User

from ..factories import OrganisationFactory, UserFactory


@pytest.fixture
def viewer(db):
    """A signed-in member who looks at the directory (listed, like everyone by default)."""
    return UserFactory(first_name="Viktor", last_name="Betrachter", email="viktor@musterstadt.de")


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def erika(db):
    organisation = OrganisationFactory(name="Stadt Kassel", slug="kassel")
    return UserFactory(
        first_name="Erika",
        last_name="Mustermann",
        email="erika@kassel.de",
        organisation=organisation,
        job_title="Personalentwicklerin",
        department="Personal und Organisation",
        expertise="Agiles Arbeiten, E-Learning",
        bio="Ich arbeite seit **zehn Jahren** hier.",
        phone="+49 561 787-1000",
    )


def names(users) -> list[str]:
    return [user.display_name for user in users]


def reload(user) -> User:
    return User.objects.get(pk=user.pk)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache; user ids repeat across tests on SQLite."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
