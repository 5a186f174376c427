"""Only confirmed accounts (a verified e-mail address) appear to others, anywhere.

An unconfirmed sign-up may have typed someone else's address; until the address is confirmed the
account shows up in no list, count, profile or choice of facilitator.
"""

from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress

from meetings.rotation import next_facilitator
from members.models import Membership, User
from tests.meetings.factories import MeetingFactory

from ..factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kassel():
    return OrganisationFactory(name="Stadt Kassel", slug="kassel")


@pytest.fixture
def erika(kassel):
    return UserFactory(
        first_name="Erika", last_name="Mustermann", email="erika@kassel.de", organisation=kassel
    )


@pytest.fixture
def unconfirmed(kassel):
    """Signed up with a Kassel address and never clicked the confirmation link."""
    return UserFactory(
        first_name="Udo",
        last_name="Unbestätigt",
        email="udo@kassel.de",
        organisation=kassel,
        email_verified=False,
    )


@pytest.fixture
def viewer_client(client, erika):
    client.force_login(erika)
    return client


def test_confirmed_is_a_verified_address(erika, unconfirmed):
    EmailAddress.objects.create(user=unconfirmed, email="udo.privat@example.org", verified=False)

    assert list(User.objects.confirmed()) == [erika]


def test_an_unconfirmed_account_is_not_listed_even_when_it_ticked_the_box(erika, unconfirmed):
    assert (unconfirmed.is_listed, list(User.objects.listed())) == (True, [erika])


def test_confirming_the_address_lists_the_account(erika, unconfirmed):
    EmailAddress.objects.create(user=unconfirmed, email=unconfirmed.email, primary=True, verified=True)

    assert list(User.objects.listed()) == [erika, unconfirmed]


def test_directory_leaves_out_unconfirmed_accounts(viewer_client, unconfirmed):
    response = viewer_client.get("/members/")

    assert [member.display_name for member in response.context["members"]] == ["Erika Mustermann"]


def test_profile_of_an_unconfirmed_account_is_404(viewer_client, unconfirmed):
    assert viewer_client.get(f"/members/{unconfirmed.pk}/").status_code == HTTPStatus.NOT_FOUND


def test_an_unconfirmed_account_still_sees_its_own_profile(client, unconfirmed):
    client.force_login(unconfirmed)

    assert client.get(f"/members/{unconfirmed.pk}/").status_code == HTTPStatus.OK


def test_organisation_page_and_count_leave_out_unconfirmed_accounts(viewer_client, unconfirmed):
    listing = viewer_client.get("/organisations/")
    detail = viewer_client.get("/organisations/kassel/")

    assert [(o.name, o.listed_count) for o in listing.context["organisations"]] == [("Stadt Kassel", 1)]
    assert [member.display_name for member in detail.context["members"]] == ["Erika Mustermann"]
    assert "Unbestätigt" not in detail.content.decode()


def test_community_member_list_and_count_leave_out_unconfirmed_accounts(viewer_client, erika, unconfirmed):
    community = CommunityFactory(name="Personalentwicklung", slug="pe")
    MembershipFactory(community=community, user=erika)
    MembershipFactory(community=community, user=unconfirmed)

    detail = viewer_client.get("/communities/pe/")
    members = viewer_client.get("/communities/pe/members/")
    listing = viewer_client.get("/communities/")

    assert [m.user.display_name for m in detail.context["newest_people"]] == ["Erika Mustermann"]
    assert detail.context["member_counts"] == {"members": 1, "organisations": 1}
    assert [m.user.display_name for m in members.context["members"]] == ["Erika Mustermann"]
    assert members.context["page"].paginator.count == 1
    assert "Unbestätigt" not in detail.content.decode() + members.content.decode()
    assert [(c.name, c.active_count) for c in listing.context["communities"]] == [("Personalentwicklung", 1)]


def test_community_page_names_no_unconfirmed_coordinator(viewer_client, erika, unconfirmed):
    community = CommunityFactory(name="Personalentwicklung", slug="pe")
    MembershipFactory(community=community, user=erika, role=Membership.Role.COORDINATOR)
    MembershipFactory(community=community, user=unconfirmed, role=Membership.Role.COORDINATOR)

    response = viewer_client.get("/communities/pe/")

    assert response.context["coordinators"] == [erika]
    assert "Unbestätigt" not in response.content.decode()


def test_unconfirmed_accounts_are_no_facilitator_candidates(viewer_client, erika, unconfirmed):
    community = CommunityFactory(name="Personalentwicklung", slug="pe")
    MembershipFactory(community=community, user=erika, role=Membership.Role.COORDINATOR)
    MembershipFactory(community=community, user=unconfirmed)
    meeting = MeetingFactory(community=community)

    response = viewer_client.get(f"/meetings/{meeting.pk}/")

    assert [option["person"] for option in response.context["facilitator_chooser"]["options"]] == [erika]


def test_rotation_never_proposes_an_unconfirmed_account(erika, unconfirmed):
    community = CommunityFactory()
    # The unconfirmed account joined first, so it would be due first.
    MembershipFactory(community=community, user=unconfirmed)
    MembershipFactory(community=community, user=erika)

    assert next_facilitator(community=community) == erika
