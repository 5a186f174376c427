"""Factories for meetings tests (the members factories live in tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Meeting
from tests.factories import CommunityFactory, UserFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Treffen {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + datetime.timedelta(minutes=120))
    format = "online"
    video_url = "https://video.example.org/cop"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    kind = AgendaItem.Kind.DISCUSSION
    duration_minutes = 20
    proposed_by = factory.SubFactory(UserFactory)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    response = Attendance.Response.YES
