"""A meeting takes place between 2000 and ten years ahead: refused at the field, never a 500.

Times far outside that window once reached the database (a BC timestamp on PostgreSQL) and then
every page listing the community's meetings answered 500; times near 9999 overflowed the agenda's
start times. The service refuses them (meetings.services.meeting_time_check), the forms show the
message at the field, and the database's check constraint is the backstop.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Meeting
from members.models import Membership
from tests.badinput.forms import forms_in
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.conftest import berlin
from tests.meetings.factories import MeetingFactory

TOO_EARLY = "Ein Treffen kann nicht vor dem Jahr 2000 stattfinden."
TOO_LATE = "Ein Treffen kann höchstens 10 Jahre im Voraus geplant werden."

# (label, start, end as typed into the form, message at the start field, at the end field or None)
EDGES = [
    ("year 1", "0001-01-01T00:10", "0001-01-01T02:00", TOO_EARLY, TOO_EARLY),
    ("last evening before 2000", "1999-12-31T22:00", "1999-12-31T23:00", TOO_EARLY, TOO_EARLY),
    # 01:00 in Berlin on 1 January 2000 is midnight UTC: the end is inside the window.
    ("across new year 2000", "1999-12-31T23:00", "2000-01-01T01:00", TOO_EARLY, None),
    ("year 9999", "9999-12-31T23:00", "9999-12-31T23:59", TOO_LATE, TOO_LATE),
    ("year 2100", "2100-01-01T10:00", "2100-01-01T12:00", TOO_LATE, TOO_LATE),
]


@pytest.fixture
def coordinator_client(client, db):
    community = CommunityFactory()
    coordinator = MembershipFactory(community=community, role=Membership.Role.COORDINATOR).user
    client.force_login(coordinator)
    meeting = MeetingFactory(community=community, facilitator=coordinator)
    return client, meeting


def stored(meeting) -> dict:
    return Meeting.objects.filter(pk=meeting.pk).values().get()


@pytest.mark.parametrize(
    ("start", "end", "start_error", "end_error"), [e[1:] for e in EDGES], ids=[e[0] for e in EDGES]
)
def test_meeting_edit_refuses_far_off_times_at_the_field_and_stores_nothing(
    coordinator_client, start, end, start_error, end_error
):
    client, meeting = coordinator_client
    url = reverse("meeting_edit", kwargs={"pk": meeting.pk})
    before = stored(meeting)
    response = client.post(
        url, {"title": "Verschoben", "starts_at": start, "ends_at": end, "format": "online", "location": ""}
    )
    form = response.context["form"]
    assert (response.status_code, form.errors.get("starts_at"), form.errors.get("ends_at")) == (
        400,
        [start_error],
        end_error and [end_error],
    )
    assert stored(meeting) == before
    # The pages that list the meeting still answer.
    pages = [
        meeting.get_absolute_url(),
        reverse("community_meetings", kwargs={"slug": meeting.community.slug}),
        reverse("community_detail", kwargs={"slug": meeting.community.slug}),
    ]
    assert [client.get(page).status_code for page in pages] == [200, 200, 200]


def test_meeting_edit_accepts_a_time_nine_years_ahead(coordinator_client):
    client, meeting = coordinator_client
    year = timezone.localdate().year + 9
    response = client.post(
        reverse("meeting_edit", kwargs={"pk": meeting.pk}),
        {
            "title": "Weit voraus",
            "starts_at": f"{year}-06-02T10:00",
            "ends_at": f"{year}-06-02T12:00",
            "format": "online",
            "location": "",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.starts_at) == ("Weit voraus", berlin(year, 6, 2, 10, 0))


def test_meeting_create_refuses_a_start_before_2000_on_its_field(db):
    community = CommunityFactory()
    with pytest.raises(ValidationError) as caught:
        services.meeting_create(
            community=community, starts_at=berlin(1999, 12, 31, 22, 0), ends_at=berlin(2000, 1, 1, 10, 0)
        )
    assert caught.value.message_dict == {"starts_at": [TOO_EARLY]}
    assert Meeting.objects.filter(community=community).count() == 0


def test_meeting_update_refuses_eleven_years_ahead_and_keeps_the_meeting(db):
    meeting = MeetingFactory()
    before = stored(meeting)
    far = timezone.now() + datetime.timedelta(days=11 * 366)
    with pytest.raises(ValidationError) as caught:
        services.meeting_update(meeting=meeting, starts_at=far, ends_at=far + datetime.timedelta(hours=2))
    assert caught.value.message_dict == {"starts_at": [TOO_LATE], "ends_at": [TOO_LATE]}
    assert stored(meeting) == before


def test_planning_from_a_date_beyond_the_window_is_refused_and_creates_nothing(db):
    community = CommunityFactory()
    MembershipFactory(community=community)
    with pytest.raises(ValidationError) as caught:
        services.meeting_plan_next(community=community, count=2, today=datetime.date(2099, 11, 1))
    assert caught.value.messages == [TOO_LATE, TOO_LATE]
    assert Meeting.objects.filter(community=community).count() == 0


def test_a_meeting_at_the_end_of_the_window_with_a_template_agenda_renders(coordinator_client):
    """The agenda's start times add minutes to the meeting's start: no overflow inside the window."""
    client, meeting = coordinator_client
    latest = timezone.now() + datetime.timedelta(days=10 * 365 - 2)
    meeting = services.meeting_update(
        meeting=meeting, starts_at=latest, ends_at=latest + datetime.timedelta(hours=2)
    )
    services.agenda_apply_template(meeting=meeting, template="regular", user=UserFactory())
    response = client.get(meeting.get_absolute_url())
    assert (response.status_code, AgendaItem.objects.filter(meeting=meeting).count()) == (200, 4)


# --- the admin ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "start_error", "end_error"), [e[1:] for e in EDGES], ids=[e[0] for e in EDGES]
)
def test_admin_meeting_form_refuses_far_off_times_at_the_field(
    client, db, start, end, start_error, end_error
):
    staff = UserFactory(is_staff=True, is_superuser=True, totp=True)
    client.force_login(staff)
    meeting = MeetingFactory()
    before = stored(meeting)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    (form,) = [
        f
        for f in forms_in(client.get(url).content.decode(), url)
        if f.method == "post" and urlsplit(f.action).path == url
    ]
    (start_date, start_time), (end_date, end_time) = start.split("T"), end.split("T")
    changes = {
        "starts_at_0": start_date,
        "starts_at_1": start_time,
        "ends_at_0": end_date,
        "ends_at_1": end_time,
    }
    pairs = [(key, value) for key, value in form.baseline() if key not in changes and key != "_addanother"]
    response = client.post(url, dict([*pairs, *changes.items()]))
    admin_form = response.context["adminform"].form
    assert (response.status_code, admin_form.errors.get("starts_at"), admin_form.errors.get("ends_at")) == (
        200,
        [start_error],
        end_error and [end_error],
    )
    assert stored(meeting) == before
