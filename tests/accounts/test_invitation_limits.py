"""Invitations are limited per coordinator and per invited address, and carry a one-line name."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from members.models import Community, Invitation, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(
        name="Personalentwicklung",
        slug="personalentwicklung",
        visibility=Community.Visibility.INTERNAL,
        join_policy=Community.JoinPolicy.INVITATION,
    )


def coordinator_of(community, **kwargs):
    coordinator = UserFactory(**kwargs)
    MembershipFactory(community=community, user=coordinator, role=Membership.Role.COORDINATOR)
    client = Client()
    client.force_login(coordinator)
    return coordinator, client


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    def _invite(client, community, email):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("invitation_create", kwargs={"slug": community.slug}), {"email": email}, follow=True
            )
        assert response.status_code == HTTPStatus.OK
        return [str(message) for message in response.context["messages"]]

    return _invite


def test_a_coordinator_may_send_twenty_invitations_an_hour_and_no_more(community, invite, mailoutbox):
    _, client = coordinator_of(community)
    for number in range(20):
        assert invite(client, community, f"gast{number}@beispiel.de") == [
            f"Eine Einladung wurde an gast{number}@beispiel.de geschickt."
        ]

    refused = invite(client, community, "gast20@beispiel.de")

    assert refused == [
        "Du hast in der letzten Stunde schon 20 Einladungen verschickt. Bitte warte eine Weile, bevor du "
        "weitere verschickst."
    ]
    assert (Invitation.objects.count(), len(mailoutbox)) == (20, 20)
    assert Invitation.objects.filter(email="gast20@beispiel.de").exists() is False


def test_the_limit_is_per_coordinator(community, invite, mailoutbox):
    _, first = coordinator_of(community)
    _, second = coordinator_of(community)
    for number in range(20):
        invite(first, community, f"gast{number}@beispiel.de")

    assert invite(second, community, "gast20@beispiel.de") == [
        "Eine Einladung wurde an gast20@beispiel.de geschickt."
    ]
    assert (Invitation.objects.count(), len(mailoutbox)) == (21, 21)


def test_one_address_gets_at_most_three_invitations_a_day(community, invite, mailoutbox):
    other = CommunityFactory(join_policy=Community.JoinPolicy.INVITATION)
    _, first = coordinator_of(community)
    _, second = coordinator_of(other)
    invite(first, community, "gast@beispiel.de")
    invite(first, community, "Gast@Beispiel.de")
    invite(second, other, "gast@beispiel.de")

    refused = invite(second, other, "GAST@beispiel.de ")

    assert refused == [
        "An diese Adresse gingen heute schon 3 Einladungen. Bitte versuche es morgen noch einmal."
    ]
    assert (Invitation.objects.count(), len(mailoutbox)) == (3, 3)


def test_a_refused_invitation_to_a_member_does_not_count(community, invite, mailoutbox):
    _, client = coordinator_of(community)
    member = UserFactory(email="erika@kassel.de")
    MembershipFactory(community=community, user=member)
    for _attempt in range(4):
        assert invite(client, community, "erika@kassel.de") == ["Diese Person ist bereits Mitglied."]
    Membership.objects.filter(user=member).update(status=Membership.Status.LEFT)

    assert invite(client, community, "erika@kassel.de") == [
        "Eine Einladung wurde an erika@kassel.de geschickt."
    ]
    assert len(mailoutbox) == 1


def test_the_invitation_mail_names_the_inviter_on_one_short_line(community, invite, mailoutbox):
    # Names set without the form's check (the admin, a shell, an import) may hold anything.
    _, client = coordinator_of(
        community,
        first_name="Erika\r\n\r\nBitte melde dich hier an: https://evil.example\u2028",
        last_name="Mustermann" + "x" * 130,  # within the 150 characters the column holds
    )

    invite(client, community, "gast@beispiel.de")

    [mail] = mailoutbox
    first_lines = mail.body.splitlines()[:3]
    expected_name = "Erika Bitte melde dich hier an: https://evil.example Mustermann" + "x" * 16 + "…"
    assert len(expected_name) == 80
    assert first_lines == [
        "Hallo,",
        "",
        f"{expected_name} lädt dich in die Community „Personalentwicklung“ ein.",
    ]
