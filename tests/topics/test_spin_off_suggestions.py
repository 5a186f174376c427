""" "Ableger vorschlagen": members suggest a spin-off from a topic; coordinators found or decline it."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from topics import suggestions
from topics.models import SpinOffSuggestion, TopicStatus

from .factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(slug="pe", visibility=Community.Visibility.PUBLIC)


@pytest.fixture
def coordinator(community):
    return MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user


@pytest.fixture
def member(community):
    return MembershipFactory(
        community=community, user=UserFactory(first_name="Mira", last_name="Exempel")
    ).user


@pytest.fixture
def topic(community):
    return TopicFactory(community=community, title="Working Out Loud", description="Circles")


def stored():
    return sorted(SpinOffSuggestion.objects.values_list("suggested_by", "note", "status", "decline_reason"))


def said(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_member_suggests_and_the_topic_page_shows_it_to_members(
    client, community, topic, member, coordinator
):
    client.force_login(member)
    response = client.post(f"/topics/{topic.pk}/suggest-spin-off/", {"note": "Zwölf Wochen"}, follow=True)
    assert said(response) == ["Danke: Die Koordinator:innen gründen den Ableger oder sagen dir, warum nicht."]
    assert stored() == [(member.pk, "Zwölf Wochen", "open", "")]
    client.force_login(coordinator)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert ("Mira Exempel" in page, f'href="/topics/{topic.pk}/spin-off/"' in page) == (True, True)
    client.force_login(UserFactory())  # a signed-in outsider of the public community
    outsider = client.get(topic.get_absolute_url()).content.decode()
    assert ("Zwölf Wochen" in outsider, "Mira Exempel" in outsider) == (False, False)


def test_suggesting_twice_is_refused_with_a_message(client, topic, member):
    client.force_login(member)
    client.post(f"/topics/{topic.pk}/suggest-spin-off/", {"note": "Eins"})
    again = client.post(f"/topics/{topic.pk}/suggest-spin-off/", {"note": "Zwei"}, follow=True)
    assert said(again)[-1] == "Du hast diesen Ableger schon vorgeschlagen."
    assert stored() == [(member.pk, "Eins", "open", "")]


def test_a_huge_note_is_refused_and_nothing_is_stored(client, topic, member):
    client.force_login(member)
    response = client.post(f"/topics/{topic.pk}/suggest-spin-off/", {"note": "x" * 2001}, follow=True)
    assert said(response) == [
        "Bitte sicherstellen, dass der Wert aus höchstens 2000 Zeichen besteht. "
        "(Er besteht aus 2001 Zeichen.)"
    ]
    assert stored() == []


def test_an_outsider_or_a_closed_topic_is_refused(topic, community):
    archived = TopicFactory(community=community, status=TopicStatus.ARCHIVED)
    member = MembershipFactory(community=community).user
    messages = []
    for target, user in ((topic, UserFactory()), (archived, member)):
        with pytest.raises(ValidationError) as error:
            suggestions.suggestion_create(topic=target, user=user)
        messages += error.value.messages
    assert (messages, stored()) == (
        [
            "Nur aktive Mitglieder der Community können einen Ableger vorschlagen.",
            "Aus diesem Thema kann kein Ableger mehr werden.",
        ],
        [],
    )


def test_a_coordinator_declines_with_a_reason_the_suggester_sees(client, topic, member, coordinator):
    suggestion = SpinOffSuggestion.objects.create(topic=topic, suggested_by=member, note="Bitte")
    url = f"/topics/{topic.pk}/suggestions/{suggestion.pk}/decline/"
    client.force_login(coordinator)
    empty = client.post(url, {"reason": "   "})
    assert (empty.status_code, stored()) == (HTTPStatus.BAD_REQUEST, [(member.pk, "Bitte", "open", "")])
    client.post(url, {"reason": "Passt besser in unsere Treffen."})
    twice = client.post(url, {"reason": "Nochmal"})
    assert twice.context["form"].non_field_errors() == ["Über diesen Vorschlag ist schon entschieden."]
    assert stored() == [(member.pk, "Bitte", "declined", "Passt besser in unsere Treffen.")]
    client.force_login(member)
    assert "Passt besser in unsere Treffen." in client.get(topic.get_absolute_url()).content.decode()


def test_a_member_may_not_decline(client, topic, member):
    suggestion = SpinOffSuggestion.objects.create(topic=topic, suggested_by=member)
    client.force_login(member)
    response = client.post(f"/topics/{topic.pk}/suggestions/{suggestion.pk}/decline/", {"reason": "Nein"})
    assert (response.status_code, stored()) == (HTTPStatus.FORBIDDEN, [(member.pk, "", "open", "")])


def test_founding_the_spin_off_fulfils_the_open_suggestions(client, topic, member, coordinator):
    SpinOffSuggestion.objects.create(topic=topic, suggested_by=member, note="Bitte")
    client.force_login(coordinator)
    response = client.post(f"/topics/{topic.pk}/spin-off/", {"name": "Working Out Loud", "slug": "wol"})
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/communities/wol/")
    assert stored() == [(member.pk, "Bitte", "founded", "")]


@pytest.mark.parametrize("count", [1, 6])
def test_the_topic_page_costs_the_same_with_1_and_many_suggestions(
    client, community, topic, coordinator, count, django_assert_num_queries
):
    for _ in range(count):
        SpinOffSuggestion.objects.create(
            topic=topic, suggested_by=MembershipFactory(community=community).user
        )
    client.force_login(coordinator)
    # topic, session, user, membership, topic with counts, votes left, voters, agenda item, suggestions
    with django_assert_num_queries(9):
        response = client.get(topic.get_absolute_url())
    assert len(response.context["suggestions"]) == count
