"""RSVP, recording a meeting and its minutes: drafts, revisions, publishing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Membership, User
from notifications import hooks as notices

from .. import rules as meeting_rules
from ..models import (
    AgendaItem,
    Attendance,
    Meeting,
    MinutesRevision,
)
from ._common import (
    _MEETING_CLOSED_STEPS,
    MAX_MINUTES_LENGTH,
    _agenda_changed,
    _is_active_member,
    _lock_meeting,
    _refuse_if_closed,
    _save,
)


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
        rows = {a.user_id: a for a in Attendance.objects.filter(meeting=meeting)}
        # Someone recorded as present stays so after leaving the community; new entries are members.
        allowed = {pk for pk, attendance in rows.items() if attendance.attended} | set(
            Membership.objects.active()
            .filter(community_id=meeting.community_id, user_id__in=wanted)
            .values_list("user_id", flat=True)
        )
        if wanted - allowed:
            raise ValidationError(_("Only active members of the community can be recorded as present."))
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
    newly_published = publish and not meeting.minutes_are_published
    if newly_published:
        meeting.minutes_published_at = timezone.now()
    _save(meeting, bump=bump, validate_constraints=False)
    _record_revision(meeting, user)
    if newly_published:
        notices.minutes_published(meeting)
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
    notices.minutes_published(meeting)
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
