"""Simultaneous requests on one call: it is founded once, and one person's interest counts once."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from members.models import Community
from network import services
from network.models import Interest
from tests.factories import UserFactory

from .factories import PartnerSearchFactory

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis"))

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRESQL,
        reason="needs PostgreSQL: SQLite serialises every writer, so it cannot show a race",
    ),
]

THREADS = 10


def run_at_once(action, count=THREADS):
    """`action(i)` in `count` threads released together; (successes, refusal messages, other errors)."""
    barrier = threading.Barrier(count, timeout=30)
    done, refused, errors = [], [], []

    def run(i):
        try:
            barrier.wait()
            done.append(action(i))
        except ValidationError as error:
            refused.append(" ".join(error.messages))
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return done, refused, errors


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_foundings_found_one_community():
    search = PartnerSearchFactory()
    done, refused, errors = run_at_once(
        lambda i: services.partner_search_found(
            search=search, user=search.author, name=f"CoP {i}", slug=f"cop-{i}", base_url="https://x"
        )
    )
    assert (errors, len(done), Community.objects.count()) == ([], 1, 1)
    assert refused == ["Aus diesem Aufruf wurde schon eine CoP gegründet."] * (THREADS - 1)


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_registrations_of_one_person_count_once():
    search = PartnerSearchFactory()
    person = UserFactory()
    done, refused, errors = run_at_once(lambda i: services.interest_register(search=search, user=person))
    assert (errors, len(done), Interest.objects.count()) == ([], 1, 1)
    assert refused == ["Du hast dein Interesse schon bekundet."] * (THREADS - 1)
