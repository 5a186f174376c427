"""A coordinator turns a topic into a child community; the topic's voters are invited."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from members.models import Community, Invitation, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from topics import services
from topics.models import Topic, TopicStatus

from .factories import TopicFactory, VoteFactory

pytestmark = pytest.mark.django_db

BASE_URL = "https://cop.example.org"


@pytest.fixture
def parent():
    return CommunityFactory(
        name="Personalentwicklung",
        slug="pe",
        visibility=Community.Visibility.INTERNAL,
        join_policy=Community.JoinPolicy.APPROVAL,
        cadence_months=2,
        meeting_start_time=datetime.time(14, 0),
        votes_per_member=5,
        video_url="https://video.example.org/pe",
        max_members=12,
    )


@pytest.fixture
def coordinator(parent):
    return MembershipFactory(community=parent, role=Membership.Role.COORDINATOR).user


@pytest.fixture
def topic(parent):
    return TopicFactory(community=parent, title="Working Out Loud", description="Zwölf Wochen in Circles.")


def spin_off(topic, user, slug="working-out-loud"):
    return services.topic_spin_off(
        topic=topic,
        user=user,
        name="Working Out Loud",
        slug=slug,
        description="WOL-Circles",
        base_url=BASE_URL,
    )


def test_a_coordinator_spins_a_topic_off_and_the_voters_are_invited(parent, coordinator, topic, mailoutbox):
    voters = [
        MembershipFactory(community=parent, user=UserFactory(email=f"v{i}@kassel.de")).user for i in range(2)
    ]
    for voter in [*voters, coordinator]:
        VoteFactory(topic=topic, user=voter)
    child = spin_off(topic, coordinator)
    stored = Community.objects.values(
        "name",
        "slug",
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
        "slug": "working-out-loud",
        "description": "WOL-Circles",
        "parent": parent.pk,
        "origin_topic": topic.pk,
        "visibility": Community.Visibility.INTERNAL,
        "join_policy": Community.JoinPolicy.APPROVAL,
        "cadence_months": 2,
        "meeting_start_time": datetime.time(14, 0),
        "votes_per_member": 5,
        "video_url": "",
        "max_members": None,
    }
    assert list(Membership.objects.filter(community=child).values_list("user", "role", "status")) == [
        (coordinator.pk, Membership.Role.COORDINATOR, Membership.Status.ACTIVE)
    ]
    assert sorted(Invitation.objects.filter(community=child).values_list("email", flat=True)) == [
        "v0@kassel.de",
        "v1@kassel.de",
    ]
    assert Topic.objects.get(pk=topic.pk).status == TopicStatus.SPUN_OFF


def test_spinning_off_twice_or_onto_a_taken_slug_is_refused_and_nothing_is_created(
    parent, coordinator, topic
):
    CommunityFactory(slug="schon-da")
    with pytest.raises(ValidationError) as refused:
        spin_off(topic, coordinator, slug="schon-da")
    assert refused.value.messages == [
        "Der Kurzname „schon-da“ ist schon vergeben; bitte wähle einen anderen."
    ]
    assert (Community.objects.count(), Topic.objects.get(pk=topic.pk).status) == (2, TopicStatus.OPEN)
    spin_off(topic, coordinator)
    with pytest.raises(ValidationError) as refused:
        spin_off(topic, coordinator, slug="noch-einer")
    assert refused.value.messages == ["Dieses Thema ist schon ausgegründet."]
    assert Community.objects.filter(parent=parent).count() == 1


def test_a_plain_member_cannot_spin_off(parent, topic):
    member = MembershipFactory(community=parent).user
    with pytest.raises(ValidationError) as refused:
        spin_off(topic, member)
    assert refused.value.messages == ["Nur Koordinator:innen der Community können einen Ableger gründen."]
    assert Community.objects.count() == 1


def test_the_spin_off_page_prefills_from_the_topic_and_founds_the_child(client, parent, coordinator, topic):
    client.force_login(coordinator)
    page = client.get(f"/topics/{topic.pk}/spin-off/")
    assert page.context["form"].initial == {
        "name": "Working Out Loud",
        "slug": "working-out-loud",
        "description": "Zwölf Wochen in Circles.",
    }
    response = client.post(
        f"/topics/{topic.pk}/spin-off/",
        {"name": "Working Out Loud", "slug": "wol", "description": ""},
        follow=True,
    )
    assert response.redirect_chain == [("/communities/wol/", HTTPStatus.FOUND)]
    topic_page = client.get(f"/topics/{topic.pk}/")
    assert [c.slug for c in topic_page.context["spin_offs"]] == ["wol"]
    assert client.get("/communities/wol/").context["community"].parent == parent


def test_a_bad_slug_gets_the_form_back_and_a_member_gets_403(client, parent, coordinator, topic):
    client.force_login(coordinator)
    response = client.post(f"/topics/{topic.pk}/spin-off/", {"name": "WOL", "slug": "Mit Leerzeichen"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    client.force_login(MembershipFactory(community=parent).user)
    assert client.get(f"/topics/{topic.pk}/spin-off/").status_code == HTTPStatus.FORBIDDEN
    assert Community.objects.count() == 1


def test_an_invited_voter_follows_the_link_and_joins_the_spin_off(
    client, parent, coordinator, topic, mailoutbox, django_capture_on_commit_callbacks
):
    voter = MembershipFactory(community=parent, user=UserFactory(email="wol-fan@kassel.de")).user
    VoteFactory(topic=topic, user=voter)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/topics/{topic.pk}/spin-off/", {"name": "Working Out Loud", "slug": "wol"})
    (mail,) = mailoutbox
    link = next(line for line in mail.body.splitlines() if "/invitations/" in line)
    assert (mail.to, link.startswith("http://testserver/invitations/")) == (["wol-fan@kassel.de"], True)
    client.force_login(voter)
    response = client.post(link.removeprefix("http://testserver"), follow=True)
    assert response.redirect_chain == [("/communities/wol/", HTTPStatus.FOUND)]
    assert Membership.objects.get(community__slug="wol", user=voter).status == Membership.Status.ACTIVE


def test_the_invitation_says_it_is_a_spin_off_of_the_parent_about_the_topic(
    parent, coordinator, topic, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator.first_name, coordinator.last_name = "Clara", "Koordinatorin"
    coordinator.save()
    VoteFactory(topic=topic, user=MembershipFactory(community=parent, user__email="wol@kassel.de").user)

    with django_capture_on_commit_callbacks(execute=True):
        services.topic_spin_off(
            topic=topic, user=coordinator, name="WOL-Circle", slug="wol", description="", base_url=BASE_URL
        )

    (mail,) = mailoutbox
    assert mail.subject == "Einladung zu WOL-Circle, einem Ableger von Personalentwicklung"
    body = mail.body.splitlines()
    assert body[:6] == [
        "Hallo,",
        "",
        "Clara Koordinatorin lädt dich in die Community „WOL-Circle“ ein.",
        "„WOL-Circle“ ist ein Ableger von „Personalentwicklung“ zum Thema „Working Out Loud“.",
        "",
        "Hier kannst du die Einladung annehmen (der Link ist 30 Tage gültig):",
    ]
    assert body[6].startswith(f"{BASE_URL}/invitations/")
