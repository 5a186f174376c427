"""With REDIS_URL set, the cache (rate limits, invitation limits) is Django's own Redis backend.

The tests against a running Redis are skipped without one, except under CI=true, where .ci/run
starts Redis and they must run.
"""

import os
import runpy
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from members import services
from members.models import Community, Invitation, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .conftest import signed_in_user_id
from .html import main

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "cop" / "settings" / "base.py"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def test_redis_url_selects_djangos_redis_backend(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/2")

    caches = runpy.run_path(str(BASE_SETTINGS))["CACHES"]

    assert caches == {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://cache.internal:6379/2",
        }
    }


def test_without_redis_url_the_cache_is_local_memory(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)

    caches = runpy.run_path(str(BASE_SETTINGS))["CACHES"]

    assert caches == {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def redis_cache(settings):
    """The default cache on a running Redis, under a key prefix of its own (nothing else is touched)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        reason = f"No Redis at {REDIS_URL}."
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{reason} CI=true, so the Redis tests must run.")
        pytest.skip(reason)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    from django.core.cache import cache

    yield cache
    cache.delete_many(list(cache._cache.get_client().scan_iter(f"{cache.key_prefix}:*")))


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_address_in_redis(client, redis_cache, account_factory, sign_in):
    erika = account_factory("erika.mustermann@kassel.de")
    for _ in range(5):
        sign_in(erika.email, "falsch")

    response = sign_in(erika.email)

    assert signed_in_user_id(client) is None
    alert = main(response.content).find("div", role="alert")
    assert alert.find("li").text == "Zu viele gescheiterte Anmeldeversuche. Bitte versuche es später erneut."


@pytest.mark.django_db
def test_the_invitation_limit_per_address_counts_in_redis(redis_cache, mailoutbox):
    community = CommunityFactory(join_policy=Community.JoinPolicy.INVITATION)
    coordinator = UserFactory()
    MembershipFactory(community=community, user=coordinator, role=Membership.Role.COORDINATOR)
    for _ in range(3):
        services.invitation_send(
            community=community,
            email="gast@beispiel.de",
            invited_by=coordinator,
            base_url="http://testserver",
        )

    with pytest.raises(ValidationError) as refused:
        services.invitation_send(
            community=community,
            email="gast@beispiel.de",
            invited_by=coordinator,
            base_url="http://testserver",
        )

    assert refused.value.messages == [
        "An diese Adresse gingen heute schon 3 Einladungen. Bitte versuche es morgen noch einmal."
    ]
    assert Invitation.objects.filter(email="gast@beispiel.de").count() == 3
