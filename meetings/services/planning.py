"""Planning meetings: the cadence, the next meetings, creating, changing and cancelling one."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cop.fields import refuse_unknown_fields
from members.models import Community, Organisation, User
from notifications import hooks as notices

from .. import cadence
from ..models import (
    Meeting,
)
from ..rotation import Rotation, next_turn
from ..selectors import community_organisations
from ._common import (
    _MEETING_CLOSED_STEPS,
    CALENDAR_FIELDS,
    MAX_PLAN_COUNT,
    _is_active_member,
    _lock_meeting,
    _refuse_if_closed,
    _refuse_out_of_range,
    _save,
    _validate_times,
    default_title,
)
from .agenda import _carry_over_deferred

# What the cadence page changes: the meeting rule and defaults, and how the rotation goes.
CADENCE_FIELDS = (*Community.CADENCE_FIELDS, "rotation_mode")


@transaction.atomic
def community_cadence_update(*, community: Community, **fields) -> Community:
    """Change the meeting rule and defaults (and the members' reminder days). Meetings planned already
    keep their dates and places;
    the next planning run continues the series from the latest planned meeting with the new rule."""
    refuse_unknown_fields("community_cadence_update", fields, (*CADENCE_FIELDS, *Community.REMINDER_FIELDS))
    community = Community.objects.select_for_update().get(pk=community.pk)
    for name, value in fields.items():
        setattr(community, name, value.strip() if isinstance(value, str) else value)
    community.full_clean()
    community.save(update_fields=list(fields))
    return community


def _slots_to_plan(
    *, community: Community, today: datetime.date, count: int | None
) -> list[datetime.datetime]:
    """Which cadence dates to plan.

    The series is anchored to the community's latest cadence meeting (any status, so a cancelled
    date is not planned again): it continues every N months from that meeting's month, skipping
    dates that are not after today, so re-running continues the same series. Without any cadence
    meeting, the series starts at the first matching date after today.

    count None: every date of the series up to 12 months from today.
    count k: as many dates as needed so that k upcoming cadence meetings (not cancelled) exist.
    """
    months = community.cadence_months
    rule = {"week": community.cadence_week, "weekday": community.cadence_weekday}
    rule["start_time"] = community.meeting_start_time
    cadence_meetings = Meeting.objects.filter(community=community, slot__isnull=False)
    latest = cadence_meetings.order_by("-slot").values_list("slot", flat=True).first()
    if latest is None:
        first = cadence.first_date_after(after=today, **rule)
        first_month = cadence.first_of_month(first.date())
    else:
        first_month = cadence.first_of_month(latest) + relativedelta(months=months)

    if count is None:
        until = cadence.horizon(today)
        wanted = None
    else:
        until = None
        upcoming = cadence_meetings.filter(slot__gt=today).exclude(status=Meeting.Status.CANCELLED).count()
        wanted = count - upcoming
        if wanted <= 0:
            return []

    dates = []
    for starts_at in cadence.series(months=months, first_month=first_month, **rule):
        day = starts_at.date()
        if day <= today or (latest is not None and day <= latest):
            continue
        if until is not None and day > until:
            break
        dates.append(starts_at)
        if wanted is not None and len(dates) >= wanted:
            break
    return dates


@transaction.atomic
def meeting_plan_next(
    *, community: Community, count: int | None = None, today: datetime.date | None = None
) -> list[Meeting]:
    """Create the community's next meetings from its cadence and propose a facilitator for each.

    Which dates: see _slots_to_plan (series anchored to the latest cadence meeting, else the first
    matching date after today; by default everything up to 12 months ahead). Idempotent: running it
    again creates nothing twice. The community row is locked so that two coordinators planning at
    the same moment queue up; the (community, slot) unique constraint is the backstop, each insert
    runs in its own savepoint and a slot someone else took is skipped.

    Returns only the meetings this call created, in date order. Each is a turn for the next pick,
    so nobody gets two meetings of one run unless the pool is smaller than the run.
    """
    if count is not None and not 1 <= count <= MAX_PLAN_COUNT:
        raise ValidationError(
            _("You can plan between 1 and %(max)d meetings at once.") % {"max": MAX_PLAN_COUNT}
        )
    community = Community.objects.select_for_update().get(pk=community.pk)
    today = today or timezone.localdate(timezone=cadence.BERLIN)
    slots = _slots_to_plan(community=community, today=today, count=count)
    if not slots:
        return []
    rotation = Rotation(community)
    by_organisation = rotation.by_organisation
    created = []
    for starts_at in slots:
        ends_at = cadence.end_after(starts_at, community.meeting_duration_minutes)
        _validate_times(starts_at, ends_at)
        turn = rotation.propose()
        meeting = Meeting(
            community=community,
            title=default_title(community=community, starts_at=starts_at),
            starts_at=starts_at,
            ends_at=ends_at,
            format=community.meeting_format,
            location=community.meeting_location,
            video_url=community.video_url,
            facilitator=turn.user if turn else None,
            host_organisation=turn.organisation if (turn and by_organisation) else None,
            slot=starts_at.date(),
        )
        meeting.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                meeting.save()
        except IntegrityError:
            continue  # someone else planned this date a moment ago
        if turn:
            rotation.record(user=turn.user, when=starts_at, organisation=meeting.host_organisation)
        created.append(meeting)
    _carry_over_deferred(community=community)
    notices.facilitators_proposed(*created)
    return created


@transaction.atomic
def meeting_create(
    *,
    community: Community,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    title: str = "",
    format: str | None = None,
    location: str | None = None,
    video_url: str | None = None,
    facilitator: User | None = None,
    propose_facilitator: bool = True,
) -> Meeting:
    """An extra meeting outside the cadence (no slot). Without a facilitator, the rotation proposes one."""
    _validate_times(starts_at, ends_at)
    community = Community.objects.select_for_update().get(pk=community.pk)
    meeting = Meeting(
        community=community,
        title=title.strip() or default_title(community=community, starts_at=starts_at),
        starts_at=starts_at,
        ends_at=ends_at,
        format=format or community.meeting_format,
        location=community.meeting_location if location is None else location,
        video_url=community.video_url if video_url is None else video_url,
    )
    if facilitator is not None:
        if not _is_active_member(facilitator, community):
            raise ValidationError(_("The facilitator must be an active member of the community."))
        meeting.facilitator = facilitator
    elif propose_facilitator:
        turn = next_turn(community=community)
        if turn is not None:
            meeting.facilitator = turn.user
            if community.rotation_mode == Community.RotationMode.ORGANISATION:
                meeting.host_organisation = turn.organisation
    _save(meeting)
    _carry_over_deferred(community=community)
    notices.facilitators_proposed(meeting)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, **fields) -> Meeting:
    """Move a meeting or change its title, format, place or link; raises `sequence` on a change."""
    refuse_unknown_fields("meeting_update", fields, CALENDAR_FIELDS)
    # Before comparing with the stored times: comparing a time of year 1 or 9999 overflows.
    _refuse_out_of_range(
        **{
            name: fields[name]
            for name in ("starts_at", "ends_at")
            if isinstance(fields.get(name), datetime.datetime) and timezone.is_aware(fields[name])
        }
    )
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    changed = False
    for name, value in fields.items():
        if name in ("title", "location", "video_url") and isinstance(value, str):
            value = value.strip()
        if name == "title" and not value:
            raise ValidationError(_("Please give the meeting a title."))
        if getattr(meeting, name) != value:
            setattr(meeting, name, value)
            changed = True
    _validate_times(meeting.starts_at, meeting.ends_at)
    if changed:
        _save(meeting, bump=True)
        notices.meeting_changed(meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> Meeting:
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    meeting.status = Meeting.Status.CANCELLED
    _save(meeting, bump=True, validate_constraints=False)
    for step in _MEETING_CLOSED_STEPS:
        step(meeting=meeting)
    notices.meeting_cancelled(meeting)
    return meeting


@transaction.atomic
def meeting_set_host(*, meeting: Meeting, organisation: Organisation | None, user: User) -> Meeting:
    """The organisers (meetings.set_host) name the organisation that hosts the meeting, or none.

    Only an organisation of one of the community's active members can host it.
    """
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    if not user.has_perm("meetings.set_host", meeting):
        raise ValidationError(_("Only the facilitator or a coordinator can choose the host organisation."))
    if (
        organisation is not None
        and not community_organisations(meeting.community).filter(pk=organisation.pk).exists()
    ):
        raise ValidationError(_("Please choose an organisation of the community's members."))
    if meeting.host_organisation_id != (organisation.pk if organisation else None):
        meeting.host_organisation = organisation
        _save(meeting, validate_constraints=False)
    return meeting
