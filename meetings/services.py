"""Every write the meetings domain knows: planning, facilitation, agenda, RSVP and minutes.

Each function is keyword-only and atomic, locks the rows it changes, validates before it saves and
raises django.core.exceptions.ValidationError with a message meant for the user. Functions that
change a meeting return the fresh object; use the return value rather than the one passed in.
Every change a calendar must see (time, place, link, title, status) raises Meeting.sequence by 1.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from members.models import Community, Membership, User
from notifications import hooks as notices

from . import cadence
from . import rules as meeting_rules
from .models import (
    AGENDA_ITEM_MAX_MINUTES,
    AGENDA_ITEM_MIN_MINUTES,
    MEETING_EARLIEST,
    AgendaItem,
    Attendance,
    FacilitatorDecline,
    Meeting,
    MinutesRevision,
)
from .rotation import Rotation, next_turn

MAX_PLAN_COUNT = 24
MAX_MEETING_MINUTES = 12 * 60
MAX_MINUTES_LENGTH = 100_000
# How far ahead a meeting may be planned; well inside the database's window (models.MEETING_LATEST).
MEETING_YEARS_AHEAD = 10
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "format", "location", "video_url")

# Agenda templates: (kind, title, description, minutes). Titles are stored in the language that is
# active when a template is applied, so they are marked here and translated in agenda_apply_template.
AGENDA_TEMPLATES = {
    "first": [
        (
            AgendaItem.Kind.INTRODUCTIONS,
            gettext_noop("Check-in and getting to know each other"),
            gettext_noop("Who are we, where do we work, what brings us here?"),
            30,
        ),
        (
            AgendaItem.Kind.EXPECTATIONS,
            gettext_noop("Aligning expectations"),
            gettext_noop("What do we want from this community, and what can each of us give?"),
            40,
        ),
        (
            AgendaItem.Kind.OTHER,
            gettext_noop("Organisational matters"),
            gettext_noop("How often we meet, who organises and moderates in turn, which tools we use."),
            30,
        ),
        (
            AgendaItem.Kind.OTHER,
            gettext_noop("Outlook"),
            gettext_noop("Topics for the next meeting and who takes the next turn."),
            15,
        ),
    ],
    "regular": [
        (AgendaItem.Kind.CHECKIN, gettext_noop("Check-in"), gettext_noop("How are you, what is new?"), 15),
        (
            AgendaItem.Kind.LEAN_COFFEE,
            gettext_noop("Lean Coffee"),
            gettext_noop("Collect topics, dot-vote, discuss in time boxes."),
            45,
        ),
        (AgendaItem.Kind.INPUT, gettext_noop("Input"), gettext_noop("A short talk by a member."), 30),
        (
            AgendaItem.Kind.RETROSPECTIVE,
            gettext_noop("Retrospective"),
            gettext_noop("What went well, what shall we change next time?"),
            15,
        ),
    ],
}


# --- helpers -----------------------------------------------------------------------------------


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("community").get(pk=meeting.pk)


def _lock_item(item: AgendaItem) -> AgendaItem:
    return AgendaItem.objects.select_for_update().select_related("meeting__community").get(pk=item.pk)


def _refuse_if_closed(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting has been cancelled and can no longer be changed."))
    if meeting.is_held:
        raise ValidationError(_("This meeting has already taken place and can no longer be changed."))


def _is_active_member(user, community) -> bool:
    return (
        user is not None and Membership.objects.active().filter(community=community, user_id=user.pk).exists()
    )


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
        instance.sequence += 1
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


# --- planning ----------------------------------------------------------------------------------

CADENCE_FIELDS = (
    "cadence_months",
    "cadence_week",
    "cadence_weekday",
    "meeting_start_time",
    "meeting_duration_minutes",
    "meeting_format",
    "meeting_location",
    "video_url",
    "rotation_mode",
)


@transaction.atomic
def community_cadence_update(*, community: Community, **fields) -> Community:
    """Change the meeting rule and defaults. Meetings planned already keep their dates and places;
    the next planning run continues the series from the latest planned meeting with the new rule."""
    unknown = set(fields) - set(CADENCE_FIELDS)
    if unknown:
        raise TypeError(f"community_cadence_update() cannot change {sorted(unknown)}")
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
    unknown = set(fields) - set(CALENDAR_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update() cannot change {sorted(unknown)}")
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


# --- facilitation ------------------------------------------------------------------------------


def _refuse_unless_facilitator(meeting: Meeting, user: User) -> None:
    if user is None or meeting.facilitator_id != user.pk:
        raise ValidationError(_("You are not the facilitator of this meeting."))


@transaction.atomic
def facilitator_accept(*, meeting: Meeting, user: User) -> Meeting:
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    _refuse_unless_facilitator(meeting, user)
    if not meeting.facilitator_confirmed:
        meeting.facilitator_confirmed = True
        _save(meeting, validate_constraints=False)
    return meeting


def _propose_again(meeting: Meeting, *, exclude=()) -> None:
    """Give the meeting to whoever is due next (same organisation first in organisation mode)."""
    turn = next_turn(
        community=meeting.community,
        meeting=meeting,
        exclude=exclude,
        prefer_organisation=meeting.host_organisation,
    )
    meeting.facilitator = turn.user if turn else None
    meeting.facilitator_confirmed = False
    if meeting.community.rotation_mode == Community.RotationMode.ORGANISATION:
        meeting.host_organisation = turn.organisation if turn else None


@transaction.atomic
def facilitator_decline(*, meeting: Meeting, user: User) -> Meeting:
    """The facilitator says no; the next one in the rotation is proposed at once (or nobody)."""
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    _refuse_unless_facilitator(meeting, user)
    FacilitatorDecline.objects.get_or_create(meeting=meeting, user=user)
    _propose_again(meeting, exclude=[user])
    _save(meeting, validate_constraints=False)
    notices.facilitators_proposed(meeting)
    return meeting


@transaction.atomic
def facilitator_swap(*, meeting: Meeting, other_meeting: Meeting, user: User) -> tuple[Meeting, Meeting]:
    """The facilitator of `meeting` takes `other_meeting` instead; its facilitator gets `meeting`.

    The one who swaps has agreed to `other_meeting`; the other person's new turn is a proposal they
    still accept or decline. A meeting left without anyone gets the next proposal of the rotation.
    Returns (meeting, other_meeting), fresh.
    """
    if meeting.pk == other_meeting.pk:
        raise ValidationError(_("Please choose another meeting to swap with."))
    # Lock both rows in a fixed order so that two simultaneous swaps cannot deadlock.
    locked = {
        m.pk: m
        for m in Meeting.objects.select_for_update()
        .select_related("community")
        .filter(pk__in=[meeting.pk, other_meeting.pk])
        .order_by("pk")
    }
    meeting, other_meeting = locked[meeting.pk], locked[other_meeting.pk]
    _refuse_if_closed(meeting)
    _refuse_unless_facilitator(meeting, user)
    if other_meeting.community_id != meeting.community_id:
        raise ValidationError(_("You can only swap with a meeting of the same community."))
    if other_meeting.is_closed or other_meeting.ends_at <= timezone.now():
        raise ValidationError(_("You can only swap with an upcoming meeting."))
    other = other_meeting.facilitator
    if other is not None and FacilitatorDecline.objects.filter(meeting=meeting, user=other).exists():
        raise ValidationError(
            _("%(name)s has declined this meeting already; please choose another one.")
            % {"name": other.display_name}
        )
    FacilitatorDecline.objects.filter(meeting=other_meeting, user=user).delete()
    by_organisation = meeting.community.rotation_mode == Community.RotationMode.ORGANISATION
    if by_organisation:
        meeting.host_organisation, other_meeting.host_organisation = (
            other_meeting.host_organisation,
            meeting.host_organisation,
        )
    other_meeting.facilitator, other_meeting.facilitator_confirmed = user, True
    meeting.facilitator, meeting.facilitator_confirmed = other, False
    if other is None:
        _save(other_meeting, validate_constraints=False)
        _propose_again(meeting, exclude=[user])
    else:
        _save(other_meeting, validate_constraints=False)
    _save(meeting, validate_constraints=False)
    notices.facilitators_proposed(meeting, other_meeting)
    return meeting, other_meeting


@transaction.atomic
def facilitator_set(*, meeting: Meeting, user: User | None, by: User) -> Meeting:
    """A coordinator's override: `user` facilitates (accepted if they set themselves), or nobody."""
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    if user is not None and not _is_active_member(user, meeting.community):
        raise ValidationError(_("The facilitator must be an active member of the community."))
    meeting.facilitator = user
    meeting.facilitator_confirmed = user is not None and by is not None and user.pk == by.pk
    if user is not None:
        FacilitatorDecline.objects.filter(meeting=meeting, user=user).delete()
        if meeting.community.rotation_mode == Community.RotationMode.ORGANISATION:
            meeting.host_organisation = user.organisation
    _save(meeting, validate_constraints=False)
    notices.facilitators_proposed(meeting)
    return meeting


@transaction.atomic
def facilitations_release(*, user: User, community: Community | None = None) -> list[Meeting]:
    """Hand the user's upcoming facilitations on to whoever is due next.

    For a member who leaves a community (pass it) or deletes their account (all communities).
    Returns the meetings that got a new proposal (or none, if nobody is left in the pool).
    """
    meetings = Meeting.objects.filter(
        facilitator=user,
        status__in=[Meeting.Status.PLANNED, Meeting.Status.PUBLISHED],
        ends_at__gt=timezone.now(),
    )
    if community is not None:
        meetings = meetings.filter(community=community)
    released = []
    for meeting in meetings.select_for_update().select_related("community").order_by("starts_at", "pk"):
        _propose_again(meeting, exclude=[user])
        _save(meeting, validate_constraints=False)
        released.append(meeting)
    notices.facilitators_proposed(*released)
    return released


# --- agenda ------------------------------------------------------------------------------------

ITEM_FIELDS = ("title", "description", "kind", "duration_minutes", "presenter")


def _clean_item_fields(fields: dict, *, community: Community) -> dict:
    cleaned = {}
    for name, value in fields.items():
        if name in ("title", "description") and isinstance(value, str):
            value = value.strip()
        if name == "title" and not value:
            raise ValidationError(_("Please give the agenda item a title."))
        if name == "duration_minutes":
            value = _validate_duration(value)
        if name == "kind" and value not in AgendaItem.Kind.values:
            raise ValidationError(_("Please choose a kind of agenda item from the list."))
        if name == "presenter" and value is not None and not _is_active_member(value, community):
            raise ValidationError(_("The presenter must be an active member of the community."))
        cleaned[name] = value
    return cleaned


@transaction.atomic
def agenda_item_propose(
    *,
    meeting: Meeting,
    user: User,
    title: str,
    description: str = "",
    kind: str = AgendaItem.Kind.DISCUSSION,
    duration_minutes: int = 15,
    presenter: User | None = None,
) -> AgendaItem:
    """A member proposes an item. After publishing, only the facilitator or a coordinator may add one."""
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    if not (_is_active_member(user, meeting.community) or meeting_rules.can_edit_agenda(user, meeting)):
        raise ValidationError(_("Only active members of the community can propose agenda items."))
    if meeting.agenda_is_published and not meeting_rules.can_edit_agenda(user, meeting):
        raise ValidationError(_("The agenda has been published; new items can no longer be proposed."))
    fields = _clean_item_fields(
        {
            "title": title,
            "description": description,
            "kind": kind,
            "duration_minutes": duration_minutes,
            "presenter": presenter,
        },
        community=meeting.community,
    )
    item = AgendaItem(meeting=meeting, proposed_by=user, position=_next_position(meeting), **fields)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, user: User, **fields) -> AgendaItem:
    """The proposer changes their item while it is proposed; the facilitator or a coordinator until held."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"agenda_item_update() cannot change {sorted(unknown)}")
    item = _lock_item(item)
    _refuse_if_closed(item.meeting)
    if not meeting_rules.can_edit_item(user, item):
        raise ValidationError(_("You may no longer change this agenda item."))
    for name, value in _clean_item_fields(fields, community=item.meeting.community).items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


def _decide(item: AgendaItem, status: str) -> AgendaItem:
    item = _lock_item(item)
    _refuse_if_closed(item.meeting)
    if item.status == AgendaItem.Status.DONE:
        raise ValidationError(_("This agenda item has already been dealt with."))
    item.status = status
    item.full_clean()
    item.save()
    notices.agenda_item_decided(item)
    return item


@transaction.atomic
def agenda_item_accept(*, item: AgendaItem) -> AgendaItem:
    return _decide(item, AgendaItem.Status.ACCEPTED)


@transaction.atomic
def agenda_item_reject(*, item: AgendaItem) -> AgendaItem:
    return _decide(item, AgendaItem.Status.REJECTED)


def _next_meeting_after(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(
            community_id=meeting.community_id,
            status__in=[Meeting.Status.PLANNED, Meeting.Status.PUBLISHED],
            starts_at__gt=meeting.starts_at,
        )
        .order_by("starts_at", "pk")
        .first()
    )


def _carry_over(item: AgendaItem, target: Meeting) -> AgendaItem:
    copy = AgendaItem(
        meeting=target,
        position=_next_position(target),
        title=item.title,
        description=item.description,
        kind=item.kind,
        duration_minutes=item.duration_minutes,
        proposed_by=item.proposed_by,
        presenter=item.presenter,
        status=AgendaItem.Status.PROPOSED,
        deferred_from=item,
    )
    copy.full_clean()
    copy.save()
    return copy


@transaction.atomic
def agenda_item_defer(*, item: AgendaItem) -> AgendaItem | None:
    """Defer an item: it becomes a proposal of the community's next meeting.

    The item stays on this meeting, marked deferred, and a copy (deferred_from = item) is proposed
    to the next planned meeting. Returns that copy, or None when no later meeting exists yet; the
    copy is then made when the next meeting is planned or created.
    """
    item = _decide(item, AgendaItem.Status.DEFERRED)
    existing = item.deferred_copies.first()
    if existing is not None:
        return existing
    target = _next_meeting_after(item.meeting)
    return _carry_over(item, target) if target else None


def _carry_over_deferred(*, community: Community) -> None:
    """Deferred items still without a copy go to the next meeting after theirs, if there is one."""
    pending = (
        AgendaItem.objects.filter(
            meeting__community=community, status=AgendaItem.Status.DEFERRED, deferred_copies__isnull=True
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "position", "pk")
    )
    for item in pending:
        target = _next_meeting_after(item.meeting)
        if target is not None:
            _carry_over(item, target)


def agenda_order(meeting: Meeting, *, status: str = AgendaItem.Status.ACCEPTED) -> list[int]:
    """The ids of the meeting's items with `status`, in agenda order: what a reorder form echoes back."""
    return list(
        AgendaItem.objects.filter(meeting=meeting, status=status)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )


def _renumber(meeting: Meeting, ordered_ids: list[int], status: str) -> None:
    """Positions 1..n over all items, with the `status` items in the order of `ordered_ids`."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    by_id = {item.pk: item for item in items}
    slots = iter(by_id[pk] for pk in ordered_ids)
    arranged = [next(slots) if item.status == status else item for item in items]
    changed = []
    for position, item in enumerate(arranged, start=1):
        if item.position != position:
            item.position = position
            changed.append(item)
    now = timezone.now()
    for item in changed:
        item.updated_at = now
    if changed:
        AgendaItem.objects.bulk_update(changed, ["position", "updated_at"])
        _agenda_changed(meeting)


def _stale() -> ValidationError:
    return ValidationError(
        _("Someone else has changed the agenda in the meantime. Please look at it again and retry.")
    )


def _refuse_stale(current: list[int], expected) -> None:
    if expected is None:
        return
    try:
        shown = [int(pk) for pk in expected]
    except (TypeError, ValueError):
        raise _stale() from None
    if shown != current:
        raise _stale()


@transaction.atomic
def agenda_item_move(
    *, item: AgendaItem, direction: str, expected_positions: list[int] | None = None
) -> AgendaItem:
    """Move an item one place up or down among the items of the same status.

    `expected_positions`: the ids of those items in the order the page showed them
    (agenda_order(meeting, status=item.status)); if the order has changed since, nothing moves and
    a ValidationError says so. At the top or bottom, nothing moves.
    """
    if direction not in ("up", "down"):
        raise ValidationError(_("Please move an agenda item up or down."))
    meeting = _lock_meeting(item.meeting)
    _refuse_if_closed(meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    current = agenda_order(meeting, status=item.status)
    _refuse_stale(current, expected_positions)
    index = current.index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(current):
        current[index], current[other] = current[other], current[index]
        _renumber(meeting, current, item.status)
    item.refresh_from_db()
    return item


def agenda_version(meeting: Meeting) -> str:
    """A token of the agenda's order and decisions; a form carries it to detect stale reorders."""
    rows = AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk").values_list("pk", "status")
    return ",".join(f"{pk}:{status}" for pk, status in rows)


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, item_ids: list[int], expected_version: str | None = None) -> None:
    """Put the accepted items in the order of `item_ids` (all of them, each once)."""
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    if expected_version is not None and expected_version != agenda_version(meeting):
        raise _stale()
    current = agenda_order(meeting)
    try:
        wanted = [int(pk) for pk in item_ids]
    except (TypeError, ValueError):
        raise ValidationError(_("The new order of the agenda could not be read.")) from None
    if sorted(wanted) != sorted(current):
        raise _stale()
    _renumber(meeting, wanted, AgendaItem.Status.ACCEPTED)


@transaction.atomic
def agenda_apply_template(*, meeting: Meeting, template: str, user: User) -> list[AgendaItem]:
    """Add a template's items as accepted items after the existing ones.

    Items the meeting already has (same kind and title, not rejected) are not added again, so
    applying a template twice adds nothing. Returns the items added.
    """
    if template not in AGENDA_TEMPLATES:
        raise ValidationError(_("Please choose an agenda template from the list."))
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    existing = set(
        AgendaItem.objects.filter(meeting=meeting)
        .exclude(status=AgendaItem.Status.REJECTED)
        .values_list("kind", "title")
    )
    position = _next_position(meeting)
    added = []
    for kind, title, description, minutes in AGENDA_TEMPLATES[template]:
        title = _(title)
        if (kind, title) in existing:
            continue
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=title,
            description=_(description),
            kind=kind,
            duration_minutes=minutes,
            proposed_by=user,
            status=AgendaItem.Status.ACCEPTED,
        )
        item.full_clean()
        added.append(item)
        position += 1
    AgendaItem.objects.bulk_create(added)
    _agenda_changed(meeting)
    return added


@transaction.atomic
def agenda_publish(*, meeting: Meeting) -> Meeting:
    """Publish the agenda: members see it as final and no longer propose items."""
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    if meeting.agenda_is_published:
        raise ValidationError(_("The agenda has already been published."))
    meeting.status = Meeting.Status.PUBLISHED
    _save(meeting, bump=True, validate_constraints=False)
    notices.agenda_published(meeting)
    return meeting


# --- RSVP and minutes --------------------------------------------------------------------------


@transaction.atomic
def attendance_respond(*, meeting: Meeting, user: User, response: str) -> Attendance:
    if response not in Attendance.Response.values:
        raise ValidationError(_("Please answer yes, maybe or no."))
    meeting = Meeting.objects.select_related("community").get(pk=meeting.pk)
    _refuse_if_closed(meeting)
    if not _is_active_member(user, meeting.community):
        raise ValidationError(_("Only active members of the community can answer."))
    attendance, _created = Attendance.objects.select_for_update().get_or_create(meeting=meeting, user=user)
    if attendance.response != response:
        attendance.response = response
        attendance.full_clean(validate_constraints=False)
        attendance.save()
    return attendance


def _refuse_unless_minutes_organiser(meeting: Meeting, user: User | None) -> None:
    if user is None or not meeting_rules.organises_meeting(user, meeting):
        raise ValidationError(
            _(
                "Only the facilitator who has accepted, the coordinators and site coordinators "
                "can change the minutes."
            )
        )


def _refuse_publishing(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ValidationError(_("The minutes of a cancelled meeting cannot be published."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("The minutes can only be published once the meeting has begun."))


def _record_revision(meeting: Meeting, user: User) -> MinutesRevision:
    """Note who changed the minutes and when; `published` is the minutes' state after the change."""
    return MinutesRevision.objects.create(
        meeting=meeting, editor=user, published=meeting.minutes_are_published
    )


@transaction.atomic
def meeting_record(
    *,
    meeting: Meeting,
    user: User,
    minutes: str | None = None,
    minutes_confidential: str | None = None,
    outcomes: dict[int, str] | None = None,
    attended_user_ids: list[int] | None = None,
    mark_held: bool = False,
    publish: bool = False,
) -> Meeting:
    """Record minutes, their confidential part, each item's outcome and who was there; optionally
    mark the meeting held and publish the minutes.

    None leaves a part unchanged. Marking held also marks the accepted items done. The minutes of a
    held meeting stay editable. Published minutes stay published when they are changed (members see
    the change at once); `publish` publishes a draft in the same step (see meeting_minutes_publish).
    Every call writes a MinutesRevision (who, when, published) in the same transaction.

    The confidential part is shown on the meeting page only, to those who may read the minutes: it
    never goes into e-mails or into exports of other people's data (selectors.minutes_for_sharing
    is what such features take).
    """
    meeting = _lock_meeting(meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting has been cancelled and can no longer be changed."))
    _refuse_unless_minutes_organiser(meeting, user)
    if mark_held and meeting.starts_at > timezone.now():
        raise ValidationError(_("A meeting can only be marked as held once it has begun."))
    if publish:
        _refuse_publishing(meeting)
    for text in (minutes, minutes_confidential):
        if text is not None and len(text) > MAX_MINUTES_LENGTH:
            raise ValidationError(_("The minutes are too long."))
    if minutes is not None:
        meeting.minutes = minutes.strip()
    if minutes_confidential is not None:
        meeting.minutes_confidential = minutes_confidential.strip()

    if outcomes:
        items = {item.pk: item for item in AgendaItem.objects.filter(meeting=meeting, pk__in=list(outcomes))}
        if len(items) != len(outcomes):
            raise ValidationError(_("An agenda item does not belong to this meeting."))
        for pk, outcome in outcomes.items():
            items[int(pk)].outcome = (outcome or "").strip()
        for item in items.values():
            item.full_clean()
        AgendaItem.objects.bulk_update(items.values(), ["outcome"])

    if attended_user_ids is not None:
        wanted = {int(pk) for pk in attended_user_ids}
        known = set(
            Membership.objects.filter(community_id=meeting.community_id, user_id__in=wanted).values_list(
                "user_id", flat=True
            )
        )
        if wanted - known:
            raise ValidationError(_("Only members of the community can be recorded as present."))
        rows = {a.user_id: a for a in Attendance.objects.filter(meeting=meeting)}
        for attendance in rows.values():
            attendance.attended = attendance.user_id in wanted
        Attendance.objects.bulk_update(rows.values(), ["attended"])
        Attendance.objects.bulk_create(
            [Attendance(meeting=meeting, user_id=pk, attended=True) for pk in wanted - set(rows)]
        )

    bump = False
    if mark_held and not meeting.is_held:
        meeting.status = Meeting.Status.HELD
        bump = True
        AgendaItem.objects.filter(meeting=meeting, status=AgendaItem.Status.ACCEPTED).update(
            status=AgendaItem.Status.DONE, updated_at=timezone.now()
        )
        _agenda_changed(meeting)
    if publish and not meeting.minutes_are_published:
        meeting.minutes_published_at = timezone.now()
    _save(meeting, bump=bump, validate_constraints=False)
    _record_revision(meeting, user)
    for step in _MEETING_CLOSED_STEPS:
        step(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_minutes_publish(*, meeting: Meeting, user: User) -> Meeting:
    """Publish the minutes: the community's active members read them from now on.

    Possible once the meeting has begun and not for a cancelled meeting; writes a MinutesRevision.
    """
    meeting = _lock_meeting(meeting)
    _refuse_unless_minutes_organiser(meeting, user)
    _refuse_publishing(meeting)
    if meeting.minutes_are_published:
        raise ValidationError(_("The minutes have already been published."))
    meeting.minutes_published_at = timezone.now()
    _save(meeting, validate_constraints=False)
    _record_revision(meeting, user)
    return meeting


@transaction.atomic
def meeting_minutes_unpublish(*, meeting: Meeting, user: User) -> Meeting:
    """Take published minutes back to a draft that only the organisers see; writes a MinutesRevision."""
    meeting = _lock_meeting(meeting)
    _refuse_unless_minutes_organiser(meeting, user)
    if not meeting.minutes_are_published:
        raise ValidationError(_("The minutes are a draft already."))
    meeting.minutes_published_at = None
    _save(meeting, validate_constraints=False)
    _record_revision(meeting, user)
    return meeting


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
