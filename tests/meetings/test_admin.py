"""The admin for site coordinators: meetings with their agenda inline, planning from the community list."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.cadence import BERLIN
from meetings.models import Meeting
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .conftest import berlin, cadence_series
from .factories import AgendaItemFactory, AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, totp=True))
    return client


def test_meeting_list_queries_do_not_grow_with_meetings(staff_client, django_assert_num_queries):
    community = CommunityFactory()
    url = reverse("admin:meetings_meeting_changelist")

    def make(number):
        for index in range(number):
            meeting = MeetingFactory(
                community=community, facilitator=UserFactory(), starts_at=berlin(2030, 1 + index, 8, 10)
            )
            AgendaItemFactory.create_batch(2, meeting=meeting)

    make(1)
    # 5: session, user, second factor, count, page; neither a full count, nor a list of every
    # community for a filter, nor the years of every meeting for a date hierarchy.
    with django_assert_num_queries(5):
        response = staff_client.get(url)
    assert (response.status_code, response.context["cl"].result_count) == (HTTPStatus.OK, 1)

    make(3)
    with django_assert_num_queries(5):
        response = staff_client.get(url)
    assert (response.status_code, response.context["cl"].result_count) == (HTTPStatus.OK, 4)


def test_the_meeting_page_shows_agenda_items_and_attendance_inline(staff_client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, title="Kollegiale Beratung")
    attendance = AttendanceFactory(meeting=meeting)

    response = staff_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    formsets = {formset.formset.prefix: formset for formset in response.context["inline_admin_formsets"]}
    assert response.status_code == HTTPStatus.OK
    assert [form.instance for form in formsets["agenda_items"].formset.forms] == [item]
    assert [form.instance for form in formsets["attendances"].formset.forms] == [attendance]


def test_saving_a_moved_meeting_in_the_admin_raises_the_sequence(staff_client):
    meeting = MeetingFactory(starts_at=berlin(2030, 5, 14, 10), title="Treffen Mai")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "starts_at_0": "21.05.2030",
            "starts_at_1": "10:00:00",
            "ends_at_0": "21.05.2030",
            "ends_at_1": "12:00:00",
            "facilitator_confirmed": "",
        }
    )
    data.pop("starts_at")
    data.pop("ends_at")
    for prefix in ("agenda_items", "attendances", "facilitator_declines", "minutes_revisions"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    response = staff_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND, response.context and response.context["errors"]
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.sequence) == (berlin(2030, 5, 21, 10), 1)


def test_the_plan_action_on_communities_plans_once(staff_client):
    community = CommunityFactory(cadence_months=3)
    MembershipFactory(community=community)
    url = reverse("admin:members_community_changelist")
    data = {"action": "plan_next_meetings", "_selected_action": [community.pk]}

    first = staff_client.post(url, data, follow=True)
    planned = list(Meeting.objects.filter(community=community).values_list("slot", flat=True))
    second = staff_client.post(url, data, follow=True)

    assert (first.status_code, second.status_code) == (HTTPStatus.OK, HTTPStatus.OK)
    assert planned == cadence_series(months=3, today=timezone.localdate(timezone=BERLIN))
    assert list(Meeting.objects.filter(community=community).values_list("slot", flat=True)) == planned


def test_the_meeting_list_lists_no_community_in_its_filters(staff_client):
    communities = [CommunityFactory(name=f"Community Nummer {number}") for number in range(3)]
    MeetingFactory(community=communities[0])

    response = staff_client.get(reverse("admin:meetings_meeting_changelist"))

    html = response.content.decode()
    assert [community.name for community in communities if community.name in html] == [communities[0].name]
    assert response.context["cl"].show_full_result_count is False


def test_the_meeting_list_is_newest_first_and_filters_upcoming_and_past(staff_client):
    community = CommunityFactory()
    now = timezone.now()
    past = MeetingFactory(community=community, starts_at=now - datetime.timedelta(days=30))
    soon = MeetingFactory(community=community, starts_at=now + datetime.timedelta(days=3))
    later = MeetingFactory(community=community, starts_at=now + datetime.timedelta(days=90))
    same_start = MeetingFactory(community=CommunityFactory(), starts_at=later.starts_at)
    url = reverse("admin:meetings_meeting_changelist")

    def listed(**query):
        return list(staff_client.get(url, query).context["cl"].result_list)

    assert (listed(), listed(when="upcoming"), listed(when="past")) == (
        [same_start, later, soon, past],
        [same_start, later, soon],
        [past],
    )


def test_the_meeting_list_sorts_by_no_column_that_counts_every_meeting(staff_client):
    """The agenda items are counted for the page's rows only: their column offers no sorting, which
    would count them for every meeting of the platform."""
    AgendaItemFactory(meeting=MeetingFactory(), status="accepted")
    response = staff_client.get(reverse("admin:meetings_meeting_changelist"))
    html = response.content.decode()
    headers = re.findall(r'<th scope="col" class="([^"]*)">', html)
    assert [header for header in headers if "column-item_count" in header] == ["column-item_count"]
    assert [row.item_count for row in response.context["cl"].result_list] == [1]
