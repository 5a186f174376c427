import datetime
from zoneinfo import ZoneInfo

import pytest

from calendars import services
from meetings.models import Meeting
from members.models import Community
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

BERLIN = ZoneInfo("Europe/Berlin")
UTC = datetime.UTC


def berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def fixed_now(monkeypatch):
    """Today is 1 November 2026 (the feed window runs from 1 May 2026 to 1 November 2028)."""
    now = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    return now


@pytest.fixture
def community(db):
    return CommunityFactory(name="Personalentwicklung", slug="pe", visibility=Community.Visibility.PUBLIC)


@pytest.fixture
def internal_community(db):
    return CommunityFactory(name="Working Out Loud", slug="wol", visibility=Community.Visibility.INTERNAL)


@pytest.fixture
def member(community):
    user = UserFactory(email="erika@kassel.de", first_name="Erika", last_name="Mustermann")
    MembershipFactory(community=community, user=user)
    return user


@pytest.fixture
def winter_meeting(community):
    """10:00–12:00 in Berlin in winter (CET, UTC+1): 09:00–11:00 UTC."""
    return MeetingFactory(
        community=community,
        title="Treffen Januar",
        starts_at=berlin(2027, 1, 12, 10, 0),
        ends_at=berlin(2027, 1, 12, 12, 0),
        video_url="https://video.example.org/pe-januar",
    )


@pytest.fixture
def summer_meeting(community):
    """14:00–15:30 in Berlin in summer (CEST, UTC+2): 12:00–13:30 UTC."""
    return MeetingFactory(
        community=community,
        title="Treffen Juli",
        starts_at=berlin(2027, 7, 13, 14, 0),
        ends_at=berlin(2027, 7, 13, 15, 30),
        video_url="https://video.example.org/pe-juli",
    )


@pytest.fixture
def feed_secret(member):
    _token, secret = services.feed_token_create(user=member, name="Outlook Büro")
    return secret


@pytest.fixture
def feed_url(feed_secret):
    return f"/calendar/feed/{feed_secret}.ics"


def accepted_item(meeting: Meeting, title: str, minutes: int, position: int, **kwargs):
    return AgendaItemFactory(
        meeting=meeting, title=title, duration_minutes=minutes, position=position, status="accepted", **kwargs
    )
