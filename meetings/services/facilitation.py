"""Facilitation: accepting, declining and swapping a turn, setting and releasing facilitators."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Community, User
from notifications import hooks as notices

from ..models import (
    FacilitatorDecline,
    Meeting,
)
from ..rotation import next_turn
from ._common import _is_active_member, _lock_meeting, _refuse_if_closed, _save


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
