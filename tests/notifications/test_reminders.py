"""The periodic job: reminders once per meeting and time, safe to run again; the sending command's
queries do not grow with the number of recipients."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from meetings import services as meeting_services
from meetings.models import Attendance
from members.models import Community
from notifications.models import Kind, Notification
from notifications.reminders import queue_reminders
from notifications.services import notify, send_due
from tests.factories import CommunityFactory, MembershipFactory
from tests.meetings.factories import AttendanceFactory, MeetingFactory

from .conftest import verify


def rows():
    return sorted(Notification.objects.values_list("kind", "user__email", "key"))


def stamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%MZ")


@pytest.fixture
def community(db):
    return CommunityFactory(name="Personalentwicklung")


@pytest.mark.django_db
def test_members_get_the_nearest_reminder_and_a_second_run_adds_nothing(community, smtp_server):
    erika = verify(MembershipFactory(community=community, user__email="erika@kassel.de").user)
    nein = verify(MembershipFactory(community=community, user__email="nein@kassel.de").user)
    now = timezone.now()
    soon = MeetingFactory(community=community, starts_at=now + datetime.timedelta(hours=20))
    next_week = MeetingFactory(community=community, starts_at=now + datetime.timedelta(days=6))
    MeetingFactory(community=community, starts_at=now + datetime.timedelta(days=30))  # not yet
    AttendanceFactory(meeting=soon, user=nein, response=Attendance.Response.NO)

    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert rows() == [
        ("meeting_reminder", "erika@kassel.de", f"meeting:{soon.pk}:1d:{stamp(soon.starts_at)}"),
        ("meeting_reminder", "erika@kassel.de", f"meeting:{next_week.pk}:7d:{stamp(next_week.starts_at)}"),
        ("meeting_reminder", "nein@kassel.de", f"meeting:{next_week.pk}:7d:{stamp(next_week.starts_at)}"),
    ]
    assert sorted(smtp_server.inbox.recipients) == [[erika.email], [erika.email], [nein.email]]


@pytest.mark.django_db
def test_a_meeting_moved_after_its_reminder_gets_a_new_one(community):
    MembershipFactory(community=community, user__email="erika@kassel.de")
    now = timezone.now()
    meeting = MeetingFactory(community=community, starts_at=now + datetime.timedelta(days=5))
    queue_reminders(now=now)
    first = meeting.starts_at

    moved = first + datetime.timedelta(hours=1)
    meeting = meeting_services.meeting_update(
        meeting=meeting, starts_at=moved, ends_at=moved + datetime.timedelta(hours=2)
    )
    queue_reminders(now=now)
    queue_reminders(now=now)

    assert rows() == [
        ("meeting_reminder", "erika@kassel.de", f"meeting:{meeting.pk}:7d:{stamp(first)}"),
        ("meeting_reminder", "erika@kassel.de", f"meeting:{meeting.pk}:7d:{stamp(moved)}"),
    ]


@pytest.mark.django_db
def test_the_facilitator_is_reminded_weeks_ahead_once(community, settings):
    settings.NOTIFICATIONS_FACILITATION_REMINDER_WEEKS = 3
    community.reminder_days_early = community.reminder_days_late = 0
    community.save()
    facilitator = MembershipFactory(community=community, user__email="moderation@kassel.de").user
    now = timezone.now()
    meeting = MeetingFactory(
        community=community, facilitator=facilitator, starts_at=now + datetime.timedelta(days=20)
    )
    MeetingFactory(community=community, facilitator=facilitator, starts_at=now + datetime.timedelta(days=22))
    cancelled = MeetingFactory(community=community, facilitator=facilitator, status="cancelled")

    queue_reminders(now=now)
    queue_reminders(now=now)

    assert rows() == [
        ("facilitation_reminder", "moderation@kassel.de", f"meeting:{meeting.pk}:{stamp(meeting.starts_at)}")
    ]
    assert cancelled.pk != meeting.pk


def queue_for(count, django_capture_on_commit_callbacks):
    users = [verify(MembershipFactory().user) for _ in range(count)]
    context = {"community": "PE", "meeting": "Treffen", "starts_at": "2026-06-09T08:00:00+00:00", "path": "/"}
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=Kind.MEETING_REMINDER, users=users, key="meeting:1", context=context)


@pytest.mark.django_db
@pytest.mark.parametrize("recipients", [1, 6])
def test_sending_costs_the_same_queries_for_one_and_many_recipients(
    recipients, django_assert_num_queries, django_capture_on_commit_callbacks
):
    queue_for(recipients, django_capture_on_commit_callbacks)

    with django_assert_num_queries(4):  # savepoint, claim the rows, save the outcomes, release
        result = send_due()

    assert result.sent == recipients


@pytest.mark.django_db
def test_each_community_chooses_its_reminder_days():
    now = timezone.now()
    early = CommunityFactory(reminder_days_early=14, reminder_days_late=2)
    silent = CommunityFactory(reminder_days_early=0, reminder_days_late=0)
    only_one = CommunityFactory(reminder_days_early=0, reminder_days_late=3)
    for community, email in (
        (early, "frueh@kassel.de"),
        (silent, "still@kassel.de"),
        (only_one, "eine@kassel.de"),
    ):
        MembershipFactory(community=community, user__email=email)
    in_ten_days = MeetingFactory(community=early, starts_at=now + datetime.timedelta(days=10))
    tomorrow = MeetingFactory(community=early, starts_at=now + datetime.timedelta(hours=36))
    MeetingFactory(community=early, starts_at=now + datetime.timedelta(days=15))  # not yet
    MeetingFactory(community=silent, starts_at=now + datetime.timedelta(hours=12))
    MeetingFactory(community=only_one, starts_at=now + datetime.timedelta(days=5))  # not yet
    in_two_days = MeetingFactory(community=only_one, starts_at=now + datetime.timedelta(days=2))

    queue_reminders(now=now)

    assert rows() == [
        ("meeting_reminder", "eine@kassel.de", f"meeting:{in_two_days.pk}:3d:{stamp(in_two_days.starts_at)}"),
        (
            "meeting_reminder",
            "frueh@kassel.de",
            f"meeting:{in_ten_days.pk}:14d:{stamp(in_ten_days.starts_at)}",
        ),
        ("meeting_reminder", "frueh@kassel.de", f"meeting:{tomorrow.pk}:2d:{stamp(tomorrow.starts_at)}"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("early", "late", "message"),
    [
        (1, 3, "Die zweite Erinnerung kommt näher am Treffen als die erste."),
        (7, 7, "Die zweite Erinnerung kommt näher am Treffen als die erste."),
        (61, 1, "Dieser Wert muss kleiner oder gleich 60 sein."),
    ],
)
def test_reminder_days_out_of_order_or_range_are_refused_by_form_and_database(early, late, message):
    community = CommunityFactory()
    community.reminder_days_early, community.reminder_days_late = early, late
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        community.full_clean()
    assert message in refused.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        Community.objects.filter(pk=community.pk).update(reminder_days_early=early, reminder_days_late=late)
    community.refresh_from_db()
    assert (community.reminder_days_early, community.reminder_days_late) == (7, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("members", [1, 6])
def test_the_periodic_pass_costs_the_same_queries_for_one_and_many_members(
    members, settings, django_assert_num_queries
):
    settings.NOTIFICATIONS_MINUTES_REMINDER_DAYS = 3
    community = CommunityFactory()
    people = [MembershipFactory(community=community).user for _ in range(members)]
    now = timezone.now()
    MeetingFactory(community=community, facilitator=people[0], starts_at=now + datetime.timedelta(days=2))
    MeetingFactory(community=community, facilitator=people[0], starts_at=now - datetime.timedelta(days=4))

    # facilitation: read + insert; members: meetings, members, declines, insert; minutes: read +
    # insert; digest: requests
    with django_assert_num_queries(9):
        queue_reminders(now=now)

    assert set(Notification.objects.values_list("kind", flat=True)) == {
        "facilitation_reminder",
        "meeting_reminder",
        "minutes_reminder",
    }
    assert Notification.objects.filter(kind="meeting_reminder").count() == members
