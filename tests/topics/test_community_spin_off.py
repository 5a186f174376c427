# ruff: noqa: F811 - the shared fixtures are imported by name from test_spin_off
"""A coordinator founds a spin-off straight from the community's page, with the parent's defaults."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from members.models import Community, Invitation, Membership
from tests.factories import MembershipFactory
from topics import services

from .test_spin_off import coordinator, parent  # noqa: F401 - the parent community's fixtures

pytestmark = pytest.mark.django_db


def communities():
    return sorted(Community.objects.values_list("slug", flat=True))


def test_the_community_page_offers_coordinators_the_form(client, parent, coordinator):
    member = MembershipFactory(community=parent).user
    links = {}
    for name, user in (("coordinator", coordinator), ("member", member)):
        client.force_login(user)
        links[name] = 'href="/communities/pe/spin-off/"' in client.get("/communities/pe/").content.decode()
    assert links == {"coordinator": True, "member": False}


def test_a_coordinator_founds_a_spin_off_from_the_page(client, parent, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/communities/pe/spin-off/", {"name": "Working Out Loud", "slug": "wol", "description": "Circles"}
    )
    child = Community.objects.get(slug="wol")
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/communities/wol/")
    stored = Community.objects.values(
        "name",
        "description",
        "parent",
        "origin_topic",
        "visibility",
        "join_policy",
        "cadence_months",
        "meeting_start_time",
        "votes_per_member",
        "video_url",
        "max_members",
    ).get(pk=child.pk)
    assert stored == {
        "name": "Working Out Loud",
        "description": "Circles",
        "parent": parent.pk,
        "origin_topic": None,
        "visibility": "internal",
        "join_policy": "approval",
        "cadence_months": 2,
        "meeting_start_time": datetime.time(14, 0),
        "votes_per_member": 5,
        "video_url": "",
        "max_members": None,
    }
    assert list(Membership.objects.filter(community=child).values_list("user", "role", "status")) == [
        (coordinator.pk, "coordinator", "active")
    ]
    assert Invitation.objects.filter(community=child).count() == 0


def test_a_taken_slug_is_answered_at_the_form_and_nothing_is_founded(client, parent, coordinator):
    client.force_login(coordinator)
    before = communities()
    response = client.post(
        "/communities/pe/spin-off/", {"name": "Neu", "slug": "pe", "description": "Behalten"}
    )
    assert (response.status_code, response.context["form"].non_field_errors()) == (
        HTTPStatus.BAD_REQUEST,
        ["Der Kurzname „pe“ ist schon vergeben; bitte wähle einen anderen."],
    )
    assert ("Behalten" in response.content.decode(), communities()) == (True, before)


def test_an_empty_or_huge_name_is_refused_at_the_form(client, parent, coordinator):
    client.force_login(coordinator)
    before = communities()
    empty = client.post("/communities/pe/spin-off/", {"name": "", "slug": "neu"})
    huge = client.post("/communities/pe/spin-off/", {"name": "x" * 201, "slug": "neu"})
    assert [empty.status_code, huge.status_code, communities()] == [400, 400, before]
    assert huge.context["form"].errors == {
        "name": [
            "Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen besteht. "
            "(Er besteht aus 201 Zeichen.)"
        ]
    }


def test_a_member_is_refused_and_nothing_changes(client, parent):
    member = MembershipFactory(community=parent).user
    client.force_login(member)
    before = communities()
    response = client.post("/communities/pe/spin-off/", {"name": "Neu", "slug": "neu"})
    assert (response.status_code, communities()) == (HTTPStatus.FORBIDDEN, before)
    with pytest.raises(ValidationError) as error:
        services.community_spin_off(parent=parent, user=member, name="Neu", slug="neu", base_url="https://x")
    assert (error.value.messages, communities()) == (
        ["Nur Koordinator:innen der Community können einen Ableger gründen."],
        before,
    )
