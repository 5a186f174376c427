"""Who is interested in a call for partners is shown to the call's author and to the person, to
nobody else, on any page of the project (network/rules.py)."""

import pytest
from django.test import Client

from network.models import Interest
from tests.factories import UserFactory
from tests.test_url_walk import PROJECT_URLS
from tests.urlwalk import table_modules
from tests.urlwalk.world import build_world

from .test_markers import get_urls

INTERESTED = "MK-NET-INTERESTED"
OTHER = "MK-NET-OTHER"


@pytest.fixture
def world(db):
    world = build_world()
    for module in table_modules():
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    # The world's member wrote the call; the non-member is interested (tests/urlwalk/network.py).
    # Both are unlisted, so the directory does not name them anyway.
    world.non_member.first_name, world.non_member.is_listed = INTERESTED, False
    world.non_member.save()
    other = UserFactory(first_name=OTHER, is_listed=False)
    Interest.objects.create(search=world.partner_search, user=other)
    world.users = {**world.users, "other": other, "staff": UserFactory(is_staff=True)}
    return world


# role -> the markers it may see somewhere
ALLOWED = {
    "visitor": set(),
    "member": {INTERESTED, OTHER},  # the author
    "non_member": {INTERESTED},  # herself
    "other": {OTHER},
    "coordinator": set(),
    "staff": set(),
}


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_interested_names_reach_only_the_author_and_the_person(role, world):
    client = Client()
    if role != "visitor":
        client.force_login(world.users[role])
    pages = {
        url: client.get(url).content.decode()
        for url in get_urls(world, set(PROJECT_URLS) - {"calendar_personal_feed"})
    }
    seen = {marker for marker in (INTERESTED, OTHER) if any(marker in html for html in pages.values())}
    assert seen == ALLOWED[role]
