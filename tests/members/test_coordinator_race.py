"""The last two coordinators leaving (or deleting their accounts) at the same moment: one stays.

Without the community row lock both transactions saw "another coordinator remains" and both left,
leaving the community without anyone to manage it.
"""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from members import services
from members.models import Membership, User
from tests.factories import CommunityFactory, MembershipFactory

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis"))

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRESQL,
        reason="needs PostgreSQL: SQLite serialises every writer, so it cannot show a race",
    ),
]

TRIES = 5
LEAVE_MESSAGE = (
    "Außer dir gibt es keine Koordinator:innen. Bitte übertrage die Koordination an jemand anderen, "
    "bevor du austrittst."
)


def run_at_once(functions) -> tuple[list, list]:
    """Call the functions in threads released together; (results, error messages)."""
    barrier = threading.Barrier(len(functions), timeout=30)
    results, errors = [], []

    def run(function):
        try:
            barrier.wait()
            results.append(function())
        except ValidationError as error:
            errors.append(" ".join(error.messages))
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def two_coordinators():
    community = CommunityFactory()
    MembershipFactory(community=community)  # someone who would be left without a coordinator
    return community, [
        MembershipFactory(community=community, role=Membership.Role.COORDINATOR) for _ in range(2)
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(TRIES))
def test_the_last_two_coordinators_leaving_at_once_leave_one(attempt):
    community, coordinators = two_coordinators()
    results, errors = run_at_once(
        [lambda m=membership: services.membership_leave(membership=m) for membership in coordinators]
    )
    assert (len(results), errors) == (1, [LEAVE_MESSAGE])
    assert Membership.objects.coordinators().filter(community=community).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(TRIES))
def test_the_last_two_coordinators_deleting_their_accounts_at_once_leave_one(attempt):
    community, coordinators = two_coordinators()
    results, errors = run_at_once(
        [lambda u=membership.user: services.user_delete_account(user=u) for membership in coordinators]
    )
    assert (len(results), errors) == (1, [delete_message(community)])
    assert Membership.objects.coordinators().filter(community=community).count() == 1
    assert User.objects.filter(pk__in=[m.user_id for m in coordinators], is_active=True).count() == 1


def delete_message(community) -> str:
    return (
        f"Außer dir gibt es in {community.name} keine Koordinator:innen. Bitte übertrage dort die "
        "Koordination an jemand anderen, bevor du dein Konto löschst."
    )


def only_coordinator(membership, *, removed: bool) -> str:
    person = membership.user.display_name
    if removed:
        return (
            f"{person} ist die einzige Koordinator:in dieser Community und kann nicht entfernt werden. "
            "Bitte mache zuerst jemand anderen zur Koordinator:in."
        )
    return (
        f"{person} ist die einzige Koordinator:in dieser Community. Bitte mache zuerst jemand anderen "
        "zur Koordinator:in."
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(TRIES))
def test_two_coordinators_demoting_each_other_at_once_leave_one(attempt):
    community, (first, second) = two_coordinators()
    results, errors = run_at_once(
        [
            lambda: services.membership_set_role(membership=first, role=Membership.Role.MEMBER),
            lambda: services.membership_set_role(membership=second, role=Membership.Role.MEMBER),
        ]
    )
    (kept,) = Membership.objects.coordinators().filter(community=community)
    assert (len(results), errors) == (1, [only_coordinator(kept, removed=False)])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(TRIES))
def test_two_coordinators_removing_each_other_at_once_leave_one(attempt):
    community, (first, second) = two_coordinators()
    results, errors = run_at_once(
        [
            lambda: services.membership_remove(membership=first),
            lambda: services.membership_remove(membership=second),
        ]
    )
    (kept,) = Membership.objects.coordinators().filter(community=community)
    assert (len(results), errors) == (1, [only_coordinator(kept, removed=True)])


FULL_MESSAGE = (
    "Die Community ist voll. Erhöhe die Höchstzahl an Mitgliedern, um weitere Personen aufzunehmen."
)


def full_with_waitlist(places: int, waiting: int):
    community = CommunityFactory(max_members=places)
    MembershipFactory.create_batch(places - 1, community=community)
    return community, [
        MembershipFactory(community=community, status=Membership.Status.WAITLISTED, joined_at=None)
        for _ in range(waiting)
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(TRIES))
def test_two_coordinators_admitting_for_the_last_place_at_once_admit_one(attempt):
    community, waiting = full_with_waitlist(places=3, waiting=2)
    results, errors = run_at_once(
        [lambda m=membership: services.membership_approve(membership=m) for membership in waiting]
    )
    assert (len(results), errors) == (1, [FULL_MESSAGE])
    assert Membership.objects.active().filter(community=community).count() == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(TRIES))
def test_two_coordinators_raising_the_limit_at_once_raise_it_twice(attempt):
    community, waiting = full_with_waitlist(places=2, waiting=3)
    Membership.objects.filter(pk=waiting[0].pk).update(
        status=Membership.Status.ACTIVE, joined_at=community.created_at
    )
    results, errors = run_at_once(
        [
            lambda m=membership: services.membership_approve(membership=m, raise_limit=True)
            for membership in waiting[1:]
        ]
    )
    community.refresh_from_db()
    assert (len(results), errors, community.max_members) == (2, [], 4)
    assert Membership.objects.active().filter(community=community).count() == 4
