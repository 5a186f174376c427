"""A community's meeting rule turned into dates: every N months, the Kth (or last) weekday, local time.

Dates are computed with dateutil's rrule on *naive local* datetimes and only then made aware in
Europe/Berlin, so a 10:00 meeting stays 10:00 on the wall clock in March and in October.
"""

import datetime
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, rrule

BERLIN = ZoneInfo("Europe/Berlin")
_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _rule(*, interval: int, week: int, weekday: int, start_time: datetime.time, first_month: datetime.date):
    dtstart = datetime.datetime.combine(first_of_month(first_month), start_time).replace(tzinfo=None)
    return rrule(MONTHLY, interval=interval, byweekday=_WEEKDAYS[weekday](week), dtstart=dtstart)


def local_start(naive: datetime.datetime) -> datetime.datetime:
    """A wall-clock time in Berlin as an aware datetime."""
    return naive.replace(tzinfo=BERLIN)


def end_after(starts_at: datetime.datetime, minutes: int) -> datetime.datetime:
    """Add real minutes (through UTC), so a meeting across a DST change still lasts `minutes`."""
    return (starts_at.astimezone(datetime.UTC) + datetime.timedelta(minutes=minutes)).astimezone(BERLIN)


def first_date_after(
    *, week: int, weekday: int, start_time: datetime.time, after: datetime.date
) -> datetime.datetime:
    """The first date matching the weekday rule (any month) strictly after `after`, aware."""
    rule = _rule(interval=1, week=week, weekday=weekday, start_time=start_time, first_month=after)
    for naive in rule:
        if naive.date() > after:
            return local_start(naive)
    raise AssertionError("an rrule without an end always yields")  # pragma: no cover


def series(
    *, months: int, week: int, weekday: int, start_time: datetime.time, first_month: datetime.date
) -> Iterator[datetime.datetime]:
    """Aware start times in `first_month`, then every `months` months, without end."""
    for naive in _rule(
        interval=months, week=week, weekday=weekday, start_time=start_time, first_month=first_month
    ):
        yield local_start(naive)


def horizon(today: datetime.date, months: int = 12) -> datetime.date:
    return today + relativedelta(months=months)
