import datetime

import pytest
from dateutil.relativedelta import relativedelta

from meetings.cadence import BERLIN
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

# A fixed "today" for planning, so that dates in assertions are whole values.
TODAY = datetime.date(2026, 1, 1)


def berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def joined(day: int) -> datetime.datetime:
    """A join date: day N of 2020, so that membership order is explicit in a test."""
    return datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(days=day)


@pytest.fixture
def monthly_community(db):
    """Second Tuesday of every month, 10:00–12:00, members take turns."""
    return CommunityFactory(
        cadence_months=1,
        cadence_week=2,
        cadence_weekday=1,
        meeting_start_time=datetime.time(10, 0),
        meeting_duration_minutes=120,
    )


@pytest.fixture
def pool_of(db):
    """Active rotation members of a community, joined in the order given."""

    def _pool(community, size, *, organisation=None):
        people = []
        for index in range(size):
            user = UserFactory(organisation=organisation or OrganisationFactory())
            MembershipFactory(community=community, user=user, joined_at=joined(index))
            people.append(user)
        return people

    return _pool


def second_tuesday(month: datetime.date) -> datetime.date:
    first = month.replace(day=1)
    return first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 7)


def cadence_series(*, months: int, today: datetime.date) -> list[datetime.date]:
    """Every second Tuesday `months` apart, from the first after `today` up to a year from today:
    the dates a planning run creates for a new community, whatever the date today."""
    month = today.replace(day=1)
    if second_tuesday(month) <= today:
        month += relativedelta(months=1)
    dates = []
    while second_tuesday(month) <= today + relativedelta(years=1):
        dates.append(second_tuesday(month))
        month += relativedelta(months=months)
    return dates
