"""The admin changes memberships through the members' services and leaves meetings' status and
facilitation to the meeting page: nothing it saves skips the cap or a leaver's hand-over."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def change_data(client, membership, **changes) -> dict:
    """The change form's current values as the browser sends them, with `changes` applied."""
    url = reverse("admin:members_membership_change", args=[membership.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.strftime("%d.%m.%Y"), local.strftime("%H:%M:%S")
        elif name in ("joined_at", "requested_at"):
            data[f"{name}_0"] = data[f"{name}_1"] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def post_change(client, membership, **changes):
    url = reverse("admin:members_membership_change", args=[membership.pk])
    return client.post(url, change_data(client, membership, **changes))


def state(membership):
    membership.refresh_from_db()
    return (membership.status, membership.role, membership.in_rotation)


def errors_of(response) -> list[str]:
    return list(response.context["adminform"].form.non_field_errors())


@pytest.fixture
def community(db):
    return CommunityFactory(name="Personalentwicklung", max_members=3)


@pytest.fixture
def coordinator(community):
    return MembershipFactory(community=community, role=Membership.Role.COORDINATOR)


def test_setting_a_member_to_left_hands_their_upcoming_facilitations_on(
    superuser_client, community, coordinator
):
    leaver = MembershipFactory(community=community)
    meeting = MeetingFactory(community=community, facilitator=leaver.user, facilitator_confirmed=True)
    held = MeetingFactory(
        community=community,
        facilitator=leaver.user,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - datetime.timedelta(days=30),
    )

    response = post_change(superuser_client, leaver, status=Membership.Status.LEFT)

    assert response.status_code == HTTPStatus.FOUND
    assert state(leaver) == (Membership.Status.LEFT, Membership.Role.MEMBER, True)
    meeting.refresh_from_db()
    held.refresh_from_db()
    assert (meeting.facilitator, meeting.facilitator_confirmed) == (coordinator.user, False)
    assert held.facilitator == leaver.user  # history stays


def test_activating_above_the_cap_is_refused_with_a_message_and_nothing_changes(
    superuser_client, community, coordinator
):
    MembershipFactory.create_batch(2, community=community)
    waiting = MembershipFactory(community=community, status=Membership.Status.WAITLISTED, joined_at=None)

    response = post_change(
        superuser_client, waiting, status=Membership.Status.ACTIVE, message="Bitte aufnehmen"
    )

    assert response.status_code == HTTPStatus.OK
    assert errors_of(response) == [
        "Die Community ist voll. Erhöhe die Höchstzahl an Mitgliedern, um weitere Personen aufzunehmen."
    ]
    assert state(waiting) == (Membership.Status.WAITLISTED, Membership.Role.MEMBER, True)
    assert (waiting.message, waiting.joined_at) == ("", None)


def test_activating_a_pending_request_above_the_cap_does_not_waitlist_it_either(
    superuser_client, community, coordinator
):
    MembershipFactory.create_batch(2, community=community)
    pending = MembershipFactory(community=community, status=Membership.Status.PENDING, joined_at=None)

    response = post_change(superuser_client, pending, status=Membership.Status.ACTIVE)

    assert errors_of(response) == [
        "Die Community ist voll. Erhöhe die Höchstzahl an Mitgliedern, um weitere Personen aufzunehmen."
    ]
    assert state(pending) == (Membership.Status.PENDING, Membership.Role.MEMBER, True)


def test_activating_with_a_free_place_admits_the_person(superuser_client, community, coordinator):
    waiting = MembershipFactory(community=community, status=Membership.Status.WAITLISTED, joined_at=None)

    response = post_change(superuser_client, waiting, status=Membership.Status.ACTIVE)

    assert response.status_code == HTTPStatus.FOUND
    assert state(waiting) == (Membership.Status.ACTIVE, Membership.Role.MEMBER, True)
    assert waiting.joined_at is not None


def test_the_only_coordinator_can_neither_leave_nor_be_demoted(superuser_client, community, coordinator):
    left = post_change(superuser_client, coordinator, status=Membership.Status.LEFT)
    demoted = post_change(superuser_client, coordinator, role=Membership.Role.MEMBER)

    name = coordinator.user.display_name
    assert errors_of(left) == [
        f"{name} ist die einzige Koordinator:in dieser Community und kann nicht entfernt werden. "
        "Bitte mache zuerst jemand anderen zur Koordinator:in."
    ]
    assert errors_of(demoted) == [
        f"{name} ist die einzige Koordinator:in dieser Community. Bitte mache zuerst jemand anderen zur "
        "Koordinator:in."
    ]
    assert state(coordinator) == (Membership.Status.ACTIVE, Membership.Role.COORDINATOR, True)


def test_a_status_without_a_step_of_its_own_is_refused(superuser_client, community, coordinator):
    member = MembershipFactory(community=community)

    response = post_change(superuser_client, member, status=Membership.Status.PENDING)

    assert errors_of(response) == ["Eine Mitgliedschaft kann nicht von „Aktiv“ zu „Anfrage offen“ wechseln."]
    assert state(member) == (Membership.Status.ACTIVE, Membership.Role.MEMBER, True)


def test_role_and_rotation_change_through_the_services(superuser_client, community, coordinator):
    member = MembershipFactory(community=community)

    response = post_change(superuser_client, member, role=Membership.Role.COORDINATOR, in_rotation=False)

    assert response.status_code == HTTPStatus.FOUND
    assert state(member) == (Membership.Status.ACTIVE, Membership.Role.COORDINATOR, False)


def test_community_and_person_of_a_membership_cannot_be_changed(superuser_client, community, coordinator):
    member = MembershipFactory(community=community)
    other = CommunityFactory()

    post_change(superuser_client, member, community=other.pk, user=UserFactory().pk)

    member.refresh_from_db()
    assert (member.community, member.status) == (community, Membership.Status.ACTIVE)


def test_a_membership_added_to_a_full_community_waits(superuser_client, community, coordinator):
    MembershipFactory.create_batch(2, community=community)
    person = UserFactory()

    response = superuser_client.post(
        reverse("admin:members_membership_add"),
        {
            "community": community.pk,
            "user": person.pk,
            "role": Membership.Role.MEMBER,
            "in_rotation": "on",
            "requested_at_0": "01.01.2026",
            "requested_at_1": "10:00:00",
            "message": "",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    added = Membership.objects.get(community=community, user=person)
    assert (added.status, added.joined_at) == (Membership.Status.WAITLISTED, None)


def test_the_meeting_admin_shows_status_and_facilitation_read_only(superuser_client):
    community = CommunityFactory(visibility=Community.Visibility.INTERNAL)
    facilitator = MembershipFactory(community=community).user
    meeting = MeetingFactory(community=community, facilitator=facilitator)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])

    form = superuser_client.get(url).context["adminform"].form

    assert {"status", "facilitator", "facilitator_confirmed", "host_organisation"} & set(form.fields) == set()
