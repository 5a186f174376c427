# ruff: noqa: F811 - the shared fixtures are imported by name from test_manage_members
"""The "Verwalten" page stays the same size however many people wait: it shows the first requests
and the first people on the waitlist (the order of decisions) with how many there are, and a full
page of members, requests and waitlist stays within a byte budget."""

import datetime
import re

import pytest
from django.utils import timezone

from members import selectors
from members.models import Community, Membership
from members.views import MANAGED_MEMBERS_PER_PAGE as PER_PAGE
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

from .test_manage_members import community, coordinator  # noqa: F401 - the page's fixtures

PENDING, WAITLISTED = Membership.Status.PENDING, Membership.Status.WAITLISTED
N = selectors.WAITING_SHOWN
MOVES_UP = "nach jeder Entscheidung rückt die nächste nach."


def asking(community, status, count, *, at=None) -> list[Membership]:
    """`count` people who asked a minute apart (all at `at` if given), in the order they asked. The
    rows are written last to first, so that order is the one of `requested_at`, not of the rows."""
    start = timezone.now() - datetime.timedelta(days=1)
    people = [
        MembershipFactory(
            community=community,
            status=status,
            joined_at=None,
            requested_at=at or start + datetime.timedelta(minutes=number),
        )
        for number in reversed(range(count))
    ]
    return people if at else people[::-1]


def notes(html) -> list[str]:
    """The notes that say how many are shown of how many, requests first."""
    return re.findall(r'<p id="(?:requests|waitlist)-shown">([^<]*)</p>', html)


def names_in(html, section) -> list[str]:
    """The names of the rows of a section ("requests", "waitlist"), as they are shown."""
    part = html.split(f'<section aria-labelledby="{section}-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<th scope="row">([^<]*)</th>', part)


def places(memberships) -> list[tuple[Membership, int]]:
    return [(m, place) for place, m in enumerate(memberships, start=1)]


def decide(client, membership, decision):
    return client.post(
        f"/communities/pe/manage/requests/{membership.pk}/", {"decision": decision}, follow=True
    )


@pytest.mark.django_db
class TestWaitingShown:
    def test_the_first_of_each_are_shown_in_the_order_people_asked_with_their_totals(
        self, auth_client, community, coordinator
    ):
        requests = asking(community, PENDING, N + 5)
        waitlist = asking(community, WAITLISTED, N + 3)
        response = auth_client(coordinator).get("/communities/pe/manage/")
        assert response.context["requests"] == requests[:N]
        assert [(m, m.waitlist_place) for m in response.context["waitlist"]] == places(waitlist[:N])
        html = response.content.decode()
        assert names_in(html, "requests") == [m.user.display_name for m in requests[:N]]
        assert names_in(html, "waitlist") == [m.user.display_name for m in waitlist[:N]]
        assert re.findall(r"<tr>\s*<td>(\d+)</td>", html) == [str(place) for place in range(1, N + 1)]
        assert notes(html) == [
            f"Die ersten {N} von {N + 5} Anfragen; {MOVES_UP}",
            f"Die ersten {N} von {N + 3} Personen auf der Warteliste; {MOVES_UP}",
        ]

    def test_deciding_the_first_request_moves_the_next_one_in(self, auth_client, community, coordinator):
        requests = asking(community, PENDING, N + 5)
        response = decide(auth_client(coordinator), requests[0], "decline")
        assert response.context["requests"] == requests[1 : N + 1]
        assert notes(response.content.decode()) == [f"Die ersten {N} von {N + 4} Anfragen; {MOVES_UP}"]

    def test_admitting_the_first_on_the_waitlist_moves_everybody_up_a_place(
        self, auth_client, community, coordinator
    ):
        waitlist = asking(community, WAITLISTED, N + 2)
        response = decide(auth_client(coordinator), waitlist[0], "approve")
        assert Membership.objects.get(pk=waitlist[0].pk).status == Membership.Status.ACTIVE
        assert [(m, m.waitlist_place) for m in response.context["waitlist"]] == places(waitlist[1 : N + 1])
        assert notes(response.content.decode()) == [
            f"Die ersten {N} von {N + 1} Personen auf der Warteliste; {MOVES_UP}"
        ]

    @pytest.mark.parametrize(("pending", "waitlisted"), [(0, 0), (3, 2), (N, N)])
    def test_up_to_the_limit_all_are_shown_without_a_note(
        self, auth_client, community, coordinator, pending, waitlisted
    ):
        requests = asking(community, PENDING, pending)
        waitlist = asking(community, WAITLISTED, waitlisted)
        response = auth_client(coordinator).get("/communities/pe/manage/")
        assert response.context["requests"] == requests
        assert [(m, m.waitlist_place) for m in response.context["waitlist"]] == places(waitlist)
        assert notes(response.content.decode()) == []

    def test_people_who_asked_at_the_same_moment_wait_in_the_order_of_their_rows(self, community):
        waitlist = asking(community, WAITLISTED, N + 2, at=timezone.now())
        shown = selectors.community_waiting(community)
        assert [(m, m.waitlist_place) for m in shown.waitlist] == places(waitlist[:N])
        # The place a waiting person sees of themselves (community page, dashboard) is the same.
        assert [selectors.waitlist_place(m) for m in shown.waitlist] == list(range(1, N + 1))
        assert (shown.requests, shown.request_count, shown.waitlist_count) == ([], 0, N + 2)

    def test_other_communities_and_other_states_are_not_counted(self, community):
        asking(community, PENDING, 2)
        asking(CommunityFactory(), PENDING, 3)
        MembershipFactory(community=community, status=Membership.Status.LEFT, joined_at=None)
        MembershipFactory(community=community)
        shown = selectors.community_waiting(community)
        assert (len(shown.requests), shown.request_count, shown.waitlist, shown.waitlist_count) == (
            2,
            2,
            [],
            0,
        )


# Session, user, community, own membership, how many wait and, if anybody does, the first of them
# (one query for both lists), the member count (kept in the cache), the coordinators' memberships and
# their confirmed people, and the page of members.
@pytest.mark.django_db
@pytest.mark.parametrize(("pending", "waitlisted", "queries"), [(0, 0, 9), (1, 1, 10), (N + 5, N + 3, 10)])
def test_manage_page_queries_do_not_grow_with_waiting_people(
    auth_client, community, coordinator, pending, waitlisted, queries, django_assert_num_queries
):
    MembershipFactory.create_batch(29, community=community)
    asking(community, PENDING, pending)
    asking(community, WAITLISTED, waitlisted)
    client = auth_client(coordinator)
    with django_assert_num_queries(queries):
        response = client.get("/communities/pe/manage/")
    assert (len(response.context["members"]), len(response.context["requests"])) == (
        PER_PAGE,
        min(pending, N),
    )


@pytest.mark.django_db
def test_a_member_row_changes_role_and_rotation_through_the_lists_one_form(
    auth_client, community, coordinator
):
    member = MembershipFactory(
        community=community, in_rotation=False, user=UserFactory(first_name="Max", last_name="Muster")
    )
    html = auth_client(coordinator).get("/communities/pe/manage/").content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', 'name="csrfmiddlewaretoken" value="…"', html)
    assert re.findall(r'<form id="member-changes".*?</form>', html) == [
        '<form id="member-changes" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="…">'
        '<input type="hidden" name="page" value="1"></form>'
    ]
    base = f"/communities/pe/manage/members/{member.pk}"
    assert f'<a href="/members/{member.user.pk}/">Max Muster</a>' in html
    assert (
        '<td><div class="d-flex flex-wrap gap-2">'
        '<button class="btn btn-sm btn-outline-primary" form="member-changes" '
        f'formaction="{base}/role/" name="role" value="coordinator" type="submit">Zur Koordinator:in machen'
        '<span class="visually-hidden">: Max Muster</span></button>\n'
        '        <button class="btn btn-sm btn-outline-primary" form="member-changes" '
        f'formaction="{base}/rotation/" name="in_rotation" value="1" type="submit">'
        "Wieder in die Rotation aufnehmen"
        '<span class="visually-hidden">: Max Muster</span></button>\n'
        f'        <a class="btn btn-sm btn-outline-danger" href="{base}/remove/">Entfernen'
        '<span class="visually-hidden">: Max Muster</span></a></div></td></tr>'
    ) in html


# The manage page's bytes with a full page of members (20 of 30, in a full community), long names and
# a long address; with nobody waiting it measured 29,729 bytes, with 25 requests (each with a message)
# and 25 people on the waitlist (10 of each shown, three buttons each) 48,668: within the 50 KB every
# page of the platform keeps to. The budgets leave room for longer ids in the addresses (a row has up
# to four), not for another attribute on every row.
@pytest.mark.django_db
@pytest.mark.parametrize(("waiting", "budget"), [(0, 31_000), (25, 50_000)])
def test_a_full_manage_page_stays_within_its_byte_budget(client, waiting, budget):
    community = CommunityFactory(
        name="Personalentwicklung",
        slug="personalentwicklung",
        join_policy=Community.JoinPolicy.APPROVAL,
        max_members=30,
    )
    organisation = OrganisationFactory(name="Stadtwerke Musterstadt GmbH")

    def person(number):
        return UserFactory(
            first_name=f"Alexandra{number:03}",
            last_name="Mustermann-Beispiel",
            email=f"person{number:03}@stadtwerke-musterstadt.de",
            organisation=organisation,
        )

    coordinator = MembershipFactory(
        community=community, user=person(0), role=Membership.Role.COORDINATOR
    ).user
    for number in range(1, 30):
        MembershipFactory(community=community, user=person(number))
    start = timezone.now() - datetime.timedelta(days=2)
    for number in range(waiting):
        for status in (PENDING, WAITLISTED):
            MembershipFactory(
                community=community,
                user=person(100 + 2 * number + (status == WAITLISTED)),
                status=status,
                joined_at=None,
                requested_at=start + datetime.timedelta(minutes=number),
                message="Ich möchte gern mitmachen." if status == PENDING else "",
            )
    client.force_login(coordinator)
    response = client.get("/communities/personalentwicklung/manage/")
    shown = [len(response.context[part]) for part in ("members", "requests", "waitlist")]
    assert (shown, response.context["is_full"]) == ([PER_PAGE, min(waiting, N), min(waiting, N)], True)
    assert len(response.content) < budget, len(response.content)
