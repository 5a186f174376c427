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
