"""Coordinators manage their community's members on its "Verwalten" page, without the admin."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cop.bench import page_plans
from meetings.models import Meeting
from members.models import Community, Membership
from members.views import MANAGED_MEMBERS_PER_PAGE as PER_PAGE
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis"))

ONLY_COORDINATOR_DEMOTE = (
    "{person} ist die einzige Koordinator:in dieser Community. Bitte mache zuerst jemand anderen zur "
    "Koordinator:in."
)


@pytest.fixture
def community(db):
    return CommunityFactory(
        name="Personalentwicklung",
        slug="pe",
        visibility=Community.Visibility.INTERNAL,
        join_policy=Community.JoinPolicy.APPROVAL,
    )


@pytest.fixture
def coordinator(community):
    return MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user


@pytest.fixture
def member(community):
    return MembershipFactory(community=community).user


def membership(community, user) -> Membership:
    return Membership.objects.get(community=community, user=user)


def stored(community) -> list[tuple]:
    return sorted(
        Membership.objects.filter(community=community).values_list(
            "user__email", "role", "status", "in_rotation", "message"
        )
    )


def url(community, user, action) -> str:
    return f"/communities/{community.slug}/manage/members/{membership(community, user).pk}/{action}/"


def by_name(queries) -> list[str]:
    """The queries ordered by the person's name: the members' part of the list (the coordinators'
    part is sorted in Python)."""
    return [q["sql"] for q in queries if 'ORDER BY "members_user"."last_name"' in q["sql"]]


def flashes(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.django_db
class TestMemberList:
    def test_manage_page_lists_active_confirmed_members_coordinators_first(
        self, auth_client, community, coordinator, member
    ):
        MembershipFactory(community=community, status=Membership.Status.LEFT)
        MembershipFactory(community=community, status=Membership.Status.PENDING, joined_at=None)
        MembershipFactory(community=community, user=UserFactory(email_verified=False))
        out = MembershipFactory(community=community, in_rotation=False).user
        response = auth_client(coordinator).get("/communities/pe/manage/")
        assert response.status_code == HTTPStatus.OK
        rows = [(m.user, m.role, m.in_rotation, m.user.organisation) for m in response.context["members"]]
        expected_members = sorted([member, out], key=lambda user: user.first_name)
        assert rows == [
            (coordinator, "coordinator", True, coordinator.organisation),
            *[(user, "member", user != out, user.organisation) for user in expected_members],
        ]
        html = response.content.decode()
        assert (
            html.count("<td>nicht in der Rotation</td>"),
            html.count("<td>moderiert reihum mit</td>"),
        ) == (1, 2)

    def test_members_list_has_a_page_of_twenty(self, auth_client, community, coordinator):
        MembershipFactory.create_batch(PER_PAGE + 5, community=community)
        client = auth_client(coordinator)
        first = client.get("/communities/pe/manage/")
        second = client.get("/communities/pe/manage/?page=2")
        assert (len(first.context["members"]), len(second.context["members"])) == (PER_PAGE, 6)
        assert (first.context["page"].number, second.context["page"].number) == (1, 2)

    def test_coordinators_fill_the_first_page_and_the_members_follow_by_name(
        self, auth_client, community, coordinator
    ):
        # Members named to sort before every coordinator: the role comes first, then the name.
        coordinators = [coordinator] + [
            MembershipFactory(
                community=community,
                role=Membership.Role.COORDINATOR,
                user=UserFactory(last_name=f"Koch{i:02}"),
            ).user
            for i in range(PER_PAGE + 1)
        ]
        MembershipFactory(
            community=community,
            role=Membership.Role.COORDINATOR,
            user=UserFactory(last_name="Aaron", email_verified=False),
        )
        members = [
            MembershipFactory(community=community, user=UserFactory(last_name=f"Adler{i:02}")).user
            for i in range(3)
        ]
        by_name = sorted(coordinators, key=lambda user: (user.last_name, user.first_name, user.pk))
        client = auth_client(coordinator)
        first = client.get("/communities/pe/manage/")
        second = client.get("/communities/pe/manage/?page=2")
        assert [(m.user, m.role) for m in first.context["members"]] == [
            (u, "coordinator") for u in by_name[:PER_PAGE]
        ]
        assert [(m.user, m.role) for m in second.context["members"]] == [
            *[(u, "coordinator") for u in by_name[PER_PAGE:]],
            *[(u, "member") for u in members],
        ]
        assert (first.context["page"].paginator.count, first.context["page"].paginator.num_pages) == (
            PER_PAGE + 5,
            2,
        )

    def test_a_page_reads_only_its_own_rows(self, auth_client, community, coordinator):
        MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
        MembershipFactory.create_batch(60, community=community)
        client = auth_client(coordinator)

        def limits(page):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"/communities/pe/manage/?page={page}")
            assert len(response.context["members"]) == PER_PAGE
            return [sql.rsplit("ASC", 1)[1].strip() for sql in by_name(queries)]

        # Two coordinators, then 18 members; then pages of 20 members after the first 18.
        assert (limits(1), limits(2)) == (["LIMIT 18"], ["LIMIT 20 OFFSET 18"])

    def test_a_page_of_coordinators_reads_no_members(self, auth_client, community, coordinator):
        MembershipFactory.create_batch(PER_PAGE, community=community, role=Membership.Role.COORDINATOR)
        MembershipFactory.create_batch(3, community=community)
        with CaptureQueriesContext(connection) as queries:
            response = auth_client(coordinator).get("/communities/pe/manage/")
        assert [m.role for m in response.context["members"]] == ["coordinator"] * PER_PAGE
        assert by_name(queries) == []

    @pytest.mark.parametrize(
        ("page", "number", "notice"),
        [
            ("abc", 1, "„abc“ ist keine Seitenzahl; die erste Seite wird angezeigt."),
            ("-3", 1, ""),
            ("0", 1, ""),
            (
                "99999999999999999999",
                2,
                "Es gibt keine Seite 99999999999999999999; die letzte Seite wird angezeigt.",
            ),
        ],
    )
    def test_a_bad_page_value_gives_a_normal_page(
        self, auth_client, community, coordinator, page, number, notice
    ):
        MembershipFactory.create_batch(30, community=community)
        response = auth_client(coordinator).get(f"/communities/pe/manage/?page={page}")
        assert response.status_code == HTTPStatus.OK
        assert (response.context["page"].number, response.context["page_notice"]) == (number, notice)

    def test_a_plain_member_gets_the_access_denied_page(self, auth_client, community, coordinator, member):
        response = auth_client(member).get("/communities/pe/manage/")
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert "Zugriff verweigert" in response.content.decode()


@pytest.mark.django_db
class TestRole:
    def test_coordinator_makes_a_member_coordinator(self, auth_client, community, coordinator, member):
        response = auth_client(coordinator).post(
            url(community, member, "role"), {"role": "coordinator"}, follow=True
        )
        assert membership(community, member).role == Membership.Role.COORDINATOR
        assert flashes(response) == [f"{member.display_name} ist jetzt Koordinator:in."]

    def test_coordinator_makes_a_co_coordinator_member_again(
        self, auth_client, community, coordinator, member
    ):
        Membership.objects.filter(user=member).update(role=Membership.Role.COORDINATOR)
        auth_client(coordinator).post(url(community, member, "role"), {"role": "member"})
        assert membership(community, member).role == Membership.Role.MEMBER

    def test_the_last_coordinator_cannot_be_demoted(self, auth_client, community, coordinator, member):
        before = stored(community)
        response = auth_client(coordinator).post(
            url(community, coordinator, "role"), {"role": "member"}, follow=True
        )
        assert response.status_code == HTTPStatus.OK
        assert flashes(response) == [ONLY_COORDINATOR_DEMOTE.format(person=coordinator.display_name)]
        assert stored(community) == before

    def test_a_coordinator_who_steps_down_is_sent_to_the_community_page(
        self, auth_client, community, coordinator, member
    ):
        Membership.objects.filter(user=member).update(role=Membership.Role.COORDINATOR)
        response = auth_client(coordinator).post(url(community, coordinator, "role"), {"role": "member"})
        assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/communities/pe/")
        assert membership(community, coordinator).role == Membership.Role.MEMBER

    def test_a_forged_role_value_changes_nothing(self, auth_client, community, coordinator, member):
        before = stored(community)
        response = auth_client(coordinator).post(
            url(community, member, "role"), {"role": "admin"}, follow=True
        )
        assert flashes(response) == ["Bitte wähle Koordinator:in oder Mitglied."]
        assert stored(community) == before

    def test_a_member_who_left_in_between_is_refused_with_a_message(
        self, auth_client, community, coordinator, member
    ):
        target = url(community, member, "role")
        Membership.objects.filter(user=member).update(status=Membership.Status.LEFT)
        before = stored(community)
        response = auth_client(coordinator).post(target, {"role": "coordinator"}, follow=True)
        assert flashes(response) == [f"{member.display_name} ist kein Mitglied dieser Community mehr."]
        assert stored(community) == before

    def test_a_plain_member_cannot_change_roles(self, auth_client, community, coordinator, member):
        before = stored(community)
        response = auth_client(member).post(url(community, member, "role"), {"role": "coordinator"})
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert stored(community) == before

    def test_the_page_number_is_kept_after_a_change(self, auth_client, community, coordinator, member):
        response = auth_client(coordinator).post(
            url(community, member, "role"), {"role": "coordinator", "page": "2"}
        )
        assert response["Location"] == "/communities/pe/manage/?page=2"


@pytest.mark.django_db
class TestRotation:
    def test_coordinator_takes_a_member_out_of_the_rotation_and_back(
        self, auth_client, community, coordinator, member
    ):
        client = auth_client(coordinator)
        response = client.post(url(community, member, "rotation"), {"in_rotation": "0"}, follow=True)
        assert membership(community, member).in_rotation is False
        assert flashes(response) == [
            f"{member.display_name} wird nicht mehr für die Moderation vorgeschlagen."
        ]
        client.post(url(community, member, "rotation"), {"in_rotation": "1"})
        assert membership(community, member).in_rotation is True

    def test_a_forged_rotation_value_changes_nothing(self, auth_client, community, coordinator, member):
        before = stored(community)
        response = auth_client(coordinator).post(
            url(community, member, "rotation"), {"in_rotation": "vielleicht"}
        )
        assert response.status_code == HTTPStatus.FOUND
        assert stored(community) == before


@pytest.mark.django_db
class TestRemove:
    def test_the_confirmation_page_names_the_member(self, auth_client, community, coordinator, member):
        response = auth_client(coordinator).get(url(community, member, "remove"))
        assert response.status_code == HTTPStatus.OK
        assert response.context["membership"] == membership(community, member)
        assert f"{member.display_name} aus Personalentwicklung entfernen?" in response.content.decode()

    def test_coordinator_removes_a_member_with_a_reason(self, auth_client, community, coordinator, member):
        response = auth_client(coordinator).post(
            url(community, member, "remove"), {"reason": "  Hat die Stelle gewechselt.  "}, follow=True
        )
        removed = membership(community, member)
        assert (removed.status, removed.role, removed.message) == (
            Membership.Status.LEFT,
            Membership.Role.MEMBER,
            "Hat die Stelle gewechselt.",
        )
        assert flashes(response) == [f"{member.display_name} ist kein Mitglied von Personalentwicklung mehr."]
        assert member not in [m.user for m in response.context["members"]]
        # The count the cache keeps was forgotten with the membership's change.
        assert response.context["page"].paginator.count == 1

    def test_a_removed_member_no_longer_sees_the_internal_meetings(
        self, auth_client, community, coordinator, member
    ):
        auth_client(coordinator).post(url(community, member, "remove"), {"reason": ""})
        assert member.has_perm("members.view_community_content", community) is False

    def test_the_removed_members_upcoming_facilitations_are_handed_on(
        self, auth_client, community, coordinator, member
    ):
        meeting = MeetingFactory(community=community, facilitator=member, facilitator_confirmed=True)
        auth_client(coordinator).post(url(community, member, "remove"), {"reason": ""})
        meeting = Meeting.objects.get(pk=meeting.pk)
        assert (meeting.facilitator, meeting.facilitator_confirmed) == (coordinator, False)

    def test_the_last_coordinator_cannot_be_removed(self, auth_client, community, coordinator, member):
        before = stored(community)
        response = auth_client(coordinator).post(
            url(community, coordinator, "remove"), {"reason": "x"}, follow=True
        )
        assert flashes(response) == [
            f"{coordinator.display_name} ist die einzige Koordinator:in dieser Community und kann nicht "
            "entfernt werden. Bitte mache zuerst jemand anderen zur Koordinator:in."
        ]
        assert stored(community) == before

    def test_a_too_long_reason_is_refused_and_nothing_changes(
        self, auth_client, community, coordinator, member
    ):
        before = stored(community)
        response = auth_client(coordinator).post(url(community, member, "remove"), {"reason": "x" * 2001})
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.context["form"].errors == {
            "reason": [
                "Bitte sicherstellen, dass der Wert aus höchstens 2000 Zeichen besteht. "
                "(Er besteht aus 2001 Zeichen.)"
            ]
        }
        assert stored(community) == before

    def test_a_member_removed_in_between_gets_a_message_not_an_error(
        self, auth_client, community, coordinator, member
    ):
        target = url(community, member, "remove")
        client = auth_client(coordinator)
        client.post(target, {"reason": "erstes Mal"}, follow=True)
        before = stored(community)
        response = client.post(target, {"reason": "zweites Mal"}, follow=True)
        assert flashes(response) == [f"{member.display_name} ist kein Mitglied dieser Community mehr."]
        assert stored(community) == before

    def test_a_plain_member_cannot_remove_anyone(self, auth_client, community, coordinator, member):
        before = stored(community)
        client = auth_client(member)
        assert client.get(url(community, coordinator, "remove")).status_code == HTTPStatus.FORBIDDEN
        assert client.post(url(community, coordinator, "remove")).status_code == HTTPStatus.FORBIDDEN
        assert stored(community) == before

    def test_a_coordinator_of_another_community_gets_403(self, auth_client, community, coordinator, member):
        other = MembershipFactory(role=Membership.Role.COORDINATOR).user
        before = stored(community)
        assert auth_client(other).post(url(community, member, "remove")).status_code == HTTPStatus.FORBIDDEN
        assert stored(community) == before


# Session, user, community, own membership, how many wait and the first of them, the member
# count (kept in the cache; without a limit it is also the number beside the limit), the coordinators'
# memberships and their confirmed people, and the page of members; a page that coordinators fill reads
# no members.
@pytest.mark.django_db
@pytest.mark.parametrize(("count", "queries"), [(1, 9), (2, 10), (30, 10)])
def test_manage_page_queries_do_not_grow_with_members(
    auth_client, community, coordinator, count, queries, django_assert_num_queries
):
    MembershipFactory.create_batch(count - 1, community=community)
    MembershipFactory(community=community, status=Membership.Status.PENDING, joined_at=None)
    client = auth_client(coordinator)
    with django_assert_num_queries(queries):
        response = client.get("/communities/pe/manage/")
    assert len(response.context["members"]) == min(count, PER_PAGE)
    with django_assert_num_queries(queries - 1):  # the count now comes from the cache
        assert client.get("/communities/pe/manage/").context["page"].paginator.count == count


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRESQL, reason="EXPLAIN (ANALYZE, FORMAT JSON) is PostgreSQL's")
def test_the_member_list_reads_along_its_indexes(auth_client, community, coordinator):
    # At scale the planner walks these indexes by itself (members.selectors.ManagedMembers); on a
    # handful of rows every other way is cheaper, so it is told to avoid them.
    MembershipFactory(community=community, role=Membership.Role.COORDINATOR)
    MembershipFactory.create_batch(30, community=community)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
    client = auth_client(coordinator)
    scans = {
        scan for plan in page_plans(client, "/communities/pe/manage/", slowest=20) for scan in plan.scans
    }
    assert "Index Scan using member_name_order on members_user" in scans
    assert any("using membership_community_role on members_membership" in scan for scan in scans)
