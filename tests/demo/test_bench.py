"""`make bench`'s page list, sessions and measuring code, run once through the test client at scale 1.

No timing is asserted: this checks that every page the bench measures answers for its roles, with
the query count in the bench header, so that the bench keeps working as pages change.
"""

from http import HTTPStatus
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.db import connection

from cop import bench
from members.demo_data import COMMUNITY_COORDINATOR_EMAIL, PERSONALENTWICKLUNG, SITE_COORDINATOR_EMAIL

pytestmark = pytest.mark.django_db

EXPECTED_ROWS = {("bare page (base layout)", role) for role in bench.ROLES} | {
    (page.name, role) for page in bench.PAGES for role in page.roles
}


@pytest.fixture
def bench_mode(settings):
    settings.BENCH = True
    settings.MIDDLEWARE = ["cop.bench.QueryCountMiddleware", *settings.MIDDLEWARE]


def test_the_bench_targets_the_largest_community_and_one_person_per_role():
    call_command("demo_data", stdout=StringIO(), stderr=StringIO())

    targets = bench.bench_targets()

    assert (targets.community, targets.search) == (PERSONALENTWICKLUNG, "Beispiel")
    assert targets.users[bench.COORDINATOR].email == COMMUNITY_COORDINATOR_EMAIL
    assert targets.users[bench.STAFF].email == SITE_COORDINATOR_EMAIL
    assert targets.users[bench.MEMBER].memberships.get(community__slug=PERSONALENTWICKLUNG).role == "member"
    assert ("meeting page, its next", f"/meetings/{targets.meeting}/") in [
        (page.name, url) for page, url in bench.bench_urls(targets)
    ]


def test_every_bench_page_answers_for_its_roles_with_its_query_count(client, bench_mode):
    call_command("demo_data", stdout=StringIO(), stderr=StringIO())
    targets = bench.bench_targets()
    sessions = bench.bench_sessions(targets)

    rows = bench.run(
        bench.client_fetcher(client), bench.bench_urls(targets), sessions, concurrencies=(1,), requests=1
    )

    measured = {(row.page, row.role) for row in rows}
    assert measured == EXPECTED_ROWS
    assert [(row.page, row.role, row.status) for row in rows if row.status != HTTPStatus.OK] == []
    assert [(row.page, row.role) for row in rows if not isinstance(row.queries, int)] == []
    assert [(row.page, row.role) for row in rows if set(row.timings) != {1}] == []
    table = bench.format_table(rows, concurrencies=(1,)).splitlines()
    assert len(table) == 2 + len(rows)
    assert table[2].startswith("| bare page (base layout) | visitor | 200 | 0 |")


def test_the_staff_account_gets_an_authenticator_app_once_so_the_admin_opens():
    call_command("demo_data", stdout=StringIO(), stderr=StringIO())
    targets = bench.bench_targets()

    bench.bench_sessions(targets)
    bench.bench_sessions(targets)

    staff = targets.users[bench.STAFF]
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).count() == 1


def test_the_bare_page_exists_only_in_bench_mode(client, settings):
    settings.BENCH = False
    assert client.get(bench.BARE_PATH).status_code == HTTPStatus.NOT_FOUND

    settings.BENCH = True
    assert client.get(bench.BARE_PATH).status_code == HTTPStatus.OK


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN (ANALYZE, FORMAT JSON) is PostgreSQL's"
)
def test_the_plans_of_every_bench_page_name_their_scans():
    call_command("demo_data", stdout=StringIO(), stderr=StringIO())
    targets = bench.bench_targets()

    sections = bench.explain_pages(targets, slowest=2)

    assert {(page, role) for page, role, _plans in sections} == EXPECTED_ROWS - {
        ("bare page (base layout)", role) for role in bench.ROLES
    }
    plans = [plan for _page, _role, page_plans in sections for plan in page_plans]
    assert all(1 <= len(page_plans) <= 2 for _page, _role, page_plans in sections)
    assert [plan.sql for plan in plans if not plan.scans or plan.milliseconds < 0] == []
    member_list = next(plans for page, role, plans in sections if (page, role) == ("its members", "member"))
    assert any("on members_membership" in scan for plan in member_list for scan in plan.scans)
    table = bench.format_plans(sections).splitlines()
    assert (table[0], len(table)) == ("| page | role | query | ms | rows read | scans |", 2 + len(plans))
