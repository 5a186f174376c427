"""The writes of "Vernetzt Euch!": what each does, and what it refuses with which message, leaving
everything as it was."""

import pytest
from django.core.exceptions import ValidationError

from members import services as member_services
from members.models import Community, Invitation, Membership
from network import services
from network.models import Interest, PartnerSearch, PartnerSearchStatus
from notifications.models import Notification
from tests.factories import CommunityFactory, UserFactory

from .factories import InterestFactory, PartnerSearchFactory

pytestmark = pytest.mark.django_db
BASE = "https://cop.example.org"


def refused(function, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as error:
        function(**kwargs)
    return error.value.messages


def snapshot():
    return (
        sorted(PartnerSearch.objects.values_list("title", "status", "community_id")),
        sorted(Interest.objects.values_list("search_id", "user_id")),
        sorted(Community.objects.values_list("slug", flat=True)),
        Invitation.objects.count(),
    )


def test_posting_a_call_stores_it_open_with_its_author():
    author = UserFactory()
    search = services.partner_search_post(
        user=author,
        title="  Wissensmanagement  ",
        description="**Wer** macht mit?",
        organisation="Stadt Kassel",
    )
    search.refresh_from_db()
    assert (search.title, search.description, search.organisation, search.author, search.status) == (
        "Wissensmanagement",
        "**Wer** macht mit?",
        "Stadt Kassel",
        author,
        PartnerSearchStatus.OPEN,
    )


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("   ", "Bitte nenne das Thema der neuen CoP."),
        ("x" * 201, "Das Thema darf höchstens 200 Zeichen lang sein."),
    ],
)
def test_an_empty_or_huge_theme_is_refused(title, message):
    with pytest.raises(ValidationError) as error:
        services.partner_search_post(user=UserFactory(), title=title)
    assert (error.value.messages, PartnerSearch.objects.count()) == ([message], 0)


def test_registering_interest_tells_the_author_once(django_capture_on_commit_callbacks):
    search = PartnerSearchFactory(title="Agiles Arbeiten")
    person = UserFactory(first_name="Jonas", last_name="Muster")
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_register(search=search, user=person)
    services.interest_withdraw(search=search, user=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_register(search=search, user=person)
    rows = list(Notification.objects.values_list("kind", "user_id", "key", "context"))
    assert rows == [
        (
            "partner_interest",
            search.author_id,
            f"partner_interest:{search.pk}:{person.pk}",
            {
                "search": "Agiles Arbeiten",
                "person": "Jonas Muster",
                "person_id": person.pk,
                "organisation": person.organisation.name,
                "path": f"/network/{search.pk}/",
            },
        )
    ]
    assert list(Interest.objects.values_list("user_id", flat=True)) == [person.pk]


def test_interest_twice_is_refused_and_keeps_the_first():
    interest = InterestFactory()
    before = snapshot()
    assert refused(services.interest_register, search=interest.search, user=interest.user) == [
        "Du hast dein Interesse schon bekundet."
    ]
    assert snapshot() == before


def test_interest_in_ones_own_call_or_a_closed_one_is_refused():
    search = PartnerSearchFactory()
    closed = PartnerSearchFactory(status=PartnerSearchStatus.CLOSED)
    before = snapshot()
    assert refused(services.interest_register, search=search, user=search.author) == [
        "Das ist dein eigener Aufruf."
    ]
    assert refused(services.interest_register, search=closed, user=UserFactory()) == [
        "Dieser Aufruf ist nicht mehr offen."
    ]
    assert snapshot() == before


def test_withdrawing_without_interest_is_refused():
    search = PartnerSearchFactory()
    assert refused(services.interest_withdraw, search=search, user=UserFactory()) == [
        "Du hast an diesem Aufruf kein Interesse bekundet."
    ]


def test_founding_makes_the_author_coordinator_and_invites_everyone_interested(mailoutbox):
    search = PartnerSearchFactory(title="Wissensmanagement")
    interested = [InterestFactory(search=search).user for _ in range(3)]
    inactive = InterestFactory(search=search, user=UserFactory(is_active=False)).user
    community = services.partner_search_found(
        search=search,
        user=search.author,
        name="Wissensmanagement",
        slug="wissen",
        description="Neu",
        base_url=BASE,
    )
    search.refresh_from_db()
    assert (search.status, search.community, community.parent) == (
        PartnerSearchStatus.FOUNDED,
        community,
        None,
    )
    assert list(Membership.objects.filter(community=community).values_list("user_id", "role", "status")) == [
        (search.author_id, "coordinator", "active")
    ]
    assert sorted(Invitation.objects.filter(community=community).values_list("email", flat=True)) == sorted(
        user.email for user in interested
    )
    assert inactive.email not in {message.to[0] for message in mailoutbox}


def test_founding_twice_is_refused_and_changes_nothing():
    search = PartnerSearchFactory()
    services.partner_search_found(search=search, user=search.author, name="Eins", slug="eins", base_url=BASE)
    before = snapshot()
    assert refused(
        services.partner_search_found,
        search=search,
        user=search.author,
        name="Zwei",
        slug="zwei",
        base_url=BASE,
    ) == ["Aus diesem Aufruf wurde schon eine CoP gegründet."]
    assert snapshot() == before


def test_founding_with_a_taken_slug_is_refused_and_keeps_the_call_open():
    CommunityFactory(slug="vergeben")
    search = PartnerSearchFactory()
    InterestFactory(search=search)
    before = snapshot()
    assert refused(
        services.partner_search_found,
        search=search,
        user=search.author,
        name="Neu",
        slug="vergeben",
        base_url=BASE,
    ) == ["Der Kurzname „vergeben“ ist schon vergeben; bitte wähle einen anderen."]
    assert snapshot() == before


def test_only_the_author_founds_edits_and_closes():
    search = PartnerSearchFactory(title="Original")
    stranger = UserFactory()
    before = snapshot()
    assert refused(
        services.partner_search_found, search=search, user=stranger, name="X", slug="x", base_url=BASE
    ) == ["Nur wer den Aufruf gestartet hat, kann die CoP gründen."]
    assert refused(services.partner_search_update, search=search, user=stranger, title="Anders") == [
        "Nur wer den Aufruf gestartet hat, kann ihn ändern."
    ]
    assert refused(services.partner_search_close, search=search, user=stranger) == [
        "Nur wer den Aufruf gestartet hat, kann ihn schließen."
    ]
    assert snapshot() == before


def test_a_site_coordinator_may_close_a_call():
    search = PartnerSearchFactory()
    services.partner_search_close(search=search, user=UserFactory(is_staff=True))
    search.refresh_from_db()
    assert search.status == PartnerSearchStatus.CLOSED
    assert refused(services.partner_search_close, search=search, user=search.author) == [
        "Dieser Aufruf ist nicht mehr offen."
    ]


def test_a_closed_call_cannot_be_founded():
    search = PartnerSearchFactory(status=PartnerSearchStatus.CLOSED)
    before = snapshot()
    assert refused(
        services.partner_search_found, search=search, user=search.author, name="X", slug="x", base_url=BASE
    ) == ["Dieser Aufruf ist geschlossen; starte einen neuen, um eine CoP zu gründen."]
    assert snapshot() == before


def test_account_deletion_removes_interests_and_closes_open_calls():
    from members.services import user_delete_account

    person = UserFactory()
    open_call = PartnerSearchFactory(author=person, title="Offen")
    founded = PartnerSearchFactory(author=person, title="Gegründet", status=PartnerSearchStatus.FOUNDED)
    InterestFactory(user=person)
    user_delete_account(user=person)
    assert (
        sorted(
            PartnerSearch.objects.filter(pk__in=[open_call.pk, founded.pk]).values_list("title", "status")
        ),
        Interest.objects.filter(user=person).count(),
    ) == ([("Gegründet", "founded"), ("Offen", "closed")], 0)


def test_founding_invites_more_people_than_an_inviter_may_invite_by_hand(mailoutbox):
    search = PartnerSearchFactory()
    for _ in range(member_services.INVITATIONS_PER_INVITER + 5):
        InterestFactory(search=search)
    community = services.partner_search_found(
        search=search, user=search.author, name="Groß", slug="gross", base_url=BASE
    )
    assert (
        Invitation.objects.filter(community=community).count() == member_services.INVITATIONS_PER_INVITER + 5
    )
