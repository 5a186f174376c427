"""Lean Coffee inside a meeting: reads for the live view and every write of a round.

The dots are the board's: a member gives the community's `votes_per_member` dots to the open
topics (the same Vote rows and budget as on the board, through topics.services), so a dot given
before the meeting counts in the round, and a topic that is done gives its dots back. Topics
collected on the spot are proposed to the board. Every write of a round first locks the meeting
row, then the round: writes of one meeting run one after another. A driving form sends the time
box it saw (`slot`); when the round has moved on meanwhile, the click is refused, not guessed.
"""

import hashlib
import math

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from members.models import User

from . import selectors as topic_selectors
from . import services as topic_services
from .leancoffee_models import (
    LEAN_COFFEE_MAX_MINUTES,
    LEAN_COFFEE_MIN_MINUTES,
    LEAN_COFFEE_NOTE_MAX,
    LeanCoffeeDone,
    LeanCoffeeRound,
    LeanCoffeeThumb,
)
from .models import TOPIC_OUTCOME_MAX, Topic, TopicStatus, Vote

# The live view shows the most-voted open topics; the rest wait on the board.
TODO_MAX = 20
DONE_MAX = 50
ITEM_STATUSES = (AgendaItem.Status.ACCEPTED, AgendaItem.Status.DONE)


# --- reads ---------------------------------------------------------------------------------------


def lean_coffee_items():
    """The agenda items that run as Lean Coffee (accepted, or done once their meeting is held)."""
    return AgendaItem.objects.filter(kind=AgendaItem.Kind.LEAN_COFFEE, status__in=ITEM_STATUSES)


def round_of(item: AgendaItem) -> LeanCoffeeRound:
    """The item's round, or an unsaved fresh one before anybody has driven it."""
    found = LeanCoffeeRound.objects.select_related("current_topic").filter(agenda_item=item).first()
    return found or LeanCoffeeRound(agenda_item=item)


def live_token(item: AgendaItem, *, round_: LeanCoffeeRound | None = None, now=None) -> str:
    """Changes whenever what the live view shows for everyone changes: the round, the community's
    open topics and their dots, and the moment the time box runs out. Two aggregate queries (and
    the round, unless given)."""
    community_id = item.meeting.community_id
    if round_ is None:
        round_ = round_of(item)
    votes = Vote.objects.filter(topic__community_id=community_id, topic__status=TopicStatus.OPEN).aggregate(
        count=Count("pk"), total=Sum("pk")
    )
    topics = Topic.objects.filter(community_id=community_id).aggregate(
        count=Count("pk"), last=Max("updated_at")
    )
    parts = [
        round_.version,
        round_.time_is_up(now),
        votes["count"],
        votes["total"],
        topics["count"],
        topics["last"],
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def live_state(
    item: AgendaItem, user: User, *, round_: LeanCoffeeRound | None = None, token: str = "", now=None
) -> dict:
    """Everything the live view shows, in a fixed number of queries whatever the topics and votes."""
    now = now or timezone.now()
    community = item.meeting.community
    round_ = round_ or round_of(item)
    todo = list(
        Topic.objects.filter(community=community, status=TopicStatus.OPEN)
        .exclude(pk=round_.current_topic_id or 0)
        .ranked(user)[:TODO_MAX]
    )
    done = list(round_.done.select_related("topic")[:DONE_MAX]) if round_.pk else []
    thumbs = {"up": 0, "down": 0, "mine": None}
    if round_.pk and round_.current_topic_id:
        counted = LeanCoffeeThumb.objects.filter(round=round_, slot=round_.slot).aggregate(
            n_up=Count("pk", filter=Q(up=True)),
            n_down=Count("pk", filter=Q(up=False)),
            mine_up=Max("pk", filter=Q(user_id=user.pk, up=True)),
            mine_down=Max("pk", filter=Q(user_id=user.pk, up=False)),
        )
        mine = "up" if counted["mine_up"] else "down" if counted["mine_down"] else None
        thumbs = {"up": counted["n_up"], "down": counted["n_down"], "mine": mine}
    is_member = user.has_perm("topics.join_lean_coffee", item.meeting)
    return {
        "round": round_,
        "todo": todo,
        "done": done,
        "thumbs": thumbs,
        "time_is_up": round_.time_is_up(now),
        "is_member": is_member,
        "can_run": user.has_perm("topics.run_lean_coffee", item.meeting),
        "votes_left": topic_selectors.votes_left(user=user, community=community) if is_member else None,
        "token": token or live_token(item, round_=round_, now=now),
    }


# --- writes --------------------------------------------------------------------------------------


def _lock_round(item: AgendaItem) -> LeanCoffeeRound:
    """Lock the meeting (as the minutes services do), then get or create and lock the item's round."""
    meeting = Meeting.objects.select_for_update().select_related("community").get(pk=item.meeting_id)
    item = AgendaItem.objects.select_related("meeting__community").get(pk=item.pk)
    item.meeting = meeting
    round_, _created = LeanCoffeeRound.objects.get_or_create(agenda_item=item)
    round_ = (
        LeanCoffeeRound.objects.select_for_update(of=("self",))
        .select_related("current_topic")
        .get(pk=round_.pk)
    )
    round_.agenda_item = item
    return round_


def _refuse_unless(user: User, permission: str, meeting: Meeting) -> None:
    if user.has_perm(permission, meeting):
        return
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting has been cancelled and can no longer be changed."))
    if permission == "topics.run_lean_coffee":
        raise ValidationError(
            _("Only the facilitator who has accepted and the coordinators can run the Lean Coffee.")
        )
    raise ValidationError(_("Only active members of the community can take part in the Lean Coffee."))


def _refuse_if_finished(round_: LeanCoffeeRound) -> None:
    if round_.is_finished:
        raise ValidationError(_("This Lean Coffee round has ended."))


def _refuse_if_stale(round_: LeanCoffeeRound, slot) -> None:
    if slot != round_.slot:
        raise ValidationError(
            _("The round has moved on meanwhile. Please look at the current state and try again.")
        )


def _current(round_: LeanCoffeeRound) -> Topic:
    if round_.current_topic is None:
        raise ValidationError(_("No topic is being discussed at the moment."))
    return round_.current_topic


def _minutes(value) -> int:
    if value is None or not LEAN_COFFEE_MIN_MINUTES <= value <= LEAN_COFFEE_MAX_MINUTES:
        raise ValidationError(_("A time box takes between 1 and 60 minutes."))
    return value


def _save(round_: LeanCoffeeRound) -> LeanCoffeeRound:
    round_.version += 1
    round_.full_clean(exclude=["agenda_item"])
    round_.save()
    return round_


@transaction.atomic
def lean_coffee_topic_add(*, item: AgendaItem, user: User, title: str, description: str = "") -> Topic:
    """A member present brings a topic on the spot: it goes onto the board, open and ready for dots."""
    round_ = _lock_round(item)
    _refuse_unless(user, "topics.join_lean_coffee", round_.agenda_item.meeting)
    _refuse_if_finished(round_)
    topic = topic_services.topic_propose(
        community=round_.agenda_item.meeting.community, user=user, title=title, description=description
    )
    _save(round_)
    return topic


@transaction.atomic
def lean_coffee_vote(*, item: AgendaItem, user: User, topic: Topic, cast: bool) -> None:
    """Give or take back a dot on an open topic of the community, with the board's budget."""
    meeting = Meeting.objects.select_related("community").get(pk=item.meeting_id)
    _refuse_unless(user, "topics.join_lean_coffee", meeting)
    if topic.community_id != meeting.community_id:
        raise ValidationError(_("This topic belongs to another community."))
    if cast:
        topic_services.vote_cast(topic=topic, user=user)
    else:
        topic_services.vote_withdraw(topic=topic, user=user)


@transaction.atomic
def lean_coffee_start(*, item: AgendaItem, user: User, topic_id: int, slot: int) -> LeanCoffeeRound:
    """The facilitator takes an open topic into Doing; its time box starts now."""
    round_ = _lock_round(item)
    meeting = round_.agenda_item.meeting
    _refuse_unless(user, "topics.run_lean_coffee", meeting)
    _refuse_if_finished(round_)
    if round_.current_topic is not None:
        raise ValidationError(
            _("“%(title)s” is being discussed. Move it to Done before starting another topic.")
            % {"title": round_.current_topic.title}
        )
    _refuse_if_stale(round_, slot)
    topic = Topic.objects.select_for_update().filter(pk=topic_id, community_id=meeting.community_id).first()
    if topic is None:
        raise ValidationError(_("This topic belongs to another community."))
    if topic.status != TopicStatus.OPEN:
        raise ValidationError(
            _("“%(title)s” is no longer open (%(status)s).")
            % {"title": topic.title, "status": topic.get_status_display()}
        )
    now = timezone.now()
    round_.current_topic = topic
    round_.topic_started_at = round_.current_started_at = now
    round_.current_minutes = round_.slot_minutes
    round_.slot += 1
    return _save(round_)


@transaction.atomic
def lean_coffee_continue(
    *, item: AgendaItem, user: User, slot: int, minutes: int | None = None
) -> LeanCoffeeRound:
    """The time box ran out and the group wants more: another one for the same topic."""
    round_ = _lock_round(item)
    _refuse_unless(user, "topics.run_lean_coffee", round_.agenda_item.meeting)
    _refuse_if_finished(round_)
    _current(round_)
    _refuse_if_stale(round_, slot)
    round_.current_minutes = _minutes(round_.slot_minutes if minutes is None else minutes)
    round_.current_started_at = timezone.now()
    round_.slot += 1
    return _save(round_)


def _outcome_line(topic: Topic, note: str) -> str:
    return f"- {topic.title}: {note}" if note else f"- {topic.title}"


@transaction.atomic
def lean_coffee_done(*, item: AgendaItem, user: User, slot: int, note: str = "") -> LeanCoffeeDone:
    """The facilitator moves the current topic to Done with a short note.

    The note becomes the topic's outcome (the topic is discussed and its dots go back to the
    voters) and a line of the Lean Coffee item's outcome in the minutes (meeting_record, so the
    minutes' revision log names who wrote it).
    """
    round_ = _lock_round(item)
    item = round_.agenda_item
    _refuse_unless(user, "topics.run_lean_coffee", item.meeting)
    _refuse_if_finished(round_)
    topic = _current(round_)
    _refuse_if_stale(round_, slot)
    note = (note or "").strip()
    if len(note) > LEAN_COFFEE_NOTE_MAX:
        raise ValidationError(_("The note can have at most 2000 characters."))
    outcome = "\n".join(part for part in (item.outcome.strip(), _outcome_line(topic, note)) if part)
    if len(outcome) > item._meta.get_field("outcome").max_length:
        raise ValidationError(
            _("The outcome of this agenda item is full. Shorten it on the minutes page first.")
        )
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    topic_outcome = "\n\n".join(part for part in (topic.outcome.strip(), note) if part)
    now = timezone.now()
    done = LeanCoffeeDone(
        round=round_,
        topic=topic,
        note=note,
        minutes=max(math.ceil((now - round_.topic_started_at).total_seconds() / 60), 1),
        done_at=now,
    )
    done.full_clean()
    done.save()
    topic.status = TopicStatus.DISCUSSED
    topic.outcome = topic_outcome[:TOPIC_OUTCOME_MAX]
    topic.full_clean()
    topic.save(update_fields=["status", "outcome", "updated_at"])
    meeting_services.meeting_record(meeting=item.meeting, user=user, outcomes={item.pk: outcome})
    round_.current_topic = None
    round_.topic_started_at = round_.current_started_at = None
    _save(round_)
    return done


@transaction.atomic
def lean_coffee_thumb(*, item: AgendaItem, user: User, slot: int, up: bool) -> LeanCoffeeThumb:
    """A member answers "continue?" once the time box has run out; a second answer replaces the first."""
    round_ = _lock_round(item)
    _refuse_unless(user, "topics.join_lean_coffee", round_.agenda_item.meeting)
    _refuse_if_finished(round_)
    _current(round_)
    if slot != round_.slot:
        raise ValidationError(
            _("This time box is over; your answer was not counted. Please look at the current state.")
        )
    if not round_.time_is_up():
        raise ValidationError(_("You can answer once the time box has run out."))
    thumb, _created = LeanCoffeeThumb.objects.update_or_create(
        round=round_, slot=round_.slot, user=user, defaults={"up": up}
    )
    _save(round_)
    return thumb


@transaction.atomic
def lean_coffee_set_minutes(*, item: AgendaItem, user: User, minutes: int) -> LeanCoffeeRound:
    """The facilitator sets the length of the next time boxes (8 minutes unless changed)."""
    round_ = _lock_round(item)
    _refuse_unless(user, "topics.run_lean_coffee", round_.agenda_item.meeting)
    _refuse_if_finished(round_)
    round_.slot_minutes = _minutes(minutes)
    return _save(round_)


@transaction.atomic
def lean_coffee_finish(*, item: AgendaItem, user: User) -> LeanCoffeeRound:
    """End the round; topics not reached stay open on the board with their dots."""
    round_ = _lock_round(item)
    _refuse_unless(user, "topics.run_lean_coffee", round_.agenda_item.meeting)
    _refuse_if_finished(round_)
    if round_.current_topic is not None:
        raise ValidationError(
            _("“%(title)s” is being discussed. Move it to Done before ending the round.")
            % {"title": round_.current_topic.title}
        )
    round_.finished_at = timezone.now()
    return _save(round_)


@transaction.atomic
def thumbs_delete_for_user(*, user: User) -> int:
    """Account deletion: a person's "continue?" answers go with the account (only counts stay visible)."""
    deleted, _rows = LeanCoffeeThumb.objects.filter(user_id=user.pk).delete()
    return deleted
