"""What every part of the meetings services shares: limits, locks, checks and the steps other
apps register."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from members.models import Community, Membership

from .. import cadence
from ..models import (
    AGENDA_ITEM_MAX_MINUTES,
    AGENDA_ITEM_MIN_MINUTES,
    MEETING_EARLIEST,
    AgendaItem,
    Meeting,
)

MAX_PLAN_COUNT = 24
MAX_MEETING_MINUTES = 12 * 60
MAX_MINUTES_LENGTH = 100_000
# How far ahead a meeting may be planned; well inside the database's window (models.MEETING_LATEST).
MEETING_YEARS_AHEAD = 10
CALENDAR_FIELDS = Meeting.CALENDAR_FIELDS


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("community").get(pk=meeting.pk)


def _lock_item(item: AgendaItem) -> AgendaItem:
    try:
        return AgendaItem.objects.select_for_update().select_related("meeting__community").get(pk=item.pk)
    except AgendaItem.DoesNotExist:
        raise ValidationError(_("This agenda item no longer exists; someone has removed it.")) from None


def _refuse_if_closed(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting has been cancelled and can no longer be changed."))
    if meeting.is_held:
        raise ValidationError(_("This meeting has already taken place and can no longer be changed."))


def _is_active_member(user, community) -> bool:
    return Membership.objects.is_active_member(user, community)


def meeting_time_check(value: datetime.datetime) -> None:
    """Refuse a time before 2000 or more than MEETING_YEARS_AHEAD years from now (aware `value`).

    The year is compared first: converting a time of year 1 or 9999 to UTC overflows, and such a
    time would also overflow the agenda's start times or break every page listing the meeting.
    """
    if value.year < MEETING_EARLIEST.year or value < MEETING_EARLIEST:
        raise ValidationError(_("A meeting cannot take place before the year 2000."), code="too_early")
    latest = timezone.now() + relativedelta(years=MEETING_YEARS_AHEAD)
    if value.year > latest.year or value > latest:
        raise ValidationError(
            _("A meeting can be planned at most %(years)d years ahead.") % {"years": MEETING_YEARS_AHEAD},
            code="too_late",
        )


def _refuse_out_of_range(**times) -> None:
    """meeting_time_check for each given time, the errors keyed by field name."""
    errors = {}
    for field, value in times.items():
        try:
            meeting_time_check(value)
        except ValidationError as error:
            errors[field] = error
    if errors:
        raise ValidationError(errors)


def _validate_times(starts_at, ends_at) -> None:
    """Both times given, aware and in range, the end after the start, at most 12 hours apart.

    An out-of-range time is reported on its field (starts_at / ends_at), so a form shows it there.
    """
    if starts_at is None or ends_at is None:
        raise ValidationError(_("Please give a start and an end."))
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError(_("Please give the time with its time zone."))
    _refuse_out_of_range(starts_at=starts_at, ends_at=ends_at)
    if ends_at <= starts_at:
        raise ValidationError(_("A meeting must end after it starts."))
    if ends_at - starts_at > datetime.timedelta(minutes=MAX_MEETING_MINUTES):
        raise ValidationError(_("A meeting can last at most 12 hours."))


def _validate_duration(minutes) -> int:
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        raise ValidationError(_("Please give the duration in whole minutes.")) from None
    if not AGENDA_ITEM_MIN_MINUTES <= minutes <= AGENDA_ITEM_MAX_MINUTES:
        # Same text as the model's constraint, so there is one message to translate.
        raise ValidationError(_("An agenda item takes between 1 and 240 minutes."))
    return minutes


def _save(instance, *, bump: bool = False, **clean_kwargs) -> None:
    if bump:
        instance.raise_sequence()
    instance.full_clean(**clean_kwargs)
    instance.save()


def default_title(*, community: Community, starts_at: datetime.datetime) -> str:
    """E.g. 'Personalentwicklung – Treffen März 2026' (month name in the active language)."""
    month = formats.date_format(timezone.localtime(starts_at, cadence.BERLIN), "F Y")
    title = _("%(community)s – meeting %(month)s") % {"community": community.name, "month": month}
    return title[: Meeting._meta.get_field("title").max_length]


def _next_position(meeting: Meeting) -> int:
    current = AgendaItem.objects.filter(meeting=meeting).aggregate(top=Max("position"))["top"]
    return (current or 0) + 1


# Other apps react when a meeting is recorded (held, or its outcomes changed later) or cancelled,
# e.g. topics: an item's topic becomes discussed and shows the outcome, or is open again. They
# register `function(meeting=...)` with `register_meeting_closed_step`; it runs inside the
# recording or cancelling transaction, and meetings itself depends on no such app.
_MEETING_CLOSED_STEPS = []


def register_meeting_closed_step(function) -> None:
    if function not in _MEETING_CLOSED_STEPS:
        _MEETING_CLOSED_STEPS.append(function)


# Writes of agenda items that send no model signal (bulk updates and inserts) tell other apps
# through these steps, e.g. calendars: the meeting's calendar entry is stale.
_AGENDA_CHANGED_STEPS = []


def register_agenda_changed_step(function) -> None:
    if function not in _AGENDA_CHANGED_STEPS:
        _AGENDA_CHANGED_STEPS.append(function)


def _agenda_changed(meeting: Meeting) -> None:
    for step in _AGENDA_CHANGED_STEPS:
        step(meeting=meeting)
