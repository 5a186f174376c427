"""The agenda: proposing, deciding, carrying over, ordering, templates and publishing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cop.fields import refuse_unknown_fields
from members.models import Community, User
from notifications import hooks as notices

from .. import rules as meeting_rules
from ..models import (
    CLOSING_KINDS,
    OPENING_KINDS,
    AgendaItem,
    Meeting,
)
from ._common import (
    _agenda_changed,
    _is_active_member,
    _lock_item,
    _lock_meeting,
    _next_position,
    _refuse_if_closed,
    _save,
    _validate_duration,
)

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
            AgendaItem.Kind.HANDOVER,
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
    """A member proposes an item (`meetings.propose_item`: after publishing, only the organisers)."""
    meeting = _lock_meeting(meeting)
    _refuse_if_closed(meeting)
    if not meeting_rules.can_propose_item(user, meeting):
        if meeting.agenda_is_published and meeting_rules.is_meeting_member(user, meeting):
            raise ValidationError(_("The agenda has been published; new items can no longer be proposed."))
        raise ValidationError(_("Only active members of the community can propose agenda items."))
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
def agenda_item_update(
    *, item: AgendaItem, user: User, expected_positions: list[int] | None = None, **fields
) -> AgendaItem:
    """The proposer changes their item while it is proposed; the facilitator or a coordinator until held.

    `expected_positions`: as for agenda_item_move, the order of the item's status the page showed; a
    time box is changed only on the agenda as shown (else nothing changes and a ValidationError says so).
    """
    refuse_unknown_fields("agenda_item_update", fields, ITEM_FIELDS)
    if expected_positions is not None:
        meeting = _lock_meeting(item.meeting)
        current = AgendaItem.objects.filter(pk=item.pk).values_list("status", flat=True).first()
        if current is None:
            raise _stale()
        _refuse_stale(agenda_order(meeting, status=current), expected_positions)
    item = _lock_item(item)
    _refuse_if_closed(item.meeting)
    if not meeting_rules.can_edit_item(user, item):
        raise ValidationError(_("You may no longer change this agenda item."))
    for name, value in _clean_item_fields(fields, community=item.meeting.community).items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


# An item rejected, deferred (its copy waits at the next meeting) or done is decided for good; an
# accepted item may still be deferred or taken off the agenda.
DECIDED_FOR_GOOD = (AgendaItem.Status.REJECTED, AgendaItem.Status.DEFERRED, AgendaItem.Status.DONE)


MAX_REASON_LENGTH = 1000


def _decide(item: AgendaItem, status: str, reason: str = "") -> AgendaItem:
    """Decide about an item; the optional `reason` is not stored, it goes to the proposer's e-mail."""
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(_("Please keep the reason shorter (at most 1000 characters)."))
    item = _lock_item(item)
    _refuse_if_closed(item.meeting)
    if item.status in DECIDED_FOR_GOOD:
        raise ValidationError(_("This agenda item has already been dealt with."))
    item.status = status
    item.full_clean()
    item.save()
    notices.agenda_item_decided(item, reason=reason)
    return item


def _shaped_order(order: list[AgendaItem], item: AgendaItem) -> list[int]:
    """Where an accepted item goes in the agenda `order` (the other accepted items): a carried-over
    item right after the opening items (and the carried-over items already placed there), any
    other item before the closing items; an opening or closing item itself stays last."""
    if item.deferred_from_id:
        index = 0
        while index < len(order) and (order[index].kind in OPENING_KINDS or order[index].deferred_from_id):
            index += 1
    elif item.kind in OPENING_KINDS or item.kind in CLOSING_KINDS:
        index = len(order)
    else:
        index = len(order)
        while index > 0 and order[index - 1].kind in CLOSING_KINDS:
            index -= 1
    ids = [other.pk for other in order]
    return ids[:index] + [item.pk] + ids[index:]


@transaction.atomic
def agenda_item_accept(*, item: AgendaItem, reason: str = "") -> AgendaItem:
    """Put a proposal on the agenda, in its place in the meeting's shape (see _shaped_order)."""
    meeting = _lock_meeting(item.meeting)
    if AgendaItem.objects.filter(pk=item.pk, status=AgendaItem.Status.ACCEPTED).exists():
        return _decide(item, AgendaItem.Status.ACCEPTED, reason)  # already in its place: it stays there
    item = _decide(item, AgendaItem.Status.ACCEPTED, reason)
    order = list(
        AgendaItem.objects.filter(meeting=meeting, status=AgendaItem.Status.ACCEPTED)
        .exclude(pk=item.pk)
        .only("pk", "kind", "deferred_from_id")
        .order_by("position", "pk")
    )
    _renumber(meeting, _shaped_order(order, item), AgendaItem.Status.ACCEPTED)
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_reject(*, item: AgendaItem, reason: str = "") -> AgendaItem:
    return _decide(item, AgendaItem.Status.REJECTED, reason)


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
def agenda_item_defer(*, item: AgendaItem, reason: str = "") -> AgendaItem | None:
    """Defer an item: it becomes a proposal of the community's next meeting.

    The item stays on this meeting, marked deferred, and a copy (deferred_from = item) is proposed
    to the next planned meeting. Returns that copy, or None when no later meeting exists yet; the
    copy is then made when the next meeting is planned or created.
    """
    item = _decide(item, AgendaItem.Status.DEFERRED, reason)
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
    if meeting.agenda_is_published:
        raise ValidationError(_("The agenda has been published; a template can no longer be applied."))
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
    if added:
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
