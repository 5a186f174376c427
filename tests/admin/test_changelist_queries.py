"""Admin changelists cost the same number of queries for one row and for several.

Every admin page includes one query for the signed-in person's second factor
(cop.middleware.AdminTwoFactorMiddleware).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Invitation, Membership
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 4])
def test_user_changelist_queries_do_not_grow_with_rows(
    superuser_client, superuser, django_assert_num_queries, rows
):
    # The superuser (sorted first) is one row; every further user brings an organisation of its own.
    others = [UserFactory(last_name=f"Zimmermann {number}") for number in range(rows - 1)]
    # 5: the table of users is not counted in full (show_full_result_count = False).
    with django_assert_num_queries(5):
        response = superuser_client.get(reverse("admin:members_user_changelist"))
    assert list(response.context["cl"].result_list) == [superuser, *others]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 4])
def test_organisation_changelist_queries_do_not_grow_with_rows(
    superuser_client, django_assert_num_queries, rows
):
    town = OrganisationFactory(name="Stadt Kassel", slug="kassel")
    organisations = [town] + [
        OrganisationFactory(name=f"Stadtwerke {number}", slug=f"stadtwerke-{number}", parent=town)
        for number in range(rows - 1)
    ]
    for organisation in organisations:
        UserFactory.create_batch(2, organisation=organisation)
    UserFactory(organisation=town, is_active=False)
    # 5: the whole table is not counted (show_full_result_count = False).
    with django_assert_num_queries(5):
        response = superuser_client.get(reverse("admin:members_organisation_changelist"))
    result = response.context["cl"].result_list
    assert [(row.name, row.parent, row.member_count) for row in result] == [
        (organisation.name, organisation.parent, 2) for organisation in organisations
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 4])
def test_community_changelist_queries_do_not_grow_with_rows(
    superuser_client, django_assert_num_queries, rows
):
    cop = CommunityFactory(name="Personalentwicklung", slug="personalentwicklung")
    communities = [cop] + [
        CommunityFactory(name=f"Spin-off {number}", slug=f"spin-off-{number}", parent=cop)
        for number in range(rows - 1)
    ]
    for community in communities:
        MembershipFactory.create_batch(2, community=community)
        MembershipFactory(community=community, status=Membership.Status.PENDING)
    # 5: the whole table is not counted (show_full_result_count = False).
    with django_assert_num_queries(5):
        response = superuser_client.get(reverse("admin:members_community_changelist"))
    result = response.context["cl"].result_list
    assert [(row.name, row.parent, row.active_member_count) for row in result] == [
        (community.name, community.parent, 2) for community in communities
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 4])
def test_membership_changelist_queries_do_not_grow_with_rows(
    superuser_client, django_assert_num_queries, rows
):
    memberships = MembershipFactory.create_batch(rows)
    # 5: no full count, no list of every community for a filter, no date hierarchy.
    with django_assert_num_queries(5):
        response = superuser_client.get(reverse("admin:members_membership_changelist"))
    # Newest first, by primary key: no join to the communities' names to sort.
    assert list(response.context["cl"].result_list) == memberships[::-1]


@pytest.mark.django_db
def test_membership_changelist_lists_no_communities_in_its_filters(superuser_client):
    communities = [CommunityFactory(name=f"Community Nummer {number}") for number in range(3)]
    membership = MembershipFactory(community=communities[0])
    response = superuser_client.get(reverse("admin:members_membership_changelist"))
    html = response.content.decode()
    assert [spec.title for spec in response.context["cl"].filter_specs] == [
        "Status",
        "Rolle",
        "übernimmt reihum die Moderation",
    ]
    assert [c.name for c in communities if c.name in html] == [communities[0].name]
    # Filtering by one community still works through the URL (the community page's admin links to it).
    response = superuser_client.get(
        reverse("admin:members_membership_changelist"), {"community__id__exact": communities[0].pk}
    )
    assert list(response.context["cl"].result_list) == [membership]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 4])
def test_invitation_changelist_queries_do_not_grow_with_rows(
    superuser_client, superuser, django_assert_num_queries, rows
):
    invitations = [
        Invitation.objects.create(
            community=CommunityFactory(),
            email=f"neu{number}@example.org",
            token_hash=f"{number:064d}",
            invited_by=superuser,
            expires_at=timezone.now() + datetime.timedelta(days=14),
        )
        for number in range(rows)
    ]
    with django_assert_num_queries(8):
        response = superuser_client.get(reverse("admin:members_invitation_changelist"))
    assert list(response.context["cl"].result_list) == invitations[::-1]


@pytest.mark.django_db
def test_changelists_count_no_further_than_the_cap(superuser_client, monkeypatch):
    import cop.pagination
    from members.admin import MembershipAdmin

    monkeypatch.setattr(cop.pagination, "ADMIN_COUNTED_UP_TO", 3)
    monkeypatch.setattr(MembershipAdmin, "list_per_page", 2)
    memberships = MembershipFactory.create_batch(5)
    response = superuser_client.get(reverse("admin:members_membership_changelist"))
    changelist = response.context["cl"]
    assert (
        changelist.result_count,
        changelist.paginator.capped,
        changelist.paginator.num_pages,
        list(changelist.result_list),
    ) == (3, True, 2, memberships[::-1][:2])
    # A filter that narrows the list below the cap is counted exactly.
    response = superuser_client.get(
        reverse("admin:members_membership_changelist"), {"community__id__exact": memberships[0].community_id}
    )
    assert (response.context["cl"].result_count, response.context["cl"].paginator.capped) == (1, False)


@pytest.mark.django_db
def test_the_action_checkbox_is_written_as_django_writes_it():
    from django.contrib import admin as django_admin

    from meetings.admin import MeetingAdmin
    from meetings.models import Meeting
    from tests.meetings.factories import MeetingFactory

    meeting = MeetingFactory(title='Treffen <März> & "Ausblick"')
    ours = MeetingAdmin(Meeting, django_admin.site).action_checkbox(meeting)
    djangos = django_admin.ModelAdmin(Meeting, django_admin.site).action_checkbox(meeting)
    assert (str(ours), "&lt;März&gt; &amp; &quot;Ausblick&quot;" in ours) == (str(djangos), True)
